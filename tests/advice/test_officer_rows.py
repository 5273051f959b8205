"""The officer's pages read each list in one query as plain rows: the policy agenda's timeliness per body is the one
the proposal page computes, the right to record a response on an advice's stored place is the one on the advice,
and the paging behaves as Paginator.get_page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from inspraak.advice import permissions, selectors
from inspraak.advice.models import Advice, AdviceRequest, AdviceStatus, RequestStatus
from inspraak.policy import selectors as policy_selectors
from inspraak.policy.models import Proposal
from tests.plans import generic_plan, raw_queries
from tests.policy.data import new_proposal, policy, sent_advice

pytestmark = pytest.mark.django_db
D = datetime.timedelta
TODAY = timezone.localdate


def _varied_agenda(world):
    """Proposals with no body (with a reason), two bodies, a body asked, withdrawn and asked again, and one asked
    too late, next to the policy data (asked on time, not yet asked, decided without asking)."""
    data = policy(world)
    new_proposal(world, title="Zonder groep", bodies=[], no_bodies_reason="Alleen een technische wijziging")
    both = new_proposal(world, title="Twee groepen", municipality=None, bodies=[world.body, world.municipal_body])
    AdviceRequest.objects.create(
        proposal=both,
        body=world.body,
        questions="?",
        requested_on=TODAY() - D(days=30),
        deadline=TODAY() - D(days=2),
        status=RequestStatus.WITHDRAWN,
    )
    AdviceRequest.objects.create(
        proposal=both, body=world.body, questions="?", requested_on=TODAY(), deadline=TODAY() + D(days=40)
    )
    late = new_proposal(world, title="Te laat", planned_decision_date=TODAY() + D(days=20))
    AdviceRequest.objects.create(
        proposal=late, body=world.body, questions="?", requested_on=TODAY() - D(days=1), deadline=TODAY()
    )
    return data


@pytest.mark.parametrize("actor", ["officer_region", "officer_municipality", "admin"])
def test_the_agenda_shows_per_body_the_timeliness_of_the_proposal_page(world, actor):
    _varied_agenda(world)
    scope = policy_selectors.scope_for(world.user(actor), world.region)
    rows = selectors.dashboard(scope).proposals
    assert rows
    proposals = Proposal.objects.in_bulk([row.pk for row in rows])
    expected = selectors.proposals_timeliness(list(proposals.values()))
    for row in rows:
        assert [(body.name, body.timeliness) for body in row.bodies] == [
            (body.name, timeliness) for body, timeliness, _request in expected[row.pk]
        ], row.title
    by_title = {row.title: row for row in rows}
    if actor != "officer_municipality":
        assert [body.name for body in by_title["Twee groepen"].bodies] == sorted(
            [world.body.name, world.municipal_body.name]
        )
        assert by_title["Twee groepen"].bodies[0].timeliness.ok or by_title["Twee groepen"].bodies[1].timeliness.ok
    assert by_title["Zonder groep"].bodies == []


@pytest.mark.parametrize("actor", ["officer_region", "officer_municipality", "admin", "plain", "secretary"])
def test_the_right_to_respond_on_the_stored_place_is_the_right_on_the_advice(world, actor):
    data = policy(world)
    sent_advice(world.body, proposal=data.gr_proposal, subject="Over de regio")
    sent_advice(world.body, subject="Ongevraagd van de regio")
    sent_advice(world.municipal_body, proposal=data.proposal, subject="Gemeente over een voorstel")
    user = world.user(actor)
    advices = Advice.objects.select_related("body", "proposal", "request__proposal").filter(region=world.region)
    assert advices.count() >= 6
    for advice in advices:
        assert permissions.can_record_response_at(
            user,
            region_id=advice.region_id,
            municipality_id=advice.municipality_id,
            about_proposal=advice.proposal_id is not None or advice.request_id is not None,
        ) is permissions.can_record_response(user, advice), advice.subject


def test_the_awaiting_rows_link_exactly_the_advice_the_officer_may_respond_to(client, world):
    data = policy(world)
    sent_advice(world.municipal_body, proposal=data.gr_proposal, subject="Gemeentelijke groep over de regio")
    client.force_login(world.user("officer_municipality"))
    html = client.get(reverse("advice:officer_awaiting", args=[world.region.slug])).content.decode()
    user = world.user("officer_municipality")
    for advice in Advice.objects.filter(region=world.region, status=AdviceStatus.SENT).select_related(
        "body", "proposal", "request__proposal"
    ):
        link = reverse("advice:response", args=[world.region.slug, advice.pk])
        assert (link in html) is (advice.subject in html and permissions.can_record_response(user, advice))


def test_a_page_past_the_end_or_below_one_shows_the_last_page(client, world):
    policy(world)
    for n in range(30):
        new_proposal(world, municipality=None, bodies=[world.body], title=f"Lopend {n:02d}")
    client.force_login(world.user("officer_region"))
    url = reverse("advice:officer_dashboard", args=[world.region.slug])
    last = client.get(url, {"pagina": 2}).content.decode()
    assert "Pagina 2 van 2" in last
    for page in (3, 99, 0, -1):
        html = client.get(url, {"pagina": page}).content.decode()
        assert "Pagina 2 van 2" in html, page
        assert html.count('<tr class="utrecht-table__row">') == last.count('<tr class="utrecht-table__row">')
    assert "Pagina 1 van 2" in client.get(url, {"pagina": "1.5"}).content.decode()


def test_a_search_that_finds_nothing_says_so_in_one_query_for_the_agenda(client, world, django_assert_num_queries):
    policy(world)
    client.force_login(world.user("officer_region"))
    url = reverse("advice:officer_dashboard", args=[world.region.slug])
    # the session with the person and their roles, region; the agenda (an empty first page: nothing to count); the
    # two lists
    with django_assert_num_queries(5):
        html = client.get(url, {"zoek": "bestaat-niet"}).content.decode()
    assert "0 voorstellen gevonden." in html and "Geen voorstel past bij wat u zocht." in html


def test_the_agenda_lists_what_is_still_in_play_first_by_an_order_the_agenda_index_can_serve(world):
    """Decided and withdrawn proposals come after the ones still in play, each part by planned decision date. The
    order is written out as the expression of proposal_agenda_idx (no parameters in it), so that on PostgreSQL a plan
    for any region (a prepared statement) reads a page as a range of that index instead of sorting the region."""
    policy(world)
    Proposal.objects.filter(region=world.region).update(status="in_voorbereiding")
    soon = TODAY() + D(days=10)
    decided = new_proposal(world, title="Al besloten", planned_decision_date=soon)
    withdrawn = new_proposal(world, title="Ingetrokken", planned_decision_date=soon + D(days=1))
    new_proposal(world, title="Later", planned_decision_date=soon + D(days=400))
    Proposal.objects.filter(pk=decided.pk).update(status="besloten", decided_on=TODAY())
    Proposal.objects.filter(pk=withdrawn.pk).update(status="ingetrokken")
    scope = policy_selectors.scope_for(world.user("officer_region"), world.region)
    with raw_queries() as captured:
        titles = [row.title for row in selectors.dashboard(scope).proposals]
    assert titles.index("Later") < titles.index("Al besloten") < titles.index("Ingetrokken")
    assert titles[-2:] == ["Al besloten", "Ingetrokken"]
    sql, params = next((sql, params) for sql, params in captured if '"policy_proposal"."title"' in sql)
    assert "IN ('besloten', 'ingetrokken') THEN 1 ELSE 0 END" in sql
    if connection.vendor == "postgresql":
        plan = generic_plan(sql, params)
        page_ids = plan[plan.index("Limit") :]
        assert "Sort" not in page_ids.split("proposal_agenda_idx")[0], plan


@pytest.mark.parametrize("actor", ["officer_region", "officer_municipality", "admin"])
def test_the_advice_awaiting_a_response_is_read_from_its_partial_index_in_a_plan_for_any_region(world, actor):
    """The waiting advice's status is written into the SQL, so a plan for any region (a prepared statement) reads
    the list and its count from a partial index of the waiting advice alone, however much advice was answered
    before."""
    data = policy(world)
    answered = [
        sent_advice(body, subject=f"Beantwoord {n}", recommendations=0)
        for n in range(40)
        for body in (world.body, world.municipal_body)
    ]
    Advice.objects.filter(pk__in=[advice.pk for advice in answered]).update(responded_on=TODAY())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the planner knows that most sent advice was answered
            cursor.execute("ANALYZE advice_advice")
    scope = policy_selectors.scope_for(world.user(actor), world.region)
    with raw_queries() as captured:
        awaiting = selectors.dashboard(scope).awaiting
    assert data.sent_advice.pk in [row.advice.pk for row in awaiting]
    sql, params = next((sql, params) for sql, params in captured if '"advice_advice"."subject"' in sql)
    assert "\"status\" IN ('verzonden')" in sql
    if connection.vendor == "postgresql":
        plan = generic_plan(sql, params)
        # the page's ids and the count, each from a partial index of the waiting advice (which one: the planner's
        # choice on this small table)
        assert len(re.findall(r"Scan using advice_awaiting_(body_)?idx on advice_advice", plan)) == 2, plan
