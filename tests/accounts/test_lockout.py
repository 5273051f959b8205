"""django-axes counts failed attempts of all three ways to log in and then refuses for a while."""

import pytest
from django.conf import settings
from django.urls import reverse

from inspraak.accounts import services
from tests.factories import UserFactory, paper_only

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT
PASSWORD = "geheim-wachtwoord-123"


def _password(client, email, password, ip="127.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def _code(client, code, ip="127.0.0.1"):
    return client.post(reverse("accounts:code_login"), {"code": code}, REMOTE_ADDR=ip)


def _link(client, token, ip="127.0.0.1"):
    return client.post(reverse("accounts:link_login", args=[token]), REMOTE_ADDR=ip)


def _assert_locked(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "Er is te vaak geprobeerd in te loggen" in html
    assert f"Wacht {round(settings.AXES_COOLOFF_TIME * 60)} minuten" in html


def test_password_lockout_after_limit_even_for_the_right_password(client):
    UserFactory(email="anna@example.org")
    for _ in range(LIMIT - 1):
        assert _password(client, "anna@example.org", "fout").status_code == 200
    _assert_locked(_password(client, "anna@example.org", "fout"))
    # Locked: even the right password does not work now.
    _assert_locked(_password(client, "anna@example.org", PASSWORD))
    assert "_auth_user_id" not in client.session


def test_password_lock_is_per_email_and_address(client):
    UserFactory(email="anna@example.org")
    UserFactory(email="bert@example.org")
    for _ in range(LIMIT):
        _password(client, "anna@example.org", "fout")
    # Another person from the same address, and the same person from another address, can still log in.
    assert _password(client, "bert@example.org", PASSWORD).status_code == 302
    client.logout()
    assert _password(client, "anna@example.org", PASSWORD, ip="10.0.0.9").status_code == 302


def test_success_resets_the_count(client):
    UserFactory(email="anna@example.org")
    for _ in range(LIMIT - 1):
        _password(client, "anna@example.org", "fout")
    assert _password(client, "anna@example.org", PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert _password(client, "anna@example.org", "fout").status_code == 200


def _other_group(code):
    return "AAAA" if not code.startswith("AAAA") else "BBBB"


def test_code_lockout_per_code_group_and_address(client, world):
    paper_only(world.client, world.region)
    issued = services.login_code_issue(person=world.client, region=world.region, by=world.user("admin"))
    guess = f"{_other_group(issued.code)}-BBBB-CCCC"
    for _ in range(LIMIT - 1):
        response = _code(client, guess)
        assert response.status_code == 200
        assert "Deze code klopt niet" in response.content.decode()
    _assert_locked(_code(client, guess))
    # Guessing codes that start with these four characters stops at this address...
    _assert_locked(_code(client, guess[:-1] + "D"))
    assert "_auth_user_id" not in client.session
    # ...but a member behind the same address (a library) still logs in with their own code.
    assert _code(client, issued.code).status_code == 302
    client.logout()
    # And someone at another address is not affected either.
    assert _code(client, guess, ip="10.0.0.7").status_code == 200


def test_guessing_many_codes_from_one_address_stops_at_a_ceiling(client, world, caplog):
    paper_only(world.client, world.region)
    issued = services.login_code_issue(person=world.client, region=world.region, by=world.user("admin"))
    ceiling = services.LOGIN_GUESSES_PER_ADDRESS.count
    alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
    groups = [a + b + "ZZ" for a in alphabet for b in alphabet if not issued.code.startswith(a + b)][:ceiling]
    for group in groups:  # a different first group each time: the per-code lock never applies
        assert _code(client, f"{group}-BBBB-CCCC").status_code == 200
    response = _code(client, issued.code)
    assert response.status_code == 429
    assert "Wacht 60 minuten" in response.content.decode()
    # The operator is warned, without the address.
    assert "failed code or link logins from one address" in caplog.text and "127.0.0.1" not in caplog.text
    # Other addresses are not affected.
    assert _code(client, issued.code, ip="10.0.0.7").status_code == 302


def test_incomplete_codes_are_not_counted(client):
    for _ in range(LIMIT + 2):
        response = _code(client, "ABC")
        assert response.status_code == 200
        assert "Deze code is niet compleet" in response.content.decode()


def test_link_lockout_per_address(client, world):
    for _ in range(LIMIT - 1):
        assert _link(client, "geraden-token").status_code == 404
    _assert_locked(_link(client, "geraden-token"))


def test_locked_page_offers_other_ways(client):
    for _ in range(LIMIT):
        response = _link(client, "geraden-token")
    html = response.content.decode()
    assert reverse("accounts:link_request") in html
    assert reverse("accounts:password_reset") in html
