"""Reads for meetings. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.http import Http404
from django.utils import timezone

from inspraak.accounts.models import RoleAssignment, User
from inspraak.meetings import rules
from inspraak.meetings.models import Meeting, MeetingEvent, MeetingStatus
from inspraak.regions.models import Body


def year_plan(body: Body, year: int, *, today: datetime.date | None = None) -> dict:
    """The meetings of ``body`` in ``year`` and the warning when fewer are planned or held than the minimum. 1 query."""
    today = today or timezone.localdate()
    meetings = list(Meeting.objects.filter(body=body, starts_at__year=year).order_by("starts_at", "pk"))
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
