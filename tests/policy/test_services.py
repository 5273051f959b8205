"""Services of the policy agenda: history rows, audit rows without names, optimistic locking, requests, responses."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from inspraak.advice import services as advice_services
from inspraak.advice.models import (
    AdviceEvent,
    AdviceRequest,
    AdviceStatus,
    RecommendationResponse,
    RequestDocument,
    RequestStatus,
    Response,
)
from inspraak.audit.models import AuditEvent
from inspraak.core.versioning import StaleEdit
from inspraak.policy import services
from inspraak.policy.models import Concern, Proposal, ProposalEvent, ProposalStatus
from inspraak.regions.models import Body
from tests.factories import BodyFactory
from tests.policy.data import TINY_PDF, docx_bytes, new_proposal, odt_bytes, plain_zip, policy, sent_advice
from tests.world import TODAY as WORLD_TODAY

pytestmark = pytest.mark.django_db
D = datetime.timedelta
TODAY = timezone.localdate


def _no_names(world, rows) -> None:
    names = [u.name for u in world.users.values() if u is not None]
    for row in rows:
        for name in names:
            assert name not in row.target_label, f"{row.action}: {row.target_label}"


# ---------------------------------------------------------------- proposals


def test_create_keeps_concerns_with_suggestion_flag_history_and_audit(world):
    officer = world.user("officer_municipality")
    proposal = services.proposal_create(
        region=world.region,
        municipality=world.municipality,
        by=officer,
        title=" Beleidsregels ",
        description="Over bijzondere bijstand.",
        kind="beleid",
        owner=officer,
        deciding_body="college",
        planned_decision_date=TODAY() + D(days=90),
        bodies=[world.body, world.municipal_body],
        suggested_ids=[world.body.pk],
    )
    assert proposal.title == "Beleidsregels"
    assert dict(Concern.objects.filter(proposal=proposal).values_list("body_id", "suggested")) == {
        world.body.pk: True,
        world.municipal_body.pk: False,
    }
    event = ProposalEvent.objects.get(proposal=proposal)
    assert event.kind == ProposalEvent.Kind.CREATED and event.by == officer
    audit = AuditEvent.objects.get(action="proposal.create")
    assert audit.target_label == f"voorstel #{proposal.pk}"
    _no_names(world, [audit])


def test_create_without_bodies_needs_a_reason(world):
    with pytest.raises(services.PolicyError) as error:
        new_proposal(world, bodies=[])
    assert error.value.code == "no_bodies"
    proposal = new_proposal(world, bodies=[], no_bodies_reason="Gaat over ICT, niet over cliënten.")
    assert proposal.concerns.count() == 0
    assert proposal.no_bodies_reason.startswith("Gaat over ICT")


def test_create_refuses_a_body_of_another_municipality_and_a_foreign_municipality(world):
    duinstad_body = BodyFactory(
        region=world.region, level=Body.Level.MUNICIPALITY, municipality=world.municipality_2, slug="pr-duinstad"
    )
    with pytest.raises(services.PolicyError) as error:
        new_proposal(world, bodies=[duinstad_body])
    assert error.value.code == "body_out_of_scope"
    with pytest.raises(services.PolicyError) as error:
        new_proposal(world, municipality=world.other_municipality, by=world.user("officer_region"))
    assert error.value.code == "municipality_out_of_region"
    assert not Proposal.objects.exists()


def test_a_moved_decision_date_needs_a_reason_and_is_kept_as_history(world):
    proposal = new_proposal(world)
    officer = world.user("officer_municipality")
    old = proposal.planned_decision_date
    with pytest.raises(services.PolicyError) as error:
        services.proposal_update(
            proposal=proposal, by=officer, version=proposal.version, planned_decision_date=old + D(days=14)
        )
    assert error.value.code == "date_reason"
    updated = services.proposal_update(
        proposal=proposal,
        by=officer,
        version=proposal.version,
        planned_decision_date=old + D(days=14),
        title="Nieuwe titel",
        date_reason="De raad vergadert later.",
    )
    assert updated.version == proposal.version + 1
    moved = ProposalEvent.objects.get(proposal=proposal, kind=ProposalEvent.Kind.DATE_MOVED)
    assert (moved.old_date, moved.new_date, moved.note) == (old, old + D(days=14), "De raad vergadert later.")
    details = ProposalEvent.objects.get(proposal=proposal, kind=ProposalEvent.Kind.DETAILS)
    assert details.changed_fields == ["title"]
    audit = AuditEvent.objects.get(action="proposal.update")
    assert set(audit.changed_fields) == {"planned_decision_date", "title"}
    _no_names(world, [audit])


def test_a_stale_version_is_refused_and_changes_nothing(world):
    proposal = new_proposal(world)
    officer = world.user("officer_municipality")
    opened = proposal.version
    services.proposal_update(proposal=proposal, by=world.user("officer_region"), version=opened, title="Eerst")
    events = ProposalEvent.objects.count()
    with pytest.raises(StaleEdit):
        services.proposal_update(proposal=proposal, by=officer, version=opened, title="Daarna")
    proposal.refresh_from_db()
    assert proposal.title == "Eerst"
    assert proposal.version == opened + 1
    assert ProposalEvent.objects.count() == events
    with pytest.raises(StaleEdit):
        services.proposal_change_status(
            proposal=proposal, status=ProposalStatus.WITHDRAWN, by=officer, version=opened, reason="Weg"
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PREPARING


def test_a_body_that_was_asked_cannot_be_removed(world):
    data = policy(world)
    proposal = Proposal.objects.get(pk=data.proposal.pk)
    with pytest.raises(services.PolicyError) as error:
        services.proposal_update(
            proposal=proposal, by=world.user("officer_municipality"), version=proposal.version, bodies=[]
        )
    assert error.value.code in ("concern_has_request", "no_bodies")
    with pytest.raises(services.PolicyError) as error:
        services.proposal_update(
            proposal=proposal,
            by=world.user("officer_municipality"),
            version=proposal.version,
            bodies=[world.municipal_body],
        )
    assert error.value.code == "concern_has_request" and error.value.body == world.body
    assert Concern.objects.filter(proposal=proposal).count() == 2


def test_changing_the_bodies_alone_is_history_too(world):
    proposal = new_proposal(world)
    services.proposal_update(
        proposal=proposal, by=world.user("officer_municipality"), version=proposal.version, bodies=[world.body]
    )
    assert list(proposal.concerns.values_list("body_id", flat=True)) == [world.body.pk]
    event = ProposalEvent.objects.get(proposal=proposal, kind=ProposalEvent.Kind.DETAILS)
    assert event.changed_fields == ["concerned_bodies"]


def test_decided_needs_date_link_or_file_and_is_final(world):
    proposal = new_proposal(world)
    officer = world.user("officer_municipality")

    def change(**kwargs):
        current = Proposal.objects.get(pk=proposal.pk)
        current.region = world.region
        return services.proposal_change_status(
            proposal=current, status=kwargs.pop("status", ProposalStatus.DECIDED), by=officer,
            version=current.version, **kwargs,
        )  # fmt: skip

    for kwargs, code in [
        ({}, "decided_on"),
        ({"decided_on": TODAY() + D(days=1), "decision_url": "https://x.nl"}, "decided_future"),
        ({"decided_on": TODAY()}, "decision_link"),
        ({"decided_on": TODAY(), "decision_data": plain_zip()}, "file_type"),
        ({"status": ProposalStatus.WITHDRAWN}, "withdraw_reason"),
        ({"status": ProposalStatus.PREPARING}, "same_status"),
    ]:
        with pytest.raises(services.PolicyError) as error:
            change(**kwargs)
        assert error.value.code == code
    decided = change(decided_on=TODAY(), decision_data=docx_bytes(), no_advice_reason="Er was geen tijd.")
    assert decided.status == ProposalStatus.DECIDED and decided.decided_on == TODAY()
    assert decided.decision_file.name.endswith(".docx")
    event = ProposalEvent.objects.get(proposal=proposal, kind=ProposalEvent.Kind.STATUS)
    assert (event.from_status, event.to_status) == (ProposalStatus.PREPARING, ProposalStatus.DECIDED)
    with pytest.raises(services.PolicyError) as error:
        change(status=ProposalStatus.WITHDRAWN, reason="Toch niet")
    assert error.value.code == "final"


def test_withdrawn_keeps_its_reason(world):
    proposal = new_proposal(world)
    services.proposal_change_status(
        proposal=proposal,
        status=ProposalStatus.WITHDRAWN,
        by=world.user("officer_municipality"),
        version=proposal.version,
        reason="Het college ziet ervan af.",
    )
    event = ProposalEvent.objects.get(proposal=proposal, kind=ProposalEvent.Kind.STATUS)
    assert event.note == "Het college ziet ervan af."
    assert AuditEvent.objects.filter(action="proposal.status").count() == 1


# ---------------------------------------------------------------- advice requests


def test_first_request_moves_the_proposal_and_tells_secretary_and_facilitator(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = new_proposal(world)
    officer = world.user("officer_municipality")
    with django_capture_on_commit_callbacks(execute=True):
        created = advice_services.request_create(
            proposal=proposal,
            bodies=[world.body, world.municipal_body],
            questions="Wat vindt u ervan?",
            by=officer,
            documents=[("Concept", TINY_PDF), ("Bijlage", odt_bytes())],
        )
    assert len(created) == 2
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADVICE_REQUESTED
    status = ProposalEvent.objects.get(proposal=proposal, kind=ProposalEvent.Kind.STATUS)
    assert status.to_status == ProposalStatus.ADVICE_REQUESTED
    panel = AdviceRequest.objects.get(proposal=proposal, body=world.body)
    assert panel.contact == officer
    assert panel.deadline == TODAY() + D(weeks=world.body.advice_period_weeks)
    assert panel.status == RequestStatus.OPEN
    documents = list(RequestDocument.objects.filter(request=panel).order_by("pk"))
    assert [d.content_type for d in documents] == ["application/pdf", "application/vnd.oasis.opendocument.text"]
    for document in documents:
        assert "Concept" not in document.file.name and "Bijlage" not in document.file.name
    # The panel's secretary and facilitator; the adviesraad has no one with a role.
    assert sorted(a for m in mailoutbox for a in m.to) == ["facilitator@example.org", "secretary@example.org"]
    text = next(m.body for m in mailoutbox if m.to == ["secretary@example.org"])
    assert proposal.title in text and "Geheime" not in text
    assert f"/orgaan/{world.region.slug}/{world.body.slug}/adviesaanvragen/{panel.pk}/" in text
    assert "2 stukken" in text
    audits = AuditEvent.objects.filter(action="advice_request.create")
    assert audits.count() == 2
    _no_names(world, audits)


def test_a_second_open_request_to_the_same_body_is_refused(world):
    data = policy(world)
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.request_create(
            proposal=data.proposal, bodies=[world.body], questions="Nog eens?", by=world.user("officer_municipality")
        )
    assert error.value.code == "duplicate" and error.value.body == world.body
    assert AdviceRequest.objects.filter(proposal=data.proposal, body=world.body).count() == 1


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        # The world's fixed day, not the real clock's: parameters are made before the test travels to NOW.
        ({"deadline": WORLD_TODAY - D(days=1)}, "deadline_past"),
        ({"requested_on": WORLD_TODAY + D(days=1)}, "requested_future"),
        ({"requested_on": WORLD_TODAY - D(days=10), "deadline": WORLD_TODAY - D(days=11)}, "deadline_past"),
        ({"questions": "  "}, "no_questions"),
        ({"bodies": []}, "no_body"),
        ({"documents": [("x", plain_zip())]}, "file_type"),
        ({"documents": [("x", b"")]}, "file_empty"),
        ({"documents": [("x", b"%PDF-" + b"0" * (10 * 1024 * 1024))]}, "file_too_large"),
    ],
)
def test_request_bad_input(world, kwargs, code):
    proposal = new_proposal(world)
    values = {"bodies": [world.body], "questions": "Wat vindt u ervan?", **kwargs}
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.request_create(proposal=proposal, by=world.user("officer_municipality"), **values)
    assert error.value.code == code
    assert not AdviceRequest.objects.exists()
    assert not RequestDocument.objects.exists()


def test_a_decision_before_the_request_is_refused(world):
    proposal = new_proposal(world, planned_decision_date=TODAY() - D(days=1))
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.request_create(
            proposal=proposal, bodies=[world.body], questions="Vraag", by=world.user("officer_municipality")
        )
    assert error.value.code == "decision_before_request"


def test_no_request_for_a_body_not_concerned_or_a_closed_proposal(world):
    proposal = new_proposal(world, bodies=[world.body])
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.request_create(
            proposal=proposal, bodies=[world.municipal_body], questions="Vraag", by=world.user("officer_municipality")
        )
    assert error.value.code == "not_concerned"
    services.proposal_change_status(
        proposal=proposal,
        status=ProposalStatus.WITHDRAWN,
        by=world.user("officer_municipality"),
        version=proposal.version,
        reason="Weg",
    )
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.request_create(
            proposal=proposal, bodies=[world.body], questions="Vraag", by=world.user("officer_municipality")
        )
    assert error.value.code == "closed"


def test_a_document_can_be_added_to_an_open_request(world):
    data = policy(world)
    document = advice_services.request_document_add(
        advice_request=data.request, title="Extra", data=docx_bytes(), by=world.user("officer_municipality")
    )
    assert document.file.name.endswith(".docx") and document.size == len(docx_bytes())
    assert AuditEvent.objects.filter(action="request_document.add").count() == 1
    with pytest.raises(advice_services.AdviceError):
        advice_services.request_document_add(
            advice_request=data.request, title="Zip", data=plain_zip(), by=world.user("officer_municipality")
        )


# ---------------------------------------------------------------- responses


def test_response_per_recommendation_with_history_audit_and_mail(world, mailoutbox, django_capture_on_commit_callbacks):
    data = policy(world)
    advice = data.sent_advice
    first, second = advice.recommendations.order_by("number")
    with django_capture_on_commit_callbacks(execute=True):
        response = advice_services.response_record(
            advice=advice,
            by=world.user("officer_municipality"),
            responded_on=TODAY(),
            verdicts={first.pk: ("overgenomen", ""), second.pk: ("deels", "Alleen voor nieuwe aanvragen.")},
            mentioned_in_decision=True,
            sent_to_council=True,
        )
    assert response.mentioned_in_decision and response.sent_to_council
    assert list(RecommendationResponse.objects.values_list("verdict", "reason").order_by("recommendation__number")) == [
        ("overgenomen", ""),
        ("deels", "Alleen voor nieuwe aanvragen."),
    ]
    assert AdviceEvent.objects.filter(advice=advice, kind=AdviceEvent.Kind.RESPONSE).count() == 1
    audit = AuditEvent.objects.get(action="advice.response")
    _no_names(world, [audit])
    assert [m.to for m in mailoutbox] == [["secretary@example.org"]]
    assert "Deels overgenomen: 1" in mailoutbox[0].body
    assert f"/adviezen/{advice.pk}/" in mailoutbox[0].body


def test_response_refusals(world):
    data = policy(world)
    officer = world.user("officer_municipality")
    advice = data.sent_advice
    first, second = advice.recommendations.order_by("number")
    cases = [
        ({first.pk: ("overgenomen", "")}, "verdict_missing"),
        ({first.pk: ("overgenomen", ""), second.pk: ("niet", " ")}, "reason_missing"),
    ]
    for verdicts, code in cases:
        with pytest.raises(advice_services.AdviceError) as error:
            advice_services.response_record(advice=advice, by=officer, responded_on=TODAY(), verdicts=verdicts)
        assert error.value.code == code
    full = {first.pk: ("overgenomen", ""), second.pk: ("niet", "Te duur.")}
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.response_record(advice=advice, by=officer, responded_on=TODAY() + D(days=1), verdicts=full)
    assert error.value.code == "responded_future"
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.response_record(
            advice=advice, by=officer, responded_on=advice.sent_on - D(days=1), verdicts=full
        )
    assert error.value.code == "responded_before_sent"
    assert not Response.objects.exists()
    advice_services.response_record(advice=advice, by=officer, responded_on=TODAY(), verdicts=full)
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.response_record(advice=advice, by=officer, responded_on=TODAY(), verdicts=full)
    assert error.value.code == "already"
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.response_record(advice=data.draft_advice, by=officer, responded_on=TODAY(), verdicts={})
    assert error.value.code == "not_sent"
    assert data.draft_advice.status == AdviceStatus.DRAFT
    assert Response.objects.count() == 1


def test_unsolicited_advice_without_recommendations_gets_a_response(world):
    advice = sent_advice(world.municipal_body, recommendations=0)
    response = advice_services.response_record(
        advice=advice, by=world.user("officer_municipality"), responded_on=TODAY(), verdicts={}, summary="Dank."
    )
    assert response.summary == "Dank." and not response.verdicts.exists()
