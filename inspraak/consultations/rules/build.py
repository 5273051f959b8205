"""Rules of the consultation's build part."""
