"""The one way a claims view gets its group, region or claim from the URL: 404 outside the person's regions (and
for a claim of another group), 403 inside when the check says no."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.claims import permissions, selectors
from inspraak.regions.access import access_region, body_from_url


def access_body(request, region: str, body: str, check=permissions.can_claim):
    return body_from_url(request, region, body, check)


def access_claims_region(request, region: str):
    return access_region(request, region, permissions.can_view_region_claims)


def access_claim(request, region: str, body: str, pk: int, check=permissions.can_view_claim):
    """A claim of the group for who may see it (``check(user, claim)``): 404 outside the region or for a claim of
    another group, 403 inside without the right."""
    found = body_from_url(request, region, body, lambda user, _body: True)
    claim = selectors.claim_in(found, pk)
    if not check(request.user, claim):
        raise PermissionDenied
    return claim
