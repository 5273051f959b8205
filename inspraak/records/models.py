"""What happened at a meeting: attendance, the minutes, agreements and the feedback report to the GR."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.models import HistoryEvent
from inspraak.core.versioning import Versioned


class Attendance(models.Model):
    class Presence(models.TextChoices):
        PRESENT = "aanwezig", _("Aanwezig")
        EXCUSED = "afgemeld", _("Afwezig met bericht")
        ABSENT = "afwezig", _("Afwezig")

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    presence = models.CharField(_("aanwezigheid"), max_length=10, choices=Presence.choices)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once_per_member")]


class MinutesStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    SHARED = "gedeeld", _("Gedeeld met de leden")
    APPROVED = "vastgesteld", _("Vastgesteld")


class Minutes(models.Model):
    """The minutes (verslag). Members read the shared text; the public version never names clients who did not
    agree to be named publicly."""

    meeting = models.OneToOneField("meetings.Meeting", on_delete=models.PROTECT, related_name="minutes")
    text = models.TextField(_("verslag"), max_length=50000)
    public_text = models.TextField(_("openbare versie (zonder namen van cliënten)"), max_length=50000, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT)
    shared_at = models.DateTimeField(null=True, blank=True)
    approve_by = models.DateField(_("reageren kan tot"), null=True, blank=True)
    approved_on = models.DateField(_("vastgesteld op"), null=True, blank=True)
    approved_at_meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    public = models.BooleanField(_("openbaar"), default=False)
    # Flesch-Douma score of public_text, computed on save (the public version is read by clients too).
    public_text_readability = models.SmallIntegerField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="vastgesteld") | Q(approved_on__isnull=False), name="minutes_approved_has_date"
            ),
        ]


class Agreement(Versioned):
    """An agreement or action point (afspraak). Open ones appear on every next agenda of the body until done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "gedaan", _("Gedaan")
        CANCELLED = "vervallen", _("Vervallen")

    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="agreements")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="agreements"
    )
    description = models.TextField(_("afspraak"), max_length=2000)
    owner = models.CharField(_("wie doet het"), max_length=200, help_text=_("Een persoon of organisatie."))
    due_on = models.DateField(_("klaar op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["status", "due_on", "pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")


class FeedbackReport(Versioned):
    """The facilitator's report to the GR after a meeting (terugkoppeling): topics, what clients said (without
    names), recommendations and agreements."""

    meeting = models.OneToOneField("meetings.Meeting", on_delete=models.PROTECT, related_name="feedback")
    topics_text = models.TextField(_("besproken onderwerpen"), max_length=10000)
    views_text = models.TextField(_("wat cliënten zeiden (zonder namen)"), max_length=20000)
    agreements_text = models.TextField(_("afspraken"), max_length=10000, blank=True)
    # Flesch-Douma scores of the three texts, computed on save.
    topics_readability = models.SmallIntegerField(null=True, blank=True, editable=False)
    views_readability = models.SmallIntegerField(null=True, blank=True, editable=False)
    agreements_readability = models.SmallIntegerField(null=True, blank=True, editable=False)
    public = models.BooleanField(_("openbaar"), default=False)
    sent_on = models.DateField(_("verstuurd op"), null=True, blank=True)
    sent_to = models.CharField(_("verstuurd aan"), max_length=200, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("terugkoppeling")
        verbose_name_plural = _("terugkoppelingen")

    # ``delivery_status`` and ``delivered_at`` come from the outbox row of the email to the GR, annotated by
    # records.selectors.with_delivery (no extra query).
    @property
    def delivered_on(self):
        """The day the email to the GR reached the mail server; None while it is on its way or failed."""
        if self.sent_on is None:
            return None
        status = getattr(self, "delivery_status", None)
        if status is None:  # no outbox row: sent before the outbox existed, or the sent row was cleaned up
            return self.sent_on
        if status == "sent" and self.delivered_at is not None:
            return timezone.localdate(self.delivered_at)
        return None

    @property
    def delivery_failed(self) -> bool:
        return self.sent_on is not None and getattr(self, "delivery_status", None) == "failed"


class FeedbackRecommendation(models.Model):
    """One recommendation in a feedback report, with the GR's reaction recorded per recommendation."""

    class Reaction(models.TextChoices):
        ADOPTED = "overgenomen", _("Overgenomen")
        PARTLY = "deels", _("Deels overgenomen")
        NOT_ADOPTED = "niet", _("Niet overgenomen")

    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField(_("aanbeveling"), max_length=4000)
    reaction = models.CharField(_("reactie van de GR"), max_length=12, choices=Reaction.choices, blank=True)
    reaction_text = models.TextField(_("toelichting van de GR"), max_length=4000, blank=True)
    reacted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["number", "pk"]
        verbose_name = _("aanbeveling in een terugkoppeling")
        verbose_name_plural = _("aanbevelingen in terugkoppelingen")
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="feedback_recommendation_number")]


class RecordEvent(HistoryEvent):
    """History of the minutes, agreements and feedback reports: every status step. Appended, never changed.

    One table for four kinds of record: ``target`` and ``target_id`` say which record, ``action`` what was done."""

    class Target(models.TextChoices):
        MINUTES = "verslag", _("Verslag")
        AGREEMENT = "afspraak", _("Afspraak")
        FEEDBACK = "terugkoppeling", _("Terugkoppeling")
        RECOMMENDATION = "aanbeveling", _("Aanbeveling")

    body = models.ForeignKey("regions.Body", on_delete=models.CASCADE, related_name="+")
    target = models.CharField(max_length=16, choices=Target.choices)
    target_id = models.PositiveIntegerField()
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.TextField(max_length=2000, blank=True)

    class Meta(HistoryEvent.Meta):
        verbose_name = _("stap in een verslag, afspraak of terugkoppeling")
        verbose_name_plural = _("stappen in verslagen, afspraken en terugkoppelingen")
        indexes = [models.Index(fields=["target", "target_id"], name="record_event_target")]
