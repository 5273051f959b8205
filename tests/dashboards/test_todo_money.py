"""The to-dos about money on 'Mijn overzicht' (issue 13): the secretary decides claims and approves last month's
allowances, the finance role pays what is approved and marks payments paid, the beheerder enters the legal caps of
the volunteer allowance. Each one click from its page, and gone once it is done."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse

from inspraak.accounts.models import Role
from inspraak.claims.models import ClaimStatus
from inspraak.dashboards.todo import Kind
from inspraak.payments.models import PaymentBatch
from inspraak.support.models import VolunteerCap
from tests.claims.data import claims_data
from tests.dashboards.test_todo import _assert_opens, _items
from tests.payments.data import NOVEMBER, approved, payments_data


def test_secretary_decides_the_claims_waiting(world, client_for):
    data = claims_data(world)  # two claims submitted to the client panel
    client = client_for("secretary")
    (item,) = _items(client, Role.SECRETARY, Kind.CLAIMS)
    assert item.text == "2 declaraties wachten op een besluit" and item.deadline is None
    assert item.url == reverse("claims:list", kwargs={"region": world.region.slug, "body": world.body.slug})
    _assert_opens(client, item)
    assert _items(client_for("facilitator"), kind=Kind.CLAIMS) == []

    type(data.own).objects.filter(pk=data.own.pk).update(status=ClaimStatus.REJECTED, decision_reason="Geen bon")
    (item,) = _items(client, Role.SECRETARY, Kind.CLAIMS)
    assert item.text == "1 declaratie wacht op een besluit"
    type(data.client).objects.filter(pk=data.client.pk).update(status=ClaimStatus.APPROVED)
    assert _items(client, Role.SECRETARY, Kind.CLAIMS) == []


def test_secretary_approves_last_months_allowances(world, client_for):
    payments_data(world)  # the panel pays per meeting; members were present at two meetings in November
    client = client_for("secretary")
    (item,) = _items(client, Role.SECRETARY, Kind.ALLOWANCES)
    assert item.text == "Vergoedingen van november 2026: kijk ze na en keur ze goed"
    assert item.url == reverse(
        "payments:allowance_month",
        kwargs={"region": world.region.slug, "body": world.body.slug, "year": 2026, "month": 11},
    )
    _assert_opens(client, item)

    approved(world.body, world.user("member"), NOVEMBER, "70.00", by=world.user("secretary"), meetings=2)
    assert _items(client, Role.SECRETARY, Kind.ALLOWANCES) == []


def test_finance_pays_what_is_approved_and_marks_payments_paid(world, client_for):
    # Approved but in no batch: October's allowance and a claim in the panel, the chair's November allowance in the
    # municipal body (the same region); one batch not paid.
    data = payments_data(world)
    claims_data(world)  # two claims waiting for a decision
    client = client_for("finance")
    claims, ready, unpaid = _items(client, Role.FINANCE)
    assert (claims.kind, claims.text) == (Kind.CLAIMS, "2 declaraties wachten op een besluit")
    assert claims.url == reverse("claims:region_list", kwargs={"region": world.region.slug})
    assert (ready.kind, ready.text) == (Kind.PAYMENTS, "3 goedgekeurde bedragen staan klaar voor een betaling")
    assert (unpaid.kind, unpaid.text) == (Kind.PAYMENTS, "1 betaling is nog niet als betaald gemarkeerd")
    for item in (claims, ready, unpaid):
        _assert_opens(client, item)
    sections = [s for s in client.get("/mijn-overzicht/").context["todo_sections"] if s.role == Role.FINANCE]
    assert [s.title for s in sections] == [f"Als financiën van {world.region.name}"]

    PaymentBatch.objects.filter(pk=data.open_batch.pk).update(paid_on=datetime.date(2026, 11, 30))
    assert [i.text for i in _items(client, Role.FINANCE, Kind.PAYMENTS)] == [
        "3 goedgekeurde bedragen staan klaar voor een betaling"
    ]


def test_beheerder_enters_the_caps_of_next_year_from_october(world, client_for):
    payments_data(world)  # this year's caps are entered; it is December, so next year's are needed too
    client = client_for("admin")
    (item,) = _items(client, Role.ADMIN, Kind.CAPS)
    assert item.text == "Vul het maximum van de vrijwilligersvergoeding voor 2027 in"
    assert item.url == reverse("support:cap_new", kwargs={"region": world.region.slug}) + "?jaar=2027"
    _assert_opens(client, item)

    VolunteerCap.objects.create(
        region=world.region, year=2027, month_max=Decimal("215.00"), year_max=Decimal("2150.00"), source="test"
    )
    assert _items(client, Role.ADMIN, Kind.CAPS) == []
