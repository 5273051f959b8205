"""The demo's advice cycle: a year in Waterland-Oost with every state the screens show, idempotent."""

from __future__ import annotations

import datetime

import pytest

from inspraak.accounts.models import User
from inspraak.advice.models import (
    Advice,
    AdviceComment,
    AdviceEvent,
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    Recommendation,
    RecommendationResponse,
    RequestStatus,
    Response,
    Verdict,
)
from inspraak.advice.reminders import reminders_send
from inspraak.audit.models import AuditEvent
from inspraak.demo.generator import load_demo
from inspraak.policy import rules
from inspraak.policy.models import Concern, Proposal, ProposalEvent, ProposalStatus

pytestmark = pytest.mark.django_db

NOW = datetime.date(2026, 11, 23)  # the demo's "now"
MODELS = (
    Proposal,
    Concern,
    ProposalEvent,
    AdviceRequest,
    Advice,
    Recommendation,
    AdviceComment,
    AdviceEvent,
    Response,
    RecommendationResponse,
)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _state():
    return (
        set(Proposal.objects.values_list("title", "status", "decided_on", "municipality__name", "owner__name")),
        set(AdviceRequest.objects.values_list("proposal__title", "body__name", "status", "requested_on", "deadline")),
        set(Advice.objects.values_list("subject", "kind", "status", "sent_on", "response_due")),
        set(RecommendationResponse.objects.values_list("recommendation__advice__subject", "verdict")),
    )


def _timeliness(proposal: Proposal, body) -> rules.Timeliness:
    request = proposal.requests.filter(body=body).exclude(status=RequestStatus.WITHDRAWN).first()
    return rules.concern_timeliness(
        requested_on=request.requested_on if request else None,
        advice_period_weeks=body.advice_period_weeks,
        decision_on=rules.decision_date(proposal.planned_decision_date, proposal.decided_on),
        decided=proposal.status == ProposalStatus.DECIDED,
        today=NOW,
    )


def test_running_twice_gives_the_same_advice_cycle():
    load_demo()
    first, state = _counts(), _state()
    load_demo()
    assert _counts() == first
    assert _state() == state
    assert first["Proposal"] == 8  # issue 12: one more, decided without advice
    assert first["Advice"] == 6


def test_a_missing_piece_is_written_again():
    load_demo()
    counts = _counts()
    Response.objects.get(advice__subject__startswith="Advies over het re-integratiebeleid").delete()
    load_demo()
    assert _counts()["Response"] == counts["Response"]
    assert _counts()["RecommendationResponse"] == counts["RecommendationResponse"]


def test_every_state_of_the_cycle_is_in_the_demo():
    load_demo()
    people = {u.name: u for u in User.objects.all()}
    proposals = {p.title: p for p in Proposal.objects.select_related("owner", "municipality")}
    assert {p.owner.name for p in proposals.values()} == {"Fatima El Amrani", "Jeroen Visser"}
    assert {p.status for p in proposals.values()} == {
        ProposalStatus.PREPARING,
        ProposalStatus.ADVICE_REQUESTED,
        ProposalStatus.ADVICE_RECEIVED,
        ProposalStatus.DECIDED,
    }

    codes = {}
    for proposal in proposals.values():
        for concern in proposal.concerns.select_related("body"):
            codes[proposal.title] = _timeliness(proposal, concern.body)
    assert codes["Beleidsregels bijzondere bijstand 2027"].code == rules.ON_TIME
    late = codes["Re-integratiebeleid 2027-2030"]
    assert (late.code, late.days_short) == (rules.LATE, 18)
    assert "18 dagen te weinig" in late.message
    assert codes["Armoedebeleid Havenstad"].code == rules.NOT_ASKED
    assert codes["Beleidsregels tegenprestatie"].code == rules.NOT_YET_ASKED
    assert proposals["Armoedebeleid Havenstad"].municipality.name == "Havenstad"

    unsolicited = Advice.objects.get(kind=AdviceKind.UNSOLICITED)
    assert unsolicited.proposal == proposals["Armoedebeleid Havenstad"]
    assert unsolicited.body.name == "Adviesraad Sociaal Domein Havenstad"

    verdicts = list(RecommendationResponse.objects.all())
    assert {v.verdict for v in verdicts} == {Verdict.ADOPTED, Verdict.PARTLY, Verdict.NOT_ADOPTED}
    assert all(v.reason for v in verdicts if v.verdict != Verdict.ADOPTED)

    overdue = [
        a
        for a in Advice.objects.filter(status=AdviceStatus.SENT, response__isnull=True)
        if rules.response_overdue(a.response_due, None, NOW) > 0
    ]
    assert [a.subject for a in overdue] == ["Advies over de verordening cliëntenparticipatie"]

    draft = Advice.objects.get(status=AdviceStatus.DRAFT)
    assert draft.request.status == RequestStatus.OPEN
    assert draft.recommendations.count() == 2
    assert draft.comments.get().author == people["Anouk de Vries"]

    for model in (Proposal, AdviceRequest, Advice, Recommendation, Response, RecommendationResponse):
        for row in model.objects.all():
            row.full_clean()


def test_history_is_dated_in_the_story_and_the_audit_log_names_no_one():
    load_demo()
    decided = Proposal.objects.get(title="Beleidsregels bijzondere bijstand 2027")
    steps = list(decided.events.values_list("kind", "to_status", "at"))
    assert [(kind, status) for kind, status, _at in steps] == [
        ("aangemaakt", "in_voorbereiding"),
        ("status", "advies_gevraagd"),
        ("status", "advies_ontvangen"),
        ("status", "besloten"),
    ]
    assert [at.date() for *_rest, at in steps] == [
        datetime.date(2025, 12, 8),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 4, 9),
        datetime.date(2026, 6, 25),
    ]
    names = set(User.objects.values_list("name", flat=True))
    labels = AuditEvent.objects.filter(action__in=["proposal.create", "advice.create", "advice.response"])
    assert labels.count() >= 6 + 5 + 3
    for event in AuditEvent.objects.all():
        assert not any(name in event.target_label for name in names)


def test_the_daily_reminders_on_the_demo(mailoutbox, django_capture_on_commit_callbacks):
    load_demo()
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders_send(today=NOW)
    # The overdue response (Havenstad); the tegenprestatie proposal is not within 6 + 1 weeks of its decision yet.
    assert counts == {"deadline": 0, "response": 1, "decision": 0}
    assert [m.to for m in mailoutbox] == [["beleid.havenstad@demo.inspraak.example"]]
    with django_capture_on_commit_callbacks(execute=True):
        december = reminders_send(today=datetime.date(2026, 12, 15))
        february = reminders_send(today=datetime.date(2027, 2, 8))
    # The panel's open request (deadline 21 December); the tegenprestatie decision (25 March) is 6 + 1 weeks away
    # on 4 February and the panel was not asked.
    assert december == {"deadline": 1, "response": 0, "decision": 0}
    assert february == {"deadline": 0, "response": 0, "decision": 1}
