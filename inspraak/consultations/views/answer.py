"""Views of the consultation's answer part."""
