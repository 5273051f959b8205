"""Every permission decision about annual reports (ADR 18)."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.regions.permissions import can_view_body_dashboard


def can_write_body_report(user, body) -> bool:
    """Start, edit, publish and withdraw the report of a body: its secretary and the region's beheerder."""
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or Role.SECRETARY in roles.roles_in_body(body.pk)


def can_read_body_report(user, body) -> bool:
    """Read the reports of a body, also a concept: everyone who sees the body's dashboard (its secretary,
    facilitator and members — the report is about them —, the beheerder and the policy officers in scope)."""
    return can_view_body_dashboard(user, body)


def can_write_region_report(user, region) -> bool:
    """Start, edit, publish and withdraw the report of the whole region: its beheerder."""
    return region.pk in roles_of(user).admin_region_ids


def can_read_region_report(user, region) -> bool:
    """Read the region's reports, also a concept: the beheerder and the GR's policy officers."""
    roles = roles_of(user)
    return region.pk in roles.admin_region_ids or region.pk in roles.officer_region_ids
