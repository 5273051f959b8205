"""Signals from practice (signalen, ADR 29): aggregated figures per quarter and municipality about client
satisfaction (KTO), complaints and objections, per theme; which signal became a topic of which group; and whether the
region shows its signals publicly.

Only numbers, never a person: the only free text on a figure is a short source note (``source``, 100 characters)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspraak.core.models import HistoryEvent
from inspraak.signals import rules
from inspraak.topics.models import Theme


class Kind(models.TextChoices):
    KTO = rules.KTO, _("Klanttevredenheid (KTO)")
    COMPLAINTS = rules.COMPLAINTS, _("Klachten")
    OBJECTIONS = rules.OBJECTIONS, _("Bezwaren")


# The themes a region starts with: the practical matters of the seeds, with the labels of topics.models.Theme so
# that reports about topics and signals line up.
DEFAULT_THEMES = (
    (Theme.LETTERS.value, Theme.LETTERS.label),
    (Theme.TREATMENT.value, Theme.TREATMENT.label),
    (Theme.AGREEMENTS.value, Theme.AGREEMENTS.label),
    (Theme.REACHABILITY.value, Theme.REACHABILITY.label),
    (Theme.PAYMENT.value, Theme.PAYMENT.label),
)


class SignalTheme(models.Model):
    """A theme of the region's signals. The beheerder maintains the list; a theme in use is switched off, never
    removed."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="signal_themes")
    key = models.SlugField(_("korte naam"), max_length=30)
    label = models.CharField(_("naam"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("thema van signalen")
        verbose_name_plural = _("thema's van signalen")
        constraints = [models.UniqueConstraint(fields=["region", "key"], name="signal_theme_unique_key")]

    def __str__(self) -> str:
        return self.label

    @property
    def topic_theme(self) -> str:
        """The matching theme of topics (topics.models.Theme), or ""."""
        return self.key if self.key in Theme.values else ""


class Figure(models.Model):
    """One number of one quarter, municipality, kind and theme. KTO: ``score`` with ``count`` respondents;
    complaints: ``count``; objections: ``count`` with the outcomes when known, per theme or for all themes
    (``theme`` empty)."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="signal_figures")
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.CASCADE, related_name="signal_figures")
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("kwartaal"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    theme = models.ForeignKey(SignalTheme, on_delete=models.PROTECT, null=True, blank=True, related_name="figures")
    count = models.PositiveIntegerField(_("aantal"), null=True, blank=True)
    score = models.DecimalField(
        _("cijfer"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(rules.SCORE_MIN), MaxValueValidator(rules.SCORE_MAX)],
    )
    upheld = models.PositiveIntegerField(_("gegrond"), null=True, blank=True)
    rejected = models.PositiveIntegerField(_("ongegrond"), null=True, blank=True)
    withdrawn = models.PositiveIntegerField(_("ingetrokken"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=100, blank=True)
    entry = models.ForeignKey("SignalEntry", on_delete=models.SET_NULL, null=True, blank=True, related_name="figures")

    class Meta:
        ordering = ["year", "quarter", "kind", "theme__position", "pk"]
        verbose_name = _("cijfer")
        verbose_name_plural = _("cijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "quarter", "kind", "theme"],
                condition=Q(theme__isnull=False),
                name="signal_figure_unique_theme",
            ),
            models.UniqueConstraint(
                fields=["municipality", "year", "quarter", "kind"],
                condition=Q(theme__isnull=True),
                name="signal_figure_unique_all_themes",
            ),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="signal_figure_quarter"),
            models.CheckConstraint(
                condition=~Q(kind=rules.KTO) | (Q(score__isnull=False) & Q(theme__isnull=False)),
                name="signal_kto_has_score_and_theme",
            ),
            models.CheckConstraint(
                condition=Q(kind=rules.KTO) | (Q(score__isnull=True) & Q(count__isnull=False)),
                name="signal_count_kinds_have_count",
            ),
            models.CheckConstraint(
                condition=~Q(kind=rules.COMPLAINTS) | Q(theme__isnull=False), name="signal_complaints_have_theme"
            ),
            models.CheckConstraint(
                condition=Q(kind=rules.OBJECTIONS)
                | (Q(upheld__isnull=True) & Q(rejected__isnull=True) & Q(withdrawn__isnull=True)),
                name="signal_outcomes_only_for_objections",
            ),
        ]
        indexes = [models.Index(fields=["region", "year", "quarter"], name="signal_figure_region_quarter")]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}-{self.quarter}"

    @property
    def period(self) -> rules.Quarter:
        return rules.Quarter(self.year, self.quarter)


class SignalEntry(HistoryEvent):
    """One save of a quarter's figures of one municipality (by the form, or one part of a CSV file): what it replaced
    is kept as ``previous`` (the numbers only), so a re-import leaves a history. ``changed_fields`` lists the kinds
    it covered."""

    class Source(models.TextChoices):
        FORM = "formulier", _("Ingevoerd")
        CSV = "csv", _("Ingelezen uit CSV")

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="signal_entries")
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=10, choices=Source.choices)
    figure_count = models.PositiveSmallIntegerField(default=0)
    replaced_count = models.PositiveSmallIntegerField(default=0)
    previous = models.JSONField(default=list, blank=True)

    class Meta(HistoryEvent.Meta):
        ordering = ["-at", "-pk"]
        verbose_name = _("invoer van signalen")
        verbose_name_plural = _("invoer van signalen")

    @property
    def period(self) -> rules.Quarter:
        return rules.Quarter(self.year, self.quarter)


class SignalTopic(models.Model):
    """A signal that became a topic of a group: the theme's figure of one quarter (for one municipality, or all the
    group's municipalities: ``municipality`` empty). The topic shows its status and answer; ``follow_up`` is what the
    GR did with it."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey("regions.Body", on_delete=models.CASCADE, related_name="signal_topics")
    topic = models.OneToOneField("topics.Topic", on_delete=models.CASCADE, related_name="signal")
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.CASCADE, null=True, blank=True)
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    theme = models.ForeignKey(SignalTheme, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    follow_up = models.TextField(_("wat de regio deed"), max_length=1000, blank=True)
    follow_up_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signaal als onderwerp")
        verbose_name_plural = _("signalen als onderwerp")

    @property
    def period(self) -> rules.Quarter:
        return rules.Quarter(self.year, self.quarter)


class SignalSettings(models.Model):
    """Whether the region shows its signals on a public page. Without a row: not public."""

    region = models.OneToOneField("regions.Region", on_delete=models.CASCADE, related_name="signal_settings")
    public = models.BooleanField(_("signalen openbaar"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("instellingen signalen")
        verbose_name_plural = _("instellingen signalen")
