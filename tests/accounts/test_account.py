"""Mijn account: own details, roles, choosing or changing a password."""

import pytest
from django.urls import reverse

from inspraak.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-123"
NEW = "een-heel-nieuw-wachtwoord"


def test_account_shows_roles(client, world):
    client.force_login(world.user("secretary"))
    html = client.get(reverse("accounts:account")).content.decode()
    assert "Secretaris" in html
    assert world.body.name in html
    assert "Test secretary" in html


def test_person_without_password_chooses_one_without_old_password(client):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    html = client.get(reverse("accounts:account")).content.decode()
    assert "Wachtwoord kiezen" in html
    assert "old_password" not in html
    response = client.post(reverse("accounts:account"), {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get(reverse("accounts:account")).status_code == 200  # session still valid
    event = AuditEvent.objects.get(action="password.set")
    assert user.email not in event.target_label and user.name not in event.target_label


def test_changing_a_password_needs_the_old_one(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:account"), {"old_password": "fout", "new_password1": NEW, "new_password2": NEW}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Uw huidige wachtwoord klopt niet." in html
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_mismatch_and_weak_passwords_are_explained(client):
    user = UserFactory()
    client.force_login(user)
    html = client.post(
        reverse("accounts:account"), {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW + "x"}
    ).content.decode()
    assert "De twee wachtwoorden zijn niet hetzelfde." in html
    html = client.post(
        reverse("accounts:account"), {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"}
    ).content.decode()
    assert "utrecht-form-field-error-message" in html
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_person_without_email_gets_an_explanation_instead_of_a_form(client):
    user = UserFactory(email=None)
    client.force_login(user)
    html = client.get(reverse("accounts:account")).content.decode()
    assert "new_password1" not in html
    assert "code uit uw brief" in html
    assert client.post(reverse("accounts:account"), {"new_password1": NEW, "new_password2": NEW}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
