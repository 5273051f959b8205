"""Allowances from attendance with cap and under-27 warnings, payment batches (CSV, PDF, paid), the yearly statement
and the budget (issue 13)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.core import privacy_registry as registry
from inspraak.core.models import OutgoingEmail
from inspraak.letters.models import Letter
from inspraak.payments import selectors, services
from inspraak.payments.models import AllowancePayment, PaymentBatch, PaymentItem
from inspraak.records.models import Attendance
from inspraak.support.models import BudgetCost, BudgetKind, BudgetLine, VolunteerCap
from tests.factories import paper_person
from tests.payments.data import NOVEMBER, approved, payments_data
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
WORLD_DATA = (payments_data,)


def _month_url(world, month=NOVEMBER):
    return reverse("payments:allowance_month", args=[world.region.slug, world.body.slug, month.year, month.month])


def _approve_url(world, month=NOVEMBER):
    return reverse("payments:allowance_approve", args=[world.region.slug, world.body.slug, month.year, month.month])


def _post_approve(client, world, user, amount, accept=False):
    data = {"member": str(user.pk), f"m{user.pk}-member": str(user.pk), f"m{user.pk}-amount": amount}
    if accept:
        data[f"m{user.pk}-accept_warning"] = "on"
    return client.post(_approve_url(world), data)


def _rows(world, month=NOVEMBER):
    return {row.user.pk: row for row in selectors.month_overview(world.body, month)["rows"]}


# ---------------------------------------------------------------- the month page


def test_the_month_page_computes_each_allowance_from_attendance(client, world):
    data = payments_data(world)
    rows = _rows(world)
    assert rows[world.user("member").pk].meetings == 2
    assert rows[world.user("member").pk].computed == Decimal("70.00")
    assert rows[data.chair.pk].computed == Decimal("100.00")  # the chair's amount
    assert not rows[world.user("member").pk].warnings
    client.force_login(world.user("secretary"))
    html = client.get(_month_url(world)).content.decode()
    assert "€\xa070,00" in html and "€\xa0100,00" in html


def test_the_cap_warning_counts_what_the_member_got_in_another_group(client, world):
    data = payments_data(world)
    row = _rows(world)[data.chair.pk]
    assert row.month_so_far == Decimal("150.00")
    assert row.cap.month_over == Decimal("40.00")
    client.force_login(world.user("finance"))
    html = client.get(_month_url(world)).content.decode()
    assert "Dit gaat €\xa040,00 over het maximum per maand." in html


def test_what_a_member_got_in_another_regions_group_does_not_count_for_this_regions_cap(world):
    """Caps are per region (the verordening of the region's GR): a group elsewhere pays within its own region's cap."""
    from tests.factories import BodyFactory, RegionFactory

    data = payments_data(world)
    before = _rows(world)[data.chair.pk]
    elsewhere = BodyFactory(region=RegionFactory())
    approved(elsewhere, data.chair, NOVEMBER, "500.00", by=world.user("secretary"))
    approved(elsewhere, data.chair, datetime.date(2026, 3, 1), "500.00", by=world.user("secretary"))
    row = _rows(world)[data.chair.pk]
    assert (row.month_so_far, row.year_so_far) == (before.month_so_far, before.year_so_far)
    assert row.month_so_far == Decimal("150.00")  # the other group of this region still counts


def test_a_member_under_27_gets_the_income_warning_and_the_advice_to_reimburse_costs(client, world):
    data = payments_data(world)
    warnings = " ".join(_rows(world)[data.young.pk].warnings)
    assert "jonger dan 27" in warnings and "artikel 31 lid 5" in warnings and "declaratie" in warnings


def test_missing_caps_are_a_warning_and_never_an_assumed_maximum(client, world):
    payments_data(world)
    VolunteerCap.objects.filter(region=world.region, year=2026).delete()
    row = _rows(world)[world.user("member").pk]
    assert not row.cap.known
    assert any("nog niet ingevuld" in w for w in row.warnings)
    client.force_login(world.user("secretary"))
    assert "Inspraak kan dus niet controleren" in client.get(_month_url(world)).content.decode()


# ---------------------------------------------------------------- approving


def test_approving_stores_the_allowance_once(client, world):
    payments_data(world)
    member = world.user("member")
    client.force_login(world.user("secretary"))
    assert _post_approve(client, world, member, "70,00").status_code == 302
    payment = AllowancePayment.objects.get(body=world.body, user=member, month=NOVEMBER)
    assert payment.amount == Decimal("70.00") and payment.meetings == 2 and payment.reference == f"INS-{member.pk:06d}"
    # A second approval (the other person a moment later) is refused with a clear message; nothing doubles.
    response = _post_approve(client, world, member, "70,00")
    assert response.status_code == 302
    assert AllowancePayment.objects.filter(body=world.body, user=member, month=NOVEMBER).count() == 1
    assert "al goedgekeurd" in client.get(_month_url(world)).content.decode()


def test_the_unique_constraint_refuses_a_second_approval_even_past_the_check(world):
    payments_data(world)
    member = world.user("member")
    row = _rows(world)[member.pk]
    services.allowance_approve(
        body=world.body, month=NOVEMBER, user_id=member.pk, amount=None, accept_warning=False, by=world.user("finance")
    )
    with pytest.raises(services.PaymentError) as refused:
        services._approve_row(body=world.body, row=row, amount=row.computed, warnings=[], by=world.user("finance"))
    assert refused.value.code == "already_approved"


def test_a_member_with_a_warning_needs_an_explicit_choice(client, world):
    data = payments_data(world)
    client.force_login(world.user("secretary"))
    response = _post_approve(client, world, data.young, "70,00")
    assert response.status_code == 400
    assert "Kies: vink aan" in response.content.decode()
    assert not AllowancePayment.objects.filter(user=data.young).exists()
    assert _post_approve(client, world, data.young, "70,00", accept=True).status_code == 302
    payment = AllowancePayment.objects.get(user=data.young)
    assert "jonger dan 27" in payment.warning


def test_lowering_the_amount_under_the_cap_clears_the_cap_warning(client, world):
    data = payments_data(world)
    client.force_login(world.user("finance"))
    assert _post_approve(client, world, data.chair, "60,00").status_code == 302
    payment = AllowancePayment.objects.get(user=data.chair, body=world.body)
    assert payment.amount == Decimal("60.00") and payment.computed == Decimal("100.00") and not payment.warning


def test_an_amount_above_the_computed_one_is_refused_next_to_the_field(client, world):
    payments_data(world)
    client.force_login(world.user("secretary"))
    response = _post_approve(client, world, world.user("member"), "99,99")
    assert response.status_code == 400
    html = response.content.decode()
    assert "niet hoger zijn dan de berekende vergoeding" in html and 'value="99,99"' in html


def test_approve_all_takes_only_the_members_without_a_warning(client, world):
    data = payments_data(world)
    client.force_login(world.user("secretary"))
    url = reverse("payments:allowance_approve_all", args=[world.region.slug, world.body.slug, 2026, 11])
    assert client.post(url).status_code == 302
    approved_ids = set(AllowancePayment.objects.filter(body=world.body, month=NOVEMBER).values_list("user", flat=True))
    assert approved_ids == {world.user("member").pk}
    assert data.young.pk not in approved_ids and data.chair.pk not in approved_ids


def test_changed_attendance_after_approval_shows_a_difference_and_keeps_the_money(client, world):
    data = payments_data(world)
    member = world.user("member")
    services.allowance_approve(
        body=world.body, month=NOVEMBER, user_id=member.pk, amount=None, accept_warning=False, by=world.user("finance")
    )
    Attendance.objects.filter(meeting=data.meetings[1], user=member).update(presence=Attendance.Presence.EXCUSED)
    row = _rows(world)[member.pk]
    assert row.changed_since_approval and row.approved.amount == Decimal("70.00")
    client.force_login(world.user("secretary"))
    assert "De aanwezigheid is veranderd na het goedkeuren" in client.get(_month_url(world)).content.decode()


# ---------------------------------------------------------------- batches


def test_a_batch_takes_ready_allowances_and_claims_and_each_only_once(world):
    data = payments_data(world)
    batch = services.batch_create(region=world.region, body=world.body, by=world.user("secretary"))
    items = list(batch.items.all())
    assert {i.allowance_id for i in items if i.allowance_id} == {data.ready.pk}
    assert {i.claim_id for i in items if i.claim_id} == {data.claim.pk}
    assert batch.total == Decimal("42.40")
    with pytest.raises(services.PaymentError) as refused:
        services.batch_create(region=world.region, body=world.body, by=world.user("secretary"))
    assert refused.value.code == "nothing_ready"
    # The finance role's batch for the whole region takes what is left in the other groups (the chair's November).
    region_batch = services.batch_create(region=world.region, body=None, by=world.user("finance"))
    assert [i.body_id for i in region_batch.items.all()] == [world.municipal_body.pk]


def test_the_csv_is_for_a_dutch_finance_system_without_bank_numbers(client, world):
    data = payments_data(world)
    client.force_login(world.user("finance"))
    response = client.get(reverse("payments:batch_csv", args=[world.region.slug, data.open_batch.pk]))
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeffpersoon;kenmerk;bedrag;periode;soort;groep;batch")
    line = content.splitlines()[1]
    assert line.startswith(f"Test member;INS-{world.user('member').pk:06d};70,00;2026-09;")
    assert "IBAN" not in content.upper() and "NL" not in line.split(";")[1]


def test_marking_a_batch_paid_marks_its_allowances_and_claims_paid(world):
    payments_data(world)
    batch = services.batch_create(region=world.region, body=None, by=world.user("finance"))
    services.batch_mark_paid(batch=batch, paid_on=datetime.date(2026, 12, 1), by=world.user("finance"))
    assert ExpenseClaim.objects.get(payment_item__batch=batch).status == ClaimStatus.PAID
    paid = AllowancePayment.objects.filter(payment_item__batch=batch)
    assert paid.count() == 2 and {a.paid_on for a in paid} == {datetime.date(2026, 12, 1)}
    with pytest.raises(services.PaymentError):
        services.batch_mark_paid(batch=batch, paid_on=datetime.date(2026, 12, 2), by=world.user("finance"))


def test_the_batch_pdf_is_a_pdf(client, world):
    data = payments_data(world)
    client.force_login(world.user("secretary"))
    response = client.get(reverse("payments:batch_pdf", args=[world.region.slug, data.open_batch.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_region_batch_is_for_finance_only_and_a_secretary_gets_403(client, world):
    payments_data(world)
    batch = services.batch_create(region=world.region, body=None, by=world.user("finance"))
    client.force_login(world.user("secretary"))
    assert client.get(reverse("payments:batch", args=[world.region.slug, batch.pk])).status_code == 403


# ---------------------------------------------------------------- the yearly statement


def test_the_statement_shows_what_was_paid_in_the_year_per_month(client, world):
    payments_data(world)
    member = world.user("member")
    report = selectors.statement(member, 2026)
    assert report.allowances == Decimal("35.00")  # only August was paid (in September)
    assert [m["month"].month for m in report.months] == [9]
    assert report.caps.month_max == Decimal("210.00")
    client.force_login(member)
    html = client.get(reverse("payments:my_statement", args=[2026])).content.decode()
    assert "klantmanager of consulent" in html and "€\xa035,00" in html
    pdf = client.get(reverse("payments:my_statement_pdf", args=[2026]))
    assert pdf.content.startswith(b"%PDF")


def test_statements_go_by_letter_to_members_without_email_with_the_amounts(world):
    data = payments_data(world)
    paid = approved(world.body, data.young, datetime.date(2026, 10, 1), "70.00", by=world.user("secretary"))
    batch = services.batch_create(region=world.region, body=world.body, by=world.user("secretary"))
    services.batch_mark_paid(batch=batch, paid_on=datetime.date(2026, 11, 20), by=world.user("secretary"))
    assert paid.pk
    sent = services.statements_send(body=world.body, year=2026, by=world.user("secretary"))
    assert sent == {"email": 1, "letter": 1}
    letter = Letter.objects.get(user=data.young, kind=Letter.Kind.STATEMENT)
    assert "€\xa070,00" in letter.text and "jonger dan 27" in letter.text and "http" not in letter.text
    email = OutgoingEmail.objects.get(purpose="statement", to=world.user("member").email)
    assert "/mijn/jaaropgave/2026/jaaropgave.pdf" in email.body


# ---------------------------------------------------------------- the budget


def test_the_budget_counts_committed_and_spent_and_warns_at_80_percent(client, world):
    payments_data(world)
    BudgetCost.objects.create(
        body=world.body, kind=BudgetKind.TRAINING, date=datetime.date(2026, 6, 1), amount=Decimal("100"), paid=True
    )
    lines = {line["kind"]: line["status"] for line in selectors.budget(world.body, 2026, world_today())["lines"]}
    allowances = lines[BudgetKind.ALLOWANCES]
    # August 35 paid; September 70 and October 35 approved, not paid.
    assert allowances.spent == Decimal("35.00") and allowances.committed == Decimal("105.00")
    assert lines[BudgetKind.EXPENSES].committed == Decimal("7.40")
    assert lines[BudgetKind.TRAINING].spent == Decimal("100.00")
    AllowancePayment.objects.filter(month=datetime.date(2026, 10, 1)).update(amount=Decimal("300"), computed=300)
    client.force_login(world.user("finance"))
    html = client.get(reverse("payments:budget", args=[world.region.slug, world.body.slug, 2026])).content.decode()
    assert "Vrijwilligersvergoedingen: al 81% van de begroting is gebruikt." in html


def world_today():
    from tests.world import TODAY

    return TODAY


# ---------------------------------------------------------------- privacy


def test_erasure_keeps_amounts_and_dates_and_drops_the_link_to_the_person(world):
    payments_data(world)
    member = world.user("member")
    exported = registry._parts["payments"].exporter(member)
    assert {row["amount"] for row in exported} >= {Decimal("35.00"), Decimal("70.00")}
    registry._parts["payments"].eraser(member)
    assert not AllowancePayment.objects.filter(user=member).exists()
    kept = AllowancePayment.objects.get(month=datetime.date(2026, 8, 1), body=world.body)
    assert kept.user is None and kept.amount == Decimal("35.00") and kept.reference == f"INS-{member.pk:06d}"
    assert PaymentItem.objects.filter(user__isnull=True).count() == 2


# ---------------------------------------------------------------- query counts


def test_the_month_page_runs_the_same_queries_with_more_members(client, world):
    data = payments_data(world)
    client.force_login(world.user("secretary"))

    def grow():
        for n in range(4):
            person = paper_person(world, f"Extra Lid {n}", address="Straat 1")
            Attendance.objects.create(meeting=data.meetings[0], user=person, presence=Attendance.Presence.PRESENT)
            approved(world.municipal_body, person, NOVEMBER, "35.00", by=world.user("secretary"))

    assert_constant_queries(client, _month_url(world), grow)


def test_the_batch_and_budget_pages_run_the_same_queries_with_more_items(client, world):
    data = payments_data(world)
    client.force_login(world.user("finance"))
    batch_url = reverse("payments:batch", args=[world.region.slug, data.open_batch.pk])
    budget_url = reverse("payments:budget", args=[world.region.slug, world.body.slug, 2026])
    batches_url = reverse("payments:body_batches", args=[world.region.slug, world.body.slug])

    def grow():
        for n in range(3):
            person = paper_person(world, f"Batch Lid {n}", address="Straat 2")
            payment = approved(world.body, person, datetime.date(2026, 7, 1), "35.00", by=world.user("secretary"))
            PaymentItem.objects.create(
                batch=data.open_batch,
                kind=PaymentItem.Kind.ALLOWANCE,
                allowance=payment,
                body=world.body,
                user=person,
                reference=payment.reference,
                period=payment.month,
                amount=payment.amount,
            )
            ExpenseClaim.objects.create(
                body=world.body,
                user=person,
                kind="ov",
                spent_on=datetime.date(2026, 7, 1),
                amount=Decimal("3.00"),
                status=ClaimStatus.APPROVED,
            )
            BudgetCost.objects.create(
                body=world.body, kind="bijeenkomsten", date=datetime.date(2026, 7, 1), amount=5, description="Koffie"
            )
            approved(world.body, person, datetime.date(2026, 6, 1), "35.00", by=world.user("secretary"))

    for url in (batch_url, budget_url, batches_url):
        before = assert_constant_queries(client, url, lambda: None)
        assert before
    counts = {url: assert_constant_queries(client, url, lambda: None) for url in (batch_url, budget_url, batches_url)}
    grow()
    assert counts == {url: assert_constant_queries(client, url, lambda: None) for url in counts}
    assert PaymentBatch.objects.filter(pk=data.open_batch.pk).exists()


def test_an_approval_without_a_member_says_so_and_approves_nothing(client, world):
    payments_data(world)
    client.force_login(world.user("secretary"))
    response = client.post(_approve_url(world), {"m0-amount": "70,00"}, follow=True)
    assert (
        "Het formulier was niet compleet: er stond geen lid in. Er is niets goedgekeurd." in response.content.decode()
    )
    assert not AllowancePayment.objects.filter(body=world.body, month=NOVEMBER).exists()


def test_a_budget_saved_by_someone_else_meanwhile_is_not_overwritten(client, world):
    payments_data(world)
    client.force_login(world.user("admin"))
    url = reverse("payments:budget_plan", args=[world.region.slug, world.body.slug, 2026])
    html = client.get(url).content.decode()
    seen = html.split('name="seen" value="')[1].split('"')[0]
    # Someone else changes the plan after the form was opened.
    services.budget_plan(body=world.body, year=2026, planned={"onkosten": Decimal("300.00")}, by=world.user("admin"))
    typed = {
        "seen": seen,
        "vergoedingen": "900,00",
        "onkosten": "",
        "training": "",
        "gespreksleider": "",
        "bijeenkomsten": "",
    }
    response = client.post(url, typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Iemand anders heeft de begroting net gewijzigd. Er is niets opgeslagen." in page
    assert 'value="900,00"' in page  # what was typed stays
    assert BudgetLine.objects.get(body=world.body, year=2026, kind=BudgetKind.EXPENSES).planned == Decimal("300.00")
    # The form now starts from the current plan: a second save goes through.
    seen_now = page.split('name="seen" value="')[1].split('"')[0]
    assert client.post(url, {**typed, "seen": seen_now}).status_code == 302
    assert BudgetLine.objects.get(body=world.body, year=2026, kind=BudgetKind.ALLOWANCES).planned == Decimal("900.00")


def test_the_secretary_marks_an_invoice_paid_and_the_budget_counts_it_as_spent(client, world):
    payments_data(world)
    services.budget_cost_add(
        body=world.body,
        by=world.user("secretary"),
        kind=BudgetKind.FACILITATOR,
        date=datetime.date(2026, 11, 30),
        amount=Decimal("400.00"),
        description="Rekening gespreksleider november",
        paid=False,
    )
    cost = BudgetCost.objects.get(description="Rekening gespreksleider november")
    client.force_login(world.user("secretary"))
    budget_url = reverse("payments:budget", args=[world.region.slug, world.body.slug, 2026])
    paid_url = reverse("payments:budget_cost_paid", args=[world.region.slug, world.body.slug, 2026, cost.pk])
    assert paid_url in client.get(budget_url).content.decode()
    assert client.post(paid_url).status_code == 302
    cost.refresh_from_db()
    assert cost.paid
    line = next(
        x
        for x in selectors.budget(world.body, 2026, datetime.date(2026, 12, 2))["lines"]
        if x["kind"] == "gespreksleider"
    )
    assert line["status"].spent >= Decimal("400.00")
    # A second click says it was already paid, nothing else happens.
    page = client.post(paid_url, follow=True).content.decode()
    assert "Dit is al als betaald gemarkeerd." in page


def test_a_batch_cannot_be_marked_paid_on_a_day_still_to_come(client, world):
    payments_data(world)
    batch = services.batch_create(region=world.region, body=None, by=world.user("finance"))
    client.force_login(world.user("finance"))
    url = reverse("payments:batch_paid", args=[world.region.slug, batch.pk])
    response = client.post(url, {"paid_on": "2026-12-03"})  # the day after tests.world.NOW
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_paid_on_error"' in html and "Deze dag is nog niet geweest." in html
    assert 'value="2026-12-03"' in html  # what was typed stays
    batch.refresh_from_db()
    assert batch.paid_on is None
    with pytest.raises(services.PaymentError) as refused:
        services.batch_mark_paid(batch=batch, paid_on=datetime.date(2026, 12, 3), by=world.user("finance"))
    assert refused.value.code == "paid_in_future"
    # Today, or a day before the batch was made (the money may go out before it is recorded), is fine.
    assert client.post(url, {"paid_on": "2026-12-02"}).status_code == 302
    batch.refresh_from_db()
    assert batch.paid_on == datetime.date(2026, 12, 2)
