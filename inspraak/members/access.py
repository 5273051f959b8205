"""How a members view gets the membership from the URL: 404 outside the person's regions or this body, 403 when
the permission check says no (the body first, as regions.access.body_from_url does)."""

from __future__ import annotations

from inspraak.members import permissions, selectors
from inspraak.members.models import Membership
from inspraak.regions.access import body_from_url


def access_membership(request, region: str, body: str, pk: int, *, check=permissions.can_manage_members) -> Membership:
    """Membership ``pk`` of the body in the URL, for someone for whom ``check(user, body)`` holds (default: who
    manages the body's members)."""
    return selectors.membership_in(body_from_url(request, region, body, check), pk)
