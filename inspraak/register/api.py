"""The register's JSON (documented in docs/api.md, served by inspraak.api): how a decorated sent advice and a
proposal's timeline from register.selectors look in the API. ``absolute`` turns a path into a full URL (the request's
own host); ``api_path`` gives the API path of a proposal's timeline (the API layer knows its own URLs)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

from inspraak.advice.models import Advice
from inspraak.policy import rules
from inspraak.policy.models import Proposal, ProposalStatus
from inspraak.regions.models import Municipality
from inspraak.register import selectors


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def timeliness_json(timeliness: rules.Timeliness | None) -> dict | None:
    if timeliness is None:
        return None
    return {
        "code": timeliness.code,
        "message": timeliness.message,
        "days_short": timeliness.days_short,
        "days_left": timeliness.days_left,
    }


def _place_json(municipality: Municipality | None) -> dict:
    if municipality is None:
        return {"level": "regio", "slug": None, "name": None}
    return {"level": "gemeente", "slug": municipality.slug, "name": municipality.name}


def _decision_json(proposal: Proposal | None) -> dict | None:
    if proposal is None or proposal.status != ProposalStatus.DECIDED:
        return None
    return {"decided_on": _iso(proposal.decided_on), "url": proposal.decision_url or None}


def advice_json(advice: Advice, absolute, *, api_path: Callable[[Proposal], str]) -> dict:
    """A decorated sent advice as JSON. ``absolute`` turns a path into a full URL."""
    proposal = advice.public_proposal
    request = advice.request if advice.request_id else None
    response = advice.public_response
    return {
        "id": advice.pk,
        "url": absolute(selectors.advice_url(advice)),
        "kind": advice.kind,
        "subject": advice.subject,
        "text": advice.text,
        "body": {"slug": advice.body.slug, "name": advice.body.name, "level": advice.body.level},
        "applies_to": _place_json(advice.where),
        "proposal": None
        if proposal is None
        else {
            "id": proposal.pk,
            "title": proposal.title,
            "url": absolute(selectors.proposal_url(proposal)),
            "api_url": absolute(api_path(proposal)),
        },
        "request": None
        if request is None
        else {
            "requested_on": _iso(request.requested_on),
            "deadline": _iso(request.deadline),
            "timeliness": timeliness_json(advice.timeliness),
        },
        "adopted_on": _iso(advice.adopted_on),
        "adopted_how": advice.adopted_how or None,
        "sent_on": _iso(advice.sent_on),
        "response_due": _iso(advice.due),
        "response_state": advice.response_code,
        "response_days_late": advice.days_late,
        "response": None
        if response is None
        else {
            "responded_on": _iso(response.responded_on),
            "mentioned_in_decision": response.mentioned_in_decision,
            "sent_to_council": response.sent_to_council,
            "summary": response.summary,
        },
        "recommendations": [
            {
                "number": r.number,
                "text": r.text,
                "verdict": None
                if r.public_verdict is None
                else {
                    "code": r.public_verdict.verdict,
                    "label": str(r.public_verdict.get_verdict_display()),
                    "reason": r.public_verdict.reason,
                },
            }
            for r in advice.public_recommendations
        ],
        "follow_up": {"text": advice.follow_up, "on": _iso(advice.follow_up_on)} if advice.follow_up else None,
        "decision": _decision_json(proposal),
    }


def proposal_json(data: dict, absolute, *, api_path: Callable[[Proposal], str]) -> dict:
    """The timeline of proposal_timeline() as JSON."""
    proposal = data["proposal"]
    return {
        "id": proposal.pk,
        "url": absolute(selectors.proposal_url(proposal)),
        "title": proposal.title,
        "description": proposal.description,
        "kind": proposal.kind,
        "applies_to": _place_json(proposal.municipality),
        "deciding_body": proposal.deciding_body,
        "status": proposal.status,
        "planned_decision_date": _iso(proposal.planned_decision_date),
        "decision_date": _iso(data["decision_on"]),
        "decision": _decision_json(proposal),
        "no_bodies_reason": proposal.no_bodies_reason or None,
        "bodies": [
            {
                "slug": line.body.slug,
                "name": line.body.name,
                "level": line.body.level,
                "concerned": line.concerned,
                "requested_on": _iso(line.request.requested_on) if line.request else None,
                "deadline": _iso(line.request.deadline) if line.request else None,
                "request_status": line.request.status if line.request else None,
                "timeliness": timeliness_json(line.timeliness),
                "advice_id": line.advice.pk if line.advice else None,
            }
            for line in data["lines"]
        ],
        "requests": [
            {
                "body": r.body.slug,
                "requested_on": _iso(r.requested_on),
                "deadline": _iso(r.deadline),
                "status": r.status,
                "questions": r.questions,
                "decline_reason": r.decline_reason or None,
            }
            for r in data["requests"]
        ],
        "date_changes": [
            {
                "on": _iso(timezone.localdate(e.at)),
                "old_date": _iso(e.old_date),
                "new_date": _iso(e.new_date),
                "reason": e.note,
            }
            for e in data["date_moves"]
        ],
        "advices": [advice_json(a, absolute, api_path=api_path) for a in data["advices"]],
    }
