"""Every permission decision about the support scheme and the legal caps."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of


def can_manage_scheme(user, body) -> bool:
    """Set the scheme of a group: the beheerder of its region."""
    return body.region_id in roles_of(user).admin_region_ids


def can_read_scheme(user, body) -> bool:
    """The staff page of the scheme: the beheerder, the finance role of the region, the group's secretary and
    facilitator."""
    roles = roles_of(user)
    return (
        body.region_id in roles.admin_region_ids
        or body.region_id in roles.finance_region_ids
        or bool(roles.roles_in_body(body.pk) & {Role.SECRETARY, Role.FACILITATOR})
    )


def can_see_member_page(user, body) -> bool:
    """ "Wat krijgt u?": the group's members, and everyone who reads the scheme (to see what members see)."""
    return Role.MEMBER in roles_of(user).roles_in_body(body.pk) or can_read_scheme(user, body)


def can_send_scheme_letters(user, body) -> bool:
    """Send "Wat krijgt u?" as a letter to the members without email: the group's secretary and the beheerder."""
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or Role.SECRETARY in roles.roles_in_body(body.pk)


def can_manage_caps(user, region) -> bool:
    """The legal caps of the volunteer allowance: the beheerder of the region."""
    return region.pk in roles_of(user).admin_region_ids
