"""Writes for meetings. Each is atomic, appends history, writes an audit row and queues emails on commit."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction

from inspraak.accounts.models import Role
from inspraak.audit.services import audit_record
from inspraak.core.errors import ServiceError
from inspraak.core.links import absolute_url
from inspraak.core.versioning import claim_version
from inspraak.letters import notices
from inspraak.letters.models import Letter
from inspraak.letters.notices import Told
from inspraak.meetings import ics, rules, selectors
from inspraak.meetings.models import Meeting, MeetingEvent, MeetingStatus

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body

FIELDS = ("title", "starts_at", "ends_at", "place_name", "address", "accessibility", "online_url")
# Changing these after members were told means a new calendar version for them.
ANNOUNCED_FIELDS = frozenset({"starts_at", "ends_at", "place_name", "address", "online_url"})
# Who hears about a change or cancellation: everyone with a role in the body (members, secretary, facilitator).
INVITED = (Role.MEMBER, Role.SECRETARY, Role.FACILITATOR)


class TransitionError(ServiceError):
    """The meeting cannot move to that status from its current one (``closed``: it was held or cancelled;
    ``not_allowed``: not from its current status). The pages offer only the steps that fit, so a view never shows
    these: they guard the service against a script or a stale form."""


def _ends_after_start(starts_at: datetime.datetime, ends_at: datetime.datetime) -> bool:
    """Compared as moments in UTC: two times with the same time zone compare as clock times, and on the day summer
    time starts 02:30 and 03:30 in Amsterdam are the same moment."""
    return ends_at.astimezone(datetime.UTC) > starts_at.astimezone(datetime.UTC)


def _label(meeting: Meeting) -> str:
    return f"bijeenkomst #{meeting.pk} – {meeting.body.name}"


def _notify(meeting: Meeting, *, template: str, method: str, kind: str, by: User | None) -> Told:
    """Tell every member: by email with the meeting as a calendar file (update or cancellation), or by a letter the
    secretary prints. The secretary and facilitator get the email too (no letter). A letter about this meeting that
    was not printed yet is replaced by this newer one (letters.services.notify_member)."""
    url = absolute_url(meeting.get_absolute_url())
    calendar = ics.meeting_calendar(meeting, method=method, url=url, with_online_link=True).decode()
    context = {"meeting": meeting, "url": url}
    prefix = f"meetings/email/{template}"
    members = selectors.body_people(meeting.body, roles=[Role.MEMBER])
    told = notices.tell_members(
        body=meeting.body,
        people=members,
        kind=kind,
        template_prefix=prefix,
        context=context,
        path=meeting.get_absolute_url(),
        object_id=meeting.pk,
        by=by,
        ics=calendar,
        ics_method=method,
    )
    notices.tell_staff(
        body=meeting.body,
        people=selectors.body_people(meeting.body, roles=[Role.SECRETARY, Role.FACILITATOR]),
        template_prefix=prefix,
        context=context,
        skip=[m.pk for m in members],
        ics=calendar,
        ics_method=method,
    )
    return told


@transaction.atomic
def meeting_schedule(
    *, body: Body, starts_at: datetime.datetime, ends_at: datetime.datetime, by: User, **fields: Any
) -> Meeting:
    """Plan a meeting of ``body``. ValueError when it ends before it starts."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if not _ends_after_start(starts_at, ends_at):
        raise ValueError("a meeting ends after it starts")
    meeting = Meeting.objects.create(body=body, starts_at=starts_at, ends_at=ends_at, created_by=by, **fields)
    MeetingEvent.objects.create(meeting=meeting, kind=MeetingEvent.Kind.CREATED, by=by, to_status=meeting.status)
    audit_record(actor=by, action="meeting.schedule", target=meeting, region=body.region, label=_label(meeting))
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: User, version: int | None = None, **fields: Any) -> Meeting:
    """Change time, place or title, based on ``version`` (StaleEdit when someone else saved since; None: no check).
    Members who were told already (agenda published) get the new calendar version by email, or a letter;
    ``meeting.told`` says how many (None when nobody needed telling)."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED):
        raise TransitionError("closed")
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    if not changed:
        return meeting
    for name in changed:
        setattr(meeting, name, fields[name])
    if not _ends_after_start(meeting.starts_at, meeting.ends_at):
        raise ValueError("a meeting ends after it starts")
    announced = bool(ANNOUNCED_FIELDS & set(changed))
    if announced:
        meeting.sequence += 1
        changed.append("sequence")
    claim_version(meeting, version)
    meeting.save(update_fields=changed)
    MeetingEvent.objects.create(meeting=meeting, kind=MeetingEvent.Kind.CHANGED, by=by, changed_fields=changed)
    audit_record(
        actor=by,
        action="meeting.update",
        target=meeting,
        region=meeting.body.region,
        changed_fields=changed,
        label=_label(meeting),
    )
    meeting.told = None
    if announced and meeting.status == MeetingStatus.AGENDA_PUBLISHED:
        meeting.told = _notify(meeting, template="changed", method="REQUEST", kind=Letter.Kind.MEETING_CHANGED, by=by)
    return meeting


@transaction.atomic
def meeting_set_status(*, meeting: Meeting, status: str, by: User) -> Meeting:
    """Move to the next status (kept as history). Cancelling goes through ``meeting_cancel``; "verslag vastgesteld"
    only through approving the minutes (``inspraak.records.services.minutes_approve``), never here."""
    if not rules.can_step(meeting.status, status):
        raise TransitionError("not_allowed", from_status=meeting.status, to_status=status)
    previous = meeting.status
    meeting.status = status
    meeting.save(update_fields=["status"])
    MeetingEvent.objects.create(
        meeting=meeting, kind=MeetingEvent.Kind.STATUS, by=by, from_status=previous, to_status=status
    )
    audit_record(actor=by, action="meeting.status", target=meeting, region=meeting.body.region, label=_label(meeting))
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, by: User) -> Meeting:
    """Cancel with a reason; members with email get the cancellation (and a calendar cancellation), the others a
    letter; ``meeting.told`` says how many. Cancelling twice raises TransitionError, so nobody is told twice."""
    # The status under a row lock: two cancellations at the same moment cannot both tell everyone.
    current = Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("status", flat=True).first()
    if current is None or not rules.can_move(current, MeetingStatus.CANCELLED):
        raise TransitionError("not_allowed", from_status=current, to_status=MeetingStatus.CANCELLED)
    meeting.status = current
    if not reason.strip():
        raise ValueError("a cancellation needs a reason")
    previous = meeting.status
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason.strip()
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancel_reason", "sequence"])
    MeetingEvent.objects.create(
        meeting=meeting,
        kind=MeetingEvent.Kind.STATUS,
        by=by,
        from_status=previous,
        to_status=MeetingStatus.CANCELLED,
        note=meeting.cancel_reason,
    )
    audit_record(actor=by, action="meeting.cancel", target=meeting, region=meeting.body.region, label=_label(meeting))
    meeting.told = _notify(meeting, template="cancelled", method="CANCEL", kind=Letter.Kind.MEETING_CANCELLED, by=by)
    return meeting


class SeriesError(ServiceError):
    """A series cannot be planned: ``empty``, ``too_many`` (more than rules.SERIES_MAX) or ``clash`` (a meeting of
    the body was planned at one of its times since the form was checked)."""


@transaction.atomic
def meeting_schedule_series(*, body: Body, meetings: list[dict], by: User) -> list[Meeting]:
    """Plan a whole series in one step: all meetings or none. Each gets its own history and audit row, as one
    planned on its own (``meeting_schedule``). ``meetings``: the fields of each (starts_at, ends_at, title, place
    ...)."""
    if not meetings:
        raise SeriesError("empty")
    if len(meetings) > rules.SERIES_MAX:
        raise SeriesError("too_many")
    # Lock the body's future meetings so two secretaries planning at once cannot both take the same evening.
    first = min(fields["starts_at"] for fields in meetings)
    taken = list(
        Meeting.objects.select_for_update()
        .filter(body=body, ends_at__gt=first)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("starts_at", "ends_at")
    )
    for fields in meetings:
        if any(fields["starts_at"] < end and start < fields["ends_at"] for start, end in taken):
            raise SeriesError("clash", starts_at=fields["starts_at"])
        taken.append((fields["starts_at"], fields["ends_at"]))
    return [meeting_schedule(body=body, by=by, **fields) for fields in meetings]
