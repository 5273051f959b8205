"""Every permission decision about people and their roles."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of


def can_manage_people(user, region) -> bool:
    """See the people of a region, add people, give and take roles in it: the region's beheerder, and the
    platform operator (an active superuser), who appoints the first beheerder of a new region."""
    return region.pk in roles_of(user).admin_region_ids or bool(user.is_superuser and user.is_active)


def can_manage_person_account(user, person, person_region_ids: set[int] | frozenset[int]) -> bool:
    """Change someone's name or email, print a login code for them, or switch their access off or on.

    These actions touch the whole account, so they are only allowed when every region the person holds a role in is
    a region of this beheerder (for someone without roles: the region they were created in). Otherwise the beheerder
    of one region could take over an account that has rights in another region. Accounts with access to the
    technical admin are never managed here.
    """
    admin = roles_of(user).admin_region_ids
    if not admin or person.is_staff or person.is_superuser:
        return False
    regions = set(person_region_ids) or ({person.created_in_region_id} - {None})
    return bool(regions) and regions <= admin


def can_deactivate_person(user, person, person_region_ids: set[int] | frozenset[int]) -> bool:
    """As ``can_manage_person_account``, but nobody switches off their own access."""
    return person.pk != user.pk and can_manage_person_account(user, person, person_region_ids)


def can_revoke_role(user, assignment) -> bool:
    """A beheerder takes roles in their region, but not their own beheerder role (so a region keeps one)."""
    if assignment.region_id not in roles_of(user).admin_region_ids:
        return False
    return not (assignment.user_id == user.pk and assignment.role == Role.ADMIN)
