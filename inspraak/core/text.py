"""Small text helpers shared by services."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.text import slugify


def unique_slug(name: str, exists: Callable[[str], bool], max_length: int = 80) -> str:
    """A slug from ``name`` that ``exists`` does not know yet: name, name-2, name-3, …"""
    base = (slugify(name) or "item")[: max_length - 4].strip("-") or "item"
    slug, n = base, 1
    while exists(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug
