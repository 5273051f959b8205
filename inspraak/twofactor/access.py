"""The one way a beheerder's second-factor view gets the person from the URL: 404 outside the region, 403 inside
it without the right."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.accounts import selectors as accounts
from inspraak.twofactor import permissions


def access_person_to_reset(request, region, pk: int):
    """A person of ``region`` (404 when not there) whose second factor this beheerder may reset (else 403)."""
    person = accounts.person_in_region(region, pk)
    if not permissions.can_reset_second_factor(request.user, person, person.all_region_ids):
        raise PermissionDenied
    return person
