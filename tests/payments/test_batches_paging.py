"""Issue 15: the payments pages cost the same for a region with ten years of batches: the batches are paged (25,
newest first, "Oudere batches" continues below the last number), and "klaar om te betalen" is counted in the
database from the unpaid rows only."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from inspraak.payments import selectors
from inspraak.payments.models import PaymentBatch
from tests.payments.data import approved, batch_of, payments_data
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
WORLD_DATA = (payments_data,)


def _region_url(world, **query):
    url = reverse("payments:region_batches", args=[world.region.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _old_batches(world, n: int, *, first: int = 10):
    """``n`` paid batches numbered from ``first`` of the client panel, one allowance each (paid years ago: batch
    number k holds the allowance of the k-th month since January 1990)."""
    member = world.user("member")
    for k in range(first, first + n):
        month = datetime.date(1990 + k // 12, k % 12 + 1, 1)
        paid = month + datetime.timedelta(days=40)
        allowance = approved(world.body, member, month, "35.00", by=None, paid_on=paid)
        batch_of(world, k, [allowance], paid_on=paid)


def test_the_region_page_holds_25_batches_newest_first_and_links_to_the_older_ones(client, world):
    # Was: every batch of the region on one page. Now 25 a page.
    payments_data(world)
    _old_batches(world, 30)
    client.force_login(world.user("finance"))
    response = client.get(_region_url(world))
    numbers = [b.number for b in response.context["batches"]]
    assert numbers == list(range(39, 14, -1))  # 30 old ones numbered 10–39 and the data's 1 and 2
    html = response.content.decode()
    assert 'href="?na=15">Oudere batches</a>' in html and "Naar de nieuwste batches" not in html
    batch = PaymentBatch.objects.get(region=world.region, number=39)
    assert f'href="{reverse("payments:batch", args=[world.region.slug, batch.pk])}">{batch.reference}</a>' in html
    older = client.get(_region_url(world, na=15))
    assert [b.number for b in older.context["batches"]] == [14, 13, 12, 11, 10, 2, 1]
    html = older.content.decode()
    assert "Oudere batches" not in html and 'href="?">Naar de nieuwste batches</a>' in html
    assert "1 regel, €\u00a035,00" in html  # the item count and the total of each batch are still shown


def test_the_group_page_is_paged_the_same_way(client, world):
    payments_data(world)
    _old_batches(world, 30)
    client.force_login(world.user("secretary"))
    url = reverse("payments:body_batches", args=[world.region.slug, world.body.slug])
    page = client.get(url).context
    assert len(page["batches"]) == 25 and page["older_url"] == "?na=15"
    assert [b.number for b in client.get(url + "?na=15").context["batches"]] == [14, 13, 12, 11, 10, 2, 1]


@pytest.mark.parametrize("value", ["abc", "-3", "99999999999999", ""])
def test_a_cursor_that_is_no_number_shows_the_newest(client, world, value):
    payments_data(world)
    client.force_login(world.user("finance"))
    response = client.get(_region_url(world, na=value))
    assert response.status_code == 200 and [b.number for b in response.context["batches"]] == [2, 1]


def test_past_the_oldest_batch_the_page_says_so(client, world):
    payments_data(world)
    client.force_login(world.user("finance"))
    html = client.get(_region_url(world, na=1)).content.decode()
    assert "Er zijn geen oudere batches." in html and "Naar de nieuwste batches" in html


def test_ready_to_pay_is_counted_the_same_as_the_batch_would_take_it(world):
    data = payments_data(world)
    body_ids = selectors.region_body_ids(world.region)
    summary = selectors.ready_summary(body_ids)
    ready = selectors.ready_to_pay(body_ids)
    assert summary == {
        "allowance_count": len(ready["allowances"]),
        "claim_count": len(ready["claims"]),
        "total": ready["total"],
    }
    # The member's October allowance and the chair's November one in the municipal body; the member's claim.
    assert data.ready in ready["allowances"] and len(ready["allowances"]) == 2
    assert summary == {"allowance_count": 2, "claim_count": 1, "total": Decimal("192.40")}
    # Only the group's: the member's October allowance and claim.
    assert selectors.ready_summary([world.body.pk]) == {
        "allowance_count": 1,
        "claim_count": 1,
        "total": Decimal("42.40"),
    }


def test_the_region_page_shows_what_is_ready(client, world):
    payments_data(world)
    client.force_login(world.user("finance"))
    html = client.get(_region_url(world)).content.decode()
    assert "2 vrijwilligersvergoedingen" in html and "1 declaratie" in html and "Samen €\u00a0192,40." in html


def test_the_batches_pages_run_the_same_queries_with_ten_times_the_batches(client, world):
    payments_data(world)
    client.force_login(world.user("finance"))
    body_url = reverse("payments:body_batches", args=[world.region.slug, world.body.slug])
    for n, url in enumerate((_region_url(world), body_url)):
        assert_constant_queries(client, url, lambda n=n: _old_batches(world, 3, first=100 + 10 * n))
    assert_constant_queries(client, _region_url(world), lambda: _old_batches(world, 40, first=200))
    assert_constant_queries(client, _region_url(world, na=220), lambda: _old_batches(world, 5, first=300))


def test_the_prepared_batches_and_ready_counts_are_the_orms_and_really_prepared(world):
    # Issue 15: the batches page's two reads are built once per shape (core.prepared); the rows are the ORM's.
    from inspraak.core import prepared

    payments_data(world)
    _old_batches(world, 30)
    prepared.forget_shapes()
    for body in (None, world.body):
        for before in (None, 15):
            page = selectors.batches(region=world.region, body=body, before=before)
            again = selectors.batches(region=world.region, body=body, before=before)
            expected = PaymentBatch.objects.filter(region=world.region).order_by("-number")
            expected = expected.filter(body=body) if body is not None else expected
            expected = list(expected.filter(number__lt=before) if before is not None else expected)[:25]
            assert page == again
            assert [(r.pk, r.number, r.reference, r.total, r.paid_on) for r in page["rows"]] == [
                (b.pk, b.number, b.reference, b.total, b.paid_on) for b in expected
            ]
            assert [r.body_name for r in page["rows"]] == [b.body.name if b.body else None for b in expected]
            assert [r.item_count for r in page["rows"]] == [b.items.count() for b in expected]
    assert selectors.ready_summary(region=world.region) == selectors.ready_summary(
        selectors.region_body_ids(world.region)
    )
    assert selectors.ready_summary(region=world.region)["allowance_count"] == 2
    kept = {key[0]: shape for key, shape in prepared._shapes.items() if str(key[0][0]).startswith("payments.")}
    assert len(kept) == 6
    # The first pages and the ready counts are prepared everywhere. (An older page, ``number < before``, runs the ORM
    # on PostgreSQL: Django passes a 32-bit integer column's value as Int4 there, which core.prepared does not
    # place; its rows are the ORM's either way, as checked above.)
    first_pages = [shape for key, shape in kept.items() if key[0] == "payments.ready_summary" or not key[2]]
    assert len(first_pages) == 4 and prepared._NOT_PREPARED not in first_pages
