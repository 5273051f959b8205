"""The one way a records view gets its body, meeting or agreement from the URL: 404 outside the person's regions
(and for a meeting or agreement of another body), 403 inside when the check says no."""

from __future__ import annotations

from inspraak.meetings.access import access_meeting as _meeting_from_url
from inspraak.records import permissions, selectors
from inspraak.regions.access import body_from_url


def access_body(request, region: str, body: str, check=permissions.can_view_records):
    return body_from_url(request, region, body, check)


def access_meeting(request, region: str, body: str, pk: int, check=permissions.can_view_records):
    return _meeting_from_url(request, region, body, pk, check)


def access_agreement(request, region: str, body: str, pk: int, check=permissions.can_view_records):
    return selectors.agreement_in(body_from_url(request, region, body, check), pk)
