"""Every permission decision about the policy agenda (the advice requests and responses: advice/permissions.py).

Scope: a policy officer of the GR (region-wide role) works on everything of the region; an officer of a
municipality works on that municipality's proposals. The region's beheerder may read everything (read-only).
"""

from __future__ import annotations

from inspraak.accounts.roles import roles_of
from inspraak.policy.models import ProposalStatus


def officer_for(user, region_id: int, municipality_id: int | None) -> bool:
    """An officer whose scope holds a matter of ``municipality_id`` (None: a matter of the whole GR)."""
    roles = roles_of(user)
    if region_id in roles.officer_region_ids:
        return True
    return municipality_id is not None and municipality_id in roles.officer_municipality_ids


def can_view_policy_agenda(user, region, officer_municipality_ids=frozenset()) -> bool:
    """The officer dashboard of a region: its GR officers, the officers of one of its municipalities (the ids the
    selector found among the region's municipalities), and its beheerder."""
    roles = roles_of(user)
    if region.pk in roles.admin_region_ids or region.pk in roles.officer_region_ids:
        return True
    return bool(set(officer_municipality_ids) & roles.officer_municipality_ids)


def can_create_proposal(user, region, officer_municipality_ids=frozenset()) -> bool:
    """Register a new proposal: an officer of the GR or of one of the region's municipalities (not the beheerder)."""
    roles = roles_of(user)
    return region.pk in roles.officer_region_ids or bool(set(officer_municipality_ids) & roles.officer_municipality_ids)


def can_create_proposal_for(user, region, municipality) -> bool:
    """A proposal for ``municipality`` (None: for the GR itself). A municipal officer only for their own
    municipality; a GR officer for the GR or any municipality of the region."""
    if municipality is not None and municipality.region_id != region.pk:
        return False
    return officer_for(user, region.pk, municipality.pk if municipality is not None else None)


def can_view_proposal(user, proposal) -> bool:
    """The officer pages of a proposal: the officers in scope and the region's beheerder."""
    if proposal.region_id in roles_of(user).admin_region_ids:
        return True
    return officer_for(user, proposal.region_id, proposal.municipality_id)


def can_edit_proposal(user, proposal) -> bool:
    """Change a proposal, its status, and ask for advice: the officers in scope."""
    return officer_for(user, proposal.region_id, proposal.municipality_id)


def can_change_status(user, proposal) -> bool:
    """Change the status: the officers in scope, until the proposal is decided (that is final)."""
    return proposal.status != ProposalStatus.DECIDED and can_edit_proposal(user, proposal)


def is_open(proposal) -> bool:
    """Neither decided nor withdrawn: the proposal is still in play (advice can be asked about it)."""
    return proposal.status not in (ProposalStatus.DECIDED, ProposalStatus.WITHDRAWN)
