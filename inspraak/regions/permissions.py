"""Every permission decision about regions, municipalities and bodies."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of


def _is_operator(user) -> bool:
    """The platform operator: an active superuser (created on the command line, never through the site)."""
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def can_manage_region(user, region) -> bool:
    """Edit the region, its municipalities, bodies and body rules: the region's beheerder.

    The platform operator may too, so a new region can be set up before its beheerder is appointed.
    """
    return region.pk in roles_of(user).admin_region_ids or _is_operator(user)


def can_view_region_internal(user, region) -> bool:
    """See the logged-in overview of a region: anyone with a role in it."""
    return region.pk in roles_of(user).region_ids


def can_view_body_dashboard(user, body) -> bool:
    """The body's own dashboard: its secretary, facilitator and members, the beheerder and policy officers."""
    roles = roles_of(user)
    if body.region_id in roles.admin_region_ids or body.region_id in roles.officer_region_ids:
        return True
    if _is_operator(user):
        return True
    if body.municipality_id and body.municipality_id in roles.officer_municipality_ids:
        return True
    return bool(roles.roles_in_body(body.pk))


def can_support_body(user, body) -> bool:
    """Secretary and facilitator work for a body (and the beheerder may stand in)."""
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or bool(
        roles.roles_in_body(body.pk) & {Role.SECRETARY, Role.FACILITATOR}
    )


def can_create_region(user) -> bool:
    """New regions are created by the platform operator (a superuser), who then appoints a beheerder."""
    return _is_operator(user)


def can_see_all_regions(user) -> bool:
    """The management start page lists every region for the platform operator, otherwise only one's own."""
    return _is_operator(user)


def can_open_management(user) -> bool:
    """The management start page: beheerders and the platform operator."""
    return _is_operator(user) or bool(roles_of(user).admin_region_ids)


def can_manage_emails(user, region) -> bool:
    """Emails of a region that did not arrive are for its beheerder: to see and to send again."""
    return region.pk in roles_of(user).admin_region_ids


def can_view_audit(user, region) -> bool:
    """The audit log of a region is for its beheerder."""
    return region.pk in roles_of(user).admin_region_ids
