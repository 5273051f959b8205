"""Queue an email: rendered now, sent by the task worker after the transaction commits."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from inspraak.core.tasks import send_email


def queue_email(*, to: str, template_prefix: str, context: dict) -> None:
    """Renders ``<prefix>_subject.txt`` and ``<prefix>.txt`` and enqueues them for ``to``."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    body = render_to_string(f"{template_prefix}.txt", context)
    transaction.on_commit(partial(send_email.enqueue, to=to, subject=subject, body=body))
