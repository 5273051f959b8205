"""Login link details beyond the happy path: bad input, inactive people, changed emails, the pages' wording."""

import re

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspraak.accounts import services
from inspraak.accounts.models import LoginLink
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _request(client, email):
    return client.post(reverse("accounts:link_request"), {"email": email})


def _token() -> str:
    return re.search(r"/inloggen/link/(\S+)/", mail.outbox[-1].body).group(1)


def test_request_page_and_bad_address(client):
    html = client.get(reverse("accounts:link_request")).content.decode()
    assert "Stuur mij een link" in html
    html = _request(client, "geen-adres").content.decode()
    assert "Dit is geen goed e-mailadres." in html
    assert 'value="geen-adres"' in html
    assert not LoginLink.objects.exists()


def test_inactive_person_gets_no_link_but_the_same_answer(client, django_capture_on_commit_callbacks):
    user = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = _request(client, user.email)
    assert "Als dit e-mailadres bij ons bekend is" in response.content.decode()
    assert mail.outbox == []


def test_sixth_request_in_an_hour_is_refused_alike_for_known_and_unknown_addresses(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    for email in (user.email, "niemand@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            answers = [_request(client, email).status_code for _ in range(6)]
            last = _request(client, email).content.decode()
        # Five are queued; then the page says honestly that nothing was sent, for any address alike.
        assert answers == [200] * 5 + [429]
        assert "Probeer het over een uur opnieuw" in last
    assert len(mail.outbox) == 5
    assert LoginLink.objects.filter(user=user).count() == 5


def test_email_contents(client, django_capture_on_commit_callbacks, settings):
    user = UserFactory(name="Anna Jansen")
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, user.email.upper())
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Uw link om in te loggen bij Inspraak"
    assert "Beste Anna Jansen" in message.body
    assert f"{settings.SITE_URL}/inloggen/link/" in message.body
    assert f"{settings.LOGIN_LINK_MINUTES} minuten" in message.body


def test_no_mail_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.login_link_request(email=user.email)
                raise RuntimeError("stop")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert not LoginLink.objects.exists()


def test_confirm_page_has_one_post_button_and_is_not_cached(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.login_link_request(email=user.email)
    response = client.get(reverse("accounts:link_login", args=[_token()]))
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"
    form = html.split('<form method="post">')[1].split("</form>")[0]
    assert ">Inloggen</button>" in form
    assert "_auth_user_id" not in client.session


def test_used_link_page_offers_a_new_link(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.login_link_request(email=user.email)
    url = reverse("accounts:link_login", args=[_token()])
    assert client.post(url).status_code == 302
    client.logout()
    response = client.post(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Deze link werkt niet meer" in html
    assert reverse("accounts:link_request") in html
    assert "_auth_user_id" not in client.session


def test_link_of_a_person_switched_off_after_sending_does_not_work(client, django_capture_on_commit_callbacks, world):
    user = world.client
    with django_capture_on_commit_callbacks(execute=True):
        services.login_link_request(email=user.email)
    services.person_deactivate(person=user, region=world.region, by=world.user("admin"))
    assert client.post(reverse("accounts:link_login", args=[_token()])).status_code == 404
    assert "_auth_user_id" not in client.session


def test_new_email_address_stops_links_sent_to_the_old_one(client, django_capture_on_commit_callbacks):
    region = RegionFactory()
    user = UserFactory(created_in_region=region)
    with django_capture_on_commit_callbacks(execute=True):
        services.login_link_request(email=user.email)
    services.person_update(person=user, region=region, by=None, name=user.name, email="nieuw@example.org")
    assert client.post(reverse("accounts:link_login", args=[_token()])).status_code == 404


def test_known_and_unknown_addresses_cost_the_same_work_in_the_request(client):
    """The lookup happens in the background task: the answer gives no timing hint about who has an account."""
    user = UserFactory()
    counts = []
    for email in (user.email, "niemand@example.org"):
        with CaptureQueriesContext(connection) as ctx:
            _request(client, email)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert not LoginLink.objects.exists()  # nothing yet: the task runs after the commit
