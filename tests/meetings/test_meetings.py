"""Planning meetings, their status history, cancellation with notice, the public calendar and .ics files."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from inspraak.audit.models import AuditEvent
from inspraak.meetings import services
from inspraak.meetings.models import Meeting, MeetingEvent
from tests.meetings.data import upcoming
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(world, name, **extra):
    return reverse(f"meetings:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _form(**overrides):
    data = {
        "title": "Najaar",
        "date": f"{timezone.localdate().year + 1}-03-12",  # within the sensible range of ten years
        "start_time": "14:00",
        "end_time": "16:00",
        "place_name": "Stadhuis",
    }
    data.update(overrides)
    return data


def test_secretary_plans_a_meeting_in_amsterdam_time(client, world):
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "new"), _form())
    meeting = Meeting.objects.get(title="Najaar")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    local = timezone.localtime(meeting.starts_at)
    assert (local.hour, local.minute) == (14, 0) and str(local.tzinfo) == "Europe/Amsterdam"
    assert MeetingEvent.objects.filter(meeting=meeting, kind="aangemaakt").exists()
    assert AuditEvent.objects.filter(action="meeting.schedule").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"date": "2020-01-01"}, "date", "Een nieuwe bijeenkomst kan niet in het verleden liggen."),
        ({"end_time": "13:00"}, "end_time", "De eindtijd moet na de begintijd liggen."),
        ({"place_name": ""}, "place_name", "Vul een plaats in, of een link om online mee te doen."),
        ({"date": "12-13-2099"}, "date", "Vul een datum in"),
        ({"start_time": "25:00"}, "start_time", "Vul een tijd in"),
        ({"online_url": "geen link"}, "online_url", "Vul een volledige link in"),
    ],
)
def test_bad_input_is_explained_next_to_the_field(client, world, overrides, field, message):
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "new"), _form(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html and message in html
    assert 'value="Najaar"' in html
    assert not Meeting.objects.filter(title="Najaar").exists()


def test_only_an_online_link_is_enough(client, world):
    client.force_login(world.user("facilitator"))
    response = client.post(_url(world, "new"), _form(place_name="", online_url="https://meet.example.nl/abc"))
    meeting = Meeting.objects.get(body=world.body, online_url="https://meet.example.nl/abc")
    assert meeting.place_name == "" and response["Location"] == meeting.get_absolute_url()


def test_status_steps_are_history_and_cannot_skip(client, world):
    meeting = upcoming(world)
    client.force_login(world.user("secretary"))
    client.post(_url(world, "status", pk=meeting.pk), {"status": "gehouden"})  # not started yet: refused
    meeting.refresh_from_db()
    assert meeting.status == "gepland"
    client.post(_url(world, "status", pk=meeting.pk), {"status": "agenda_gepubliceerd"})
    meeting.refresh_from_db()
    assert meeting.status == "agenda_gepubliceerd"
    steps = list(MeetingEvent.objects.filter(meeting=meeting, kind="status").values_list("from_status", "to_status"))
    assert steps == [("gepland", "agenda_gepubliceerd")]


def test_cancel_needs_a_reason_and_tells_members_with_a_calendar_cancellation(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = upcoming(world)
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "cancel", pk=meeting.pk), {"reason": ""})
    assert "Schrijf kort op waarom de bijeenkomst niet doorgaat." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "cancel", pk=meeting.pk), {"reason": "De zaal is niet beschikbaar"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "geannuleerd" and meeting.sequence == 1
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert world.user("member").email in recipients and world.client.email in recipients
    mail = next(m for m in mailoutbox if m.to == [world.user("member").email])
    assert "Gaat niet door" in mail.subject and "De zaal is niet beschikbaar" in mail.body
    filename, content, mimetype = mail.attachments[0]
    assert filename == "bijeenkomst.ics"
    assert mimetype == "text/calendar; method=CANCEL"
    event = next(c for c in Calendar.from_ical(content).walk("VEVENT"))
    assert event["STATUS"] == "CANCELLED" and int(event["SEQUENCE"]) == 1
    # A cancelled meeting cannot be cancelled or changed again.
    assert client.get(_url(world, "edit", pk=meeting.pk)).status_code == 302


def test_changing_the_time_after_the_agenda_is_out_sends_an_update(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = upcoming(world)
    services.meeting_set_status(meeting=meeting, status="agenda_gepubliceerd", by=world.user("secretary"))
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            meeting=meeting,
            by=world.user("secretary"),
            starts_at=meeting.starts_at + datetime.timedelta(hours=1),
            ends_at=meeting.ends_at + datetime.timedelta(hours=1),
        )
    assert meeting.sequence == 1 and mailoutbox
    assert mailoutbox[0].attachments[0][2] == "text/calendar; method=REQUEST"


def test_year_plan_warns_below_the_minimum_and_has_fixed_queries(client, world):
    client.force_login(world.user("member"))
    year = timezone.localdate().year
    html = client.get(_url(world, "year_plan"), {"jaar": year}).content.decode()
    assert "minimaal 3" in html

    def grow():
        for k in range(5):
            start = timezone.now() + datetime.timedelta(days=k + 1)
            if start.year == year:
                Meeting.objects.create(
                    body=world.body, starts_at=start, ends_at=start + datetime.timedelta(hours=1), place_name="X"
                )

    assert_constant_queries(client, _url(world, "year_plan") + f"?jaar={year}", grow)
    assert client.get(_url(world, "year_plan"), {"jaar": "onzin"}).status_code == 200


def _held(world) -> Meeting:
    meeting = upcoming(world)
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2), status="gehouden"
    )
    meeting.refresh_from_db()
    return meeting


def test_minutes_approved_is_not_a_status_button_only_the_minutes_approval_sets_it(client, world):
    meeting = _held(world)
    client.force_login(world.user("secretary"))
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Zet op: Verslag vastgesteld" not in html and 'value="verslag_vastgesteld"' not in html
    assert "Stel het vast bij het verslag" in html
    response = client.post(_url(world, "status", pk=meeting.pk), {"status": "verslag_vastgesteld"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "gehouden"
    with pytest.raises(services.TransitionError) as error:
        services.meeting_set_status(meeting=meeting, status="verslag_vastgesteld", by=world.user("secretary"))
    assert error.value.code == "not_allowed"
    meeting.refresh_from_db()
    assert meeting.status == "gehouden"
    assert not MeetingEvent.objects.filter(meeting=meeting, to_status="verslag_vastgesteld").exists()


def _dst_gap_day() -> datetime.date:
    """The last Sunday of March of next year: in Amsterdam the clock jumps from 02:00 to 03:00."""
    day = datetime.date(timezone.localdate().year + 1, 3, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def test_a_time_that_does_not_exist_by_summer_time_is_a_form_error_when_planning(client, world):
    client.force_login(world.user("secretary"))
    day = _dst_gap_day().isoformat()
    response = client.post(_url(world, "new"), _form(date=day, start_time="02:30", end_time="03:30"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_start_time_error"' in html and "bestaat niet" in html
    assert 'value="02:30"' in html and 'value="Najaar"' in html
    assert not Meeting.objects.filter(title="Najaar").exists()


def test_a_time_that_does_not_exist_by_summer_time_is_a_form_error_when_changing(client, world):
    meeting = upcoming(world)
    client.force_login(world.user("secretary"))
    data = _form(date=_dst_gap_day().isoformat(), start_time="01:30", end_time="02:15", version=meeting.version)
    response = client.post(_url(world, "edit", pk=meeting.pk), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_end_time_error"' in html and "bestaat niet" in html
    assert 'value="02:15"' in html
    meeting.refresh_from_db()
    assert meeting.title == "Voorjaarsbijeenkomst"


def test_the_service_refuses_an_end_that_is_not_after_the_start_in_real_time(world):
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Europe/Amsterdam")
    day = _dst_gap_day()
    start = datetime.datetime.combine(day, datetime.time(2, 30), tzinfo=zone)
    end = datetime.datetime.combine(day, datetime.time(3, 30), tzinfo=zone)  # the same instant as the start
    with pytest.raises(ValueError):
        services.meeting_schedule(body=world.body, starts_at=start, ends_at=end, by=world.user("secretary"))


@pytest.mark.parametrize("date", ["9999-12-31", "2207-03-12", "1999-06-01"])
@pytest.mark.parametrize("name", ["new", "edit"])
def test_a_date_far_away_is_refused_with_a_message(client, world, date, name):
    meeting = upcoming(world)
    client.force_login(world.user("secretary"))
    url = _url(world, "new") if name == "new" else _url(world, "edit", pk=meeting.pk)
    response = client.post(url, _form(date=date, version=meeting.version))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_date_error"' in html and "Kies een datum tussen" in html
    assert f'value="{date}"' in html
    assert not Meeting.objects.filter(title="Najaar").exists()


@pytest.mark.parametrize(
    "start",
    [
        datetime.datetime(9999, 12, 31, 13, 0, tzinfo=datetime.UTC),
        datetime.datetime(9999, 12, 31, 21, 30, tzinfo=datetime.UTC),
        datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.UTC),
    ],
)
def test_the_calendar_file_of_a_meeting_on_an_odd_date_still_works(world, start):
    from inspraak.meetings import ics

    meeting = upcoming(world)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    meeting.refresh_from_db()
    event = next(c for c in Calendar.from_ical(ics.meeting_calendar(meeting)).walk("VEVENT"))
    assert event.decoded("DTSTART").astimezone(datetime.UTC) == start
    assert event.decoded("DTEND").astimezone(datetime.UTC) == start + datetime.timedelta(hours=2)
