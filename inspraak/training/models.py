"""Training for members (art. 47 b): courses and meetings that help them do their part, sign-up and attendance."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inspraak.core.channels import Channel
from inspraak.core.models import HistoryEvent
from inspraak.core.versioning import Versioned


class TrainingStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    CANCELLED = "afgelast", _("Afgelast")


class Training(Versioned):
    """A course or meeting for the members of one group. Its cost counts in that group's budget (kind training)."""

    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="trainings")
    title = models.CharField(_("titel"), max_length=150)
    description = models.TextField(_("wat u leert"), max_length=2000, blank=True)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place = models.CharField(_("plaats"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("aantal plaatsen"), validators=[MinValueValidator(1)])
    # What the training costs the group in total (trainer, room); members' own costs are claims.
    cost = models.DecimalField(
        _("kosten"), max_digits=9, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TrainingStatus.choices, default=TrainingStatus.PLANNED
    )
    # Why it was cancelled, as the members read it (empty while planned).
    cancel_reason = models.CharField(_("reden van afgelasten"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("training voor leden")
        verbose_name_plural = _("trainingen voor leden")

    def __str__(self) -> str:
        return self.title


class TrainingEvent(HistoryEvent):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEvent.Meta):
        verbose_name = _("gebeurtenis van een training")
        verbose_name_plural = _("gebeurtenissen van trainingen")


class TrainingSignup(models.Model):
    """One member signed up for one training: by themself, or by the secretary for a member on paper."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_signups")
    channel = models.CharField(_("hoe doorgegeven"), max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    signed_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    signed_up_at = models.DateTimeField(auto_now_add=True)
    # None until the secretary records attendance after the training.
    attended = models.BooleanField(_("was er"), null=True, blank=True)

    class Meta:
        ordering = ["signed_up_at", "pk"]
        verbose_name = _("aanmelding voor een training")
        verbose_name_plural = _("aanmeldingen voor trainingen")
        constraints = [models.UniqueConstraint(fields=["training", "user"], name="training_signup_once")]
