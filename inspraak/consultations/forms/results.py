"""Forms of the consultation's results part."""
