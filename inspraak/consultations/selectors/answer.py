"""Reads of answering a consultation: the code someone typed, their draft, the languages, the municipalities asked,
and the code batches with their codes. Each a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404

from inspraak.consultations.models import (
    CodeBatch,
    Consultation,
    Draft,
    InvitationCode,
    OpenLinkUse,
    Translation,
)
from inspraak.regions.models import Municipality


def code_entered(code: str) -> InvitationCode | None:
    """The code (normalised) with its consultation and region, or None. 1 query."""
    if not code:
        return None
    return (
        InvitationCode.objects.select_related("consultation", "consultation__region", "municipality")
        .filter(code=code)
        .first()
    )


def code_by_pk(consultation: Consultation, pk) -> InvitationCode | None:
    """A code of ``consultation`` by its id (kept in the session after entry), or None. 1 query."""
    if not pk:
        return None
    return InvitationCode.objects.filter(consultation=consultation, pk=pk).first()


def answering(pk: int) -> Consultation:
    """The consultation of the answer pages (with region), whatever its region. 2 queries; 404 when there is none.
    Whether it takes answers is for rules.answer.answering_state."""
    consultation = Consultation.objects.select_related("region").filter(pk=pk).first()
    if consultation is None:
        raise Http404
    consultation.municipality_ids = frozenset(
        Consultation.municipalities.through.objects.filter(consultation_id=pk).values_list("municipality_id", flat=True)
    )
    return consultation


def draft_for(consultation: Consultation, *, code: InvitationCode | None = None, browser_key: str = "") -> Draft | None:
    """The answers so far of a code or a browser, or None. 1 query (none without a key)."""
    if code is not None:
        return Draft.objects.filter(consultation=consultation, code=code).first()
    if browser_key:
        return Draft.objects.filter(consultation=consultation, browser_key=browser_key).first()
    return None


def open_link_used(consultation: Consultation, browser_key: str) -> bool:
    return bool(browser_key) and OpenLinkUse.objects.filter(consultation=consultation, browser_key=browser_key).exists()


def translations(consultation: Consultation) -> list[Translation]:
    """The consultation's languages besides Dutch. 1 query."""
    return list(Translation.objects.filter(consultation=consultation).order_by("name"))


def asked_municipalities(consultation: Consultation) -> list[Municipality]:
    """The municipalities the consultation asks (none chosen: the whole region), by name. 1 query. Needs
    ``municipality_ids`` (set by consultation_in and answering)."""
    rows = Municipality.objects.filter(region_id=consultation.region_id)
    if consultation.municipality_ids:
        rows = rows.filter(pk__in=consultation.municipality_ids)
    return list(rows.order_by("name"))


def code_batches(consultation: Consultation) -> list[CodeBatch]:
    """The consultation's batches with their municipality and ``used`` (codes used so far). 1 query."""
    return list(
        CodeBatch.objects.filter(consultation=consultation)
        .select_related("municipality")
        .annotate(used=Count("codes", filter=Q(codes__used=True)))
        .order_by("created_at", "pk")
    )


def batch_in(consultation: Consultation, pk: int) -> CodeBatch:
    """A batch of ``consultation`` with its municipality; 404 otherwise. 1 query."""
    batch = CodeBatch.objects.select_related("municipality").filter(consultation=consultation, pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def batch_codes(batch: CodeBatch) -> list[str]:
    """The codes of a batch in the order they were made. 1 query."""
    return list(InvitationCode.objects.filter(batch=batch).order_by("pk").values_list("code", flat=True))
