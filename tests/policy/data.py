"""Policy data on top of tests/world.py, built on first use and kept on the world object.

- ``proposal``: a policy proposal of Zeedorp (owner: the Zeedorp officer) concerning the regional client panel
  (asked, ``request``, with one PDF) and Zeedorp's adviesraad (not asked yet);
- ``gr_proposal``: a GR proposal concerning the client panel, not asked yet;
- ``decided``: a Zeedorp proposal decided without advice (with the reason), the decision as a file;
- ``sent_advice``: the client panel's sent advice on ``request`` with two recommendations, no response yet;
- ``draft_advice``: an unsolicited draft advice of the client panel about ``proposal``;
- ``unsolicited``: a sent unsolicited advice of Zeedorp's adviesraad without a proposal.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass

from django.utils import timezone

from inspraak.advice import services as advice_services
from inspraak.advice.models import Advice, AdviceKind, AdviceRequest, AdviceStatus, Recommendation
from inspraak.policy import services
from inspraak.policy.models import DecidingBody, Proposal, ProposalKind, ProposalStatus

D = datetime.timedelta
SECRET_DESCRIPTION = "Geheime voorbereiding van de regels voor bijzondere bijstand"
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hallo.txt", "hallo")
    return buffer.getvalue()


@dataclass
class PolicyData:
    proposal: Proposal
    request: AdviceRequest
    gr_proposal: Proposal
    decided: Proposal
    sent_advice: Advice
    draft_advice: Advice
    unsolicited: Advice


def new_proposal(world, *, municipality="default", by=None, bodies=None, **extra) -> Proposal:
    municipality = world.municipality if municipality == "default" else municipality
    by = by or world.user("officer_municipality" if municipality is not None else "officer_region")
    values = {
        "title": "Beleidsregels bijzondere bijstand",
        "description": SECRET_DESCRIPTION,
        "kind": ProposalKind.POLICY,
        "owner": by,
        "deciding_body": DecidingBody.COLLEGE if municipality is not None else DecidingBody.GR_GENERAL,
        "planned_decision_date": timezone.localdate() + D(days=120),
        "no_bodies_reason": "",
    }
    values.update(extra)
    if bodies is None:
        bodies = [world.body] + ([world.municipal_body] if municipality is not None else [])
    return services.proposal_create(
        region=world.region, municipality=municipality, by=by, bodies=bodies, suggested_ids=[], **values
    )


def sent_advice(body, *, request=None, proposal=None, sent_on=None, recommendations=2, subject="Ons advies"):
    sent_on = sent_on or timezone.localdate() - D(days=7)
    advice = Advice.objects.create(
        body=body,
        kind=AdviceKind.SOLICITED if request else AdviceKind.UNSOLICITED,
        request=request,
        proposal=proposal,
        subject=subject,
        text="Maak de regels eenvoudiger.",
        status=AdviceStatus.SENT,
        adopted_on=sent_on,
        sent_on=sent_on,
        response_due=sent_on + D(weeks=body.response_period_weeks),
    )
    for number in range(1, recommendations + 1):
        Recommendation.objects.create(advice=advice, number=number, text=f"Aanbeveling nummer {number}")
    return advice


def policy(world) -> PolicyData:
    existing = getattr(world, "_policy", None)
    if existing is not None:
        return existing
    officer = world.user("officer_municipality")
    proposal = new_proposal(world)
    (request,) = advice_services.request_create(
        proposal=proposal,
        bodies=[world.body],
        questions="Wat vindt u van de nieuwe regels?",
        by=officer,
        documents=[("Concept beleidsregels", TINY_PDF)],
    )
    gr_proposal = new_proposal(world, municipality=None, bodies=[world.body], title="Regionale werkwijze")
    decided = new_proposal(world, title="Besloten voorstel", planned_decision_date=timezone.localdate() - D(days=1))
    decided = services.proposal_change_status(
        proposal=decided,
        status=ProposalStatus.DECIDED,
        by=officer,
        version=decided.version,
        decided_on=timezone.localdate() - D(days=1),
        decision_data=TINY_PDF,
        no_advice_reason="De regels moesten op 1 januari klaar zijn.",
    )
    advice = sent_advice(world.body, request=request)
    draft = Advice.objects.create(
        body=world.body, kind=AdviceKind.UNSOLICITED, proposal=proposal, subject="Concept", status=AdviceStatus.DRAFT
    )
    unsolicited = sent_advice(world.municipal_body, subject="Ongevraagd advies over brieven", recommendations=1)
    data = PolicyData(proposal, request, gr_proposal, decided, advice, draft, unsolicited)
    world._policy = data
    return data
