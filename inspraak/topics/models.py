"""Topics members put on the agenda (art. 47 d), the answer every topic gets, and the joint priorities (votes)."""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
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


def counted_votes():
    """The number of TopicVote rows of the outer topic, as an expression for ``update(votes_count=...)``."""
    votes = TopicVote.objects.filter(topic=OuterRef("pk")).order_by().values("topic").annotate(n=Count("pk"))
    return Coalesce(Subquery(votes.values("n")), Value(0))


class TopicQuerySet(models.QuerySet):
    def recount_votes(self) -> int:
        """Set ``votes_count`` of these topics from their votes (one UPDATE); for votes written in bulk, and for a
        check. Returns the number of topics."""
        return self.update(votes_count=counted_votes())


def topic_passed_on(on_behalf_of_id: int | None, channel: str) -> str:
    """How a topic entered on a member's behalf reached the body ("doorgegeven per telefoon"), or "" when the member
    entered it themself or the channel was not recorded."""
    return passed_on(channel) if on_behalf_of_id and channel != Channel.ONLINE else ""


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
    # How many votes the topic has (the TopicVote rows), kept on the row so that the supporters' list can order and
    # page by it with an index instead of counting every vote of the body. TopicVote keeps it right (see there).
    votes_count = models.PositiveIntegerField(_("stemmen"), default=0, editable=False)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")
        indexes = [
            # The members' list: the open topics of a body, newest first.
            models.Index(fields=["body", "status", "-submitted_at", "-id"], name="topic_body_status_new"),
            # The supporters' list, the most votes first: all topics, one status, or one theme.
            models.Index(fields=["body", "-votes_count", "submitted_at", "id"], name="topic_body_votes"),
            models.Index(
                fields=["body", "status", "-votes_count", "submitted_at", "id"], name="topic_body_status_votes"
            ),
            models.Index(fields=["body", "theme", "-votes_count", "submitted_at", "id"], name="topic_body_theme_votes"),
        ]
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
        return topic_passed_on(self.on_behalf_of_id, self.channel)

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


class TopicVoteQuerySet(models.QuerySet):
    """Every way votes are added or removed keeps ``Topic.votes_count`` right, in the same transaction, with F()
    expressions (so two votes at once both count): ``create``/``save`` add one, ``delete`` takes off the rows it
    really deleted, ``bulk_create`` recounts the topics it touched. The topics' services (vote, take back) and the
    writers outside the app (AVG erasure, the demo data) all pass through here."""

    def delete(self):
        with transaction.atomic(using=self.db, savepoint=False):
            deleted, per_model = 0, {}
            # Topic by topic in a fixed order: the count comes off by what the DELETE really removed (0 when someone
            # else took the same vote back just before), and concurrent deletes lock topics in the same order.
            for topic_id in sorted(set(self.order_by().values_list("topic_id", flat=True))):
                n, rows = super(TopicVoteQuerySet, self.filter(topic_id=topic_id)).delete()
                if n:
                    Topic.objects.filter(pk=topic_id).update(votes_count=F("votes_count") - n)
                deleted += n
                for label, count in rows.items():
                    per_model[label] = per_model.get(label, 0) + count
            return deleted, per_model

    delete.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            # With ignore_conflicts the rows really inserted are unknown: recount the topics touched.
            Topic.objects.filter(pk__in={vote.topic_id for vote in objs}).recount_votes()
        return created

    bulk_create.alters_data = True


class TopicVote(models.Model):
    """One member's vote for one open topic (joint priorities). Never shown per person. Adding and removing votes
    keeps the topic's ``votes_count`` right (TopicVoteQuerySet)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = TopicVoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("stem op onderwerp")
        verbose_name_plural = _("stemmen op onderwerpen")
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="vote_once_per_topic")]

    def save(self, **kwargs) -> None:
        adding = self._state.adding
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            super().save(**kwargs)
            if adding:  # a new vote (a vote is never changed): one more on its topic
                Topic.objects.filter(pk=self.topic_id).update(votes_count=F("votes_count") + 1)

    def delete(self, using=None, keep_parents=False):
        return TopicVote.objects.using(using or self._state.db).filter(pk=self.pk).delete()
