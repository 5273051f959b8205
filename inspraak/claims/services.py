"""Writes for expense claims (declaraties). Each is atomic, appends a ``ClaimEvent``, writes one audit row per claim
and tells the member when a decision was taken (email, or a letter for a member without email)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from inspraak.audit.services import audit_record
from inspraak.claims import rules
from inspraak.claims.models import ClaimEvent, ClaimKind, ClaimStatus, ExpenseClaim
from inspraak.core import documents, files
from inspraak.core.channels import Channel
from inspraak.core.errors import ServiceError
from inspraak.core.versioning import claim_version
from inspraak.letters.models import Letter
from inspraak.letters.services import notify_member
from inspraak.support.selectors import scheme_for

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.meetings.models import Meeting
    from inspraak.regions.models import Body
    from inspraak.training.models import Training

# The kinds a receipt may be: a photo or a PDF, judged by content (core.documents), at most this many bytes.
RECEIPT_KINDS = (documents.JPEG, documents.PNG, documents.PDF)
RECEIPT_MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a phone photo is 2-5 MB


class ClaimError(ServiceError):
    """A step that does not fit the claim's state; ``code`` says which (the views' ``ERRORS``)."""


@dataclass(frozen=True)
class ClaimInput:
    """What a member (or the secretary for them) fills in. ``receipt``: a checked upload, or None (keep the stored
    one when changing a claim)."""

    kind: str
    spent_on: datetime.date
    amount: Decimal | None
    description: str
    kilometres: Decimal | None = None
    no_receipt_reason: str = ""
    receipt: documents.CheckedDocument | None = None
    meeting: Meeting | None = None
    training: Training | None = None


def _label(claim: ExpenseClaim) -> str:
    return f"declaratie #{claim.pk} – {claim.body.name}"


def _checked_amount(body: Body, data: ClaimInput, today: datetime.date) -> Decimal:
    """The amount the claim is for, after every rule of the group's scheme for the year of the costs."""
    problem = rules.date_problem(data.spent_on, today)
    if problem:
        raise ClaimError(f"date_{problem}")
    terms = rules.terms_of(scheme_for(body=body, year=data.spent_on.year))
    if data.kind not in rules.allowed_kinds(terms):
        raise ClaimError("kind", year=data.spent_on.year)
    if data.kind == ClaimKind.KILOMETRES:
        if data.kilometres is None or data.kilometres <= 0 or data.kilometres > rules.MAX_KILOMETRES:
            raise ClaimError("kilometres")
        amount = rules.km_amount(data.kilometres, terms.km_rate)
    else:
        amount = data.amount
    if amount is None or amount <= 0 or amount > rules.MAX_AMOUNT:
        raise ClaimError("amount")
    if data.kind == ClaimKind.CHILDCARE:
        maximum = rules.over_childcare_max(amount, terms)
        if maximum is not None:
            raise ClaimError("childcare_max", maximum=maximum)
    return amount


def _check_links(body: Body, data: ClaimInput) -> None:
    if data.meeting is not None and data.meeting.body_id != body.pk:
        raise ClaimError("occasion")
    if data.training is not None and data.training.body_id != body.pk:
        raise ClaimError("occasion")
    if data.meeting is not None and data.training is not None:
        raise ClaimError("occasion")


def _store_receipt(claim: ExpenseClaim, receipt: documents.CheckedDocument) -> None:
    try:
        checked = documents.check_upload(receipt, allowed=RECEIPT_KINDS, max_bytes=RECEIPT_MAX_BYTES)
    except documents.DocumentRefused as exc:
        raise ClaimError(f"file_{exc.code}") from exc
    try:
        documents.store(claim.receipt, checked)
    except files.StorageFailed as exc:
        raise ClaimError("file_storage") from exc
    claim.receipt_content_type = checked.kind.content_type
    claim.receipt_removed_at = None


def _delete_file_after_commit(claim: ExpenseClaim) -> None:
    """Forget the receipt on the claim now; delete the file once the change is committed (never before: a rollback
    would leave a claim pointing at nothing)."""
    name, storage = claim.receipt.name, claim.receipt.storage
    if not name:
        return
    transaction.on_commit(lambda: files.delete(storage, name))
    claim.receipt = ""
    claim.receipt_content_type = ""
    claim.receipt_removed_at = timezone.now()


@transaction.atomic
def claim_submit(
    *,
    body: Body,
    user: User,
    data: ClaimInput,
    by: User,
    channel: str = Channel.ONLINE,
) -> ExpenseClaim:
    """A member claims costs (``by`` is ``user``), or the secretary enters a claim from paper, a phone call or a
    visit for ``user`` (``channel``: brief, telefoon, persoonlijk). A receipt or a reason why there is none."""
    if (by.pk == user.pk) != (channel == Channel.ONLINE) or channel not in Channel.values:
        raise ClaimError("channel")
    if data.receipt is None and not data.no_receipt_reason.strip():
        raise ClaimError("no_receipt")
    if not data.description.strip():
        raise ClaimError("description")
    _check_links(body, data)
    amount = _checked_amount(body, data, timezone.localdate())
    claim = ExpenseClaim(
        body=body,
        user=user,
        kind=data.kind,
        spent_on=data.spent_on,
        kilometres=data.kilometres if data.kind == ClaimKind.KILOMETRES else None,
        amount=amount,
        description=data.description.strip(),
        no_receipt_reason="" if data.receipt is not None else data.no_receipt_reason.strip(),
        meeting=data.meeting,
        training=data.training,
        channel=channel,
        entered_by=by,
    )
    if data.receipt is not None:
        _store_receipt(claim, data.receipt)
    claim.save()
    ClaimEvent.objects.create(claim=claim, by=by, to_status=ClaimStatus.SUBMITTED, note=channel)
    label = _label(claim) if channel == Channel.ONLINE else f"{_label(claim)} – {channel}"
    audit_record(actor=by, action="claim.submit", target=claim, region=body.region, label=label)
    return claim


CHANGEABLE = ("kind", "spent_on", "kilometres", "amount", "description", "no_receipt_reason", "meeting", "training")


@transaction.atomic
def claim_change(*, claim: ExpenseClaim, data: ClaimInput, by: User, version: int | None) -> ExpenseClaim:
    """The member changes their claim while it is still "ingediend" (a save based on an older version is refused:
    StaleEdit). Without a new receipt the stored one stays; a new one replaces it (the old file is deleted)."""
    locked = ExpenseClaim.objects.select_for_update().select_related("body__region").get(pk=claim.pk)
    if locked.user_id != by.pk:
        raise ClaimError("not_yours")
    if locked.status not in rules.EDITABLE:
        raise ClaimError("not_open", status=locked.get_status_display())
    claim_version(locked, version)
    has_receipt = data.receipt is not None or bool(locked.receipt)
    if not has_receipt and not data.no_receipt_reason.strip():
        raise ClaimError("no_receipt")
    if not data.description.strip():
        raise ClaimError("description")
    _check_links(locked.body, data)
    amount = _checked_amount(locked.body, data, timezone.localdate())
    before = {name: getattr(locked, name) for name in CHANGEABLE}
    locked.kind = data.kind
    locked.spent_on = data.spent_on
    locked.kilometres = data.kilometres if data.kind == ClaimKind.KILOMETRES else None
    locked.amount = amount
    locked.description = data.description.strip()
    locked.meeting = data.meeting
    locked.training = data.training
    changed = [name for name in CHANGEABLE if getattr(locked, name) != before[name]]
    if data.receipt is not None:
        _delete_file_after_commit(locked)
        _store_receipt(locked, data.receipt)
        changed.append("receipt")
    locked.no_receipt_reason = "" if locked.receipt else data.no_receipt_reason.strip()
    if locked.no_receipt_reason != before["no_receipt_reason"] and "no_receipt_reason" not in changed:
        changed.append("no_receipt_reason")
    locked.save()
    ClaimEvent.objects.create(
        claim=locked, by=by, from_status=locked.status, to_status=locked.status, changed_fields=sorted(changed)
    )
    audit_record(
        actor=by,
        action="claim.change",
        target=locked,
        region=locked.body.region,
        label=_label(locked),
        changed_fields=changed,
    )
    return locked


@transaction.atomic
def claim_withdraw(*, claim: ExpenseClaim, by: User, version: int | None = None) -> ExpenseClaim:
    """The member takes their claim back while it is still "ingediend"; its receipt is deleted (not needed now)."""
    locked = ExpenseClaim.objects.select_for_update().select_related("body__region").get(pk=claim.pk)
    if locked.user_id != by.pk:
        raise ClaimError("not_yours")
    if locked.status not in rules.EDITABLE:
        raise ClaimError("not_open", status=locked.get_status_display())
    claim_version(locked, version)
    locked.status = ClaimStatus.WITHDRAWN
    _delete_file_after_commit(locked)
    locked.save()
    ClaimEvent.objects.create(claim=locked, by=by, from_status=ClaimStatus.SUBMITTED, to_status=ClaimStatus.WITHDRAWN)
    audit_record(actor=by, action="claim.withdraw", target=locked, region=locked.body.region, label=_label(locked))
    return locked


@transaction.atomic
def claim_decide(
    *, claim: ExpenseClaim, by: User, approve: bool, reason: str = "", version: int | None = None
) -> ExpenseClaim:
    """The secretary of the group or the region's finance role approves the claim, or rejects it with a reason the
    member reads. The row is locked: of two people deciding at once, the second gets "already_decided" (or a stale
    version when the member changed it in between) and nothing is overwritten. Nobody decides on their own claim."""
    locked = ExpenseClaim.objects.select_for_update().select_related("body__region", "user").get(pk=claim.pk)
    if locked.user_id == by.pk:
        raise ClaimError("own_claim")
    if locked.status not in rules.DECIDABLE:
        raise ClaimError("already_decided", status=locked.get_status_display())
    reason = reason.strip()
    if not approve and not reason:
        raise ClaimError("reason")
    claim_version(locked, version)
    locked.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decision_reason = reason[:500]
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    ClaimEvent.objects.create(
        claim=locked, by=by, from_status=ClaimStatus.SUBMITTED, to_status=locked.status, note=reason[:500]
    )
    audit_record(
        actor=by, action=f"claim.{locked.status}", target=locked, region=locked.body.region, label=_label(locked)
    )
    _tell(locked, by=by)
    return locked


def _tell(claim: ExpenseClaim, *, by: User | None) -> None:
    """Tell the member the decision: by email, or by a letter when they have no address (a claim is decided once,
    so there is no older letter to replace)."""
    person = claim.user
    if not person.is_active:
        return
    path = reverse("claims:detail", args=[claim.body.region.slug, claim.body.slug, claim.pk])
    approved = claim.status == ClaimStatus.APPROVED
    notify_member(
        person=person,
        body=claim.body,
        kind=Letter.Kind.CLAIM,
        template_prefix=f"claims/email/decided_{'approved' if approved else 'rejected'}",
        context={"claim": claim, "path": path},
        path=path,
        object_id=claim.pk,
        by=by,
    )


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
        claim.paid_on = paid_on
        claim.payment_reference = reference[:100]
        claim.version += 1
        claim.save(update_fields=["status", "paid_on", "payment_reference", "version"])
        ClaimEvent.objects.create(
            claim=claim, by=by, from_status=ClaimStatus.APPROVED, to_status=ClaimStatus.PAID, note=note
        )
        audit_record(actor=by, action="claim.paid", target=claim, region=claim.body.region, label=_label(claim))
    return len(locked)


@transaction.atomic
def receipts_prune(*, today: datetime.date, retention_days: int) -> int:
    """Delete the receipt files of claims paid or rejected more than ``retention_days`` ago (the claim with its
    amount, date, status and payment stays: the financial record). One event and one audit row per claim. Returns
    how many receipts were deleted."""
    cutoff = today - datetime.timedelta(days=retention_days)
    candidates = (
        ExpenseClaim.objects.select_for_update()
        .select_related("body__region")
        .filter(
            Q(status=ClaimStatus.PAID, paid_on__lt=cutoff)
            | Q(status=ClaimStatus.REJECTED, decided_at__date__lt=cutoff + datetime.timedelta(days=1))
        )
        .exclude(receipt="")
        .order_by("pk")
    )
    pruned = 0
    for claim in candidates:
        decided_on = timezone.localdate(claim.decided_at) if claim.decided_at else None
        if not rules.receipt_expired(
            status=claim.status,
            paid_on=claim.paid_on,
            decided_on=decided_on,
            today=today,
            retention_days=retention_days,
        ):
            continue
        _delete_file_after_commit(claim)
        claim.save(update_fields=["receipt", "receipt_content_type", "receipt_removed_at"])
        ClaimEvent.objects.create(
            claim=claim,
            from_status=claim.status,
            to_status=claim.status,
            changed_fields=["receipt"],
            note="bewaartermijn",
        )
        audit_record(
            actor=None,
            action="claim.receipt_pruned",
            target=claim,
            region=claim.body.region,
            label=_label(claim),
            changed_fields=["receipt"],
        )
        pruned += 1
    return pruned
