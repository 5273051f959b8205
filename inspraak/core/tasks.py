"""Background tasks shared by all apps (run by `manage.py db_worker`)."""

from __future__ import annotations

from django.tasks import task


@task()
def send_email(
    *,
    pk: int | None = None,
    to: str = "",
    subject: str = "",
    body: str = "",
    html: str = "",
    ics: str = "",
    ics_method: str = "",
) -> str | None:
    """Send the outbox row ``pk`` (see inspraak.core.outbox.deliver: a temporary failure schedules the next try).

    The other arguments send one email directly, without the outbox: for tasks queued before the outbox existed.
    """
    from inspraak.core import outbox

    if pk is not None:
        return outbox.deliver(pk)
    outbox.message(to=to, subject=subject, body=body, html=html, ics=ics, ics_method=ics_method).send()
    return None


@task()
def send_sms(*, pk: int) -> str | None:
    """Send the SMS outbox row ``pk`` (see inspraak.core.sms: a temporary failure schedules the next try)."""
    from inspraak.core import sms

    return sms.deliver(pk)
