"""The three ways to log in, password reset, and rate limiting."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts import services
from inspraak.accounts.models import LoginLink
from inspraak.accounts.tokens import CODE_ALPHABET, new_login_code, normalize_code
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-123"


def test_password_login_and_logout(client):
    user = UserFactory()
    response = client.post(reverse("accounts:login"), {"username": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("dashboards:dashboard")
    assert client.get(reverse("dashboards:dashboard")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboards:dashboard")).status_code == 302


def test_logout_needs_post(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405


def test_wrong_password_keeps_email_and_explains(client):
    user = UserFactory()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "fout"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in html
    assert f'value="{user.email}"' in html


def test_empty_login_form_has_errors_next_to_fields(client):
    html = client.post(reverse("accounts:login"), {"username": "", "password": ""}).content.decode()
    assert "Vul uw e-mailadres in." in html and "Vul uw wachtwoord in." in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_username_error"' in html


def test_next_is_honoured_only_for_our_own_site(client):
    user = UserFactory()
    data = {"username": user.email, "password": PASSWORD}
    response = client.post(reverse("accounts:login"), {**data, "next": "/privacy/"})
    assert response["Location"] == "/privacy/"
    client.logout()
    response = client.post(reverse("accounts:login"), {**data, "next": "https://evil.example/"})
    assert response["Location"] == reverse("dashboards:dashboard")


def test_password_login_is_rate_limited(client):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": user.email, "password": "fout"})
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Er is te vaak geprobeerd in te loggen" in response.content.decode()


# ---------------------------------------------------------------- login link


def _link_from_outbox() -> str:
    return re.search(r"http\S+/inloggen/link/(\S+)/", mail.outbox[-1].body).group(1)


def test_login_link_is_emailed_and_works_once(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:link_request"), {"email": user.email})
    assert "Als dit e-mailadres bij ons bekend is" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    token = _link_from_outbox()
    url = reverse("accounts:link_login", args=[token])

    # Opening the link (as a mail scanner would) does not use it up.
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("dashboards:dashboard")
    client.logout()
    assert client.post(url).status_code == 404
    assert "Deze link werkt niet meer" in client.get(url).content.decode()


def test_login_link_answer_does_not_reveal_unknown_addresses(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("accounts:link_request"), {"email": user.email}).content.decode()
        unknown = client.post(reverse("accounts:link_request"), {"email": "niemand@example.org"}).content.decode()
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", known) == strip.sub("", unknown)
    assert len(mail.outbox) == 1


def test_login_link_expires(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.login_link_request(email=user.email)
    LoginLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(reverse("accounts:link_login", args=[_link_from_outbox()])).status_code == 404


def test_at_most_five_links_an_hour(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sent = [services.login_link_request(email=user.email) for _ in range(7)]
    assert sent == [True] * 5 + [False] * 2
    assert len(mail.outbox) == 5


def test_only_a_hash_of_the_link_is_stored(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.login_link_request(email=user.email)
    token = _link_from_outbox()
    assert not LoginLink.objects.filter(token_hash=token).exists()


# ---------------------------------------------------------------- printed login code


def test_login_code_is_typeable_and_unguessable():
    code = new_login_code()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert set(code.replace("-", "")) <= set(CODE_ALPHABET)
    assert not set("01ILOU") & set(CODE_ALPHABET)
    assert len(CODE_ALPHABET) ** 12 > 2**58
    assert normalize_code(code.lower().replace("-", " ")) == code
    assert normalize_code("te kort") == ""


def test_login_with_printed_code(client):
    user = UserFactory(email=None, password=None)
    issued = services.login_code_issue(person=user, region=RegionFactory(), by=None)
    typed = issued.code.lower().replace("-", " ")
    response = client.post(reverse("accounts:code_login"), {"code": typed})
    assert response.status_code == 302 and response["Location"] == reverse("dashboards:dashboard")
    # A code on paper keeps working until it expires (people log in more than once).
    client.logout()
    assert client.post(reverse("accounts:code_login"), {"code": issued.code}).status_code == 302


def test_new_code_revokes_the_old_one(client):
    user = UserFactory(email=None)
    region = RegionFactory()
    old = services.login_code_issue(person=user, region=region, by=None)
    services.login_code_issue(person=user, region=region, by=None)
    response = client.post(reverse("accounts:code_login"), {"code": old.code})
    assert response.status_code == 200
    assert "Deze code klopt niet of werkt niet meer" in response.content.decode()


def test_expired_code_and_inactive_person_are_refused(client):
    user = UserFactory(email=None)
    issued = services.login_code_issue(person=user, region=RegionFactory(), by=None)
    user.login_codes.update(expires_at=timezone.now() - timedelta(days=1))
    _assert_code_refused(client.post(reverse("accounts:code_login"), {"code": issued.code}))
    user.login_codes.update(expires_at=timezone.now() + timedelta(days=1))
    user.is_active = False
    user.save()
    _assert_code_refused(client.post(reverse("accounts:code_login"), {"code": issued.code}))
    assert "_auth_user_id" not in client.session


def _assert_code_refused(response):
    assert response.status_code == 200
    assert "Deze code klopt niet of werkt niet meer." in response.content.decode()


def test_code_guessing_is_limited_per_code_group_and_address(client):
    user = UserFactory(email=None)
    issued = services.login_code_issue(person=user, region=RegionFactory(), by=None)
    guess = ("AAAA" if not issued.code.startswith("AAAA") else "BBBB") + "-BBBB-CCCC"
    for _ in range(5):
        client.post(reverse("accounts:code_login"), {"code": guess})
    assert client.post(reverse("accounts:code_login"), {"code": guess}).status_code == 429
    # Another member at the same address is not locked out by these guesses.
    assert client.post(reverse("accounts:code_login"), {"code": issued.code}).status_code == 302


# ---------------------------------------------------------------- password reset and own account


def test_password_reset_lets_a_person_without_password_choose_one(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/]+(/wachtwoord-vergeten/\S+/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "een-nieuw-lang-wachtwoord"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_account_page_changes_a_password_with_clear_errors(client):
    user = UserFactory()
    client.force_login(user)
    html = client.post(
        reverse("accounts:account"), {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "anders"}
    ).content.decode()
    assert "utrecht-form-field-error-message" in html
    new = "nog-een-lang-wachtwoord"
    response = client.post(
        reverse("accounts:account"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.get(reverse("accounts:account")).status_code == 200  # still logged in


def test_link_requests_are_limited_per_address_and_say_so_honestly(client, monkeypatch):
    queued = []
    monkeypatch.setattr(services, "login_link_request_queue", lambda *, email: queued.append(email))
    limit = services.LINK_REQUESTS_PER_ADDRESS.count
    for i in range(limit):
        response = client.post(reverse("accounts:link_request"), {"email": f"iemand{i}@example.org"})
        assert response.status_code == 200
        assert "Als dit e-mailadres bij ons bekend is" in response.content.decode()
    assert len(queued) == limit
    # Over the limit: nothing is queued, and the page does not pretend it was sent.
    response = client.post(reverse("accounts:link_request"), {"email": "nog.een@example.org"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Probeer het over een uur opnieuw" in html
    assert "Als dit e-mailadres bij ons bekend is" not in html
    assert len(queued) == limit
    other = client.post(reverse("accounts:link_request"), {"email": "nog.iemand@example.org"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200 and len(queued) == limit + 1


def test_failed_logins_do_not_store_the_email_address(client):
    from axes.models import AccessAttempt

    user = UserFactory()
    client.post(reverse("accounts:login"), {"username": user.email, "password": "fout"})
    attempt = AccessAttempt.objects.get()
    assert user.email not in attempt.username and user.email not in (attempt.post_data or "")
