"""Reads for topics. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from inspraak.accounts.models import Role, User
from inspraak.core.prepared import prepared_rows
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members.models import Category, Membership, Status
from inspraak.regions.models import Body
from inspraak.topics import rules
from inspraak.topics.models import Topic, TopicEvent, TopicStatus, TopicVote, topic_passed_on

# Page sizes of the topics page: the open topics to vote on (cards), the person's own topics, the supporters' table.
OPEN_PAGE_SIZE = 20
MINE_PAGE_SIZE = 10
TABLE_PAGE_SIZE = 50


@dataclass(eq=False)
class OwnTopic:
    """A row of the person's own topics (plain attributes; the view adds ``url`` and ``status_label``)."""

    pk: int
    title: str
    status: str
    meeting_starts_at: datetime.datetime | None
    forwarded_to_name: str | None


@dataclass(eq=False)
class OpenTopic:
    """An open topic to vote on: its card (the view adds ``vote_url``), or only its title in the person's votes."""

    pk: int
    title: str
    description: str = ""


@dataclass(eq=False)
class TableTopic:
    """A row of the supporters' table (plain attributes; the view adds ``url``, ``status_label``, ``theme_label``
    and ``entered_by``)."""

    pk: int
    title: str
    status: str
    theme: str
    channel: str
    submitted_at: datetime.datetime
    votes_count: int
    on_behalf_of_id: int | None
    submitted_by_name: str
    on_behalf_of_name: str | None
    meeting_starts_at: datetime.datetime | None
    from_client: bool
    stale: bool = False

    @property
    def person_name(self) -> str:
        """Whose topic it is: the member it was entered for, else the one who submitted it."""
        return self.on_behalf_of_name if self.on_behalf_of_id else self.submitted_by_name

    @property
    def passed_on(self) -> str:
        return topic_passed_on(self.on_behalf_of_id, self.channel)


def member_view(body: Body, user, *, page=None, mine_page=None, voting: bool = True) -> dict:
    """What a member sees: one page (``OPEN_PAGE_SIZE``, newest first) of the open topics to vote on (no counts, no
    names), which open topics they voted on (``voted``, and ``my_votes`` with their titles, wherever their cards
    are), how many votes they have left, and one page (``MINE_PAGE_SIZE``, newest first) of their own topics.
    ``page``/``mine_page``: the page numbers as given (not a number: the first page, too high: the last). Without
    ``voting`` only their own topics. 3 queries (1 without voting), each page read with its count
    (core.prepared), whatever the number of topics; one more for each list asked past its end."""
    result = {"mine_page": _own_topics(body, user, mine_page)}
    result["mine"] = result["mine_page"].object_list
    if voting:
        open_page = _open_topics(body, page)
        # The person's votes on open topics (at most MAX_VOTES), wherever their cards are in the list.
        my_votes = [
            OpenTopic(pk, title)
            for pk, title in prepared_rows("topics.my_votes", _my_votes, body=body.pk, user=user.pk)
        ]
        voted = {topic.pk for topic in my_votes}
        result.update(
            open_page=open_page,
            open_topics=open_page.object_list,
            voted=voted,
            my_votes=my_votes,
            votes_left=rules.votes_left(len(voted)),
        )
    return result


def _my_votes(body: int, user: int):
    return (
        TopicVote.objects.filter(user_id=user, topic__body_id=body, topic__status=TopicStatus.SUBMITTED)
        .order_by("at", "pk")
        .values_list("topic_id", "topic__title")
    )


def _count_of(rows: QuerySet) -> Subquery:
    """How many rows ``rows`` has, as a scalar subquery to read on each line of a page (the page's total)."""
    return Subquery(rows.order_by().values(n=Func(F("pk"), function="COUNT", output_field=IntegerField())))


def _lines_page(read: Callable[[int], list[tuple]], count: Callable[[], int], number, per_page: int) -> Page:
    """The page asked for, by Django's rules (not a number: the first page; below 1 or past the end: the last), of
    lines that ``read(offset)`` reads with the list's total last on each line: 1 query. A page past the end
    finds out where the end is (``count()``) and reads the last page: 3 queries (below 1: 2)."""
    probe = Paginator((), per_page)
    probe.count = sys.maxsize  # validate_number's checks without counting
    try:
        wanted = probe.validate_number(number)
    except PageNotAnInteger:
        wanted = 1
    except EmptyPage:
        wanted = None  # below 1
    if wanted is not None:
        lines = read((wanted - 1) * per_page)
        if lines or wanted == 1:
            return _page_of(lines, wanted, per_page)
    counted = Paginator((), per_page)
    counted.count = count()
    wanted = counted.num_pages
    return _page_of(read((wanted - 1) * per_page), wanted, per_page)


def _page_of(lines: list[tuple], number: int, per_page: int) -> Page:
    """A Page of ``lines`` (the total last on each line), counted without another query."""
    paginator = Paginator(lines, per_page)
    paginator.count = lines[0][-1] if lines else 0  # a cached property: counted by the query that read the lines
    return Page(lines, number, paginator)


def _own_rows(body: int, user: int) -> QuerySet:
    return Topic.objects.filter(body_id=body).filter(
        Q(on_behalf_of_id=user) | Q(on_behalf_of__isnull=True, submitted_by_id=user)
    )


def _own_topics(body: Body, user, page) -> Page:
    """The person's own topics in the body (entered by them, or for them), newest first, with their meeting's day
    and the body they went to. 1 query (core.prepared; past the end 3)."""

    def read(offset: int) -> list[tuple]:
        def build(body: int, user: int):
            mine = _own_rows(body, user)
            return (
                mine.order_by("-submitted_at", "-pk")
                .values_list("pk", "title", "status", "meeting__starts_at", "forwarded_to__name")
                .annotate(total=_count_of(mine))[offset : offset + MINE_PAGE_SIZE]
            )

        return prepared_rows(("topics.own", offset), build, body=body.pk, user=user.pk)

    result = _lines_page(read, lambda: _own_rows(body.pk, user.pk).count(), page, MINE_PAGE_SIZE)
    result.object_list = [OwnTopic(*line[:-1]) for line in result.object_list]
    return result


def _open_topics(body: Body, page) -> Page:
    """One page of the body's open topics, newest first: the page's ids in a subquery on the index, then only those
    rows. 1 query (core.prepared; past the end 3)."""

    def read(offset: int) -> list[tuple]:
        def build(body: int):
            open_topics = Topic.objects.filter(body_id=body, status=TopicStatus.SUBMITTED)
            page_ids = open_topics.order_by("-submitted_at", "-pk").values("pk")[offset : offset + OPEN_PAGE_SIZE]
            return (
                Topic.objects.filter(pk__in=page_ids)
                .order_by("-submitted_at", "-pk")
                .values_list("pk", "title", "description")
                .annotate(total=_count_of(open_topics))
            )

        return prepared_rows(("topics.open", offset), build, body=body.pk)

    count = Topic.objects.filter(body=body, status=TopicStatus.SUBMITTED).count
    result = _lines_page(read, count, page, OPEN_PAGE_SIZE)
    result.object_list = [OpenTopic(*line[:-1]) for line in result.object_list]
    return result


NO_THEME = "geen"  # the list filter for topics without a theme yet
SUPPORTER_ORDER = ("-votes_count", "submitted_at", "pk")  # the most votes first, then the longest waiting


def _table_rows(body: int, status: str | None, theme: str | None) -> QuerySet:
    rows = Topic.objects.filter(body_id=body)
    if status is not None:
        rows = rows.filter(status=status)
    if theme is not None:
        rows = rows.filter(theme=theme)
    return rows


def supporter_view(body: Body, *, status: str = "", theme: str = "", today=None, page=None) -> Page:
    """One page (``TABLE_PAGE_SIZE``) of the body's topics, the most votes first, with who it is from (clients
    marked) and whether it waited too long; ``status`` narrows to one status, ``theme`` to one theme (``NO_THEME``:
    those without one). ``page`` as given (not a number: the first page, too high: the last). The order and the
    filters use the stored ``votes_count`` and the body's indexes; who is a client and what waited too long are
    worked out for the page's rows only. 1 query (the rows with the count, core.prepared), whatever the number of
    topics; 3 for a page past the end."""
    today = today or timezone.localdate()
    values = {"body": body.pk}
    if status:
        values["status"] = status
    if theme:
        values["theme"] = "" if theme == NO_THEME else theme

    def read(offset: int) -> list[tuple]:
        def build(body: int, status: str | None = None, theme: str | None = None):
            chosen = _table_rows(body, status, theme)
            page_ids = chosen.order_by(*SUPPORTER_ORDER).values("pk")[offset : offset + TABLE_PAGE_SIZE]
            client_membership = Membership.objects.filter(
                body_id=body,
                status=Status.ACTIVE,
                category__in=[Category.CLIENT, Category.EXPERIENCED],
                user_id=OuterRef("person_pk"),
            )
            # The page's 50 ids are picked in a subquery on the topics table alone, then only those rows are joined.
            return (
                Topic.objects.filter(pk__in=page_ids)
                .annotate(person_pk=Coalesce(F("on_behalf_of_id"), F("submitted_by_id")))
                .order_by(*SUPPORTER_ORDER)
                .values_list(*TABLE_COLUMNS)
                .annotate(from_client=Exists(client_membership), total=_count_of(chosen))
            )

        return prepared_rows(("topics.table", bool(status), bool(theme), offset), build, **values)

    def count() -> int:
        return _table_rows(body.pk, values.get("status"), values.get("theme")).count()

    result = _lines_page(read, count, page, TABLE_PAGE_SIZE)
    zone = timezone.get_current_timezone()
    cycle_of = body.min_meetings_per_year
    rows = []
    for line in result.object_list:
        topic = TableTopic(*line[:-1])
        topic.stale = topic.status == TopicStatus.SUBMITTED and rules.is_stale(
            submitted_on=topic.submitted_at.astimezone(zone).date(), min_meetings_per_year=cycle_of, today=today
        )
        rows.append(topic)
    result.object_list = rows
    return result


# The columns of a TableTopic, in order (``from_client`` is annotated after them).
TABLE_COLUMNS = (
    "pk",
    "title",
    "status",
    "theme",
    "channel",
    "submitted_at",
    "votes_count",
    "on_behalf_of_id",
    "submitted_by__name",
    "on_behalf_of__name",
    "meeting__starts_at",
)


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
