"""Absolute links for emails, calendar files, letters and the JSON API: ``settings.SITE_URL`` plus a path."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def absolute_url(path_or_name: str, *args, **kwargs) -> str:
    """The full link to a path (``"/r/..."``) or to a URL name with its arguments (``"accounts:login"``)."""
    path = (
        path_or_name
        if path_or_name.startswith("/")
        else reverse(path_or_name, args=args or None, kwargs=kwargs or None)
    )
    return settings.SITE_URL.rstrip("/") + path


_STAND_IN = 987654321  # fits every converter a row's key uses (<int:...>, <slug:...>)


def url_template(name: str, *fills: str, **kwargs) -> Callable[..., str]:
    """``(*values) -> URL`` for the rows of a long list: ``reverse(name)`` once, with a stand-in for each keyword in
    ``fills`` (a row's pk, slug, its body's slug...), then each row's values take their places, in the order of
    ``fills``. A list of hundreds of rows pays one reverse(). A URL in which the stand-ins cannot be found once each
    (a converter that rejects them) is reversed for every row instead."""
    stand_ins = [str(_STAND_IN + i) for i in range(len(fills))]
    try:
        url = reverse(name, kwargs={**kwargs, **{fill: int(s) for fill, s in zip(fills, stand_ins, strict=True)}})
    except NoReverseMatch:
        url = ""
    pieces = re.split("(" + "|".join(stand_ins) + ")", url) if stand_ins else [url]
    places = [stand_ins.index(piece) for piece in pieces if piece in stand_ins]
    if not url or sorted(places) != list(range(len(fills))):
        return lambda *values: reverse(name, kwargs={**kwargs, **dict(zip(fills, values, strict=True))})
    parts = [stand_ins.index(piece) if piece in stand_ins else piece for piece in pieces]
    return lambda *values: "".join(part if isinstance(part, str) else str(values[part]) for part in parts)


def url_filler(name: str, fill: str, **kwargs) -> Callable[[object], str]:
    """``value -> URL`` for the rows of a long list: ``url_template`` with one stand-in (the row's pk or slug)."""
    return url_template(name, fill, **kwargs)
