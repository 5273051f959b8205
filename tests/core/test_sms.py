"""The SMS gateway and the SMS outbox: nothing lost, each message once, temporary failures tried again, "niet
gelukt" after a refusal, personal data exported, erased and pruned like emails."""

import datetime
import io
import logging
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from inspraak.core import outbox, sms
from inspraak.core.models import OutgoingSms
from inspraak.core.outbox_privacy import erase_sms, export_sms, sms_region_ids
from inspraak.core.privacy_registry import get
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

SEND = "inspraak.core.sms.LocmemBackend.send"


class ProviderBackend(sms.BaseBackend):
    """What a provider backend looks like: a small class with send(to, text)."""

    seen: list = []

    def send(self, to, text):
        type(self).seen.append((self.sender, self.url, self.token, to, text))


def _queue(capture, person=None, to="06 1234 5678", text="Herinnering: bijeenkomst morgen", **extra):
    person = person or UserFactory(email=None)
    with capture(execute=True):
        row = sms.queue_sms(person=person, to=to, text=text, **extra)
    if row is not None:
        row.refresh_from_db()
    return row


def test_a_text_message_is_sent_after_the_commit_and_marked_sent(django_capture_on_commit_callbacks, smsoutbox):
    region = RegionFactory()
    person = UserFactory(email=None)
    with django_capture_on_commit_callbacks() as callbacks:
        row = sms.queue_sms(
            person=person, to="06-12345678", text="Tekst", purpose="reminder", object_id=3, region=region
        )
        assert smsoutbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert [(m.to, m.text) for m in smsoutbox] == [("+31612345678", "Tekst")]
    assert (row.status, row.attempts, row.to, row.purpose, row.object_id, row.region_id) == (
        "sent",
        1,
        "+31612345678",
        "reminder",
        3,
        region.pk,
    )
    assert row.sent_at is not None


def test_nothing_is_queued_for_a_number_that_is_not_a_dutch_mobile_number(django_capture_on_commit_callbacks):
    assert _queue(django_capture_on_commit_callbacks, to="020 123 4567") is None
    assert not OutgoingSms.objects.exists()


def test_the_text_is_one_line_in_gsm7(django_capture_on_commit_callbacks, smsoutbox):
    _queue(django_capture_on_commit_callbacks, text="Cliëntenpanel\n  op dinsdag – kom ook")
    assert smsoutbox[0].text == "Clientenpanel op dinsdag - kom ook"


@pytest.mark.parametrize(
    "error",
    [sms.TemporarySmsError("HTTP 503"), ConnectionRefusedError(111, "refused"), TimeoutError()],
    ids=["gateway-503", "refused", "timeout"],
)
def test_a_temporary_failure_is_tried_again_later_and_then_sent(django_capture_on_commit_callbacks, smsoutbox, error):
    with mock.patch(SEND, side_effect=error):
        row = _queue(django_capture_on_commit_callbacks)
    assert (row.status, row.attempts) == ("queued", 1)
    assert row.next_attempt_at > timezone.now()
    assert "0612345678" not in row.last_error and "+316" not in row.last_error
    call_command("retry_email", stdout=io.StringIO())  # the hourly clean-up: not due yet
    assert OutgoingSms.objects.get().status == "queued"
    later = row.next_attempt_at + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        out = io.StringIO()
        call_command("retry_email", stdout=out)
    assert "Queued 1 text messages again" in out.getvalue()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "")
    assert len(smsoutbox) == 1


@pytest.mark.parametrize(
    ("error", "kind"),
    [(sms.PermanentSmsError("HTTP 400"), "HTTP 400"), (ValueError("bad"), "ValueError")],
    ids=["refused-number", "unexpected"],
)
def test_a_refusal_is_not_tried_again_and_shows_niet_gelukt(django_capture_on_commit_callbacks, error, kind):
    with mock.patch(SEND, side_effect=error):
        row = _queue(django_capture_on_commit_callbacks)
    assert (row.status, row.attempts, row.last_error) == ("failed", 1, kind)
    assert row.get_status_display() == "niet gelukt"


def test_tries_stop_after_about_a_day(django_capture_on_commit_callbacks):
    with mock.patch(SEND, side_effect=sms.TemporarySmsError("HTTP 503")):
        row = _queue(django_capture_on_commit_callbacks)
        for _ in outbox.BACKOFF:
            row.refresh_from_db()
            assert row.status == "queued"
            sms.deliver(row.pk, now=row.next_attempt_at)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", len(outbox.BACKOFF) + 1)


def test_a_row_is_sent_once_even_when_two_workers_take_it(django_capture_on_commit_callbacks, smsoutbox):
    row = _queue(django_capture_on_commit_callbacks)
    assert sms.deliver(row.pk) is None  # already sent
    OutgoingSms.objects.filter(pk=row.pk).update(status="queued", next_attempt_at=timezone.now())
    # The first worker claims the row (a lease); the second one finds nothing to do.
    OutgoingSms.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() + outbox.LEASE)
    assert sms.deliver(row.pk) is None
    assert len(smsoutbox) == 1


def test_a_lost_enqueue_loses_nothing(django_capture_on_commit_callbacks, smsoutbox):
    with mock.patch("django.tasks.backends.immediate.ImmediateBackend.enqueue", side_effect=RuntimeError("down")):
        row = _queue(django_capture_on_commit_callbacks)
    assert row.status == "queued" and smsoutbox == []
    assert sms.send_due() == 1
    assert OutgoingSms.objects.get().status == "sent"


def test_sent_messages_are_deleted_after_thirty_days_and_failed_ones_after_ninety(django_capture_on_commit_callbacks):
    sent = _queue(django_capture_on_commit_callbacks)
    with mock.patch(SEND, side_effect=sms.PermanentSmsError("HTTP 400")):
        failed = _queue(django_capture_on_commit_callbacks)
    assert sms.prune(now=sent.sent_at + datetime.timedelta(days=29)) == 0
    assert sms.prune(now=sent.sent_at + datetime.timedelta(days=31)) == 1
    assert list(OutgoingSms.objects.values_list("pk", flat=True)) == [failed.pk]
    assert sms.prune(now=failed.created_at + datetime.timedelta(days=91)) == 1
    assert not OutgoingSms.objects.exists()


def test_a_failed_message_can_be_put_back_in_the_queue(django_capture_on_commit_callbacks, smsoutbox):
    with mock.patch(SEND, side_effect=sms.PermanentSmsError("HTTP 400")):
        row = _queue(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.requeue(row, channel=sms.SMS) is True
    row.refresh_from_db()
    assert row.status == "sent" and len(smsoutbox) == 1
    assert outbox.requeue(row, channel=sms.SMS) is False


# ---------------------------------------------------------------- the gateway setting


def test_the_console_backend_writes_the_message_to_the_log(settings, django_capture_on_commit_callbacks, caplog):
    settings.SMS_BACKEND = "inspraak.core.sms.ConsoleBackend"
    with caplog.at_level(logging.INFO, logger="inspraak.core.sms"):
        row = _queue(django_capture_on_commit_callbacks, text="Hallo")
    assert row.status == "sent"
    assert "SMS to 06 1234 5678: Hallo" in caplog.text


def test_with_sms_disabled_nothing_is_queued_and_a_leftover_row_fails(settings, django_capture_on_commit_callbacks):
    left = _queue(django_capture_on_commit_callbacks)
    OutgoingSms.objects.filter(pk=left.pk).update(status="queued", attempts=0, next_attempt_at=timezone.now())
    settings.SMS_BACKEND = "inspraak.core.sms.DisabledBackend"
    assert sms.enabled() is False
    assert _queue(django_capture_on_commit_callbacks) is None
    assert sms.deliver(left.pk) == "failed"
    assert OutgoingSms.objects.get(pk=left.pk).last_error == "sms uitgeschakeld"


def test_production_sends_no_sms_until_a_backend_is_configured():
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "INSPRAAK_PRODUCTION": "true",
        "SECRET_KEY": "k3j4h5g6f7d8s9a0" * 4,
    }
    env.pop("SMS_BACKEND", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    code = "import django; django.setup(); from inspraak.core import sms; print(sms.enabled())"
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr


def test_a_provider_backend_is_a_small_class_that_gets_the_options(settings, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = f"{__name__}.ProviderBackend"
    settings.SMS_OPTIONS = {"sender": "Inspraak", "url": "https://gateway.example/api", "token": "geheim"}
    ProviderBackend.seen.clear()
    row = _queue(django_capture_on_commit_callbacks, text="Hallo")
    assert row.status == "sent"
    assert ProviderBackend.seen == [("Inspraak", "https://gateway.example/api", "geheim", "+31612345678", "Hallo")]


# ---------------------------------------------------------------- personal data


def test_privacy_export_and_erasure_cover_the_sms_outbox(django_capture_on_commit_callbacks):
    region = RegionFactory()
    person, other = UserFactory(email=None), UserFactory(email=None)
    _queue(django_capture_on_commit_callbacks, person=person, text="Voor u", region=region)
    _queue(django_capture_on_commit_callbacks, person=other, to="0687654321", text="Voor een ander")
    exported = export_sms(person)
    assert [(row["text"], row["status"]) for row in exported] == [("Voor u", "verstuurd")]
    assert "to" not in exported[0]
    assert sms_region_ids(person) == {region.pk}
    part = get("sms")
    assert "core.OutgoingSms" in part.models
    erase_sms(person)
    assert not OutgoingSms.objects.filter(person=person).exists()
    assert OutgoingSms.objects.filter(person=other).count() == 1
