"""Nothing lost: every email is an outbox row until the mail server accepted it; temporary failures are retried."""

import datetime
import io
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inspraak.audit.models import AuditEvent
from inspraak.core import outbox
from inspraak.core.mail import enqueue_email, queue_email
from inspraak.core.models import OutgoingEmail
from inspraak.core.outbox_privacy import erase_emails, export_emails
from tests.factories import RegionFactory, UserFactory
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

SEND = "django.core.mail.EmailMultiAlternatives.send"


def _queue(django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_email(to="a@example.org", subject="Onderwerp", body="Tekst", **extra)
    return OutgoingEmail.objects.get()


def test_a_sent_email_is_marked_sent(django_capture_on_commit_callbacks):
    region = RegionFactory()
    row = _queue(django_capture_on_commit_callbacks, purpose="feedback_report", object_id=7, region=region)
    assert len(mail.outbox) == 1
    assert (row.status, row.attempts, row.purpose, row.object_id, row.region_id) == (
        "sent",
        1,
        "feedback_report",
        7,
        region.pk,
    )
    assert row.sent_at is not None


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError(),
        smtplib.SMTPServerDisconnected("gone"),
        smtplib.SMTPRecipientsRefused({"a@example.org": (451, b"try later a@example.org")}),
    ],
    ids=["refused", "timeout", "disconnected", "4xx"],
)
def test_a_temporary_failure_is_tried_again_later_and_then_sent(django_capture_on_commit_callbacks, error):
    with mock.patch(SEND, side_effect=error):
        row = _queue(django_capture_on_commit_callbacks)
    assert (row.status, row.attempts) == ("queued", 1)
    assert row.next_attempt_at > timezone.now()
    assert "example.org" not in row.last_error  # the kind of error only, never the server's text
    # The worker was stopped meanwhile (the immediate test backend cannot wait): the periodic command sends it.
    call_command("retry_email", stdout=io.StringIO())
    assert OutgoingEmail.objects.get().status == "queued"  # not due yet
    later = row.next_attempt_at + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert outbox.send_due() == 1
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "")
    assert len(mail.outbox) == 1


def test_a_refused_address_is_not_tried_again(django_capture_on_commit_callbacks):
    error = smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user a@example.org")})
    with mock.patch(SEND, side_effect=error):
        row = _queue(django_capture_on_commit_callbacks)
    assert (row.status, row.attempts, row.last_error) == ("failed", 1, "SMTP 550")


def test_tries_stop_after_about_a_day(django_capture_on_commit_callbacks):
    now = timezone.now()
    with mock.patch(SEND, side_effect=ConnectionRefusedError()):
        row = _queue(django_capture_on_commit_callbacks)
        for _ in outbox.BACKOFF:
            row.refresh_from_db()
            now = row.next_attempt_at
            outbox.deliver(row.pk, now=now)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", len(outbox.BACKOFF) + 1)
    assert datetime.timedelta(hours=20) < now - row.created_at < datetime.timedelta(hours=30)


def test_a_lost_enqueue_loses_nothing(django_capture_on_commit_callbacks):
    with mock.patch("django.tasks.backends.immediate.ImmediateBackend.enqueue", side_effect=RuntimeError("down")):
        row = _queue(django_capture_on_commit_callbacks)
    assert (row.status, mail.outbox) == ("queued", [])
    call_command("retry_email", stdout=io.StringIO())
    assert OutgoingEmail.objects.get().status == "sent"
    assert len(mail.outbox) == 1


def test_a_row_is_sent_once_even_when_queued_twice(django_capture_on_commit_callbacks):
    row = _queue(django_capture_on_commit_callbacks)
    assert outbox.deliver(row.pk) is None
    assert len(mail.outbox) == 1


def test_sent_emails_are_deleted_after_thirty_days(django_capture_on_commit_callbacks):
    row = _queue(django_capture_on_commit_callbacks)
    OutgoingEmail.objects.filter(pk=row.pk).update(sent_at=timezone.now() - datetime.timedelta(days=31))
    call_command("retry_email", stdout=io.StringIO())
    assert not OutgoingEmail.objects.exists()


def test_a_failed_email_can_be_retried(django_capture_on_commit_callbacks):
    with mock.patch(SEND, side_effect=smtplib.SMTPDataError(554, b"refused")):
        row = _queue(django_capture_on_commit_callbacks)
    assert row.status == "failed"
    with django_capture_on_commit_callbacks(execute=True):
        outbox.retry(email=row, by=None)
    row.refresh_from_db()
    assert row.status == "sent"


def test_privacy_export_and_erasure_cover_the_outbox(django_capture_on_commit_callbacks):
    person = UserFactory(email="a@example.org")
    _queue(django_capture_on_commit_callbacks)
    assert [e["subject"] for e in export_emails(person)] == ["Onderwerp"]
    erase_emails(person)
    assert not OutgoingEmail.objects.exists()


def _failed(region, to="anna.jansen@example.org", **extra):
    return OutgoingEmail.objects.create(
        to=to,
        subject="Geheim onderwerp",
        body="Geheime tekst",
        region=region,
        purpose=extra.pop("purpose", "invitation"),
        status="failed",
        attempts=8,
        last_error="ConnectionRefusedError",
        next_attempt_at=timezone.now(),
        **extra,
    )


def test_the_beheerder_sees_failed_emails_of_their_region_masked_and_can_retry(
    world, client_for, django_capture_on_commit_callbacks
):
    ours = _failed(world.region)
    _failed(world.other_region, to="bert@other.example.org")
    OutgoingEmail.objects.create(
        to="c@example.org", subject="S", body="B", region=world.region, next_attempt_at=timezone.now()
    )
    client = client_for("admin")
    url = reverse("regions:email_failures", args=[world.region.slug])
    html = client.get(url).content.decode()
    assert (
        "a***@example.org" in html and "Uitnodiging voor een bijeenkomst" in html and "ConnectionRefusedError" in html
    )
    assert "anna.jansen" not in html and "Geheim" not in html  # no address, subject or text
    assert "other.example.org" not in html and "c***@example.org" not in html  # other region; not failed
    assert_constant_queries(client, url, lambda: _failed(world.region, to="d@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("regions:email_retry", args=[world.region.slug, ours.pk]))
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.status == "sent"
    assert [m.to for m in mail.outbox] == [["anna.jansen@example.org"]]
    assert AuditEvent.objects.filter(action="email.retry", region=world.region).count() == 1


def test_a_beheerder_cannot_retry_an_email_of_another_region(world, client_for):
    theirs = _failed(world.other_region)
    response = client_for("admin").post(reverse("regions:email_retry", args=[world.region.slug, theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "failed"


def test_queue_email_stores_the_region_of_the_body_it_is_about(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            to="a@example.org",
            template_prefix="accounts/email/login_link",
            context={"name": "Anna", "url": "u", "minutes": 20, "body": world.body},
        )
    assert OutgoingEmail.objects.get().region_id == world.region.pk


def test_pages_with_failed_deliveries_are_valid_html(world, client_for, tmp_path):
    from inspraak.agenda.models import Invitation
    from tests.agenda.data import agenda
    from tests.quality.html import assert_valid_html
    from tests.records.data import records

    published = agenda(world).published
    report = records(world).report
    OutgoingEmail.objects.update(status="failed")
    _failed(world.region)
    for invitation in Invitation.objects.filter(meeting=published, channel="email"):
        _failed(world.region, object_id=invitation.pk)
    slugs = {"region": world.region.slug, "body": world.body.slug}
    pages = {
        "feedback": client_for("facilitator").get(
            reverse("records:feedback", kwargs={**slugs, "pk": report.meeting_id})
        ),
        "agenda": client_for("secretary").get(reverse("agenda:agenda", kwargs={**slugs, "meeting": published.pk})),
        "failures": client_for("admin").get(reverse("regions:email_failures", args=[world.region.slug])),
    }
    assert "Opnieuw versturen" in pages["feedback"].content.decode()
    assert "kwam niet aan bij" in pages["agenda"].content.decode()
    assert_valid_html({name: response.content for name, response in pages.items()}, tmp_path)


def test_with_the_database_queue_a_failure_queues_its_next_try_for_later(settings, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from inspraak.core.tasks import send_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_email(to="a@example.org", subject="Onderwerp", body="Tekst")
    row = OutgoingEmail.objects.get()
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"] == {"pk": row.pk}  # the task holds the number only, never the email
    with mock.patch(SEND, side_effect=ConnectionRefusedError()):
        send_email.call(pk=row.pk)  # what the worker does
    row.refresh_from_db()
    later = DBTaskResult.objects.exclude(pk=task.pk).get()
    assert later.args_kwargs["kwargs"] == {"pk": row.pk}
    assert later.run_after == row.next_attempt_at > timezone.now()
