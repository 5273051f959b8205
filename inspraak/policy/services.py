"""Writes for the policy agenda, advice requests and responses. Each is atomic and leaves history and an audit row.

Audit labels name the object type and number ("voorstel #12", "adviesaanvraag #3 – Cliëntenpanel"), never a
person's name. Edits of a proposal are based on the version the form was built from: a stale version is refused
(StaleError), never silently overwritten.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import Role
from inspraak.advice.models import Advice, AdviceEvent, AdviceStatus, RecommendationResponse, Response, Verdict
from inspraak.agenda.rules import MAX_DOCUMENT_BYTES, CheckedDocument, check_document
from inspraak.audit.services import audit_record
from inspraak.core import files, names
from inspraak.core.mail import queue_email
from inspraak.members import selectors as member_selectors
from inspraak.policy import rules, selectors
from inspraak.policy.models import (
    AdviceRequest,
    Concern,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    RequestDocument,
    RequestStatus,
)

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body, Municipality, Region

EDITABLE_FIELDS = (
    "title",
    "description",
    "kind",
    "owner",
    "deciding_body",
    "planned_decision_date",
    "no_bodies_reason",
)
FINAL_STATUSES = (ProposalStatus.DECIDED,)


class PolicyError(ValueError):
    """A write that the rules refuse. ``code`` says which rule; ``body`` names the body it is about, if any."""

    def __init__(
        self, code: str, *, body: Body | None = None, field: str | None = None, fragments: list[str] | None = None
    ):
        super().__init__(code)
        self.code = code
        self.body = body
        self.field = field  # the form field the error belongs to, when the service knows it
        self.fragments = fragments or []  # "client_named": the words that name a client, as written


class StaleError(Exception):
    """Someone else saved the proposal after the form was opened: nothing was changed."""


def _label(proposal: Proposal) -> str:
    return f"voorstel #{proposal.pk}"


def _request_label(advice_request: AdviceRequest) -> str:
    return f"adviesaanvraag #{advice_request.pk} – {advice_request.body.name}"


def _store(field_file, document: CheckedDocument) -> None:
    """Save the document under a generated name (never the uploaded one). A storage that refuses: "file_storage"."""
    try:
        files.save(field_file, f"{uuid.uuid4().hex}.{document.kind.extension}", document.data)
    except files.StorageFailed as exc:
        raise PolicyError("file_storage") from exc


def _check_document(data: bytes | CheckedDocument) -> CheckedDocument:
    """A form's CheckedDocument as it is (checked once, in the form); plain bytes are checked here."""
    raw = data.data if isinstance(data, CheckedDocument) else data
    if not raw:
        raise PolicyError("file_empty")
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise PolicyError("file_too_large")
    checked = check_document(data)
    if checked is None:
        raise PolicyError("file_type")
    return checked


# ---------------------------------------------------------------- proposals


@transaction.atomic
def proposal_set_status(*, proposal: Proposal, status: str, by: User | None, reason: str = "") -> Proposal:
    """Move a proposal to ``status`` (appended as history). No-op when it already has that status."""
    if proposal.status == status:
        return proposal
    previous = proposal.status
    proposal.status = status
    proposal.version += 1
    proposal.save(update_fields=["status", "version"])
    ProposalEvent.objects.create(
        proposal=proposal, kind=ProposalEvent.Kind.STATUS, by=by, from_status=previous, to_status=status, reason=reason
    )
    audit_record(actor=by, action="proposal.status", target=proposal, region=proposal.region, label=_label(proposal))
    return proposal


def _check_bodies(region: Region, municipality: Municipality | None, bodies: Iterable[Body]) -> list[Body]:
    allowed = {b.pk for b in selectors.candidate_bodies(region, municipality)}
    bodies = list(bodies)
    for body in bodies:
        if body.pk not in allowed:
            raise PolicyError("body_out_of_scope", body=body)
    return bodies


@transaction.atomic
def proposal_create(
    *,
    region: Region,
    municipality: Municipality | None,
    by: User,
    title: str,
    description: str,
    kind: str,
    owner: User | None,
    deciding_body: str,
    planned_decision_date: datetime.date,
    bodies: Iterable[Body] = (),
    suggested_ids: Iterable[int] = (),
    no_bodies_reason: str = "",
) -> Proposal:
    """Register a proposal for ``municipality`` (None: for the GR) with the bodies it concerns. Without a body the
    officer must say why (PolicyError "no_bodies")."""
    if municipality is not None and municipality.region_id != region.pk:
        raise PolicyError("municipality_out_of_region")
    bodies = _check_bodies(region, municipality, bodies)
    no_bodies_reason = no_bodies_reason.strip()
    if not bodies and not no_bodies_reason:
        raise PolicyError("no_bodies")
    if bodies:
        no_bodies_reason = ""
    proposal = Proposal(
        region=region,
        municipality=municipality,
        title=title.strip(),
        description=description.strip(),
        kind=kind,
        owner=owner,
        deciding_body=deciding_body,
        planned_decision_date=planned_decision_date,
        no_bodies_reason=no_bodies_reason,
        created_by=by,
    )
    proposal.full_clean()
    proposal.save()
    suggested = set(suggested_ids)
    Concern.objects.bulk_create(
        [Concern(proposal=proposal, body=body, suggested=body.pk in suggested) for body in bodies]
    )
    ProposalEvent.objects.create(proposal=proposal, kind=ProposalEvent.Kind.CREATED, by=by, to_status=proposal.status)
    audit_record(
        actor=by,
        action="proposal.create",
        target=proposal,
        region=region,
        changed_fields=[*EDITABLE_FIELDS, "concerned_bodies"],
        label=_label(proposal),
    )
    return proposal


def _set_concerns(proposal: Proposal, bodies: list[Body], suggested: set[int]) -> bool:
    current = {c.body_id: c for c in Concern.objects.filter(proposal=proposal).select_related("body")}
    wanted = {b.pk: b for b in bodies}
    removed = [pk for pk in current if pk not in wanted]
    if removed:
        asked = set(
            AdviceRequest.objects.filter(proposal=proposal, body_id__in=removed)
            .exclude(status=RequestStatus.WITHDRAWN)
            .values_list("body_id", flat=True)
        )
        if asked:
            raise PolicyError("concern_has_request", body=current[min(asked)].body)
        Concern.objects.filter(proposal=proposal, body_id__in=removed).delete()
    added = [b for pk, b in wanted.items() if pk not in current]
    Concern.objects.bulk_create([Concern(proposal=proposal, body=b, suggested=b.pk in suggested) for b in added])
    return bool(removed or added)


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    by: User,
    version: int,
    bodies: Iterable[Body] | None = None,
    suggested_ids: Iterable[int] = (),
    date_reason: str = "",
    **fields: Any,
) -> Proposal:
    """Change the details of a proposal based on ``version``; StaleError when someone saved in between.

    A moved decision date needs ``date_reason`` (PolicyError "date_reason") and is kept as a DATE_MOVED event with
    the old and the new date; other changes as a DETAILS event with the field names. ``bodies`` (when given) are
    the concerned bodies: a body that was asked for advice cannot be removed (PolicyError "concern_has_request")."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    current = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if current.version != version:
        raise StaleError
    for text in ("title", "description", "no_bodies_reason"):
        if text in fields:
            fields[text] = (fields[text] or "").strip()
    if bodies is not None:
        bodies = _check_bodies(proposal.region, proposal.municipality, bodies)
        if bodies:
            fields["no_bodies_reason"] = ""
        elif not fields.get("no_bodies_reason", current.no_bodies_reason):
            raise PolicyError("no_bodies")
    changed = [name for name, value in fields.items() if getattr(current, name) != value]
    old_date = current.planned_decision_date
    date_reason = date_reason.strip()
    date_moved = "planned_decision_date" in changed
    if date_moved and not date_reason:
        raise PolicyError("date_reason")
    for name in changed:
        setattr(current, name, fields[name])
    if changed:
        current.full_clean()
    concerns_changed = bodies is not None and _set_concerns(current, bodies, set(suggested_ids))
    if not changed and not concerns_changed:
        return current
    values = {name: getattr(current, name) for name in changed}
    updated = Proposal.objects.filter(pk=current.pk, version=version).update(**values, version=F("version") + 1)
    if not updated:  # pragma: no cover - guarded by the row lock above
        raise StaleError
    current.version = version + 1
    if date_moved:
        ProposalEvent.objects.create(
            proposal=current,
            kind=ProposalEvent.Kind.DATE_MOVED,
            by=by,
            old_date=old_date,
            new_date=current.planned_decision_date,
            reason=date_reason[:500],
        )
    details = [name for name in changed if name != "planned_decision_date"]
    if concerns_changed:
        details.append("concerned_bodies")
    if details:
        ProposalEvent.objects.create(proposal=current, kind=ProposalEvent.Kind.DETAILS, by=by, changed_fields=details)
    audit_record(
        actor=by,
        action="proposal.update",
        target=current,
        region=proposal.region,
        changed_fields=[*changed, *(["concerned_bodies"] if concerns_changed else [])],
        label=_label(current),
    )
    current.region = proposal.region
    return current


@transaction.atomic
def proposal_change_status(
    *,
    proposal: Proposal,
    status: str,
    by: User,
    version: int,
    reason: str = "",
    decided_on: datetime.date | None = None,
    decision_url: str = "",
    decision_data: bytes | CheckedDocument | None = None,
    today: datetime.date | None = None,
) -> Proposal:
    """The officer's status change, based on ``version`` (StaleError when stale).

    Decided needs the decision date (not in the future) and a link or a file (PDF, DOCX, ODT or text, checked on
    content); withdrawn needs a reason. A decided proposal is final."""
    today = today or timezone.localdate()
    current = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    current.region = proposal.region
    if current.version != version:
        raise StaleError
    if current.status in FINAL_STATUSES:
        raise PolicyError("final")
    if status == current.status:
        raise PolicyError("same_status")
    if status not in ProposalStatus.values:
        raise PolicyError("unknown_status")
    reason = reason.strip()
    if status == ProposalStatus.WITHDRAWN and not reason:
        raise PolicyError("withdraw_reason")
    if status == ProposalStatus.DECIDED:
        if decided_on is None:
            raise PolicyError("decided_on")
        if decided_on > today:
            raise PolicyError("decided_future")
        if not decision_url and not decision_data:
            raise PolicyError("decision_link")
        current.decided_on = decided_on
        current.decision_url = decision_url
        fields = ["decided_on", "decision_url"]
        if decision_data:
            _store(current.decision_file, _check_document(decision_data))
            fields.append("decision_file")
        current.save(update_fields=fields)
    return proposal_set_status(proposal=current, status=status, by=by, reason=reason[:500])


# ---------------------------------------------------------------- advice requests


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
        queue_email(to=person.email, template_prefix="policy/email/request_new", context=context)


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

    The deadline defaults per body to the request date plus its advice period. Refused (PolicyError): a proposal
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
        raise PolicyError("closed")
    bodies = list(bodies)
    if not bodies:
        raise PolicyError("no_body")
    questions = questions.strip()
    if not questions:
        raise PolicyError("no_questions")
    if requested_on > today:
        raise PolicyError("requested_future")
    if rules.decision_date(proposal.planned_decision_date, proposal.decided_on) < requested_on:
        raise PolicyError("decision_before_request")
    if deadline is not None and deadline < today:
        raise PolicyError("deadline_past")
    if deadline is not None and deadline < requested_on:
        raise PolicyError("deadline_before_request")
    concerned = set(Concern.objects.filter(proposal=proposal).values_list("body_id", flat=True))
    existing = set(
        AdviceRequest.objects.filter(proposal=proposal, body__in=bodies)
        .exclude(status=RequestStatus.WITHDRAWN)
        .values_list("body_id", flat=True)
    )
    for body in bodies:
        if body.pk not in concerned:
            raise PolicyError("not_concerned", body=body)
        if body.pk in existing:
            raise PolicyError("duplicate", body=body)
    checked = [(title.strip()[:200] or "Stuk", _check_document(data)) for title, data in documents]
    created: list[AdviceRequest] = []
    stored: list[str] = []
    try:
        for body in bodies:
            body_deadline = deadline or rules.default_deadline(requested_on, body.advice_period_weeks)
            if body_deadline < today:
                raise PolicyError("deadline_past", body=body)
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
                raise PolicyError("duplicate", body=body) from exc
            for title, checked_file in checked:
                document = RequestDocument(
                    request=advice_request,
                    title=title,
                    content_type=checked_file.kind.content_type,
                    size=len(checked_file.data),
                    uploaded_by=by,
                )
                _store(document.file, checked_file)
                stored.append(document.file.name)
                document.save()
            advice_request.documents_count = len(checked)
            audit_record(
                actor=by,
                action="advice_request.create",
                target=advice_request,
                region=proposal.region,
                label=_request_label(advice_request),
            )
            created.append(advice_request)
    except Exception:
        storage = RequestDocument._meta.get_field("file").storage
        for name in stored:
            files.delete(storage, name)
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
        raise PolicyError("request_closed")
    checked = _check_document(data)
    document = RequestDocument(
        request=advice_request,
        title=title.strip()[:200] or "Stuk",
        content_type=checked.kind.content_type,
        size=len(checked.data),
        uploaded_by=by,
    )
    _store(document.file, checked)
    try:
        document.save()
    except Exception:
        files.delete(document.file.storage, document.file.name)
        raise
    audit_record(
        actor=by,
        action="request_document.add",
        target=document,
        region=advice_request.proposal.region,
        label=f"stuk #{document.pk} – {_request_label(advice_request)}",
    )
    return document


# ---------------------------------------------------------------- responses


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
    (``verdicts``: recommendation id -> (verdict, reason)). Refused (PolicyError): advice that was never sent
    ("not_sent"), a second response ("already"), a missing verdict ("verdict_missing"), no reason for a verdict
    other than adopted ("reason_missing"), a date in the future or before the advice was sent. Appends an
    AdviceEvent RESPONSE and tells the body's secretary."""
    today = today or timezone.localdate()
    advice = Advice.objects.select_for_update(of=("self",)).select_related("body", "body__region").get(pk=advice.pk)
    if advice.status != AdviceStatus.SENT:
        raise PolicyError("not_sent")
    if Response.objects.filter(advice=advice).exists():
        raise PolicyError("already")
    if responded_on > today:
        raise PolicyError("responded_future")
    if advice.sent_on and responded_on < advice.sent_on:
        raise PolicyError("responded_before_sent")
    recommendations = list(advice.recommendations.order_by("number", "pk"))
    rows = []
    for recommendation in recommendations:
        verdict, reason = verdicts.get(recommendation.pk, ("", ""))
        if verdict not in Verdict.values:
            raise PolicyError("verdict_missing")
        reason = (reason or "").strip()
        if verdict != Verdict.ADOPTED and not reason:
            raise PolicyError("reason_missing")
        rows.append((recommendation, verdict, reason))
    # The response and its reasons are public in the advice register: no client named without consent.
    private_names = member_selectors.private_client_names(advice.body)
    for field, text in [("summary", summary), *((f"reason_{rec.pk}", reason) for rec, _v, reason in rows)]:
        found = names.fragments([text], private_names)
        if found:
            raise PolicyError("client_named", field=field, fragments=found)
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
        raise PolicyError("already") from exc
    RecommendationResponse.objects.bulk_create(
        [
            RecommendationResponse(response=response, recommendation=rec, verdict=verdict, reason=reason)
            for rec, verdict, reason in rows
        ]
    )
    AdviceEvent.objects.create(advice=advice, kind=AdviceEvent.Kind.RESPONSE, by=by)
    audit_record(
        actor=by,
        action="advice.response",
        target=response,
        region=advice.body.region,
        label=f"reactie op advies #{advice.pk} – {advice.body.name}",
    )
    body = advice.body
    context = {
        "body": body,
        "subject": advice.subject,
        "responded_on": responded_on,
        "counts": {v: sum(1 for _r, verdict, _s in rows if verdict == v) for v in Verdict.values},
        "path": reverse("advice:detail", kwargs={"region": body.region.slug, "body": body.slug, "pk": advice.pk}),
    }
    for person in selectors.body_contacts(body, roles=(Role.SECRETARY,)):
        queue_email(to=person.email, template_prefix="policy/email/response_recorded", context=context)
    return response
