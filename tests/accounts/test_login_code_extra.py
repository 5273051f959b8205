"""Printed login codes: typing variants, hashing, one active code, and the letter page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts import services
from inspraak.accounts.models import LoginCode
from inspraak.accounts.tokens import keyed_hash
from tests.factories import paper_only

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(world):
    paper_only(world.client, world.region)
    return services.login_code_issue(person=world.client, region=world.region, by=world.user("admin"))


@pytest.mark.parametrize(
    "variant",
    [
        lambda c: c,
        lambda c: c.lower(),
        lambda c: c.replace("-", ""),
        lambda c: c.replace("-", " "),
        lambda c: "  " + c.lower().replace("-", "  ") + " ",
        lambda c: c.replace("-", "."),
    ],
)
def test_code_accepts_what_people_type(client, world, issued, variant):
    response = client.post(reverse("accounts:code_login"), {"code": variant(issued.code)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.client.pk)


def test_only_a_keyed_hash_is_stored(world, issued):
    row = LoginCode.objects.get(user=world.client)
    assert issued.code not in row.code_hash
    assert row.code_hash == keyed_hash(issued.code)
    assert not LoginCode.objects.filter(code_hash=issued.code).exists()


def test_code_expires_after_the_configured_days(world, issued, settings):
    row = LoginCode.objects.get(user=world.client)
    expected = timezone.now() + timedelta(days=settings.LOGIN_CODE_DAYS)
    assert abs((row.expires_at - expected).total_seconds()) < 60


def test_one_active_code_per_person(world, issued):
    services.login_code_issue(person=world.client, region=world.region, by=world.user("admin"))
    services.login_code_issue(person=world.client, region=world.region, by=world.user("admin"))
    assert LoginCode.objects.filter(user=world.client).count() == 3
    assert LoginCode.objects.filter(user=world.client, revoked_at__isnull=True).count() == 1


def test_successful_code_login_records_last_use(client, world, issued):
    client.post(reverse("accounts:code_login"), {"code": issued.code})
    assert LoginCode.objects.get(user=world.client).last_used_at is not None


def test_code_login_follows_a_safe_next(client, issued):
    response = client.post(reverse("accounts:code_login"), {"code": issued.code, "next": "/mijn-account/"})
    assert response["Location"] == "/mijn-account/"
    client.logout()
    response = client.post(reverse("accounts:code_login"), {"code": issued.code, "next": "https://evil.example/"})
    assert response["Location"] == reverse("dashboards:dashboard")


def test_deactivating_revokes_codes(client, world, issued):
    services.person_deactivate(person=world.client, region=world.region, by=world.user("admin"))
    assert not LoginCode.objects.filter(user=world.client, revoked_at__isnull=True).exists()
    services.person_activate(person=world.client, region=world.region, by=world.user("admin"))
    # Switching access back on does not revive the old code.
    response = client.post(reverse("accounts:code_login"), {"code": issued.code})
    assert response.status_code == 200
    assert "Deze code klopt niet of werkt niet meer." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_code_message_keeps_the_input(client):
    html = client.post(reverse("accounts:code_login"), {"code": "abcd efgh jkmn"}).content.decode()
    assert "Deze code klopt niet of werkt niet meer" in html
    assert 'value="ABCD-EFGH-JKMN"' in html or 'value="abcd efgh jkmn"' in html
    assert 'aria-invalid="true"' in html


def test_empty_code_message(client):
    html = client.post(reverse("accounts:code_login"), {"code": ""}).content.decode()
    assert "Vul de inlogcode uit uw brief in." in html
