"""The one way a meetings view gets its body or meeting from the URL: 404 outside the person's regions (and for a
meeting of another body), 403 inside when the check says no."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from inspraak.accounts.roles import roles_of
from inspraak.meetings import permissions, selectors
from inspraak.regions.access import body_from_url
from inspraak.regions.permissions import can_see_all_regions


def access_body(request, region: str, body: str, check=permissions.can_view_meetings):
    return body_from_url(request, region, body, check)


def access_meeting(request, region: str, body: str, pk: int, check=permissions.can_view_meetings):
    """The meeting with its body, read in one query: 404 outside the person's regions, 403 when ``check(user,
    body)`` says no, then 404 when the body has no such meeting (the same order as reading the body first)."""
    found, meeting = selectors.body_and_meeting(region, body, pk)
    user = request.user
    if not (can_see_all_regions(user) or found.region_id in roles_of(user).region_ids):
        raise Http404
    if not check(user, found):
        raise PermissionDenied
    if meeting is None:
        raise Http404
    return meeting
