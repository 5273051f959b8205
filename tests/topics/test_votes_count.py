"""Issue 15: a topic's vote count is stored on the row (``Topic.votes_count``), so that the supporters' list orders
and pages by it with an index. Every way a vote is added or removed keeps it equal to the number of votes, in the
same transaction, also when two people vote at the same moment."""

from __future__ import annotations

import importlib
import threading
import time
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import OperationalError, connection, connections
from django.db.models import Count

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.topics import services
from inspraak.topics.models import Topic, TopicVote
from tests.factories import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _body_with_members(n):
    body = BodyFactory()
    members = [UserFactory() for _ in range(n)]
    for member in members:
        RoleAssignment.objects.create(user=member, role=Role.MEMBER, region=body.region, body=body)
    return body, members


def _topic(body, title="Wachttijden"):
    return services.topic_submit(body=body, title=title, description="Het duurt lang.", by=UserFactory())


def _assert_counts_right():
    counted = dict(Topic.objects.annotate(n=Count("votes")).values_list("pk", "n"))
    stored = dict(Topic.objects.values_list("pk", "votes_count"))
    assert stored == counted


def test_vote_and_take_back_keep_the_count_also_with_an_old_copy_of_the_topic():
    body, members = _body_with_members(3)
    topic = _topic(body)
    # Each vote works on its own (outdated) copy of the topic, as two requests would: the count is added in the
    # database (F()), not written back from the copy.
    for member in members:
        services.topic_vote(topic=Topic.objects.get(pk=topic.pk), user=member)
    assert Topic.objects.get(pk=topic.pk).votes_count == 3
    with pytest.raises(services.TopicError):
        services.topic_vote(topic=topic, user=members[0])  # already voted: no second count
    services.topic_unvote(topic=topic, user=members[0])
    services.topic_unvote(topic=topic, user=members[0])  # nothing left to take back: no change
    assert Topic.objects.get(pk=topic.pk).votes_count == 2
    _assert_counts_right()


def test_writes_outside_the_services_keep_the_count_too():
    body, members = _body_with_members(4)
    topics = [_topic(body, f"T{k}") for k in range(3)]
    # The demo data: votes in bulk, conflicts ignored.
    TopicVote.objects.bulk_create(
        [TopicVote(topic=topics[k % 3], user=m) for k, m in enumerate(members)]
        + [TopicVote(topic=topics[0], user=members[0])],
        ignore_conflicts=True,
    )
    _assert_counts_right()
    assert Topic.objects.get(pk=topics[0].pk).votes_count == 2
    # One vote removed on its own, then AVG erasure: all of a person's votes at once.
    TopicVote.objects.filter(user=members[1]).get().delete()
    TopicVote.objects.create(topic=topics[2], user=members[0])
    deleted, rows = TopicVote.objects.filter(user=members[0]).delete()
    assert deleted == 2 and rows == {"topics.TopicVote": 2}
    _assert_counts_right()
    # A topic's votes go with the topic; the other topics keep theirs.
    TopicVote.objects.filter(topic=topics[1]).delete()
    _assert_counts_right()


def test_the_migration_fills_the_count_from_the_votes():
    body, members = _body_with_members(2)
    first = _topic(body, "Eerste")
    _topic(body, "Tweede")
    for member in members:
        services.topic_vote(topic=first, user=member)
    Topic.objects.update(votes_count=0)  # as before the migration
    migration = importlib.import_module("inspraak.topics.migrations.0006_votes_count_and_list_indexes")
    migration.fill_votes_count(apps, SimpleNamespace(connection=connection))
    assert dict(Topic.objects.values_list("title", "votes_count")) == {"Eerste": 2, "Tweede": 0}


def _race(action, people):
    """Run ``action(person)`` for each person at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def run(person):
        try:
            barrier.wait(timeout=10)
            for _attempt in range(500):
                try:
                    action(person)
                    return
                except OperationalError as busy:
                    # The test's in-memory SQLite (shared cache) refuses a locked table at once instead of waiting
                    # as PostgreSQL and a file database do: wait and try again.
                    if "locked" not in str(busy):
                        raise
                    time.sleep(0.01)
            raise AssertionError("still locked")
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def test_racing_votes_on_one_topic_all_count():
    body, members = _body_with_members(4)
    topic = _topic(body)
    _race(lambda member: services.topic_vote(topic=Topic.objects.get(pk=topic.pk), user=member), members)
    assert TopicVote.objects.filter(topic=topic).count() == 4
    assert Topic.objects.get(pk=topic.pk).votes_count == 4


def test_taking_the_same_vote_back_twice_at_once_counts_once():
    body, [member, other] = _body_with_members(2)
    topic = _topic(body)
    services.topic_vote(topic=topic, user=member)
    services.topic_vote(topic=topic, user=other)
    _race(lambda _n: services.topic_unvote(topic=topic, user=member), [1, 2])
    assert Topic.objects.get(pk=topic.pk).votes_count == 1
    _assert_counts_right()
