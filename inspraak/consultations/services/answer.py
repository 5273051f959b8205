"""Services of the consultation's answer part."""
