"""Regions (GR / samenwerkingsverband), municipalities and participation bodies."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inspraak.core.versioning import Versioned

cbs_code_validator = RegexValidator(
    regex=r"^GM\d{4}$",
    message=_("Een CBS-code bestaat uit GM en vier cijfers, bijvoorbeeld GM0363."),
)


class BodyRules(models.Model):
    """The numbers a verordening sets. Regions hold the defaults for new bodies; each body its own."""

    min_meetings_per_year = models.PositiveSmallIntegerField(
        _("minimaal aantal bijeenkomsten per jaar"), default=3, validators=[MaxValueValidator(52)]
    )
    min_clients = models.PositiveSmallIntegerField(
        _("minimaal aantal cliënten"), default=12, validators=[MaxValueValidator(200)]
    )
    balanced_over_municipalities = models.BooleanField(_("evenwichtig verdeeld over de gemeenten"), default=True)
    documents_days_before = models.PositiveSmallIntegerField(
        _("stukken beschikbaar (dagen voor de bijeenkomst)"), default=7, validators=[MaxValueValidator(60)]
    )
    advice_period_weeks = models.PositiveSmallIntegerField(
        _("adviestermijn (weken)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    response_period_weeks = models.PositiveSmallIntegerField(
        _("reactietermijn college (weken)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    facilitator_required = models.BooleanField(_("onafhankelijke gespreksleider verplicht"), default=True)
    min_seats_per_municipality = models.PositiveSmallIntegerField(
        _("minimaal aantal zetels voor cliënten per gemeente"), default=1, validators=[MaxValueValidator(20)]
    )
    experienced_count_as_clients = models.BooleanField(_("ervaringsdeskundigen tellen als cliënt"), default=True)
    term_years = models.PositiveSmallIntegerField(
        _("zittingstermijn (jaren)"), default=4, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_terms = models.PositiveSmallIntegerField(
        _("aantal termijnen (inclusief de eerste)"), default=2, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    term_reminder_months = models.PositiveSmallIntegerField(
        _("herinnering aan de secretaris (maanden voor het einde van een termijn)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )

    RULE_FIELDS = (
        "min_meetings_per_year",
        "min_clients",
        "balanced_over_municipalities",
        "documents_days_before",
        "advice_period_weeks",
        "response_period_weeks",
        "facilitator_required",
        "min_seats_per_municipality",
        "experienced_count_as_clients",
        "term_years",
        "max_terms",
        "term_reminder_months",
    )

    class Meta:
        abstract = True

    def rule_values(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.RULE_FIELDS}


class Region(Versioned, BodyRules):
    """A gemeenschappelijke regeling or other partnership of municipalities. Rule fields are defaults."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in de link"), max_length=80, unique=True)
    description = models.TextField(_("korte beschrijving"), blank=True)
    # Where the bodies' feedback reports go by default (the send form still lets the facilitator change it).
    feedback_email = models.EmailField(
        _("e-mailadres van de GR voor terugkoppelingen"),
        blank=True,
        help_text=_(
            "Naar dit adres gaan de terugkoppelingen van de groepen. Het staat dan al ingevuld bij 'Terugkoppeling "
            "versturen'. Per terugkoppeling kan een ander adres."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:region", kwargs={"region": self.slug})


class Municipality(Versioned):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in de link"), max_length=80)
    cbs_code = models.CharField(_("CBS-code"), max_length=6, validators=[cbs_code_validator])
    client_group_size = models.PositiveIntegerField(
        _("omvang doelgroep"),
        null=True,
        blank=True,
        help_text=_("Aantal personen in de doelgroep van art. 7 lid 1 en 7a Participatiewet."),
    )
    client_group_date = models.DateField(_("peildatum doelgroep"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        constraints = [
            models.UniqueConstraint(fields=["region", "cbs_code"], name="municipality_unique_cbs_per_region"),
            models.UniqueConstraint(fields=["region", "slug"], name="municipality_unique_slug_per_region"),
            models.CheckConstraint(condition=Q(cbs_code__regex=r"^GM[0-9]{4}$"), name="municipality_cbs_format"),
            models.CheckConstraint(
                condition=Q(client_group_size__isnull=True) | Q(client_group_date__isnull=False),
                name="municipality_size_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:municipality", kwargs={"region": self.region.slug, "municipality": self.slug})


class Body(Versioned, BodyRules):
    """A participatieorgaan: a standing group that gives advice."""

    class Kind(models.TextChoices):
        CLIENT_COUNCIL = "clientenraad", _("Cliëntenraad")
        CLIENT_PANEL = "clientenpanel", _("Cliëntenpanel / adviesgroep")
        SOCIAL_DOMAIN_COUNCIL = "adviesraad_sd", _("Adviesraad sociaal domein")
        PARTICIPATION_COUNCIL = "participatieraad", _("Participatieraad")
        OTHER = "anders", _("Anders")

    class Level(models.TextChoices):
        REGION = "regio", _("De hele regio")
        MUNICIPALITY = "gemeente", _("Eén gemeente")

    class TopicScope(models.TextChoices):
        EXECUTION = "uitvoering", _("Praktische zaken van de uitvoering")
        POLICY = "beleid", _("Gemeentelijk beleid")
        BOTH = "beide", _("Uitvoering en beleid")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="bodies")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="bodies", null=True, blank=True
    )
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in de link"), max_length=80)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("werkgebied"), max_length=10, choices=Level.choices, default=Level.REGION)
    covers_participatiewet = models.BooleanField(_("Participatiewet"), default=True)
    covers_wmo = models.BooleanField(_("Wmo 2015"), default=False)
    covers_jeugdwet = models.BooleanField(_("Jeugdwet"), default=False)
    topic_scope = models.CharField(_("onderwerpen"), max_length=12, choices=TopicScope.choices, default=TopicScope.BOTH)
    description = models.TextField(_("wat doet deze groep?"), blank=True)
    audience = models.TextField(_("voor wie?"), blank=True)
    how_to_join = models.TextField(_("hoe doet u mee?"), blank=True)
    contact_email = models.EmailField(_("e-mailadres voor contact"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer voor contact"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="body_unique_slug_per_region"),
            models.CheckConstraint(
                condition=(Q(level="regio") & Q(municipality__isnull=True))
                | (Q(level="gemeente") & Q(municipality__isnull=False)),
                name="body_level_matches_municipality",
            ),
            models.CheckConstraint(
                condition=Q(covers_participatiewet=True) | Q(covers_wmo=True) | Q(covers_jeugdwet=True),
                name="body_covers_a_law",
            ),
        ]

    EDITABLE_FIELDS = (
        "name",
        "kind",
        "level",
        "municipality",
        "covers_participatiewet",
        "covers_wmo",
        "covers_jeugdwet",
        "topic_scope",
        "description",
        "audience",
        "how_to_join",
        "contact_email",
        "contact_phone",
        *BodyRules.RULE_FIELDS,
    )

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dashboards:body", kwargs={"region": self.region.slug, "body": self.slug})

    @property
    def laws(self) -> list[str]:
        names = []
        if self.covers_participatiewet:
            names.append(str(_("Participatiewet")))
        if self.covers_wmo:
            names.append(str(_("Wmo 2015")))
        if self.covers_jeugdwet:
            names.append(str(_("Jeugdwet")))
        return names


class ChangeToken(models.Model):
    """One row (pk 1) whose token changes with every save or delete of a region, municipality or body
    (``regions.changes``, connected in apps.py), inside the transaction of that change.

    A page that shows regions, municipalities or bodies can cache what it renders under this token (the home page's
    region cards): every request reads the current token, so a cache in any process, or a shared one, never hands
    out a rendering of older data. A random token (not a counter) stays unique when a transaction that changed it is
    rolled back and another change follows."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("wijzigingsteken")
        verbose_name_plural = _("wijzigingstekens")

    def __str__(self) -> str:
        return self.token
