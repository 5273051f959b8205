"""The device a session passed the second step with, read on every request (DeviceMiddleware, ADR 0010 and 0032)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspraak.twofactor.selectors import session_device
from tests.factories import UserFactory
from tests.twofactor.test_twofactor import _app, _password_login, _people, _recovery_codes, _verified

pytestmark = [pytest.mark.django_db, pytest.mark.second_factor]


def _passed_with_recovery_code(admin):
    _app(admin)
    _recovery_codes(admin, "abcd2345")
    client = _password_login(admin)
    assert client.post(reverse("twofactor:verify"), {"code": "abcd2345"}).status_code == 302
    return client


def _fields(device) -> dict:
    return {field.attname: getattr(device, field.attname) for field in type(device)._meta.concrete_fields}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda device: device.delete(), id="deleted"),
        pytest.param(
            lambda device: type(device).objects.filter(pk=device.pk).update(confirmed=False), id="unconfirmed"
        ),
        pytest.param(
            lambda device: type(device).objects.filter(pk=device.pk).update(user=UserFactory()), id="of another person"
        ),
    ],
)
@pytest.mark.parametrize("way", ["app", "recovery code"])
def test_a_device_deleted_unconfirmed_or_moved_ends_the_second_step_at_the_next_request(world, way, change):
    admin = world.user("admin")
    client = _verified(admin) if way == "app" else _passed_with_recovery_code(admin)
    assert client.get(_people(world)).status_code == 200
    device = Device.from_persistent_id(client.session[DEVICE_ID_SESSION_KEY])
    assert isinstance(device, TOTPDevice if way == "app" else StaticDevice)

    change(device)

    response = client.get(_people(world))
    assert response.status_code == 302
    # Without its app the person sets up a new one; with the app still there they type a code again.
    assert response["Location"].startswith(reverse("twofactor:setup" if way == "app" else "twofactor:verify"))
    assert DEVICE_ID_SESSION_KEY not in client.session  # the session forgets the device, as django-otp does


def test_the_session_device_is_the_row_django_otp_reads_in_one_query(world):
    admin = world.user("admin")
    app = _app(admin)
    _recovery_codes(admin, "abcd2345")
    codes = StaticDevice.objects.get(user=admin)
    TOTPDevice.objects.filter(pk=app.pk).update(throttling_failure_count=3, drift=1)
    for device in (app, codes):
        for _ in range(2):  # the first call builds the shape, the second runs it
            with CaptureQueriesContext(connection) as queries:
                read = session_device(device.persistent_id)
            assert len(queries) == 1
            expected = Device.from_persistent_id(device.persistent_id)
            assert type(read) is type(expected) and _fields(read) == _fields(expected)
            assert read._state.adding is False and read._state.db == "default"
    assert session_device(app.persistent_id).throttling_failure_count == 3


@pytest.mark.parametrize(
    "persistent_id",
    ["otp_totp.totpdevice/999999", "otp_totp.totpdevice/x", "otp_totp/1", "nope.device/1", "accounts.user/1", ""],
)
def test_an_id_that_names_no_device_gives_none(world, persistent_id):
    world.user("admin")
    assert session_device(persistent_id) is None
