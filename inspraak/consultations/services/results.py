"""Services of the consultation's results part."""
