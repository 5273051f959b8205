"""The one way a meetings view gets its body or meeting from the URL: 404 outside the person's regions (and for a
meeting of another body), 403 inside when the check says no."""

from __future__ import annotations

from inspraak.meetings import permissions, selectors
from inspraak.regions.access import body_from_url


def access_body(request, region: str, body: str, check=permissions.can_view_meetings):
    return body_from_url(request, region, body, check)


def access_meeting(request, region: str, body: str, pk: int, check=permissions.can_view_meetings):
    return selectors.meeting_in(body_from_url(request, region, body, check), pk)
