"""Recruitment (werving): vacancies of a body, applications, their history, and fair draws per municipality.

An application holds the applicant's own words until the secretary makes them a member; from then on it is linked to
the person's account and membership. Status changes are appended as ApplicationEvent rows, never overwritten. A Draw
stores everything needed to re-run it (seed, sorted candidate ids, number of seats); see rules.draw. Its seed was
committed in advance: a DrawCommitment publishes the seed's SHA-256 with the vacancy, long before the draw (ADR 0020).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inspraak.core.models import HistoryEvent
from inspraak.core.versioning import Versioned
from inspraak.members.models import Category

MOTIVATION_MAX = 2000


class Vacancy(Versioned):
    class Status(models.TextChoices):
        OPEN = "open", _("Open: mensen kunnen zich aanmelden")
        CLOSED = "gesloten", _("Gesloten: aanmelden kan niet meer")
        DONE = "afgerond", _("Afgerond: de nieuwe leden zijn gekozen")

    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(_("titel"), max_length=200)
    about_body = models.TextField(_("wat doet de groep?"))
    what_we_ask = models.TextField(_("wat vragen we van u?"))
    meetings_per_year = models.PositiveSmallIntegerField(_("aantal bijeenkomsten per jaar"))
    what_you_get = models.TextField(_("wat krijgt u?"))
    closes_on = models.DateField(_("sluitingsdatum"))
    paper_address = models.TextField(_("adres voor aanmeldingen op papier"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")

    EDITABLE_FIELDS = (
        "title",
        "about_body",
        "what_we_ask",
        "meetings_per_year",
        "what_you_get",
        "closes_on",
        "paper_address",
        "status",
    )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recruitment:vacancy_public", kwargs={"region": self.body.region.slug, "pk": self.pk})

    def accepts_applications(self, today) -> bool:
        """Open, and the closing date has not passed (applications are accepted on the closing date itself)."""
        return self.status == self.Status.OPEN and today <= self.closes_on

    def draw_allowed(self, today) -> bool:
        """A draw only once the closing date has passed: until then people may still apply (B7)."""
        return today > self.closes_on


class VacancySeat(models.Model):
    """How many people a vacancy looks for in one municipality."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="seats")
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField(_("aantal plaatsen"))

    class Meta:
        ordering = ["municipality__name", "id"]
        verbose_name = _("plaatsen per gemeente")
        verbose_name_plural = _("plaatsen per gemeente")
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "municipality"], name="vacancy_seat_one_per_municipality")
        ]


class Situation(models.TextChoices):
    """The applicant's answer to the plain question; each maps to a membership category (rules.CATEGORY_FOR)."""

    NOW = "nu", _("Ja, ik krijg nu een uitkering of hulp bij werk van de gemeente")
    PAST = "vroeger", _("Vroeger wel, nu niet meer")
    ORGANISATION = "organisatie", _("Ik spreek namens een organisatie voor cliënten")
    OTHER = "anders", _("Nee, iets anders")


class Application(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "ontvangen", _("Ontvangen")
        INTERVIEW = "gesprek", _("Gesprek")
        CHOSEN = "gekozen", _("Gekozen")
        NOT_CHOSEN = "niet_gekozen", _("Niet gekozen")
        WITHDRAWN = "teruggetrokken", _("Teruggetrokken")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Via de website")
        PAPER = "papier", _("Op papier")

    class OutcomeChannel(models.TextChoices):
        EMAIL = "email", _("Per e-mail")
        LETTER = "brief", _("Per brief")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    name = models.CharField(_("naam"), max_length=150)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    contact_address = models.TextField(_("postadres"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("woongemeente")
    )
    situation = models.CharField(_("situatie"), max_length=12, choices=Situation.choices)
    category = models.CharField(_("categorie"), max_length=24, choices=Category.choices)
    motivation = models.TextField(_("motivatie"), max_length=MOTIVATION_MAX)
    consent_processing = models.BooleanField(_("toestemming om de gegevens voor deze aanmelding te gebruiken"))
    consent_named_to_members = models.BooleanField(_("naam zichtbaar voor andere leden"), default=False)
    channel = models.CharField(_("binnengekomen"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    # Marked by the secretary after a conversation: only suitable applicants take part in a draw.
    suitable = models.BooleanField(_("geschikt"), default=False)
    outcome_sent_at = models.DateTimeField(_("uitslag verstuurd op"), null=True, blank=True)
    outcome_channel = models.CharField(max_length=8, choices=OutcomeChannel.choices, blank=True)
    outcome_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    # Set when the applicant became a member.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    membership = models.ForeignKey(
        "members.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    # An online application counts (list, numbers, draw) once it is confirmed: by the applicant through the link in
    # the email, or, without email, by the secretary after a phone call. A paper application is confirmed when it is
    # entered. Unconfirmed applications expire (services.applications_prune_unconfirmed).
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    # Keyed hash of the one-time confirmation link's token; emptied once used.
    confirm_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(contact_email="")
                | ~Q(contact_phone="")
                | ~Q(contact_address="")
                | Q(erased_at__isnull=False),
                name="application_has_contact_route",
            ),
            models.CheckConstraint(condition=Q(consent_processing=True), name="application_has_consent"),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_decided(self) -> bool:
        return self.status in (self.Status.CHOSEN, self.Status.NOT_CHOSEN)

    @property
    def outcome_pending(self) -> bool:
        """Decided, and the applicant has not yet heard this decision."""
        return self.is_decided and self.outcome_status != self.status


class Draw(models.Model):
    """One fair draw among the suitable applicants of one municipality. Everything needed to re-run it is stored."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="draws")
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField(_("aantal plaatsen"))
    seed = models.CharField(_("startgetal (seed)"), max_length=64)
    candidate_ids = models.JSONField(_("nummers van de aanmeldingen, gesorteerd"))
    chosen_ids = models.JSONField(_("uitslag"))
    algorithm = models.CharField(_("werkwijze"), max_length=100)
    # The SHA-256 of ``seed`` and when it was published, copied from the DrawCommitment it used (empty for draws
    # from before seeds were committed in advance).
    seed_hash = models.CharField(_("hash van het startgetal (SHA-256)"), max_length=64, blank=True)
    seed_published_at = models.DateTimeField(_("hash bekendgemaakt op"), null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("loting")
        verbose_name_plural = _("lotingen")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_absolute_url(self) -> str:
        """The public page to check the draw (numbers only)."""
        return reverse(
            "recruitment:draw_public",
            kwargs={"region": self.vacancy.body.region.slug, "vacancy": self.vacancy_id, "pk": self.pk},
        )


class DrawCommitment(models.Model):
    """The seed of a future draw in one municipality of a vacancy, committed in advance (ADR 0020).

    Made when the vacancy gets seats there, and again right after each draw (for a possible next one). Only
    ``seed_hash`` is shown (on the public vacancy page); ``seed`` stays secret until the draw that uses it, which
    stores it openly. Never deleted, so a published hash that was never used stays visible.
    """

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="draw_commitments")
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.PROTECT, related_name="+")
    seed = models.CharField(max_length=64, editable=False)
    seed_hash = models.CharField(_("hash van het startgetal (SHA-256)"), max_length=64)
    published_at = models.DateTimeField(_("bekendgemaakt op"), auto_now_add=True)
    draw = models.OneToOneField(Draw, on_delete=models.PROTECT, null=True, blank=True, related_name="commitment")

    class Meta:
        ordering = ["municipality__name", "published_at", "id"]
        verbose_name = _("vastgelegd startgetal")
        verbose_name_plural = _("vastgelegde startgetallen")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "municipality"],
                condition=Q(draw__isnull=True),
                name="draw_commitment_one_open_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class ApplicationEvent(HistoryEvent):
    """The history of an application: appended, never changed. Holds no personal data; ``note`` is the reason of a
    status change (free text, blanked on erasure) or a system word (how it was confirmed, "ja"/"nee", the channel)."""

    class Kind(models.TextChoices):
        RECEIVED = "ontvangen", _("Aanmelding ontvangen")
        CONFIRMED = "bevestigd", _("Aanmelding bevestigd")
        STATUS = "status", _("Status gewijzigd")
        SUITABLE = "geschikt", _("Geschikt of niet")
        DRAW = "loting", _("Loting")
        OUTCOME = "uitslag", _("Uitslag verstuurd")
        MEMBER = "lid", _("Lid gemaakt")
        ERASED = "gewist", _("Gegevens verwijderd")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_status = models.CharField(max_length=16, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Application.Status.choices, blank=True)
    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, null=True, blank=True, related_name="events")

    class Meta(HistoryEvent.Meta):
        verbose_name = _("stap in een aanmelding")
        verbose_name_plural = _("stappen in aanmeldingen")
