"""Delivery of the outboxes (``OutgoingEmail``, ``OutgoingSms``): try, and after a temporary failure try again later.

A row is written in the transaction that caused the email; after the commit a task sends it. A temporary failure
(the mail server is away, a timeout, an SMTP 4xx answer) schedules the next try with a growing pause (1, 5, 15 and
60 minutes, then 4, 8 and 12 hours: about a day in all); a permanent one (the mail server refuses the address or the
message, 5xx) or the last try marks the row "niet gelukt", which the sender and the beheerder see and can retry.
``manage.py retry_email`` (run from the hourly clean-up) sends rows whose task got lost (worker stopped, enqueue
failed) and deletes sent rows after ``SENT_RETENTION``: their contents are personal data.

Text messages go the same way (``inspraak.core.sms``): each kind of outbox is a ``Channel`` (its model, how one row
is sent, how an error is classified, its task), and ``deliver``, ``send_due``, ``prune`` and ``retry`` take the
channel (default: email).
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from inspraak.core.models import OutgoingEmail
from inspraak.core.signals import email_retried

logger = logging.getLogger(__name__)

BACKOFF = tuple(datetime.timedelta(minutes=m) for m in (1, 5, 15, 60, 240, 480, 720))
# While one worker sends a row, no other one takes it; a worker that died mid-send is picked up after this.
LEASE = datetime.timedelta(minutes=10)
SENT_RETENTION = datetime.timedelta(days=30)
FAILED_RETENTION = datetime.timedelta(days=90)

Status = OutgoingEmail.Status


@dataclass(frozen=True)
class Channel:
    """One kind of outbox: ``model`` (an ``OutboxRow``), ``transmit(row)`` sends one row or raises, ``classify(exc)``
    says (temporary?, kind of error without personal data), ``task()`` is the task that delivers a row by pk."""

    name: str
    model: type
    transmit: Callable
    classify: Callable[[BaseException], tuple[bool, str]]
    task: Callable


def message(*, to: str, subject: str, body: str, html: str = "", ics: str = "", ics_method: str = ""):
    """The email itself: a plain text body and, optionally, an HTML version of the same text and a calendar file."""
    email = EmailMultiAlternatives(subject=" ".join(subject.split()), body=body, to=[to])
    if html:
        email.attach_alternative(html, "text/html")
    if ics:
        mimetype = f"text/calendar; method={ics_method}" if ics_method else "text/calendar"
        email.attach("bijeenkomst.ics", ics, mimetype)
    return email


def classify(exc: BaseException) -> tuple[bool, str]:
    """(temporary?, kind of error). The kind holds no personal data: an SMTP code or an exception class name."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted(code for code, _text in exc.recipients.values())
        return bool(codes) and all(400 <= code < 500 for code in codes), f"SMTP {codes[0] if codes else '?'}"
    if isinstance(exc, smtplib.SMTPDataError):  # the server refused the message itself
        return not 500 <= exc.smtp_code < 600, f"SMTP {exc.smtp_code}"
    if isinstance(exc, smtplib.SMTPResponseException):  # connect, helo, sender, login: the server or our settings
        return True, f"SMTP {exc.smtp_code}"
    if isinstance(exc, OSError):  # includes SMTPServerDisconnected, refused connections, timeouts, DNS errors
        return True, type(exc).__name__
    return False, type(exc).__name__


def _send_email_task():
    from inspraak.core.tasks import send_email

    return send_email


def _transmit_email(email: OutgoingEmail) -> None:
    message(
        to=email.to,
        subject=email.subject,
        body=email.body,
        html=email.html,
        ics=email.ics,
        ics_method=email.ics_method,
    ).send()


EMAIL = Channel(name="Email", model=OutgoingEmail, transmit=_transmit_email, classify=classify, task=_send_email_task)


def schedule(pk: int, *, run_after: datetime.datetime | None = None, channel: Channel = EMAIL) -> None:
    """Queue the task that sends row ``pk``. When that fails (or the tasks backend cannot wait), the row stays
    queued and ``manage.py retry_email`` picks it up."""
    task = channel.task()
    try:
        if run_after is None:
            task.enqueue(pk=pk)
        elif task.get_backend().supports_defer:
            task.using(run_after=run_after).enqueue(pk=pk)
    except Exception:
        logger.exception("%s #%s could not be handed to the task worker; retry_email will send it", channel.name, pk)


def add(
    *,
    to: str,
    subject: str,
    body: str,
    html: str = "",
    ics: str = "",
    ics_method: str = "",
    purpose: str = "",
    object_id: int | None = None,
    region_id: int | None = None,
) -> OutgoingEmail:
    """Write the row (in the caller's transaction) and send it after the commit."""
    email = OutgoingEmail.objects.create(
        to=to,
        subject=subject,
        body=body,
        html=html,
        ics=ics,
        ics_method=ics_method,
        purpose=purpose,
        object_id=object_id,
        region_id=region_id,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: schedule(email.pk))
    return email


def deliver(pk: int, *, now: datetime.datetime | None = None, channel: Channel = EMAIL) -> str | None:
    """Send row ``pk`` if it is still queued and due. Returns its new status, or None when there was nothing to do
    (already sent, not due, or another worker has it)."""
    now = now or timezone.now()
    rows = channel.model.objects
    claimed = rows.filter(pk=pk, status=Status.QUEUED, next_attempt_at__lte=now).update(next_attempt_at=now + LEASE)
    if not claimed:
        return None
    row = rows.get(pk=pk)
    attempts = row.attempts + 1
    try:
        channel.transmit(row)
    except Exception as exc:
        temporary, kind = channel.classify(exc)
        if temporary and attempts <= len(BACKOFF):
            status, next_at = Status.QUEUED, now + BACKOFF[attempts - 1]
        else:
            status, next_at = Status.FAILED, now
        rows.filter(pk=pk).update(status=status, attempts=attempts, next_attempt_at=next_at, last_error=kind[:80])
        logger.warning("%s #%s not delivered (%s, attempt %s): %s", channel.name, pk, kind, attempts, status)
        if status == Status.QUEUED:
            schedule(pk, run_after=next_at, channel=channel)
        return status
    rows.filter(pk=pk).update(status=Status.SENT, attempts=attempts, sent_at=timezone.now(), last_error="")
    return Status.SENT


def send_due(*, now: datetime.datetime | None = None, channel: Channel = EMAIL) -> int:
    """Queue a task for every queued row whose time has come (its own task was lost). Returns how many."""
    now = now or timezone.now()
    due = list(
        channel.model.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    for pk in due:
        schedule(pk, channel=channel)
    return len(due)


def prune(*, now: datetime.datetime | None = None, channel: Channel = EMAIL) -> int:
    """Delete sent rows after SENT_RETENTION and failed ones after FAILED_RETENTION. Returns how many."""
    now = now or timezone.now()
    rows = channel.model.objects
    sent, _ = rows.filter(status=Status.SENT, sent_at__lt=now - SENT_RETENTION).delete()
    failed, _ = rows.filter(status=Status.FAILED, created_at__lt=now - FAILED_RETENTION).delete()
    return sent + failed


def requeue(row, *, channel: Channel = EMAIL) -> bool:
    """Put a failed row back in the queue with a fresh series of tries, sent after the commit. False when it had not
    failed (nothing to do)."""
    if row.status != Status.FAILED:
        return False
    row.status, row.attempts, row.next_attempt_at = Status.QUEUED, 0, timezone.now()
    row.save(update_fields=["status", "attempts", "next_attempt_at"])
    transaction.on_commit(lambda: schedule(row.pk, channel=channel))
    return True


@transaction.atomic
def retry(*, email: OutgoingEmail, by) -> OutgoingEmail:
    """Try a failed email again now (a person asked for it), with a fresh series of tries. Sends ``email_retried``
    (the audit app writes its row from it, in this transaction)."""
    if requeue(email):
        email_retried.send(sender=OutgoingEmail, email=email, by=by)
    return email
