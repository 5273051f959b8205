"""Every permission decision about meetings."""

from __future__ import annotations

import datetime

from django.utils import timezone

from inspraak.accounts.roles import roles_of
from inspraak.meetings import rules
from inspraak.regions.permissions import can_support_body, can_view_body_dashboard


def can_view_meetings(user, body) -> bool:
    """The year plan and meeting pages for the body's people, the beheerder and policy officers in scope."""
    return can_view_body_dashboard(user, body)


def can_manage_meetings(user, body) -> bool:
    """Plan, change, cancel and move meetings on: the body's secretary and facilitator, and the beheerder."""
    return can_support_body(user, body)


def can_see_online_link(user, body) -> bool:
    """The link to join online is for those invited: the body's own people (members, secretary, facilitator) and
    the beheerder. Public pages, the public calendar file and the open data say only that one can join online."""
    return can_support_body(user, body) or bool(roles_of(user).roles_in_body(body.pk))


def can_edit_meeting(user, meeting) -> bool:
    """Change time or place: managers, while the meeting is planned or its agenda published (not once held or
    cancelled)."""
    return can_manage_meetings(user, meeting.body) and meeting.status in rules.CHANGEABLE


def can_cancel_meeting(user, meeting) -> bool:
    """Cancel: managers, until the meeting was held."""
    return can_manage_meetings(user, meeting.body) and rules.can_move(meeting.status, rules.CANCELLED)


def next_statuses(user, meeting, *, now: datetime.datetime | None = None) -> list[str]:
    """The statuses ``user`` may move ``meeting`` to now (none for who may not manage it)."""
    if not can_manage_meetings(user, meeting.body):
        return []
    return rules.next_statuses(meeting.status, started=meeting.starts_at <= (now or timezone.now()))


def can_set_status(user, meeting, status: str, *, now: datetime.datetime | None = None) -> bool:
    return status in next_statuses(user, meeting, now=now)
