"""Writes for expense claims (declaraties). Each is atomic, appends a ``ClaimEvent``, writes one audit row per claim
and tells the member where a decision was taken."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from inspraak.audit.services import audit_record
from inspraak.claims.models import ClaimEvent, ClaimStatus, ExpenseClaim
from inspraak.core.errors import ServiceError

if TYPE_CHECKING:
    from inspraak.accounts.models import User


class ClaimError(ServiceError):
    """A step that does not fit the claim's state; ``code`` says which (the views' ``ERRORS``)."""


def _label(claim: ExpenseClaim) -> str:
    return f"declaratie #{claim.pk} – {claim.body.name}"


@transaction.atomic
def claims_mark_paid(*, claims: list[ExpenseClaim], paid_on: datetime.date, reference: str, by: User) -> int:
    """Approved claims went out in a payment batch: APPROVED → PAID. One event and one audit row per claim; the
    member is told nothing extra (the payment itself and the yearly statement tell them). Claims that are not (or
    no longer) approved are skipped; returns how many were marked paid."""
    ids = [claim.pk for claim in claims]
    locked = list(
        ExpenseClaim.objects.select_for_update()
        .select_related("body__region")
        .filter(pk__in=ids, status=ClaimStatus.APPROVED)
        .order_by("pk")
    )
    note = f"{reference} – {paid_on:%d-%m-%Y}"[:500]
    for claim in locked:
        claim.status = ClaimStatus.PAID
        claim.version += 1
        claim.save(update_fields=["status", "version"])
        ClaimEvent.objects.create(
            claim=claim, by=by, from_status=ClaimStatus.APPROVED, to_status=ClaimStatus.PAID, note=note
        )
        audit_record(actor=by, action="claim.paid", target=claim, region=claim.body.region, label=_label(claim))
    return len(locked)
