"""How an officer's view gets its region or proposal from the URL: 404 outside the person's regions, 403 inside
without the right (the ``check`` from policy.permissions)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.policy import selectors
from inspraak.regions import selectors as region_selectors


def access_scope(request, region: str):
    """The region from the URL (404 outside the person's regions) and the person's policy scope in it."""
    found = region_selectors.region_for_user(request.user, region)
    return found, selectors.scope_for(request.user, found)


def access_proposal(request, region: str, pk: int, check):
    """A proposal of the region (404 otherwise); 403 when ``check(user, proposal)`` says no."""
    found = selectors.proposal_in(region_selectors.region_for_user(request.user, region), pk)
    if not check(request.user, found):
        raise PermissionDenied
    return found
