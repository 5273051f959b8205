"""The agenda of a meeting, its documents (art. 47 e), the invitations and the members' replies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspraak.agenda import rules
from inspraak.core.channels import Channel, passed_on
from inspraak.core.versioning import Versioned
from inspraak.topics.models import Theme


class ItemSource(models.TextChoices):
    TOPIC = "onderwerp", _("Onderwerp van een lid")
    FACILITATOR = "gespreksleider", _("De gespreksleider")
    SECRETARY = "secretaris", _("De secretaris")
    GR = "gr", _("Gevraagd door de GR")
    MUNICIPALITY = "gemeente", _("Gevraagd door een gemeente")
    ADVICE_REQUEST = "adviesaanvraag", _("Adviesaanvraag")
    AGREEMENTS = "afspraken", _("Afspraken van eerdere bijeenkomsten")


class AgendaItem(Versioned):
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("titel"), max_length=200)
    # A plain-language summary for members (B1), with its readability score computed on save.
    summary = models.TextField(_("korte uitleg in gewone woorden"), max_length=2000, blank=True)
    summary_readability = models.SmallIntegerField(null=True, blank=True, editable=False)
    source = models.CharField(_("bron"), max_length=16, choices=ItemSource.choices)
    # The practical theme (topics.models.Theme); an item made from a topic takes the topic's theme.
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices, blank=True, default="")
    topic = models.OneToOneField(
        "topics.Topic", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_item"
    )
    advice_request = models.ForeignKey(
        "advice.AdviceRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    requested_by_municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_at = models.TimeField(_("tijd"), null=True, blank=True)
    presenter = models.CharField(_("wie leidt het in"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_unique_position"),
            models.CheckConstraint(
                condition=~Q(source="onderwerp") | Q(topic__isnull=False), name="agenda_item_topic_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class MeetingDocument(models.Model):
    """A document for an agenda item: an uploaded file (PDF, DOCX, ODT, plain text) or a page written in Inspraak.

    Files are stored under generated names and served only through a permission-checked view.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to="stukken/%Y/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    page_text = models.TextField(_("tekst (als pagina in Inspraak)"), max_length=50000, blank=True)
    # A short B1 summary for members, with its readability score computed on save.
    summary = models.TextField(_("korte samenvatting in gewone woorden"), max_length=1000, blank=True)
    summary_readability = models.SmallIntegerField(null=True, blank=True, editable=False)
    for_members = models.BooleanField(_("voor de leden"), default=True)
    public = models.BooleanField(_("openbaar"), default=False)
    # When members could first see it: the timeliness rule compares this with the meeting date.
    available_at = models.DateTimeField(_("beschikbaar sinds"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("vergaderstuk")
        verbose_name_plural = _("vergaderstukken")
        ordering = ["item_id", "available_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(page_text=""), name="document_has_file_or_text"),
        ]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """That (and how) a member was invited to a meeting: by email with an .ics file, or by a printed letter."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        LETTER = "brief", _("Brief")

    EMAIL_PURPOSE = "invitation"  # what the outbox row of an invitation email is about (object id: the invitation)
    SMS_PURPOSE = "reminder"  # what the SMS outbox row of a meeting reminder is about (object id: the invitation)

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    sequence = models.PositiveIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # The SMS reminder (ADR 22) is claimed apart from the email one: each goes out once.
    sms_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # The login code printed on this meeting's letter: printing the letters again reuses it while it works.
    letter_code = models.ForeignKey(
        "accounts.LoginCode", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="invitation_once_per_member")]


class Reply(models.Model):
    """A member's answer: comes / does not come / does not know yet, and what they need to come."""

    class Answer(models.TextChoices):
        YES = "komt", _("Ik kom")
        NO = "komt_niet", _("Ik kom niet")
        MAYBE = "weet_niet", _("Ik weet het nog niet")

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="replies")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("komt u?"), max_length=10, choices=Answer.choices)
    needs_travel_costs = models.BooleanField(_("reiskosten"), default=False)
    needs_childcare = models.BooleanField(_("kinderopvang"), default=False)
    needs_interpreter = models.BooleanField(_("tolk"), default=False)
    needs_accessible_venue = models.BooleanField(_("toegankelijke plek"), default=False)
    needs_other = models.CharField(_("iets anders"), max_length=300, blank=True)
    # How the reply reached the body: online by the member, or by phone, letter or in person and recorded by the
    # secretary or facilitator (``recorded_by``; null: the member themself). A later reply of the member online
    # replaces it; the audit log keeps who recorded what and when.
    channel = models.CharField(_("hoe doorgegeven"), max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    # The needs are arranged ("geregeld"): when, by whom and what was arranged (the member is told). Null: not yet.
    # A change of the needs makes them "not arranged" again.
    arranged_at = models.DateTimeField(_("geregeld op"), null=True, blank=True)
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geregeld door"),
    )
    arranged_note = models.CharField(_("wat is geregeld"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("antwoord op uitnodiging")
        verbose_name_plural = _("antwoorden op uitnodigingen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="reply_once_per_member"),
            models.CheckConstraint(
                condition=Q(channel="online", recorded_by__isnull=True)
                | (~Q(channel="online") & Q(recorded_by__isnull=False)),
                name="reply_recorded_by_for_other_channels",
            ),
            models.CheckConstraint(
                condition=Q(arranged_at__isnull=True) | ~Q(arranged_note=""), name="reply_arranged_says_what"
            ),
        ]

    @property
    def passed_on(self) -> str:
        """How the reply reached the body: "doorgegeven per telefoon"."""
        return passed_on(self.channel)

    @property
    def has_needs(self) -> bool:
        """The member asked for something to come (and comes or may come)."""
        return rules.has_needs(
            self.answer,
            [getattr(self, name) for name in NEED_FLAGS],
            self.needs_other,
        )


# The yes/no needs of a reply; ``needs_other`` is the free text beside them.
NEED_FLAGS = ("needs_travel_costs", "needs_childcare", "needs_interpreter", "needs_accessible_venue")
# Replies whose needs still have to be arranged (for to-do lists): the member comes or may come, asked for something,
# and nobody marked it "geregeld" yet.
NEEDS_TO_ARRANGE = (
    ~Q(answer=Reply.Answer.NO)
    & (
        Q(needs_travel_costs=True)
        | Q(needs_childcare=True)
        | Q(needs_interpreter=True)
        | Q(needs_accessible_venue=True)
        | ~Q(needs_other="")
    )
    & Q(arranged_at__isnull=True)
)
