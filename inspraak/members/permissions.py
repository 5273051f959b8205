"""Every permission decision about memberships."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.permissions import code_login_fits
from inspraak.accounts.roles import roles_of
from inspraak.members.models import Status
from inspraak.members.rules import can_renew


def can_manage_members(user, body) -> bool:
    """Add, change and end memberships and record consent: the body's secretary and the region's beheerder."""
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or Role.SECRETARY in roles.roles_in_body(body.pk)


def can_view_member_details(user, body) -> bool:
    """Names, categories, contact routes and needs of every member: secretary, facilitator and beheerder."""
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or bool(
        roles.roles_in_body(body.pk) & {Role.SECRETARY, Role.FACILITATOR}
    )


def can_view_member_list(user, body) -> bool:
    """The member list: supporters see everything; members see the names of members who agreed to that."""
    return can_view_member_details(user, body) or Role.MEMBER in roles_of(user).roles_in_body(body.pk)


def can_view_composition(user, body) -> bool:
    """The composition findings with the numbers: supporters, the beheerder and the region's policy officers
    (and municipal officers for a body of their municipality). The public sees them in aggregate."""
    roles = roles_of(user)
    if can_view_member_details(user, body) or body.region_id in roles.officer_region_ids:
        return True
    return bool(body.municipality_id and body.municipality_id in roles.officer_municipality_ids)


def can_edit_own_membership(user, membership) -> bool:
    """A member changes their own consent, contact route and needs."""
    return bool(user.is_authenticated and membership.user_id == user.pk and membership.status != Status.ENDED)


def can_activate_membership(user, membership) -> bool:
    """A candidate becomes an active member (page button and POST alike)."""
    return membership.status == Status.CANDIDATE and can_manage_members(user, membership.body)


def can_renew_membership(user, membership) -> bool:
    """The next term of an active membership, while the body's number of terms allows it (page button and POST)."""
    return (
        membership.status == Status.ACTIVE
        and can_renew(membership.term_number, membership.body.max_terms)
        and can_manage_members(user, membership.body)
    )


def can_end_membership(user, membership) -> bool:
    """End an open membership; for an invitation nobody answered yet: take it back (page link and POST alike)."""
    return membership.status != Status.ENDED and can_manage_members(user, membership.body)


def can_print_code_letter(user, membership) -> bool:
    """The secretary (or beheerder) prints a new login code letter for a member (page button and POST alike).

    Only for an active member without email or password whose account was made in this region, whose every role
    is "lid" of this body, and about whom no other region holds data: ``membership.user`` needs ``role_scopes``
    and ``data_region_ids`` (selectors.with_account_scope)."""
    person = membership.user
    if membership.status != Status.ACTIVE or not person.is_active or not can_manage_members(user, membership.body):
        return False
    return code_login_fits(
        person,
        role_scopes=person.role_scopes,
        data_region_ids=person.data_region_ids,
        region_id=membership.body.region_id,
        body_id=membership.body_id,
    )


def can_answer_invitation(user, membership) -> bool:
    """Only the invited person says yes or no, logged in as themself."""
    return bool(user.is_authenticated and membership.user_id == user.pk and membership.status == Status.INVITED)
