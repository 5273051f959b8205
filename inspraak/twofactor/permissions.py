"""Who needs a second factor at login, and who may reset someone else's (ADR 0010)."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.permissions import can_deactivate_person
from inspraak.accounts.roles import roles_of


def needs_second_factor(user) -> bool:
    """Beheerders (they see and change every person of a region) and the platform operator or anyone else with
    access to the technical admin: always. Other staff only when they switched it on (``may_choose_second_factor``
    and ``session.chosen``); members never: clients often log in with a printed code."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(roles_of(user).admin_region_ids) or user.is_superuser or user.is_staff


def may_choose_second_factor(user) -> bool:
    """Secretaries, facilitators and policy officers (any role other than member) may switch the second step on
    for themselves, and off again. For beheerders it is not a choice; members do not see it (reads the roles,
    cached per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or needs_second_factor(user):
        return False
    return bool(roles_of(user).role_names() - {Role.MEMBER})


def can_use_second_factor(user) -> bool:
    """Whether the pages of the second step (set up, code, recovery codes) are open to ``user``."""
    return needs_second_factor(user) or may_choose_second_factor(user)


def can_reset_second_factor(user, person, person_region_ids) -> bool:
    """A beheerder may remove someone's second factor (a lost phone and no recovery codes left) under the same
    rule as switching off their access: every region the person holds a role in is the beheerder's own, the person
    is not the beheerder themself and has no access to the technical admin. The person then sets up a new one at
    their next login, with their own password."""
    return can_deactivate_person(user, person, person_region_ids)
