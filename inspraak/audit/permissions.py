from __future__ import annotations

from inspraak.accounts.roles import roles_of


def can_view_audit(user, region) -> bool:
    """The audit log of a region is for its beheerder."""
    return region.pk in roles_of(user).admin_region_ids
