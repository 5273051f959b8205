"""The pages of issue 12's themes, series and venue memory in the states the matrix does not reach (a series preview,
a series with errors, filtered topics with theme labels, a past agenda) are valid HTML."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from inspraak.agenda.models import AgendaItem, ItemSource
from inspraak.annualreports.models import AnnualReport
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.records import services as record_services
from inspraak.topics import services as topic_services
from tests.quality.html import assert_valid_html
from tests.world import NOW, TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

AMS = ZoneInfo("Europe/Amsterdam")


def test_issue12_pages_are_valid_html(client, world, tmp_path):
    kw = {"region": world.region.slug, "body": world.body.slug}
    secretary = world.user("secretary")
    past = Meeting.objects.create(
        body=world.body,
        starts_at=NOW - datetime.timedelta(days=20),
        ends_at=NOW - datetime.timedelta(days=20, hours=-2),
        place_name="Buurthuis",
        address="Dorpsstraat 1",
        status=MeetingStatus.HELD,
    )
    upcoming = Meeting.objects.create(
        body=world.body,
        starts_at=NOW + datetime.timedelta(days=20),
        ends_at=NOW + datetime.timedelta(days=20, hours=2),
        place_name="Buurthuis",
    )
    AgendaItem.objects.create(meeting=past, position=1, title="Brieven", source=ItemSource.FACILITATOR, theme="brieven")
    record_services.agreement_create(body=world.body, description="Voorbeeldbrief", owner="GR", by=secretary)
    topic = topic_services.topic_submit(
        body=world.body, title="Geld te laat", description="x", by=world.user("member"), theme="betaling"
    )
    AnnualReport.objects.create(region=world.region, body=world.body, year=TODAY.year)
    series = {
        "first_date": "2027-01-12",
        "frequency": "maandelijks",
        "count": "4",
        "start_time": "14:00",
        "end_time": "16:00",
        "place_name": "Zaal",
        "actie": "bekijken",
    }
    client.force_login(secretary)
    pages = {
        "series form": client.get(reverse("meetings:series", kwargs=kw)).content,
        "series preview": client.post(reverse("meetings:series", kwargs=kw), series).content,
        "series errors": client.post(
            reverse("meetings:series", kwargs=kw), {**series, "first_date": "2027-03-28", "start_time": "02:30"}
        ).content,
        "new meeting with venue": client.get(reverse("meetings:new", kwargs=kw)).content,
        "topics by theme": client.get(reverse("topics:list", kwargs=kw) + "?status=ingediend&thema=betaling").content,
        "topic with theme form": client.get(reverse("topics:detail", kwargs={**kw, "pk": topic.pk})).content,
        "topic form": client.get(reverse("topics:new", kwargs=kw)).content,
        "past agenda": client.get(reverse("agenda:agenda", kwargs={**kw, "meeting": past.pk})).content,
        "item form": client.get(reverse("agenda:item_new", kwargs={**kw, "meeting": upcoming.pk})).content,
    }
    client.force_login(world.user("admin"))
    pages["annual report"] = client.get(reverse("annualreports:body_report", kwargs={**kw, "year": TODAY.year})).content
    assert b"Deze 4 bijeenkomsten worden gepland" in pages["series preview"]
    assert_valid_html(pages, tmp_path)
