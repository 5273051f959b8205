"""Services of the consultation's build part."""
