"""The privacy part of the second factor: which app and recovery codes a person has (never the secrets)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from inspraak.core import privacy_registry as registry


def export_second_factor(user) -> dict:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return {
        "apps": [
            {"name": d.name, "confirmed": d.confirmed, "created_at": d.created_at, "last_used_at": d.last_used_at}
            for d in TOTPDevice.objects.filter(user=user).order_by("pk")
        ],
        "recovery_codes_left": StaticToken.objects.filter(device__user=user).count(),
        "recovery_codes_made_at": [
            d.created_at for d in StaticDevice.objects.filter(user=user).order_by("pk").only("created_at")
        ],
    }


def erase_second_factor(user) -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def register_part() -> None:
    registry.register(
        "twofactor",
        title=_("Tweede stap bij inloggen"),
        exporter=export_second_factor,
        eraser=erase_second_factor,
        labels={
            "apps": _("Gekoppelde apps"),
            "recovery_codes_left": _("Herstelcodes over"),
            "recovery_codes_made_at": _("Herstelcodes gemaakt op"),
        },
        order=40,
        models=("otp_totp.TOTPDevice", "otp_static.StaticDevice"),
    )
