"""The meeting of a URL is read with its body in one prepared query (meetings.selectors.body_and_meeting): the same
objects as the ORM reads them, and the same answers as reading the body first (404 outside the region, 403 without
the right, then 404 for a meeting the body does not have)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspraak.meetings.models import Meeting
from inspraak.meetings.selectors import body_and_meeting
from inspraak.regions.models import Body
from tests.agenda.data import new_meeting as upcoming

pytestmark = pytest.mark.django_db


def _columns(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_the_body_and_its_meeting_come_in_one_query_as_the_orm_reads_them(world):
    for body in (world.body, world.municipal_body):
        meeting = upcoming(body)
        with CaptureQueriesContext(connection) as queries:
            found, found_meeting = body_and_meeting(body.region.slug, body.slug, meeting.pk)
        assert len(queries.captured_queries) == 1
        stored = Body.objects.select_related("region", "municipality").get(pk=body.pk)
        assert _columns(found) == _columns(stored)
        assert _columns(found.region) == _columns(stored.region)
        if stored.municipality is None:
            assert found.municipality is None
        else:
            assert _columns(found.municipality) == _columns(stored.municipality)
        assert _columns(found_meeting) == _columns(Meeting.objects.get(pk=meeting.pk))
        assert found_meeting.body is found


def test_a_meeting_of_another_body_or_none_at_all_is_no_meeting_and_an_unknown_body_a_404(world):
    other = upcoming(world.municipal_body)
    body = world.body
    assert body_and_meeting(body.region.slug, body.slug, other.pk)[1] is None
    assert body_and_meeting(body.region.slug, body.slug, other.pk + 1000)[1] is None
    found, meeting = body_and_meeting(body.region.slug, body.slug, 2**40)  # beyond the prepared range: the ORM
    assert found.pk == body.pk and meeting is None
    with pytest.raises(Http404):
        body_and_meeting(body.region.slug, "geen-groep", other.pk)
    with pytest.raises(Http404):
        body_and_meeting(world.other_region.slug, body.slug, other.pk)


def test_a_missing_meeting_answers_as_when_the_body_was_read_first(client, world):
    meeting = upcoming(world.body)
    kwargs = {"region": world.region.slug, "body": world.body.slug}
    existing = reverse("meetings:detail", kwargs={**kwargs, "pk": meeting.pk})
    missing = reverse("meetings:detail", kwargs={**kwargs, "pk": meeting.pk + 1000})
    huge = reverse("meetings:detail", kwargs={**kwargs, "pk": 2**40})
    elsewhere = reverse("meetings:detail", kwargs={**kwargs, "pk": upcoming(world.municipal_body).pk})
    expected = {
        "other_region_admin": (404, 404, 404, 404),  # outside the region: never told more
        "finance": (403, 403, 403, 403),  # inside the region without the right: 403 before the meeting is looked at
        "member": (200, 404, 404, 404),
    }
    for actor, statuses in expected.items():
        client.force_login(world.user(actor))
        assert tuple(client.get(url).status_code for url in (existing, missing, huge, elsewhere)) == statuses, actor


def test_the_year_plan_holds_the_meetings_of_the_year_in_amsterdam_time_as_the_year_lookup_does(world):
    from zoneinfo import ZoneInfo

    from inspraak.meetings.selectors import year_plan

    amsterdam = ZoneInfo("Europe/Amsterdam")
    made = []
    for moment in (
        datetime.datetime(2026, 1, 1, 0, 30, tzinfo=amsterdam),  # 2025 in UTC
        datetime.datetime(2026, 12, 31, 23, 30, tzinfo=amsterdam),
        datetime.datetime(2027, 1, 1, 0, 15, tzinfo=amsterdam),  # 2026 in UTC
        datetime.datetime(2025, 12, 31, 23, 59, tzinfo=amsterdam),
    ):
        made.append(
            Meeting.objects.create(
                body=world.body, starts_at=moment, ends_at=moment + datetime.timedelta(hours=1), place_name="Stadhuis"
            )
        )
    for year in (2025, 2026, 2027):
        expected = list(
            Meeting.objects.filter(body=world.body, starts_at__year=year).order_by("starts_at", "pk").values_list("pk")
        )
        with CaptureQueriesContext(connection) as queries:
            plan = year_plan(world.body, year)
        assert len(queries.captured_queries) == 1
        assert [(m.pk,) for m in plan["meetings"]] == expected
    assert [m.pk for m in year_plan(world.body, 2026)["meetings"]] == [made[0].pk, made[1].pk]
