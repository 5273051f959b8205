"""Writes for people, roles and login credentials. Atomic, audited, no personal data in audit labels."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from inspraak.accounts.models import LoginCode, LoginLink, Role, RoleAssignment, User
from inspraak.accounts.roles import forget_roles
from inspraak.accounts.tasks import send_login_link, send_password_reset
from inspraak.accounts.tokens import keyed_hash, new_link_token, new_login_code
from inspraak.audit.services import audit_record
from inspraak.core import ratelimit
from inspraak.core.errors import ServiceError
from inspraak.core.links import absolute_url
from inspraak.core.mail import queue_email
from inspraak.core.ratelimit import Limit

LINKS_PER_HOUR = 5


class DuplicateRoleError(ServiceError):
    """The person already holds exactly this role (code "duplicate_role")."""


class EmailTakenError(ServiceError):
    """The address got an account of its own before it was confirmed for this person (code "email_taken")."""


EMAIL_CONFIRM_SALT = "inspraak.accounts.email-confirm"
EMAIL_CONFIRM_DAYS = 14


def _label(user: User) -> str:
    return f"persoon #{user.pk}"


@transaction.atomic
def person_create(*, name: str, email: str | None, region, by) -> User:
    user = User.objects.create_user(email=email or None, name=name, created_in_region=region)
    audit_record(actor=by, action="person.create", target=user, region=region, label=_label(user))
    return user


@transaction.atomic
def account_for_email(*, email: str, name: str, by) -> tuple[User, bool]:
    """The account whose login address is ``email``, or a new one made for it (then True).

    A new account belongs to no region (it is in no people list or region audit log until its owner confirms
    something): otherwise staff could tell a new address from one that already had an account elsewhere. Callers
    show both cases the same way.
    """
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    return person_create(name=name, email=email, region=None, by=by), True


@transaction.atomic
def person_update(*, person: User, region, by, name: str, email: str | None) -> User:
    """Change name and email. A new email address stops login links that were sent to the old one."""
    fields = {"name": name, "email": (email or "").strip().lower() or None}
    changed = [k for k, v in fields.items() if getattr(person, k) != v]
    for k in changed:
        setattr(person, k, fields[k])
    if changed:
        person.save(update_fields=changed)
        if "email" in changed:
            LoginLink.objects.filter(user=person, used_at__isnull=True).update(used_at=timezone.now())
        audit_record(
            actor=by, action="person.update", target=person, region=region, changed_fields=changed, label=_label(person)
        )
    return person


@transaction.atomic
def person_email_propose(*, person: User, email: str, region, by) -> User:
    """A beheerder typed ``email`` for ``person``: it becomes theirs only when its owner confirms it.

    The address gets an email with a link (valid EMAIL_CONFIRM_DAYS days, and only while it is still the person's
    pending address). What the beheerder sees is the same whether or not the address already has an account
    anywhere: no staff member learns that (an account can reveal that someone receives benefits elsewhere). If it
    has one, its owner can add this person's roles to their own account (person_link).
    """
    email = email.strip().lower()
    person.pending_email = email
    person.save(update_fields=["pending_email"])
    audit_record(
        actor=by,
        action="person.email_propose",
        target=person,
        region=region,
        changed_fields=["pending_email"],
        label=_label(person),
    )
    token = signing.dumps({"p": person.pk, "e": email}, salt=EMAIL_CONFIRM_SALT)
    queue_email(
        to=email,
        template_prefix="accounts/email/email_confirm",
        context={
            "region": region,
            "url": absolute_url("accounts:email_confirm", token),
            "days": EMAIL_CONFIRM_DAYS,
        },
    )
    return person


def email_confirmation(token: str) -> tuple[User, str] | None:
    """The person and address of a confirmation link that still works; None for a bad, old or replaced one."""
    try:
        data = signing.loads(token, salt=EMAIL_CONFIRM_SALT, max_age=timedelta(days=EMAIL_CONFIRM_DAYS))
        pk, email = int(data["p"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    person = User.objects.filter(pk=pk, pending_email=email, is_active=True, erased_at__isnull=True).first()
    return (person, email) if person is not None and email else None


@transaction.atomic
def person_email_confirm(*, person: User, email: str) -> User:
    """The owner of a free address confirms it: it becomes the person's email. Raises EmailTakenError."""
    if User.objects.filter(email=email).exclude(pk=person.pk).exists():
        raise EmailTakenError("email_taken")
    person.email = email
    person.pending_email = ""
    person.save(update_fields=["email", "pending_email"])
    LoginLink.objects.filter(user=person, used_at__isnull=True).update(used_at=timezone.now())
    login_codes_revoke(person=person, region=person.created_in_region, by=person, reason="e-mailadres bevestigd")
    audit_record(
        actor=None,
        action="person.email_confirm",
        target=person,
        region=person.created_in_region,
        changed_fields=["email"],
        label=_label(person),
    )
    return person


@transaction.atomic
def person_link(*, person: User, owner: User) -> User:
    """The owner of the address, logged in as themself, takes over the roles the beheerder gave ``person``. The
    extra account is switched off (its history stays). Only after this yes does the region see the owner."""
    for assignment in RoleAssignment.objects.filter(user=person).select_related("region", "municipality", "body"):
        with suppress(DuplicateRoleError):  # the owner already holds this role
            role_grant(
                person=owner,
                role=assignment.role,
                region=assignment.region,
                municipality=assignment.municipality,
                body=assignment.body,
                by=owner,
            )
        role_revoke(assignment=assignment, by=owner)
    person.pending_email = ""
    person.save(update_fields=["pending_email"])
    person_deactivate(person=person, region=person.created_in_region, by=owner)
    region = person.created_in_region
    audit_record(actor=owner, action="person.link", target=person, region=region, label=_label(person))
    forget_roles(owner)
    return owner


@transaction.atomic
def password_set(*, user: User, password: str) -> User:
    """A person chooses or changes their own password (the form has checked it)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=user, action="password.set", target=user, label=_label(user))
    return user


@transaction.atomic
def person_deactivate(*, person: User, region, by) -> User:
    """Switch off access: no login with any method; open sessions end at the next request; codes stop working."""
    person.is_active = False
    person.save(update_fields=["is_active"])
    LoginCode.objects.filter(user=person, revoked_at__isnull=True).update(revoked_at=timezone.now())
    LoginLink.objects.filter(user=person, used_at__isnull=True).update(used_at=timezone.now())
    audit_record(actor=by, action="person.deactivate", target=person, region=region, label=_label(person))
    return person


@transaction.atomic
def person_activate(*, person: User, region, by) -> User:
    """Switch access on again. Old codes stay revoked: print a new letter for someone without email."""
    person.is_active = True
    person.save(update_fields=["is_active"])
    audit_record(actor=by, action="person.activate", target=person, region=region, label=_label(person))
    return person


def role_grant(*, person: User, role: str, region, municipality=None, body=None, by) -> RoleAssignment:
    """Give ``person`` a role in ``region``. Raises DuplicateRoleError when they already hold exactly this role.

    A printed login code stops working when the role is more than "lid" or lies in another region than the
    person's other roles (see login_codes_revoke_for_new_role)."""
    if body is not None and body.region_id != region.pk:
        raise ValueError("body of another region")
    if municipality is not None and municipality.region_id != region.pk:
        raise ValueError("municipality of another region")
    try:
        with transaction.atomic():
            login_codes_revoke_for_new_role(person=person, role=role, region=region, by=by)
            assignment = RoleAssignment.objects.create(
                user=person, role=role, region=region, municipality=municipality, body=body
            )
            audit_record(
                actor=by,
                action="role.grant",
                target=assignment,
                region=region,
                label=f"{Role(role).label}: {assignment.scope_label} ({_label(person)})",
            )
    except IntegrityError as exc:
        raise DuplicateRoleError("duplicate_role") from exc
    forget_roles(person)
    return assignment


@transaction.atomic
def login_codes_revoke(*, person: User, region, by, reason: str) -> int:
    """Stop the person's printed login code, if any, with an audit row naming ``reason``. Returns how many stopped.

    Called whenever the person's rights change in a way a code printed earlier was not meant for: a membership
    ends, a role above "lid" is given, or a role comes in another region. Whoever printed that code must not keep
    a way into the account."""
    rows = list(LoginCode.objects.filter(user=person, revoked_at__isnull=True))
    now = timezone.now()
    for row in rows:
        row.revoked_at = now
        row.save(update_fields=["revoked_at"])
        audit_record(
            actor=by, action="login_code.revoke", target=row, region=region, label=f"{_label(person)}: {reason}"
        )
    return len(rows)


def login_codes_revoke_for_new_role(*, person: User, role: str, region, by) -> int:
    """Before ``role`` in ``region`` is added: stop the printed code when the new role is more than "lid", or
    when the person's roles (or the region their account was made in) lie in another region. 1-2 queries."""
    if role != Role.MEMBER:
        return login_codes_revoke(person=person, region=region, by=by, reason="rol gegeven")
    regions = set(RoleAssignment.objects.filter(user=person).values_list("region_id", flat=True))
    regions |= {person.created_in_region_id} - {None}
    if regions - {region.pk}:
        return login_codes_revoke(person=person, region=region, by=by, reason="rol in andere regio")
    return 0


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, by) -> None:
    label = f"{assignment.get_role_display()}: {assignment.scope_label} ({_label(assignment.user)})"
    pk, region = assignment.pk, assignment.region
    assignment.delete()
    assignment.pk = pk
    audit_record(actor=by, action="role.revoke", target=assignment, region=region, label=label)


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires_at: datetime
    pk: int | None = None  # the LoginCode row (its hash), so a letter can remember which code it carried


@transaction.atomic
def login_code_issue(*, person: User, region, by) -> IssuedCode:
    """A new printed login code; the previous one stops working. The plain code is returned once, never stored."""
    now = timezone.now()
    LoginCode.objects.filter(user=person, revoked_at__isnull=True).update(revoked_at=now)
    code = new_login_code()
    row = LoginCode.objects.create(
        user=person, code_hash=keyed_hash(code), expires_at=now + timedelta(days=settings.LOGIN_CODE_DAYS)
    )
    audit_record(actor=by, action="login_code.issue", target=row, region=region, label=_label(person))
    return IssuedCode(code=code, expires_at=row.expires_at, pk=row.pk)


# Request limits (ADR 0011). Counted in the database per keyed hash, for known and unknown addresses alike.
LINK_REQUESTS_PER_ADDRESS = Limit("link-request:address", 20)
LINK_REQUESTS_PER_EMAIL = Limit("link-request:email", LINKS_PER_HOUR)
RESET_REQUESTS_PER_ADDRESS = Limit("reset-request:address", 20)
RESET_REQUESTS_PER_EMAIL = Limit("reset-request:email", 3)
# Failed code and link logins from one internet address, over all codes: a ceiling against guessing at scale, far
# above what the members behind one shared address (library, Werkplein) mistype in an hour.
LOGIN_GUESSES_PER_ADDRESS = Limit("login-guesses:address", 50)


def _request_allowed(per_address: Limit, per_email: Limit, *, address: str | None, email: str) -> bool:
    # Over the address limit: the email address is not counted (a flood does not use up a person's own limit).
    return ratelimit.hit(per_address, address) and ratelimit.hit(per_email, email.strip().lower())


def link_request_allowed(*, address: str | None, email: str) -> bool:
    """Counts one login-link request: at most 20 an hour per internet address and 5 per email address.

    Counted alike for known and unknown email addresses, so the answer reveals nothing about who has an account.
    """
    return _request_allowed(LINK_REQUESTS_PER_ADDRESS, LINK_REQUESTS_PER_EMAIL, address=address, email=email)


def reset_request_allowed(*, address: str | None, email: str) -> bool:
    """Counts one password-reset request: at most 20 an hour per internet address and 3 per email address."""
    return _request_allowed(RESET_REQUESTS_PER_ADDRESS, RESET_REQUESTS_PER_EMAIL, address=address, email=email)


def login_link_request_queue(*, email: str) -> None:
    """Hand a login-link request to the task worker (see tasks.send_login_link), after the commit."""
    transaction.on_commit(partial(send_login_link.enqueue, email=email.strip().lower()))


@transaction.atomic
def login_link_request(*, email: str) -> bool:
    """Email a one-time login link if the address belongs to an active person. Returns whether one was sent.

    The caller shows the same answer either way, so nobody learns who has an account.
    """
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is None:
        return False
    now = timezone.now()
    if LoginLink.objects.filter(user=user, created_at__gte=now - timedelta(hours=1)).count() >= LINKS_PER_HOUR:
        return False
    token = new_link_token()
    LoginLink.objects.create(
        user=user, token_hash=keyed_hash(token), expires_at=now + timedelta(minutes=settings.LOGIN_LINK_MINUTES)
    )
    queue_email(
        to=user.email,
        template_prefix="accounts/email/login_link",
        context={
            "name": user.name,
            "url": absolute_url("accounts:link_login", token),
            "minutes": settings.LOGIN_LINK_MINUTES,
        },
    )
    return True


def login_link_is_usable(token: str) -> bool:
    return LoginLink.objects.filter(
        token_hash=keyed_hash(token), used_at__isnull=True, expires_at__gt=timezone.now()
    ).exists()


def password_reset_request_queue(*, email: str) -> None:
    """Hand a password-reset request to the task worker (see tasks.send_password_reset), after the commit."""
    transaction.on_commit(partial(send_password_reset.enqueue, email=email.strip().lower()))


def password_reset_send(*, email: str) -> bool:
    """Email a link to choose a new password if the address belongs to an active person. Returns whether one was
    sent. Runs in the task worker: the visitor's answer takes the same time for known and unknown addresses.

    People without a password yet (created by a beheerder) can use it to choose their first one.
    """
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is None:
        return False
    queue_email(
        to=user.email,
        template_prefix="accounts/email/password_reset",
        context={
            "user": user,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
            "minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
        },
    )
    return True
