"""Every URL pattern is reachable: no two patterns answer the same path (one app's page would hide another's)."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


def test_no_two_url_patterns_have_the_same_shape():
    seen: dict[str, str] = {}
    clashes = []
    for route, name in _patterns(get_resolver()):
        shape = re.sub(r"<(?:(\w+):)?\w+>", lambda m: f"<{m.group(1) or 'str'}>", route)
        if shape in seen and seen[shape] != name:
            clashes.append((shape, seen[shape], name))
        seen.setdefault(shape, name)
    assert clashes == []
