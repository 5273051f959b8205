"""Writes for attendance, minutes, agreements and feedback reports.

Each is atomic, appends a RecordEvent for every status step, writes one audit row (labels name the object type and
number and the body, never a person) and queues emails on commit.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from inspraak.accounts.models import Role
from inspraak.audit.services import audit_record
from inspraak.core import names
from inspraak.core.errors import ServiceError
from inspraak.core.links import absolute_url
from inspraak.core.mail import queue_email
from inspraak.core.readability import score_of
from inspraak.core.versioning import claim_version
from inspraak.letters import notices
from inspraak.letters.models import Letter
from inspraak.letters.notices import Told
from inspraak.meetings import selectors as meeting_selectors
from inspraak.meetings.models import Meeting, MeetingEvent, MeetingStatus
from inspraak.meetings.services import meeting_set_status
from inspraak.records import rules, selectors
from inspraak.records.models import (
    Agreement,
    Attendance,
    FeedbackRecommendation,
    FeedbackReport,
    Minutes,
    MinutesStatus,
    RecordEvent,
)

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body


class RecordError(ServiceError):
    """A step that does not fit the current state; ``code`` picks the Dutch message (the views' ``ERRORS``).
    ``client_named`` carries ``fragments``: the words of the text that name a client."""


_score = score_of


def _label(kind: str, obj, body: Body) -> str:
    return f"{kind} #{obj.pk} – {body.name}"


def _audit(by, action: str, obj, body: Body, kind: str, *, changed=()) -> None:
    audit_record(
        actor=by, action=action, target=obj, region=body.region, changed_fields=changed, label=_label(kind, obj, body)
    )


def _event(body: Body, target: str, target_id: int, action: str, *, by, **extra) -> RecordEvent:
    return RecordEvent.objects.create(body=body, target=target, target_id=target_id, action=action, by=by, **extra)


def _tell_members(
    meeting: Meeting, *, template: str, path: str, kind: str, by: User | None, people=None, **context
) -> Told:
    """Tell every member of the meeting's body (or ``people``): an email with a link, or a letter
    (``<template>_letter.txt``)."""
    return notices.tell_members(
        body=meeting.body,
        people=meeting_selectors.body_people(meeting.body, roles=[Role.MEMBER]) if people is None else people,
        kind=kind,
        template_prefix=f"records/email/{template}",
        context={"meeting": meeting, "url": absolute_url(path), **context},
        path=path,
        object_id=meeting.pk,
        by=by,
    )


# ---------------------------------------------------------------- attendance


@transaction.atomic
def attendance_record(*, meeting: Meeting, presences: dict[int, str], by: User) -> int:
    """Store who was there (user id -> Attendance.Presence). Only people with a member role in the body, or with a
    row already, can be recorded. Returns how many rows changed."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise RecordError("cancelled")
    if meeting.starts_at > timezone.now():
        raise RecordError("not_started")
    allowed = selectors.attendance_people_ids(meeting)
    unknown = set(presences) - allowed
    if unknown:
        raise ValueError("not a member of this body")
    valid = set(Attendance.Presence.values)
    existing = {a.user_id: a for a in Attendance.objects.filter(meeting=meeting)}
    changed = 0
    for user_id, presence in presences.items():
        if presence not in valid:
            raise ValueError(f"unknown presence {presence!r}")
        row = existing.get(user_id)
        if row is None:
            Attendance.objects.create(meeting=meeting, user_id=user_id, presence=presence)
            changed += 1
        elif row.presence != presence:
            row.presence = presence
            row.save(update_fields=["presence"])
            changed += 1
    if changed:
        _audit(by, "attendance.record", meeting, meeting.body, "bijeenkomst", changed=["presence"])
    return changed


# ---------------------------------------------------------------- minutes


def _check_public_text(body: Body, *texts: str) -> None:
    """A text that is (or becomes) public must not name a client without public consent (inspraak.core.names)."""
    found = names.fragments(texts, selectors.private_client_names(body))
    if found:
        raise RecordError("client_named", fragments=found)


@transaction.atomic
def minutes_save(
    *,
    meeting: Meeting,
    text: str,
    public_text: str,
    approve_by: datetime.date | None,
    version: int | None,
    by: User,
) -> Minutes:
    """Write the first draft (``version`` None) or change the minutes based on ``version``.

    A save based on an older version raises RecordError("stale"); approved minutes keep their text (only the
    public version can still change); public minutes must not name a client without public consent.
    """
    if meeting.status == MeetingStatus.CANCELLED:
        raise RecordError("cancelled")
    if meeting.starts_at > timezone.now():
        raise RecordError("not_started")
    body = meeting.body
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        if version is not None:
            raise RecordError("stale")
        minutes = Minutes.objects.create(
            meeting=meeting,
            text=text,
            public_text=public_text,
            public_text_readability=_score(public_text),
            approve_by=approve_by,
            written_by=by,
        )
        _event(body, RecordEvent.Target.MINUTES, minutes.pk, "create", by=by, to_status=minutes.status)
        _audit(by, "minutes.create", minutes, body, "verslag")
        return minutes
    if version is None or version != minutes.version:
        raise RecordError("stale")
    if minutes.status == MinutesStatus.APPROVED and (text != minutes.text or approve_by != minutes.approve_by):
        raise RecordError("approved")
    if minutes.public:
        _check_public_text(body, public_text)
    values = {"text": text, "public_text": public_text, "approve_by": approve_by}
    changed = [name for name, value in values.items() if getattr(minutes, name) != value]
    if not changed:
        return minutes
    # Optimistic lock: the row changes only if nobody saved in between.
    updated = Minutes.objects.filter(pk=minutes.pk, version=version).update(
        **values, public_text_readability=_score(public_text), version=F("version") + 1, updated_at=timezone.now()
    )
    if updated != 1:
        raise RecordError("stale")
    minutes.refresh_from_db()
    _audit(by, "minutes.update", minutes, body, "verslag", changed=changed)
    return minutes


def _minutes_status(minutes: Minutes, status: str, *, by: User, note: str = "", fields=()) -> None:
    previous = minutes.status
    minutes.status = status
    minutes.version += 1
    minutes.save(update_fields=["status", "version", "updated_at", *fields])
    body = minutes.meeting.body
    _event(
        body, RecordEvent.Target.MINUTES, minutes.pk, "status", by=by, from_status=previous, to_status=status, note=note
    )
    _audit(by, "minutes.status", minutes, body, "verslag")


@transaction.atomic
def minutes_share(*, minutes: Minutes, by: User) -> Minutes:
    """Share the draft with the members: members with email get a notice with a link, the others a letter with the
    text and how to react by phone; ``minutes.told`` says how many. Sharing twice raises RecordError("not_draft"),
    so nobody is told twice."""
    # Read the status under a row lock: two clicks at the same moment cannot both share (and tell everyone twice).
    current = Minutes.objects.select_for_update().filter(pk=minutes.pk).values_list("status", flat=True).first()
    if current != MinutesStatus.DRAFT:
        raise RecordError("not_draft")
    minutes.shared_at = timezone.now()
    _minutes_status(minutes, MinutesStatus.SHARED, by=by, fields=("shared_at",))
    meeting = minutes.meeting
    minutes.told = _tell_members(
        meeting,
        template="minutes_shared",
        path=selectors.meeting_path("records:minutes", meeting),
        kind=Letter.Kind.MINUTES,
        by=by,
        minutes=minutes,
    )
    return minutes


@transaction.atomic
def minutes_approve(
    *, minutes: Minutes, by: User, at_meeting: Meeting | None = None, today: datetime.date | None = None
) -> Minutes:
    """Approve shared minutes at a later meeting of the body, or without one once the day to react has passed.

    The meeting moves to "verslag vastgesteld" (through "gehouden" if nobody had set that yet), kept as history.
    """
    today = today or timezone.localdate()
    meeting = minutes.meeting
    if minutes.status != MinutesStatus.SHARED:
        raise RecordError("not_shared")
    if meeting.status == MeetingStatus.CANCELLED:
        raise RecordError("cancelled")
    if at_meeting is None:
        if not rules.deadline_passed(minutes.approve_by, today):
            raise RecordError("deadline_open")
        approved_on, note = today, "deadline"
    else:
        if (
            at_meeting.body_id != meeting.body_id
            or at_meeting.starts_at <= meeting.starts_at
            or at_meeting.status == MeetingStatus.CANCELLED
            or at_meeting.starts_at > timezone.now()
        ):
            raise RecordError("wrong_meeting")
        approved_on, note = timezone.localtime(at_meeting.starts_at).date(), f"bijeenkomst #{at_meeting.pk}"
    minutes.approved_on = approved_on
    minutes.approved_at_meeting = at_meeting
    _minutes_status(minutes, MinutesStatus.APPROVED, by=by, note=note, fields=("approved_on", "approved_at_meeting"))
    if meeting.status in (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED):
        meeting_set_status(meeting=meeting, status=MeetingStatus.HELD, by=by)
    if meeting.status == MeetingStatus.HELD:
        _meeting_minutes_approved(meeting, by=by)
    return minutes


def _meeting_minutes_approved(meeting: Meeting, *, by: User) -> None:
    """Move the meeting to "verslag vastgesteld". Only here: the meetings service refuses it as a plain status
    step, so the calendar says so only once the minutes are approved. Kept as meeting history, with an audit row."""
    previous = meeting.status
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.save(update_fields=["status"])
    MeetingEvent.objects.create(
        meeting=meeting, kind=MeetingEvent.Kind.STATUS, by=by, from_status=previous, to_status=meeting.status
    )
    _audit(by, "meeting.status", meeting, meeting.body, "bijeenkomst")


@transaction.atomic
def minutes_set_public(*, minutes: Minutes, public: bool, by: User) -> Minutes:
    """Publish the public version of approved minutes, or take it offline again."""
    if public == minutes.public:
        return minutes
    body = minutes.meeting.body
    if public:
        if minutes.status != MinutesStatus.APPROVED:
            raise RecordError("not_approved")
        if not minutes.public_text.strip():
            raise RecordError("no_public_text")
        _check_public_text(body, minutes.public_text)
    minutes.public = public
    minutes.version += 1
    minutes.save(update_fields=["public", "version", "updated_at"])
    _event(body, RecordEvent.Target.MINUTES, minutes.pk, "public" if public else "private", by=by)
    _audit(by, "minutes.public" if public else "minutes.private", minutes, body, "verslag")
    return minutes


# ---------------------------------------------------------------- agreements


@transaction.atomic
def agreement_create(
    *, body: Body, description: str, owner: str, by: User, due_on: datetime.date | None = None, meeting=None
) -> Agreement:
    if meeting is not None and meeting.body_id != body.pk:
        raise ValueError("meeting of another body")
    if not description.strip() or not owner.strip():
        raise ValueError("an agreement needs a description and an owner")
    agreement = Agreement.objects.create(
        body=body, meeting=meeting, description=description, owner=owner, due_on=due_on, created_by=by
    )
    _event(body, RecordEvent.Target.AGREEMENT, agreement.pk, "create", by=by, to_status=agreement.status)
    _audit(by, "agreement.create", agreement, body, "afspraak")
    return agreement


@transaction.atomic
def agreement_set_status(
    *,
    agreement: Agreement,
    status: str,
    by: User,
    note: str = "",
    today: datetime.date | None = None,
    version: int | None = None,
) -> Agreement:
    """Mark done or cancelled (a note is required to cancel), or open again. Every step is kept as history.
    Based on ``version``: StaleEdit when someone else changed the agreement since (None: no check)."""
    if status not in Agreement.Status.values:
        raise ValueError(f"unknown status {status!r}")
    if status == agreement.status:
        raise RecordError("same_status")
    if status == Agreement.Status.CANCELLED and not note.strip():
        raise RecordError("note_required")
    previous = agreement.status
    agreement.status = status
    agreement.done_on = (today or timezone.localdate()) if status == Agreement.Status.DONE else None
    agreement.note = note.strip()
    claim_version(agreement, version)
    agreement.save(update_fields=["status", "done_on", "note"])
    body = agreement.body
    _event(
        body,
        RecordEvent.Target.AGREEMENT,
        agreement.pk,
        "status",
        by=by,
        from_status=previous,
        to_status=status,
        note=agreement.note,
    )
    _audit(by, "agreement.status", agreement, body, "afspraak")
    return agreement


# ---------------------------------------------------------------- feedback report


@transaction.atomic
def feedback_save(
    *,
    meeting: Meeting,
    topics_text: str,
    views_text: str,
    recommendations: list[str],
    by: User,
    agreements_text: str = "",
    public: bool = False,
    version: int | None = None,
) -> FeedbackReport:
    """Write or change the report until it is sent. The recommendations are numbered 1, 2, 3 in the given order.
    A change is based on ``version`` (0: the form was opened before there was a report): StaleEdit when someone
    else saved since (None: no check)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise RecordError("cancelled")
    if meeting.starts_at > timezone.now():
        raise RecordError("not_started")
    body = meeting.body
    if public:
        _check_public_text(body, topics_text, views_text, agreements_text, *recommendations)
    values = {
        "topics_text": topics_text,
        "views_text": views_text,
        "agreements_text": agreements_text,
        "public": public,
        "topics_readability": _score(topics_text),
        "views_readability": _score(views_text),
        "agreements_readability": _score(agreements_text),
    }
    report = FeedbackReport.objects.filter(meeting=meeting).first()
    if report is None:
        report = FeedbackReport.objects.create(meeting=meeting, written_by=by, **values)
        action = "feedback.create"
        _event(body, RecordEvent.Target.FEEDBACK, report.pk, "create", by=by)
    else:
        if report.sent_on is not None:
            raise RecordError("sent")
        claim_version(report, version)
        for name, value in values.items():
            setattr(report, name, value)
        report.save(update_fields=list(values))
        report.recommendations.all().delete()
        action = "feedback.update"
    FeedbackRecommendation.objects.bulk_create(
        FeedbackRecommendation(report=report, number=number, text=text)
        for number, text in enumerate(recommendations, start=1)
    )
    _audit(by, action, report, body, "terugkoppeling")
    return report


FEEDBACK_EMAIL = selectors.FEEDBACK_EMAIL


@transaction.atomic
def feedback_send(*, report: FeedbackReport, to: str, by: User, today: datetime.date | None = None) -> FeedbackReport:
    """Send the report to the GR's contact and publish it to the members (members with email get a notice, the
    others a letter with the report); ``report.told`` says how many. Sending twice raises RecordError("sent")."""
    if report.sent_on is not None:
        raise RecordError("sent")
    meeting = report.meeting
    recommendations = list(report.recommendations.order_by("number", "pk"))
    if report.public:  # again when it goes out: consent may have been withdrawn since it was written
        texts = (report.topics_text, report.views_text, report.agreements_text, *(r.text for r in recommendations))
        _check_public_text(meeting.body, *texts)
    report.sent_on = today or timezone.localdate()
    report.sent_to = to
    report.save(update_fields=["sent_on", "sent_to"])
    body = meeting.body
    path = selectors.meeting_path("records:feedback", meeting)
    queue_email(
        to=to,
        template_prefix="records/email/feedback_report",
        context={
            "report": report,
            "recommendations": recommendations,
            "meeting": meeting,
            "body": body,
            "url": absolute_url(path),
        },
        purpose=FEEDBACK_EMAIL,
        object_id=report.pk,
        region=body.region_id,
    )
    report.told = _tell_members(
        meeting,
        template="feedback_sent",
        path=path,
        kind=Letter.Kind.FEEDBACK,
        by=by,
        report=report,
        recommendations=recommendations,
    )
    _event(body, RecordEvent.Target.FEEDBACK, report.pk, "send", by=by, to_status="verstuurd")
    _audit(by, "feedback.send", report, body, "terugkoppeling", changed=["sent_on", "sent_to"])
    return report


@transaction.atomic
def feedback_resend(*, report: FeedbackReport, by: User) -> None:
    """Try the email to the GR again after delivery failed for good ("niet gelukt")."""
    from inspraak.core import outbox
    from inspraak.core.selectors import email_about

    email = email_about(FEEDBACK_EMAIL, report.pk)
    if report.sent_on is None or email is None or email.status != email.Status.FAILED:
        raise RecordError("not_failed")
    outbox.retry(email=email, by=by)


@transaction.atomic
def reaction_record(
    *,
    recommendation: FeedbackRecommendation,
    reaction: str,
    by: User,
    reaction_text: str = "",
    today: datetime.date | None = None,
) -> FeedbackRecommendation:
    """The GR's reaction to one recommendation of a sent report. A reason is required unless it was adopted.
    A changed reaction is kept as history. When this reaction is the last one missing, the GR has responded: the
    members are told (email or letter) and so are the secretary and facilitator (email); ``recommendation.told``
    says how many members (None when nobody was told). Only that first complete response tells anyone: a changed
    reaction or the same form sent twice does not."""
    # One at a time per report, so two reactions saved at the same moment cannot both (or neither) be "the last".
    report = FeedbackReport.objects.select_for_update().get(pk=recommendation.report_id)
    recommendation.report = report
    recommendation.told = None
    if report.sent_on is None:
        raise RecordError("not_sent")
    if reaction not in FeedbackRecommendation.Reaction.values:
        raise ValueError(f"unknown reaction {reaction!r}")
    reaction_text = reaction_text.strip()
    if reaction != FeedbackRecommendation.Reaction.ADOPTED and not reaction_text:
        raise RecordError("reason_required")
    if (reaction, reaction_text) == (recommendation.reaction, recommendation.reaction_text):
        return recommendation
    if report.public:
        _check_public_text(report.meeting.body, reaction_text)
    previous = recommendation.reaction
    recommendation.reaction = reaction
    recommendation.reaction_text = reaction_text
    recommendation.reacted_on = today or timezone.localdate()
    recommendation.save(update_fields=["reaction", "reaction_text", "reacted_on"])
    body = report.meeting.body
    _event(
        body,
        RecordEvent.Target.RECOMMENDATION,
        recommendation.pk,
        "reaction",
        by=by,
        from_status=previous,
        to_status=reaction,
        note=reaction_text,
    )
    _audit(by, "feedback.reaction", recommendation, body, "aanbeveling")
    if not previous and not report.recommendations.filter(reaction="").exists():
        recommendation.told = _tell_reacted(report, by=by)
    return recommendation


def _tell_reacted(report: FeedbackReport, *, by: User | None) -> Told:
    """The GR responded to every recommendation: tell the members and the body's secretary and facilitator."""
    meeting = report.meeting
    path = selectors.meeting_path("records:feedback", meeting)
    recommendations = list(report.recommendations.order_by("number", "pk"))
    members = meeting_selectors.body_people(meeting.body, roles=[Role.MEMBER])
    told = _tell_members(
        meeting,
        people=members,
        template="feedback_reacted",
        path=path,
        kind=Letter.Kind.FEEDBACK,
        by=by,
        report=report,
        recommendations=recommendations,
    )
    notices.tell_staff(
        body=meeting.body,
        people=meeting_selectors.body_people(meeting.body, roles=[Role.SECRETARY, Role.FACILITATOR]),
        template_prefix="records/email/feedback_reacted",
        context={"meeting": meeting, "url": absolute_url(path), "report": report, "recommendations": recommendations},
        skip=[person.pk for person in members] + ([by.pk] if by is not None else []),
    )
    return told
