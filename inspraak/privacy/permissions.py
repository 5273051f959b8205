"""Every permission decision about exporting and erasing a person's data."""

from __future__ import annotations

from inspraak.accounts.permissions import can_deactivate_person, can_manage_person_account


def can_export_own_data(user) -> bool:
    """Everyone who is logged in sees and downloads what Inspraak holds about them (AVG art. 15)."""
    return bool(user.is_authenticated and user.is_active)


def can_export_person(user, person, data_region_ids: set[int] | frozenset[int]) -> bool:
    """A beheerder shows or downloads someone's data for them: the accounts rule for taking over an account.

    ``data_region_ids`` are the regions of the person's roles **and** of every region any part holds data in (an
    ended membership elsewhere, for example): the export holds all of it, so every one of those regions must be
    this beheerder's. Never staff or superuser accounts.
    """
    return can_manage_person_account(user, person, data_region_ids)


def can_erase_person(user, person, data_region_ids: set[int] | frozenset[int]) -> bool:
    """As ``can_export_person``, and nobody erases their own account (another beheerder does that)."""
    return can_deactivate_person(user, person, data_region_ids)
