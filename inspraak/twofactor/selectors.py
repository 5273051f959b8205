"""Reads of a person's second factor: the authenticator app (TOTP) and the recovery codes (static tokens)."""

from __future__ import annotations

from django.apps import apps
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspraak.core.prepared import fields_of, instances, prepared_rows


def session_device(persistent_id: str) -> Device | None:
    """The device a session passed the second step with, from its persistent id (``otp_totp.totpdevice/12``), as
    django-otp's ``Device.from_persistent_id`` reads it: the row as it is now, whatever its owner or state (the
    middleware checks both), or None for a removed device or an id that names no device. One query, read on every
    request of a person who passed the step, with the SQL built once per device model (ADR 0032 way 0)."""
    try:
        model_label, device_id = persistent_id.rsplit("/", 1)
        model = apps.get_model(model_label)
        pk = int(device_id)
    except (ValueError, LookupError):
        return None
    if not issubclass(model, Device):
        return None
    rows = prepared_rows(
        ("twofactor.session_device", model._meta.label),
        lambda pk: model.objects.filter(id=pk).order_by("pk").values_list(*fields_of(model))[:1],
        pk=pk,
    )
    return next(iter(instances(model, rows)), None)


def app_device(user) -> TOTPDevice | None:
    """The confirmed authenticator app of ``user``, if any (one query)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_device(user) -> StaticDevice | None:
    """The confirmed recovery-code device of ``user``, if any (one query)."""
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(user) -> int:
    """How many unused recovery codes ``user`` has (one query)."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_second_factor(user) -> bool:
    """Whether ``user`` has set up the app (one query). Recovery codes only exist next to an app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def account_state(user) -> str:
    """What the account page says about the second step: "required" (beheerders, operators), "on" or "off"
    (staff who may choose it), or "" (members: not shown). One query, only for staff who may choose it and have
    not passed the step in this session."""
    from inspraak.twofactor import permissions

    if permissions.needs_second_factor(user):
        return "required"
    if not permissions.may_choose_second_factor(user):
        return ""
    return "on" if getattr(user, "otp_device", None) is not None or has_second_factor(user) else "off"
