"""Every permission decision about attendance, minutes, agreements and feedback reports."""

from __future__ import annotations

import datetime

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.meetings.permissions import can_manage_meetings, can_view_meetings
from inspraak.records import rules
from inspraak.records.models import MinutesStatus


def _is_secretary_or_admin(user, body) -> bool:
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or Role.SECRETARY in roles.roles_in_body(body.pk)


def can_view_records(user, body) -> bool:
    """Shared minutes, agreements and sent feedback reports: everyone who may see the body's meetings."""
    return can_view_meetings(user, body)


def can_record_attendance(user, body) -> bool:
    """Who was there: the secretary (and the beheerder standing in)."""
    return _is_secretary_or_admin(user, body)


def can_write_minutes(user, body) -> bool:
    """Draft, share, approve and publish the minutes: the secretary (and the beheerder standing in)."""
    return _is_secretary_or_admin(user, body)


def can_read_minutes(user, body, minutes) -> bool:
    """A draft only for its writers; shared and approved minutes for everyone who may see the meetings."""
    if minutes is None:
        return can_view_records(user, body)
    if minutes.status == MinutesStatus.DRAFT:
        return can_write_minutes(user, body) or can_manage_meetings(user, body)
    return can_view_records(user, body)


def can_approve_minutes(user, body, minutes, *, later_meetings, today: datetime.date) -> bool:
    """Approve shared minutes: who writes them, at a later meeting that has started (``later_meetings``, see
    selectors.approval_meetings) or once the day to react is over."""
    return bool(
        can_write_minutes(user, body)
        and minutes is not None
        and minutes.status == MinutesStatus.SHARED
        and (rules.deadline_passed(minutes.approve_by, today) or later_meetings)
    )


def can_manage_agreements(user, body) -> bool:
    """Add agreements and mark them done or cancelled: secretary, facilitator and beheerder."""
    return can_manage_meetings(user, body)


def can_write_feedback(user, body) -> bool:
    """Write and send the feedback report to the GR: the facilitator (and the beheerder standing in)."""
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or Role.FACILITATOR in roles.roles_in_body(body.pk)


def can_read_feedback(user, body, report) -> bool:
    """A report not yet sent: its writers and the secretary. A sent report: everyone who may see the meetings."""
    if report is None or report.sent_on is None:
        return can_write_feedback(user, body) or can_manage_meetings(user, body)
    return can_view_records(user, body)


def can_record_reactions(user, body) -> bool:
    """The GR's reaction per recommendation: a policy officer of the GR, or the secretary on their behalf."""
    roles = roles_of(user)
    return body.region_id in roles.officer_region_ids or Role.SECRETARY in roles.roles_in_body(body.pk)
