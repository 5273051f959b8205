"""Advice-cycle data on top of tests/world.py, built on first use and kept on the world object.

Region A (noordkust) gets three proposals and, for its client panel (world.body):
- ``open_request``: an open request on a GR proposal, with one draft document, no advice yet;
- ``draft``: a solicited draft advice (two recommendations, one member's comment) answering a second request;
- ``adopted``: an unsolicited advice, adopted in a meeting, not sent;
- ``sent``: an unsolicited advice about a Zeedorp proposal, sent, with a PDF and a response per recommendation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from inspraak.advice import services
from inspraak.advice.models import (
    AdoptedHow,
    Advice,
    AdviceRequest,
    Recommendation,
    RecommendationResponse,
    RequestDocument,
    Response,
    Verdict,
)
from inspraak.policy.models import Proposal

DRAFT_SUBJECT = "Concept over de bijzondere bijstand"
COMMENT_TEXT = "Ik mis iets over wachttijden bij de balie"
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@dataclass
class AdviceData:
    proposal: Proposal
    open_request: AdviceRequest
    document: RequestDocument
    draft_request: AdviceRequest
    draft: Advice
    adopted: Advice
    sent: Advice
    zeedorp_proposal: Proposal


def new_proposal(world, *, title="Beleidsplan schuldhulp", municipality=None, weeks=10, **extra) -> Proposal:
    values = {
        "region": world.region,
        "municipality": municipality,
        "title": title,
        "description": "Hoe de regio mensen met schulden helpt.",
        "deciding_body": "algemeen_bestuur" if municipality is None else "college",
        "planned_decision_date": timezone.localdate() + datetime.timedelta(weeks=weeks),
        "owner": world.user("officer_region"),
        "status": "advies_gevraagd",
    }
    values.update(extra)
    return Proposal.objects.create(**values)


def new_request(world, proposal, *, body=None, requested_on=None, deadline=None, contact=None, **extra):
    body = body or world.body
    requested_on = requested_on or timezone.localdate()
    return AdviceRequest.objects.create(
        proposal=proposal,
        body=body,
        questions="Wat vindt de groep van de nieuwe regels?",
        contact=contact if contact is not None else world.user("officer_region"),
        requested_on=requested_on,
        deadline=deadline or requested_on + datetime.timedelta(weeks=body.advice_period_weeks),
        **extra,
    )


def sent_advice(
    world, *, proposal=None, recommendations=("Maak de brief korter", "Bel mensen eerst op"), pdf=False, body=None
) -> Advice:
    secretary = world.user("secretary")
    advice = services.advice_create(
        body=body or world.body,
        by=secretary,
        proposal=proposal,
        subject="Advies over de brieven",
        text="De brieven zijn moeilijk.",
        recommendations=list(recommendations),
    )
    if pdf:
        advice = services.advice_attach(advice=advice, by=secretary, data=PDF_BYTES)
    services.advice_adopt(advice=advice, by=secretary, adopted_on=timezone.localdate(), adopted_how=AdoptedHow.MEETING)
    return services.advice_send(advice=advice, by=secretary)


def record_response(advice: Advice, *, by=None, verdicts=None) -> Response:
    """The officer's response (written directly: the recording screens are the policy app's)."""
    response = Response.objects.create(
        advice=advice,
        responded_on=timezone.localdate(),
        mentioned_in_decision=True,
        summary="Dank voor het advies.",
        recorded_by=by,
    )
    recs = list(Recommendation.objects.filter(advice=advice).order_by("number"))
    verdicts = verdicts or [(Verdict.ADOPTED, ""), (Verdict.NOT_ADOPTED, "Dat kost te veel tijd.")]
    RecommendationResponse.objects.bulk_create(
        RecommendationResponse(response=response, recommendation=rec, verdict=verdict, reason=reason)
        for rec, (verdict, reason) in zip(recs, verdicts, strict=False)
    )
    return response


def advice_data(world) -> AdviceData:
    existing = getattr(world, "_advice", None)
    if existing is not None:
        return existing
    secretary = world.user("secretary")
    proposal = new_proposal(world)
    open_request = new_request(world, proposal)
    document = RequestDocument(
        request=open_request, title="Concept beleidsplan", content_type="application/pdf", size=len(PDF_BYTES)
    )
    document.file.save("concept.pdf", ContentFile(PDF_BYTES), save=False)
    document.save()

    draft_proposal = new_proposal(world, title="Verordening bijzondere bijstand", kind="verordening")
    draft_request = new_request(world, draft_proposal)
    draft = services.advice_create(
        body=world.body,
        by=secretary,
        request=draft_request,
        subject=DRAFT_SUBJECT,
        text="Wat de groep ervan vindt.",
        recommendations=["Maak het aanvragen makkelijker", "Geef sneller antwoord"],
    )
    services.comment_add(advice=draft, by=world.user("member"), text=COMMENT_TEXT)

    adopted = services.advice_create(
        body=world.body, by=secretary, subject="Ongevraagd advies over de balie", recommendations=["Meer stoelen"]
    )
    adopted = services.advice_adopt(
        advice=adopted, by=secretary, adopted_on=timezone.localdate(), adopted_how=AdoptedHow.WRITTEN
    )

    zeedorp_proposal = new_proposal(world, title="Re-integratiebeleid Zeedorp", municipality=world.municipality)
    sent = sent_advice(world, proposal=zeedorp_proposal, pdf=True)
    record_response(sent, by=world.user("officer_municipality"))

    data = AdviceData(proposal, open_request, document, draft_request, draft, adopted, sent, zeedorp_proposal)
    world._advice = data
    return data
