"""The one way an agenda view gets its body, meeting or document from the URL: 404 outside the person's regions (and
for a meeting or document of another body), 403 inside when the check says no."""

from __future__ import annotations

from inspraak.agenda import permissions, selectors
from inspraak.meetings.access import access_meeting as _meeting_from_url
from inspraak.regions.access import body_from_url


def access_body(request, region: str, body: str, check=permissions.can_edit_agenda):
    return body_from_url(request, region, body, check)


def access_meeting(request, region: str, body: str, pk: int, check=permissions.can_view_agenda):
    return _meeting_from_url(request, region, body, pk, check)


def access_document(request, region: str, body: str, pk: int, check=permissions.can_edit_agenda):
    """A document of one of the body's meetings, with its item and meeting."""
    return selectors.document_in(body_from_url(request, region, body, check), pk)
