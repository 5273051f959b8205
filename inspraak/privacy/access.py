"""The one way a privacy view gets the person from the URL: 404 outside the region, 403 inside it without the
right."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.privacy import selectors
from inspraak.privacy.permissions import can_export_own_data


def access_own_data(request):
    """The logged-in person themself, if they may see their own data (else 403)."""
    if not can_export_own_data(request.user):
        raise PermissionDenied
    return request.user


def access_person_data(request, region, pk: int, check):
    """The person of ``region`` (404 when not there), if ``check(user, person, data_region_ids)`` allows it for
    every region that holds their data (else 403)."""
    person = selectors.person_for_request(region, pk)
    if not check(request.user, person, person.data_region_ids):
        raise PermissionDenied
    return person
