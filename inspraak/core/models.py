"""Shared models: the history-event base, the rate-limit counters (see inspraak.core.ratelimit) and the email outbox.

Every email the app sends is an ``OutgoingEmail`` row until the mail server has accepted it. The row is written in
the same transaction as the change that caused it, so nothing is lost when the task worker is down, the enqueue
fails or the mail server is away for a while (see ``inspraak.core.outbox``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class HistoryEvent(models.Model):
    """The base of every status history (a meeting's, a membership's, an advice's ...): appended, never changed.

    A subclass adds the object it belongs to (a foreign key with ``related_name="events"``), usually a ``kind`` with
    its own choices, and may narrow ``from_status``/``to_status`` to its status choices. ``note`` is the reason or
    explanation a person gave with the step.
    """

    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    changed_fields = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class RateLimitCounter(models.Model):
    """How often something happened for one key within one fixed time window.

    ``key_hash`` is a keyed hash of the limit's name and what it counts (an internet address, an email address, a
    vacancy): the table never holds an address in readable form. Rows of past windows are deleted by
    ``manage.py prune_rate_limits``.
    """

    key_hash = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("telling voor een limiet")
        verbose_name_plural = _("tellingen voor limieten")
        constraints = [
            models.UniqueConstraint(fields=["key_hash", "window_start"], name="ratelimit_one_row_per_window"),
        ]
        indexes = [models.Index(fields=["window_start"], name="ratelimit_window_idx")]

    def __str__(self) -> str:
        return f"{self.key_hash[:8]}… {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


class OutgoingEmail(models.Model):
    """One email to one address: its rendered text, and how delivery to the mail server is going."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wordt verstuurd")
        SENT = "sent", _("verstuurd")
        FAILED = "failed", _("niet gelukt")

    to = models.CharField(_("aan"), max_length=254)
    subject = models.TextField(pgettext_lazy("email", "onderwerp"))
    body = models.TextField()
    html = models.TextField(blank=True)
    ics = models.TextField(blank=True)
    ics_method = models.CharField(max_length=20, blank=True)
    # What the email is about, so the page of that object can show whether it arrived (e.g. "feedback_report", 12).
    purpose = models.CharField(max_length=40, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    region = models.ForeignKey("regions.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # The kind of the last error ("SMTP 451", "ConnectionRefusedError"): never the server's text, which can hold the
    # address.
    last_error = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["purpose", "object_id"], name="outbox_about"),
            models.Index(fields=["to"], name="outbox_to"),
        ]

    def __str__(self) -> str:
        return f"e-mail #{self.pk}"


class ShortLink(models.Model):
    """A short code for a path on this site, printed on a paper letter so a member can type it on a phone.

    One path has one code for good (``core.shortlinks.short_link``): printing a letter again never makes a code that
    is already in someone's letterbox stop working. The target page does its own access checks; the code is only a
    way to type a long address quickly.
    """

    code = models.CharField(max_length=8, unique=True)
    path = models.CharField(max_length=300, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("korte link")
        verbose_name_plural = _("korte links")

    def __str__(self) -> str:
        return self.code
