"""Wording and grammar of the walkthrough (B15): plural forms, no stray spaces or dots, lower-case roles."""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from inspraak.meetings.models import Meeting
from inspraak.topics.models import TopicStatus
from tests.topics.data import client_topic

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_one_member_is_counted_in_the_singular():
    from inspraak.agenda.views import _published_message

    assert _published_message(1, 1) == (
        "De agenda is gepubliceerd. 1 lid krijgt een uitnodiging per e-mail. 1 lid krijgt een brief: druk die "
        "hieronder af."
    )
    assert "3 leden krijgen een uitnodiging" in _published_message(3, 0)


def test_the_days_left_have_no_trailing_space():
    assert render_to_string("advice/_days_left.html", {"r": SimpleNamespace(days_left=19)}) == "nog 19 dagen"


def test_a_topic_on_the_agenda_reads_without_a_space_before_the_colon(client, world):
    start = timezone.now() + datetime.timedelta(days=10)
    meeting = Meeting.objects.create(
        body=world.body, starts_at=start, ends_at=start + datetime.timedelta(hours=2), place_name="Stadhuis"
    )
    topic = client_topic(world)
    topic.status, topic.meeting = TopicStatus.ON_AGENDA, meeting
    topic.save()
    client.force_login(world.user("secretary"))
    url = reverse("topics:detail", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": topic.pk})
    text = _text(client.get(url).content.decode())
    assert "Op de agenda: op de bijeenkomst" in text and "Op de agenda :" not in text


def test_the_body_dashboard_has_no_dot_after_a_question_mark(client, world):
    client.force_login(world.user("member"))
    url = reverse("dashboards:body_dashboard", kwargs={"region": world.region.slug, "body": world.body.slug})
    assert "gedaan?." not in _text(client.get(url).content.decode())


def test_the_member_reads_their_role_in_lower_case(client, world):
    client.force_login(world.user("member"))
    url = reverse("members:own", kwargs={"region": world.region.slug, "body": world.body.slug})
    text = _text(client.get(url).content.decode())
    assert "U bent lid van" in text


def test_the_region_page_title_names_the_region_once(client, world):
    html = client.get(reverse("regions:region", kwargs={"region": world.region.slug})).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.count(world.region.name) == 1
