"""Rules of the consultation's results part."""
