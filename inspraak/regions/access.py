"""The one way a region- or body-scoped view gets its object from the URL: 404 outside the person's regions, 403
inside them without the right."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.regions import permissions, selectors


def body_from_url(request, region: str, body: str, check):
    """The body from the URL: 404 outside the person's regions, 403 when ``check(user, body)`` says no."""
    found = selectors.body_for_user(request.user, region, body)
    if not check(request.user, found):
        raise PermissionDenied
    return found


def access_region(request, region: str, check=permissions.can_manage_region):
    """The region from the URL: 404 outside the person's regions, 403 when ``check(user, region)`` says no (by
    default: without the right to manage it)."""
    found = selectors.region_for_user(request.user, region)
    if not check(request.user, found):
        raise PermissionDenied
    return found
