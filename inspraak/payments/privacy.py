"""The payments part of a person's data (AVG art. 15 and 17), registered from PaymentsConfig.ready().

Export: every approved volunteer allowance (group, month, meetings, amount, when paid) and every line about the person
in a payment batch. Erasure: payment records are the GR's financial record, which it must keep (fiscal retention,
art. 52 AWR: seven years): the amounts, months and dates stay; the link to the person (and so to their name) is
dropped, only the Inspraak person number ("INS-000123") stays as the reference the GR's finance system used. The
warning texts kept with an approval (cap, under 27) are emptied. Batches themselves name only the staff who made
them (``PaymentBatch``: covered).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from inspraak.core import privacy_registry as registry

if TYPE_CHECKING:
    from inspraak.accounts.models import User

LABELS = {
    "kind": _("soort"),
    "body": _("groep"),
    "month": _("maand"),
    "meetings": _("bijeenkomsten"),
    "amount": _("bedrag"),
    "reference": _("kenmerk"),
    "approved_at": _("goedgekeurd op"),
    "paid_on": _("betaald op"),
    "batch": _("betaalbatch"),
}


def export_payments(user: User) -> list[dict]:
    """The person's allowances and payment lines, oldest first. 2 queries."""
    from inspraak.payments.models import AllowancePayment, PaymentItem

    rows: list[dict] = [
        {
            "kind": str(_("vrijwilligersvergoeding")),
            "body": a.body.name,
            "month": a.month,
            "meetings": a.meetings,
            "amount": a.amount,
            "reference": a.reference,
            "approved_at": a.approved_at,
            "paid_on": a.paid_on,
        }
        for a in AllowancePayment.objects.filter(user=user).select_related("body").order_by("month", "pk")
    ]
    rows += [
        {
            "kind": item.get_kind_display(),
            "body": item.body.name,
            "month": item.period,
            "amount": item.amount,
            "reference": item.reference,
            "batch": item.batch.reference,
            "paid_on": item.batch.paid_on,
        }
        for item in PaymentItem.objects.filter(user=user).select_related("body", "batch").order_by("period", "pk")
    ]
    return rows


def erase_payments(user: User) -> None:
    """Drop the link to the person; keep amounts, months, dates and the person number. One audit row."""
    from inspraak.audit.services import audit_record
    from inspraak.payments.models import AllowancePayment, PaymentItem

    allowances = AllowancePayment.objects.filter(user=user).update(user=None, warning="")
    items = PaymentItem.objects.filter(user=user).update(user=None)
    if allowances or items:
        audit_record(
            actor=registry.acting_user(),
            action="person.erase_part",
            target=user,
            changed_fields=["payments"],
            label=f"persoon #{user.pk}: payments (vergoedingen {allowances}, betaalregels {items})",
        )


def payment_region_ids(user: User) -> set[int]:
    from inspraak.payments.models import AllowancePayment

    return set(AllowancePayment.objects.filter(user=user).values_list("body__region_id", flat=True).distinct())


def register_part() -> None:
    registry.register(
        "payments",
        title=_("Vergoedingen en betalingen"),
        exporter=export_payments,
        eraser=erase_payments,
        regions=payment_region_ids,
        labels=LABELS,
        order=35,
        models=("payments.AllowancePayment", "payments.PaymentItem"),
    )
    registry.cover(
        "payments.PaymentBatch",
        reason="who made a payment batch or marked it paid (staff), nothing else about the person",
    )
