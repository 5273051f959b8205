"""Selectors of the consultation's answer part."""
