"""Queue an email: rendered now, sent by the task worker after the transaction commits.

Nothing is sent when the surrounding transaction rolls back, and a slow mail server never slows a page down.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string

from inspraak.core.tasks import send_email


def enqueue_email(*, to: str, subject: str, body: str, html: str = "", ics: str = "", ics_method: str = "") -> None:
    """Hand an already rendered email to the task worker once the current transaction commits.

    ``ics`` is an optional calendar file (text) sent as an attachment, with its iTIP ``ics_method``.
    """
    subject = " ".join(subject.split())  # a subject must be one line
    extra = {"ics": ics, "ics_method": ics_method} if ics else {}
    transaction.on_commit(partial(send_email.enqueue, to=to, subject=subject, body=body, html=html, **extra))


def queue_email(
    *, to: str, template_prefix: str, context: dict, subject: str | None = None, ics: str = "", ics_method: str = ""
) -> None:
    """Render ``<prefix>_subject.txt`` (unless ``subject`` is given), ``<prefix>.txt`` and, when it exists,
    ``<prefix>.html``, and send the result to ``to`` after the transaction commits."""
    context = {"site_url": settings.SITE_URL, **context}
    if subject is None:
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
    body = render_to_string(f"{template_prefix}.txt", context)
    try:
        html = get_template(f"{template_prefix}.html").render(context)
    except TemplateDoesNotExist:
        html = ""
    enqueue_email(to=to, subject=subject, body=body, html=html, ics=ics, ics_method=ics_method)
