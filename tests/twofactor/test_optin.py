"""Staff other than beheerders may switch the second step on for themselves, and off again (ADR 0010)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.audit.models import AuditEvent
from tests.factories import UserFactory
from tests.twofactor.test_twofactor import PASSWORD, _app, _code, _password_login, _recovery_codes, _verified

pytestmark = [pytest.mark.django_db, pytest.mark.second_factor]

OTHER_KEY = "00" * 20


@pytest.mark.parametrize("actor", ["secretary", "facilitator", "officer_region", "officer_municipality"])
def test_staff_switch_the_second_step_on_and_then_need_it_at_every_login(world, actor):
    user = world.user(actor)
    client = _password_login(user)
    account = client.get(reverse("accounts:account")).content.decode()
    assert "Tweede stap bij inloggen" in account and f'href="{reverse("twofactor:setup")}"' in account

    setup = client.get(reverse("twofactor:setup")).content.decode()
    assert "U zet de tweede stap aan" in setup and "U bent beheerder" not in setup
    key = client.session["twofactor_new_key"]
    response = client.post(reverse("twofactor:setup"), {"code": _code(key)})
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:manage"))
    assert AuditEvent.objects.filter(action="twofactor.setup", actor=user).count() == 1
    assert client.get(reverse("dashboards:dashboard")).status_code == 200  # this session passed the step
    assert "Aan." in client.get(reverse("accounts:account")).content.decode()

    again = _password_login(user)
    response = again.get(reverse("dashboards:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:verify"))
    TOTPDevice.objects.filter(user=user).update(last_t=-1)  # the code used above may still be the current one
    assert again.post(reverse("twofactor:verify"), {"code": _code(key)}).status_code == 302
    assert again.get(reverse("dashboards:dashboard")).status_code == 200


def test_a_login_link_or_printed_code_login_of_someone_who_chose_it_also_meets_the_step(world):
    """Force_login (what the login link and printed code do) fires the same login signal as the password form."""
    secretary = world.user("secretary")
    _app(secretary)
    client = Client()
    client.force_login(secretary)
    response = client.get(reverse("dashboards:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:verify"))


def test_the_choice_is_read_once_at_login_not_on_every_page(world):
    """A secretary without an app: pages cost no query for the second step (the login decided it)."""
    client = _password_login(world.user("secretary"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboards:dashboard")).status_code == 200
    assert not [q for q in queries.captured_queries if "otp_" in q["sql"]]


def test_switching_off_needs_the_step_and_the_password_and_is_audited(world):
    secretary = world.user("secretary")
    old_session = _password_login(secretary)  # logged in before the app was linked: no step in this session
    _app(secretary, key=OTHER_KEY)
    _recovery_codes(secretary, "abcd2345")
    response = old_session.get(reverse("twofactor:switch_off"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:verify"))
    assert old_session.post(reverse("twofactor:switch_off"), {"password": PASSWORD}).status_code == 302
    assert TOTPDevice.objects.filter(user=secretary).exists()

    client = _verified(secretary)
    manage = client.get(reverse("twofactor:manage")).content.decode()
    assert f'href="{reverse("twofactor:switch_off")}"' in manage
    wrong = client.post(reverse("twofactor:switch_off"), {"password": "niet-het-wachtwoord"})
    assert wrong.status_code == 200 and "Dit wachtwoord klopt niet" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=secretary).exists()

    response = client.post(reverse("twofactor:switch_off"), {"password": PASSWORD})
    assert response["Location"] == reverse("accounts:account")
    assert not TOTPDevice.objects.filter(user=secretary).exists()
    assert not StaticDevice.objects.filter(user=secretary).exists()
    event = AuditEvent.objects.get(action="twofactor.switch_off")
    assert event.actor == secretary and secretary.name not in event.target_label
    assert "Uit." in client.get(reverse("accounts:account")).content.decode()
    assert _password_login(secretary).get(reverse("dashboards:dashboard")).status_code == 200


def test_wrong_passwords_when_switching_off_are_limited_like_a_login(world, settings):
    secretary = world.user("secretary")
    _app(secretary, key=OTHER_KEY)
    client = _verified(secretary)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        wrong = client.post(reverse("twofactor:switch_off"), {"password": "niet-het-wachtwoord"})
        assert "Dit wachtwoord klopt niet" in wrong.content.decode()
    # Now even the right password is not checked for an hour: the answer says so and nothing changes.
    refused = client.post(reverse("twofactor:switch_off"), {"password": PASSWORD})
    assert refused.status_code == 200
    assert "te vaak een verkeerd wachtwoord" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=secretary).exists()


def test_without_a_password_switching_off_asks_a_current_code(world):
    person = UserFactory(email="secretaris.zonder.wachtwoord@example.org", name="Zonder Wachtwoord")
    person.set_unusable_password()
    person.save()
    RoleAssignment.objects.create(user=person, role=Role.SECRETARY, region=world.region, body=world.body)
    _app(person, key=OTHER_KEY)
    client = Client()
    client.force_login(person)  # the login link
    assert client.post(reverse("twofactor:verify"), {"code": _code(OTHER_KEY)}).status_code == 302
    page = client.get(reverse("twofactor:switch_off")).content.decode()
    assert 'autocomplete="one-time-code"' in page and 'type="password"' not in page
    assert client.post(reverse("twofactor:switch_off"), {"code": "abcdefgh"}).status_code == 200
    assert TOTPDevice.objects.filter(user=person).exists()
    TOTPDevice.objects.filter(user=person).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    response = client.post(reverse("twofactor:switch_off"), {"code": _code(OTHER_KEY)})
    assert response["Location"] == reverse("accounts:account")
    assert not TOTPDevice.objects.filter(user=person).exists()


def test_a_beheerder_cannot_switch_the_second_step_off(world):
    admin = world.user("admin")
    client = _verified(admin)
    assert "Tweede stap uitzetten" not in client.get(reverse("twofactor:manage")).content.decode()
    assert client.post(reverse("twofactor:switch_off"), {"password": PASSWORD}).status_code == 403
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_someone_who_is_only_a_member_again_is_not_asked_for_the_app_they_once_linked(world):
    former = world.user("secretary")
    _app(former)
    RoleAssignment.objects.filter(user=former).exclude(role=Role.MEMBER).delete()
    RoleAssignment.objects.create(user=former, role=Role.MEMBER, region=world.region, body=world.body)
    client = _password_login(former)
    assert client.get(reverse("dashboards:dashboard")).status_code == 200
    assert "Tweede stap" not in client.get(reverse("accounts:account")).content.decode()


def test_a_beheerder_wipes_the_second_step_of_a_secretary_who_lost_their_phone(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    secretary = world.user("secretary")
    _app(secretary, key=OTHER_KEY)
    open_session = _password_login(secretary)  # at the code step, phone lost
    page = open_session.get(reverse("twofactor:verify")).content.decode()
    assert "Vraag een beheerder van uw regio" in page and "andere beheerder" not in page
    client = _verified(world.user("admin"))
    url = reverse("twofactor:reset", args=[world.region.slug, secretary.pk])
    person_page = client.get(reverse("accounts:person", args=[world.region.slug, secretary.pk])).content.decode()
    assert person_page.count(f'href="{url}"') == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=secretary).exists()
    assert "U logt nu weer in zonder code uit de app." in mailoutbox[0].body
    # The choice ended with the app: the open session goes on without the step, and so does the next login.
    assert open_session.get(reverse("dashboards:dashboard")).status_code == 200
    assert "twofactor_chosen" not in open_session.session
    assert _password_login(secretary).get(reverse("dashboards:dashboard")).status_code == 200
