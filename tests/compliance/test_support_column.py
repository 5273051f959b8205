"""Column b of the art. 47 matrix (support for the clients who take part, issue 13): from the groups' support
schemes, how fast members' expense claims are decided, and the trainings held."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from inspraak.claims.models import ClaimKind, ClaimStatus, ExpenseClaim
from inspraak.compliance import rules, selectors
from inspraak.compliance.rules import FAILS, MEETS, NO_DATA, PARTLY, Thresholds
from inspraak.support.models import AllowanceMode, SupportScheme
from inspraak.training.models import Training
from tests.compliance.data import bylaw, compliance_data
from tests.quality.queries import assert_constant_queries

TODAY = datetime.date(2026, 12, 2)


def test_a_claim_decided_within_four_weeks_is_on_time_and_one_left_open_longer_counts_against():
    submitted = datetime.date(2026, 10, 1)
    assert rules.claim_outcome(submitted_on=submitted, decided_on=submitted + datetime.timedelta(days=28), today=TODAY)
    assert (
        rules.claim_outcome(submitted_on=submitted, decided_on=datetime.date(2026, 10, 29), today=TODAY)
        == rules.ANSWERED_IN_TIME
    )
    assert (
        rules.claim_outcome(submitted_on=submitted, decided_on=datetime.date(2026, 10, 30), today=TODAY)
        == rules.ANSWERED_LATE
    )
    assert rules.claim_outcome(submitted_on=submitted, decided_on=None, today=TODAY) == rules.OPEN_TOO_LONG
    assert (
        rules.claim_outcome(submitted_on=datetime.date(2026, 11, 20), decided_on=None, today=TODAY) == rules.NOT_COUNTED
    )


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"region_has_data": False, "bodies": 2, "with_scheme": 0}, NO_DATA),
        ({"region_has_data": True, "bodies": 0, "with_scheme": 0}, FAILS),
        ({"region_has_data": True, "bodies": 2, "with_scheme": 0}, FAILS),
        ({"region_has_data": True, "bodies": 2, "with_scheme": 1}, PARTLY),
        ({"region_has_data": True, "bodies": 2, "with_scheme": 2}, MEETS),
        ({"region_has_data": True, "bodies": 1, "with_scheme": 1, "counted": 10, "in_time": 9}, MEETS),
        ({"region_has_data": True, "bodies": 1, "with_scheme": 1, "counted": 10, "in_time": 8}, PARTLY),
    ],
)
def test_support_status_from_schemes_and_claim_handling(facts, expected):
    facts = {"counted": 0, "in_time": 0, **facts}
    assert rules.support_status(thresholds=Thresholds(), **facts) == expected


def _scheme(body, year, **fields):
    defaults = {"allowance_mode": AllowanceMode.PER_MEETING, "amount_per_meeting": Decimal("35.00")}
    return SupportScheme.objects.create(body=body, year=year, **{**defaults, **fields})


def _claim(world, *, submitted, decided=None, body=None):
    claim = ExpenseClaim.objects.create(
        body=body or world.body,
        user=world.user("member"),
        kind=ClaimKind.PUBLIC_TRANSPORT,
        spent_on=submitted,
        amount=Decimal("7.40"),
        status=ClaimStatus.APPROVED if decided else ClaimStatus.SUBMITTED,
        decided_at=(timezone.make_aware(datetime.datetime.combine(decided, datetime.time(12)))) if decided else None,
    )
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        created_at=timezone.make_aware(datetime.datetime.combine(submitted, datetime.time(9)))
    )
    return claim


def _cells(world):
    """Column b per row; both municipalities have a verordening that regulates a-e, so b shows the practice."""
    data = compliance_data(world)
    for municipality in (world.municipality, world.municipality_2):
        bylaw(world, municipality)
    matrix = selectors.region_matrix(world.region, year=data.year, today=data.today)
    return {(row.municipality.slug if row.municipality else "gr"): row.cells["b"] for row in matrix.rows}


@pytest.mark.django_db
def test_without_any_support_scheme_in_the_region_column_b_says_no_data(world):
    assert {cell.status for cell in _cells(world).values()} == {NO_DATA}


@pytest.mark.django_db
def test_a_group_without_a_scheme_makes_the_rows_it_serves_partly_and_is_named_as_evidence(world):
    _scheme(world.body, TODAY.year)
    cells = _cells(world)
    assert cells["duinstad"].status == MEETS  # served by the regional panel only
    zeedorp = cells["zeedorp"]  # also served by its own adviesraad, which has no scheme
    assert zeedorp.status == PARTLY
    assert zeedorp.numbers["groepen"] == 2 and zeedorp.numbers["groepen_met_regeling"] == 1
    assert [link.label for link in zeedorp.evidence] == [world.municipal_body.name]
    assert "1 van 2 groepen" in zeedorp.summary


@pytest.mark.django_db
def test_a_scheme_that_offers_nothing_does_not_count(world):
    _scheme(world.body, TODAY.year)
    _scheme(
        world.municipal_body,
        TODAY.year,
        allowance_mode=AllowanceMode.NONE,
        amount_per_meeting=None,
        travel_public_transport=False,
        other_costs=False,
    )
    assert _cells(world)["zeedorp"].status == PARTLY


@pytest.mark.django_db
def test_claims_decided_late_make_support_partly_with_the_numbers(world):
    _scheme(world.body, TODAY.year)
    _claim(world, submitted=datetime.date(2026, 9, 1), decided=datetime.date(2026, 9, 10))
    _claim(world, submitted=datetime.date(2026, 9, 1), decided=datetime.date(2026, 11, 1))
    _claim(world, submitted=datetime.date(2026, 11, 25))  # open, not four weeks yet: not counted
    cell = _cells(world)["duinstad"]
    assert cell.status == PARTLY
    assert cell.numbers["declaraties_ingediend"] == 3
    assert cell.numbers["declaraties_geteld"] == 2
    assert cell.numbers["declaraties_op_tijd"] == 1 and cell.numbers["declaraties_te_laat"] == 1
    assert "1 van 2 op tijd" in cell.summary


@pytest.mark.django_db
def test_trainings_held_this_year_are_counted(world):
    _scheme(world.body, TODAY.year)
    start = timezone.make_aware(datetime.datetime(2026, 6, 1, 10))
    Training.objects.create(
        body=world.body, title="Lezen van beleid", starts_at=start, ends_at=start, place="Stadhuis", seats=10
    )
    assert _cells(world)["duinstad"].numbers["trainingen"] == 1


@pytest.mark.django_db
def test_the_matrix_page_costs_the_same_queries_whatever_the_number_of_claims(world, client):
    _scheme(world.body, TODAY.year)
    compliance_data(world)
    url = reverse("compliance:matrix", kwargs={"region": world.region.slug})

    def grow():
        for day in range(1, 6):
            _claim(world, submitted=datetime.date(2026, 9, day), decided=datetime.date(2026, 9, day + 1))
        cache.clear()  # the claims were made without a service (no audit row): compute the matrix again

    assert_constant_queries(client, url, grow)


@pytest.mark.django_db
def test_the_csv_has_the_support_numbers(world, client):
    _scheme(world.body, TODAY.year)
    _cells(world)
    response = client.get(reverse("compliance:csv", kwargs={"region": world.region.slug}))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert "b groepen met regeling" in lines[0]
    duinstad = next(line for line in lines if ";Duinstad;" in line)
    assert "Elke groep heeft een vergoedingsregeling.;1;1;" in duinstad


@pytest.mark.django_db
def test_the_evidence_page_lists_support_per_group(world, client):
    _scheme(world.body, TODAY.year)
    _cells(world)
    _claim(world, submitted=datetime.date(2026, 9, 1), decided=datetime.date(2026, 9, 3))
    url = reverse("compliance:municipality_evidence", kwargs={"region": world.region.slug, "municipality": "zeedorp"})
    html = client.get(url, {"jaar": TODAY.year}).content.decode()
    assert "Ondersteuning per groep" in html
    assert "1 van 2 groepen hebben een vergoedingsregeling." in html
