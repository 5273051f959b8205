"""The register filters on where an advice applies as stored on the advice (region and municipality) and selects a
page's ids on the advice table alone. These tests show that the filters find exactly what the former OR over three
join paths (the proposal's municipality, the request's proposal's, the body's) found, and that paging over the
ids keeps the order, the count and a fixed number of queries."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse

from inspraak.advice.models import Advice, AdviceKind, AdviceStatus, Verdict
from inspraak.register import selectors
from inspraak.register.selectors import PAGE_SIZE, Filters
from tests.quality.queries import assert_constant_queries
from tests.register.data import ask, days, proposal, register_data, respond, sent_advice

pytestmark = pytest.mark.django_db


def _before(region, municipality=None, *, gr_only=False):
    """The municipality filter as it was written before the place was stored on the advice (the oracle)."""
    rows = Advice.objects.filter(body__region=region, status=AdviceStatus.SENT)
    if municipality is not None:
        m = municipality
        rows = rows.filter(
            Q(proposal__municipality=m)
            | Q(proposal__isnull=True, request__proposal__municipality=m)
            | Q(proposal__isnull=True, request__isnull=True, body__municipality=m)
        )
    elif gr_only:
        rows = rows.filter(
            Q(proposal__isnull=False, proposal__municipality__isnull=True)
            | Q(proposal__isnull=True, request__isnull=False, request__proposal__municipality__isnull=True)
            | Q(proposal__isnull=True, request__isnull=True, body__municipality__isnull=True)
        )
    return set(rows.values_list("pk", flat=True))


def _every_path(world) -> dict[str, Advice]:
    """One sent advice per way an advice can be tied to a place."""
    zeedorp, duinstad = world.municipality, world.municipality_2
    own = proposal(world, municipality=zeedorp, title="Eigen voorstel")
    through = proposal(world, municipality=duinstad, title="Voorstel via de aanvraag")
    regional = proposal(world, title="Voorstel van de regio")
    return {
        # the advice names a Zeedorp proposal itself
        "proposal": sent_advice(world, world.body, subject="Via voorstel", proposal=own, sent_on=days(-10)),
        # the advice has no proposal of its own; its request is about a Duinstad proposal
        "request": sent_advice(
            world,
            world.body,
            subject="Via aanvraag",
            request=ask(world, through, world.body, requested_on=days(-40)),
            sent_on=days(-11),
        ),
        # neither: the Zeedorp body's own municipality counts
        "body": sent_advice(world, world.municipal_body, subject="Via groep", sent_on=days(-12)),
        # the Zeedorp body about a proposal of the whole region: the proposal counts, not the body
        "body_on_regional": sent_advice(
            world, world.municipal_body, subject="Groep over regio", proposal=regional, sent_on=days(-13)
        ),
        # the regional panel without a proposal: the whole region
        "regional_loose": sent_advice(world, world.body, subject="Los van de regio", sent_on=days(-14)),
    }


def _found(world, **filters) -> set[int]:
    page = selectors.api_page(world.region, Filters(**filters), page=1)
    rows = {advice.pk for advice in page.object_list}
    assert page.paginator.count == len(rows)  # fewer than a page here
    return rows


def test_the_municipality_filters_find_every_advice_the_or_over_three_joins_found(world):
    register_data(world)
    made = _every_path(world)
    zeedorp, duinstad = world.municipality, world.municipality_2

    assert _found(world, municipality=zeedorp) == _before(world.region, zeedorp)
    assert _found(world, municipality=duinstad) == _before(world.region, duinstad)
    assert _found(world, gr_only=True) == _before(world.region, gr_only=True)
    assert _found(world) == _before(world.region)

    assert {made["proposal"].pk, made["body"].pk} <= _found(world, municipality=zeedorp)
    assert made["request"].pk in _found(world, municipality=duinstad)
    assert {made["body_on_regional"].pk, made["regional_loose"].pk} <= _found(world, gr_only=True)
    assert made["body_on_regional"].pk not in _found(world, municipality=zeedorp)


def test_municipality_and_year_and_body_filters_combine_on_the_stored_place(world):
    register_data(world)
    made = _every_path(world)
    zeedorp = world.municipality
    year = made["body"].sent_on.year
    assert made["body"].pk in _found(world, municipality=zeedorp, year=year, body=world.municipal_body)
    assert not _found(world, municipality=zeedorp, year=year - 5)
    solicited = set(Advice.objects.filter(kind=AdviceKind.SOLICITED).values_list("pk", flat=True))
    assert _found(world, municipality=zeedorp, kind=AdviceKind.SOLICITED) == _before(world.region, zeedorp) & solicited


def test_the_response_filters_still_split_every_advice_once(world):
    data = register_data(world)
    received = _found(world, response=selectors.RECEIVED)
    waiting = _found(world, response=selectors.WAITING)
    overdue = _found(world, response=selectors.OVERDUE)
    assert data.advice.pk in received and data.late_advice.pk in waiting and data.unsolicited.pk in overdue
    assert not (received & waiting or received & overdue or waiting & overdue)
    assert received | waiting | overdue == _found(world)


def _newest_first(world, n, *, body, start=-300, subject="Zeedorp advies"):
    for i in range(n):
        advice = sent_advice(
            world, body, subject=f"{subject} {i:03d}", sent_on=days(start - i), recommendations=["Een."]
        )
        if i % 2:
            respond(advice, responded_on=days(start - i + 30), verdicts=[(Verdict.ADOPTED, "")])


def test_a_filtered_page_holds_25_newest_first_and_links_to_the_next(client, world):
    register_data(world)
    _newest_first(world, PAGE_SIZE + 4, body=world.municipal_body)
    url = reverse("register:index", kwargs={"region": world.region.slug})
    first = client.get(url, {"gemeente": "zeedorp"}).content.decode()
    assert first.count('class="inspraak-card inspraak-card--wide"') == PAGE_SIZE
    assert "gemeente=zeedorp&amp;pagina=2" in first
    # newest first: the newest of the batch on page 1, the oldest on page 2
    assert "Zeedorp advies 000" in first and "Zeedorp advies 028" not in first
    second = client.get(url, {"gemeente": "zeedorp", "pagina": "2"}).content.decode()
    assert "Zeedorp advies 028" in second and "Zeedorp advies 000" not in second

    api = reverse("api:advices", kwargs={"region": world.region.slug})
    pages = [client.get(api, {"gemeente": "zeedorp", "pagina": n}).json() for n in (1, 2)]
    ids = [item["id"] for page in pages for item in page["results"]]
    expected = list(
        Advice.objects.filter(pk__in=_before(world.region, world.municipality))
        .order_by("-sent_on", "-pk")
        .values_list("pk", flat=True)
    )
    assert ids == expected and pages[0]["count"] == len(expected)
    assert [item["sent_on"] for item in pages[0]["results"]] == sorted(
        (item["sent_on"] for item in pages[0]["results"]), reverse=True
    )


@pytest.mark.parametrize(
    "query",
    ["?gemeente=zeedorp&jaar=2026", "?gemeente=hele-regio", "?orgaan=asd-zeedorp&reactie=te_laat", "?pagina=2"],
)
def test_filtered_register_pages_keep_a_fixed_number_of_queries(client, world, query):
    register_data(world)
    url = reverse("register:index", kwargs={"region": world.region.slug}) + query
    _newest_first(world, PAGE_SIZE + 1, body=world.municipal_body)
    # region (with its newest audit row), municipalities, bodies, count, the page's ids, their rows,
    # recommendations with verdicts

    def grow():
        _newest_first(world, 30, body=world.municipal_body, start=-310, subject="Meer")
        _newest_first(world, 30, body=world.body, start=-200, subject="Regio")
        cache.clear()  # the factories write no audit rows: a kept page would not see them

    assert_constant_queries(client, url, grow, expected=7)
