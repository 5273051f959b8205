"""Topics members put on the agenda (art. 47 d), the answer every topic gets, and the joint priorities (votes)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspraak.core.channels import Channel, passed_on
from inspraak.core.models import HistoryEvent


class TopicStatus(models.TextChoices):
    SUBMITTED = "ingediend", _("Ingediend")
    ON_AGENDA = "geagendeerd", _("Op de agenda")
    DISCUSSED = "besproken", _("Besproken")
    DONE = "afgehandeld", _("Afgehandeld")
    FORWARDED = "doorgestuurd", _("Doorgestuurd")
    NOT_ON_AGENDA = "niet_geagendeerd", _("Niet op de agenda")


class Theme(models.TextChoices):
    """The practical themes clients bring up again and again (from the seeds: "brieven / communicatie, bejegening,
    nakomen van afspraken"), so that reports can count them. Agenda items use the same themes (ADR 0025)."""

    LETTERS = "brieven", _("Brieven en uitleg")
    TREATMENT = "bejegening", _("Hoe u behandeld wordt")
    AGREEMENTS = "afspraken", _("Afspraken nakomen")
    REACHABILITY = "bereikbaarheid", _("Bereikbaarheid (bellen, langsgaan)")
    PAYMENT = "betaling", _("Betaling van de uitkering")
    OTHER = "overig", _("Iets anders")


# A topic is "open" (can get votes, counts as waiting) until it is on an agenda or closed otherwise.
OPEN_STATUSES = (TopicStatus.SUBMITTED,)
CLOSED_STATUSES = (TopicStatus.DONE, TopicStatus.FORWARDED, TopicStatus.NOT_ON_AGENDA)


class Topic(models.Model):
    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="topics")
    title = models.CharField(_("onderwerp"), max_length=150)
    description = models.TextField(_("uitleg"), max_length=2000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submitted_topics"
    )
    # The secretary entered it for a member who called or wrote ("namens").
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topics_on_behalf",
        verbose_name=_("namens"),
    )
    # How a topic entered on a member's behalf reached the body (telefoon, brief, persoonlijk); "online" when the
    # member entered it themself.
    channel = models.CharField(_("hoe doorgegeven"), max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    status = models.CharField(_("status"), max_length=20, choices=TopicStatus.choices, default=TopicStatus.SUBMITTED)
    # Empty: no theme chosen yet (the member may skip it; the facilitator can label it later).
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices, blank=True, default="")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="topics"
    )
    forwarded_to = models.ForeignKey("regions.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    forwarded_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="forwarded_copy"
    )
    # The answer the submitter sees: what was done, or why it was not put on the agenda.
    answer = models.TextField(_("antwoord"), max_length=2000, blank=True)
    readability_score = models.SmallIntegerField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="geagendeerd") | Q(meeting__isnull=False), name="topic_on_agenda_has_meeting"
            ),
            models.CheckConstraint(
                condition=~Q(status="doorgestuurd") | Q(forwarded_to__isnull=False), name="topic_forwarded_has_body"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["afgehandeld", "niet_geagendeerd"]) | ~Q(answer=""),
                name="topic_closed_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def person(self):
        """Whose topic it is: the member it was entered for, else the one who submitted it."""
        return self.on_behalf_of or self.submitted_by

    @property
    def passed_on(self) -> str:
        """How a topic entered on a member's behalf reached the body ("doorgegeven per telefoon"), or "" when the
        member entered it themself or the channel was not recorded."""
        return passed_on(self.channel) if self.on_behalf_of_id and self.channel != Channel.ONLINE else ""

    @property
    def person_id(self) -> int:
        return self.on_behalf_of_id or self.submitted_by_id


class TopicEvent(HistoryEvent):
    """History of a topic: every status step, with its note. Appended, never changed."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=TopicStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=TopicStatus.choices)  # every step has a new status
    note = models.CharField(max_length=300, blank=True)

    class Meta(HistoryEvent.Meta):
        verbose_name = _("gebeurtenis bij onderwerp")
        verbose_name_plural = _("geschiedenis van onderwerpen")


class TopicVote(models.Model):
    """One member's vote for one open topic (joint priorities). Never shown per person."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stem op onderwerp")
        verbose_name_plural = _("stemmen op onderwerpen")
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="vote_once_per_topic")]
