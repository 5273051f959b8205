"""The public side of a body's meetings: the calendar, .ics files, the public agenda, the meeting page with public
minutes and feedback report, and their JSON (one endpoint per meeting; the former agenda endpoint redirects)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from inspraak.agenda import services as agenda_services
from inspraak.meetings.models import Meeting
from inspraak.records import services
from tests.agenda.data import agenda
from tests.meetings.data import upcoming
from tests.quality.queries import assert_constant_queries
from tests.records.data import MINUTES_TEXT, PUBLIC_TEXT, past_meeting, records

pytestmark = pytest.mark.django_db


# The JSON moved to inspraak.api (ADR 19); the former publicmeetings:api_* URLs redirect there.
API_NAMES = {"api_meetings": "api:meetings", "api_meeting": "api:meeting"}


def _url(world, name, **extra):
    return reverse(
        API_NAMES.get(name, f"publicmeetings:{name}"),
        kwargs={"region": world.region.slug, "body": world.body.slug, **extra},
    )


def _doc_url(world, document):
    return reverse("agenda:document", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": document.pk})


def test_ics_has_the_amsterdam_time_zone_and_stable_uid(client, world):
    meeting = upcoming(world)
    response = client.get(_url(world, "ics", pk=meeting.pk))
    assert response["Content-Type"] == "text/calendar"
    cal = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    event = next(iter(cal.walk("VEVENT")))
    assert str(event["UID"]) == f"{meeting.uid}@inspraak"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert "Buurthuis De Schakel" in str(event["LOCATION"])


def test_public_calendar_shows_no_member_names_and_has_fixed_queries(client, world):
    upcoming(world)
    url = _url(world, "calendar")
    html = client.get(url).content.decode()
    assert "Voorjaarsbijeenkomst" in html and world.client.name not in html

    def grow():
        for k in range(3):
            start = timezone.now() + datetime.timedelta(days=40 + k)
            Meeting.objects.create(
                body=world.body, starts_at=start, ends_at=start + datetime.timedelta(hours=1), place_name="Y"
            )

    assert_constant_queries(client, url, grow)


def test_api_meeting_shows_only_public_documents_of_a_published_agenda(client, world):
    data = agenda(world)
    agenda_services.document_add(
        item=data.published.agenda_items.get(),
        title="Alleen leden",
        page_text="x",
        summary="Kort.",
        by=world.user("secretary"),
    )
    response = client.get(_url(world, "api_meeting", pk=data.published.pk))
    assert response.status_code == 200 and response["Cache-Control"] == "public, max-age=300"
    body = response.json()
    assert body["meeting"]["id"] == data.published.pk and body["meeting"]["place"] == "Buurthuis De Schakel"
    assert body["meeting"]["agenda_url"].endswith(_url(world, "agenda", pk=data.published.pk))
    [item] = body["items"]
    assert item["title"] == "Reiskosten" and item["summary"] == "Hoe krijgt u uw reiskosten terug?"
    assert [d["title"] for d in item["documents"]] == ["Regeling reiskosten"]
    assert item["documents"][0]["url"].endswith(_doc_url(world, data.public_doc))
    assert "Geheime" not in response.content.decode()
    planned = client.get(_url(world, "api_meeting", pk=data.planned.pk)).json()
    assert planned["items"] == [] and planned["meeting"]["agenda_url"] is None
    assert client.get(_url(world, "agenda", pk=data.planned.pk)).status_code == 404


def test_the_former_agenda_endpoint_redirects_permanently_to_the_meeting_endpoint(client, world):
    data = agenda(world)
    response = client.get(_url(world, "api_agenda", pk=data.published.pk))
    assert response.status_code == 308
    assert response["Location"] == _url(world, "api_meeting", pk=data.published.pk)
    followed = client.get(_url(world, "api_agenda", pk=data.published.pk), follow=True).json()
    assert [item["title"] for item in followed["items"]] == ["Reiskosten"]
    # as before: no agenda endpoint for a meeting whose agenda is not public
    assert client.get(_url(world, "api_agenda", pk=data.planned.pk)).status_code == 404


def test_api_meeting_has_public_minutes_and_report_and_fixed_queries(client, world):
    data = records(world)
    url = _url(world, "api_meeting", pk=data.closed.pk)
    body = client.get(url).json()
    assert body["minutes"]["text"] == PUBLIC_TEXT
    assert body["feedback_report"]["recommendations"][0]["reaction"] == "overgenomen"
    assert MINUTES_TEXT not in client.get(url).content.decode()
    held = client.get(_url(world, "api_meeting", pk=data.held.pk)).json()
    assert held["minutes"] is None and held["feedback_report"] is None
    assert client.get(_url(world, "api_meeting", pk=999999)).status_code == 404
    before = assert_constant_queries(client, url, lambda: None)

    def grow():
        from inspraak.agenda.models import AgendaItem, ItemSource, MeetingDocument

        for n in range(2, 5):
            item = AgendaItem.objects.create(
                meeting=data.closed, position=n, title=f"Punt {n}", source=ItemSource.SECRETARY
            )
            MeetingDocument.objects.create(
                item=item, title="Stuk", page_text="x", public=True, available_at=timezone.now()
            )

    grow()
    assert assert_constant_queries(client, url, lambda: None) == before


def test_public_meeting_page_has_agenda_minutes_and_report_without_client_data(client, world):
    data = records(world)
    html = client.get(_url(world, "meeting", pk=data.closed.pk)).content.decode()
    assert "Brieven van de gemeente" in html and "Voorbeeldbrief" in html
    assert "Interne notitie" not in html
    assert PUBLIC_TEXT in html and MINUTES_TEXT not in html
    assert "Zet een telefoonnummer in elke brief." in html
    assert "Geheime Cliënt" not in html and "geheime.client" not in html
    assert "beleid@gr.example.org" not in html


def test_public_meeting_page_hides_unpublished_parts(client, world):
    data = records(world)
    html = client.get(_url(world, "meeting", pk=data.held.pk)).content.decode()
    assert "Er is nog geen openbaar verslag." in html
    assert MINUTES_TEXT not in html and "Maak brieven korter." not in html


def test_api_lists_meetings_with_public_minutes_and_reports_only(client, world):
    data = records(world)
    response = client.get(_url(world, "api_meetings"))
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    rows = {row["id"]: row for row in body["meetings"]}
    assert rows[data.closed.pk]["minutes"]["text"] == PUBLIC_TEXT
    assert rows[data.closed.pk]["feedback_report"]["recommendations"][0]["reaction"] == "overgenomen"
    assert rows[data.held.pk]["minutes"] is None and rows[data.held.pk]["feedback_report"] is None
    assert rows[data.held.pk]["status"] == "gehouden"
    text = response.content.decode()
    assert "Geheime" not in text and "beleid@gr.example.org" not in text and "Geheim verslag" not in text


def test_public_pages_and_api_run_constant_queries(client, world):
    data = records(world)

    def grow():
        from inspraak.agenda.models import AgendaItem, ItemSource, MeetingDocument

        for n in range(2, 6):
            item = AgendaItem.objects.create(
                meeting=data.closed, position=n, title=f"Punt {n}", source=ItemSource.SECRETARY
            )
            MeetingDocument.objects.create(
                item=item, title="Stuk", page_text="x", public=True, available_at=timezone.now()
            )
        report = services.feedback_save(
            meeting=past_meeting(world, days_ago=5, title="Extra"),
            topics_text="x",
            views_text="y",
            recommendations=["a", "b", "c"],
            public=True,
            by=None,
        )
        services.feedback_send(report=report, to="gr@example.org", by=None)

    queries = {}
    queries["public"] = assert_constant_queries(client, _url(world, "meeting", pk=data.closed.pk), lambda: None)
    grow()
    assert assert_constant_queries(client, _url(world, "meeting", pk=data.closed.pk), lambda: None) == queries["public"]
    before = assert_constant_queries(client, _url(world, "api_meetings"), lambda: None)
    past_meeting(world, days_ago=6, title="Nog een")
    assert assert_constant_queries(client, _url(world, "api_meetings"), lambda: None) == before
