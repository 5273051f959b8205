"""Queue an email: rendered now, written to the outbox, sent by the task worker after the transaction commits.

Nothing is sent when the surrounding transaction rolls back, a slow mail server never slows a page down, and a mail
server that is away for a while only delays the email (inspraak.core.outbox retries it).
"""

from __future__ import annotations

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string

from inspraak.core import outbox


def _region_id(region) -> int | None:
    return getattr(region, "pk", region)


def _region_in(context: dict) -> int | None:
    """The region an email is about when its context names a body or a region, so a failure shows on that region's
    beheer page without every caller passing it. A region is what the outbox's ``region`` field points to."""
    from inspraak.core.models import OutgoingEmail

    region_model = OutgoingEmail._meta.get_field("region").related_model
    region_id = getattr(context.get("body"), "region_id", None)
    if region_id is None and isinstance(context.get("region"), region_model):
        region_id = context["region"].pk
    return region_id


def enqueue_email(
    *,
    to: str,
    subject: str,
    body: str,
    html: str = "",
    ics: str = "",
    ics_method: str = "",
    purpose: str = "",
    object_id: int | None = None,
    region=None,
) -> None:
    """Write an already rendered email to the outbox; the task worker sends it once the current transaction commits.

    ``ics`` is an optional calendar file (text) sent as an attachment, with its iTIP ``ics_method``. ``purpose`` and
    ``object_id`` say what the email is about (so that page can show whether it arrived); ``region`` (a Region or
    its id) lets the region's beheerder see a failed delivery.
    """
    subject = " ".join(subject.split())  # a subject must be one line
    outbox.add(
        to=to,
        subject=subject,
        body=body,
        html=html,
        ics=ics,
        ics_method=ics_method if ics else "",
        purpose=purpose,
        object_id=object_id,
        region_id=_region_id(region),
    )


def queue_email(
    *,
    to: str,
    template_prefix: str,
    context: dict,
    subject: str | None = None,
    ics: str = "",
    ics_method: str = "",
    purpose: str = "",
    object_id: int | None = None,
    region=None,
) -> None:
    """Render ``<prefix>_subject.txt`` (unless ``subject`` is given), ``<prefix>.txt`` and, when it exists,
    ``<prefix>.html``, and send the result to ``to`` after the transaction commits. Without ``region``, the region
    of the context's ``body`` or ``region`` is stored with the email."""
    if region is None:
        region = _region_in(context)
    context = {"site_url": settings.SITE_URL, **context}
    if subject is None:
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
    body = render_to_string(f"{template_prefix}.txt", context)
    try:
        html = get_template(f"{template_prefix}.html").render(context)
    except TemplateDoesNotExist:
        html = ""
    enqueue_email(
        to=to,
        subject=subject,
        body=body,
        html=html,
        ics=ics,
        ics_method=ics_method,
        purpose=purpose,
        object_id=object_id,
        region=region,
    )
