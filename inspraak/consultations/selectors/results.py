"""Selectors of the consultation's results part."""
