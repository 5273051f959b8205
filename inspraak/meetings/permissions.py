"""Every permission decision about meetings."""

from __future__ import annotations

from inspraak.accounts.roles import roles_of
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
