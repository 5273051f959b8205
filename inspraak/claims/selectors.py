"""Reads for expense claims, scoped to what the person may see, with a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from inspraak.claims.models import ClaimStatus, ExpenseClaim


def approved_unpaid(*, body_ids: Iterable[int]) -> QuerySet[ExpenseClaim]:
    """Approved claims of these groups that were not paid yet (the payment batch takes them), oldest first."""
    return (
        ExpenseClaim.objects.filter(body_id__in=list(body_ids), status=ClaimStatus.APPROVED)
        .select_related("user", "body", "body__region")
        .order_by("spent_on", "pk")
    )
