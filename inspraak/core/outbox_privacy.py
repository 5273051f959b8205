"""The outboxes' part of a person's data (AVG art. 15 and 17): the emails sent to their address and the text
messages sent to them. Registered by CoreConfig.ready() in core.privacy_registry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inspraak.core.models import OutgoingEmail, OutgoingSms

LABELS = {
    "created_at": _("Gemaakt op"),
    "subject": pgettext_lazy("email", "Onderwerp"),
    "status": _("Status"),
    "sent_at": _("Verstuurd op"),
}


def _rows(user):
    if not user.email:
        return OutgoingEmail.objects.none()
    return OutgoingEmail.objects.filter(to__iexact=user.email)


def export_emails(user) -> list[dict]:
    """The emails to the person's address that are still in the outbox (sent ones are kept 30 days): when, what
    about and whether they arrived. Their text repeats what the person can read in Inspraak itself."""
    return [
        {
            "created_at": row.created_at,
            "subject": row.subject,
            "status": str(row.get_status_display()),
            "sent_at": row.sent_at,
        }
        for row in _rows(user).order_by("created_at", "pk")
    ]


def email_region_ids(user) -> set[int]:
    return set(_rows(user).exclude(region_id=None).values_list("region_id", flat=True))


def erase_emails(user) -> None:
    """Delete every email to the person's address, sent or not."""
    _rows(user).delete()


SMS_LABELS = {
    "created_at": _("Gemaakt op"),
    "text": _("Tekst"),
    "status": _("Status"),
    "sent_at": _("Verstuurd op"),
}


def _sms_rows(user):
    return OutgoingSms.objects.filter(person=user)


def export_sms(user) -> list[dict]:
    """The text messages to the person that are still in the SMS outbox (sent ones are kept 30 days): when, the
    text and whether they arrived. Not the number: the person's own data (membership) holds it."""
    return [
        {
            "created_at": row.created_at,
            "text": row.text,
            "status": str(row.get_status_display()),
            "sent_at": row.sent_at,
        }
        for row in _sms_rows(user).order_by("created_at", "pk")
    ]


def sms_region_ids(user) -> set[int]:
    return set(_sms_rows(user).exclude(region_id=None).values_list("region_id", flat=True))


def erase_sms(user) -> None:
    """Delete every text message to the person, sent or not."""
    _sms_rows(user).delete()
