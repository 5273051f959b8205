"""Forms of the consultation's answer part."""
