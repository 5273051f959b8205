"""Issue 5's "done when", as a new user would try it: too late asked, advice drafted, adopted, sent, answered per
recommendation, the public timeline; a proposal decided without asking shows as "niet gevraagd"."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inspraak.advice import services as advice
from inspraak.advice.selectors import proposal_timeliness
from inspraak.policy import services as policy
from tests.world import TODAY as WORLD_TODAY

pytestmark = pytest.mark.django_db

TODAY = WORLD_TODAY  # the fixed day of the test world (the tests travel to tests.world.NOW)


def test_the_whole_advice_cycle_and_the_public_timeline(client, world):
    officer = world.user("officer_region")
    secretary = world.user("secretary")
    body = world.body  # advice period: 6 weeks
    proposal = policy.proposal_create(
        region=world.region,
        municipality=None,
        by=officer,
        title="Beleidsregels bijzondere bijstand",
        description="Nieuwe regels voor bijzondere bijstand.",
        kind="beleid",
        owner=officer,
        deciding_body="dagelijks_bestuur",
        planned_decision_date=TODAY + datetime.timedelta(days=30),
        bodies=[body],
    )
    [request] = advice.request_create(
        proposal=proposal,
        bodies=[body],
        questions="Wat vindt u van de regels?",
        by=officer,
        deadline=TODAY + datetime.timedelta(days=25),
    )
    # 6 weeks from today is 42 days; the decision is in 30: 12 days short.
    [(concerned, timeliness, asked)] = proposal_timeliness(proposal)
    assert concerned == body and asked == request
    assert timeliness.code == "te_laat" and timeliness.days_short == 12
    assert timeliness.message == "Te laat gevraagd: 12 dagen te weinig om advies te geven"

    draft = advice.advice_create(
        body=body,
        by=secretary,
        subject="Advies bijzondere bijstand",
        text="Wij adviseren:",
        recommendations=["Maak de regels korter.", "Vraag cliënten mee te lezen."],
        request=request,
    )
    advice.advice_adopt(advice=draft, by=secretary, adopted_on=TODAY, adopted_how="vergadering")
    sent = advice.advice_send(advice=draft, by=secretary)
    assert sent.status == "verzonden" and sent.response_due is not None
    proposal.refresh_from_db()
    assert proposal.status == "advies_ontvangen"

    first, second = sent.recommendations.order_by("number")
    advice.response_record(
        advice=sent,
        by=officer,
        responded_on=TODAY,
        verdicts={first.pk: ("overgenomen", ""), second.pk: ("niet", "Daar is geen tijd meer voor.")},
        mentioned_in_decision=True,
    )
    url = reverse("register:proposal", args=[world.region.slug, proposal.pk])
    html = client.get(url).content.decode()
    assert "Beleidsregels bijzondere bijstand" in html
    assert "Maak de regels korter." in html and "Daar is geen tijd meer voor." in html
    assert "12 dagen te weinig" in html
    assert officer.name not in html and secretary.name not in html

    # A second proposal that concerns the body, decided without ever asking it.
    quiet = policy.proposal_create(
        region=world.region,
        municipality=None,
        by=officer,
        title="Regels tegenprestatie",
        description="Stil besloten.",
        kind="beleid",
        owner=officer,
        deciding_body="dagelijks_bestuur",
        planned_decision_date=TODAY,
        bodies=[body],
    )
    policy.proposal_change_status(
        proposal=quiet,
        status="besloten",
        by=officer,
        version=quiet.version,
        decided_on=TODAY,
        decision_url="https://example.org/besluit",
        no_advice_reason="Het bestuur besloot zonder de groep te vragen.",
    )
    quiet.refresh_from_db()
    [(_, quiet_timeliness, none)] = proposal_timeliness(quiet)
    assert none is None and quiet_timeliness.code == "niet_gevraagd"
    html = client.get(reverse("register:proposal", args=[world.region.slug, quiet.pk])).content.decode()
    assert "Niet gevraagd" in html
