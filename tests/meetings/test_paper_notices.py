"""Meeting changes and cancellations reach every member: an email, or a letter for a member without email (issue 12,
walkthrough B3: "Changing the start time ... sent 'Gewijzigd' only to the 3 e-mail addresses")."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.letters.models import Letter
from inspraak.meetings import services
from tests.meetings.data import upcoming
from tests.paper_members import assert_plain_letter, paper_member, pending_letters

pytestmark = pytest.mark.django_db

Kind = Letter.Kind


def _url(world, name, meeting):
    return reverse(f"meetings:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": meeting.pk})


def _published(world):
    meeting = upcoming(world)
    services.meeting_set_status(meeting=meeting, status="agenda_gepubliceerd", by=world.user("secretary"))
    return meeting


def _form(meeting, **overrides):
    start = timezone.localtime(meeting.starts_at)
    data = {
        "title": meeting.title,
        "date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_time": timezone.localtime(meeting.ends_at).strftime("%H:%M"),
        "place_name": meeting.place_name,
        "address": meeting.address,
        "accessibility": meeting.accessibility,
        "version": meeting.version,
    }
    data.update(overrides)
    return data


def test_moving_a_published_meeting_emails_members_with_email_and_writes_a_letter_for_the_others(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    kees = paper_member(world)
    meeting = _published(world)
    client.force_login(world.user("secretary"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "edit", meeting), _form(meeting, start_time="09:30"), follow=True)
    html = response.content.decode()
    # Two members with email (the member actor and the client), one on paper.
    assert "2 leden krijgen een e-mail." in html
    assert "1 lid krijgt een brief. Die staat klaar om te printen bij Brieven." in html
    member_mail = next(m for m in mailoutbox if m.to == [world.user("member").email])
    assert member_mail.subject.startswith("Gewijzigd") and "09:30" in member_mail.body
    assert member_mail.attachments[0][2] == "text/calendar; method=REQUEST"
    # The secretary and facilitator get the email too, but nobody on staff gets a letter.
    assert {world.user("secretary").email, world.user("facilitator").email} <= {m.to[0] for m in mailoutbox}
    [letter] = pending_letters(kees)
    assert letter.kind == Kind.MEETING_CHANGED and letter.object_id == meeting.pk and letter.body == world.body
    assert "is veranderd" in letter.text and "09:30" in letter.text and "Buurthuis De Schakel" in letter.text
    assert letter.short_link is not None and letter.short_link.path == meeting.get_absolute_url()
    assert_plain_letter(letter)
    assert not Letter.objects.exclude(user=kees).exists()


def test_the_same_change_posted_twice_tells_nobody_twice(client, world, mailoutbox, django_capture_on_commit_callbacks):
    kees = paper_member(world)
    meeting = _published(world)
    client.force_login(world.user("secretary"))
    form = _form(meeting, start_time="09:30")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(world, "edit", meeting), form)
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):  # the browser sends the same form again
        again = client.post(_url(world, "edit", meeting), form)
    assert again.status_code == 302  # nothing changed since: nothing written, nothing sent
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):  # saved again without a change
        services.meeting_update(meeting=meeting, by=world.user("secretary"), starts_at=meeting.starts_at)
    assert len(mailoutbox) == sent and len(pending_letters(kees)) == 1


def test_a_second_change_before_printing_replaces_the_letter_with_the_latest_time(world):
    kees = paper_member(world)
    meeting = _published(world)
    secretary = world.user("secretary")
    for _ in range(2):
        services.meeting_update(
            meeting=meeting,
            by=secretary,
            starts_at=meeting.starts_at + datetime.timedelta(hours=1),
            ends_at=meeting.ends_at + datetime.timedelta(hours=1),
        )
    [letter] = pending_letters(kees, Kind.MEETING_CHANGED)
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") in letter.text


def test_a_printed_change_letter_stays_and_the_next_change_gets_a_new_letter(world):
    from inspraak.letters.services import letters_print

    kees = paper_member(world)
    meeting = _published(world)
    secretary = world.user("secretary")
    services.meeting_update(meeting=meeting, by=secretary, place_name="Bibliotheek")
    letters_print(body=world.body, by=secretary)
    services.meeting_update(meeting=meeting, by=secretary, place_name="Stadhuis")
    letters = Letter.objects.filter(user=kees, kind=Kind.MEETING_CHANGED).order_by("pk")
    assert [("Bibliotheek" in x.text, x.batch_id is None) for x in letters] == [(True, False), (False, True)]


def test_changing_a_meeting_whose_agenda_is_not_out_tells_nobody(world, mailoutbox):
    kees = paper_member(world)
    meeting = upcoming(world)
    services.meeting_update(meeting=meeting, by=world.user("secretary"), place_name="Bibliotheek")
    assert meeting.told is None and not pending_letters(kees)


def test_cancelling_writes_a_cancellation_letter_with_the_reason_once(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    kees = paper_member(world)
    meeting = _published(world)
    services.meeting_update(meeting=meeting, by=world.user("secretary"), place_name="Bibliotheek")
    client.force_login(world.user("secretary"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "cancel", meeting), {"reason": "De zaal & de koffie zijn weg"}, follow=True)
    html = response.content.decode()
    assert "De bijeenkomst is geannuleerd." in html and "1 lid krijgt een brief." in html
    [letter] = pending_letters(kees)  # the change letter that was not printed yet is no use any more
    assert letter.kind == Kind.MEETING_CANCELLED
    assert "gaat niet door" in letter.text and "De zaal & de koffie zijn weg" in letter.text
    assert_plain_letter(letter)
    assert any("Gaat niet door" in m.subject for m in mailoutbox if m.to == [world.user("member").email])
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):  # a double POST: already cancelled
        client.post(_url(world, "cancel", meeting), {"reason": "Nog eens"})
    assert len(mailoutbox) == sent and len(pending_letters(kees)) == 1


def test_cancelling_without_members_says_nobody_could_be_told(client, world):
    from inspraak.accounts.models import RoleAssignment

    RoleAssignment.objects.filter(body=world.body, role="lid").delete()
    meeting = upcoming(world)
    client.force_login(world.user("secretary"))
    html = client.post(_url(world, "cancel", meeting), {"reason": "Geen zaal"}, follow=True).content.decode()
    assert "Er zijn geen leden om bericht te sturen." in html
