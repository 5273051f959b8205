from inspraak.core.models import OutgoingEmail
from inspraak.letters.models import Letter
from inspraak.payments.forms import plan_fingerprint
from inspraak.payments.models import AllowancePayment, PaymentBatch
from inspraak.support.models import BudgetCost, BudgetKind, BudgetLine
from tests.matrix import LOGGED_IN, ViewCase, allow, to
from tests.payments.data import CHAIR_NAME, NOVEMBER, YOUNG_NAME, payments_data

# The group's secretary and the region's finance role handle the group's allowances and payments.
MONEY = allow("secretary", "finance")
BUDGET = allow("secretary", "finance", "admin")


def _body(w):
    payments_data(w)
    return {"region": w.region.slug, "body": w.body.slug}


def _month(w):
    return {**_body(w), "year": 2026, "month": 11}


def _year(w):
    return {**_body(w), "year": 2026}


def _region(w):
    payments_data(w)
    return {"region": w.region.slug}


def _open_batch(w):
    return {"region": w.region.slug, "pk": payments_data(w).open_batch.pk}


def _approved_for_member(w):
    return AllowancePayment.objects.filter(body=w.body, user=w.user("member"), month=NOVEMBER).exists()


def _approve_data(w):
    uid = w.user("member").pk
    return {"member": str(uid), f"m{uid}-member": str(uid), f"m{uid}-amount": "70,00"}


def _state(w):
    return (
        AllowancePayment.objects.count(),
        list(PaymentBatch.objects.values_list("pk", "paid_on").order_by("pk")),
        list(BudgetLine.objects.values_list("kind", "planned").order_by("kind")),
        BudgetCost.objects.count(),
        Letter.objects.count(),
        OutgoingEmail.objects.filter(purpose="statement").count(),
    )


def _new_batch(w):
    return PaymentBatch.objects.count() == 3


def _latest_batch(w):
    return {"region": w.region.slug, "pk": PaymentBatch.objects.latest("pk").pk}


def _open_batch_paid(w):
    return PaymentBatch.objects.get(pk=payments_data(w).open_batch.pk).paid_on is not None


def _statements_sent(w):
    return OutgoingEmail.objects.filter(purpose="statement").exists()


def _unpaid_cost(w) -> dict:
    """The URL of an unpaid other cost of the group (made on first use)."""
    import datetime
    from decimal import Decimal

    cost, _ = BudgetCost.objects.get_or_create(
        body=w.body,
        description="Koffie december",
        defaults={"kind": BudgetKind.MEETINGS, "date": datetime.date(2026, 12, 1), "amount": Decimal("40.00")},
    )
    return {**_year(w), "pk": cost.pk}


def _cost_paid(w) -> bool:
    return BudgetCost.objects.filter(body=w.body, description="Koffie december", paid=True).exists()


def _seen(w) -> str:
    """The plan as the form showed it (the stale-edit check of the budget form)."""
    return plan_fingerprint(dict(BudgetLine.objects.filter(body=w.body, year=2026).values_list("kind", "planned")))


def _planned(w):
    return BudgetLine.objects.filter(body=w.body, year=2026, kind=BudgetKind.ALLOWANCES, planned=1000).exists()


def _cost_added(w):
    return BudgetCost.objects.filter(body=w.body, description="Zaalhuur november").exists()


PLAN = {"vergoedingen": "1000,00", "onkosten": "", "training": "1.000,00", "gespreksleider": "", "bijeenkomsten": ""}
COST = {"kind": "bijeenkomsten", "date": "2026-11-19", "amount": "85,50", "description": "Zaalhuur november"}

CASES = [
    ViewCase("payments:allowances", MONEY, _body),
    ViewCase("payments:allowance_month", MONEY, _month, secret=lambda w: YOUNG_NAME),
    ViewCase(
        "payments:allowance_approve",
        MONEY,
        _month,
        method="post",
        data=_approve_data,
        unchanged=_state,
        changed=_approved_for_member,
        redirect=to("payments:allowance_month", _month),
    ),
    ViewCase(
        "payments:allowance_approve_all",
        MONEY,
        _month,
        method="post",
        unchanged=_state,
        changed=_approved_for_member,
        redirect=to("payments:allowance_month", _month),
    ),
    ViewCase("payments:body_batches", MONEY, _body),
    ViewCase(
        "payments:body_batch_create",
        MONEY,
        _body,
        method="post",
        unchanged=_state,
        changed=_new_batch,
        redirect=to("payments:batch", _latest_batch),
    ),
    ViewCase("payments:finance_home", allow("finance"), _region),
    ViewCase("payments:region_batches", allow("finance"), _region),
    ViewCase(
        "payments:region_batch_create",
        allow("finance"),
        _region,
        method="post",
        unchanged=_state,
        changed=_new_batch,
        redirect=to("payments:batch", _latest_batch),
    ),
    ViewCase("payments:batch", MONEY, _open_batch, secret=lambda w: "INS-"),
    ViewCase("payments:batch_csv", MONEY, _open_batch, html=False, secret=lambda w: "INS-"),
    ViewCase("payments:batch_pdf", MONEY, _open_batch, html=False),
    ViewCase("payments:batch_paid", MONEY, _open_batch),
    ViewCase(
        "payments:batch_paid",
        MONEY,
        _open_batch,
        method="post",
        data=lambda w: {"paid_on": "2026-12-01"},
        unchanged=_state,
        changed=_open_batch_paid,
        redirect=to("payments:batch", _open_batch),
        id="post",
    ),
    ViewCase("payments:statements", allow("secretary"), _year),
    ViewCase(
        "payments:statements_send",
        allow("secretary"),
        _year,
        method="post",
        unchanged=_state,
        changed=_statements_sent,
        redirect=to("payments:statements", _year),
    ),
    ViewCase("payments:budget", BUDGET, _year),
    ViewCase("payments:budget_plan", allow("admin"), _year),
    ViewCase(
        "payments:budget_plan",
        allow("admin"),
        _year,
        method="post",
        data=lambda w: {**PLAN, "seen": _seen(w)},
        unchanged=_state,
        changed=_planned,
        redirect=to("payments:budget", _year),
        id="post",
    ),
    ViewCase("payments:budget_cost_add", allow("secretary", "admin"), _year),
    ViewCase(
        "payments:budget_cost_add",
        allow("secretary", "admin"),
        _year,
        method="post",
        data=lambda w: COST,
        unchanged=_state,
        changed=_cost_added,
        redirect=to("payments:budget", _year),
        id="post",
    ),
    ViewCase(
        "payments:budget_cost_paid",
        allow("secretary", "admin"),
        _unpaid_cost,
        method="post",
        changed=_cost_paid,
        redirect=to("payments:budget", _year),
    ),
    # Every logged-in person sees their own statement (empty when nothing was paid), never anyone else's.
    ViewCase("payments:my_statement", LOGGED_IN, lambda w: {"year": 2026}, secret=lambda w: CHAIR_NAME),
    ViewCase("payments:my_statement_pdf", LOGGED_IN, lambda w: {"year": 2026}, html=False),
]
