"""Rules of the consultation's answer part."""
