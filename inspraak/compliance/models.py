"""The region's settings of the art. 47 matrix (ADR 17). Without a row the documented defaults apply."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from inspraak.compliance import rules
from inspraak.core.versioning import Versioned


class MatrixSettings(Versioned):
    """How strict the matrix is for one region. Created when the beheerder first saves the settings page."""

    region = models.OneToOneField("regions.Region", on_delete=models.CASCADE, related_name="matrix_settings")
    topic_answer_weeks = models.PositiveSmallIntegerField(
        _("antwoord op een onderwerp binnen (weken)"),
        default=rules.DEFAULT_TOPIC_ANSWER_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Element d: zo snel krijgt een onderwerp van een lid een antwoord. Standaard 8 weken."),
    )
    full_share = models.PositiveSmallIntegerField(
        _("voldoet vanaf (procent)"),
        default=rules.DEFAULT_FULL_SHARE,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Elementen d en e: zo veel procent op tijd geeft “voldoet”. Standaard 90."),
    )
    partial_share = models.PositiveSmallIntegerField(
        _("deels vanaf (procent)"),
        default=rules.DEFAULT_PARTIAL_SHARE,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Elementen d en e: zo veel procent op tijd geeft “deels”. Standaard 50."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("instellingen art. 47-overzicht")
        verbose_name_plural = _("instellingen art. 47-overzicht")
        constraints = [
            models.CheckConstraint(condition=Q(partial_share__lte=F("full_share")), name="matrix_partial_le_full"),
        ]

    def __str__(self) -> str:
        return str(_("Instellingen art. 47-overzicht"))

    def thresholds(self) -> rules.Thresholds:
        return rules.Thresholds(self.topic_answer_weeks, self.full_share, self.partial_share)
