"""Every write about a person's second factor. Each change writes one audit row (without personal data)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import django_otp
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from inspraak.audit.services import audit_record
from inspraak.core import ratelimit
from inspraak.core.links import absolute_url
from inspraak.core.mail import queue_email
from inspraak.twofactor import permissions, rules, selectors

RECOVERY_CODES = 10
APP_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"


def new_app_key() -> str:
    """A fresh random secret (hex, 20 bytes) for an authenticator app. Kept in the session until confirmed."""
    return random_hex(20)


def app_config_url(user, key_hex: str) -> str:
    """The otpauth:// address the QR code holds."""
    return TOTPDevice(user=user, key=key_hex).config_url


def _app_code_step(key_hex: str, code: str) -> int | None:
    """The time step at which ``code`` is valid for this secret (one step either side), or None."""
    device = TOTPDevice(key=key_hex)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not rules.is_app_code(code) or not totp.verify(int(code), device.tolerance):
        return None
    return totp.t()


def _new_recovery_codes(user) -> list[str]:
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _remove_devices(user) -> int:
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    removed_codes, _ = StaticDevice.objects.filter(user=user).delete()
    return removed + removed_codes


@transaction.atomic
def app_confirm(*, user, key_hex: str, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Link the app whose secret is ``key_hex``, when ``code`` is the code it shows now.

    Replaces an earlier app and its recovery codes. Returns the device and the new recovery codes (to show once),
    or None when the code is wrong.
    """
    step = _app_code_step(key_hex, rules.normalize_code(code))
    if step is None:
        return None
    _remove_devices(user)
    device = TOTPDevice.objects.create(
        user=user, name=APP_NAME, key=key_hex, confirmed=True, last_t=step, last_used_at=timezone.now()
    )
    codes = _new_recovery_codes(user)
    _audit_own(user, "twofactor.setup")
    return device, codes


@transaction.atomic
def recovery_codes_new(*, user) -> list[str]:
    """Replace the recovery codes of ``user`` with new ones (the old ones stop working). Returns them, to show once."""
    StaticDevice.objects.filter(user=user).delete()
    codes = _new_recovery_codes(user)
    _audit_own(user, "twofactor.recovery_codes")
    return codes


def _audit_own(user, action: str) -> None:
    """A change the person made to their own second factor: one row in the audit log of every region where they
    are beheerder (so each region that relies on that beheerder sees it); without such a region (an operator with
    only the technical admin) one row without a region, as before."""
    from inspraak.accounts.models import Role, RoleAssignment

    roles = RoleAssignment.objects.filter(user=user, role=Role.ADMIN).select_related("region").order_by("region_id")
    regions = list({role.region_id: role.region for role in roles}.values())
    for region in regions or [None]:
        audit_record(actor=user, action=action, target=user, region=region, label=f"persoon #{user.pk}")


@transaction.atomic
def second_factor_reset(*, person, region, by) -> bool:
    """Remove the app and recovery codes of ``person``: at their next login they set up a new app.

    Sessions that passed the second factor with the removed app end their second step (OTPMiddleware no longer
    finds the device). Returns False when there was nothing to remove.
    """
    if not _remove_devices(person):
        return False
    audit_record(actor=by, action="twofactor.reset", target=person, region=region, label=f"persoon #{person.pk}")
    if person.email:  # a warning, in case the request did not come from the person
        queue_email(
            to=person.email,
            template_prefix="twofactor/email/reset",
            context={
                "name": person.name,
                "url": absolute_url("accounts:login"),
                "required": permissions.needs_second_factor(person),
            },
        )
    return True


@transaction.atomic
def second_factor_switch_off(*, user) -> bool:
    """Remove the app and recovery codes of ``user``, who chose the second step themselves and now switches it off
    (the view checked the password or a current code first). Returns False when there was nothing to remove."""
    if not _remove_devices(user):
        return False
    audit_record(actor=user, action="twofactor.switch_off", target=user, label=f"persoon #{user.pk}")
    return True


@dataclass(frozen=True)
class CodeCheck:
    device: Device | None = None  # the app or recovery codes that accepted the code
    wait_seconds: int = 0  # more than 0: too many wrong codes, the code was not checked
    recovery_codes_left: int | None = None  # after a recovery code was used


def code_check(*, user, code: str) -> CodeCheck:
    """Check a code from the app (6 digits) or a recovery code (used up when it matches).

    Wrong codes slow the next try down (django-otp's throttling: 1, 2, 4, 8 ... seconds per device).
    """
    code = rules.normalize_code(code)
    device = selectors.app_device(user) if rules.is_app_code(code) else selectors.recovery_device(user)
    if device is None:
        return CodeCheck()
    allowed, info = device.verify_is_allowed()
    if not allowed:
        wait = (info["locked_until"] - timezone.now()).total_seconds()
        return CodeCheck(wait_seconds=max(1, math.ceil(wait)))
    matched = django_otp.verify_token(user, device.persistent_id, code)
    if matched is None:
        return CodeCheck()
    left = selectors.recovery_codes_left(user) if isinstance(matched, StaticDevice) else None
    return CodeCheck(device=matched, recovery_codes_left=left)


# Wrong passwords when switching the second step off, per person: the same budget as a login (LOGIN_FAILURE_LIMIT),
# so a stolen open session cannot guess the password here instead of on the login page.
PASSWORD_RECHECKS = ratelimit.Limit("twofactor-password-recheck:user", settings.AXES_FAILURE_LIMIT)


def password_recheck(*, user, password: str) -> bool | None:
    """True when ``password`` is the person's own; False when it is not; None when too many wrong passwords were
    typed in the last hour (then the password is not even checked). Only wrong passwords are counted."""
    if ratelimit.is_exceeded(PASSWORD_RECHECKS, user.pk):
        return None
    if user.check_password(password):
        return True
    ratelimit.hit(PASSWORD_RECHECKS, user.pk)
    return False
