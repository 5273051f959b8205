"""Every permission decision about the advice conversation: requests (both sides), their documents, advice and the
response. The officer's scope rules are the policy agenda's (policy.permissions)."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.advice import rules
from inspraak.advice.models import AdviceStatus, RequestStatus
from inspraak.policy import permissions as policy_permissions
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


def can_answer_request(user, advice_request) -> bool:
    """Write the advice answering a request, or decline it: those who work on the body's advice, while the request
    is open and not answered yet."""
    return rules.request_open(advice_request) and can_work_on_advice(user, advice_request.body)


def can_edit_draft(user, advice) -> bool:
    """Change the draft: those who work on the body's advice, while it is a draft."""
    return rules.draft_open(advice) and can_work_on_advice(user, advice.body)


def can_adopt(user, advice) -> bool:
    """Adopt the advice: those who work on the body's advice, while it is a draft."""
    return rules.draft_open(advice) and can_work_on_advice(user, advice.body)


def can_send(user, advice) -> bool:
    """Send the advice: those who work on the body's advice, once it is adopted and not sent yet."""
    return rules.send_open(advice) and can_work_on_advice(user, advice.body)


def can_add_attachment(user, advice) -> bool:
    """Attach the advice as PDF: those who work on the body's advice, until it is sent."""
    return rules.attachment_open(advice) and can_work_on_advice(user, advice.body)


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
    return policy_permissions.officer_for(user, advice.body.region_id, advice_municipality_id(advice))


def can_view_comments(user, advice) -> bool:
    """Comments on the draft are for the body only, also after the advice was sent."""
    return can_view_body_advice(user, advice.body)


def can_comment(user, advice) -> bool:
    """Anyone of the body may comment while the advice is a draft."""
    return rules.draft_open(advice) and can_view_body_advice(user, advice.body)


def can_follow_up(user, advice, *, responded: bool) -> bool:
    """React once to the response of the college or GR board: those who work on the body's advice, once the
    response is in (``responded``) and while the body has not reacted yet."""
    return responded and not advice.follow_up and can_work_on_advice(user, advice.body)


# ---------------------------------------------------------------- the policy officer's side


def can_view_officer_dashboard(user, region, officer_municipality_ids=frozenset()) -> bool:
    """The officer's dashboard of a region (proposals, open requests, advice awaiting a response): the policy
    agenda's readers."""
    return policy_permissions.can_view_policy_agenda(user, region, officer_municipality_ids)


def can_ask_for_advice(user, proposal, *, unasked_bodies: bool = True) -> bool:
    """Ask concerned bodies for advice: the officers in scope, while the proposal is open and (on the proposal page)
    a concerned body was not asked yet."""
    return (
        unasked_bodies and policy_permissions.is_open(proposal) and policy_permissions.can_edit_proposal(user, proposal)
    )


def can_view_request(user, advice_request) -> bool:
    """An advice request as the officer sees it: the same people as its proposal."""
    return policy_permissions.can_view_proposal(user, advice_request.proposal)


def can_add_request_document(user, advice_request) -> bool:
    """Add a draft document to a request: the officers in scope, while the request is open."""
    return advice_request.status == RequestStatus.OPEN and policy_permissions.can_edit_proposal(
        user, advice_request.proposal
    )


def can_download_request_document(user, advice_request) -> bool:
    """Draft documents of a request: the body's secretary, facilitator and members, the officers in scope of the
    proposal and the region's beheerder. Never public."""
    if roles_of(user).roles_in_body(advice_request.body_id) & BODY_ROLES:
        return True
    return policy_permissions.can_view_proposal(user, advice_request.proposal)


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
        return can_record_response_at(
            user, region_id=proposal.region_id, municipality_id=proposal.municipality_id, about_proposal=True
        )
    body = advice.body
    return can_record_response_at(
        user, region_id=body.region_id, municipality_id=body.municipality_id, about_proposal=False
    )


def can_record_response_at(user, *, region_id: int, municipality_id: int | None, about_proposal: bool) -> bool:
    """``can_record_response`` on the place of the advice: the region and municipality of its proposal
    (``about_proposal``: it has one, its own or its request's), else of its body. A list of advice passes the place
    stored on each row (``Advice.region``, ``Advice.municipality``) instead of loading proposals and bodies."""
    if about_proposal:
        return policy_permissions.officer_for(user, region_id, municipality_id)
    roles = roles_of(user)
    if municipality_id:
        return municipality_id in roles.officer_municipality_ids
    return region_id in roles.officer_region_ids
