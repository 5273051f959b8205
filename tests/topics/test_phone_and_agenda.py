"""Issue 12: a topic given by phone, on paper or in person is entered for the member with how it came; and walkthrough
bug B2: putting a topic "op de agenda" creates the agenda item in the same step, so the agenda lists it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.agenda.models import AgendaItem, ItemSource
from inspraak.topics import services
from inspraak.topics.models import Topic, TopicStatus
from tests.agenda.data import agenda, new_meeting
from tests.topics.data import client_topic

pytestmark = pytest.mark.django_db


def _url(world, name, **extra):
    return reverse(f"topics:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _agenda_url(world, meeting):
    return reverse("agenda:agenda", args=[world.region.slug, world.body.slug, meeting.pk])


# ---------------------------------------------------------------- B2: "op de agenda" in one step


def test_putting_a_topic_on_the_agenda_puts_the_item_on_the_meetings_agenda(client, world):
    topic = client_topic(world)
    meeting = new_meeting(world.body, days=12, title="Winterbijeenkomst")
    client.force_login(world.user("facilitator"))
    response = client.post(_url(world, "detail", pk=topic.pk), {"action": "agenda", "meeting": meeting.pk}, follow=True)
    assert "Het onderwerp staat nu als punt op de agenda." in response.content.decode()
    topic.refresh_from_db()
    assert topic.status == TopicStatus.ON_AGENDA and topic.meeting == meeting
    item = AgendaItem.objects.get(topic=topic)
    assert (item.meeting, item.source, item.title) == (meeting, ItemSource.TOPIC, topic.title)
    assert topic.title in client.get(_agenda_url(world, meeting)).content.decode()


def test_an_item_already_on_the_agenda_is_not_added_twice(world):
    from inspraak.agenda import services as agenda_services

    topic = client_topic(world)
    meeting = new_meeting(world.body, days=12)
    services.topic_put_on_agenda(topic=topic, meeting=meeting, by=world.user("secretary"))  # the old first step
    first = agenda_services.topic_on_agenda_with_item(topic=topic, meeting=meeting, by=world.user("secretary"))
    again = agenda_services.topic_on_agenda_with_item(topic=topic, meeting=meeting, by=world.user("secretary"))
    assert first == again and AgendaItem.objects.filter(topic=topic).count() == 1


def test_a_topic_naming_a_client_does_not_go_on_a_public_agenda_and_nothing_changes(client, world):
    data = agenda(world)  # ``published``: a meeting whose agenda is public
    topic = services.topic_submit(
        body=world.body, title="Geheime Cliënt wacht te lang", description="Al weken.", by=world.user("member")
    )
    client.force_login(world.user("facilitator"))
    response = client.post(
        _url(world, "detail", pk=topic.pk), {"action": "agenda", "meeting": data.published.pk}, follow=True
    )
    page = response.content.decode()
    assert "noemt een cliënt die niet met naam openbaar genoemd wil worden" in page
    topic.refresh_from_db()
    assert topic.status == TopicStatus.SUBMITTED and topic.meeting is None
    assert not AgendaItem.objects.filter(topic=topic).exists()


# ---------------------------------------------------------------- a topic given by phone, letter or in person


def test_the_secretary_enters_a_topic_given_on_paper_and_everyone_sees_how_it_came(client, world):
    secretary = world.user("secretary")
    client.force_login(secretary)
    form = client.get(_url(world, "new")).content.decode()
    assert "Hoe gaf het lid dit door?" in form
    response = client.post(
        _url(world, "new"),
        {"title": "Brief over de bus", "description": "Geen bus.", "on_behalf_of": world.client.pk, "channel": "brief"},
    )
    topic = Topic.objects.get(title="Brief over de bus")
    assert response.status_code == 302 and (topic.channel, topic.on_behalf_of, topic.submitted_by) == (
        "brief",
        world.client,
        secretary,
    )
    detail = client.get(_url(world, "detail", pk=topic.pk)).content.decode()
    assert "Doorgegeven per brief, ingevoerd door Test secretary" in detail
    assert "doorgegeven per brief, ingevoerd door Test secretary" in client.get(_url(world, "list")).content.decode()
    client.force_login(world.client)  # the member sees how it came, too
    assert "Doorgegeven per brief" in client.get(_url(world, "detail", pk=topic.pk)).content.decode()


def test_entering_for_a_member_asks_how_it_came_and_ones_own_topic_is_online(client, world):
    client.force_login(world.user("secretary"))
    page = client.post(
        _url(world, "new"), {"title": "Belde", "description": "Over de bus.", "on_behalf_of": world.client.pk}
    ).content.decode()
    assert "Kies hoe het lid dit doorgaf: telefoon, brief of persoonlijk." in page and 'value="Belde"' in page
    assert not Topic.objects.filter(title="Belde").exists()
    # Without "namens" a channel chosen by mistake does not count: the secretary's own topic is online.
    client.post(_url(world, "new"), {"title": "Eigen", "description": "Van mij.", "channel": "telefoon"})
    assert Topic.objects.get(title="Eigen").channel == "online"
    with pytest.raises(services.TopicError) as error:
        services.topic_submit(body=world.body, title="X", description="Y", by=world.user("member"), channel="telefoon")
    assert error.value.code == "channel"


def test_a_member_does_not_get_the_namens_and_channel_fields(client, world):
    client.force_login(world.user("member"))
    page = client.get(_url(world, "new")).content.decode()
    assert "Namens" not in page and "Hoe gaf het lid dit door?" not in page
    client.post(_url(world, "new"), {"title": "Zelf", "description": "Online.", "channel": "brief"})
    assert Topic.objects.get(title="Zelf").channel == "online"
