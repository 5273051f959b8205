"""Writes for money to members: approving allowances, payment batches, yearly statements and the budget."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from inspraak.audit.services import audit_record
from inspraak.core.errors import ServiceError
from inspraak.payments import rules, selectors
from inspraak.payments.models import AllowancePayment, PaymentBatch, PaymentItem, person_reference

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body, Region


class PaymentError(ServiceError):
    pass


def _approve_row(*, body: Body, row: selectors.MemberMonth, amount: Decimal, warnings: list[str], by: User):
    try:
        with transaction.atomic():
            payment = AllowancePayment.objects.create(
                body=body,
                user=row.user,
                reference=person_reference(row.user.pk),
                month=row.month,
                meetings=row.meetings,
                computed=row.computed,
                amount=amount,
                warning="\n".join(warnings),
                approved_by=by,
                approved_at=timezone.now(),
            )
    except IntegrityError:
        raise PaymentError("already_approved") from None
    audit_record(
        actor=by,
        action="allowance.approve",
        target=payment,
        region=body.region,
        label=f"vergoeding #{payment.pk} ({body.name}, {payment.month:%m-%Y})",
    )
    return payment


@transaction.atomic
def allowance_approve(
    *,
    body: Body,
    month: datetime.date,
    user_id: int,
    amount: Decimal | None,
    accept_warning: bool,
    by: User,
) -> AllowancePayment:
    """Approve one member's allowance for one month: the computed amount or a lower one. A member with a warning
    (cap, under 27, caps unknown) is approved only with ``accept_warning`` (or a lower amount that clears the cap
    warning and no other warning remains). Approving twice is refused ("already_approved")."""
    row = selectors.member_month(body, month, user_id)
    if row is None:
        raise PaymentError("not_member")
    if row.approved is not None:
        raise PaymentError("already_approved")
    if row.computed <= 0:
        raise PaymentError("nothing")
    amount = row.computed if amount is None else amount.quantize(Decimal("0.01"))
    if amount <= 0:
        raise PaymentError("zero")
    if amount > row.computed:
        raise PaymentError("above_computed", computed=selectors.euro(row.computed))
    cap = rules.check_cap(
        row.caps,
        month_so_far=row.month_so_far,
        year_so_far=row.year_so_far,
        amount=amount,
    )
    warnings = selectors.warnings_for(cap=cap, under_27=row.under_27, year=month.year)
    if warnings and not accept_warning:
        raise PaymentError("needs_choice")
    return _approve_row(body=body, row=row, amount=amount, warnings=warnings, by=by)


@transaction.atomic
def allowances_approve_all(*, body: Body, month: datetime.date, by: User) -> tuple[int, int]:
    """Approve every open allowance of the month that has no warning, at the computed amount. Returns (approved,
    left with a warning: those need a choice one by one)."""
    overview = selectors.month_overview(body, month)
    rows = overview["open_without_warning"]
    if not rows and not overview["open_with_warning"]:
        raise PaymentError("nothing_open")
    for row in rows:
        _approve_row(body=body, row=row, amount=row.computed, warnings=[], by=by)
    return len(rows), len(overview["open_with_warning"])


def _next_number(region: Region) -> int:
    return (PaymentBatch.objects.filter(region=region).aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def batch_create(*, region: Region, body: Body | None, by: User, until: datetime.date | None = None) -> PaymentBatch:
    """Put every approved allowance and approved claim that is in no batch yet (of ``body``, or of every group of
    the region; with ``until``: only months and days up to that date) in a new batch. Two people at once: the
    second gets "nothing_ready" or "busy"."""
    body_ids = [body.pk] if body is not None else selectors.region_body_ids(region)
    ready = selectors.ready_to_pay(body_ids, until=until)
    if not ready["allowances"] and not ready["claims"]:
        raise PaymentError("nothing_ready")
    try:
        with transaction.atomic():
            batch = PaymentBatch.objects.create(
                region=region, body=body, number=_next_number(region), total=ready["total"], created_by=by
            )
            items = [
                PaymentItem(
                    batch=batch,
                    kind=PaymentItem.Kind.ALLOWANCE,
                    allowance=a,
                    body_id=a.body_id,
                    user_id=a.user_id,
                    reference=a.reference,
                    period=a.month,
                    amount=a.amount,
                )
                for a in ready["allowances"]
            ] + [
                PaymentItem(
                    batch=batch,
                    kind=PaymentItem.Kind.CLAIM,
                    claim=c,
                    body_id=c.body_id,
                    user_id=c.user_id,
                    reference=person_reference(c.user_id),
                    period=c.spent_on,
                    amount=c.amount,
                )
                for c in ready["claims"]
            ]
            PaymentItem.objects.bulk_create(items)
    except IntegrityError:
        raise PaymentError("busy") from None
    audit_record(
        actor=by,
        action="payment_batch.create",
        target=batch,
        region=region,
        label=f"betaalbatch {batch.reference} ({body.name if body else region.name}, {len(items)} regels)",
    )
    return batch


@transaction.atomic
def batch_mark_paid(*, batch: PaymentBatch, paid_on: datetime.date, by: User) -> PaymentBatch:
    """The money of the batch went out on ``paid_on``: the batch, its allowances and (through the claims app) its
    claims are marked paid."""
    from inspraak.claims.services import claims_mark_paid

    if paid_on > timezone.localdate():
        raise PaymentError("paid_in_future")
    locked = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.paid_on is not None:
        raise PaymentError("already_paid")
    locked.paid_on = paid_on
    locked.paid_by = by
    locked.save(update_fields=["paid_on", "paid_by"])
    AllowancePayment.objects.filter(payment_item__batch=locked).update(paid_on=paid_on)
    claims = [item.claim for item in locked.items.filter(kind=PaymentItem.Kind.CLAIM).select_related("claim")]
    if claims:
        claims_mark_paid(claims=claims, paid_on=paid_on, reference=batch.reference, by=by)
    audit_record(
        actor=by,
        action="payment_batch.paid",
        target=locked,
        region=batch.region,
        changed_fields=["paid_on"],
        label=f"betaalbatch {batch.reference}",
    )
    batch.paid_on, batch.paid_by = paid_on, by
    return batch


# Yearly statements


@transaction.atomic
def statements_send(*, body: Body, year: int, by: User) -> dict[str, int]:
    """Send each member of the group who was paid something in ``year`` their yearly statement: a letter (with the
    amounts) for members without email, an email with a link to the PDF for the others. Returns the counts."""
    from django.urls import reverse

    from inspraak.letters.models import Letter
    from inspraak.letters.services import EMAIL, notify_member

    people = selectors.statement_members(body, year)
    if not people:
        raise PaymentError("no_statements")
    sent = {"email": 0, "letter": 0}
    path = reverse("payments:my_statement", args=[year])
    pdf_path = reverse("payments:my_statement_pdf", args=[year])
    for person in people:
        report = selectors.statement(person["user"], year, body=body)
        how = notify_member(
            person=person["user"],
            body=body,
            kind=Letter.Kind.STATEMENT,
            template_prefix="payments/email/statement",
            context={"statement": report, "year": year, "path": path, "pdf_path": pdf_path},
            path=path,
            purpose="statement",
            by=by,
        )
        sent["email" if how == EMAIL else "letter"] += 1
    audit_record(
        actor=by,
        action="statement.send",
        target=body,
        region=body.region,
        label=f"jaaropgaven {year} ({body.name}: {sent['email']} e-mail, {sent['letter']} brief)",
    )
    return sent


# Budget


@transaction.atomic
def budget_plan(*, body: Body, year: int, planned: dict[str, Decimal | None], by: User) -> int:
    """Set the planned amount per budget kind for one group and year (empty: no plan for that kind). Returns how
    many lines changed."""
    from inspraak.support.models import BudgetLine

    existing = {line.kind: line for line in BudgetLine.objects.select_for_update().filter(body=body, year=year)}
    changed = 0
    for kind, amount in planned.items():
        line = existing.get(kind)
        if amount is None:
            if line is not None:
                line.delete()
                changed += 1
            continue
        if line is None:
            BudgetLine.objects.create(body=body, year=year, kind=kind, planned=amount, updated_by=by)
            changed += 1
        elif line.planned != amount:
            line.planned = amount
            line.updated_by = by
            line.version += 1
            line.save(update_fields=["planned", "updated_by", "version", "updated_at"])
            changed += 1
    if changed:
        audit_record(
            actor=by,
            action="budget.plan",
            target=body,
            region=body.region,
            changed_fields=sorted(planned),
            label=f"begroting {year} ({body.name})",
        )
    return changed


@transaction.atomic
def budget_cost_add(
    *, body: Body, kind: str, date: datetime.date, amount: Decimal, description: str, paid: bool, by: User
):
    from inspraak.support.models import BudgetCost

    cost = BudgetCost.objects.create(
        body=body, kind=kind, date=date, amount=amount, description=description, paid=paid, created_by=by
    )
    audit_record(
        actor=by,
        action="budget.cost_add",
        target=cost,
        region=body.region,
        label=f"uitgave #{cost.pk} ({body.name})",
    )
    return cost


@transaction.atomic
def budget_cost_mark_paid(*, cost, by: User):
    from inspraak.support.models import BudgetCost

    updated = BudgetCost.objects.filter(pk=cost.pk, paid=False).update(paid=True)
    if not updated:
        raise PaymentError("already_paid")
    audit_record(
        actor=by,
        action="budget.cost_paid",
        target=cost,
        region=cost.body.region,
        changed_fields=["paid"],
        label=f"uitgave #{cost.pk} ({cost.body.name})",
    )
