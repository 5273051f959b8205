"""Writes for memberships. Each is atomic, appends history and an audit row, and keeps the access role in step."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.accounts.roles import forget_roles
from inspraak.accounts.services import (
    account_for_email,
    login_codes_revoke,
    login_codes_revoke_for_new_role,
    person_create,
)
from inspraak.audit.services import audit_record
from inspraak.core.errors import ServiceError
from inspraak.core.links import absolute_url
from inspraak.core.sms import mobile_e164
from inspraak.core.versioning import claim_version
from inspraak.members import rules
from inspraak.members.models import BodyRole, ConsentRecord, Membership, MembershipEvent, Status

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body

# The site role a body role gives while the membership is active.
ACCESS_ROLE = {
    BodyRole.MEMBER: Role.MEMBER,
    BodyRole.CHAIR: Role.MEMBER,
    BodyRole.ADVISER: Role.MEMBER,
    BodyRole.SECRETARY: Role.SECRETARY,
    BodyRole.FACILITATOR: Role.FACILITATOR,
}

DETAIL_FIELDS = (
    "body_role",
    "category",
    "municipality",
    "term_start",
    "term_end",
    "contact_email",
    "contact_phone",
    "contact_address",
    "under_27",
    "under_27_until",
    "needs_large_print",
    "needs_interpreter",
    "needs_childcare",
    "needs_accessible_venue",
    "needs_other",
)
# The membership field that holds the current answer of each kind of consent.
CONSENT_FIELDS = {
    ConsentRecord.Kind.NAMED_TO_MEMBERS: "consent_named_to_members",
    ConsentRecord.Kind.NAMED_PUBLICLY: "consent_named_publicly",
    ConsentRecord.Kind.SMS: "sms_consent",
}
# Set only when the membership is made as an invitation (member_invite); not changed afterwards.
INVITATION_FIELDS = ("invited_status", "invited_name", "invited_new_account")


class MembersError(ServiceError):
    """A membership step that does not fit. Codes:

    - ``duplicate``: the person already has an open (invited, candidate or active) membership of this body;
    - ``ended``: a new membership cannot be ended, an ended one cannot be ended again;
    - ``no_invited_status``: an invitation needs the status the person gets on saying yes;
    - ``not_candidate``: only a candidate can be activated;
    - ``not_active``: only an active membership can be renewed;
    - ``no_terms_left``: the body's number of terms is reached;
    - ``not_invited``: not an open invitation (of this person);
    - ``invitation_expired``: nobody answered the invitation in time;
    - ``no_mobile``: SMS reminders need a Dutch mobile number (06…) as the membership's phone number.
    """


def _label(membership: Membership) -> str:
    # Never a name: the audit log is read by beheerders of the region, and kept after erasure.
    return f"{membership.get_body_role_display()} – {membership.body.name}"


def _sync_access(membership: Membership, *, by: User | None, body_role: str | None = None) -> None:
    """Keep the site role of ``body_role`` (default: the membership's) in step with the person's open memberships.

    The role is granted while an active membership of the body needs it and taken away when none does. Roles
    that no membership maps to (given by a beheerder for another reason) are left alone.
    """
    role = ACCESS_ROLE[body_role or membership.body_role]
    body = membership.body
    active_roles = Membership.objects.filter(body=body, user=membership.user, status=Status.ACTIVE).values_list(
        "body_role", flat=True
    )
    needed = role in {ACCESS_ROLE[r] for r in active_roles}
    assignment = RoleAssignment.objects.filter(body=body, user=membership.user, role=role).first()
    if needed and assignment is None:
        login_codes_revoke_for_new_role(person=membership.user, role=role, region=body.region, by=by)
        assignment = RoleAssignment.objects.create(user=membership.user, role=role, region=body.region, body=body)
        audit_record(actor=by, action="role.grant", target=assignment, region=body.region, label=_label(membership))
    elif not needed and assignment is not None:
        pk = assignment.pk
        assignment.delete()
        assignment.pk = pk
        audit_record(actor=by, action="role.revoke", target=assignment, region=body.region, label=_label(membership))
    forget_roles(membership.user)


def _event(membership: Membership, kind: str, *, by: User | None, **extra: Any) -> MembershipEvent:
    return MembershipEvent.objects.create(membership=membership, kind=kind, by=by, **extra)


def _consent(membership: Membership, *, kind: str, granted: bool, source: str, by: User | None) -> None:
    ConsentRecord.objects.create(membership=membership, kind=kind, granted=granted, source=source, recorded_by=by)


def _check_new(*, body: Body, status: str, municipality, details: dict[str, Any]) -> None:
    unknown = set(details) - set(DETAIL_FIELDS) - set(INVITATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if status == Status.ENDED:
        raise MembersError("ended")
    if status == Status.INVITED and details.get("invited_status") not in (Status.ACTIVE, Status.CANDIDATE):
        raise MembersError("no_invited_status")
    _check_municipality(municipality, body)


def _check_municipality(municipality, body: Body) -> None:
    if municipality is not None and municipality.region_id != body.region_id:
        raise ValueError("municipality of another region")


def _save_new(membership: Membership) -> None:
    """Validate and store; the database refuses a second open membership of the same body (``duplicate``)."""
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        raise MembersError("duplicate") from exc


def _first_consents(membership: Membership, *, source: str, by: User | None) -> None:
    """The consent given with a new membership: a ConsentRecord per "yes". A "no" only when the person answered
    (their own application or sign-up); an unticked box of the secretary's form means nobody asked yet, so
    nothing is recorded and the member page says "nog niet gevraagd"."""
    for kind, field in CONSENT_FIELDS.items():
        granted = getattr(membership, field)
        # Nobody asks about SMS when joining: only a "yes" given then is recorded.
        if granted or (source != ConsentRecord.Source.RECORDED and kind != ConsentRecord.Kind.SMS):
            _consent(membership, kind=kind, granted=granted, source=source, by=by)


@transaction.atomic
def membership_create(
    *,
    body: Body,
    user: User,
    body_role: str,
    category: str,
    term_start: datetime.date,
    by: User | None,
    municipality=None,
    term_end: datetime.date | None = None,
    status: str = Status.ACTIVE,
    consent_named_to_members: bool = False,
    consent_named_publicly: bool = False,
    sms_consent: bool = False,
    consent_source: str = ConsentRecord.Source.RECORDED,
    **details: Any,
) -> Membership:
    """A new membership (active, candidate or invited). Consent given is recorded as the first ConsentRecord rows.

    Raises MembersError("duplicate") when the person already has an open membership of the body, ValueError
    for a municipality outside the body's region, and django's ValidationError for other bad values.
    """
    _check_new(body=body, status=status, municipality=municipality, details=details)
    membership = Membership(
        body=body,
        user=user,
        body_role=body_role,
        category=category,
        municipality=municipality,
        term_start=term_start,
        term_end=term_end or rules.default_term_end(term_start, body.term_years),
        status=status,
        consent_named_to_members=consent_named_to_members,
        consent_named_publicly=consent_named_publicly,
        sms_consent=sms_consent,
        **details,
    )
    if sms_consent and not mobile_e164(membership.contact_phone):
        raise MembersError("no_mobile")
    _save_new(membership)
    _event(membership, MembershipEvent.Kind.CREATED, by=by, to_status=status)
    _first_consents(membership, source=consent_source, by=by)
    audit_record(actor=by, action="membership.create", target=membership, region=body.region, label=_label(membership))
    if status == Status.ACTIVE:
        _sync_access(membership, by=by)
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, by: User, version: int | None = None, **fields: Any) -> Membership:
    """Change details, based on ``version`` (StaleEdit when someone else saved since; None: no check). Field names
    (never values) go into the history; a change of the under-27 mark too."""
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    _check_municipality(fields.get("municipality"), membership.body)
    old_role = membership.body_role
    changed = [name for name, value in fields.items() if getattr(membership, name) != value]
    if not changed:
        return membership
    for name in changed:
        setattr(membership, name, fields[name])
    membership.full_clean(validate_constraints=False)
    claim_version(membership, version)
    membership.save(update_fields=changed)
    if "under_27" in changed:
        _event(membership, MembershipEvent.Kind.UNDER_27, by=by, changed_fields=["under_27"])
    other = [name for name in changed if name != "under_27"]
    if other:
        _event(membership, MembershipEvent.Kind.DETAILS, by=by, changed_fields=other)
    audit_record(
        actor=by,
        action="membership.update",
        target=membership,
        region=membership.body.region,
        changed_fields=changed,
        label=_label(membership),
    )
    if "body_role" in changed and membership.status == Status.ACTIVE:
        _sync_access(membership, by=by, body_role=old_role)
        _sync_access(membership, by=by)
    return membership


@transaction.atomic
def membership_activate(*, membership: Membership, by: User, term_start: datetime.date | None = None) -> Membership:
    """A candidate becomes an active member (its term starts on ``term_start`` when given)."""
    if membership.status != Status.CANDIDATE:
        raise MembersError("not_candidate")
    update = ["status"]
    if term_start is not None and term_start != membership.term_start:
        membership.term_start = term_start
        membership.term_end = rules.default_term_end(term_start, membership.body.term_years)
        update += ["term_start", "term_end"]
        claim_version(membership, None)  # an open edit form still shows the old term: its save is refused
    membership.status = Status.ACTIVE
    membership.save(update_fields=update)
    _event(membership, MembershipEvent.Kind.STATUS, by=by, from_status=Status.CANDIDATE, to_status=Status.ACTIVE)
    audit_record(
        actor=by,
        action="membership.activate",
        target=membership,
        region=membership.body.region,
        label=_label(membership),
    )
    _sync_access(membership, by=by)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, by: User | None, reason: str, ended_on: datetime.date) -> Membership:
    """End a membership with a reason. The access role goes when no other open membership needs it, and a printed
    login code stops working (whoever printed it must not keep a way in; the member gets a new letter if needed)."""
    if membership.status == Status.ENDED:
        raise MembersError("ended")
    previous = membership.status
    membership.status = Status.ENDED
    membership.ended_on = ended_on
    membership.end_reason = reason
    # An invitation that ends unanswered keeps nothing of what was typed about the invitee's name.
    membership.invited_name = ""
    membership.invited_status = ""
    membership.save(update_fields=["status", "ended_on", "end_reason", "invited_name", "invited_status"])
    _event(membership, MembershipEvent.Kind.STATUS, by=by, from_status=previous, to_status=Status.ENDED)
    audit_record(
        actor=by, action="membership.end", target=membership, region=membership.body.region, label=_label(membership)
    )
    _sync_access(membership, by=by)
    login_codes_revoke(person=membership.user, region=membership.body.region, by=by, reason="lidmaatschap beëindigd")
    return membership


@transaction.atomic
def membership_renew(*, membership: Membership, by: User) -> Membership:
    """Start the next term right after the current one. Refused past the body's number of terms."""
    if membership.status != Status.ACTIVE:
        raise MembersError("not_active")
    if not rules.can_renew(membership.term_number, membership.body.max_terms):
        raise MembersError("no_terms_left")
    start = membership.term_end + datetime.timedelta(days=1)
    membership.term_number += 1
    membership.term_end = rules.default_term_end(start, membership.body.term_years)
    membership.term_reminder_sent_for = None
    claim_version(membership, None)  # an open edit form still shows the old term end: its save is refused
    membership.save(update_fields=["term_number", "term_end", "term_reminder_sent_for"])
    _event(membership, MembershipEvent.Kind.RENEWED, by=by, note=f"{membership.term_number}")
    audit_record(
        actor=by, action="membership.renew", target=membership, region=membership.body.region, label=_label(membership)
    )
    return membership


@transaction.atomic
def consent_set(*, membership: Membership, kind: str, granted: bool, source: str, by: User | None) -> Membership:
    """Give or withdraw one consent. Every statement is kept; the membership holds the current answer. SMS reminders
    need a Dutch mobile number (MembersError("no_mobile"))."""
    field = CONSENT_FIELDS[kind]
    if kind == ConsentRecord.Kind.SMS and granted and not mobile_e164(membership.contact_phone):
        raise MembersError("no_mobile")
    # The same answer again adds nothing; but a first "no" to a question nobody asked before is recorded.
    if getattr(membership, field) == granted and (
        granted or ConsentRecord.objects.filter(membership=membership, kind=kind).exists()
    ):
        return membership
    setattr(membership, field, granted)
    membership.save(update_fields=[field])
    _consent(membership, kind=kind, granted=granted, source=source, by=by)
    _event(membership, MembershipEvent.Kind.CONSENT, by=by, changed_fields=[field])
    audit_record(
        actor=by,
        action="consent.give" if granted else "consent.withdraw",
        target=membership,
        region=membership.body.region,
        changed_fields=[field],
        label=_label(membership),
    )
    return membership


@transaction.atomic
def member_join(
    *,
    body: Body,
    name: str,
    email: str | None,
    term_start: datetime.date,
    by: User,
    term_end: datetime.date | None = None,
    status: str = Status.ACTIVE,
    **fields: Any,
) -> Membership:
    """Add a person to a body.

    Without email: a new account and the membership as asked (the person logs in with a printed code). With email:
    an invitation (see member_invite), whether or not the address already has an account anywhere, so the
    secretary never learns that, and never gets a way into someone else's account.
    """
    if email:
        return member_invite(
            body=body, name=name, email=email, term_start=term_start, term_end=term_end, status=status, by=by, **fields
        )
    user = person_create(name=name, email=None, region=body.region, by=by)
    return membership_create(
        body=body, user=user, term_start=term_start, term_end=term_end, status=status, by=by, **fields
    )


@transaction.atomic
def member_invite(
    *,
    body: Body,
    name: str,
    email: str,
    term_start: datetime.date,
    by: User | None,
    term_end: datetime.date | None = None,
    status: str = Status.ACTIVE,
    **fields: Any,
) -> Membership:
    """A membership that waits for the person's "yes": no role, no access and no code letter until then.

    The account with this email is used, or a new one is made (its address is then confirmed by the same "yes").
    The person gets an email with a link to the page where they, logged in as themself, say yes or no. What the
    caller sees is the same either way: the typed name and "wacht op bevestiging". Raises
    MembersError("duplicate") when the account already has an open membership of this body.
    """
    # A new account is tied to the region only by the yes (accounts.services.account_for_email).
    user, new_account = account_for_email(email=email, name=name, by=by)
    membership = membership_create(
        body=body,
        user=user,
        term_start=term_start,
        term_end=term_end,
        status=Status.INVITED,
        invited_status=status,
        invited_name=name,
        invited_new_account=new_account,
        by=by,
        **fields,
    )
    _invitation_email(membership, to=user.email)
    return membership


def _invitation_email(membership: Membership, *, to: str) -> None:

    from inspraak.core.mail import queue_email

    queue_email(
        to=to,
        template_prefix="members/email/invitation",
        context={
            "body": membership.body,
            "role": membership.get_body_role_display(),
            "url": absolute_url("members:invitation", membership.pk),
            "link_url": absolute_url("accounts:link_request"),
            "days": rules.INVITATION_DAYS,
        },
    )


@transaction.atomic
def invitation_accept(*, membership: Membership, by: User) -> Membership:
    """The person says yes: the membership gets the status the secretary chose, with its access role."""
    if membership.status != Status.INVITED or membership.user_id != by.pk:
        raise MembersError("not_invited")
    if membership.invitation_expired:
        raise MembersError("invitation_expired")
    target = membership.invited_status or Status.ACTIVE
    if membership.invited_new_account and by.created_in_region_id is None:
        by.created_in_region = membership.body.region
        by.save(update_fields=["created_in_region"])
    membership.status = target
    membership.invited_status = ""
    membership.invited_name = ""
    membership.invited_new_account = False
    membership.save(update_fields=["status", "invited_status", "invited_name", "invited_new_account"])
    _event(membership, MembershipEvent.Kind.STATUS, by=by, from_status=Status.INVITED, to_status=target)
    audit_record(
        actor=by,
        action="membership.confirm",
        target=membership,
        region=membership.body.region,
        label=_label(membership),
    )
    if target == Status.ACTIVE:
        _sync_access(membership, by=by)
    # An application that led to this invitation becomes part of the person's data only now (see recruitment).
    membership.applications.filter(user__isnull=True).update(user=by)
    return membership


def _remove_invitation(membership: Membership, *, by: User | None, action: str) -> None:
    if membership.status != Status.INVITED:
        raise MembersError("not_invited")
    pk, label, region, user = membership.pk, _label(membership), membership.body.region, membership.user
    membership.delete()
    membership.pk = pk
    audit_record(actor=by, action=action, target=membership, region=region, label=label)
    if membership.invited_new_account:
        _erase_unused_account(user, by=by)


def _erase_unused_account(user: User, *, by: User | None) -> None:
    """The account made for an invitation that got no yes: erased (name and address the secretary typed), unless
    it has come to be used for something else meanwhile. Outside any region's audit log, as its creation was."""
    from inspraak.core import privacy_registry as registry

    in_use = (
        user.created_in_region_id is not None
        or RoleAssignment.objects.filter(user=user).exists()
        or Membership.objects.filter(user=user).exists()
    )
    if in_use or user.erased_at is not None:
        return
    registry.erase(user, by=by)
    audit_record(actor=by, action="person.erase", target=user, label=f"persoon #{user.pk}")


@transaction.atomic
def invitation_decline(*, membership: Membership, by: User) -> None:
    """The person says no: the membership and what the secretary typed about them are removed (audited)."""
    if membership.user_id != by.pk:
        raise MembersError("not_invited")
    _remove_invitation(membership, by=by, action="membership.decline")


@transaction.atomic
def invitation_withdraw(*, membership: Membership, by: User) -> None:
    """The secretary takes back an unanswered invitation: removed as if declined, so nothing typed about the
    invitee stays (and no other region's rules keep counting it as data about them)."""
    _remove_invitation(membership, by=by, action="membership.withdraw")


def invitations_expire(*, now: datetime.datetime | None = None) -> int:
    """The daily clean-up: invitations expired long enough ago (rules.invitation_removal_cutoff) are removed as a
    withdrawal removes them, each in its own transaction, audited as ``membership.expire`` by nobody; an account
    made only for the invitation is erased. Returns the number removed."""
    cutoff = rules.invitation_removal_cutoff(now or timezone.now())
    expired = Membership.objects.select_related("body__region", "user").filter(
        status=Status.INVITED, created_at__lt=cutoff
    )
    count = 0
    for membership in expired:
        with transaction.atomic():
            _remove_invitation(membership, by=None, action="membership.expire")
        count += 1
    return count


@transaction.atomic
def consent_update(
    *,
    membership: Membership,
    source: str,
    by: User | None,
    consent_named_to_members: bool,
    consent_named_publicly: bool,
    sms_consent: bool | None = None,
) -> Membership:
    """Record the consents; only a changed answer adds a record. ``sms_consent`` None: not asked (SMS is off)."""
    if sms_consent is not None:
        consent_set(membership=membership, kind=ConsentRecord.Kind.SMS, granted=sms_consent, source=source, by=by)
    consent_set(
        membership=membership,
        kind=ConsentRecord.Kind.NAMED_TO_MEMBERS,
        granted=consent_named_to_members,
        source=source,
        by=by,
    )
    return consent_set(
        membership=membership,
        kind=ConsentRecord.Kind.NAMED_PUBLICLY,
        granted=consent_named_publicly,
        source=source,
        by=by,
    )


def term_reminders_due(*, today: datetime.date | None = None) -> list[Membership]:
    """Active memberships whose term ends within the body's reminder window and that had no reminder yet."""
    today = today or timezone.localdate()
    rows = (
        Membership.objects.filter(status=Status.ACTIVE, term_end__gte=today)
        .select_related("body", "body__region", "user")
        .order_by("body_id", "term_end", "pk")
    )
    return [
        m
        for m in rows
        if m.term_reminder_sent_for != m.term_end and m.term_end <= rules.add_months(today, m.body.term_reminder_months)
    ]


def term_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell each body's secretaries (by email) how many terms end soon; each term end is reported once.

    The email holds numbers and a link, never names. Returns the number of memberships reported.
    """
    from django.urls import reverse

    from inspraak.core.mail import queue_email

    today = today or timezone.localdate()
    due = term_reminders_due(today=today)
    by_body: dict[int, list[Membership]] = {}
    for membership in due:
        by_body.setdefault(membership.body_id, []).append(membership)
    secretaries = RoleAssignment.objects.filter(
        body_id__in=by_body, role=Role.SECRETARY, user__is_active=True, user__email__isnull=False
    ).values_list("body_id", "user__email")
    addresses: dict[int, list[str]] = {}
    for body_id, email in secretaries:
        addresses.setdefault(body_id, []).append(email)
    for body_id, memberships in by_body.items():
        body = memberships[0].body
        with transaction.atomic():
            for to in addresses.get(body_id, []):
                queue_email(
                    to=to,
                    template_prefix="members/email/term_reminder",
                    context={
                        "body": body,
                        "count": len(memberships),
                        "first_end": min(m.term_end for m in memberships),
                        "months": body.term_reminder_months,
                        "path": reverse("members:list", args=[body.region.slug, body.slug]) + "?status=actief",
                    },
                )
            for membership in memberships:
                membership.term_reminder_sent_for = membership.term_end
                membership.save(update_fields=["term_reminder_sent_for"])
    return len(due)


def under_27_expire(*, today: datetime.date | None = None) -> int:
    """Clear the under-27 mark of open memberships whose "under 27 until" month has come; appended as history."""
    today = today or timezone.localdate()
    rows = list(
        Membership.objects.filter(under_27=True, under_27_until__lte=today)
        .exclude(status=Status.ENDED)
        .select_related("body", "body__region")
    )
    for membership in rows:
        with transaction.atomic():
            membership.under_27 = False
            claim_version(membership, None)  # an open edit form still shows the mark: its save is refused
            membership.save(update_fields=["under_27"])
            _event(membership, MembershipEvent.Kind.UNDER_27, by=None, changed_fields=["under_27"])
            audit_record(
                actor=None,
                action="membership.update",
                target=membership,
                region=membership.body.region,
                changed_fields=["under_27"],
                label=_label(membership),
            )
    return len(rows)
