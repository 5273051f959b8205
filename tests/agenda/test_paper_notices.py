"""An item added to or removed from a published agenda reaches every member with the current agenda: an email, or
a letter for a member without email (issue 12; walkthrough B3: "Adding an item to a published agenda sends
nothing")."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.agenda import services
from inspraak.agenda.models import AgendaItem
from inspraak.letters.models import Letter
from tests.meetings.data import upcoming
from tests.paper_members import assert_plain_letter, paper_member, pending_letters

pytestmark = pytest.mark.django_db

CHANGED = Letter.Kind.AGENDA_CHANGED


def _url(name, world, meeting, **extra):
    return reverse(name, kwargs={"region": world.region.slug, "body": world.body.slug, "meeting": meeting.pk, **extra})


def _published(world):
    meeting = upcoming(world)
    services.item_add(meeting=meeting, title="Brieven van de gemeente", source="secretaris", by=world.user("secretary"))
    services.agenda_publish(meeting=meeting, by=world.user("secretary"))
    return meeting


def _agenda_mails(mailoutbox):
    return [m for m in mailoutbox if m.subject.startswith("De agenda is veranderd")]


def test_adding_an_item_to_a_published_agenda_sends_the_new_agenda_by_email_and_letter(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    kees = paper_member(world)
    meeting = _published(world)
    mailoutbox.clear()
    client.force_login(world.user("secretary"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("agenda:item_new", world, meeting),
            {"title": "Wachttijden bij de balie", "source": "secretaris"},
            follow=True,
        )
    html = response.content.decode()
    assert "2 leden krijgen een e-mail. 1 lid krijgt een brief." in html
    mails = _agenda_mails(mailoutbox)
    assert sorted(m.to[0] for m in mails) == sorted([world.user("member").email, world.client.email])
    assert "Nieuw op de agenda: Wachttijden bij de balie." in mails[0].body
    assert "1. Brieven van de gemeente" in mails[0].body and "2. Wachttijden bij de balie" in mails[0].body
    [letter] = pending_letters(kees, CHANGED)
    assert letter.object_id == meeting.pk
    assert "Nieuw op de agenda: Wachttijden bij de balie." in letter.text
    assert "1. Brieven van de gemeente\n2. Wachttijden bij de balie" in letter.text
    assert letter.short_link.path == _url("agenda:agenda", world, meeting)
    assert_plain_letter(letter)


def test_removing_an_item_tells_members_and_an_unprinted_letter_is_replaced_by_the_current_agenda(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    kees = paper_member(world)
    meeting = _published(world)
    secretary = world.user("secretary")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        extra = services.item_add(meeting=meeting, title="Reiskosten", source="secretaris", by=secretary)
        services.item_add(meeting=meeting, title="Rondvraag", source="secretaris", by=secretary)
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(_url("agenda:item_remove", world, meeting, pk=extra.pk), follow=True).content.decode()
    assert "Het punt is van de agenda gehaald. 2 leden krijgen een e-mail. 1 lid krijgt een brief." in html
    # One email per change; the member on paper gets one letter with the agenda as it is now.
    assert len(_agenda_mails(mailoutbox)) == 3 * 2
    [letter] = pending_letters(kees, CHANGED)
    assert "Van de agenda gehaald: Reiskosten." in letter.text
    assert "1. Brieven van de gemeente\n2. Rondvraag" in letter.text and "2. Reiskosten" not in letter.text


def test_editing_an_item_or_changing_an_unpublished_agenda_tells_nobody(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    kees = paper_member(world)
    secretary = world.user("secretary")
    meeting = upcoming(world)
    with django_capture_on_commit_callbacks(execute=True):
        item = services.item_add(meeting=meeting, title="Brieven", source="secretaris", by=secretary)
        assert item.told is None
        services.agenda_publish(meeting=meeting, by=secretary)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.item_update(item=item, by=secretary, title="Brieven van de gemeente", summary="Te moeilijk")
    assert not _agenda_mails(mailoutbox) and not pending_letters(kees, CHANGED)
    assert AgendaItem.objects.get(pk=item.pk).title == "Brieven van de gemeente"
