"""Every permission decision about the verordening register. Used by the pages (to show a button) and by the POST
views (to allow the step) alike.

Scope: the region's beheerder records and edits every text of the region; a policy officer of a municipality the
texts of that municipality; a policy officer of the GR (no municipality) the GR's own texts (no municipality). The
beheerder and every policy officer of the region see the staff register. The public pages need no permission: a
verordening is a public decision.
"""

from __future__ import annotations

from inspraak.accounts.roles import roles_of


def can_view_register(user, region, officer_municipality_ids=frozenset()) -> bool:
    """The staff register and a text's staff page: the region's beheerder and its policy officers (of the GR, or of
    one of its municipalities: ``officer_municipality_ids``, found by selectors.scope_for)."""
    roles = roles_of(user)
    if region.pk in roles.admin_region_ids or region.pk in roles.officer_region_ids:
        return True
    return bool(set(officer_municipality_ids) & roles.officer_municipality_ids)


def can_record_for(user, region, municipality) -> bool:
    """Record or edit a text of ``municipality`` (None: a text of the GR itself) in ``region``."""
    if municipality is not None and municipality.region_id != region.pk:
        return False
    roles = roles_of(user)
    if region.pk in roles.admin_region_ids:
        return True
    if municipality is None:
        return region.pk in roles.officer_region_ids
    return municipality.pk in roles.officer_municipality_ids


def can_record_any(user, region, officer_municipality_ids=frozenset()) -> bool:
    """Whether the person may record a text for anyone in ``region`` (the "new" button and page)."""
    roles = roles_of(user)
    if region.pk in roles.admin_region_ids or region.pk in roles.officer_region_ids:
        return True
    return bool(set(officer_municipality_ids) & roles.officer_municipality_ids)


def can_edit_bylaw(user, bylaw) -> bool:
    """Change a recorded text: whoever may record a text for its municipality (or for the GR)."""
    roles = roles_of(user)
    if bylaw.region_id in roles.admin_region_ids:
        return True
    if bylaw.municipality_id is None:
        return bylaw.region_id in roles.officer_region_ids
    return bylaw.municipality_id in roles.officer_municipality_ids


def can_import(user, region) -> bool:
    """Read a CSV file with many texts (and download its example): the region's beheerder, who keeps the register
    of all municipalities. Officers record their own texts one by one."""
    return region.pk in roles_of(user).admin_region_ids
