"""The answer on a member's topic reaches the member: an email, or a letter for a member without email (issue 12)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.letters.models import Letter
from inspraak.topics import services
from tests.paper_members import assert_plain_letter, paper_member, pending_letters

pytestmark = pytest.mark.django_db

ANSWER = "De gemeente schrijft de brieven opnieuw, in gewone taal. Vanaf maart zijn ze korter."


def _detail(world, topic):
    return reverse("topics:detail", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": topic.pk})


def _topic(world, person):
    return services.topic_submit(
        body=world.body,
        title="Brieven zijn te moeilijk",
        description="Ik snap de brieven niet.",
        by=world.user("secretary"),  # Kees called the secretary
        on_behalf_of=person,
    )


def test_the_answer_on_a_topic_of_a_member_on_paper_is_a_letter_with_the_answer(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    kees = paper_member(world)
    topic = _topic(world, kees)
    client.force_login(world.user("facilitator"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_detail(world, topic), {"action": "done", "answer": ANSWER})
    assert not mailoutbox
    [letter] = pending_letters(kees)
    assert letter.kind == Letter.Kind.TOPIC and letter.object_id == topic.pk
    assert "Brieven zijn te moeilijk" in letter.subject
    assert "Het is afgehandeld" in letter.text and ANSWER in letter.text
    assert letter.short_link.path == _detail(world, topic)
    assert_plain_letter(letter)
    # The same answer posted again is refused (the topic is closed): no second letter.
    client.post(_detail(world, topic), {"action": "done", "answer": ANSWER})
    assert len(pending_letters(kees)) == 1


def test_the_answer_on_a_topic_of_a_member_with_email_is_an_email_and_no_letter(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    member = world.user("member")
    topic = _topic(world, member)
    with django_capture_on_commit_callbacks(execute=True):
        services.topic_decline(topic=topic, reason="Dit hoort bij de gemeente.", by=world.user("facilitator"))
    [mail] = mailoutbox
    assert mail.to == [member.email] and "Dit hoort bij de gemeente." in mail.body
    assert not Letter.objects.exists()


def test_news_before_printing_replaces_the_older_topic_letter(world):
    from tests.meetings.data import upcoming

    kees = paper_member(world)
    topic = _topic(world, kees)
    facilitator = world.user("facilitator")
    services.topic_put_on_agenda(topic=topic, meeting=upcoming(world), by=facilitator)
    services.topic_mark_discussed(topic=topic, by=facilitator)
    services.topic_close(topic=topic, answer=ANSWER, by=facilitator)
    [letter] = pending_letters(kees)
    assert ANSWER in letter.text and "op de agenda" not in letter.text
