"""B13: the "Nakomen van afspraken" block of a past meeting's agenda shows the agreements as they stood on the
meeting's day, not today's open ones."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from inspraak.meetings.models import MeetingStatus
from inspraak.records import rules, selectors, services
from inspraak.records.models import Agreement, RecordEvent
from tests.quality.queries import assert_constant_queries
from tests.records.data import past_meeting


def _agreement(world, description: str, *, made_days_ago: int, meeting=None) -> Agreement:
    agreement = services.agreement_create(
        body=world.body, description=description, owner="De GR", by=world.user("secretary"), meeting=meeting
    )
    made = timezone.now() - datetime.timedelta(days=made_days_ago)
    Agreement.objects.filter(pk=agreement.pk).update(created_at=made)
    RecordEvent.objects.filter(target="afspraak", target_id=agreement.pk).update(at=made)
    return agreement


def _set_status(world, agreement: Agreement, status: str, *, days_ago: int, note: str = "") -> None:
    agreement.refresh_from_db()
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    services.agreement_set_status(agreement=agreement, status=status, note=note, today=day, by=world.user("secretary"))
    RecordEvent.objects.filter(
        target="afspraak",
        target_id=agreement.pk,
        action="status",
        at__gte=timezone.now() - datetime.timedelta(minutes=1),
    ).update(at=timezone.now() - datetime.timedelta(days=days_ago))


def _agenda_url(world, meeting) -> str:
    return reverse(
        "agenda:agenda", kwargs={"region": world.region.slug, "body": world.body.slug, "meeting": meeting.pk}
    )


def _scenario(world):
    meeting = past_meeting(world, days_ago=30, title="Najaarsoverleg")
    done_after = _agreement(world, "Voorbeeldbrief sturen", made_days_ago=60)
    _set_status(world, done_after, "gedaan", days_ago=5)
    done_before = _agreement(world, "Folder drukken", made_days_ago=60)
    _set_status(world, done_before, "gedaan", days_ago=40)
    cancelled_before = _agreement(world, "Zaal huren", made_days_ago=60)
    _set_status(world, cancelled_before, "vervallen", days_ago=45, note="Niet meer nodig")
    reopened = _agreement(world, "Telefoonnummer in elke brief", made_days_ago=60)
    _set_status(world, reopened, "gedaan", days_ago=50)
    _set_status(world, reopened, "open", days_ago=35)
    still_open = _agreement(world, "Spreekuur in de bibliotheek", made_days_ago=60)
    made_after = _agreement(world, "Uitnodiging op papier", made_days_ago=10)
    made_there = _agreement(world, "Verslag rondsturen", made_days_ago=29, meeting=meeting)
    return meeting, {
        "done_after": done_after,
        "done_before": done_before,
        "cancelled_before": cancelled_before,
        "reopened": reopened,
        "still_open": still_open,
        "made_after": made_after,
        "made_there": made_there,
    }


def test_agreements_as_of_a_past_meeting_are_those_open_on_its_day(world):
    meeting, a = _scenario(world)
    rows = selectors.agreements_as_of(meeting)
    assert {row.pk for row in rows} == {a["done_after"].pk, a["reopened"].pk, a["still_open"].pk}
    assert all(row.status == "open" for row in rows)
    # Today the picture is different: the one done five days ago is closed, the new one is open.
    today = {row.pk for row in selectors.open_agreements(world.body)}
    assert a["done_after"].pk not in today and a["made_after"].pk in today


def test_past_agenda_shows_the_agreements_of_that_day(client, world):
    meeting, _agreements = _scenario(world)
    client.force_login(world.user("secretary"))
    html = client.get(_agenda_url(world, meeting)).content.decode()
    block = html[html.index("Nakomen van afspraken") :]
    assert "Voorbeeldbrief sturen" in block  # done only after the meeting: it was open then
    assert "Uitnodiging op papier" not in block  # made after the meeting
    assert "Folder drukken" not in block and "Zaal huren" not in block
    assert "de dag van deze bijeenkomst" in block


def test_upcoming_agenda_keeps_showing_todays_open_agreements(client, world):
    _scenario(world)
    upcoming = past_meeting(world, days_ago=-7, title="Winteroverleg", status=MeetingStatus.PLANNED)
    client.force_login(world.user("secretary"))
    html = client.get(_agenda_url(world, upcoming)).content.decode()
    block = html[html.index("Nakomen van afspraken") :]
    assert "Uitnodiging op papier" in block and "Voorbeeldbrief sturen" not in block
    assert "de dag van deze bijeenkomst" not in block


def test_past_agenda_queries_do_not_grow_with_agreements(client, world):
    meeting = past_meeting(world, days_ago=30, title="Najaarsoverleg")
    client.force_login(world.user("secretary"))

    def grow():
        for n in range(3):
            agreement = _agreement(world, f"Afspraak {n}", made_days_ago=60)
            _set_status(world, agreement, "gedaan", days_ago=5 + n)

    assert_constant_queries(client, _agenda_url(world, meeting), grow)


def test_status_on_falls_back_to_done_on_without_history():
    day = datetime.date(2026, 11, 1)
    assert rules.status_on(status_then=None, status_now="gedaan", done_on=day, day=day) == "open"
    assert (
        rules.status_on(status_then=None, status_now="gedaan", done_on=day - datetime.timedelta(days=1), day=day)
        == "gedaan"
    )
    assert rules.status_on(status_then="vervallen", status_now="open", done_on=None, day=day) == "vervallen"
