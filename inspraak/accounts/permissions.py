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

    These actions touch the whole account, so they are only allowed when every region in ``person_region_ids`` is
    a region of this beheerder (for someone without any: the region they were created in). Callers pass the
    person's ``data_region_ids`` (the regions of their roles **and** of every region a privacy part holds data
    in, as for the data export): otherwise the beheerder of one region could take over an account, log in as the
    person and read what another region holds about them. Accounts with access to the technical admin are never
    managed here.
    """
    admin = roles_of(user).admin_region_ids
    if not admin or person.is_staff or person.is_superuser:
        return False
    regions = set(person_region_ids) or ({person.created_in_region_id} - {None})
    return bool(regions) and regions <= admin


def code_login_fits(person, *, role_scopes, data_region_ids, region_id: int, body_id: int | None = None) -> bool:
    """May a printed login code be made for ``person`` at all, by someone working in ``region_id`` (and for a
    secretary: in ``body_id``)? A code is a way in that the issuer holds in their hands, so only when:

    - the person has no email address and no usable password (otherwise they log in themselves);
    - the account was made in this region and is no technical-admin account;
    - every region that holds data about them (``data_region_ids``: roles plus every registered privacy part, the
      set the data export uses) is this region;
    - every role (``role_scopes``: (role, region_id, body_id) rows) is in this region; with ``body_id``: every
      role is "lid" of that body (a secretary never prints a code for staff, officers or other bodies' members).
    """
    if person.email or person.has_usable_password() or person.is_staff or person.is_superuser:
        return False
    if person.created_in_region_id != region_id or set(data_region_ids) - {region_id}:
        return False
    scopes = set(role_scopes)
    if any(scope_region != region_id for _role, scope_region, _body in scopes):
        return False
    if body_id is None:
        return True
    return bool(scopes) and scopes <= {(Role.MEMBER, region_id, body_id)}


def can_issue_login_code(user, person, region) -> bool:
    """The beheerder prints a login code letter for a person of the region (page button and POST alike).

    ``person`` comes from accounts.selectors.person_with_data_regions (it carries ``role_scopes`` and
    ``data_region_ids``). Never for an erased person."""
    return (
        person.erased_at is None
        and can_manage_person_account(user, person, person.data_region_ids)
        and code_login_fits(
            person, role_scopes=person.role_scopes, data_region_ids=person.data_region_ids, region_id=region.pk
        )
    )


def can_deactivate_person(user, person, person_region_ids: set[int] | frozenset[int]) -> bool:
    """As ``can_manage_person_account``, but nobody switches off their own access."""
    return person.pk != user.pk and can_manage_person_account(user, person, person_region_ids)


def can_edit_person(user, person) -> bool:
    """Change the name or email of a person (``person`` from selectors.person_with_data_regions). An erased person
    stays erased: no new name, email, code or access (AVG art. 17)."""
    return person.erased_at is None and can_manage_person_account(user, person, person.data_region_ids)


def can_switch_access(user, person) -> bool:
    """Switch a person's access off or on (``person`` from selectors.person_with_data_regions); never one's own,
    never an erased person."""
    return person.erased_at is None and can_deactivate_person(user, person, person.data_region_ids)


def can_grant_role(user, person, region) -> bool:
    """Give a person of the region a role: the region's people manager, and never to an erased person."""
    return person.erased_at is None and can_manage_people(user, region)


def can_revoke_role(user, assignment) -> bool:
    """A beheerder takes roles in their region, but not their own beheerder role (so a region keeps one)."""
    if assignment.region_id not in roles_of(user).admin_region_ids:
        return False
    return not (assignment.user_id == user.pk and assignment.role == Role.ADMIN)
