"""The payments demo (inspraak/demo/payments.py): a year of allowances, near the cap, under 27, a paid batch, the
budget with one kind above 80 %; running it twice adds nothing."""

from __future__ import annotations

import pytest

from inspraak.accounts.models import User
from inspraak.demo.generator import load_demo
from inspraak.demo.payments import NEAR_CAP, UNDER_27, load_payments
from inspraak.payments import rules, selectors
from inspraak.payments.models import AllowancePayment, PaymentBatch
from inspraak.regions.models import Body
from tests.world import NOW, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():
    import time_machine

    with time_machine.travel(NOW, tick=True):
        yield


def test_the_payments_demo_shows_every_case_and_runs_twice_without_adding():
    load_demo()  # calls load_payments
    panel = Body.objects.select_related("region").get(slug="clientenpanel-waterland-oost")
    secretary = User.objects.get(email="secretaris@demo.inspraak.example")
    assert AllowancePayment.objects.filter(body=panel).count() > 20
    made = load_payments(region=panel.region, panel=panel, secretary=secretary)
    assert made == dict.fromkeys(made, 0)
    batch = PaymentBatch.objects.get(body=panel)
    assert batch.paid_on is not None
    # the two claims the claims demo approved (August) went into the paid batch: every claim state is in the demo
    from inspraak.claims.models import ClaimStatus, ExpenseClaim

    assert ExpenseClaim.objects.filter(body=panel, status=ClaimStatus.PAID).count() == 2
    last = AllowancePayment.objects.filter(body=panel).latest("month").month
    rows = {row.user.name: row for row in selectors.month_overview(panel, last)["rows"]}
    assert rows[NEAR_CAP].cap.month_over > 0 and rows[NEAR_CAP].approved is None
    assert rows[UNDER_27].under_27 and rows[UNDER_27].approved is None
    levels = [line["status"].level for line in selectors.budget(panel, TODAY.year, TODAY)["lines"]]
    assert rules.NEAR in levels or rules.OVER in levels
