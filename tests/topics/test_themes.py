"""Practical themes (brieven, bejegening, afspraken, bereikbaarheid, betaling, overig) on topics and agenda items,
filtered on the topics list and counted in the annual report."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspraak.agenda import services as agenda_services
from inspraak.agenda.models import AgendaItem, ItemSource
from inspraak.annualreports import selectors as report_selectors
from inspraak.annualreports.models import AnnualReport
from inspraak.audit.models import AuditEvent
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.topics import services
from inspraak.topics.models import Theme, Topic
from tests.quality.queries import assert_constant_queries
from tests.topics.data import client_topic
from tests.world import TODAY

pytestmark = pytest.mark.django_db


def _url(world, name, **extra):
    return reverse(f"topics:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _meeting(world, days=10, status=MeetingStatus.PLANNED):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    meeting = Meeting.objects.create(
        body=world.body,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place_name="Stadhuis",
        status=status,
    )
    meeting.body = world.body
    return meeting


def _agenda_url(world, meeting, name="agenda", **extra):
    return reverse(
        f"agenda:{name}",
        kwargs={"region": world.region.slug, "body": world.body.slug, "meeting": meeting.pk, **extra},
    )


def test_the_member_chooses_what_it_is_about_in_plain_words(client, world):
    client.force_login(world.user("member"))
    page = client.get(_url(world, "new")).content.decode()
    assert "Waar gaat het over?" in page and "Betaling van de uitkering" in page and "Iets anders" in page
    response = client.post(
        _url(world, "new"), {"theme": "betaling", "title": "Geld te laat", "description": "Mijn geld kwam te laat."}
    )
    topic = Topic.objects.get(title="Geld te laat")
    assert response.status_code == 302 and topic.theme == Theme.PAYMENT
    assert "Betaling van de uitkering" in client.get(_url(world, "detail", pk=topic.pk)).content.decode()


def test_the_theme_may_be_skipped_and_a_made_up_one_is_refused_next_to_the_field(client, world):
    client.force_login(world.user("member"))
    client.post(_url(world, "new"), {"title": "Wachttijd", "description": "Het duurt lang."})
    assert Topic.objects.get(title="Wachttijd").theme == ""
    response = client.post(_url(world, "new"), {"theme": "fraude", "title": "Iets", "description": "Uitleg"})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="id_theme_error"' in page and "Kies een van de mogelijkheden." in page
    assert 'value="Iets"' in page  # what was typed is kept
    assert not Topic.objects.filter(title="Iets").exists()


def test_the_facilitator_labels_a_topic_and_it_is_audited(client, world):
    topic = client_topic(world)
    client.force_login(world.user("facilitator"))
    page = client.get(_url(world, "detail", pk=topic.pk)).content.decode()
    assert reverse("topics:theme", args=[world.region.slug, world.body.slug, topic.pk]) in page
    response = client.post(_url(world, "theme", pk=topic.pk), {"theme": "brieven"})
    assert response.status_code == 302 and response["Location"] == _url(world, "detail", pk=topic.pk)
    topic.refresh_from_db()
    assert topic.theme == Theme.LETTERS
    assert AuditEvent.objects.filter(action="topic.theme").count() == 1
    # a bad value changes nothing and is said in plain words
    response = client.post(_url(world, "theme", pk=topic.pk), {"theme": "onzin"}, follow=True)
    assert "Kies een thema uit de lijst." in response.content.decode()
    topic.refresh_from_db()
    assert topic.theme == Theme.LETTERS


def test_a_member_cannot_label_their_own_topic_afterwards(client, world):
    topic = client_topic(world)
    client.force_login(world.client)
    assert client.post(_url(world, "theme", pk=topic.pk), {"theme": "brieven"}).status_code == 403


def test_the_topics_list_filters_on_theme(client, world):
    member = world.user("member")
    services.topic_submit(body=world.body, title="Brief onleesbaar", description="x", by=member, theme="brieven")
    services.topic_submit(body=world.body, title="Onvriendelijk", description="x", by=member, theme="bejegening")
    services.topic_submit(body=world.body, title="Zonder thema", description="x", by=member)
    client.force_login(world.user("facilitator"))
    page = client.get(_url(world, "list") + "?thema=brieven").content.decode()
    assert "Brief onleesbaar" in page and "Onvriendelijk" not in page and "Zonder thema" not in page
    page = client.get(_url(world, "list") + "?thema=geen").content.decode()
    assert "Zonder thema" in page and "Brief onleesbaar" not in page
    page = client.get(_url(world, "list") + "?thema=onzin").content.decode()  # an unknown filter shows all
    assert "Brief onleesbaar" in page and "Zonder thema" in page
    page = client.get(_url(world, "list") + "?status=ingediend&thema=bejegening").content.decode()
    assert "Onvriendelijk" in page and "Brief onleesbaar" not in page
    assert "status=ingediend&amp;thema=brieven" in page  # the other filter is kept in the links


def test_the_topics_list_queries_do_not_grow_with_themed_topics(client, world):
    client.force_login(world.user("facilitator"))
    counter = iter(Theme.values * 3)

    def grow():
        for _ in range(3):
            services.topic_submit(
                body=world.body, title="T", description="x", by=world.user("member"), theme=next(counter)
            )

    assert_constant_queries(client, _url(world, "list") + "?thema=brieven", grow)


def test_an_agenda_item_made_from_a_topic_takes_its_theme(world):
    meeting = _meeting(world)
    topic = services.topic_submit(
        body=world.body, title="Niemand neemt op", description="x", by=world.user("member"), theme="bereikbaarheid"
    )
    item = agenda_services.item_add_topic(meeting=meeting, topic=topic, by=world.user("secretary"))
    assert item.theme == Theme.REACHABILITY


def test_the_agenda_item_form_labels_an_item_and_the_agenda_shows_it(client, world):
    meeting = _meeting(world)
    client.force_login(world.user("secretary"))
    response = client.post(
        _agenda_url(world, meeting, "item_new"),
        {"title": "Afspraken met het UWV", "source": ItemSource.FACILITATOR, "theme": "afspraken"},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title="Afspraken met het UWV")
    assert item.theme == Theme.AGREEMENTS
    page = client.get(_agenda_url(world, meeting)).content.decode()
    assert "Afspraken nakomen" in page
    edit = _agenda_url(world, meeting, "item_edit", pk=item.pk)
    inputs = re.findall(r"<input[^>]*>", client.get(edit).content.decode())
    assert any('value="afspraken"' in tag and "checked" in tag for tag in inputs)
    client.post(edit, {"title": item.title, "source": ItemSource.FACILITATOR, "theme": "overig", "version": 1})
    item.refresh_from_db()
    assert item.theme == Theme.OTHER


def test_the_annual_report_counts_topics_and_items_per_theme(client, world):
    member = world.user("member")
    for theme in ("brieven", "brieven", "betaling", ""):
        services.topic_submit(body=world.body, title="T", description="x", by=member, theme=theme)
    held = _meeting(world, days=-5, status=MeetingStatus.HELD)
    for n, theme in enumerate(("brieven", "bejegening"), start=1):
        AgendaItem.objects.create(meeting=held, position=n, title="P", source=ItemSource.FACILITATOR, theme=theme)
    report = AnnualReport.objects.create(region=world.region, body=world.body, year=TODAY.year)
    content = report_selectors.report_content(report, today=TODAY)
    lines = {line.label: (line.topics, line.items) for line in content.topics.by_theme}
    assert lines == {
        "Brieven en uitleg": (2, 1),
        "Hoe u behandeld wordt": (0, 1),
        "Betaling van de uitkering": (1, 0),
        "Nog geen thema": (1, 0),
    }
    client.force_login(world.user("admin"))
    url = reverse(
        "annualreports:body_report",
        kwargs={"region": world.region.slug, "body": world.body.slug, "year": TODAY.year},
    )
    page = html.unescape(client.get(url).content.decode())
    assert "Waar gingen de onderwerpen en agendapunten over?" in page
    assert Client().get(url).status_code in (302, 404)  # not public yet: only the page above shows it
