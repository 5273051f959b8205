"""Two-factor login for beheerders (ADR 0010): an app code or a recovery code after the password, on every page."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.audit.models import AuditEvent
from inspraak.core.privacy_registry import parts
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.second_factor]

PASSWORD = "geheim-wachtwoord-123"
KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test secret


def _code(key: str = KEY, offset: int = 0) -> str:
    totp = TOTP(bytes.fromhex(key))
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def _password_login(user) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _app(user, key: str = KEY) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", key=key, confirmed=True)


def _recovery_codes(user, *codes: str) -> None:
    device = StaticDevice.objects.create(user=user, name="codes", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)


def _people(world) -> str:
    return reverse("accounts:people", args=[world.region.slug])


def test_a_beheerder_without_an_app_is_sent_to_set_one_up_from_every_page(world):
    client = _password_login(world.user("admin"))
    for url in (
        _people(world),
        reverse("dashboards:dashboard"),
        reverse("regions:audit_log", args=[world.region.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('twofactor:setup')}?next={quote(url, safe='')}", url
    assert client.post(reverse("accounts:person_new", args=[world.region.slug]), {"name": "X"}).status_code == 302
    assert client.get("/technisch-beheer/").status_code == 302


def test_setting_up_the_app_shows_a_qr_code_and_the_secret_then_the_recovery_codes_once(world):
    admin = world.user("admin")
    client = _password_login(admin)
    response = client.get(reverse("twofactor:setup"), {"next": _people(world)})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'src="data:image/svg+xml' in html  # the QR code is part of the page: no request to anyone else
    assert "<script" not in html.split("<main", 1)[1]
    key = client.session["twofactor_new_key"]
    from inspraak.twofactor.rules import secret_text

    assert secret_text(key) in html

    wrong = client.post(reverse("twofactor:setup"), {"code": "000000" if _code(key) != "000000" else "111111"})
    assert wrong.status_code == 200 and "Deze code klopt niet" in wrong.content.decode()
    assert client.get(_people(world)).status_code == 302  # not linked yet

    response = client.post(reverse("twofactor:setup"), {"code": _code(key), "next": _people(world)})
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:manage"))
    page = client.get(response["Location"]).content.decode()
    codes = list(StaticToken.objects.filter(device__user=admin).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(f"{c[:4]} {c[4:]}" in page for c in codes)
    assert f'href="{_people(world)}"' in page  # the way on to where the person was going
    again = client.get(reverse("twofactor:manage")).content.decode()
    assert not any(f"{c[:4]} {c[4:]}" in again for c in codes)  # shown once
    assert "nog 10 herstelcodes" in again
    assert client.get(_people(world)).status_code == 200
    assert TOTPDevice.objects.get(user=admin).confirmed
    assert AuditEvent.objects.filter(action="twofactor.setup", actor=admin).count() == 1


def test_a_beheerder_with_an_app_types_its_code_after_the_password(world):
    admin = world.user("admin")
    _app(admin)
    client = _password_login(admin)
    response = client.get(_people(world))
    verify = f"{reverse('twofactor:verify')}?next={quote(_people(world), safe='')}"
    assert response["Location"] == verify
    page = client.get(verify).content.decode()
    assert '<html lang="nl"' in page and 'autocomplete="one-time-code"' in page and 'name="next"' in page

    wrong = client.post(reverse("twofactor:verify"), {"code": "12345a"})
    assert wrong.status_code == 200 and "Deze code klopt niet" in wrong.content.decode()
    TOTPDevice.objects.filter(user=admin).update(throttling_failure_count=0, throttling_failure_timestamp=None)

    code = _code()
    response = client.post(reverse("twofactor:verify"), {"code": f"{code[:3]} {code[3:]}", "next": _people(world)})
    assert response.status_code == 302 and response["Location"] == _people(world)
    assert client.get(_people(world)).status_code == 200
    # The same code cannot be used again (replay), in another session.
    other = _password_login(admin)
    assert other.post(reverse("twofactor:verify"), {"code": code}).status_code == 200


def test_the_second_step_never_sends_a_person_to_another_site(world):
    admin = world.user("admin")
    _app(admin)
    client = _password_login(admin)
    response = client.post(reverse("twofactor:verify"), {"code": _code(), "next": "https://evil.example/"})
    assert response["Location"] == reverse("dashboards:dashboard")


def test_wrong_codes_slow_down_the_next_try(world):
    admin = world.user("admin")
    _app(admin)
    client = _password_login(admin)
    client.post(reverse("twofactor:verify"), {"code": "000000" if _code() != "000000" else "111111"})
    for _ in range(3):
        TOTPDevice.objects.filter(user=admin).update(throttling_failure_timestamp=None)
        client.post(reverse("twofactor:verify"), {"code": "999999" if _code() != "999999" else "111111"})
    # Four wrong codes: the next try must wait 8 seconds, even with the right code.
    response = client.post(reverse("twofactor:verify"), {"code": _code()})
    assert response.status_code == 200
    assert "Wacht 8 seconden" in response.content.decode()
    assert client.get(_people(world)).status_code == 302


def test_a_recovery_code_works_once(world):
    admin = world.user("admin")
    _app(admin)
    _recovery_codes(admin, "abcd2345", "efgh6723")
    client = _password_login(admin)
    response = client.post(reverse("twofactor:verify"), {"code": "ABCD 2345"}, follow=True)
    assert response.status_code == 200
    assert "nog 1 herstelcode" in response.content.decode()
    assert client.get(_people(world)).status_code == 200
    other = _password_login(admin)
    response = other.post(reverse("twofactor:verify"), {"code": "abcd2345"})
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()


def test_new_recovery_codes_replace_the_old_ones(world):
    admin = world.user("admin")
    _app(admin)
    _recovery_codes(admin, "abcd2345")
    client = _password_login(admin)
    client.post(reverse("twofactor:verify"), {"code": _code()})
    response = client.post(reverse("twofactor:recovery_codes_new"))
    assert response["Location"] == reverse("twofactor:manage")
    tokens = set(StaticToken.objects.filter(device__user=admin).values_list("token", flat=True))
    assert len(tokens) == 10 and "abcd2345" not in tokens
    assert AuditEvent.objects.filter(action="twofactor.recovery_codes").count() == 1


def test_without_the_second_step_an_app_cannot_be_replaced(world):
    admin = world.user("admin")
    _app(admin)
    client = _password_login(admin)
    response = client.get(reverse("twofactor:setup"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:verify"))
    assert client.post(reverse("twofactor:recovery_codes_new")).status_code == 302
    assert not StaticDevice.objects.filter(user=admin).exists()


def test_a_login_without_the_password_form_also_ends_at_the_second_step(world):
    """Force_login stands for the login link and the printed code: every login meets the second step."""
    admin = world.user("admin")
    _app(admin)
    client = Client()
    client.force_login(admin)
    response = client.get(_people(world))
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:verify"))


@pytest.mark.parametrize("actor", ["member", "secretary", "facilitator", "officer_region", "plain"])
def test_other_roles_log_in_without_a_second_step(world, actor):
    user = world.user(actor)
    client = _password_login(user)
    for name in ("dashboards:dashboard", "accounts:account"):
        response = client.get(reverse(name))
        assert response.status_code == 200 and user.name in response.content.decode()


@pytest.mark.parametrize("actor", ["member", "plain"])
def test_members_never_see_the_second_step(world, actor):
    client = _password_login(world.user(actor))
    assert "Tweede stap" not in client.get(reverse("accounts:account")).content.decode()
    for name in ("verify", "setup", "manage", "switch_off"):
        assert client.get(reverse(f"twofactor:{name}")).status_code == 404, name


def test_logging_out_and_the_language_switch_work_before_the_second_step(world):
    client = _password_login(world.user("admin"))
    assert client.post("/taal/setlang/", {"language": "en", "next": "/"}).status_code == 302
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def _second_admin(world):
    person = UserFactory(email="tweede@example.org", name="Tweede Beheerder")
    RoleAssignment.objects.create(user=person, role=Role.ADMIN, region=world.region)
    _app(person)
    _recovery_codes(person, "abcd2345")
    return person


def _verified(user) -> Client:
    client = _password_login(user)
    if not TOTPDevice.objects.filter(user=user).exists():
        _app(user, key="00" * 20)
    key = TOTPDevice.objects.get(user=user).key
    assert client.post(reverse("twofactor:verify"), {"code": _code(key)}).status_code == 302
    return client


def test_a_beheerder_wipes_the_second_step_of_another_beheerder_of_the_region(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    person = _second_admin(world)
    their_session = _verified(person)
    assert their_session.get(_people(world)).status_code == 200
    url = reverse("twofactor:reset", args=[world.region.slug, person.pk])
    client = _verified(world.user("admin"))
    person_page = client.get(reverse("accounts:person", args=[world.region.slug, person.pk])).content.decode()
    assert f'href="{url}"' in person_page
    assert "Tweede Beheerder" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == reverse("accounts:person", args=[world.region.slug, person.pk])
    assert [m.to for m in mailoutbox] == [[person.email]]  # the person hears of it, in case they did not ask
    assert "tweede stap" in mailoutbox[0].body
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    event = AuditEvent.objects.get(action="twofactor.reset")
    assert event.actor == world.user("admin") and event.region == world.region and "Tweede" not in event.target_label
    # Their open session has lost its second step: they set up a new app.
    response = their_session.get(_people(world))
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:setup"))


def test_nobody_wipes_their_own_or_a_foreign_second_step(world):
    admin = world.user("admin")
    client = _verified(admin)
    own = reverse("twofactor:reset", args=[world.region.slug, admin.pk])
    assert client.post(own).status_code == 403
    # A beheerder who also holds a role in another region is out of reach of this region's beheerder.
    person = _second_admin(world)
    RoleAssignment.objects.create(user=person, role=Role.ADMIN, region=world.other_region)
    assert client.post(reverse("twofactor:reset", args=[world.region.slug, person.pk])).status_code == 403
    other = _verified(world.user("other_region_admin"))
    assert other.post(reverse("twofactor:reset", args=[world.region.slug, person.pk])).status_code == 404
    assert TOTPDevice.objects.filter(user=person).exists()
    assert not AuditEvent.objects.filter(action="twofactor.reset").exists()


def test_the_second_factor_is_part_of_the_privacy_export_and_erasure(world):
    part = next(p for p in parts() if p.name == "twofactor")
    admin = world.user("admin")
    _app(admin)
    _recovery_codes(admin, "abcd2345", "efgh6723")
    exported = part.exporter(admin)
    assert exported["recovery_codes_left"] == 2 and len(exported["apps"]) == 1
    assert KEY not in str(exported) and "abcd2345" not in str(exported)
    part.eraser(admin)
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert not StaticDevice.objects.filter(user=admin).exists()
