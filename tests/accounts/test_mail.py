"""Email goes through the tasks API, after the transaction commits."""

import pytest
from django.core import mail
from django.db import transaction

from inspraak.core.mail import enqueue_email, queue_email
from inspraak.core.tasks import send_email

pytestmark = pytest.mark.django_db


def test_task_sends_plain_and_html():
    send_email.enqueue(to="a@example.org", subject="Onderwerp\nmet regel", body="Tekst", html="<p>Tekst</p>")
    message = mail.outbox[0]
    assert message.to == ["a@example.org"]
    assert message.subject == "Onderwerp met regel"
    assert message.body == "Tekst"
    assert message.alternatives[0].content == "<p>Tekst</p>"


def test_task_without_html_sends_plain_only():
    send_email.enqueue(to="a@example.org", subject="Onderwerp", body="Tekst")
    assert mail.outbox[0].alternatives == []


def test_queue_email_renders_templates_and_waits_for_commit(django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            to="a@example.org",
            template_prefix="accounts/email/login_link",
            context={"name": "Anna", "url": "https://x.example/l/1/", "minutes": 20},
        )
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Uw link om in te loggen bij Inspraak"
    assert "https://x.example/l/1/" in mail.outbox[0].body
    assert mail.outbox[0].from_email == settings.DEFAULT_FROM_EMAIL


def test_queue_email_subject_can_be_given(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            to="a@example.org",
            subject="Eigen onderwerp",
            template_prefix="accounts/email/login_link",
            context={"name": "Anna", "url": "u", "minutes": 20},
        )
    assert mail.outbox[0].subject == "Eigen onderwerp"


def test_nothing_is_sent_after_a_rollback(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                enqueue_email(to="a@example.org", subject="S", body="B")
                raise RuntimeError
        except RuntimeError:
            pass
    assert mail.outbox == []
