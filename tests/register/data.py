"""Advice-cycle data for the register tests, on top of tests/world.py, built on first use and kept on the world.

Written straight to the models (the register only reads). Dates are relative to today:

- ``decided``: a Zeedorp proposal, decided 20 days ago (date moved once). The regional panel was asked on time
  and sent ``advice`` (2 recommendations, both answered); the Zeedorp adviesraad was concerned but never asked
  ("niet gevraagd").
- ``late``: a proposal of the whole region, decision in 5 days; the panel was asked 30 days ago (too late) and sent
  ``late_advice``, no response yet (due later: "wacht op reactie").
- ``unsolicited``: unsolicited advice of the Zeedorp adviesraad, no proposal, response overdue ("te laat").
- ``draft``: a draft of the panel with a recommendation and a member's comment; ``adopted``: adopted but not sent,
  answering an open request on ``open_proposal``. Their texts are secrets that must never appear publicly.
- ``preparing``: a proposal in preparation without a request (not public).
- ``other``: a decided proposal of the other region with sent advice (never in this region's register).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from inspraak.advice.models import (
    AdoptedHow,
    Advice,
    AdviceComment,
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    Recommendation,
    RecommendationResponse,
    RequestStatus,
    Response,
    Verdict,
)
from inspraak.policy.models import Concern, DecidingBody, Proposal, ProposalEvent, ProposalKind, ProposalStatus

DRAFT_SECRET = "GEHEIM-CONCEPT-7731"
DRAFT_RECOMMENDATION_SECRET = "GEHEIME-CONCEPTAANBEVELING-7731"
COMMENT_SECRET = "GEHEIME-OPMERKING-7731"
ADOPTED_SECRET = "NIET-VERZONDEN-7731"
OTHER_REGION_SUBJECT = "Advies uit Binnenland"
SECRETS = (DRAFT_SECRET, DRAFT_RECOMMENDATION_SECRET, COMMENT_SECRET, ADOPTED_SECRET)


@dataclass
class RegisterData:
    today: datetime.date
    decided: Proposal
    request: AdviceRequest
    advice: Advice
    late: Proposal
    late_advice: Advice
    unsolicited: Advice
    open_proposal: Proposal
    draft: Advice
    adopted: Advice
    preparing: Proposal
    other: Proposal
    other_advice: Advice


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def proposal(world, *, region=None, municipality=None, title="Voorstel", **extra) -> Proposal:
    values = {
        "description": "Wat er verandert en waarom.",
        "kind": ProposalKind.POLICY,
        "deciding_body": DecidingBody.COLLEGE,
        "planned_decision_date": days(60),
        "owner": world.user("officer_municipality"),
        "created_by": world.user("officer_municipality"),
    }
    values.update(extra)
    return Proposal.objects.create(region=region or world.region, municipality=municipality, title=title, **values)


def ask(world, proposal, body, *, requested_on, status=RequestStatus.ANSWERED, **extra) -> AdviceRequest:
    Concern.objects.get_or_create(proposal=proposal, body=body)
    values = {
        "questions": "Wat vindt u van de nieuwe brieven?",
        "contact": world.user("officer_municipality"),
        "deadline": requested_on + datetime.timedelta(weeks=body.advice_period_weeks),
        "status": status,
    }
    values.update(extra)
    return AdviceRequest.objects.create(proposal=proposal, body=body, requested_on=requested_on, **values)


def sent_advice(world, body, *, subject, sent_on, request=None, proposal=None, recommendations=(), **extra) -> Advice:
    """A sent advice with numbered ``recommendations`` (texts)."""
    values = {
        "kind": AdviceKind.SOLICITED if request else AdviceKind.UNSOLICITED,
        "text": "De groep heeft dit besproken.",
        "status": AdviceStatus.SENT,
        "adopted_on": sent_on - datetime.timedelta(days=2),
        "adopted_how": AdoptedHow.MEETING,
        "response_due": sent_on + datetime.timedelta(weeks=body.response_period_weeks),
        "created_by": world.user("secretary"),
    }
    values.update(extra)
    advice = Advice.objects.create(
        body=body, request=request, proposal=proposal, subject=subject, sent_on=sent_on, **values
    )
    for number, text in enumerate(recommendations, start=1):
        Recommendation.objects.create(advice=advice, number=number, text=text)
    return advice


def respond(advice, *, responded_on, verdicts=(), summary="Dank voor het advies.") -> Response:
    response = Response.objects.create(
        advice=advice, responded_on=responded_on, summary=summary, mentioned_in_decision=True
    )
    for recommendation, (verdict, reason) in zip(advice.recommendations.order_by("number"), verdicts, strict=False):
        RecommendationResponse.objects.create(
            response=response, recommendation=recommendation, verdict=verdict, reason=reason
        )
    return response


def register_data(world) -> RegisterData:
    existing = getattr(world, "_register", None)
    if existing is not None:
        return existing
    today = timezone.localdate()

    decided = proposal(
        world,
        municipality=world.municipality,
        title="Nieuwe regels voor de bijstand",
        kind=ProposalKind.BYLAW,
        deciding_body=DecidingBody.COUNCIL,
        planned_decision_date=days(-20),
        status=ProposalStatus.DECIDED,
        decided_on=days(-20),
        decision_url="https://zeedorp.example.org/besluiten/1",
    )
    ProposalEvent.objects.create(
        proposal=decided,
        kind=ProposalEvent.Kind.DATE_MOVED,
        old_date=days(-40),
        new_date=days(-20),
        note="De raad vergadert later.",
        by=world.user("officer_municipality"),
    )
    Concern.objects.create(proposal=decided, body=world.municipal_body, suggested=True)
    request = ask(world, decided, world.body, requested_on=days(-100))
    advice = sent_advice(
        world,
        world.body,
        subject="Advies over de bijstandsregels",
        text="Maak de brieven eenvoudiger.",
        request=request,
        proposal=decided,
        sent_on=days(-60),
        recommendations=[
            "Schrijf brieven in eenvoudige taal.",
            "Bel voordat een uitkering stopt.",
        ],
    )
    respond(
        advice,
        responded_on=days(-25),
        verdicts=[(Verdict.ADOPTED, ""), (Verdict.NOT_ADOPTED, "Dat kost te veel tijd.")],
    )

    late = proposal(
        world,
        title="Regionaal werkplan",
        deciding_body=DecidingBody.GR_GENERAL,
        planned_decision_date=days(5),
        status=ProposalStatus.ADVICE_RECEIVED,
    )
    late_request = ask(world, late, world.body, requested_on=days(-30))
    late_advice = sent_advice(
        world,
        world.body,
        subject="Advies over het werkplan",
        request=late_request,
        sent_on=days(-5),
        recommendations=["Meer begeleiding naar werk."],
    )

    unsolicited = sent_advice(
        world,
        world.municipal_body,
        subject="Ongevraagd advies over de bereikbaarheid",
        sent_on=days(-60),
        response_due=days(-18),
    )

    open_proposal = proposal(
        world, municipality=world.municipality, title="Armoedebeleid", status=ProposalStatus.ADVICE_REQUESTED
    )
    open_request = ask(world, open_proposal, world.body, requested_on=days(-7), status=RequestStatus.OPEN)
    draft = Advice.objects.create(
        body=world.body,
        kind=AdviceKind.UNSOLICITED,
        proposal=open_proposal,
        subject=DRAFT_SECRET,
        text=f"Tekst {DRAFT_SECRET}",
        created_by=world.user("secretary"),
    )
    Recommendation.objects.create(advice=draft, number=1, text=DRAFT_RECOMMENDATION_SECRET)
    AdviceComment.objects.create(advice=draft, author=world.user("member"), text=COMMENT_SECRET)
    adopted = Advice.objects.create(
        body=world.body,
        kind=AdviceKind.SOLICITED,
        request=open_request,
        proposal=open_proposal,
        subject=ADOPTED_SECRET,
        text=f"Tekst {ADOPTED_SECRET}",
        status=AdviceStatus.ADOPTED,
        adopted_on=days(-1),
        adopted_how=AdoptedHow.WRITTEN,
    )

    preparing = proposal(world, municipality=world.municipality, title="Nog in voorbereiding")
    Concern.objects.create(proposal=preparing, body=world.body, suggested=True)

    other = proposal(
        world,
        region=world.other_region,
        municipality=world.other_municipality,
        title="Voorstel in Binnenland",
        status=ProposalStatus.DECIDED,
        planned_decision_date=days(-10),
        decided_on=days(-10),
        owner=None,
        created_by=None,
    )
    other_request = ask(world, other, world.other_body, requested_on=days(-90), contact=None)
    other_advice = sent_advice(
        world, world.other_body, subject=OTHER_REGION_SUBJECT, request=other_request, proposal=other, sent_on=days(-50)
    )

    data = RegisterData(
        today=today,
        decided=decided,
        request=request,
        advice=advice,
        late=late,
        late_advice=late_advice,
        unsolicited=unsolicited,
        open_proposal=open_proposal,
        draft=draft,
        adopted=adopted,
        preparing=preparing,
        other=other,
        other_advice=other_advice,
    )
    world._register = data
    return data
