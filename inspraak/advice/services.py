"""Writes of the advice conversation. The officer asks bodies for advice (with draft documents) and records the
response; the body declines a request, drafts, adopts and sends advice, comments, adds the PDF and reacts once to
the response. Each is atomic, appends history (AdviceEvent) and leaves an audit row whose label names the object
type and number, never a person.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import Role
from inspraak.advice import selectors
from inspraak.advice.models import (
    AdoptedHow,
    Advice,
    AdviceComment,
    AdviceEvent,
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    Recommendation,
    RecommendationResponse,
    RequestDocument,
    RequestStatus,
    Response,
    Verdict,
)
from inspraak.audit.services import audit_record
from inspraak.core import documents, files, names
from inspraak.core.documents import PDF, CheckedDocument
from inspraak.core.errors import ServiceError
from inspraak.core.links import absolute_url
from inspraak.core.mail import queue_email
from inspraak.core.versioning import StaleEdit
from inspraak.letters import notices
from inspraak.letters.models import Letter
from inspraak.letters.notices import Told
from inspraak.meetings import selectors as meeting_selectors
from inspraak.members import selectors as member_selectors
from inspraak.policy import rules
from inspraak.policy.models import Concern, Proposal, ProposalStatus
from inspraak.policy.services import proposal_set_status

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body

ATTACHMENT_KINDS = (PDF,)  # the advice as a PDF: no other kind
# A proposal moves to "advies ontvangen" only from these statuses (never back from decided or withdrawn).
BEFORE_ADVICE = (ProposalStatus.PREPARING, ProposalStatus.ADVICE_REQUESTED)


class AdviceError(ServiceError):
    """A step that the current state does not allow. ``code`` says which; views turn it into a Dutch message.
    Params when known: ``body`` (the body it is about), ``field`` (the form field), ``fragments`` ("client_named":
    the words that name a client, as written)."""


def _check_public(body: Body, *texts: str) -> None:
    """A text that becomes public must not name a client without public consent (inspraak.core.names)."""
    found = names.fragments(texts, member_selectors.private_client_names(body))
    if found:
        raise AdviceError("client_named", fragments=found)


def _check_advice_public(advice: Advice) -> None:
    found = selectors.names_in_public_text(advice)
    if found:
        raise AdviceError("client_named", fragments=found)


def advice_label(advice: Advice) -> str:
    return f"advies #{advice.pk} – {advice.body.name}"


def request_label(request: AdviceRequest) -> str:
    return f"adviesaanvraag #{request.pk} – {request.body.name}"


def _audit_fields(changed: list[str]) -> list[str]:
    """Names for the audit row: the recommendations are rows, not a field of the advice (the audit page looks the
    names up on the model and must not find the reverse relation)."""
    return ["recommendation" if name == "recommendations" else name for name in changed]


def _event(advice: Advice, kind: str, *, by: User | None, **extra) -> AdviceEvent:
    return AdviceEvent.objects.create(advice=advice, kind=kind, by=by, **extra)


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
        label=request_label(request),
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
                "path": reverse("advice:proposal", kwargs={"region": body.region.slug, "pk": request.proposal_id}),
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
        label=advice_label(advice),
    )
    advice.told = _notify_draft(advice, by=by)
    return advice


def _notify_draft(advice: Advice, *, by: User) -> Told:
    """The draft is open for the members' comments: each member gets an email with a link, or a letter with the
    draft and how to react by phone. Once, when the draft is made (later saves tell nobody)."""
    body = advice.body
    request = advice.request
    path = reverse("advice:detail", kwargs={"region": body.region.slug, "body": body.slug, "pk": advice.pk})
    return notices.tell_members(
        body=body,
        people=[p for p in meeting_selectors.body_people(body, roles=[Role.MEMBER]) if p.pk != by.pk],
        kind=Letter.Kind.ADVICE_DRAFT,
        template_prefix="advice/email/draft_open",
        context={
            "advice": advice,
            "recommendations": list(Recommendation.objects.filter(advice=advice).order_by("number")),
            "deadline": request.deadline if request is not None else None,
            "url": absolute_url(path),
        },
        path=path,
        object_id=advice.pk,
        by=by,
    )


@transaction.atomic
def advice_update(
    *, advice: Advice, by: User, version: int, subject: str, text: str, recommendations: list[str]
) -> Advice:
    """Save the draft, based on ``version``. When someone else saved it since, StaleEdit: nothing is written.
    The event and the audit row name the changed fields, never their values."""
    subject, text = subject.strip(), text.strip()
    if not subject:
        raise AdviceError("subject")
    recommendations = _clean_recommendations(recommendations)
    locked = Advice.objects.select_for_update(of=("self",)).get(pk=advice.pk)
    if locked.status != AdviceStatus.DRAFT:
        raise AdviceError("not_draft")
    if locked.version != version:
        raise StaleEdit(locked)
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
        raise StaleEdit(locked)
    locked.refresh_from_db()
    _event(locked, AdviceEvent.Kind.EDITED, by=by, changed_fields=changed)
    audit_record(
        actor=by,
        action="advice.update",
        target=locked,
        region=locked.body.region,
        changed_fields=_audit_fields(changed),
        label=advice_label(locked),
    )
    return locked


@transaction.atomic
def advice_attach(*, advice: Advice, by: User, data: bytes | CheckedDocument) -> Advice:
    """Store (or replace) the PDF of an advice that is not sent yet, under a generated name."""
    try:
        checked = documents.check_upload(data, allowed=ATTACHMENT_KINDS)
    except documents.DocumentRefused as exc:
        raise AdviceError({"type": "not_pdf"}.get(exc.code, exc.code)) from exc
    locked = Advice.objects.select_for_update(of=("self",)).get(pk=advice.pk)
    if locked.status == AdviceStatus.SENT:
        raise AdviceError("sent")
    old = locked.attachment.name if locked.attachment else ""
    try:
        documents.store(locked.attachment, checked)
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
        label=advice_label(locked),
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
    audit_record(
        actor=by, action="advice.comment", target=comment, region=advice.body.region, label=advice_label(advice)
    )
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
        label=advice_label(locked),
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
        label=advice_label(locked),
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
            label=request_label(request),
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
        label=advice_label(locked),
    )
    return locked


# ================================================================ the policy officer's side
# ---------------------------------------------------------------- advice requests


def _checked_document(data: bytes | CheckedDocument) -> CheckedDocument:
    """A draft document: PDF, DOCX, ODT or text, at most 10 MB (AdviceError "file_empty", "file_too_large",
    "file_type")."""
    try:
        return documents.check_upload(data)
    except documents.DocumentRefused as exc:
        raise AdviceError(f"file_{exc.code}") from exc


def _attach_document(advice_request: AdviceRequest, title: str, checked: CheckedDocument, by: User) -> RequestDocument:
    """Store a checked document of a request under a generated name and save its row (AdviceError "file_storage")."""
    document = RequestDocument(
        request=advice_request,
        title=title.strip()[:200] or "Stuk",
        content_type=checked.kind.content_type,
        size=len(checked.data),
        uploaded_by=by,
    )
    try:
        documents.store(document.file, checked)
    except files.StorageFailed as exc:
        raise AdviceError("file_storage") from exc
    try:
        document.save()
    except Exception:
        files.delete(document.file.storage, document.file.name)
        raise
    return document


def _notify_request(advice_request: AdviceRequest) -> None:
    body = advice_request.body
    path = reverse(
        "advice:request_detail", kwargs={"region": body.region.slug, "body": body.slug, "pk": advice_request.pk}
    )
    context = {
        "body": body,
        "proposal_title": advice_request.proposal.title,
        "deadline": advice_request.deadline,
        "path": path,
        "documents": advice_request.documents_count,
    }
    for person in selectors.body_contacts(body):
        queue_email(to=person.email, template_prefix="advice/email/request_new", context=context)


def _check_request_dates(
    proposal: Proposal, *, requested_on: datetime.date, deadline: datetime.date | None, today: datetime.date
) -> None:
    """The request date is not in the future nor after the decision; a given deadline is neither past nor before
    the request date."""
    if requested_on > today:
        raise AdviceError("requested_future")
    if rules.decision_date(proposal.planned_decision_date, proposal.decided_on) < requested_on:
        raise AdviceError("decision_before_request")
    if deadline is not None and deadline < today:
        raise AdviceError("deadline_past")
    if deadline is not None and deadline < requested_on:
        raise AdviceError("deadline_before_request")


def _check_askable(proposal: Proposal, bodies: list[Body]) -> None:
    """Every body is concerned by the proposal and has no open request about it yet."""
    concerned = set(Concern.objects.filter(proposal=proposal).values_list("body_id", flat=True))
    asked = asked_body_ids(proposal, {body.pk for body in bodies})
    for body in bodies:
        if body.pk not in concerned:
            raise AdviceError("not_concerned", body=body)
        if body.pk in asked:
            raise AdviceError("duplicate", body=body)


def asked_body_ids(proposal: Proposal, body_ids: set[int]) -> set[int]:
    """Which of ``body_ids`` have a request about ``proposal`` that was not withdrawn (those stay concerned: the
    policy app asks this through ``policy.services.CONCERN_LOCKS``). 1 query."""
    return set(
        AdviceRequest.objects.filter(proposal=proposal, body_id__in=body_ids)
        .exclude(status=RequestStatus.WITHDRAWN)
        .values_list("body_id", flat=True)
    )


def body_moved(body: Body) -> None:
    """The body's municipality changed (``regions.services.BODY_MOVED``, same transaction): its advice that has no
    proposal (directly or through a request) applies where the body now is. 1 query."""
    Advice.objects.filter(body=body, proposal__isnull=True, request__isnull=True).update(
        municipality=body.municipality_id
    )


def _ask_body(
    proposal: Proposal,
    body: Body,
    *,
    questions: str,
    by: User,
    requested_on: datetime.date,
    deadline: datetime.date | None,
    today: datetime.date,
) -> AdviceRequest:
    """Save the request to one body; without a deadline, the request date plus the body's advice period."""
    body_deadline = deadline or rules.default_deadline(requested_on, body.advice_period_weeks)
    if body_deadline < today:
        raise AdviceError("deadline_past", body=body)
    advice_request = AdviceRequest(
        proposal=proposal,
        body=body,
        questions=questions,
        contact=by,
        requested_on=requested_on,
        deadline=body_deadline,
        created_by=by,
    )
    try:
        with transaction.atomic():
            advice_request.save()
    except IntegrityError as exc:
        raise AdviceError("duplicate", body=body) from exc
    return advice_request


@transaction.atomic
def request_create(
    *,
    proposal: Proposal,
    bodies: Iterable[Body],
    questions: str,
    by: User,
    requested_on: datetime.date | None = None,
    deadline: datetime.date | None = None,
    documents: Iterable[tuple[str, bytes | CheckedDocument]] = (),
    today: datetime.date | None = None,
) -> list[AdviceRequest]:
    """Ask one or more concerned bodies for advice on ``proposal``; the contact is the officer who asks.

    The deadline defaults per body to the request date plus its advice period. Refused (AdviceError): a proposal
    that is decided or withdrawn ("closed"), no body ("no_body"), a body not concerned ("not_concerned"), an open
    request to the same body ("duplicate"), a decision date before the request date ("decision_before_request"),
    a deadline in the past ("deadline_past") or before the request date ("deadline_before_request"), a document
    that is not allowed. The first request moves the proposal to 'advies gevraagd'. The body's secretary and
    facilitator get an email."""
    today = today or timezone.localdate()
    requested_on = requested_on or today
    region = proposal.region
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)  # the current status and dates
    proposal.region = region
    if proposal.status in (ProposalStatus.DECIDED, ProposalStatus.WITHDRAWN):
        raise AdviceError("closed")
    bodies = list(bodies)
    if not bodies:
        raise AdviceError("no_body")
    questions = questions.strip()
    if not questions:
        raise AdviceError("no_questions")
    _check_request_dates(proposal, requested_on=requested_on, deadline=deadline, today=today)
    _check_askable(proposal, bodies)
    checked = [(title, _checked_document(data)) for title, data in documents]
    created: list[AdviceRequest] = []
    stored: list[RequestDocument] = []
    try:
        for body in bodies:
            advice_request = _ask_body(
                proposal, body, questions=questions, by=by, requested_on=requested_on, deadline=deadline, today=today
            )
            stored += [_attach_document(advice_request, title, document, by) for title, document in checked]
            advice_request.documents_count = len(checked)
            audit_record(
                actor=by,
                action="advice_request.create",
                target=advice_request,
                region=region,
                label=request_label(advice_request),
            )
            created.append(advice_request)
    except Exception:  # nothing is saved: remove the files stored so far
        for document in stored:
            files.delete(document.file.storage, document.file.name)
        raise
    if proposal.status == ProposalStatus.PREPARING:
        proposal_set_status(proposal=proposal, status=ProposalStatus.ADVICE_REQUESTED, by=by)
    for advice_request in created:
        _notify_request(advice_request)
    return created


@transaction.atomic
def request_document_add(
    *, advice_request: AdviceRequest, title: str, data: bytes | CheckedDocument, by: User
) -> RequestDocument:
    """Add a draft document to an open request (checked on content, at most 10 MB, stored under a generated
    name)."""
    if advice_request.status != RequestStatus.OPEN:
        raise AdviceError("request_closed")
    document = _attach_document(advice_request, title, _checked_document(data), by)
    audit_record(
        actor=by,
        action="request_document.add",
        target=document,
        region=advice_request.proposal.region,
        label=f"stuk #{document.pk} – {request_label(advice_request)}",
    )
    return document


# ---------------------------------------------------------------- responses


def _verdict_rows(advice: Advice, verdicts: dict[int, tuple[str, str]]) -> list[tuple[Recommendation, str, str]]:
    """(recommendation, verdict, reason) for every recommendation: a verdict for each ("verdict_missing"), a reason
    for each verdict other than adopted ("reason_missing")."""
    rows = []
    for recommendation in advice.recommendations.order_by("number", "pk"):
        verdict, reason = verdicts.get(recommendation.pk, ("", ""))
        if verdict not in Verdict.values:
            raise AdviceError("verdict_missing")
        reason = (reason or "").strip()
        if verdict != Verdict.ADOPTED and not reason:
            raise AdviceError("reason_missing")
        rows.append((recommendation, verdict, reason))
    return rows


def _check_response_public(advice: Advice, summary: str, rows) -> None:
    """The response and its reasons are public in the advice register: no client named without consent."""
    private_names = member_selectors.private_client_names(advice.body)
    for field, text in [("summary", summary), *((f"reason_{rec.pk}", reason) for rec, _v, reason in rows)]:
        found = names.fragments([text], private_names)
        if found:
            raise AdviceError("client_named", field=field, fragments=found)


def _notify_response(advice: Advice, responded_on: datetime.date, rows) -> int:
    """Tell the body's secretaries that the response is there, with how many recommendations were adopted.
    Returns how many were told (0 when the body has no secretary with an email address)."""
    body = advice.body
    context = {
        "body": body,
        "subject": advice.subject,
        "responded_on": responded_on,
        "counts": {v: sum(1 for _r, verdict, _s in rows if verdict == v) for v in Verdict.values},
        "path": reverse("advice:detail", kwargs={"region": body.region.slug, "body": body.slug, "pk": advice.pk}),
    }
    secretaries = selectors.body_contacts(body, roles=(Role.SECRETARY,))
    for person in secretaries:
        queue_email(to=person.email, template_prefix="advice/email/response_recorded", context=context)
    return len(secretaries)


@transaction.atomic
def response_record(
    *,
    advice: Advice,
    by: User,
    responded_on: datetime.date,
    verdicts: dict[int, tuple[str, str]],
    mentioned_in_decision: bool = False,
    sent_to_council: bool = False,
    summary: str = "",
    today: datetime.date | None = None,
) -> Response:
    """Record the response of the college or GR board to a sent advice, with a verdict per recommendation
    (``verdicts``: recommendation id -> (verdict, reason)). Refused (AdviceError): advice that was never sent
    ("not_sent"), a second response ("already"), a missing verdict ("verdict_missing"), no reason for a verdict
    other than adopted ("reason_missing"), a date in the future or before the advice was sent. Appends an
    AdviceEvent RESPONSE and tells the body's secretary: ``response.told_secretaries`` says how many (0: nobody could
    be told)."""
    today = today or timezone.localdate()
    advice = Advice.objects.select_for_update(of=("self",)).select_related("body", "body__region").get(pk=advice.pk)
    if advice.status != AdviceStatus.SENT:
        raise AdviceError("not_sent")
    if Response.objects.filter(advice=advice).exists():
        raise AdviceError("already")
    if responded_on > today:
        raise AdviceError("responded_future")
    if advice.sent_on and responded_on < advice.sent_on:
        raise AdviceError("responded_before_sent")
    rows = _verdict_rows(advice, verdicts)
    _check_response_public(advice, summary, rows)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                advice=advice,
                responded_on=responded_on,
                mentioned_in_decision=mentioned_in_decision,
                sent_to_council=sent_to_council,
                summary=summary.strip(),
                recorded_by=by,
            )
    except IntegrityError as exc:
        raise AdviceError("already") from exc
    RecommendationResponse.objects.bulk_create(
        [
            RecommendationResponse(response=response, recommendation=rec, verdict=verdict, reason=reason)
            for rec, verdict, reason in rows
        ]
    )
    _event(advice, AdviceEvent.Kind.RESPONSE, by=by)
    audit_record(
        actor=by,
        action="advice.response",
        target=response,
        region=advice.body.region,
        label=f"reactie op advies #{advice.pk} – {advice.body.name}",
    )
    response.told_secretaries = _notify_response(advice, responded_on, rows)
    return response
