"""Logging in with email and password, the `next` address, logging out, and the login page itself."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"  # the UserFactory default


def _login(client, email, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": email, "password": password, **extra})


def test_login_page_offers_three_ways(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Met e-mailadres en wachtwoord" in html
    assert "Stuur mij een inloglink" in html
    assert "Ik heb een inlogcode op papier" in html
    assert reverse("accounts:link_request") in html
    assert reverse("accounts:code_login") in html


def test_good_password_logs_in_and_goes_to_dashboard(client):
    user = UserFactory(email="anna@example.org")
    response = _login(client, "Anna@Example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboards:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_gives_one_message_and_keeps_email(client):
    UserFactory(email="anna@example.org")
    response = _login(client, "anna@example.org", "fout")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in html
    assert 'value="anna@example.org"' in html
    assert "_auth_user_id" not in client.session


def test_unknown_email_gets_the_same_message(client):
    html = _login(client, "niemand@example.org").content.decode()
    assert "Het e-mailadres of het wachtwoord klopt niet." in html


def test_empty_form_shows_messages_next_to_fields(client):
    html = client.post(reverse("accounts:login"), {"username": "geen-mail", "password": ""}).content.decode()
    assert "Dit is geen goed e-mailadres." in html
    assert "Vul uw wachtwoord in." in html
    assert 'value="geen-mail"' in html


def test_inactive_person_cannot_log_in(client):
    UserFactory(email="weg@example.org", is_active=False)
    _login(client, "weg@example.org")
    assert "_auth_user_id" not in client.session


def test_person_without_password_cannot_log_in_with_password(client):
    user = UserFactory(email="nieuw@example.org")
    user.set_unusable_password()
    user.save()
    _login(client, "nieuw@example.org", "")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("target", ["/mijn-account/", "/mijn-account/?tab=1"])
def test_safe_next_is_followed(client, target):
    UserFactory(email="anna@example.org")
    response = _login(client, "anna@example.org", next=target)
    assert response["Location"] == target


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/", "javascript:alert(1)"]
)
def test_unsafe_next_is_ignored(client, target):
    UserFactory(email="anna@example.org")
    response = _login(client, "anna@example.org", next=target)
    assert response["Location"] == reverse("dashboards:dashboard")


def test_next_from_query_string_is_kept_in_the_form_and_code_link(client):
    html = client.get(reverse("accounts:login"), {"next": "/mijn-account/"}).content.decode()
    assert 'name="next" value="/mijn-account/"' in html
    assert f"{reverse('accounts:code_login')}?next=/mijn-account/" in html


def test_unsafe_next_is_not_put_in_the_form(client):
    html = client.get(reverse("accounts:login"), {"next": "https://evil.example/"}).content.decode()
    assert 'name="next"' not in html.split('action="/inloggen/"')[1].split("</form>")[0]
    assert f"{reverse('accounts:code_login')}?next" not in html


def test_next_survives_a_failed_attempt(client):
    UserFactory(email="anna@example.org")
    html = _login(client, "anna@example.org", "fout", next="/mijn-account/").content.decode()
    assert 'name="next" value="/mijn-account/"' in html


def test_login_required_page_sends_anonymous_to_login_with_next(client):
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_logout_is_post_only(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
