"""Views of the consultation's results part."""
