"""Reads for meetings. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import FilteredRelation, Q
from django.http import Http404
from django.utils import timezone

from inspraak.accounts.models import RoleAssignment, User
from inspraak.core.prepared import fields_of, instances, prepared_rows
from inspraak.meetings import rules
from inspraak.meetings.models import Meeting, MeetingEvent, MeetingStatus
from inspraak.regions.models import Body, Municipality, Region
from inspraak.regions.selectors import body_by_slugs, region_id_with_slug


def _meetings_between(body: int, first: datetime.datetime, last: datetime.datetime):
    return (
        Meeting.objects.filter(body_id=body, starts_at__range=(first, last))
        .order_by("starts_at", "pk")
        .values_list(*fields_of(Meeting))
    )


def year_plan(body: Body, year: int, *, today: datetime.date | None = None) -> dict:
    """The meetings of ``body`` in ``year`` and the warning when fewer are planned or held than the minimum. 1 query
    (core.prepared)."""
    today = today or timezone.localdate()
    zone = timezone.get_current_timezone()
    # The bounds of the year lookup (``starts_at__year``) in the current time zone, as values of a prepared query.
    first = timezone.make_aware(datetime.datetime(year, 1, 1), zone)
    last = timezone.make_aware(datetime.datetime(year, 12, 31, 23, 59, 59, 999999), zone)
    rows = prepared_rows("meetings.year_plan", _meetings_between, body=body.pk, first=first, last=last)
    meetings = instances(Meeting, rows)
    for meeting in meetings:
        meeting.body = body
    warning = rules.year_plan_warning(
        min_per_year=body.min_meetings_per_year,
        year=year,
        statuses=[(m.status, timezone.localtime(m.starts_at).date()) for m in meetings],
        today=today,
    )
    return {"meetings": meetings, "warning": warning, "year": year}


def meeting_in(body: Body, pk: int) -> Meeting:
    """A meeting of ``body`` (already scoped to the user). 1 query."""
    meeting = Meeting.objects.filter(body=body, pk=pk).first()
    if meeting is None:
        raise Http404
    meeting.body = body
    return meeting


# The largest id the prepared lookup passes on as is; a larger number from the URL goes through the ORM, which
# answers "no such meeting" for a value beyond the column's range.
_LARGEST_ID = 2**31 - 1


def _body_with_meeting(region_slug: str, slug: str, pk: int):
    return (
        Body.objects.filter(region_id=region_id_with_slug(region_slug), slug=slug)  # see there: a plan for any values
        .annotate(this_meeting=FilteredRelation("meetings", condition=Q(meetings__pk=pk)))
        .order_by()
        .values_list(
            *fields_of(Body),
            *(f"region__{name}" for name in fields_of(Region)),
            *(f"municipality__{name}" for name in fields_of(Municipality)),
            *(f"this_meeting__{name}" for name in fields_of(Meeting)),
        )[:1]
    )


def body_and_meeting(region_slug: str, slug: str, pk: int) -> tuple[Body, Meeting | None]:
    """The body of the URL with its region and municipality (404 when there is none), and its meeting ``pk``
    (None when the body has no such meeting), in 1 query (core.prepared: every meeting page reads it). The caller
    checks the person's access to the body before it says "no such meeting"."""
    if not 0 < pk <= _LARGEST_ID:
        body = body_by_slugs(region_slug, slug)
        return body, Meeting.objects.filter(body=body, pk=pk).first()
    rows = prepared_rows("meetings.body_and_meeting", _body_with_meeting, region_slug=region_slug, slug=slug, pk=pk)
    if not rows:
        raise Http404
    body_fields, region_fields = len(fields_of(Body)), len(fields_of(Region))
    body = instances(Body, rows)[0]
    body.region = instances(Region, rows, offset=body_fields)[0]
    municipality_at = body_fields + region_fields
    body.municipality = (
        instances(Municipality, rows, offset=municipality_at)[0] if body.municipality_id is not None else None
    )
    meeting_at = municipality_at + len(fields_of(Municipality))
    if rows[0][meeting_at] is None:
        return body, None
    meeting = instances(Meeting, rows, offset=meeting_at)[0]
    meeting.body = body
    return body, meeting


def meeting_history(meeting: Meeting) -> list[MeetingEvent]:
    """1 query."""
    return list(MeetingEvent.objects.filter(meeting=meeting).select_related("by").order_by("at", "pk"))


# ---------------------------------------------------------------- who hears about a meeting


def body_people(body: Body, *, roles: Iterable[str]) -> list[User]:
    """Active people with one of ``roles`` (accounts.models.Role) in ``body``, once each, by name. 1 query."""
    rows = (
        RoleAssignment.objects.filter(body=body, role__in=list(roles), user__is_active=True)
        .select_related("user")
        .order_by("user__name", "user_id")
    )
    return list({row.user_id: row.user for row in rows}.values())


def body_addresses(body: Body, *, roles: Iterable[str]) -> list[str]:
    """The email addresses of active people with one of ``roles`` in ``body``, sorted, once each. 1 query."""
    return sorted(
        set(
            RoleAssignment.objects.filter(
                body=body, role__in=list(roles), user__is_active=True, user__email__isnull=False
            ).values_list("user__email", flat=True)
        )
    )


def usual_venue(body: Body) -> dict:
    """The place, address and accessibility text of the body's most recent meeting that had a place (cancelled ones
    too: the venue was still right), to prefill a new meeting; {} when there is none. 1 query."""
    row = (
        Meeting.objects.filter(body=body)
        .exclude(place_name="")
        .order_by("-starts_at", "-pk")
        .values("place_name", "address", "accessibility", "starts_at")
        .first()
    )
    return row or {}


def planned_times(body: Body, *, now: datetime.datetime) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Start and end of the body's meetings that are still to come and not cancelled (to find clashes). 1 query."""
    return list(
        Meeting.objects.filter(body=body, ends_at__gt=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("starts_at", "ends_at")
    )
