"""The topics page's three lists are read with their totals in one prepared query each (topics.selectors): for every
filter and page the same rows, in the same order, with the same columns and totals as the ORM reads them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inspraak.core.channels import Channel
from inspraak.meetings.models import Meeting
from inspraak.members.models import Category, Status
from inspraak.topics import selectors
from inspraak.topics.models import Theme, Topic, TopicStatus, TopicVote
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _varied_topics(world) -> None:
    """Topics of every kind the table shows: entered for a member by phone, on a meeting's agenda, forwarded, with
    and without a theme, from a client and from others, with votes; and the member's own."""
    start = timezone.now() + datetime.timedelta(days=10)
    meeting = Meeting.objects.create(
        body=world.body, starts_at=start, ends_at=start + datetime.timedelta(hours=2), place_name="Stadhuis"
    )
    secretary, member, other = world.user("secretary"), world.user("member"), UserFactory()
    for k in range(130):
        fields = {"submitted_by": [world.client, other, member][k % 3], "theme": ["", Theme.values[0]][k % 2]}
        if k % 7 == 0:
            fields.update(submitted_by=secretary, on_behalf_of=[member, world.client][k % 2], channel=Channel.PHONE)
        if k % 11 == 0:
            fields.update(status=TopicStatus.ON_AGENDA, meeting=meeting)
        elif k % 13 == 0:
            fields.update(status=TopicStatus.FORWARDED, forwarded_to=world.municipal_body)
        Topic.objects.create(body=world.body, title=f"Onderwerp {k:03d}", description=f"Uitleg {k}.", **fields)
    voters = [UserFactory() for _ in range(4)]
    for k, topic in enumerate(Topic.objects.filter(body=world.body).order_by("pk")[:40]):
        for voter in voters[: k % 5]:
            TopicVote.objects.create(topic=topic, user=voter)
    TopicVote.objects.create(topic=Topic.objects.filter(status=TopicStatus.SUBMITTED).latest("pk"), user=member)


def _client_ids(world) -> set[int]:
    return set(
        world.body.memberships.filter(
            status=Status.ACTIVE, category__in=[Category.CLIENT, Category.EXPERIENCED]
        ).values_list("user_id", flat=True)
    )


def _table_as_the_orm_reads_it(world, status: str, theme: str, number: int) -> list[tuple]:
    rows = Topic.objects.filter(body=world.body).select_related("submitted_by", "on_behalf_of", "meeting")
    if status:
        rows = rows.filter(status=status)
    if theme:
        rows = rows.filter(theme="" if theme == selectors.NO_THEME else theme)
    size = selectors.TABLE_PAGE_SIZE
    page = rows.order_by(*selectors.SUPPORTER_ORDER)[(number - 1) * size : number * size]
    clients = _client_ids(world)
    return [
        (*_plain(t), t.person.name, t.person_id in clients, t.passed_on, t.meeting.starts_at if t.meeting else None)
        for t in page
    ]


def _plain(topic) -> tuple:
    return tuple(getattr(topic, name) for name in ("pk", "title", "status", "theme", "votes_count"))


def _table_as_read(page) -> list[tuple]:
    return [(*_plain(t), t.person_name, t.from_client, t.passed_on, t.meeting_starts_at) for t in page.object_list]


def test_the_supporters_table_is_the_page_the_orm_reads_for_every_filter(world):
    _varied_topics(world)
    for status in ("", TopicStatus.SUBMITTED, TopicStatus.ON_AGENDA, TopicStatus.FORWARDED):
        for theme in ("", selectors.NO_THEME, Theme.values[0]):
            wanted = Topic.objects.filter(body=world.body)
            wanted = wanted.filter(status=status) if status else wanted
            wanted = wanted.filter(theme="" if theme == selectors.NO_THEME else theme) if theme else wanted
            total = wanted.count()
            last = max(1, -(-total // selectors.TABLE_PAGE_SIZE))
            for asked, shown in ((None, 1), (2, min(2, last)), (99, last), ("twee", 1), (0, last)):
                page = selectors.supporter_view(world.body, status=status, theme=theme, page=asked)
                assert (page.number, page.paginator.count) == (shown, total), (status, theme, asked)
                expected = _table_as_the_orm_reads_it(world, status, theme, shown)
                assert _table_as_read(page) == expected, (status, theme, asked)


def test_the_member_lists_are_the_pages_the_orm_reads(world):
    _varied_topics(world)
    member = world.user("member")
    mine = (
        Topic.objects.filter(body=world.body)
        .filter(Q(on_behalf_of=member) | Q(on_behalf_of__isnull=True, submitted_by=member))
        .select_related("meeting", "forwarded_to")
        .order_by("-submitted_at", "-pk")
    )
    open_topics = Topic.objects.filter(body=world.body, status=TopicStatus.SUBMITTED).order_by("-submitted_at", "-pk")
    for page, mine_page in ((None, None), (2, 3), (40, 40), ("x", -1)):
        with CaptureQueriesContext(connection) as queries:
            view = selectors.member_view(world.body, member, page=page, mine_page=mine_page)
        # A page past the end: its (empty) read, the count and the last page; below 1: the count and the last page.
        extra = 2 * (page == 40) + 2 * (mine_page == 40) + (mine_page == -1)
        assert len(queries.captured_queries) == 3 + extra
        number = view["mine_page"].number
        size = selectors.MINE_PAGE_SIZE
        assert view["mine_page"].paginator.count == mine.count()
        assert [(t.pk, t.title, t.status, t.meeting_starts_at, t.forwarded_to_name) for t in view["mine"]] == [
            (t.pk, t.title, t.status, t.meeting.starts_at if t.meeting else None, getattr(t.forwarded_to, "name", None))
            for t in mine[(number - 1) * size : number * size]
        ]
        number = view["open_page"].number
        size = selectors.OPEN_PAGE_SIZE
        assert view["open_page"].paginator.count == open_topics.count()
        assert [(t.pk, t.title, t.description) for t in view["open_topics"]] == [
            (t.pk, t.title, t.description) for t in open_topics[(number - 1) * size : number * size]
        ]
        assert [(t.pk, t.title) for t in view["my_votes"]] == [
            (vote.topic_id, vote.topic.title)
            for vote in TopicVote.objects.filter(user=member, topic__body=world.body, topic__status="ingediend")
        ]
