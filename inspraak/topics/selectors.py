"""Reads for topics. Each function runs a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from inspraak.accounts.models import Role, User
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members.models import Category, Membership, Status
from inspraak.regions.models import Body
from inspraak.topics import rules
from inspraak.topics.models import Topic, TopicEvent, TopicStatus, TopicVote


def member_view(body: Body, user) -> dict:
    """What a member sees: open topics to vote on (no counts, no names), their votes, and their own topics.
    3 queries."""
    open_topics = list(Topic.objects.filter(body=body, status=TopicStatus.SUBMITTED).order_by("-submitted_at", "-pk"))
    voted = set(
        TopicVote.objects.filter(user=user, topic__body=body, topic__status=TopicStatus.SUBMITTED).values_list(
            "topic_id", flat=True
        )
    )
    mine = list(
        Topic.objects.filter(body=body)
        .filter(Q(on_behalf_of=user) | Q(on_behalf_of__isnull=True, submitted_by=user))
        .select_related("meeting", "forwarded_to", "forwarded_copy")
        .order_by("-submitted_at", "-pk")
    )
    for topic in [*open_topics, *mine]:
        topic.body = body
    return {"open_topics": open_topics, "voted": voted, "votes_left": rules.votes_left(len(voted)), "mine": mine}


NO_THEME = "geen"  # the list filter for topics without a theme yet


def supporter_view(body: Body, *, status: str = "", theme: str = "", today=None) -> list[Topic]:
    """Every topic with its votes, who it is from (clients marked) and whether it waited too long; ``theme``
    narrows to one theme (``NO_THEME``: those without one). 1 query."""
    today = today or timezone.localdate()
    client_membership = Membership.objects.filter(
        body=body,
        status=Status.ACTIVE,
        category__in=[Category.CLIENT, Category.EXPERIENCED],
        user_id=OuterRef("person_pk"),
    )
    rows = (
        Topic.objects.filter(body=body)
        .annotate(n_votes=Count("votes", distinct=True), person_pk=Coalesce(F("on_behalf_of_id"), F("submitted_by_id")))
        .annotate(from_client=Exists(client_membership))
        .select_related("submitted_by", "on_behalf_of", "meeting", "forwarded_to")
    )
    if status:
        rows = rows.filter(status=status)
    if theme:
        rows = rows.filter(theme="" if theme == NO_THEME else theme)
    topics = list(rows.order_by("-n_votes", "submitted_at", "pk"))
    for topic in topics:
        topic.body = body
        topic.stale = topic.status == TopicStatus.SUBMITTED and rules.is_stale(
            submitted_on=timezone.localtime(topic.submitted_at).date(),
            min_meetings_per_year=body.min_meetings_per_year,
            today=today,
        )
    return topics


def topic_in(body: Body, pk: int) -> Topic:
    topic = (
        Topic.objects.select_related("submitted_by", "on_behalf_of", "meeting", "forwarded_to", "forwarded_copy")
        .filter(body=body, pk=pk)
        .first()
    )
    if topic is None:
        raise Http404
    topic.body = body
    return topic


def topic_history(topic: Topic) -> list[TopicEvent]:
    return list(TopicEvent.objects.filter(topic=topic).select_related("by").order_by("at", "pk"))


def agenda_meetings(body: Body) -> QuerySet[Meeting]:
    """Meetings a topic can be put on: planned or with a published agenda, not yet started (a lazy queryset for a
    form's choices, 1 query when read)."""
    return Meeting.objects.filter(
        body=body,
        status__in=[MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED],
        starts_at__gte=timezone.now(),
    ).order_by("starts_at", "pk")


def forward_targets(body: Body) -> QuerySet[Body]:
    """Other bodies of the region a topic can go to (a lazy queryset for a form's choices, 1 query when read)."""
    return Body.objects.filter(region_id=body.region_id).exclude(pk=body.pk).order_by("name", "pk")


def body_members(body: Body) -> QuerySet[User]:
    """Active people with a member role in the body, for "namens" (a lazy queryset for a form's choices, 1 query
    when read)."""
    return (
        User.objects.filter(role_assignments__body=body, role_assignments__role=Role.MEMBER, is_active=True)
        .distinct()
        .order_by("name", "id")
    )
