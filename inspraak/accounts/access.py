"""The one way a people-management view gets its region and person from the URL: 404 outside the person's
regions, 403 inside them without the right."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.accounts import selectors
from inspraak.accounts.permissions import can_manage_people
from inspraak.regions.access import access_region


def access_people(request, region: str):
    """The region from the URL, if this person manages its people (404 outside their regions, else 403)."""
    return access_region(request, region, check=can_manage_people)


def access_person(request, region, pk: int, check=None):
    """A person of ``region`` (404 when not), with ``data_region_ids`` (selectors.person_with_data_regions); 403
    when ``check(user, person)`` says no.

    Account actions check against every region that holds data about the person (as the data export does): taking
    over the account would show all of it."""
    person = selectors.person_with_data_regions(region, pk)
    if check is not None and not check(request.user, person):
        raise PermissionDenied
    return person
