"""Absolute links for emails, calendar files, letters and the JSON API: ``settings.SITE_URL`` plus a path."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(path_or_name: str, *args, **kwargs) -> str:
    """The full link to a path (``"/r/..."``) or to a URL name with its arguments (``"accounts:login"``)."""
    path = (
        path_or_name
        if path_or_name.startswith("/")
        else reverse(path_or_name, args=args or None, kwargs=kwargs or None)
    )
    return settings.SITE_URL.rstrip("/") + path
