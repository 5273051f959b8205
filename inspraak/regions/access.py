"""The one way a body-scoped view gets its body from the URL."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.regions import selectors


def body_from_url(request, region: str, body: str, check):
    """The body from the URL: 404 outside the person's regions, 403 when ``check(user, body)`` says no."""
    found = selectors.body_for_user(request.user, region, body)
    if not check(request.user, found):
        raise PermissionDenied
    return found
