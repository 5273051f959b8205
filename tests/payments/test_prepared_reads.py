"""Issue 15: the month page's and the budget's reads are built once per shape (core.prepared, ADR 0032): the
prepared rows are the rows the ORM query gives, for every shape, and each shape really is prepared (no silent
fallback to building the query on every request)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from inspraak.core import prepared
from inspraak.core.prepared import prepared_rows
from inspraak.payments import selectors
from tests.payments.data import NOVEMBER, payments_data

pytestmark = pytest.mark.django_db
WORLD_DATA = (payments_data,)


@pytest.fixture(autouse=True)
def _no_shapes_kept():
    prepared.forget_shapes()
    yield
    prepared.forget_shapes()


def _reads(world, data) -> list[tuple]:
    body, region = world.body, world.region
    start, end = selectors.month_bounds(NOVEMBER)
    members = [world.user("member").pk, data.young.pk, data.chair.pk]
    year = selectors._year_bounds(2026)
    return [
        ("schemes", selectors._schemes_query, {"body_id": body.pk}),
        ("caps", selectors._caps_query, {"region_id": region.pk}),
        ("members", selectors._month_members_query, {"body_id": body.pk, "start": start, "end": end}),
        (
            "allowances",
            selectors._region_allowances_query,
            {
                "user_ids": sorted(members),
                "first": datetime.date(2026, 1, 1),
                "after": datetime.date(2027, 1, 1),
            },
        ),
        ("lines", selectors._budget_lines_query, {"body_id": body.pk}),
        ("sums", selectors._budget_sums_query, {"body_id": body.pk, "now": timezone.now(), **year}),
        ("costs", selectors._budget_costs_query, {"body_id": body.pk, "first": year["first"], "after": year["after"]}),
        ("ready", selectors._ready_counts, {"region_id": region.pk}),
        ("ready_bodies", selectors._ready_counts, {"body_ids": [body.pk]}),
    ]


def test_the_prepared_reads_of_the_month_page_and_the_budget_are_the_orms_rows(world):
    data = payments_data(world)
    for key, build, values in _reads(world, data):
        expected = sorted(build(**values), key=repr)
        assert sorted(prepared_rows(key, build, **values), key=repr) == expected, key
        assert sorted(prepared_rows(key, build, **values), key=repr) == expected, key  # the kept shape again
        assert expected or key == "costs", key  # the data gives every read something to find
    assert len(prepared._shapes) == 9
    assert prepared._NOT_PREPARED not in prepared._shapes.values()


def test_the_month_page_and_the_budget_use_prepared_shapes_only(world):
    payments_data(world)
    selectors.month_overview(world.body, NOVEMBER)
    selectors.budget(world.body, 2026, datetime.date(2026, 12, 3))
    keys = {key[0] for key in prepared._shapes}
    assert keys >= {"payments.schemes", "payments.caps", "payments.month_members", "payments.region_allowances"}
    assert keys >= {"payments.budget_lines", "payments.budget_sums", "payments.budget_costs"}
    assert prepared._NOT_PREPARED not in prepared._shapes.values()


def test_the_statements_lines_are_those_of_the_batches_paid_in_the_year(world):
    # The day paid is read per line from its batch (no join with every batch of the year): the same lines as the
    # join on the batch's year, for every group and for one.
    from inspraak.payments.models import PaymentItem

    payments_data(world)
    member = world.user("member")
    for year in (2025, 2026):
        for body_id in (None, world.body.pk):
            values = {"user_id": member.pk, "first": datetime.date(year, 1, 1), "after": datetime.date(year + 1, 1, 1)}
            values |= {"body_id": body_id} if body_id else {}
            joined = PaymentItem.objects.filter(user=member, batch__paid_on__year=year)
            joined = joined.filter(body_id=body_id) if body_id else joined
            expected = sorted(joined.values_list("kind", "batch__paid_on", "amount"))
            key = ("statement", bool(body_id))
            assert sorted(prepared_rows(key, selectors._statement_items, **values)) == expected
            assert bool(expected) is (year == 2026)
    assert prepared._NOT_PREPARED not in prepared._shapes.values()
