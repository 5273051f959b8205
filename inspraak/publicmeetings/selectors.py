"""Reads for the public side of meetings: the calendar, a meeting's public agenda, minutes and feedback report, and
the JSON API. Public data only, never a client's name. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils import timezone

from inspraak.agenda import selectors as agenda_selectors
from inspraak.agenda.models import AgendaItem
from inspraak.agenda.permissions import PUBLISHED_STATUSES
from inspraak.core.links import absolute_url
from inspraak.core.readability import from_score
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.records.models import FeedbackRecommendation, FeedbackReport, Minutes, MinutesStatus
from inspraak.records.selectors import with_delivery
from inspraak.regions.models import Body


def calendar(body: Body, *, today: datetime.date | None = None) -> dict:
    """Upcoming meetings and those of the past twelve months. 1 query."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=365)
    meetings = list(Meeting.objects.filter(body=body, starts_at__date__gte=since).order_by("starts_at", "pk"))
    for meeting in meetings:
        meeting.body = body
    now = timezone.now()
    return {
        "upcoming": [m for m in meetings if m.ends_at >= now],
        "past": [m for m in reversed(meetings) if m.ends_at < now],
    }


def agenda_is_public(meeting: Meeting) -> bool:
    """The agenda is public once published (also when held or its minutes approved); never for a cancelled one."""
    return meeting.status in PUBLISHED_STATUSES


def public_agenda(meeting: Meeting) -> list[AgendaItem]:
    """The items of a public agenda in order, each with its public documents only (``item.shown_documents``).
    Empty while the agenda is not public. 2 queries (none when not public)."""
    if not agenda_is_public(meeting):
        return []
    return agenda_selectors.meeting_agenda(meeting, documents="public")["items"]


def public_minutes(meeting: Meeting) -> Minutes | None:
    """The public version of approved minutes that were made public. 1 query."""
    minutes = (
        Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED, public=True)
        .only("pk", "meeting_id", "public_text", "public_text_readability", "approved_on", "status", "public")
        .first()
    )
    if minutes is not None:
        minutes.meeting = meeting
        minutes.readability = from_score(minutes.public_text_readability)
    return minutes


def _public_reports():
    return with_delivery(FeedbackReport.objects.filter(public=True, sent_on__isnull=False)).prefetch_related(
        Prefetch("recommendations", queryset=FeedbackRecommendation.objects.order_by("number", "pk"), to_attr="items")
    )


def public_feedback(meeting: Meeting) -> FeedbackReport | None:
    """A report sent to the GR and marked public, with its recommendations. 2 queries (1 when there is none)."""
    report = _public_reports().filter(meeting=meeting).defer("sent_to", "written_by").first()
    if report is not None:
        report.meeting = meeting
    return report


# ---------------------------------------------------------------- JSON


def _body_json(body: Body) -> dict:
    return {"region": body.region.slug, "slug": body.slug, "name": body.name}


def _minutes_json(minutes: Minutes | None) -> dict | None:
    if minutes is None:
        return None
    return {"approved_on": minutes.approved_on.isoformat(), "text": minutes.public_text}


def _report_json(report: FeedbackReport | None) -> dict | None:
    if report is None:
        return None
    return {
        # The day the email reached the GR's mail server; null while it is still on its way.
        "sent_on": report.delivered_on.isoformat() if report.delivered_on else None,
        "topics": report.topics_text,
        "views": report.views_text,
        "agreements": report.agreements_text,
        "recommendations": [
            {
                "number": rec.number,
                "text": rec.text,
                "reaction": rec.reaction or None,
                "reaction_text": rec.reaction_text,
                "reacted_on": rec.reacted_on.isoformat() if rec.reacted_on else None,
            }
            for rec in report.items
        ],
    }


def _meeting_row(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "status": meeting.status,
        "starts_at": timezone.localtime(meeting.starts_at).isoformat(),
        "ends_at": timezone.localtime(meeting.ends_at).isoformat(),
        "place": meeting.place_name,
        "cancel_reason": meeting.cancel_reason if meeting.status == MeetingStatus.CANCELLED else "",
        "agenda_published": agenda_is_public(meeting),
    }


def api_meetings(body: Body) -> dict:
    """Every meeting of a body with status and dates, the public minutes and public feedback reports. 4 queries."""
    meetings = list(Meeting.objects.filter(body=body).order_by("starts_at", "pk"))
    ids = [m.pk for m in meetings]
    minutes = {
        m.meeting_id: m
        for m in Minutes.objects.filter(meeting_id__in=ids, status=MinutesStatus.APPROVED, public=True).only(
            "meeting_id", "public_text", "approved_on"
        )
    }
    reports = {
        r.meeting_id: r
        for r in _public_reports()
        .filter(meeting_id__in=ids)
        .only("pk", "meeting_id", "topics_text", "views_text", "agreements_text", "sent_on")
    }
    rows = [
        {
            **_meeting_row(meeting),
            "minutes": _minutes_json(minutes.get(meeting.pk)),
            "feedback_report": _report_json(reports.get(meeting.pk)),
        }
        for meeting in meetings
    ]
    return {"body": _body_json(body), "meetings": rows}


def _item_json(item: AgendaItem) -> dict:
    body = item.meeting.body
    return {
        "position": item.position,
        "title": item.title,
        "summary": item.summary,
        "time": item.starts_at.strftime("%H:%M") if item.starts_at else None,
        "source": item.source,
        "source_label": str(item.get_source_display()),
        "municipality": item.requested_by_municipality.name if item.requested_by_municipality else None,
        "documents": [
            {
                "id": doc.pk,
                "title": doc.title,
                "summary": doc.summary,
                "type": doc.extension or "pagina",
                "size": doc.size,
                "available_at": timezone.localtime(doc.available_at).isoformat(),
                "url": absolute_url("agenda:document", body.region.slug, body.slug, doc.pk),
            }
            for doc in item.shown_documents
        ],
    }


def api_meeting(meeting: Meeting) -> dict:
    """One meeting for everyone: time and place, its public agenda with public documents, the public minutes and a
    public feedback report. No names. 5 queries."""
    body = meeting.body
    args = (body.region.slug, body.slug, meeting.pk)
    return {
        "body": _body_json(body),
        "meeting": {
            **_meeting_row(meeting),
            "address": meeting.address,
            "accessibility": meeting.accessibility,
            "online": bool(meeting.online_url),  # the link itself is only in the invitation
            "url": absolute_url("publicmeetings:meeting", *args),
            "agenda_url": absolute_url("publicmeetings:agenda", *args) if agenda_is_public(meeting) else None,
        },
        "items": [_item_json(item) for item in public_agenda(meeting)],
        "minutes": _minutes_json(public_minutes(meeting)),
        "feedback_report": _report_json(public_feedback(meeting)),
    }
