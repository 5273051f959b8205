"""Minutes shared for comment, the feedback report and the GR's response reach every member: an email, or a letter
for a member without email (issue 12; walkthrough B3 "The minutes share reads 'De leden met e-mail krijgen bericht'"
and B10 "When the GR responds to a feedback report, nobody is notified at all")."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.letters.models import Letter
from inspraak.records import services
from tests.paper_members import assert_plain_letter, paper_member, pending_letters
from tests.records.data import VIEWS_TEXT, past_meeting

pytestmark = pytest.mark.django_db

Kind = Letter.Kind
TEXT = "We spraken over de brieven van de gemeente. Iedereen vond ze te lang."


def _url(world, name, meeting):
    return reverse(f"records:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": meeting.pk})


def _minutes(world):
    meeting = past_meeting(world, days_ago=3, title="Decemberoverleg")
    minutes = services.minutes_save(
        meeting=meeting,
        text=TEXT,
        public_text="",
        approve_by=timezone.localdate() + datetime.timedelta(days=14),
        version=None,
        by=world.user("secretary"),
    )
    return meeting, minutes


def _sent_report(world, recommendations=("Schrijf brieven op B1-niveau.", "Zet een telefoonnummer in elke brief.")):
    meeting = past_meeting(world, days_ago=3, title="Decemberoverleg")
    report = services.feedback_save(
        meeting=meeting,
        topics_text="1. Brieven van de gemeente",
        views_text=VIEWS_TEXT,
        recommendations=list(recommendations),
        by=world.user("facilitator"),
    )
    return meeting, services.feedback_send(report=report, to="beleid@gr.example.org", by=world.user("facilitator"))


def test_sharing_minutes_sends_the_text_on_paper_and_says_how_many_letters(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    kees = paper_member(world)
    world.body.contact_phone = "020 123 45 67"
    world.body.save(update_fields=["contact_phone"])
    meeting, minutes = _minutes(world)
    client.force_login(world.user("secretary"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "minutes_share", meeting), follow=True)
    html = response.content.decode()
    assert "De leden met e-mail krijgen bericht" not in html
    assert "Het verslag is gedeeld. 2 leden krijgen een e-mail. 1 lid krijgt een brief." in html
    assert sorted(m.to[0] for m in mailoutbox) == sorted([world.user("member").email, world.client.email])
    [letter] = pending_letters(kees)
    assert letter.kind == Kind.MINUTES and letter.object_id == meeting.pk
    assert TEXT in letter.text  # the minutes themselves: a member on paper cannot follow a link
    approve_by = minutes.approve_by
    assert "Bel ons: 020 123 45 67." in letter.text  # how to react by phone
    assert f"Doe dat voor {approve_by.day} december {approve_by.year}." in letter.text
    assert letter.short_link.path == _url(world, "minutes", meeting)
    assert_plain_letter(letter)
    # Sharing again (a double POST) is refused: nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(world, "minutes_share", meeting))
    assert len(mailoutbox) == 2 and len(pending_letters(kees)) == 1


def test_the_sent_feedback_report_reaches_members_on_paper_with_its_content(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    kees = paper_member(world)
    with django_capture_on_commit_callbacks(execute=True):
        meeting, report = _sent_report(world)
    assert (report.told.emails, report.told.letters) == (2, 1)
    assert any("naar de GR gestuurd" in m.subject for m in mailoutbox if m.to == [world.user("member").email])
    [letter] = pending_letters(kees)
    assert letter.kind == Kind.FEEDBACK and letter.object_id == meeting.pk
    assert VIEWS_TEXT in letter.text and "1. Schrijf brieven op B1-niveau." in letter.text
    assert_plain_letter(letter)
    with pytest.raises(services.RecordError):  # sent twice: refused, nobody told again
        services.feedback_send(report=report, to="beleid@gr.example.org", by=world.user("facilitator"))
    assert len(pending_letters(kees)) == 1


def test_when_the_gr_has_responded_to_every_recommendation_members_and_secretary_are_told_once(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    kees = paper_member(world)
    meeting, _report = _sent_report(world)
    before = set(pending_letters(kees))
    client.force_login(world.user("officer_region"))  # the GR's policy officer records the response
    url = _url(world, "feedback_reactions", meeting)
    partial = {"aanbeveling-1-reaction": "overgenomen"}
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(url, partial, follow=True).content.decode()
    # Only one of two recommendations has a reaction: the GR has not responded yet, nobody is told.
    assert "De reacties van de GR zijn opgeslagen." in html and "krijgt een brief" not in html
    assert not mailoutbox and set(pending_letters(kees)) == before
    complete = {**partial, "aanbeveling-2-reaction": "niet", "aanbeveling-2-reaction_text": "Dat kan het systeem niet."}
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(url, complete, follow=True).content.decode()
    assert "2 leden krijgen een e-mail. 1 lid krijgt een brief." in html
    [letter] = [x for x in pending_letters(kees) if x not in before]
    assert letter.kind == Kind.FEEDBACK and "De GR heeft gereageerd" in letter.text
    assert "Niet overgenomen. Dat kan het systeem niet." in letter.text
    assert_plain_letter(letter)
    told = sorted(m.to[0] for m in mailoutbox)
    # The members, and the secretary and facilitator who work with the report (the officer did it himself).
    staff = [world.user("secretary").email, world.user("facilitator").email]
    assert told == sorted([world.user("member").email, world.client.email, *staff])
    secretary_mail = next(m for m in mailoutbox if m.to == [world.user("secretary").email])
    assert "De GR heeft gereageerd" in secretary_mail.subject and "Dat kan het systeem niet." in secretary_mail.body
    # The same form sent again, or a changed reaction later: nobody is told again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, complete)
        client.post(url, {**complete, "aanbeveling-1-reaction": "deels", "aanbeveling-1-reaction_text": "Deels."})
    assert len(mailoutbox) == 4 and len(pending_letters(kees)) == len(before) + 1
