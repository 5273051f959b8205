"""Every permission decision about advice requests (the body's side) and advice."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.advice.models import AdviceStatus
from inspraak.regions.permissions import can_support_body

BODY_ROLES = frozenset({Role.SECRETARY, Role.FACILITATOR, Role.MEMBER})


def can_view_body_advice(user, body) -> bool:
    """The body's requests, drafts, comments and advice: its secretary, facilitator and members, and the region's
    beheerder."""
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or bool(roles.roles_in_body(body.pk) & BODY_ROLES)


def can_work_on_advice(user, body) -> bool:
    """Write, change, adopt and send advice, decline a request, attach the PDF, write the follow-up note: the body's
    secretary and facilitator, and the region's beheerder."""
    return can_support_body(user, body)


def officer_in_scope(user, region_id: int, municipality_id: int | None) -> bool:
    """A policy officer of the GR sees everything of the region; an officer of a municipality sees what is about
    that municipality (a matter of the whole region, ``municipality_id`` empty, belongs to the GR officers)."""
    roles = roles_of(user)
    if region_id in roles.officer_region_ids:
        return True
    return municipality_id is not None and municipality_id in roles.officer_municipality_ids


def advice_municipality_id(advice) -> int | None:
    """The municipality an advice is about: its proposal's (None for a GR proposal), else its body's."""
    proposal = advice.proposal if advice.proposal_id else None
    if proposal is None and advice.request_id:
        proposal = advice.request.proposal
    if proposal is not None:
        return proposal.municipality_id
    return advice.body.municipality_id


def can_view_advice(user, advice) -> bool:
    """A draft or adopted advice: the body only (and the beheerder). Once sent: also the policy officers in scope."""
    if can_view_body_advice(user, advice.body):
        return True
    if advice.status != AdviceStatus.SENT:
        return False
    return officer_in_scope(user, advice.body.region_id, advice_municipality_id(advice))


def can_view_comments(user, advice) -> bool:
    """Comments on the draft are for the body only, also after the advice was sent."""
    return can_view_body_advice(user, advice.body)


def can_comment(user, advice) -> bool:
    """Anyone of the body may comment while the advice is a draft."""
    return advice.status == AdviceStatus.DRAFT and can_view_body_advice(user, advice.body)
