from __future__ import annotations

from inspraak.accounts.roles import roles_of


def can_manage_emails(user, region) -> bool:
    """Emails of a region that did not arrive are for its beheerder: to see and to send again."""
    return region.pk in roles_of(user).admin_region_ids
