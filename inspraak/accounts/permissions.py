"""Every permission decision about people and their roles."""

from __future__ import annotations

from inspraak.accounts.roles import roles_of


def can_manage_people(user, region) -> bool:
    """Create people, give and take roles, print login codes: the region's beheerder."""
    return region.pk in roles_of(user).admin_region_ids


def can_manage_person(user, person, person_region_ids: set[int]) -> bool:
    """A beheerder may manage a person who holds a role in (or is new to) one of their regions."""
    admin = roles_of(user).admin_region_ids
    return bool(admin) and (not person_region_ids or bool(admin & person_region_ids))
