"""Writes for the policy agenda. Each is atomic and leaves history (ProposalEvent) and an audit row.

Audit labels name the object type and number ("voorstel #12"), never a person's name. Edits of a proposal are based
on the version the form was built from: a stale version is refused (core.versioning.StaleEdit), never silently
overwritten. The advice requests about a proposal are the advice app's.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from inspraak.audit.services import audit_record
from inspraak.core import documents, files, names
from inspraak.core.documents import CheckedDocument
from inspraak.core.errors import ServiceError
from inspraak.core.mail import queue_email
from inspraak.core.versioning import StaleEdit, claim_version
from inspraak.letters import notices
from inspraak.letters.models import Letter
from inspraak.members import selectors as member_selectors
from inspraak.policy import selectors
from inspraak.policy.models import Concern, Proposal, ProposalEvent, ProposalStatus, deciders_for

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
TEXT_FIELDS = ("title", "description", "no_bodies_reason")
FINAL_STATUSES = (ProposalStatus.DECIDED,)


class PolicyError(ServiceError):
    """A write that the rules refuse. ``code`` says which rule; params: ``body`` (the body it is about) and
    ``field`` (the form field the message belongs to) when known."""


# Bodies that may no longer be taken off a proposal, whoever knows them: a function (proposal, body ids) -> the ids
# of those bodies among them. The advice app adds "the bodies already asked for advice" (AdviceConfig.ready), so the
# policy agenda needs to know nothing of advice requests.
CONCERN_LOCKS: list[Callable[[Proposal, set[int]], set[int]]] = []


def _label(proposal: Proposal) -> str:
    return f"voorstel #{proposal.pk}"


def _checked(data: bytes | CheckedDocument) -> CheckedDocument:
    """Check a document (PDF, DOCX, ODT or text, at most 10 MB). Refused: PolicyError "file_empty",
    "file_too_large" or "file_type"."""
    try:
        return documents.check_upload(data)
    except documents.DocumentRefused as exc:
        raise PolicyError(f"file_{exc.code}") from exc


def _store(field_file, data: bytes | CheckedDocument) -> None:
    """Check a document and store it under a generated name. Refused: as ``_checked``, or "file_storage"."""
    checked = _checked(data)
    try:
        documents.store(field_file, checked)
    except files.StorageFailed as exc:
        raise PolicyError("file_storage") from exc


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
        proposal=proposal, kind=ProposalEvent.Kind.STATUS, by=by, from_status=previous, to_status=status, note=reason
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


def _check_decider(municipality: Municipality | None, deciding_body: str) -> None:
    """A GR proposal is decided by a GR board, a municipal one by the college or the council (PolicyError
    "decider_scope")."""
    if deciding_body not in deciders_for(municipality):
        raise PolicyError("decider_scope", field="deciding_body")


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
    _check_decider(municipality, deciding_body)
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
        locked = set().union(*(lock(proposal, set(removed)) for lock in CONCERN_LOCKS))
        if locked:
            raise PolicyError("concern_has_request", body=current[min(locked)].body)
        Concern.objects.filter(proposal=proposal, body_id__in=removed).delete()
    added = [b for pk, b in wanted.items() if pk not in current]
    Concern.objects.bulk_create([Concern(proposal=proposal, body=b, suggested=b.pk in suggested) for b in added])
    return bool(removed or added)


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The edited fields with their texts stripped; TypeError for a field that cannot be edited."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    return {name: (value or "").strip() if name in TEXT_FIELDS else value for name, value in fields.items()}


def _apply_changes(current: Proposal, fields: dict[str, Any], date_reason: str) -> list[str]:
    """Set the fields that differ on ``current`` (validated) and return their names. A moved decision date needs
    its reason (PolicyError "date_reason")."""
    changed = [name for name, value in fields.items() if getattr(current, name) != value]
    if "planned_decision_date" in changed and not date_reason:
        raise PolicyError("date_reason")
    if "deciding_body" in changed:
        _check_decider(current.municipality, fields["deciding_body"])
    for name in changed:
        setattr(current, name, fields[name])
    if changed:
        current.full_clean()
    return changed


def _record_update(
    current: Proposal, *, by: User, changed: list[str], concerns_changed: bool, old_date, date_reason: str
) -> None:
    """The history of one edit: a DATE_MOVED event (old and new date, the reason) and/or a DETAILS event with the
    other changed field names; and one audit row."""
    if "planned_decision_date" in changed:
        ProposalEvent.objects.create(
            proposal=current,
            kind=ProposalEvent.Kind.DATE_MOVED,
            by=by,
            old_date=old_date,
            new_date=current.planned_decision_date,
            note=date_reason[:500],
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
        region=current.region,
        changed_fields=[*changed, *(["concerned_bodies"] if concerns_changed else [])],
        label=_label(current),
    )


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
    """Change the details of a proposal based on ``version``; StaleEdit when someone saved in between.

    A moved decision date needs ``date_reason`` (PolicyError "date_reason") and is kept as a DATE_MOVED event with
    the old and the new date; other changes as a DETAILS event with the field names. ``bodies`` (when given) are
    the concerned bodies: a body that was asked for advice cannot be removed (PolicyError "concern_has_request")."""
    fields = _clean_fields(fields)
    current = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    current.region = proposal.region
    if current.version != version:
        raise StaleEdit(current)
    if bodies is not None:
        bodies = _check_bodies(proposal.region, proposal.municipality, bodies)
        if bodies:
            fields["no_bodies_reason"] = ""
        elif not fields.get("no_bodies_reason", current.no_bodies_reason):
            raise PolicyError("no_bodies")
    old_date = current.planned_decision_date
    date_reason = date_reason.strip()
    changed = _apply_changes(current, fields, date_reason)
    concerns_changed = bodies is not None and _set_concerns(current, bodies, set(suggested_ids))
    if not changed and not concerns_changed:
        return current
    claim_version(current, version)
    current.save(update_fields=changed)
    _record_update(
        current, by=by, changed=changed, concerns_changed=concerns_changed, old_date=old_date, date_reason=date_reason
    )
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
    no_advice_reason: str = "",
    today: datetime.date | None = None,
) -> Proposal:
    """The officer's status change, based on ``version`` (StaleEdit when stale).

    Decided needs the decision date (not in the future) and a link or a file (PDF, DOCX, ODT or text, checked on
    content); withdrawn needs a reason. A decided proposal is final.

    Deciding a proposal that concerns bodies none of which gave advice (``selectors.lacks_advice``) needs
    ``no_advice_reason`` (PolicyError "no_advice_reason"; it becomes public, so it must not name a client:
    "client_named"). The proposal is then marked decided without advice (the region's public list), and the
    concerned bodies' members (email or letter) and secretaries and facilitators are told."""
    today = today or timezone.localdate()
    current = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    current.region = proposal.region
    if current.version != version:
        raise StaleEdit(current)
    if current.status in FINAL_STATUSES:
        raise PolicyError("final")
    if status == current.status:
        raise PolicyError("same_status")
    if status not in ProposalStatus.values:
        raise PolicyError("unknown_status")
    reason = reason.strip()
    if status == ProposalStatus.WITHDRAWN and not reason:
        raise PolicyError("withdraw_reason")
    without_advice = False
    if status == ProposalStatus.DECIDED:
        if decided_on is None:
            raise PolicyError("decided_on")
        if decided_on > today:
            raise PolicyError("decided_future")
        if not decision_url and not decision_data:
            raise PolicyError("decision_link")
        if decision_data:
            decision_data = _checked(decision_data)
        without_advice = selectors.lacks_advice(current)
        no_advice_reason = no_advice_reason.strip()
        if without_advice:
            _check_no_advice_reason(current, no_advice_reason)
        current.decided_on = decided_on
        current.decision_url = decision_url
        current.decided_without_advice = without_advice
        current.no_advice_reason = no_advice_reason if without_advice else ""
        fields = ["decided_on", "decision_url", "decided_without_advice", "no_advice_reason"]
        if decision_data:
            _store(current.decision_file, decision_data)
            fields.append("decision_file")
        current.save(update_fields=fields)
    current = proposal_set_status(proposal=current, status=status, by=by, reason=reason[:500])
    if without_advice:
        _tell_decided_without_advice(current, by=by)
    return current


def _check_no_advice_reason(proposal: Proposal, reason: str) -> None:
    """The reason is required, and public: it must not name a client of a concerned body without public consent."""
    if not reason:
        raise PolicyError("no_advice_reason")
    private = []
    for concern in selectors.concerns_of(proposal):
        private += member_selectors.private_client_names(concern.body)
    found = names.fragments([reason], private)
    if found:
        raise PolicyError("client_named", field="no_advice_reason", fragments=found)


def _tell_decided_without_advice(proposal: Proposal, *, by: User) -> None:
    """Tell the concerned bodies' members (email or a letter, letters.services.notify_member) and their secretaries
    and facilitators (email) that the proposal was decided without their advice."""
    path = reverse("register:proposal", kwargs={"region": proposal.region.slug, "pk": proposal.pk})
    context = {"proposal": proposal, "region": proposal.region, "path": path}
    members, contacts = selectors.people_to_tell(proposal)
    by_body: dict[int, tuple] = {}
    for membership in members:
        by_body.setdefault(membership.body_id, (membership.body, []))[1].append(membership.user)
    for body, people in by_body.values():
        notices.tell_members(
            body=body,
            people=people,
            kind=Letter.Kind.OTHER,
            template_prefix="policy/email/decided_without_advice",
            context=context,
            path=path,
            purpose="decided_without_advice",
            object_id=proposal.pk,
            by=by,
        )
    for person, body in contacts:
        queue_email(
            to=person.email,
            template_prefix="policy/email/decided_without_advice_staff",
            context={**context, "body": body, "person": person},
            purpose="decided_without_advice",
            object_id=proposal.pk,
            region=proposal.region_id,
        )
