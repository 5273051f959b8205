"""Every permission decision about regions, municipalities and bodies."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of


def can_manage_region(user, region) -> bool:
    """Edit the region, its municipalities, bodies and body rules: the region's beheerder."""
    return region.pk in roles_of(user).admin_region_ids


def can_view_region_internal(user, region) -> bool:
    """See the logged-in overview of a region: anyone with a role in it."""
    return region.pk in roles_of(user).region_ids


def can_view_body_dashboard(user, body) -> bool:
    """The body's own dashboard: its secretary, facilitator and members, the beheerder and policy officers."""
    roles = roles_of(user)
    if body.region_id in roles.admin_region_ids or body.region_id in roles.officer_region_ids:
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
    return bool(getattr(user, "is_superuser", False))


def can_open_management(user) -> bool:
    return can_create_region(user) or bool(roles_of(user).admin_region_ids)
