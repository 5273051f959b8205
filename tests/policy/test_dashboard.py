"""The officer dashboard and the timeliness selectors: scope, flags and a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.advice import selectors as advice_selectors
from inspraak.advice.models import AdviceRequest, RequestStatus, Response
from inspraak.policy import rules, selectors
from inspraak.policy.models import Proposal
from tests.policy.data import new_proposal, policy, sent_advice
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
D = datetime.timedelta
TODAY = timezone.localdate


def _grow(world):
    """More proposals (municipal and GR), requests, concerns and advice awaiting a response."""

    def grow():
        for n in range(3):
            proposal = new_proposal(world, title=f"Extra {n}")
            request = AdviceRequest.objects.create(
                proposal=proposal,
                body=world.body,
                questions="?",
                requested_on=TODAY(),
                deadline=TODAY() + D(days=10),
            )
            sent_advice(world.body, request=request)
            gr = new_proposal(world, municipality=None, bodies=[world.body], title=f"GR {n}")
            sent_advice(world.body, proposal=gr)
            sent_advice(world.municipal_body, subject=f"Ongevraagd {n}")

    return grow


@pytest.mark.parametrize("actor", ["officer_municipality", "officer_region", "admin"])
def test_dashboard_runs_a_fixed_number_of_queries(client, world, actor):
    policy(world)
    client.force_login(world.user(actor))
    url = reverse("advice:officer_dashboard", args=[world.region.slug])
    assert_constant_queries(client, url, _grow(world))


def test_dashboard_scope_and_flags(client, world):
    data = policy(world)
    late = new_proposal(world, title="Te laat gevraagd voorstel", planned_decision_date=TODAY() + D(days=20))
    AdviceRequest.objects.create(
        proposal=late, body=world.body, questions="?", requested_on=TODAY() - D(days=1), deadline=TODAY() - D(days=1)
    )
    overdue = sent_advice(world.body, proposal=data.proposal, sent_on=TODAY() - D(weeks=8), subject="Over tijd")
    client.force_login(world.user("officer_municipality"))
    html = client.get(reverse("advice:officer_dashboard", args=[world.region.slug])).content.decode()
    assert data.proposal.title in html and "Te laat gevraagd voorstel" in html
    assert "Regionale werkwijze" not in html  # the GR proposal is for GR officers
    assert "Te laat gevraagd: " in html and "Nog niet gevraagd: nog" in html
    assert "(verlopen)" in html  # the late request's deadline passed
    assert "Over tijd" in html and "14 dagen te laat" in html
    assert "Ongevraagd advies over brieven" in html  # Zeedorp's adviesraad, no proposal
    assert reverse("advice:response", args=[world.region.slug, overdue.pk]) in html
    client.force_login(world.user("officer_region"))
    html = client.get(reverse("advice:officer_dashboard", args=[world.region.slug])).content.decode()
    assert "Regionale werkwijze" in html
    # A municipal body's unsolicited advice without a proposal is for that municipality's officers.
    assert "Ongevraagd advies over brieven" not in html
    client.force_login(world.user("admin"))
    html = client.get(reverse("advice:officer_dashboard", args=[world.region.slug])).content.decode()
    assert "Regionale werkwijze" in html and "Nieuw voorstel" not in html
    assert reverse("advice:response", args=[world.region.slug, overdue.pk]) not in html


def test_answered_advice_leaves_the_dashboard(client, world):
    data = policy(world)
    Response.objects.create(advice=data.sent_advice, responded_on=TODAY())
    scope = selectors.scope_for(world.user("officer_municipality"), world.region)
    awaiting = [item.advice.pk for item in advice_selectors.dashboard(scope).awaiting]
    assert data.sent_advice.pk not in awaiting and data.unsolicited.pk in awaiting


def test_proposal_timeliness_and_its_bulk_variant_agree(world, django_assert_num_queries):
    data = policy(world)
    proposal = Proposal.objects.get(pk=data.proposal.pk)
    with django_assert_num_queries(2):
        rows = advice_selectors.proposal_timeliness(proposal)
    assert [(body, t.code, r.pk if r else None) for body, t, r in rows] == [
        (world.municipal_body, rules.NOT_YET_ASKED, None),
        (world.body, rules.ON_TIME, data.request.pk),
    ]
    proposals = list(Proposal.objects.order_by("pk"))
    with django_assert_num_queries(2):
        bulk = advice_selectors.proposals_timeliness(proposals)
    assert [(b.pk, t.code) for b, t, _r in bulk[proposal.pk]] == [(b.pk, t.code) for b, t, _r in rows]


def test_a_withdrawn_request_does_not_count_and_decided_without_request_is_not_asked(world):
    data = policy(world)
    AdviceRequest.objects.filter(pk=data.request.pk).update(status=RequestStatus.WITHDRAWN)
    proposal = Proposal.objects.get(pk=data.proposal.pk)
    codes = {b.pk: t.code for b, t, _r in advice_selectors.proposal_timeliness(proposal)}
    assert codes[world.body.pk] == rules.NOT_YET_ASKED
    decided = Proposal.objects.get(pk=data.decided.pk)
    codes = {b.pk: t.code for b, t, _r in advice_selectors.proposal_timeliness(decided)}
    assert set(codes.values()) == {rules.NOT_ASKED}


def test_the_policy_agenda_is_paged_with_proposals_in_play_first(client, world):
    policy(world)
    for n in range(30):
        new_proposal(world, municipality=None, bodies=[world.body], title=f"Lopend {n:02d}")
    decided = new_proposal(world, municipality=None, bodies=[world.body], title="Al besloten")
    Proposal.objects.filter(pk=decided.pk).update(
        status="besloten", decided_on=TODAY(), planned_decision_date=TODAY() - D(days=400)
    )
    client.force_login(world.user("officer_region"))
    url = reverse("advice:officer_dashboard", args=[world.region.slug])
    first = client.get(url).content.decode()
    assert "Pagina 1 van 2" in first and "Al besloten" not in first
    second = client.get(url, {"pagina": 2}).content.decode()
    assert "Al besloten" in second
    nonsense = client.get(url, {"pagina": "onzin"})
    assert nonsense.status_code == 200 and "Pagina 1 van 2" in nonsense.content.decode()
