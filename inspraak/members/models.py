"""Who sits in a body, in what capacity, for how long, and what they agreed to.

A membership is the domain record (category, term, contact route, needs, consent). Access to the site comes
from a RoleAssignment, which the membership services keep in step: an active membership grants the matching
role in the body, ending it takes that role away (see services.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspraak.core.models import HistoryEvent
from inspraak.core.versioning import Versioned


class BodyRole(models.TextChoices):
    MEMBER = "lid", _("Lid")
    CHAIR = "voorzitter", _("Voorzitter")
    SECRETARY = "secretaris", _("Secretaris")
    FACILITATOR = "gespreksleider", _("Gespreksleider")
    ADVISER = "adviseur", _("Adviseur (zonder stemrecht)")


# The roles that vote in the body. Secretary, facilitator and advisers support the body but do not vote.
VOTING_ROLES = frozenset({BodyRole.MEMBER, BodyRole.CHAIR})
# The roles that support the group without being one of its members: they do not count in its composition.
SUPPORT_ROLES = frozenset({BodyRole.SECRETARY, BodyRole.FACILITATOR})


class Category(models.TextChoices):
    CLIENT = "client", _("Cliënt")
    EXPERIENCED = "ervaringsdeskundige", _("Ervaringsdeskundige")
    CLIENT_ORGANISATION = "clientenorganisatie", _("Vertegenwoordiger van een cliëntenorganisatie")
    EMPLOYER = "werkgever", _("Werkgever")
    EXPERT = "deskundige", _("Deskundige (bijvoorbeeld jurist)")
    RESIDENT = "inwoner", _("Inwoner")
    STAFF = "medewerker", _("Medewerker van de gemeente of de GR")


CATEGORY_EXPLANATIONS = {
    Category.CLIENT: _("Krijgt nu een uitkering of hulp bij werk van de gemeente (Participatiewet)."),
    Category.EXPERIENCED: _(
        "Kreeg vroeger een uitkering of hulp bij werk. Of dit meetelt als cliënt, staat in de regels van de groep."
    ),
    Category.CLIENT_ORGANISATION: _(
        "Spreekt namens een organisatie die opkomt voor cliënten. Telt als vertegenwoordiger, niet als cliënt."
    ),
    Category.EMPLOYER: _("Vertegenwoordigt geen cliënten. Kan wel adviseur zijn."),
    Category.EXPERT: _("Vertegenwoordigt geen cliënten. Kan wel adviseur zijn."),
    Category.RESIDENT: _("Woont in de regio, zonder uitkering. Vertegenwoordigt geen cliënten."),
    Category.STAFF: _("Werkt bij de gemeente of de GR. Vertegenwoordigt geen cliënten en is niet onafhankelijk."),
}


class Status(models.TextChoices):
    # Added with an email address: waits until the person, logged in as themself, confirms (see ADR 0007).
    INVITED = "uitgenodigd", _("Wacht op bevestiging")
    CANDIDATE = "kandidaat", _("Kandidaat")
    ACTIVE = "actief", _("Actief")
    ENDED = "beeindigd", _("Beëindigd")


class Membership(Versioned):
    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    body_role = models.CharField(_("rol in de groep"), max_length=20, choices=BodyRole.choices)
    category = models.CharField(_("categorie"), max_length=24, choices=Category.choices)
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("woongemeente"),
    )
    term_start = models.DateField(_("begin van de termijn"))
    term_end = models.DateField(_("einde van de termijn"))
    term_number = models.PositiveSmallIntegerField(_("termijn"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    # While the person has not confirmed yet: the status they get on confirming, and the name the secretary typed
    # (shown instead of the account's name, so staff never learn whether the address already had an account).
    invited_status = models.CharField(max_length=12, choices=Status.choices, blank=True, editable=False)
    invited_name = models.CharField(max_length=150, blank=True, editable=False)
    # The account was made for this invitation (the address had none): it belongs to no region until the yes.
    invited_new_account = models.BooleanField(default=False, editable=False)
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(_("reden van beëindiging"), max_length=300, blank=True)
    # How the member wants to be reached: all optional, at least one.
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    contact_address = models.TextField(_("postadres"), max_length=300, blank=True)
    # Only whether the member is under 27 (volunteer allowance rule), and from when that no longer holds.
    under_27 = models.BooleanField(_("jonger dan 27 jaar"), default=False)
    under_27_until = models.DateField(_("jonger dan 27 tot"), null=True, blank=True)
    # Accessibility needs the member wants known: visible only to the secretary and facilitator.
    needs_large_print = models.BooleanField(_("grote letters"), default=False)
    needs_interpreter = models.BooleanField(_("tolk"), default=False)
    needs_childcare = models.BooleanField(_("kinderopvang"), default=False)
    needs_accessible_venue = models.BooleanField(_("toegankelijke plek"), default=False)
    needs_other = models.CharField(_("iets anders"), max_length=200, blank=True)
    # Current consent; every change is also appended as a ConsentRecord.
    consent_named_to_members = models.BooleanField(_("naam zichtbaar voor andere leden"), default=False)
    consent_named_publicly = models.BooleanField(_("naam zichtbaar op openbare pagina's"), default=False)
    # Reminders by text message to the mobile number in contact_phone (ADR 22): only with this consent.
    sms_consent = models.BooleanField(_("herinneringen per sms"), default=False)
    term_reminder_sent_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body_id", "status", "id"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gt=models.F("term_start")), name="membership_term_order"),
            models.CheckConstraint(
                condition=~Q(status="beeindigd") | Q(ended_on__isnull=False), name="membership_ended_has_date"
            ),
            # An ended membership may lose its contact data (erasure on request, AVG art. 17).
            models.CheckConstraint(
                condition=Q(status="beeindigd") | ~Q(contact_email="") | ~Q(contact_phone="") | ~Q(contact_address=""),
                name="membership_has_contact_route",
            ),
            models.UniqueConstraint(
                fields=["body", "user"], condition=~Q(status="beeindigd"), name="membership_one_open_per_body"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_body_role_display()} – {self.body_id}"

    @property
    def display_name(self) -> str:
        """The name staff see: the typed name until the person confirmed, then the account's own name."""
        if self.status == Status.INVITED and self.invited_name:
            return self.invited_name
        return self.user.name

    @property
    def invitation_expired(self) -> bool:
        """An invitation nobody answered in time: it can no longer be accepted (see rules.INVITATION_DAYS)."""
        from django.utils import timezone

        from inspraak.members.rules import invitation_expired

        return self.status == Status.INVITED and invitation_expired(self.created_at, timezone.now())

    @property
    def has_vote(self) -> bool:
        return self.body_role in VOTING_ROLES

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE

    @property
    def needs(self) -> list[str]:
        labels = [
            str(self._meta.get_field(name).verbose_name)
            for name in ("needs_large_print", "needs_interpreter", "needs_childcare", "needs_accessible_venue")
            if getattr(self, name)
        ]
        if self.needs_other:
            labels.append(self.needs_other)
        return labels

    @property
    def sms_number(self) -> str:
        """The number reminders by SMS go to (E.164), "" without consent or without a Dutch mobile number."""
        from inspraak.core.sms import mobile_e164

        return mobile_e164(self.contact_phone) if self.sms_consent else ""


class MembershipEvent(HistoryEvent):
    """The history of a membership: appended, never changed. ``changed_fields`` holds field names only (never
    values): personal data stays out of the history."""

    class Kind(models.TextChoices):
        CREATED = "aangemaakt", _("Aangemaakt")
        STATUS = "status", _("Status gewijzigd")
        DETAILS = "gegevens", _("Gegevens gewijzigd")
        RENEWED = "verlengd", _("Termijn verlengd")
        UNDER_27 = "onder_27", _("Leeftijdsgrens 27 gewijzigd")
        CONSENT = "toestemming", _("Toestemming gewijzigd")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices, blank=True)

    class Meta(HistoryEvent.Meta):
        verbose_name = _("gebeurtenis bij lidmaatschap")
        verbose_name_plural = _("geschiedenis van lidmaatschappen")


class ConsentRecord(models.Model):
    """One statement of consent or its withdrawal. The latest per membership and kind is the one that counts."""

    class Kind(models.TextChoices):
        NAMED_TO_MEMBERS = "leden", _("Mijn naam mag zichtbaar zijn voor de andere leden")
        NAMED_PUBLICLY = "openbaar", _("Mijn naam mag op openbare pagina's staan")
        SMS = "sms", _("Ik wil een herinnering per sms")

    class Source(models.TextChoices):
        SELF = "zelf", _("Door de persoon zelf, in Inspraak")
        RECORDED = "vastgelegd", _("Vastgelegd door de secretaris (mondeling of op papier)")
        APPLICATION = "aanmelding", _("Bij de aanmelding")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    granted = models.BooleanField()
    at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=12, choices=Source.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["at", "id"]
