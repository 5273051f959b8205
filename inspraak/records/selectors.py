"""Reads for attendance, minutes, agreements, feedback reports and the public meeting pages.

Each function runs a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime

from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.accounts.models import Role, RoleAssignment, User
from inspraak.agenda.models import AgendaItem
from inspraak.core import names
from inspraak.core.prepared import fields_of, instances, prepared_rows
from inspraak.core.readability import from_score
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members import selectors as member_selectors
from inspraak.records import rules
from inspraak.records.models import (
    Agreement,
    Attendance,
    FeedbackRecommendation,
    FeedbackReport,
    Minutes,
    MinutesStatus,
    RecordEvent,
)
from inspraak.regions.models import Body
from inspraak.topics.models import Topic


def meeting_path(url_name: str, meeting: Meeting) -> str:
    body = meeting.body
    return reverse(url_name, kwargs={"region": body.region.slug, "body": body.slug, "pk": meeting.pk})


ACTION_LABELS = {
    "create": _("Geschreven"),
    "status": _("Status gewijzigd"),
    "public": _("Openbare versie online gezet"),
    "private": _("Openbare versie offline gehaald"),
    "send": _("Verstuurd aan de GR"),
    "reaction": _("Reactie van de GR"),
}


def _status_labels() -> dict[str, str]:
    return {
        **dict(MinutesStatus.choices),
        **dict(Agreement.Status.choices),
        **dict(FeedbackRecommendation.Reaction.choices),
        "verstuurd": _("Verstuurd"),
    }


def history(target: str, target_id: int) -> list[RecordEvent]:
    """The status steps of one minutes, agreement, report or recommendation, with Dutch labels. 1 query."""
    labels = _status_labels()
    events = list(
        RecordEvent.objects.filter(target=target, target_id=target_id).select_related("by").order_by("at", "pk")
    )
    for event in events:
        event.action_label = ACTION_LABELS.get(event.action, event.action)
        event.from_label = labels.get(event.from_status, event.from_status)
        event.to_label = labels.get(event.to_status, event.to_status)
    return events


# ---------------------------------------------------------------- attendance


def attendance_people_ids(meeting: Meeting) -> set[int]:
    """Who can be recorded: people with a member role in the body, and anyone with a row already. 2 queries."""
    members = RoleAssignment.objects.filter(body_id=meeting.body_id, role=Role.MEMBER).values_list("user_id", flat=True)
    recorded = Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True)
    return set(members) | set(recorded)


def attendance_sheet(meeting: Meeting) -> list[tuple[User, str]]:
    """(person, recorded presence or "") for every member, by name. 2 queries."""
    recorded = {a.user_id: a for a in Attendance.objects.filter(meeting=meeting).select_related("user")}
    people = {
        r.user_id: r.user
        for r in RoleAssignment.objects.filter(body_id=meeting.body_id, role=Role.MEMBER).select_related("user")
    }
    for user_id, row in recorded.items():
        people.setdefault(user_id, row.user)
    rows = [(user, recorded[user.pk].presence if user.pk in recorded else "") for user in people.values()]
    rows.sort(key=lambda row: (row[0].name.casefold(), row[0].pk))
    return rows


def attendance_counts(meeting: Meeting) -> list[tuple[str, str, int]]:
    """(value, label, count) per presence, without names. 1 query."""
    counts = dict.fromkeys(Attendance.Presence.values, 0)
    for presence in Attendance.objects.filter(meeting=meeting).values_list("presence", flat=True):
        counts[presence] += 1
    return [(value, label, counts[value]) for value, label in Attendance.Presence.choices]


# ---------------------------------------------------------------- minutes


def minutes_of(meeting: Meeting) -> Minutes | None:
    """1 query."""
    minutes = Minutes.objects.filter(meeting=meeting).select_related("approved_at_meeting").first()
    if minutes is not None:
        minutes.meeting = meeting
        minutes.readability = from_score(minutes.public_text_readability)
    return minutes


def private_client_names(body: Body) -> list[str]:
    """Names that a public text of ``body`` must not contain (members.selectors.private_client_names). 2 queries."""
    return member_selectors.private_client_names(body)


def names_in_public_minutes(minutes: Minutes) -> list[str]:
    """The words of the public version of ``minutes`` (from ``minutes_of``) that name a client who did not agree
    to be named publicly (inspraak.core.names), as written. 2 queries."""
    return names.fragments([minutes.public_text], private_client_names(minutes.meeting.body))


def names_in_public_feedback(report: FeedbackReport) -> list[str]:
    """The words of a public feedback report (from ``feedback_of``: topics, views, agreements, recommendations)
    that name a client who did not agree to be named publicly, as written. 2 queries."""
    texts = [report.topics_text, report.views_text, report.agreements_text, *(item.text for item in report.items)]
    return names.fragments(texts, private_client_names(report.meeting.body))


def approval_meetings(meeting: Meeting) -> list[Meeting]:
    """Later meetings of the body that have started and were not cancelled: where the minutes can be approved.
    1 query."""
    rows = list(
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__gt=meeting.starts_at, starts_at__lte=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )
    for row in rows:
        row.body = meeting.body
    return rows


# ---------------------------------------------------------------- agreements


def _mark(agreements: list[Agreement], body: Body, today: datetime.date) -> list[Agreement]:
    for agreement in agreements:
        agreement.body = body
        agreement.overdue = rules.is_overdue(status=agreement.status, due_on=agreement.due_on, today=today)
    return agreements


def open_agreements(body: Body, *, today: datetime.date | None = None) -> list[Agreement]:
    """Open agreements of the body, soonest date first (those without a date last), each with ``overdue``.
    They belong on every next agenda until done. 1 query."""
    today = today or timezone.localdate()
    rows = list(
        Agreement.objects.filter(body=body, status=Agreement.Status.OPEN)
        .select_related("meeting")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    return _mark(rows, body, today)


def _agreements_then(body: int, meeting: int, cutoff: datetime.datetime):
    """The body's agreements made before ``cutoff`` (or at an earlier meeting), not at ``meeting``, each with its last
    status step before ``cutoff`` (``status_then``), soonest date first."""
    status_then = (
        RecordEvent.objects.filter(
            target=RecordEvent.Target.AGREEMENT, target_id=OuterRef("pk"), at__lt=cutoff, body=body
        )
        .exclude(to_status="")
        .order_by("-at", "-pk")
        .values("to_status")[:1]
    )
    return (
        Agreement.objects.filter(body_id=body)
        .filter(Q(created_at__lt=cutoff) | Q(meeting__starts_at__lt=cutoff))
        .exclude(meeting_id=meeting)
        .annotate(status_then=Subquery(status_then))
        .order_by(F("due_on").asc(nulls_last=True), "pk")
        .values_list(*fields_of(Agreement), "status_then")
    )


def agreements_as_of(meeting: Meeting) -> list[Agreement]:
    """The agreements that were open on the meeting's day, as they stood then (a past agenda shows these, not
    today's open ones): made before that day (or at an earlier meeting) and not done or cancelled before it. The
    status on that day comes from the agreement's history (the last status step before the day); ``overdue`` is
    measured against the meeting's day. 1 query (core.prepared: every past agenda)."""
    day = timezone.localtime(meeting.starts_at).date()
    cutoff = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    lines = prepared_rows(
        "records.agreements_then", _agreements_then, body=meeting.body_id, meeting=meeting.pk, cutoff=cutoff
    )
    open_then = []
    for row, line in zip(instances(Agreement, lines), lines, strict=True):
        row.status = rules.status_on(status_then=line[-1], status_now=row.status, done_on=row.done_on, day=day)
        if row.status == Agreement.Status.OPEN:
            open_then.append(row)
    return _mark(open_then, meeting.body, day)


def body_agreements(body: Body, *, status: str = "", today: datetime.date | None = None) -> list[Agreement]:
    """All agreements of the body (or one status), open first. 1 query."""
    today = today or timezone.localdate()
    rows = Agreement.objects.filter(body=body).select_related("meeting")
    if status:
        rows = rows.filter(status=status)
    rows = list(rows.order_by("status", F("due_on").asc(nulls_last=True), "pk"))
    return _mark(rows, body, today)


def meeting_agreements(meeting: Meeting, *, today: datetime.date | None = None) -> list[Agreement]:
    """The agreements made at this meeting. 1 query."""
    today = today or timezone.localdate()
    rows = list(Agreement.objects.filter(meeting=meeting).order_by("pk"))
    for row in rows:
        row.meeting = meeting
    return _mark(rows, meeting.body, today)


def agreement_in(body: Body, pk: int) -> Agreement:
    """1 query."""
    agreement = Agreement.objects.filter(body=body, pk=pk).select_related("meeting").first()
    if agreement is None:
        raise Http404
    return _mark([agreement], body, timezone.localdate())[0]


# ---------------------------------------------------------------- feedback report


FEEDBACK_EMAIL = "feedback_report"  # the outbox purpose of the email to the GR (its state shows on the report)


def with_delivery(reports):
    """Annotate each report with the state of its latest email to the GR (``delivery_status``, ``delivered_at``),
    read in the same query, for ``FeedbackReport.delivered_on``."""
    from inspraak.core.models import OutgoingEmail

    latest = OutgoingEmail.objects.filter(purpose=FEEDBACK_EMAIL, object_id=OuterRef("pk")).order_by("-pk")
    return reports.annotate(
        delivery_status=Subquery(latest.values("status")[:1]), delivered_at=Subquery(latest.values("sent_at")[:1])
    )


def _report_of(meeting: Meeting, reports) -> FeedbackReport | None:
    """The first of ``reports`` with its delivery state and its recommendations (``report.items``). 2 queries (1 when
    there is none)."""
    report = (
        with_delivery(reports)
        .prefetch_related(
            Prefetch(
                "recommendations", queryset=FeedbackRecommendation.objects.order_by("number", "pk"), to_attr="items"
            )
        )
        .first()
    )
    if report is not None:
        report.meeting = meeting
    return report


def feedback_of(meeting: Meeting) -> FeedbackReport | None:
    """The report with its recommendations (``report.items``). 2 queries (1 when there is none)."""
    report = _report_of(meeting, FeedbackReport.objects.filter(meeting=meeting))
    if report is not None:
        report.readability = {
            "topics": from_score(report.topics_readability),
            "views": from_score(report.views_readability),
            "agreements": from_score(report.agreements_readability),
        }
    return report


def feedback_prefill(meeting: Meeting) -> dict:
    """Starting texts for a new report: the agenda items (with their plain summary), topics of members discussed at
    the meeting (titles only, never who sent them) and the agreements made. 3 queries."""
    lines = []
    item_topic_ids = set()
    for item in AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"):
        if item.topic_id:
            item_topic_ids.add(item.topic_id)
        lines.append(f"{item.position}. {item.title}" + (f": {item.summary}" if item.summary else ""))
    for title in (
        Topic.objects.filter(meeting=meeting)
        .exclude(pk__in=item_topic_ids)
        .order_by("pk")
        .values_list("title", flat=True)
    ):
        lines.append(f"- {title}")
    agreements = [
        f"- {a.description} ({a.owner}{', ' + a.due_on.strftime('%d-%m-%Y') if a.due_on else ''})"
        for a in Agreement.objects.filter(meeting=meeting).order_by("pk")
    ]
    return {"topics_text": "\n".join(lines), "agreements_text": "\n".join(agreements)}


def topic_outcome(topic: Topic) -> dict | None:
    """What happened with a topic after its meeting: the sent feedback report of that meeting with the GR's reaction
    per recommendation, and whether the minutes were approved. None when the topic was not at a meeting. 3 queries."""
    if not topic.meeting_id:
        return None
    meeting = Meeting.objects.select_related("body", "body__region").filter(pk=topic.meeting_id).first()
    if meeting is None:
        return None
    report = _report_of(meeting, FeedbackReport.objects.filter(meeting=meeting, sent_on__isnull=False))
    return {"meeting": meeting, "report": report, "upcoming": meeting.starts_at > timezone.now()}
