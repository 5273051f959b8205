"""Views of the consultation's build part."""
