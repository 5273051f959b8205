"""The public side of a body's meetings: the calendar, a calendar file per meeting, the public agenda, the meeting
page with public minutes and feedback report, and their JSON. No login; never a client's name."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from inspraak.core.breadcrumbs import trail
from inspraak.core.links import absolute_url
from inspraak.meetings import ics
from inspraak.meetings import selectors as meeting_selectors
from inspraak.meetings.models import MeetingStatus
from inspraak.publicmeetings import selectors
from inspraak.records.models import FeedbackRecommendation
from inspraak.regions import selectors as region_selectors


def _crumbs(body, *steps: tuple[str, str]) -> list[dict]:
    """Region › body › ``steps`` (the public pages of the body)."""
    return trail((body.region.name, body.region.get_absolute_url()), (body.name, body.get_absolute_url()), *steps)


def _calendar_step(body) -> tuple[str, str]:
    return (_("Bijeenkomsten"), reverse("publicmeetings:calendar", args=[body.region.slug, body.slug]))


def _public_meeting(region: str, body: str, pk: int, *, agenda: bool = False):
    """The body and its meeting from the URL (404 when unknown); with ``agenda``, 404 unless the agenda is public."""
    found = region_selectors.body_by_slugs(region, body)
    meeting = meeting_selectors.meeting_in(found, pk)
    if agenda and not selectors.agenda_is_public(meeting):
        raise Http404
    return found, meeting


@require_safe
def calendar(request, region, body):
    body = region_selectors.body_by_slugs(region, body)
    return render(
        request,
        "publicmeetings/calendar.html",
        {
            "body": body,
            "region": body.region,
            **selectors.calendar(body),
            "breadcrumbs": _crumbs(body, (_("Bijeenkomsten"), "")),
        },
    )


@require_safe
def meeting_ics(request, region, body, pk):
    """The meeting as a calendar file. Time and place are public; cancelled meetings give a cancellation."""
    body, meeting = _public_meeting(region, body, pk)
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "PUBLISH"
    url = absolute_url("publicmeetings:calendar", body.region.slug, body.slug)
    response = HttpResponse(ics.meeting_calendar(meeting, method=method, url=url), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{meeting.pk}.ics"'
    return response


@require_safe
def agenda(request, region, body, pk):
    """The published agenda of a meeting with its public documents."""
    body, meeting = _public_meeting(region, body, pk, agenda=True)
    return render(
        request,
        "publicmeetings/agenda.html",
        {
            "body": body,
            "region": body.region,
            "meeting": meeting,
            "items": selectors.public_agenda(meeting),
            "breadcrumbs": _crumbs(body, _calendar_step(body), (_("Agenda"), "")),
        },
    )


@require_safe
def meeting_page(request, region, body, pk):
    """A meeting for everyone: time and place, the published agenda with public documents, the public version of
    approved minutes and a feedback report marked public."""
    body, meeting = _public_meeting(region, body, pk)
    return render(
        request,
        "publicmeetings/meeting.html",
        {
            "body": body,
            "region": body.region,
            "meeting": meeting,
            "items": selectors.public_agenda(meeting),
            "minutes": selectors.public_minutes(meeting),
            "report": selectors.public_feedback(meeting),
            "reaction_labels": dict(FeedbackRecommendation.Reaction.choices),
            "breadcrumbs": _crumbs(body, _calendar_step(body), (str(meeting), "")),
        },
    )


# ---------------------------------------------------------------- the former JSON URLs (ADR 19)


def _moved(request, url_name: str, **kwargs) -> HttpResponseRedirect:
    """A permanent redirect (308) to the endpoint's path in inspraak.api, with the same query string."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(reverse(url_name, kwargs=kwargs) + (f"?{query}" if query else ""), status=308)


@require_safe
def api_meetings(request, region, body):
    """Moved to ``/api/v1/organen/<region>/<body>/bijeenkomsten`` (no trailing slash)."""
    return _moved(request, "api:meetings", region=region, body=body)


@require_safe
def api_meeting(request, region, body, pk):
    """Moved to ``/api/v1/organen/<region>/<body>/bijeenkomsten/<id>``."""
    return _moved(request, "api:meeting", region=region, body=body, pk=pk)


@require_safe
def api_agenda(request, region, body, pk):
    """The former agenda endpoint: a permanent redirect to the meeting's endpoint, which holds the same fields (and
    more). Still 404 for a meeting whose agenda is not public, as before."""
    _public_meeting(region, body, pk, agenda=True)
    return _moved(request, "api:meeting", region=region, body=body, pk=pk)
