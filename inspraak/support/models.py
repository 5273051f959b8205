"""What members of a group receive for taking part (art. 47 b): the support scheme per group and year, the legal caps
of the volunteer allowance per year, and the budget per group and year."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inspraak.core.versioning import Versioned

MONEY = {"max_digits": 9, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class AllowanceMode(models.TextChoices):
    PER_MEETING = "per_bijeenkomst", _("Een bedrag per bijgewoonde bijeenkomst")
    PER_MONTH = "per_maand", _("Een vast bedrag per maand")
    NONE = "geen", _("Geen vergoeding")


class SupportScheme(Versioned):
    """What the members of one group receive in one calendar year. Set by the beheerder."""

    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="support_schemes")
    year = models.PositiveSmallIntegerField(_("jaar"))
    allowance_mode = models.CharField(
        _("vrijwilligersvergoeding"), max_length=16, choices=AllowanceMode.choices, default=AllowanceMode.NONE
    )
    # PER_MEETING: for every meeting the member attended (Attendance PRESENT); the chair may get another amount.
    amount_per_meeting = models.DecimalField(_("bedrag per bijeenkomst"), null=True, blank=True, **MONEY)
    amount_per_meeting_chair = models.DecimalField(
        _("bedrag per bijeenkomst voor de voorzitter"), null=True, blank=True, **MONEY
    )
    # PER_MONTH: for every month in which the member is an active member of the group.
    amount_per_month = models.DecimalField(_("bedrag per maand"), null=True, blank=True, **MONEY)
    travel_public_transport = models.BooleanField(_("reiskosten openbaar vervoer (wat het kostte)"), default=True)
    # Empty: no reimbursement per kilometre (car, bicycle).
    travel_km_rate = models.DecimalField(
        _("vergoeding per kilometer"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    childcare = models.BooleanField(_("kinderopvang (wat het kostte)"), default=False)
    # The most a member gets back for childcare for one meeting or training. Empty with childcare: no maximum.
    childcare_max = models.DecimalField(_("kinderopvang: hoogstens per keer"), null=True, blank=True, **MONEY)
    other_costs = models.BooleanField(_("andere kosten, na goedkeuring"), default=True)
    training_offered = models.TextField(_("trainingen die we aanbieden"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["body_id", "-year"]
        verbose_name = _("vergoedingsregeling")
        verbose_name_plural = _("vergoedingsregelingen")
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="support_scheme_once_per_body_year")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}"


class VolunteerCap(Versioned):
    """The legal maximum of the volunteer allowance (Participatiewet art. 31 lid 2 sub k) for one year, as the
    beheerder entered it. Never a constant in code: the minister sets it per year (brief §3)."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="volunteer_caps")
    year = models.PositiveSmallIntegerField(_("jaar"))
    month_max = models.DecimalField(_("hoogstens per maand"), **MONEY)
    year_max = models.DecimalField(_("hoogstens per jaar"), **MONEY)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["region_id", "-year"]
        verbose_name = _("maximum vrijwilligersvergoeding")
        verbose_name_plural = _("maxima vrijwilligersvergoeding")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="volunteer_cap_once_per_region_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.month_max} / {self.year_max}"


class BudgetKind(models.TextChoices):
    ALLOWANCES = "vergoedingen", _("Vrijwilligersvergoedingen")
    EXPENSES = "onkosten", _("Onkosten van leden")
    TRAINING = "training", _("Trainingen")
    FACILITATOR = "gespreksleider", _("Onafhankelijke gespreksleider")
    MEETINGS = "bijeenkomsten", _("Kosten van bijeenkomsten (zaal, koffie)")


class BudgetLine(Versioned):
    """The planned amount of one kind of cost for one group in one year."""

    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("jaar"))
    kind = models.CharField(_("soort"), max_length=16, choices=BudgetKind.choices)
    planned = models.DecimalField(_("begroot"), **MONEY)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["body_id", "-year", "kind"]
        verbose_name = _("begrotingspost")
        verbose_name_plural = _("begrotingsposten")
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "kind"], name="budget_line_once_per_body_year_kind")
        ]


class BudgetCost(models.Model):
    """A cost of the group that is not a member's allowance or claim: the facilitator's invoice, the room, coffee.
    Entered by the secretary or the beheerder so that the budget shows what was really spent."""

    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="budget_costs")
    kind = models.CharField(_("soort"), max_length=16, choices=BudgetKind.choices)
    date = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag"), **MONEY)
    description = models.CharField(_("omschrijving"), max_length=200)
    # Committed: ordered or agreed, not paid yet. Paid: the money went out.
    paid = models.BooleanField(_("betaald"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["body_id", "-date", "-pk"]
        verbose_name = _("uitgave")
        verbose_name_plural = _("uitgaven")
