"""Password reset works like the login link (probe M8): the person is looked up in the task worker, so the answer
takes the same work for known and unknown addresses, and requests are limited per email and per client address."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspraak.accounts import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _reset(client, email, **extra):
    return client.post(reverse("accounts:password_reset"), {"email": email}, **extra)


def test_the_request_does_not_look_the_person_up(client, monkeypatch):
    queued = []
    monkeypatch.setattr(services, "password_reset_request_queue", lambda *, email: queued.append(email))
    user = UserFactory()
    queries = []
    for email in (user.email, "niemand@example.org"):
        with CaptureQueriesContext(connection) as ctx:
            assert _reset(client, email)["Location"] == reverse("accounts:password_reset_done")
        queries.append([q["sql"] for q in ctx.captured_queries])
    assert len(queries[0]) == len(queries[1])
    assert not any("accounts_user" in sql for sql in queries[0] + queries[1])
    assert queued == [user.email, "niemand@example.org"]


def test_three_reset_mails_an_hour_per_address_then_an_honest_answer(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [_reset(client, user.email).status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == 3
    # The same answer for an address without an account: the limit reveals nothing.
    answers = [_reset(client, "niemand@example.org").status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    html = _reset(client, "niemand@example.org").content.decode()
    assert "Probeer het over een uur opnieuw" in html


def test_twenty_reset_requests_an_hour_per_client_address(client, monkeypatch):
    monkeypatch.setattr(services, "password_reset_request_queue", lambda *, email: None)
    limit = services.RESET_REQUESTS_PER_ADDRESS.count
    for n in range(limit):
        assert _reset(client, f"iemand{n}@example.org").status_code == 302
    assert _reset(client, "nog.een@example.org").status_code == 429
    assert _reset(client, "nog.een@example.org", REMOTE_ADDR="192.0.2.7").status_code == 302
