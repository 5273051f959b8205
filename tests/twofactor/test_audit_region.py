"""A beheerder's own second-factor changes (linking the app, new recovery codes) show in the audit log of every
region they are beheerder of, not only in the platform-wide log."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.audit.models import AuditEvent
from inspraak.twofactor import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KEY = "3132333435363738393031323334353637383930"


def _code() -> str:
    totp = TOTP(bytes.fromhex(KEY))
    totp.time = time.time()
    return f"{totp.token():06d}"


def _regions_of(action, user):
    return sorted(AuditEvent.objects.filter(action=action, actor=user).values_list("region__slug", flat=True), key=str)


def test_linking_the_app_is_in_the_audit_log_of_the_beheerders_region(client, world):
    admin = world.user("admin")
    assert services.app_confirm(user=admin, key_hex=KEY, code=_code()) is not None
    assert _regions_of("twofactor.setup", admin) == [world.region.slug]
    client.force_login(admin)
    log = client.get(reverse("regions:audit_log", args=[world.region.slug])).content.decode()
    assert "App voor de tweede stap gekoppeld" in log


def test_new_recovery_codes_are_in_the_audit_log_of_every_region_of_the_beheerder(world):
    admin = world.user("admin")
    RoleAssignment.objects.create(user=admin, role=Role.ADMIN, region=world.other_region)
    services.recovery_codes_new(user=admin)
    assert _regions_of("twofactor.recovery_codes", admin) == sorted([world.region.slug, world.other_region.slug])


def test_an_operator_without_a_region_still_gets_one_row(world):
    operator = UserFactory(email="operator@example.org", is_staff=True)
    services.recovery_codes_new(user=operator)
    assert _regions_of("twofactor.recovery_codes", operator) == [None]
