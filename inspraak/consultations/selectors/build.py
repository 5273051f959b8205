"""Selectors of the consultation's build part."""
