"""Background tasks shared by all apps (run by `manage.py db_worker`)."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task()
def send_email(*, to: str, subject: str, body: str, html: str = "", ics: str = "", ics_method: str = "") -> None:
    """Send one email: a plain text body and, optionally, an HTML version of the same text and a calendar file."""
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=body, to=[to])
    if html:
        message.attach_alternative(html, "text/html")
    if ics:
        mimetype = f"text/calendar; method={ics_method}" if ics_method else "text/calendar"
        message.attach("bijeenkomst.ics", ics, mimetype)
    message.send()
