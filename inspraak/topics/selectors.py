"""Reads for topics. Each function runs a fixed number of queries."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from inspraak.accounts.models import Role, User
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members.models import Category, Membership, Status
from inspraak.regions.models import Body
from inspraak.topics import rules
from inspraak.topics.models import Topic, TopicEvent, TopicStatus, TopicVote

# Page sizes of the topics page: the open topics to vote on (cards), the person's own topics, the supporters' table.
OPEN_PAGE_SIZE = 20
MINE_PAGE_SIZE = 10
TABLE_PAGE_SIZE = 50


def member_view(body: Body, user, *, page=None, mine_page=None, voting: bool = True) -> dict:
    """What a member sees: one page (``OPEN_PAGE_SIZE``, newest first) of the open topics to vote on (no counts, no
    names), which open topics they voted on (``voted``, and ``my_votes`` with their titles, wherever their cards
    are), how many votes they have left, and one page (``MINE_PAGE_SIZE``, newest first) of their own topics.
    ``page``/``mine_page``: the page numbers as given (not a number: the first page, too high: the last). Without
    ``voting`` only their own topics. 5 queries (2 without voting), whatever the number of topics."""
    result = {"mine_page": _own_topics(body, user, mine_page)}
    result["mine"] = list(result["mine_page"])
    if voting:
        open_ids = (
            Topic.objects.filter(body=body, status=TopicStatus.SUBMITTED)
            .order_by("-submitted_at", "-pk")
            .values_list("pk", flat=True)
        )
        open_page, page_ids = _paged(open_ids, OPEN_PAGE_SIZE, page)
        # The page's ids in a subquery on the index, then only those rows.
        open_page.object_list = list(
            Topic.objects.filter(pk__in=page_ids)
            .only("pk", "title", "description", "body_id")
            .order_by("-submitted_at", "-pk")
        )
        # The person's votes on open topics (at most MAX_VOTES), wherever their cards are in the list.
        my_votes = [
            Topic(pk=pk, title=title, body=body)
            for pk, title in TopicVote.objects.filter(user=user, topic__body=body, topic__status=TopicStatus.SUBMITTED)
            .order_by("at", "pk")
            .values_list("topic_id", "topic__title")
        ]
        voted = {topic.pk for topic in my_votes}
        result.update(
            open_page=open_page,
            open_topics=open_page.object_list,
            voted=voted,
            my_votes=my_votes,
            votes_left=rules.votes_left(len(voted)),
        )
    for topic in [*result.get("open_topics", []), *result["mine"]]:
        topic.body = body
    return result


# Only the columns the page shows (the rows and their joined people, meeting and body are read for 10 and 50 rows).
OWN_FIELDS = ("title", "status", "body_id", "submitted_at", "meeting__starts_at", "forwarded_to__name")
TABLE_FIELDS = (
    "title",
    "status",
    "theme",
    "body_id",
    "channel",
    "submitted_at",
    "votes_count",
    "submitted_by__name",
    "on_behalf_of__name",
    "meeting__starts_at",
)


def _own_topics(body: Body, user, page) -> Page:
    """The person's own topics in the body (entered by them, or for them), newest first. 2 queries."""
    mine = (
        Topic.objects.filter(body=body)
        .filter(Q(on_behalf_of=user) | Q(on_behalf_of__isnull=True, submitted_by=user))
        .select_related("meeting", "forwarded_to")
        .only(*OWN_FIELDS)
        .order_by("-submitted_at", "-pk")
    )
    result, rows = _paged(mine, MINE_PAGE_SIZE, page)
    result.object_list = list(rows)
    return result


def _paged(rows: QuerySet, per_page: int, number) -> tuple[Page, QuerySet]:
    """The page asked for (Django's rules: not a number is the first page, too high or below 1 the last) and the
    slice of ``rows`` it shows, not yet read. The slice always asks for a whole page, also when fewer rows exist,
    so that reading it is one query even on an empty list (a fixed number of queries). 1 query (the count)."""
    page = Paginator(rows, per_page).get_page(number)
    start = (page.number - 1) * per_page
    return page, rows[start : start + per_page]


NO_THEME = "geen"  # the list filter for topics without a theme yet
SUPPORTER_ORDER = ("-votes_count", "submitted_at", "pk")  # the most votes first, then the longest waiting


def supporter_view(body: Body, *, status: str = "", theme: str = "", today=None, page=None) -> Page:
    """One page (``TABLE_PAGE_SIZE``) of the body's topics, the most votes first, with who it is from (clients
    marked) and whether it waited too long; ``status`` narrows to one status, ``theme`` to one theme (``NO_THEME``:
    those without one). ``page`` as given (not a number: the first page, too high: the last). The order and the
    filters use the stored ``votes_count`` and the body's indexes; who is a client and what waited too long are
    worked out for the page's rows only. 2 queries (count, rows), whatever the number of topics."""
    today = today or timezone.localdate()
    ids = Topic.objects.filter(body=body)
    if status:
        ids = ids.filter(status=status)
    if theme:
        ids = ids.filter(theme="" if theme == NO_THEME else theme)
    result, page_ids = _paged(ids.order_by(*SUPPORTER_ORDER).values_list("pk", flat=True), TABLE_PAGE_SIZE, page)
    client_membership = Membership.objects.filter(
        body=body,
        status=Status.ACTIVE,
        category__in=[Category.CLIENT, Category.EXPERIENCED],
        user_id=OuterRef("person_pk"),
    )
    # The page's 50 ids are picked in a subquery on the topics table alone, then only those rows are joined.
    rows = (
        Topic.objects.filter(pk__in=page_ids)
        .annotate(person_pk=Coalesce(F("on_behalf_of_id"), F("submitted_by_id")))
        .annotate(from_client=Exists(client_membership))
        .select_related("submitted_by", "on_behalf_of", "meeting")
        .only(*TABLE_FIELDS)
        .order_by(*SUPPORTER_ORDER)
    )
    result.object_list = list(rows)
    for topic in result.object_list:
        topic.body = body
        topic.stale = topic.status == TopicStatus.SUBMITTED and rules.is_stale(
            submitted_on=timezone.localtime(topic.submitted_at).date(),
            min_meetings_per_year=body.min_meetings_per_year,
            today=today,
        )
    return result


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
