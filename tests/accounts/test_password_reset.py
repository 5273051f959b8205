"""Password reset: same answer for everyone, email through the task queue, link to our own site."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _reset(client, email, callbacks):
    with callbacks(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email})


def test_reset_mail_uses_the_site_address(client, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://inspraak.example.nl"
    user = UserFactory(name="Anna Jansen")
    response = _reset(client, user.email, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("accounts:password_reset_done")
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Nieuw wachtwoord kiezen voor Inspraak"
    assert "Beste Anna Jansen" in body
    assert re.search(r"https://inspraak\.example\.nl/wachtwoord-vergeten/\S+/\S+/", body)
    assert f"{settings.PASSWORD_RESET_TIMEOUT // 60} minuten" in body


def test_unknown_and_inactive_addresses_get_the_same_answer_and_no_mail(client, django_capture_on_commit_callbacks):
    inactive = UserFactory(is_active=False)
    for email in ("niemand@example.org", inactive.email):
        response = _reset(client, email, django_capture_on_commit_callbacks)
        assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_bad_address_is_explained(client):
    html = client.post(reverse("accounts:password_reset"), {"email": "geen adres"}).content.decode()
    assert "Dit is geen goed e-mailadres." in html
    assert 'value="geen adres"' in html


def test_broken_reset_link_offers_a_new_one(client):
    url = reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "fout"})
    html = client.get(url).content.decode()
    assert "Deze link werkt niet meer" in html
    assert reverse("accounts:password_reset") in html


def test_reset_link_works_once(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    _reset(client, user.email, django_capture_on_commit_callbacks)
    path = re.search(r"https?://[^/]+(/wachtwoord-vergeten/\S+/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    new = "een-nieuw-lang-wachtwoord"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert "Deze link werkt niet meer" in client.get(path, follow=True).content.decode()
