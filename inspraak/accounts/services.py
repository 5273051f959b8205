"""Writes for people, roles and login credentials. Atomic, audited, no personal data in audit labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from inspraak.accounts.models import LoginCode, LoginLink, Role, RoleAssignment, User
from inspraak.accounts.roles import forget_roles
from inspraak.accounts.tasks import send_login_link, send_password_reset
from inspraak.accounts.tokens import keyed_hash, new_link_token, new_login_code
from inspraak.audit.services import audit_record
from inspraak.core import ratelimit
from inspraak.core.mail import queue_email
from inspraak.core.ratelimit import Limit

LINKS_PER_HOUR = 5


class DuplicateRoleError(Exception):
    pass


def _label(user: User) -> str:
    return f"persoon #{user.pk}"


@transaction.atomic
def person_create(*, name: str, email: str | None, region, by) -> User:
    user = User.objects.create_user(email=email or None, name=name, created_in_region=region)
    audit_record(actor=by, action="person.create", target=user, region=region, label=_label(user))
    return user


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
    """Give ``person`` a role in ``region``. Raises DuplicateRoleError when they already hold exactly this role."""
    if body is not None and body.region_id != region.pk:
        raise ValueError("body of another region")
    if municipality is not None and municipality.region_id != region.pk:
        raise ValueError("municipality of another region")
    try:
        with transaction.atomic():
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
        raise DuplicateRoleError from exc
    forget_roles(person)
    return assignment


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
            "url": settings.SITE_URL + reverse("accounts:link_login", args=[token]),
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
