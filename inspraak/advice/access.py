"""How an advice view gets its object from the URL: 404 outside the person's regions (or when the object is not of
the body or region), 403 inside them without the right (the ``check`` from advice.permissions)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.advice import permissions, selectors
from inspraak.regions import selectors as region_selectors
from inspraak.regions.access import body_from_url


def access_body_request(request, region: str, body: str, pk: int, check):
    """An advice request to the body from the URL; 403 when ``check(user, body)`` says no."""
    return selectors.request_in(body_from_url(request, region, body, check), pk)


def access_body_advice(request, region: str, body: str, pk: int, check=None):
    """An advice of the body from the URL; 403 when the person may not see it (a draft for anyone outside the body)
    or may not do this step (``check(user, body)``)."""
    found = selectors.advice_in(region_selectors.body_for_user(request.user, region, body), pk)
    if not permissions.can_view_advice(request.user, found):
        raise PermissionDenied
    if check is not None and not check(request.user, found.body):
        raise PermissionDenied
    return found


def access_request(request, region: str, pk: int, check):
    """An advice request of the region (the officer's side); 403 when ``check(user, advice_request)`` says no."""
    found = selectors.request_in_region(region_selectors.region_for_user(request.user, region), pk)
    if not check(request.user, found):
        raise PermissionDenied
    return found


def access_advice(request, region: str, pk: int, check):
    """An advice of the region (the officer's side); 403 when ``check(user, advice)`` says no."""
    found = selectors.advice_in_region(region_selectors.region_for_user(request.user, region), pk)
    if not check(request.user, found):
        raise PermissionDenied
    return found
