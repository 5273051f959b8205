"""Every page that says the feedback report was sent to the GR uses the outbox's delivery state (ADR 0012): the day
the mail server took the email, "wordt verstuurd" while it is on its way, and nothing public until delivered."""

from __future__ import annotations

import datetime
import json

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from inspraak.core.models import OutgoingEmail
from inspraak.topics.models import Topic
from tests.records.data import records

pytestmark = pytest.mark.django_db

DELIVERED = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC)


def _url(world, name, meeting=None):
    kwargs = {"region": world.region.slug, "body": world.body.slug}
    if meeting is not None:
        kwargs["pk"] = meeting.pk
    return reverse(f"publicmeetings:{name}", kwargs=kwargs)


def _api_report(client, world, meeting):
    url = reverse("api:meetings", args=[world.region.slug, world.body.slug])
    rows = json.loads(client.get(url).content)["meetings"]
    return next(row for row in rows if row["id"] == meeting.pk)["feedback_report"]


def _emails(report):
    return OutgoingEmail.objects.filter(purpose="feedback_report", object_id=report.pk)


def _deliver(report):
    _emails(report).update(status="sent", sent_at=DELIVERED)


def _record(world, actor, meeting):
    request = RequestFactory().get("/")
    request.user = world.user(actor)
    return Template("{% load records_tags %}{% meeting_record meeting %}").render(
        Context({"request": request, "meeting": meeting})
    )


def test_the_public_page_says_sent_to_the_gr_only_once_delivered(client, world):
    data = records(world)
    assert _emails(data.report).get().status == "queued"
    html = client.get(_url(world, "meeting", data.closed)).content.decode()
    assert "Zet een telefoonnummer in elke brief." in html  # the public report itself is there
    assert "Verstuurd aan de GR op" not in html
    _deliver(data.report)
    html = client.get(_url(world, "meeting", data.closed)).content.decode()
    assert "Verstuurd aan de GR op 20 november 2026." in html


def test_the_api_gives_the_delivery_day_and_null_while_on_its_way(client, world):
    data = records(world)
    assert _api_report(client, world, data.closed)["sent_on"] is None
    _deliver(data.report)
    assert _api_report(client, world, data.closed)["sent_on"] == "2026-11-20"


def test_the_meeting_record_shows_pending_failed_and_the_delivery_day(world):
    data = records(world)
    pending = _record(world, "facilitator", data.closed)
    assert "wordt verstuurd" in pending and "verstuurd op" not in pending
    _emails(data.report).update(status="failed", last_error="SMTP 550")
    assert "versturen niet gelukt" in _record(world, "facilitator", data.closed)
    member = _record(world, "member", data.closed)
    assert "niet gelukt" not in member and "wordt verstuurd" in member
    _deliver(data.report)
    assert "verstuurd op 20 november 2026" in _record(world, "member", data.closed)


def test_a_report_whose_outbox_row_was_cleaned_up_keeps_its_sent_day(world):
    data = records(world)
    _emails(data.report).delete()  # sent rows are deleted after 30 days (retry_email)
    day = timezone.localdate().strftime("%-d")
    assert f"verstuurd op {day} " in _record(world, "member", data.closed)


def test_the_topic_page_says_when_the_gr_was_told_only_once_delivered(client, world):
    data = records(world)
    topic = Topic.objects.create(
        body=world.body, title="Brieven", description="x", submitted_by=world.client, meeting=data.closed
    )
    tag = Template("{% load records_tags %}{% topic_outcome topic %}")
    pending = tag.render(Context({"topic": topic}))
    assert "Dat bericht wordt nu verstuurd." in pending and "heeft op" not in pending
    _deliver(data.report)
    assert "De gespreksleider heeft op 20 november 2026 aan de GR laten weten" in tag.render(Context({"topic": topic}))
