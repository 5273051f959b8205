"""Writes for the body's side of the advice cycle: declining a request, drafting, adopting and sending advice,
comments, the PDF attachment and the follow-up note. Each is atomic, appends history (AdviceEvent) and leaves an
audit row whose label names the object type and number, never a person.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from inspraak.advice import selectors
from inspraak.advice.models import (
    AdoptedHow,
    Advice,
    AdviceComment,
    AdviceEvent,
    AdviceKind,
    AdviceStatus,
    Recommendation,
)
from inspraak.audit.services import audit_record
from inspraak.core import files, names
from inspraak.core.mail import queue_email
from inspraak.members import selectors as member_selectors
from inspraak.policy import rules
from inspraak.policy.models import AdviceRequest, Proposal, ProposalStatus, RequestStatus
from inspraak.policy.services import proposal_set_status

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # 10 MB
PDF_MAGIC = b"%PDF-"
# A proposal moves to "advies ontvangen" only from these statuses (never back from decided or withdrawn).
BEFORE_ADVICE = (ProposalStatus.PREPARING, ProposalStatus.ADVICE_REQUESTED)


class AdviceError(Exception):
    """A step that the current state does not allow. ``code`` says which; views turn it into a Dutch message."""

    def __init__(self, code: str, *, fragments: list[str] | None = None):
        super().__init__(code)
        self.code = code
        self.fragments = fragments or []  # "client_named": the words that name a client, as written


def _check_public(body: Body, *texts: str) -> None:
    """A text that becomes public must not name a client without public consent (inspraak.core.names)."""
    found = names.fragments(texts, member_selectors.private_client_names(body))
    if found:
        raise AdviceError("client_named", fragments=found)


def _check_advice_public(advice: Advice) -> None:
    found = selectors.names_in_public_text(advice)
    if found:
        raise AdviceError("client_named", fragments=found)


class StaleVersionError(AdviceError):
    """Someone else saved the draft since the form was opened."""

    def __init__(self):
        super().__init__("stale")


def _label(advice: Advice) -> str:
    return f"advies #{advice.pk} – {advice.body.name}"


def _request_label(request: AdviceRequest) -> str:
    return f"adviesaanvraag #{request.pk} – {request.body.name}"


def _audit_fields(changed: list[str]) -> list[str]:
    """Names for the audit row: the recommendations are rows, not a field of the advice (the audit page looks the
    names up on the model and must not find the reverse relation)."""
    return ["recommendation" if name == "recommendations" else name for name in changed]


def _event(advice: Advice, kind: str, *, by: User | None, **extra) -> AdviceEvent:
    return AdviceEvent.objects.create(advice=advice, kind=kind, by=by, **extra)


def _path(*candidates: tuple[str, dict]) -> str:
    """The first of ``candidates`` (URL name, kwargs) that exists; the personal dashboard as the last resort."""
    for name, kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return reverse("dashboards:dashboard")


def _clean_recommendations(recommendations: list[str]) -> list[str]:
    return [text.strip() for text in recommendations if text and text.strip()]


def _write_recommendations(advice: Advice, recommendations: list[str]) -> bool:
    """Replace the numbered recommendations with ``recommendations`` (in order, numbered 1..n). True when changed."""
    current = list(Recommendation.objects.filter(advice=advice).order_by("number").values_list("text", flat=True))
    if current == recommendations:
        return False
    Recommendation.objects.filter(advice=advice).delete()
    Recommendation.objects.bulk_create(
        Recommendation(advice=advice, number=number, text=text) for number, text in enumerate(recommendations, 1)
    )
    return True


# ---------------------------------------------------------------- requests


@transaction.atomic
def request_decline(*, request: AdviceRequest, by: User, reason: str) -> AdviceRequest:
    """The body chooses not to advise, with a reason. Only an open request without an advice can be declined."""
    reason = reason.strip()
    if not reason:
        raise AdviceError("reason")
    locked = AdviceRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if locked.status != RequestStatus.OPEN:
        raise AdviceError("request_closed")
    if Advice.objects.filter(request=locked).exists():
        raise AdviceError("has_advice")
    _check_public(request.body, reason)  # shown on the public proposal page
    request.status = RequestStatus.DECLINED
    request.decline_reason = reason
    request.save(update_fields=["status", "decline_reason"])
    audit_record(
        actor=by,
        action="advice_request.decline",
        target=request,
        region=request.body.region,
        changed_fields=["status", "decline_reason"],
        label=_request_label(request),
    )
    contact = request.contact
    if contact is not None and contact.is_active and contact.email:
        body = request.body
        queue_email(
            to=contact.email,
            template_prefix="advice/email/declined",
            context={
                "body": body,
                "proposal_title": request.proposal.title,
                "reason": reason,
                "path": _path(
                    ("policy:proposal", {"region": body.region.slug, "pk": request.proposal_id}),
                    ("register:proposal", {"region": body.region.slug, "pk": request.proposal_id}),
                ),
            },
        )
    return request


# ---------------------------------------------------------------- drafting


@transaction.atomic
def advice_create(
    *,
    body: Body,
    by: User,
    subject: str,
    text: str = "",
    recommendations: list[str] | None = None,
    request: AdviceRequest | None = None,
    proposal: Proposal | None = None,
) -> Advice:
    """A new draft. With ``request``: a solicited advice answering it (one per request, only while it is open);
    otherwise an unsolicited advice, optionally about ``proposal`` (of the body's region)."""
    subject = subject.strip()
    if not subject:
        raise AdviceError("subject")
    if request is not None:
        if request.body_id != body.pk:
            raise ValueError("request of another body")
        locked = AdviceRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if Advice.objects.filter(request=locked).exists():
            raise AdviceError("duplicate")
        if locked.status != RequestStatus.OPEN:
            raise AdviceError("request_closed")
        kind, proposal = AdviceKind.SOLICITED, request.proposal
    else:
        kind = AdviceKind.UNSOLICITED
        if proposal is not None and proposal.region_id != body.region_id:
            raise ValueError("proposal of another region")
    advice = Advice(
        body=body,
        kind=kind,
        request=request,
        proposal=proposal,
        subject=subject,
        text=text.strip(),
        created_by=by,
    )
    try:
        with transaction.atomic():
            advice.save()
    except IntegrityError as exc:  # a second advice for the same request, written at the same moment
        raise AdviceError("duplicate") from exc
    _write_recommendations(advice, _clean_recommendations(recommendations or []))
    _event(advice, AdviceEvent.Kind.CREATED, by=by, to_status=AdviceStatus.DRAFT)
    audit_record(
        actor=by,
        action="advice.create",
        target=advice,
        region=body.region,
        changed_fields=["subject", "text", "recommendation"],
        label=_label(advice),
    )
    return advice


@transaction.atomic
def advice_update(
    *, advice: Advice, by: User, version: int, subject: str, text: str, recommendations: list[str]
) -> Advice:
    """Save the draft, based on ``version``. When someone else saved it since, StaleVersionError: nothing is written.
    The event and the audit row name the changed fields, never their values."""
    subject, text = subject.strip(), text.strip()
    if not subject:
        raise AdviceError("subject")
    recommendations = _clean_recommendations(recommendations)
    locked = Advice.objects.select_for_update(of=("self",)).get(pk=advice.pk)
    if locked.status != AdviceStatus.DRAFT:
        raise AdviceError("not_draft")
    if locked.version != version:
        raise StaleVersionError
    changed = [name for name, value in (("subject", subject), ("text", text)) if getattr(locked, name) != value]
    if _write_recommendations(locked, recommendations):
        changed.append("recommendations")
    if not changed:
        return locked
    # The version check and the increment are one UPDATE, so two saves based on one version cannot both win.
    updated = Advice.objects.filter(pk=advice.pk, version=version).update(
        subject=subject, text=text, version=F("version") + 1, updated_at=timezone.now()
    )
    if updated != 1:
        raise StaleVersionError
    locked.refresh_from_db()
    _event(locked, AdviceEvent.Kind.EDITED, by=by, changed_fields=changed)
    audit_record(
        actor=by,
        action="advice.update",
        target=locked,
        region=locked.body.region,
        changed_fields=_audit_fields(changed),
        label=_label(locked),
    )
    return locked


def is_pdf(data: bytes) -> bool:
    """A PDF starts with ``%PDF-`` (checked on content, never on the file name)."""
    return data.startswith(PDF_MAGIC)


@transaction.atomic
def advice_attach(*, advice: Advice, by: User, data: bytes) -> Advice:
    """Store (or replace) the PDF of an advice that is not sent yet, under a generated name."""
    if not data:
        raise AdviceError("empty")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AdviceError("too_large")
    if not is_pdf(data):
        raise AdviceError("not_pdf")
    locked = Advice.objects.select_for_update(of=("self",)).get(pk=advice.pk)
    if locked.status == AdviceStatus.SENT:
        raise AdviceError("sent")
    old = locked.attachment.name if locked.attachment else ""
    try:
        files.save(locked.attachment, f"{uuid.uuid4().hex}.pdf", data)
    except files.StorageFailed as exc:
        raise AdviceError("storage") from exc
    locked.version += 1
    locked.save(update_fields=["attachment", "version", "updated_at"])
    if old:
        transaction.on_commit(lambda: files.delete(locked.attachment.storage, old))
    _event(locked, AdviceEvent.Kind.EDITED, by=by, changed_fields=["attachment"])
    audit_record(
        actor=by,
        action="advice.attach",
        target=locked,
        region=locked.body.region,
        changed_fields=["attachment"],
        label=_label(locked),
    )
    return locked


@transaction.atomic
def comment_add(*, advice: Advice, by: User, text: str) -> AdviceComment:
    """A comment of someone of the body on the draft (visible to the body only)."""
    text = text.strip()
    if not text:
        raise AdviceError("empty")
    if Advice.objects.filter(pk=advice.pk).values_list("status", flat=True).first() != AdviceStatus.DRAFT:
        raise AdviceError("not_draft")
    comment = AdviceComment.objects.create(advice=advice, author=by, text=text)
    audit_record(actor=by, action="advice.comment", target=comment, region=advice.body.region, label=_label(advice))
    return comment


# ---------------------------------------------------------------- adopting and sending


def _set_status(advice: Advice, status: str, *, by: User, fields: list[str]) -> None:
    previous = advice.status
    advice.status = status
    advice.version += 1
    advice.save(update_fields=["status", "version", "updated_at", *fields])
    _event(advice, AdviceEvent.Kind.STATUS, by=by, from_status=previous, to_status=status)


@transaction.atomic
def advice_adopt(*, advice: Advice, by: User, adopted_on: datetime.date, adopted_how: str) -> Advice:
    """The body adopted the draft, in a meeting or in writing, on ``adopted_on`` (not in the future)."""
    if adopted_how not in AdoptedHow.values:
        raise AdviceError("how")
    if adopted_on > timezone.localdate():
        raise AdviceError("future")
    locked = Advice.objects.select_for_update(of=("self",)).select_related("body", "body__region").get(pk=advice.pk)
    if locked.status != AdviceStatus.DRAFT:
        raise AdviceError("not_draft")
    if not locked.text and not Recommendation.objects.filter(advice=locked).exists():
        raise AdviceError("no_content")
    _check_advice_public(locked)  # adopted advice goes into the public register once sent
    locked.adopted_on, locked.adopted_how = adopted_on, adopted_how
    _set_status(locked, AdviceStatus.ADOPTED, by=by, fields=["adopted_on", "adopted_how"])
    audit_record(
        actor=by,
        action="advice.adopt",
        target=locked,
        region=locked.body.region,
        changed_fields=["status", "adopted_on", "adopted_how"],
        label=_label(locked),
    )
    return locked


@transaction.atomic
def advice_send(*, advice: Advice, by: User, today: datetime.date | None = None) -> Advice:
    """Send an adopted advice: status verzonden, the date and when the response is due. A solicited advice answers
    its request (beantwoord) and moves the proposal to "advies ontvangen". The request's contact (or, without one,
    the policy officers in scope) gets an email. Sending twice raises AdviceError("already_sent")."""
    today = today or timezone.localdate()
    locked = (
        Advice.objects.select_for_update(of=("self",))
        .select_related("body", "body__region", "request", "request__contact", "request__proposal", "proposal")
        .get(pk=advice.pk)
    )
    if locked.status == AdviceStatus.SENT:
        raise AdviceError("already_sent")
    if locked.status != AdviceStatus.ADOPTED:
        raise AdviceError("not_adopted")
    request = locked.request
    if request is not None and request.status != RequestStatus.OPEN:
        raise AdviceError("request_closed")
    _check_advice_public(locked)  # again: consent may have been withdrawn since the advice was adopted
    body = locked.body
    locked.sent_on = today
    locked.response_due = rules.response_due(today, body.response_period_weeks)
    _set_status(locked, AdviceStatus.SENT, by=by, fields=["sent_on", "response_due"])
    audit_record(
        actor=by,
        action="advice.send",
        target=locked,
        region=body.region,
        changed_fields=["status", "sent_on", "response_due"],
        label=_label(locked),
    )
    proposal = locked.proposal or (request.proposal if request else None)
    if request is not None:
        request.status = RequestStatus.ANSWERED
        request.save(update_fields=["status"])
        audit_record(
            actor=by,
            action="advice_request.answer",
            target=request,
            region=body.region,
            changed_fields=["status"],
            label=_request_label(request),
        )
        if proposal is not None and proposal.status in BEFORE_ADVICE:
            proposal_set_status(proposal=proposal, status=ProposalStatus.ADVICE_RECEIVED, by=by)
    _notify_sent(locked, proposal)
    return locked


def _notify_sent(advice: Advice, proposal: Proposal | None) -> None:
    request = advice.request
    contact = request.contact if request is not None else None
    if contact is not None and contact.is_active and contact.email:
        recipients = [contact.email]
    else:
        recipients = selectors.officer_emails(advice)
    body = advice.body
    context = {
        "body": body,
        "subject": advice.subject,
        "solicited": advice.kind == AdviceKind.SOLICITED,
        "proposal_title": proposal.title if proposal else "",
        "sent_on": advice.sent_on,
        "due": advice.response_due,
        "path": reverse("advice:detail", kwargs={"region": body.region.slug, "body": body.slug, "pk": advice.pk}),
    }
    for to in recipients:
        queue_email(to=to, template_prefix="advice/email/sent", context=context)


# ---------------------------------------------------------------- after the response


@transaction.atomic
def follow_up_add(*, advice: Advice, by: User, text: str, today: datetime.date | None = None) -> Advice:
    """The body's one reaction to the response (naschrift). Only after a response; only once."""
    text = text.strip()
    if not text:
        raise AdviceError("empty")
    locked = Advice.objects.select_for_update(of=("self",)).select_related("body", "body__region").get(pk=advice.pk)
    if not selectors.has_response(locked):
        raise AdviceError("no_response")
    if locked.follow_up:
        raise AdviceError("follow_up_done")
    _check_public(locked.body, text)  # shown in the public register
    locked.follow_up = text
    locked.follow_up_on = today or timezone.localdate()
    locked.save(update_fields=["follow_up", "follow_up_on", "updated_at"])
    _event(locked, AdviceEvent.Kind.FOLLOW_UP, by=by, changed_fields=["follow_up"])
    audit_record(
        actor=by,
        action="advice.follow_up",
        target=locked,
        region=locked.body.region,
        changed_fields=["follow_up"],
        label=_label(locked),
    )
    return locked
