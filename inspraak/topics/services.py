"""Writes for topics and votes. Each is atomic, appends history, writes an audit row and tells the member."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse

from inspraak.audit.services import audit_record
from inspraak.core.channels import Channel
from inspraak.core.errors import ServiceError
from inspraak.core.readability import readability
from inspraak.letters.models import Letter
from inspraak.letters.notices import drop_outdated
from inspraak.letters.services import notify_member
from inspraak.meetings.models import MeetingStatus
from inspraak.topics import rules
from inspraak.topics.models import Theme, Topic, TopicEvent, TopicStatus, TopicVote

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.meetings.models import Meeting
    from inspraak.regions.models import Body


class TopicError(ServiceError):
    """A step that does not fit the topic's state; ``code`` says which (the views' ``ERRORS``)."""


def _label(topic: Topic) -> str:
    return f"onderwerp #{topic.pk} – {topic.body.name}"


def _move(topic: Topic, status: str, *, by: User | None, note: str = "", fields: tuple[str, ...] = ()) -> None:
    previous = topic.status
    topic.status = status
    topic.save(update_fields=["status", *fields])
    TopicEvent.objects.create(topic=topic, by=by, from_status=previous, to_status=status, note=note[:300])
    audit_record(actor=by, action=f"topic.{status}", target=topic, region=topic.body.region, label=_label(topic))
    _tell(topic, by=by)


def _tell(topic: Topic, *, by: User | None = None) -> None:
    """Tell the member whose topic it is what happened and where to read it: by email, or by a letter when they have
    no address. A letter about this topic that was not printed yet is replaced by this newer one."""
    person = topic.person
    if not person.is_active:
        return
    path = reverse("topics:detail", args=[topic.body.region.slug, topic.body.slug, topic.pk])
    if not person.email:
        drop_outdated(kind=Letter.Kind.TOPIC, object_id=topic.pk, user_ids=[person.pk])
    notify_member(
        person=person,
        body=topic.body,
        kind=Letter.Kind.TOPIC,
        template_prefix="topics/email/status",
        context={"topic": topic, "path": path},
        path=path,
        object_id=topic.pk,
        by=by,
    )


@transaction.atomic
def topic_submit(
    *,
    body: Body,
    title: str,
    description: str,
    by: User,
    on_behalf_of: User | None = None,
    channel: str = Channel.ONLINE,
    theme: str = "",
) -> Topic:
    """A member puts a topic forward (or the secretary for a member who called, wrote or said it in person:
    ``on_behalf_of``, with the ``channel`` it came by: telefoon, brief, persoonlijk). A member's own topic is
    always "online" ("channel" refused otherwise). With a practical ``theme`` when one was chosen."""
    if not title.strip() or not description.strip():
        raise TopicError("empty")
    if channel not in Channel.values or (on_behalf_of is None and channel != Channel.ONLINE):
        raise TopicError("channel")
    if theme and theme not in Theme.values:
        raise TopicError("theme")
    topic = Topic.objects.create(
        body=body,
        title=title.strip(),
        description=description.strip(),
        submitted_by=by,
        on_behalf_of=on_behalf_of,
        channel=channel,
        theme=theme,
    )
    TopicEvent.objects.create(topic=topic, by=by, to_status=TopicStatus.SUBMITTED)
    label = _label(topic) if channel == Channel.ONLINE else f"{_label(topic)} – {channel}"
    audit_record(actor=by, action="topic.submit", target=topic, region=body.region, label=label)
    return topic


@transaction.atomic
def topic_set_theme(*, topic: Topic, theme: str, by: User) -> Topic:
    """The facilitator labels the topic with a practical theme ("" takes the label off). The agenda item made from
    the topic keeps its own theme (it may be labelled on its own)."""
    if theme and theme not in Theme.values:
        raise TopicError("theme")
    if theme == topic.theme:
        return topic
    topic.theme = theme
    topic.save(update_fields=["theme"])
    audit_record(
        actor=by,
        action="topic.theme",
        target=topic,
        region=topic.body.region,
        label=_label(topic),
        changed_fields=["theme"],
    )
    return topic


@transaction.atomic
def topic_vote(*, topic: Topic, user: User) -> TopicVote:
    """One vote for an open topic; at most ``rules.MAX_VOTES`` votes on open topics of the body per person. The
    topic's ``votes_count`` goes up by one in the same transaction (TopicVote.save, an F() expression)."""
    if topic.status not in (TopicStatus.SUBMITTED,):
        raise TopicError("not_open")
    used = TopicVote.objects.filter(user=user, topic__body=topic.body, topic__status=TopicStatus.SUBMITTED).count()
    if rules.votes_left(used) == 0:
        raise TopicError("no_votes_left")
    try:
        with transaction.atomic():
            return TopicVote.objects.create(topic=topic, user=user)
    except IntegrityError as exc:
        raise TopicError("already_voted") from exc


@transaction.atomic
def topic_unvote(*, topic: Topic, user: User) -> None:
    """Take the vote back (nothing happens when there is none); ``votes_count`` goes down by the rows really
    deleted (TopicVoteQuerySet.delete), so taking back twice at once counts once."""
    TopicVote.objects.filter(topic=topic, user=user).delete()


# How a topic goes on a meeting's agenda in one step, agenda item included: the agenda app registers its service
# here (AgendaConfig.ready), because topics may not import agenda (ADR 15). Each is called as
# ``step(topic=..., meeting=..., by=...)`` and raises TopicError when the step does not fit; the last one counts.
AGENDA_STEPS: list[Callable[..., object]] = []


@transaction.atomic
def topic_schedule(*, topic: Topic, meeting: Meeting, by: User) -> Topic:
    """Put the topic on a meeting's agenda (the handling form's "op de agenda"): the topic moves to "op de agenda"
    and the meeting's agenda gets the item in the same step (through ``AGENDA_STEPS``), so the member is never told
    it is on an agenda that does not list it. Without a registered step only the topic moves."""
    if not AGENDA_STEPS:
        return topic_put_on_agenda(topic=topic, meeting=meeting, by=by)
    try:
        AGENDA_STEPS[-1](topic=topic, meeting=meeting, by=by)
    except TopicError:
        topic.refresh_from_db()  # the step was rolled back: show the topic as it is
        raise
    topic.refresh_from_db()
    return topic


@transaction.atomic
def topic_put_on_agenda(*, topic: Topic, meeting: Meeting, by: User) -> Topic:
    if topic.status != TopicStatus.SUBMITTED:
        raise TopicError("not_open")
    if meeting.body_id != topic.body_id or meeting.status not in (
        MeetingStatus.PLANNED,
        MeetingStatus.AGENDA_PUBLISHED,
    ):
        raise TopicError("meeting")
    topic.meeting = meeting
    _move(topic, TopicStatus.ON_AGENDA, by=by, fields=("meeting",))
    return topic


@transaction.atomic
def topic_forward(*, topic: Topic, to_body: Body, by: User, note: str = "") -> Topic:
    """Send the topic to the body it belongs to (e.g. a municipality's adviesraad). A copy starts there; the
    member sees on their topic where it went."""
    if topic.status != TopicStatus.SUBMITTED:
        raise TopicError("not_open")
    if to_body.pk == topic.body_id or to_body.region_id != topic.body.region_id:
        raise TopicError("target")
    copy = Topic.objects.create(
        body=to_body,
        title=topic.title,
        description=topic.description,
        submitted_by=topic.submitted_by,
        on_behalf_of=topic.on_behalf_of,
        channel=topic.channel,
        forwarded_from=topic,
    )
    TopicEvent.objects.create(topic=copy, by=by, to_status=TopicStatus.SUBMITTED, note=f"doorgestuurd van #{topic.pk}")
    topic.forwarded_to = to_body
    topic.answer = note.strip()
    _move(topic, TopicStatus.FORWARDED, by=by, note=note, fields=("forwarded_to", "answer"))
    return topic


@transaction.atomic
def topic_mark_discussed(*, topic: Topic, by: User) -> Topic:
    if topic.status != TopicStatus.ON_AGENDA:
        raise TopicError("not_on_agenda")
    _move(topic, TopicStatus.DISCUSSED, by=by)
    return topic


@transaction.atomic
def topic_close(*, topic: Topic, answer: str, by: User) -> Topic:
    """Done: the answer says what was done with it (shown to the member, with a readability check)."""
    if topic.status in (TopicStatus.DONE, TopicStatus.FORWARDED, TopicStatus.NOT_ON_AGENDA):
        raise TopicError("closed")
    return _answer(topic, TopicStatus.DONE, answer, by=by)


@transaction.atomic
def topic_decline(*, topic: Topic, reason: str, by: User) -> Topic:
    """Not on the agenda, with the reason the member sees."""
    if topic.status != TopicStatus.SUBMITTED:
        raise TopicError("not_open")
    return _answer(topic, TopicStatus.NOT_ON_AGENDA, reason, by=by)


def _answer(topic: Topic, status: str, text: str, *, by: User) -> Topic:
    if not text.strip():
        raise TopicError("no_answer")
    topic.answer = text.strip()
    score = readability(topic.answer)
    topic.readability_score = score.score if score else None
    _move(topic, status, by=by, fields=("answer", "readability_score"))
    return topic
