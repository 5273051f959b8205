"""Meetings of a body (art. 47 c): the year plan, each meeting's place and time, and its status history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inspraak.core.models import HistoryEvent
from inspraak.core.versioning import Versioned


class MeetingStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    AGENDA_PUBLISHED = "agenda_gepubliceerd", _("Agenda gepubliceerd")
    HELD = "gehouden", _("Gehouden")
    MINUTES_APPROVED = "verslag_vastgesteld", _("Verslag vastgesteld")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class Meeting(Versioned):
    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("titel"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place_name = models.CharField(_("plaats"), max_length=200, blank=True)
    address = models.TextField(_("adres"), max_length=500, blank=True)
    accessibility = models.TextField(
        _("toegankelijkheid"),
        max_length=1000,
        blank=True,
        help_text=_("Bijvoorbeeld: rolstoeltoegankelijk, lift, invalidentoilet, ringleiding, parkeren."),
    )
    online_url = models.URLField(_("link om online mee te doen"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    cancel_reason = models.CharField(_("reden van annulering"), max_length=500, blank=True)
    # Stable identity for calendar files: updates and cancellations replace the same event in people's calendars.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(
                condition=~Q(status="geannuleerd") | ~Q(cancel_reason=""), name="meeting_cancel_has_reason"
            ),
            models.CheckConstraint(condition=~Q(place_name="") | ~Q(online_url=""), name="meeting_has_place_or_link"),
        ]
        # A body's meetings of a period (this year, the ones to come): read without the years before.
        indexes = [models.Index(fields=["body", "starts_at"], name="meeting_body_starts")]

    def __str__(self) -> str:
        return self.title or str(self.starts_at.date())

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:detail", kwargs={"region": self.body.region.slug, "body": self.body.slug, "pk": self.pk}
        )


class MeetingEvent(HistoryEvent):
    """Status history of a meeting (and changes of time or place). Appended, never changed. ``note``: the reason
    given for a cancellation."""

    class Kind(models.TextChoices):
        CREATED = "aangemaakt", _("Gepland")
        STATUS = "status", _("Status gewijzigd")
        CHANGED = "gewijzigd", _("Tijd of plaats gewijzigd")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=20, choices=MeetingStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=MeetingStatus.choices, blank=True)

    class Meta(HistoryEvent.Meta):
        verbose_name = _("stap in een bijeenkomst")
        verbose_name_plural = _("stappen in bijeenkomsten")
