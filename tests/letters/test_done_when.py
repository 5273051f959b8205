"""Issue 12's "done when", tried as a new secretary would, through the pages: a member without email gets an
invitation letter with a short code, tells the secretary by phone she comes and needs transport; the secretary
records it, marks transport arranged, moves the meeting half an hour, prints the change letters (large print for
one member, a warning for one without address), shares the minutes on paper; the dashboard of a member who has not
answered yet shows what she must do."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from inspraak.agenda import services as agenda
from inspraak.agenda.models import ItemSource, Reply
from inspraak.core.models import ShortLink
from inspraak.letters import printing
from inspraak.letters.models import Letter, LetterBatch
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.meetings.services import meeting_update
from inspraak.records import services as records
from tests.agenda.data import new_meeting
from tests.factories import paper_person

pytestmark = pytest.mark.django_db

MIES, PIET = "Mies Grootschrift", "Piet Zonderadres"
PIET_PHONE = "0687654321"
TAXI = "Een taxi haalt u om 13:15 op en brengt u terug."


def _meeting_url(name, world, meeting, **extra):
    return reverse(name, kwargs={"region": world.region.slug, "body": world.body.slug, "meeting": meeting.pk, **extra})


def _post_page(world):
    return reverse("letters:body", args=[world.region.slug, world.body.slug])


def _print(client, world) -> LetterBatch:
    response = client.post(reverse("letters:print", args=[world.region.slug, world.body.slug]))
    assert response.status_code == 302
    return LetterBatch.objects.latest("pk")


def _pages(batch) -> dict[str, str]:
    """The PDF's HTML, one part per letter, by the member's name."""
    html = render_to_string("letters/letters_pdf.html", printing.pdf_context(batch))
    return {name: part for part in html.split('<section class="letter')[1:] for name in (MIES, PIET) if name in part}


def test_a_member_on_paper_takes_part_from_invitation_to_minutes(client, world):
    secretary = world.user("secretary")
    mies = paper_person(world, MIES, address="Molenpad 21\n1234 AB Zeedorp", large=True)
    piet = paper_person(world, PIET, phone=PIET_PHONE)
    meeting = new_meeting(world.body, days=14, title="Decemberbijeenkomst")
    agenda.item_add(meeting=meeting, title="Brieven van de gemeente", source=ItemSource.SECRETARY, by=secretary)
    client.force_login(secretary)

    # Publishing invites everyone; members without email get a letter that waits to be printed.
    client.post(reverse("agenda:publish", args=[world.region.slug, world.body.slug, meeting.pk]))
    invitation = Letter.objects.get(user=mies, kind=Letter.Kind.INVITATION, batch__isnull=True)
    assert "Brieven van de gemeente" in invitation.text and "http" not in invitation.text
    assert invitation.short_link.path == agenda.reply_path(meeting)  # the short code leads to "Komt u?"
    post = client.get(_post_page(world)).content.decode()
    assert "1 lid zonder adres" in post and PIET_PHONE in post
    invitations = _print(client, world)
    pages = _pages(invitations)
    code = ShortLink.objects.get(pk=invitation.short_link_id)
    assert code.code[:3] in pages[MIES] and "<svg" in pages[MIES]  # the code to type and the QR code
    assert 'letter--large"' in '<section class="letter' + pages[MIES]
    assert "Niet posten" in pages[PIET] and "Niet posten" not in pages[MIES]

    # Mies calls: she comes and needs transport. The secretary records it, then arranges the taxi.
    client.post(
        _meeting_url("agenda:reply_record", world, meeting, member=mies.pk),
        {"channel": "telefoon", "answer": "komt", "needs_other": "Vervoer: ik kan niet met de bus"},
    )
    reply = Reply.objects.get(meeting=meeting, user=mies)
    assert (reply.answer, reply.channel, reply.recorded_by) == ("komt", "telefoon", secretary)
    client.post(_meeting_url("agenda:reply_arrange", world, meeting, pk=reply.pk), {"note": TAXI})
    reply.refresh_from_db()
    assert reply.arranged_at is not None and reply.arranged_note == TAXI
    arranged = Letter.objects.get(user=mies, kind=Letter.Kind.NEEDS, batch__isnull=True)
    assert TAXI in arranged.text

    # The meeting moves half an hour: both members get a change letter; the new batch keeps the large print and
    # the warning about the missing address.
    meeting.refresh_from_db()
    half = datetime.timedelta(minutes=30)
    meeting_update(meeting=meeting, by=secretary, starts_at=meeting.starts_at + half, ends_at=meeting.ends_at + half)
    changed = Letter.objects.filter(kind=Letter.Kind.MEETING_CHANGED, batch__isnull=True)
    assert set(changed.values_list("user__name", flat=True)) == {MIES, PIET}
    meeting.refresh_from_db()
    new_time = timezone.localtime(meeting.starts_at).strftime("%H:%M")
    assert new_time in changed.get(user=mies).text
    post = client.get(_post_page(world)).content.decode()
    assert "3 brieven om te printen" in post and "1 lid zonder adres" in post
    changes = _print(client, world)
    assert set(changes.letters.values_list("kind", flat=True)) == {Letter.Kind.NEEDS, Letter.Kind.MEETING_CHANGED}
    pages = _pages(changes)
    assert 'letter--large"' in '<section class="letter' + pages[MIES] and "Niet posten" in pages[PIET]
    assert Letter.objects.get(pk=invitation.pk).batch == invitations  # reprinting changes nothing posted before

    # The minutes of the last meeting go to the members on paper too.
    start = timezone.now() - datetime.timedelta(days=7)
    held = Meeting.objects.create(
        body=world.body,
        title="Novemberbijeenkomst",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place_name="Buurthuis",
        status=MeetingStatus.HELD,
    )
    minutes = records.minutes_save(
        meeting=held, text="We spraken over de brieven.", public_text="", approve_by=None, version=None, by=secretary
    )
    client.post(reverse("records:minutes_share", args=[world.region.slug, world.body.slug, held.pk]))
    minutes.refresh_from_db()
    assert minutes.status == "gedeeld"
    shared = Letter.objects.filter(kind=Letter.Kind.MINUTES, batch__isnull=True)
    assert set(shared.values_list("user__name", flat=True)) >= {MIES, PIET}
    assert "We spraken over de brieven." in shared.get(user=mies).text

    # Piet has not said whether he comes: his overview tells him, one click from his answer.
    client.force_login(piet)
    dashboard = client.get(reverse("dashboards:dashboard")).content.decode()
    local = timezone.localtime(meeting.starts_at)
    assert f"U bent uitgenodigd voor {local.day} " in dashboard and "laat weten of u komt" in dashboard
    assert _meeting_url("agenda:reply", world, meeting) in dashboard
