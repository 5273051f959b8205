"""Reads of the email outbox: did an email arrive? Each a fixed number of queries."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from inspraak.core.models import OutgoingEmail


def email_about(purpose: str, object_id: int):
    """The latest email about one object (e.g. the feedback report to the GR), or None. 1 query."""
    return (
        OutgoingEmail.objects.filter(purpose=purpose, object_id=object_id)
        .only("pk", "status", "sent_at", "created_at", "last_error", "region_id")
        .order_by("-pk")
        .first()
    )


def emails_about(purpose: str, object_ids) -> dict:
    """object id -> its latest email, for many objects (e.g. the invitations of a meeting). 1 query."""
    latest = {}
    rows = (
        OutgoingEmail.objects.filter(purpose=purpose, object_id__in=list(object_ids))
        .only("pk", "object_id", "status", "sent_at", "created_at", "last_error")
        .order_by("pk")
    )
    for row in rows:
        latest[row.object_id] = row
    return latest


FAILED_EMAILS_SHOWN = 200


def failed_emails(region) -> list:
    """The newest emails of a region that did not arrive (at most FAILED_EMAILS_SHOWN), without their text. 1 query."""
    return list(
        OutgoingEmail.objects.filter(region=region, status=OutgoingEmail.Status.FAILED)
        .only("pk", "to", "purpose", "created_at", "attempts", "last_error")
        .order_by("-created_at", "-pk")[:FAILED_EMAILS_SHOWN]
    )


def failed_email(region, pk: int):
    """One email of the region that did not arrive; 404 otherwise."""
    return get_object_or_404(OutgoingEmail, region=region, status=OutgoingEmail.Status.FAILED, pk=pk)
