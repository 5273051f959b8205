"""Topics (art. 47 d): submit, vote (max 3, secret), handle with an answer the member always sees."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.meetings.models import Meeting
from inspraak.topics import services
from inspraak.topics.models import Topic, TopicEvent, TopicVote
from tests.factories import UserFactory
from tests.quality.queries import assert_constant_queries
from tests.topics.data import client_topic

pytestmark = pytest.mark.django_db


def _url(world, name, **extra):
    return reverse(f"topics:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _meeting(world, days=10):
    start = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        body=world.body, starts_at=start, ends_at=start + datetime.timedelta(hours=2), place_name="Stadhuis"
    )


def test_a_member_submits_a_topic_and_sees_it(client, world):
    client.force_login(world.user("member"))
    response = client.post(_url(world, "new"), {"title": "Wachttijden", "description": "Het duurt lang."})
    topic = Topic.objects.get(title="Wachttijden")
    assert response.status_code == 302 and topic.submitted_by == world.user("member")
    assert "Wachttijden" in client.get(_url(world, "list")).content.decode()
    assert client.get(_url(world, "detail", pk=topic.pk)).status_code == 200


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "description": "Uitleg"}, "title", "Schrijf in een paar woorden waar het over gaat."),
        ({"title": "   ", "description": "Uitleg"}, "title", "Schrijf in een paar woorden waar het over gaat."),
        ({"title": "Titel", "description": ""}, "description", "Vertel kort wat er aan de hand is."),
        ({"title": "x" * 151, "description": "Uitleg"}, "title", "Maak het korter"),
    ],
)
def test_a_topic_without_text_is_refused_next_to_the_field(client, world, data, field, message):
    client.force_login(world.user("member"))
    response = client.post(_url(world, "new"), data)
    html = response.content.decode()
    assert response.status_code == 200 and f'id="id_{field}_error"' in html and message in html
    assert not Topic.objects.exists()


def test_the_secretary_enters_a_topic_for_a_member(client, world):
    client.force_login(world.user("secretary"))
    # Issue 12: how the member passed it on (telefoon, brief, persoonlijk) is recorded as well.
    response = client.post(
        _url(world, "new"),
        {
            "title": "Belde over bus",
            "description": "Busvervoer.",
            "on_behalf_of": world.client.pk,
            "channel": "telefoon",
        },
    )
    topic = Topic.objects.get(title="Belde over bus")
    assert response.status_code == 302 and topic.on_behalf_of == world.client and topic.channel == "telefoon"
    assert topic.person == world.client
    # Only members of this body can be chosen.
    response = client.post(
        _url(world, "new"), {"title": "X", "description": "Y", "on_behalf_of": world.user("other_region_admin").pk}
    )
    assert "Kies een lid uit de lijst." in response.content.decode()


def test_votes_at_most_three_one_per_topic_and_secret(client, world):
    member = world.user("member")
    topics = [services.topic_submit(body=world.body, title=f"T{k}", description="x", by=world.client) for k in range(4)]
    client.force_login(member)
    for topic in topics[:3]:
        client.post(_url(world, "vote", pk=topic.pk))
    response = client.post(_url(world, "vote", pk=topics[3].pk), follow=True)
    assert "U hebt al 3 stemmen gegeven." in response.content.decode()
    assert TopicVote.objects.filter(user=member).count() == 3
    client.post(_url(world, "vote", pk=topics[0].pk), {"weg": "1"})
    client.post(_url(world, "vote", pk=topics[3].pk))
    assert TopicVote.objects.filter(user=member).count() == 3
    with pytest.raises(services.TopicError):
        services.topic_vote(topic=topics[3], user=member)
    # The member list shows no vote counts; the facilitator's list does, without who voted.
    html = client.get(_url(world, "list")).content.decode()
    assert "Stemmen</th>" not in html
    client.force_login(world.user("facilitator"))
    html = client.get(_url(world, "list")).content.decode()
    assert "Stemmen</th>" in html and "(cliënt)" in html
    assert member.name not in html


def test_facilitator_puts_on_agenda_and_the_member_is_told(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    topic = client_topic(world)
    meeting = _meeting(world)
    client.force_login(world.user("facilitator"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "detail", pk=topic.pk), {"action": "agenda", "meeting": meeting.pk})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.status == "geagendeerd" and topic.meeting == meeting
    [mail] = mailoutbox
    assert mail.to == [world.client.email] and "Op de agenda" in mail.subject
    # Then discussed and done with an answer; the history keeps every step.
    client.post(_url(world, "detail", pk=topic.pk), {"action": "discussed"})
    client.post(_url(world, "detail", pk=topic.pk), {"action": "done", "answer": "De brieven worden korter."})
    topic.refresh_from_db()
    assert topic.status == "afgehandeld" and topic.readability_score is not None
    steps = list(TopicEvent.objects.filter(topic=topic).values_list("to_status", flat=True))
    assert steps == ["geagendeerd", "besproken", "afgehandeld"]
    client.force_login(world.client)
    assert "De brieven worden korter." in client.get(_url(world, "detail", pk=topic.pk)).content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"action": "agenda"}, "meeting", "Kies de bijeenkomst waarop het onderwerp komt."),
        ({"action": "forward"}, "to_body", "Kies de groep waar het onderwerp naartoe gaat."),
        ({"action": "decline", "answer": " "}, "answer", "Schrijf waarom het onderwerp niet op de agenda komt."),
        ({"action": "done"}, "answer", "Schrijf wat er met het onderwerp gedaan is."),
        ({"action": "discussed"}, "action", "Selecteer een geldige keuze"),
    ],
)
def test_handling_needs_what_the_step_needs(client, world, data, field, message):
    topic = client_topic(world)
    client.force_login(world.user("facilitator"))
    html = client.post(_url(world, "detail", pk=topic.pk), data).content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    topic.refresh_from_db()
    assert topic.status == "ingediend"


def test_forward_to_the_municipal_council_in_one_step(client, world):
    topic = client_topic(world)
    client.force_login(world.user("facilitator"))
    client.post(
        _url(world, "detail", pk=topic.pk),
        {"action": "forward", "to_body": world.municipal_body.pk, "answer": "Dit is gemeentelijk beleid."},
    )
    topic.refresh_from_db()
    assert topic.status == "doorgestuurd" and topic.forwarded_to == world.municipal_body
    copy = Topic.objects.get(forwarded_from=topic)
    assert copy.body == world.municipal_body and copy.status == "ingediend" and copy.submitted_by == world.client
    client.force_login(world.client)
    html = client.get(_url(world, "detail", pk=topic.pk)).content.decode()
    assert world.municipal_body.name in html and "Dit is gemeentelijk beleid." in html
    with pytest.raises(services.TopicError):
        services.topic_forward(topic=copy, to_body=world.other_body, by=world.user("admin"))


def test_another_members_topic_is_refused(client, world):
    topic = client_topic(world)
    client.force_login(world.user("member"))
    assert client.get(_url(world, "detail", pk=topic.pk)).status_code == 403


def test_old_open_topics_are_flagged(client, world):
    topic = client_topic(world)
    Topic.objects.filter(pk=topic.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=200))
    client.force_login(world.user("facilitator"))
    assert "Wacht te lang op een antwoord" in client.get(_url(world, "list")).content.decode()


def test_topic_list_query_counts_are_fixed(client, world):
    def grow():
        for k in range(6):
            topic = services.topic_submit(body=world.body, title=f"G{k}", description="x", by=UserFactory())
            TopicVote.objects.create(topic=topic, user=UserFactory())

    client.force_login(world.user("facilitator"))
    assert_constant_queries(client, _url(world, "list"), grow)
    client.force_login(world.user("member"))
    assert_constant_queries(client, _url(world, "list"), grow)


def test_the_meeting_choices_on_the_topic_page_show_amsterdam_time(world):
    from inspraak.topics.forms import HandleForm

    start = datetime.datetime(2026, 12, 10, 13, 0, tzinfo=datetime.UTC)  # 14:00 in Amsterdam (CET)
    meeting = Meeting.objects.create(
        body=world.body,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place_name="Stadhuis",
        title="Decemberbijeenkomst",
    )
    form = HandleForm(
        topic=client_topic(world), meetings=Meeting.objects.filter(pk=meeting.pk), targets=Meeting.objects.none()
    )
    assert form.fields["meeting"].label_from_instance(meeting) == "10-12-2026 14:00 – Decemberbijeenkomst"
