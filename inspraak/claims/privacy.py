"""The claims part of a person's data (AVG art. 15 and 17), registered from ClaimsConfig.ready().

Export: every claim of the person (kind, group, date, amount, kilometres, what for, whether there is a receipt, the
reason without one, the meeting or training, how it came in, status, the decision's reason and date, when paid and
the payment's reference, the history: when, from and to status, note), never the names of who entered or decided it.

Erasure: a claim that is no financial record (ingediend, afgewezen, ingetrokken) is deleted with its receipt file.
An approved or paid claim is the GR's financial record (what was paid to whom, when): it keeps kind, date, amount,
kilometres, status, payment date and reference, linked to the anonymised account; its receipt file, what it was for,
the reason without a receipt, the decision's reason and the notes in its history are removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core import files
from inspraak.core import privacy_registry as registry

if TYPE_CHECKING:
    from inspraak.accounts.models import User

LABELS = {
    "kind": _("Soort kosten"),
    "body": _("Groep"),
    "spent_on": _("Datum"),
    "amount": _("Bedrag"),
    "kilometres": _("Kilometers"),
    "description": _("Waarvoor"),
    "has_receipt": _("Bon bewaard"),
    "no_receipt_reason": _("Waarom geen bon"),
    "meeting": _("Bijeenkomst"),
    "training": _("Training"),
    "channel": _("Hoe doorgegeven"),
    "status": _("Status"),
    "decision_reason": _("Reden van het besluit"),
    "decided_at": _("Besloten op"),
    "paid_on": _("Betaald op"),
    "payment_reference": _("Kenmerk van de betaling"),
    "created_at": _("Ingediend op"),
    "history": _("Geschiedenis"),
    "at": _("Wanneer"),
    "from_status": _("Van status"),
    "to_status": _("Naar status"),
    "note": _("Toelichting"),
}
# Kept at erasure: the GR's record of what it owes or paid.
FINANCIAL_RECORD = ("goedgekeurd", "betaald")


def export_claims(user: User) -> list[dict]:
    """The person's claims, oldest first, with their history. 2 queries."""
    from inspraak.claims.models import ExpenseClaim

    claims = (
        ExpenseClaim.objects.filter(user=user)
        .select_related("body", "meeting", "training")
        .prefetch_related("events")
        .order_by("spent_on", "pk")
    )
    return [
        {
            "kind": claim.get_kind_display(),
            "body": claim.body.name,
            "spent_on": claim.spent_on,
            "amount": claim.amount,
            "kilometres": claim.kilometres,
            "description": claim.description,
            "has_receipt": bool(claim.receipt),
            "no_receipt_reason": claim.no_receipt_reason,
            "meeting": claim.meeting.starts_at if claim.meeting else None,
            "training": claim.training.title if claim.training else "",
            "channel": claim.get_channel_display(),
            "status": claim.get_status_display(),
            "decision_reason": claim.decision_reason,
            "decided_at": claim.decided_at,
            "paid_on": claim.paid_on,
            "payment_reference": claim.payment_reference,
            "created_at": claim.created_at,
            "history": [
                {"at": e.at, "from_status": e.from_status, "to_status": e.to_status, "note": e.note}
                for e in sorted(claim.events.all(), key=lambda e: (e.at, e.pk))
            ],
        }
        for claim in claims
    ]


def erase_claims(user: User) -> None:
    """Delete the claims that are no financial record; strip the rest to amount, date and status (see the module).
    Receipt files are deleted once the erasure is committed. One audit row with the counts."""
    from inspraak.audit.services import audit_record
    from inspraak.claims.models import ClaimEvent, ExpenseClaim

    claims = list(ExpenseClaim.objects.filter(user=user))
    names = [(claim.receipt.storage, claim.receipt.name) for claim in claims if claim.receipt]
    kept = [claim for claim in claims if claim.status in FINANCIAL_RECORD]
    deleted, _rows = ExpenseClaim.objects.filter(user=user).exclude(status__in=FINANCIAL_RECORD).delete()
    now = timezone.now()
    for claim in kept:
        had_receipt = bool(claim.receipt)
        claim.receipt = ""
        claim.receipt_content_type = ""
        claim.receipt_removed_at = now if had_receipt else claim.receipt_removed_at
        claim.description = ""
        claim.no_receipt_reason = ""
        claim.decision_reason = ""
        claim.save(
            update_fields=[
                "receipt",
                "receipt_content_type",
                "receipt_removed_at",
                "description",
                "no_receipt_reason",
                "decision_reason",
            ]
        )
    ClaimEvent.objects.filter(claim__in=kept).update(note="")
    for storage, name in names:
        transaction.on_commit(lambda storage=storage, name=name: files.delete(storage, name))
    if claims:
        audit_record(
            actor=registry.acting_user(),
            action="person.erase_part",
            target=user,
            changed_fields=["claims"],
            label=f"persoon #{user.pk}: claims (deleted {deleted}, kept as payment record {len(kept)})",
        )


def claim_region_ids(user: User) -> set[int]:
    from inspraak.claims.models import ExpenseClaim

    return set(ExpenseClaim.objects.filter(user=user).values_list("body__region_id", flat=True).distinct())


def register_part() -> None:
    registry.register(
        "claims",
        title=_("Declaraties"),
        exporter=export_claims,
        eraser=erase_claims,
        regions=claim_region_ids,
        labels=LABELS,
        order=40,
        models=("claims.ExpenseClaim",),
    )
    registry.cover(
        "claims.ClaimEvent",
        reason="who took a step with a claim (the member, the secretary, finance); notes of the person's own claims "
        "are emptied by the claims part",
    )
