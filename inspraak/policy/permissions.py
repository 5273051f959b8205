"""Every permission decision about the policy agenda, advice requests, their documents and responses.

Scope: a policy officer of the GR (region-wide role) works on everything of the region; an officer of a
municipality works on that municipality's proposals. The region's beheerder may read everything (read-only).
"""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of

BODY_ROLES = frozenset({Role.SECRETARY, Role.FACILITATOR, Role.MEMBER})


def _officer_for(user, region_id: int, municipality_id: int | None) -> bool:
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
    return _officer_for(user, region.pk, municipality.pk if municipality is not None else None)


def can_view_proposal(user, proposal) -> bool:
    """The officer pages of a proposal: the officers in scope and the region's beheerder."""
    if proposal.region_id in roles_of(user).admin_region_ids:
        return True
    return _officer_for(user, proposal.region_id, proposal.municipality_id)


def can_edit_proposal(user, proposal) -> bool:
    """Change a proposal, its status, and ask for advice: the officers in scope."""
    return _officer_for(user, proposal.region_id, proposal.municipality_id)


def can_view_request(user, advice_request) -> bool:
    """An advice request as the officer sees it: the same people as its proposal."""
    return can_view_proposal(user, advice_request.proposal)


def can_download_request_document(user, advice_request) -> bool:
    """Draft documents of a request: the body's secretary, facilitator and members, the officers in scope of the
    proposal and the region's beheerder. Never public."""
    if roles_of(user).roles_in_body(advice_request.body_id) & BODY_ROLES:
        return True
    return can_view_proposal(user, advice_request.proposal)


def advice_proposal(advice):
    """The proposal an advice is about: its own, or its request's (None for unsolicited advice without one)."""
    if advice.proposal_id:
        return advice.proposal
    if advice.request_id:
        return advice.request.proposal
    return None


def can_record_response(user, advice) -> bool:
    """Record the response of the college or GR board: the officers in scope of the advice's proposal. Unsolicited
    advice without a proposal: the GR officers for a regional body, the municipality's officers for a municipal
    body."""
    proposal = advice_proposal(advice)
    if proposal is not None:
        return can_edit_proposal(user, proposal)
    body = advice.body
    roles = roles_of(user)
    if body.municipality_id:
        return body.municipality_id in roles.officer_municipality_ids
    return body.region_id in roles.officer_region_ids
