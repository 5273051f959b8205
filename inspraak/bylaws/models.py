"""The verordening register: per municipality (or for the GR itself) the verordeningen cliëntenparticipatie its
council adopted over time, what they regulate of art. 47 a–e, the bodies they designate and the numbers they set.
The checks (inspraak.bylaws.rules, ADR 16) read these facts; nothing here is self-reported compliance."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from inspraak.core.models import HistoryEvent
from inspraak.core.versioning import Versioned

cvdr_validator = RegexValidator(
    regex=r"^CVDR\d{1,9}$",
    message=_("Een CVDR-nummer bestaat uit CVDR en cijfers, bijvoorbeeld CVDR645123."),
)


class AdoptedBy(models.TextChoices):
    COUNCIL = "gemeenteraad", _("De gemeenteraad")
    COLLEGE = "college", _("Het college van burgemeester en wethouders")
    GR_BOARD = "algemeen_bestuur", _("Het algemeen bestuur van de GR")
    OTHER = "anders", _("Een ander bestuursorgaan")


class LegalBasis(models.TextChoices):
    WWB = "wwb", _("Wet werk en bijstand, art. 47 (oud)")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet, art. 47")
    SOCIAL_DOMAIN = "sociaal_domein", _("Participatiewet art. 47, samen met Wmo 2015 art. 2.1.3 en Jeugdwet art. 2.10")


class TargetGroup(models.TextChoices):
    ART_7_1_AND_7A = "art_7_1_7a", _("Art. 7 lid 1 en art. 7a: bijstand en hulp bij werk")
    ART_7_1 = "art_7_1", _("Alleen art. 7 lid 1: mensen met bijstand")
    NOT_STATED = "niet_genoemd", _("Niet genoemd")


# The five elements of art. 47 Participatiewet, as the checks and the matrix name them (a–e).
ELEMENTS = ("a", "b", "c", "d", "e")
ELEMENT_LABELS = {
    "a": _("gevraagd en ongevraagd advies, in een vroeg stadium"),
    "b": _("ondersteuning van de cliënten die meedoen"),
    "c": _("periodiek overleg"),
    "d": _("onderwerpen op de agenda zetten"),
    "e": _("de informatie die nodig is"),
}


def _element_fields(label):
    return (
        models.BooleanField(label, default=False),
        models.CharField(_("artikel"), max_length=60, blank=True),
        models.TextField(_("korte tekst uit de verordening"), max_length=600, blank=True),
    )


class Bylaw(Versioned):
    """One verordening cliëntenparticipatie (or a text that stands in for one, such as a college decision)."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="bylaws")
    # Empty: a text of the GR itself (a regulation of its board); art. 47 still asks each council for its own.
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bylaws",
        verbose_name=_("gemeente"),
    )
    title = models.CharField(_("titel"), max_length=250)
    adopted_by = models.CharField(_("vastgesteld door"), max_length=20, choices=AdoptedBy.choices)
    adopted_on = models.DateField(_("vastgesteld op"))
    in_force_from = models.DateField(_("geldt vanaf"))
    in_force_until = models.DateField(_("geldt tot en met"), null=True, blank=True)
    legal_basis = models.CharField(_("wettelijke grondslag"), max_length=20, choices=LegalBasis.choices)
    cvdr_id = models.CharField(_("CVDR-nummer"), max_length=13, blank=True, validators=[cvdr_validator])
    official_url = models.URLField(_("link naar de officiële tekst"), blank=True)
    file = models.FileField(_("verordening als PDF"), upload_to="verordeningen/%Y/", blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    target_group = models.CharField(_("doelgroep"), max_length=20, choices=TargetGroup.choices)

    element_a, element_a_article, element_a_quote = _element_fields(_("a: geregeld"))
    element_b, element_b_article, element_b_quote = _element_fields(_("b: geregeld"))
    element_c, element_c_article, element_c_quote = _element_fields(_("c: geregeld"))
    element_d, element_d_article, element_d_quote = _element_fields(_("d: geregeld"))
    element_e, element_e_article, element_e_quote = _element_fields(_("e: geregeld"))

    designated_bodies = models.ManyToManyField(
        "regions.Body", related_name="bylaws", blank=True, verbose_name=_("aangewezen groepen")
    )
    # Bodies the text names that do not (yet) exist in Inspraak, one per line.
    other_bodies = models.TextField(_("andere genoemde groepen"), max_length=1000, blank=True)
    min_meetings_per_year = models.PositiveSmallIntegerField(
        _("minimaal aantal bijeenkomsten per jaar"), null=True, blank=True, validators=[MaxValueValidator(52)]
    )
    advice_period_weeks = models.PositiveSmallIntegerField(
        _("adviestermijn (weken)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    response_period_weeks = models.PositiveSmallIntegerField(
        _("reactietermijn (weken)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    evaluation_on = models.DateField(_("evaluatie uiterlijk"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality__name", "-in_force_from", "-pk"]
        verbose_name = _("verordening")
        verbose_name_plural = _("verordeningen")
        constraints = [
            models.CheckConstraint(
                condition=Q(in_force_until__isnull=True) | Q(in_force_until__gte=F("in_force_from")),
                name="bylaw_in_force_order",
            ),
            models.CheckConstraint(condition=Q(cvdr_id="") | Q(cvdr_id__regex=r"^CVDR[0-9]{1,9}$"), name="bylaw_cvdr"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def other_body_names(self) -> list[str]:
        return [line.strip() for line in self.other_bodies.splitlines() if line.strip()]

    def element(self, letter: str) -> tuple[bool, str, str]:
        """(regulated, article, quote) of element ``letter`` (a–e)."""
        prefix = f"element_{letter}"
        return getattr(self, prefix), getattr(self, f"{prefix}_article"), getattr(self, f"{prefix}_quote")


class BylawEvent(HistoryEvent):
    """History of a verordening: created, changed (field names in ``changed_fields``), ended. Appended only."""

    class Kind(models.TextChoices):
        CREATED = "aangemaakt", _("Vastgelegd")
        EDITED = "gewijzigd", _("Gewijzigd")
        IMPORTED = "geimporteerd", _("Ingelezen uit een CSV-bestand")
        ENDED = "beeindigd", _("Einddatum vastgelegd")

    bylaw = models.ForeignKey(Bylaw, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=14, choices=Kind.choices)

    class Meta(HistoryEvent.Meta):
        verbose_name = _("gebeurtenis bij verordening")
        verbose_name_plural = _("geschiedenis van verordeningen")
