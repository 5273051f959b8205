"""Absolute links for emails, calendar files, letters and the JSON API: ``settings.SITE_URL`` plus a path."""

from __future__ import annotations

from collections.abc import Callable

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


_STAND_IN = 987654321  # fits every converter a row's key uses (<int:...>, <slug:...>)


def url_filler(name: str, fill: str, **kwargs) -> Callable[[object], str]:
    """``value -> URL`` for the rows of a long list: ``reverse(name)`` once, with a stand-in for the keyword ``fill``
    (the row's pk or slug), then each row's value takes its place. A list of hundreds of rows pays one reverse()."""
    prefix, _stand_in, suffix = reverse(name, kwargs={**kwargs, fill: _STAND_IN}).rpartition(str(_STAND_IN))
    return lambda value: f"{prefix}{value}{suffix}"
