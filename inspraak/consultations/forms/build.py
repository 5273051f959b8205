"""Forms of the consultation's build part."""
