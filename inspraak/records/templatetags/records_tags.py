"""Template tags that put parts of the meeting record on other apps' pages (meeting page, agenda, topic page).

    {% load records_tags %}
    {% meeting_record meeting %}   on meetings/meeting_detail.html
    {% open_agreements body %}     open agreements now
    {% open_agreements body meeting=meeting %}  on the agenda page: for a past meeting as they stood on its day
    {% topic_outcome topic %}      on topics/topic_detail.html

Each checks the permission of the logged-in person and runs a fixed number of queries.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import timezone

from inspraak.records import permissions, selectors

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("records/_meeting_record.html", takes_context=True)
def meeting_record(context, meeting):
    """Links to the minutes, the feedback report and attendance, with their state. 2-3 queries."""
    user, body = _user(context), meeting.body
    if not permissions.can_view_records(user, body):
        return {"record": None}
    minutes = selectors.minutes_of(meeting)
    report = selectors.feedback_of(meeting)
    readable_report = report is not None and permissions.can_read_feedback(user, body, report)
    kwargs = {"region": body.region.slug, "body": body.slug, "pk": meeting.pk}
    return {
        "meeting": meeting,
        "record": {
            "minutes_url": reverse("records:minutes", kwargs=kwargs),
            "minutes_status": minutes.get_status_display()
            if minutes is not None and permissions.can_read_minutes(user, body, minutes)
            else "",
            "report_url": reverse("records:feedback", kwargs=kwargs)
            if readable_report or permissions.can_write_feedback(user, body)
            else "",
            # The day the email reached the GR, not the day it was handed to the outbox (see ADR 0012).
            "report_sent": readable_report and report.sent_on is not None,
            "report_delivered_on": report.delivered_on if readable_report else None,
            "report_failed": readable_report and report.delivery_failed and permissions.can_write_feedback(user, body),
            "attendance_url": reverse("records:attendance", kwargs=kwargs)
            if permissions.can_record_attendance(user, body)
            else "",
            "public_url": reverse("publicmeetings:meeting", kwargs=kwargs),
        },
    }


@register.inclusion_tag("records/_open_agreements.html", takes_context=True)
def open_agreements(context, body, meeting=None):
    """Open agreements of the body ("nakomen van afspraken"), overdue ones marked. With a ``meeting`` that was
    before today: the agreements that were open on its day, as they stood then (B13). 1 query."""
    if not permissions.can_view_records(_user(context), body):
        return {"open_agreements": None, "hidden": True}
    as_of = None
    if meeting is not None and timezone.localtime(meeting.starts_at).date() < timezone.localdate():
        as_of = timezone.localtime(meeting.starts_at).date()
        rows = selectors.agreements_as_of(meeting)
    else:
        rows = selectors.open_agreements(body)
    return {"open_agreements": rows, "as_of": as_of, "body": body, "region": body.region}


@register.inclusion_tag("records/_topic_outcome.html")
def topic_outcome(topic):
    """The feedback report of the topic's meeting and the GR's reactions (the topic page is already permission
    checked: the submitter and the supporters). 2-3 queries."""
    return {"outcome": selectors.topic_outcome(topic), "topic": topic}
