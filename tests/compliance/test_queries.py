"""The matrix, its evidence pages, the CSV and "is the client heard?" run a fixed number of queries, whatever the
number of municipalities, bodies, proposals, topics and documents."""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspraak.compliance import selectors
from inspraak.regions.models import Body
from tests.compliance.data import bylaw, compliance_data, days, decided_proposal, document, meeting, topic
from tests.factories import BodyFactory, MembershipFactory, MunicipalityFactory
from tests.register.data import sent_advice

pytestmark = pytest.mark.django_db

_numbers = itertools.count(100)


def _grow(world):
    """More of everything: a municipality with its own body and verordening, proposals with concerns, requests and
    advice, meetings with documents, topics with answers, members."""
    n = next(_numbers)
    municipality = MunicipalityFactory(
        region=world.region, name=f"Gemeente {n}", slug=f"gemeente-{n}", cbs_code=f"GM{n:04d}"
    )
    body = BodyFactory(
        region=world.region,
        name=f"Adviesraad {n}",
        slug=f"adviesraad-{n}",
        level=Body.Level.MUNICIPALITY,
        municipality=municipality,
    )
    bylaw(world, municipality)
    for target in (municipality, world.municipality, None):
        proposal = decided_proposal(
            world,
            municipality=target,
            decided_on=days(-20),
            title=f"Besluit {n}",
            concerns=[world.body, body],
            asked={world.body: days(-90)},
        )
        sent_advice(
            world, world.body, subject=f"Advies {n}", sent_on=days(-60), proposal=proposal, recommendations=["x"]
        )
    for target in (body, world.body, world.municipal_body):
        held = meeting(target, on=days(-30), title=f"Bijeenkomst {n}")
        document(held, available_on=days(-40))
        member = MembershipFactory(body=target, municipality=world.municipality).user
        topic(target, member, submitted_on=days(-100), answered_on=days(-95), title=f"Onderwerp {n}")


def _seed(world):
    """Some of everything first: a query for an empty list (no proposals, no verordening) is skipped."""
    compliance_data(world)
    _grow(world)


def _url(world, name, **kwargs):
    return reverse(f"compliance:{name}", kwargs={"region": world.region.slug, **kwargs})


def _grow_uncached(world):
    """_grow, then an empty cache: the factories write no audit rows, so the cached matrix would not see them."""
    _grow(world)
    cache.clear()


def test_the_matrix_page_query_count_does_not_grow(client, world):
    from tests.quality.queries import assert_constant_queries

    _seed(world)
    assert_constant_queries(client, _url(world, "matrix"), lambda: _grow_uncached(world), expected=17)


def test_the_matrix_page_and_csv_cost_two_queries_once_computed_whatever_the_data(client, world):
    from tests.quality.queries import count_queries

    _seed(world)
    for name in ("matrix", "csv"):
        count_queries(client, _url(world, name))
        assert count_queries(client, _url(world, name)) == 2  # the region and its newest audit row
    for _ in range(5):
        _grow_uncached(world)
        for name in ("matrix", "csv"):
            count_queries(client, _url(world, name))
            assert count_queries(client, _url(world, name)) == 2


def test_the_evidence_pages_and_csv_query_counts_do_not_grow(client, world):
    from tests.quality.queries import assert_constant_queries

    _seed(world)
    municipality = _url(world, "municipality_evidence", municipality="zeedorp")
    assert_constant_queries(client, municipality, lambda: _grow_uncached(world), expected=19)
    cache.clear()  # the pages of a region share what they cached (its years)
    assert_constant_queries(client, _url(world, "region_evidence"), lambda: _grow_uncached(world), expected=19)
    cache.clear()
    assert_constant_queries(client, _url(world, "csv"), lambda: _grow_uncached(world))


def test_the_evidence_pages_once_computed_read_only_the_votes_afresh(client, world):
    """The row, its evidence and "is the client heard?" come from the cache; only the votes (not audited) are read
    again: the municipality with its region (the region), the newest audit row and the votes of the client members
    who did nothing else (issue 15: was 6 and 5 with "is the client heard?" read afresh)."""
    from tests.quality.queries import count_queries

    _seed(world)
    for _ in range(5):  # client members of the regional body who did nothing yet: their votes are looked up
        MembershipFactory(body=world.body, municipality=world.municipality)
    municipality = _url(world, "municipality_evidence", municipality="zeedorp")
    for _ in range(3):
        count_queries(client, municipality)
        assert count_queries(client, municipality) == 3
        count_queries(client, _url(world, "region_evidence"))
        assert count_queries(client, _url(world, "region_evidence")) == 3
        _grow_uncached(world)


def test_the_public_body_page_query_count_does_not_grow_with_the_heard_numbers(client, world):
    from tests.quality.queries import assert_constant_queries

    compliance_data(world)
    url = reverse("dashboards:body", kwargs={"region": world.region.slug, "body": world.body.slug})
    assert_constant_queries(client, url, lambda: _grow_uncached(world))


def _count(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


def test_the_matrix_of_many_municipalities_costs_the_same_queries_as_of_two(world):
    data = compliance_data(world)
    _grow(world)

    def matrix():
        return selectors.region_matrix(world.region, year=data.year, today=data.today)

    before = _count(matrix)
    for _ in range(25):
        _grow(world)
    after = _count(matrix)
    assert before == after == 14
    assert len(matrix().rows) == 29


def test_is_the_client_heard_costs_four_queries_for_any_number_of_bodies(world):
    compliance_data(world)
    one = _count(lambda: selectors.bodies_heard([world.body], year=2026))
    for _ in range(3):
        _grow(world)
    bodies = list(Body.objects.filter(region=world.region))
    assert _count(lambda: selectors.bodies_heard(bodies, year=2026)) == one == 4
