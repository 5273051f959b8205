"""The policy agenda (beleidsagenda, art. 47 a): what is being prepared, who decides when, and which participation
bodies it concerns. The advice requests to those bodies are the advice app's (``advice.AdviceRequest``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inspraak.core.models import HistoryEvent


class DecidingBody(models.TextChoices):
    COLLEGE = "college", _("College van burgemeester en wethouders")
    COUNCIL = "gemeenteraad", _("Gemeenteraad")
    GR_GENERAL = "algemeen_bestuur", _("Algemeen bestuur van de GR")
    GR_DAILY = "dagelijks_bestuur", _("Dagelijks bestuur van de GR")


# Who can decide a proposal of the GR (no municipality) and who a municipal one.
GR_DECIDERS = (DecidingBody.GR_GENERAL, DecidingBody.GR_DAILY)
MUNICIPAL_DECIDERS = (DecidingBody.COLLEGE, DecidingBody.COUNCIL)


def deciders_for(municipality) -> tuple[DecidingBody, ...]:
    """The deciding bodies that fit a proposal for ``municipality`` (None: for the GR)."""
    return GR_DECIDERS if municipality is None else MUNICIPAL_DECIDERS


class ProposalKind(models.TextChoices):
    BYLAW = "verordening", _("Verordening")
    POLICY = "beleid", _("Beleidsvoorstel")


class ProposalStatus(models.TextChoices):
    PREPARING = "in_voorbereiding", _("In voorbereiding")
    ADVICE_REQUESTED = "advies_gevraagd", _("Advies gevraagd")
    ADVICE_RECEIVED = "advies_ontvangen", _("Advies ontvangen")
    DECIDED = "besloten", _("Besloten")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class Proposal(models.Model):
    """A bylaw or policy proposal in preparation, for one municipality or for the GR (``municipality`` empty)."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="proposals")
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("gemeente"),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("korte beschrijving"), max_length=4000)
    kind = models.CharField(_("soort"), max_length=12, choices=ProposalKind.choices, default=ProposalKind.POLICY)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="owned_proposals",
        verbose_name=_("eigenaar"),
    )
    deciding_body = models.CharField(_("wie besluit"), max_length=20, choices=DecidingBody.choices)
    planned_decision_date = models.DateField(_("geplande datum van het besluit"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PREPARING
    )
    decided_on = models.DateField(_("datum van het besluit"), null=True, blank=True)
    decision_url = models.URLField(_("link naar het besluit"), blank=True)
    decision_file = models.FileField(_("besluit als bestand"), upload_to="besluiten/%Y/", blank=True)
    # When the officer confirms that no participation body is concerned, the reason why.
    no_bodies_reason = models.TextField(_("waarom geen groep?"), max_length=1000, blank=True)
    # Decided while no concerned body had given advice: the officer confirmed it and said why (public, with the
    # proposal on the region's list "Besloten zonder advies").
    decided_without_advice = models.BooleanField(_("besloten zonder advies"), default=False, editable=False)
    no_advice_reason = models.TextField(_("waarom besloten zonder advies?"), max_length=2000, blank=True)
    concerned_bodies = models.ManyToManyField(
        "regions.Body", through="Concern", related_name="concerning_proposals", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Optimistic locking: a form posts the version it was based on; a stale version is refused, not overwritten.
    version = models.PositiveIntegerField(default=1)
    # The planned decision date the owner was last reminded about (no advice asked yet); see policy/reminders.py.
    decision_reminder_sent_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["planned_decision_date", "pk"]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="besloten") | Q(decided_on__isnull=False), name="proposal_decided_has_date"
            ),
        ]
        indexes = [
            # The policy agenda's default order (advice.selectors.dashboard): still in play first, then by planned
            # decision date; the expression is the selector's ``closed``, so a page is an index range.
            models.Index(
                F("region"),
                Case(
                    When(status__in=["besloten", "ingetrokken"], then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                ),
                F("planned_decision_date"),
                F("id"),
                name="proposal_agenda_idx",
            ),
            # The art. 47 matrix: the proposals decided in a year per row, and the first year with a decision, read
            # from the index alone.
            models.Index(
                fields=["region", "decided_on"], include=["status", "municipality"], name="proposal_decided_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("register:proposal", kwargs={"region": self.region.slug, "pk": self.pk})


class Concern(models.Model):
    """A participation body a proposal concerns: suggested by the system, confirmed by the officer."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="concerns")
    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="concerns")
    suggested = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("betrokken groep bij voorstel")
        verbose_name_plural = _("betrokken groepen bij voorstellen")
        constraints = [models.UniqueConstraint(fields=["proposal", "body"], name="concern_unique")]


class ProposalEvent(HistoryEvent):
    """History of a proposal: status changes and moved decision dates (with the reason in ``note``). Appended, never
    changed."""

    class Kind(models.TextChoices):
        CREATED = "aangemaakt", _("Aangemaakt")
        STATUS = "status", _("Status gewijzigd")
        DATE_MOVED = "datum", _("Datum van het besluit verschoven")
        DETAILS = "gegevens", _("Gegevens gewijzigd")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=20, choices=ProposalStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ProposalStatus.choices, blank=True)
    old_date = models.DateField(null=True, blank=True)
    new_date = models.DateField(null=True, blank=True)

    class Meta(HistoryEvent.Meta):
        verbose_name = _("gebeurtenis bij voorstel")
        verbose_name_plural = _("geschiedenis van voorstellen")
