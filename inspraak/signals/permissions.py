"""Every permission decision about signals (ADR 29). Used by the pages (to show a link) and by the POST views (to
allow the step) alike.

- Entering and importing figures: the region's beheerder and its region-wide policy officers for every municipality;
  a policy officer of a municipality for that municipality only.
- The theme list and the public choice: the beheerder.
- A group's signals: its secretary, facilitator and members, the region's beheerder and policy officers (a policy
  officer of a municipality: the groups of that municipality). The finance role has no part in signals.
- A signal to a group's agenda: the group's secretary and facilitator (and the beheerder), and the region's policy
  officers (a municipal one: for a group of that municipality).
"""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of


def _staff(user, region) -> bool:
    roles = roles_of(user)
    return region.pk in roles.admin_region_ids or region.pk in roles.officer_region_ids


def can_view_staff(user, region, officer_municipality_ids=frozenset()) -> bool:
    """The staff page of the region's signals (all figures, entry, history)."""
    return _staff(user, region) or bool(set(officer_municipality_ids) & roles_of(user).officer_municipality_ids)


def can_enter_for(user, region, municipality) -> bool:
    """Enter or import figures of ``municipality``."""
    if municipality is None or municipality.region_id != region.pk:
        return False
    return _staff(user, region) or municipality.pk in roles_of(user).officer_municipality_ids


def can_enter_any(user, region, officer_municipality_ids=frozenset()) -> bool:
    return can_view_staff(user, region, officer_municipality_ids)


def can_manage_themes(user, region) -> bool:
    return region.pk in roles_of(user).admin_region_ids


def can_manage_settings(user, region) -> bool:
    """Whether the region's signals are public: the beheerder."""
    return region.pk in roles_of(user).admin_region_ids


def can_view_body_signals(user, body) -> bool:
    roles = roles_of(user)
    if body.region_id in roles.admin_region_ids or body.region_id in roles.officer_region_ids:
        return True
    if body.municipality_id and body.municipality_id in roles.officer_municipality_ids:
        return True
    return bool(roles.roles_in_body(body.pk) & {Role.SECRETARY, Role.FACILITATOR, Role.MEMBER})


def can_make_topic(user, body) -> bool:
    roles = roles_of(user)
    if body.region_id in roles.admin_region_ids or body.region_id in roles.officer_region_ids:
        return True
    if body.municipality_id and body.municipality_id in roles.officer_municipality_ids:
        return True
    return bool(roles.roles_in_body(body.pk) & {Role.SECRETARY, Role.FACILITATOR})


def can_record_follow_up(user, link) -> bool:
    """Write down what the GR did with a signal that became a topic: the beheerder and the region's policy officers
    (a municipal one: for a signal of that municipality, or a group of that municipality)."""
    roles = roles_of(user)
    if link.region_id in roles.admin_region_ids or link.region_id in roles.officer_region_ids:
        return True
    municipality_id = link.municipality_id or link.body.municipality_id
    return bool(municipality_id and municipality_id in roles.officer_municipality_ids)
