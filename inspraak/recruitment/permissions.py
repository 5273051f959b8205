"""Every permission decision about vacancies, applications and draws."""

from __future__ import annotations

from inspraak.accounts.roles import roles_of
from inspraak.regions.permissions import can_support_body


def can_manage_recruitment(user, body) -> bool:
    """Open and change vacancies, read and decide on applications, run draws, make applicants members:
    the body's secretary and facilitator, and the region's beheerder."""
    return can_support_body(user, body)


def can_view_vacancies(user, body) -> bool:
    """The body's vacancies with their numbers (never an applicant's details): the supporters, and the region's
    policy officers (a municipality's officer for a body of that municipality)."""
    if can_manage_recruitment(user, body):
        return True
    roles = roles_of(user)
    if body.region_id in roles.officer_region_ids:
        return True
    return bool(body.municipality_id and body.municipality_id in roles.officer_municipality_ids)


def can_view_applicants(user, body) -> bool:
    """Names, contact routes and motivations of applicants: only the people who manage recruitment."""
    return can_manage_recruitment(user, body)


def can_make_member(user, application) -> bool:
    """A chosen applicant who is no member yet becomes one (page button; the service refuses any other)."""
    return (
        application.status == application.Status.CHOSEN
        and not application.membership_id
        and can_manage_recruitment(user, application.vacancy.body)
    )
