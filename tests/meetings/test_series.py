"""Planning a year's series in one form, and a new meeting remembering the body's usual venue."""

from __future__ import annotations

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.audit.models import AuditEvent
from inspraak.meetings import rules, services
from inspraak.meetings.models import Meeting, MeetingEvent, MeetingStatus
from tests.quality.queries import assert_constant_queries
from tests.world import NOW

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
D = datetime.date


def _url(world, name, **extra):
    return reverse(f"meetings:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _series(**overrides):
    data = {
        "title": "Overleg",
        "first_date": "2027-01-12",  # the 2nd Tuesday of January 2027
        "frequency": "maandelijks",
        "count": "4",
        "start_time": "14:00",
        "end_time": "16:00",
        "place_name": "Buurthuis De Schakel",
        "address": "Dorpsstraat 1",
        "accessibility": "Lift en ringleiding.",
        "actie": "bekijken",
    }
    data.update(overrides)
    return data


def _meeting(world, start: datetime.datetime, *, place="Bibliotheek", status=MeetingStatus.PLANNED, **fields):
    return Meeting.objects.create(
        body=world.body,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place_name=place,
        status=status,
        **fields,
    )


# ---------------------------------------------------------------- pure rules


def test_monthly_keeps_the_place_in_the_month():
    days = rules.series_dates(first=D(2027, 1, 12), frequency=rules.MONTHLY, count=4)
    assert days == [D(2027, 1, 12), D(2027, 2, 9), D(2027, 3, 9), D(2027, 4, 13)]  # each 2nd Tuesday
    assert all(day.weekday() == 1 for day in days)


def test_monthly_from_a_fifth_weekday_takes_the_last_one_and_crosses_the_year():
    days = rules.series_dates(first=D(2026, 12, 29), frequency=rules.MONTHLY, count=3)  # 5th Tuesday
    assert days == [D(2026, 12, 29), D(2027, 1, 26), D(2027, 2, 23)]  # the last Tuesdays


def test_every_n_weeks():
    days = rules.series_dates(first=D(2027, 1, 12), frequency=rules.EVERY_WEEKS, every_weeks=13, count=4)
    assert days == [D(2027, 1, 12), D(2027, 4, 13), D(2027, 7, 13), D(2027, 10, 12)]


def test_series_check_names_what_is_wrong_with_each_day():
    now = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=AMS)
    taken = [(datetime.datetime(2027, 3, 9, 15, 0, tzinfo=AMS), datetime.datetime(2027, 3, 9, 17, 0, tzinfo=AMS))]
    checked = rules.series_check(
        days=[D(2026, 12, 1), D(2027, 3, 28), D(2027, 3, 9), D(2027, 4, 13), D(2037, 1, 1)],
        start=datetime.time(2, 30),
        end=datetime.time(16, 0),
        zone=AMS,
        now=now,
        latest=D(2036, 12, 2),
        taken=taken,
    )
    assert [m.problem for m in checked] == ["past", "gap", "clash", "", "too_far"]
    assert checked[3].starts_at == datetime.datetime(2027, 4, 13, 2, 30, tzinfo=AMS)


def test_touching_meetings_do_not_clash():
    now = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=AMS)
    taken = [(datetime.datetime(2027, 3, 9, 12, 0, tzinfo=AMS), datetime.datetime(2027, 3, 9, 14, 0, tzinfo=AMS))]
    checked = rules.series_check(
        days=[D(2027, 3, 9)], start=datetime.time(14), end=datetime.time(16), zone=AMS, now=now,
        latest=D(2036, 12, 2), taken=taken,
    )  # fmt: skip
    assert checked[0].problem == ""


# ---------------------------------------------------------------- the page


def test_the_secretary_sees_the_days_first_and_then_plans_them_all_at_once(client, world):
    client.force_login(world.user("secretary"))
    page = html.unescape(client.post(_url(world, "series"), _series()).content.decode())
    assert "Deze 4 bijeenkomsten worden gepland" in page
    assert "dinsdag 12 januari 2027" in page and "dinsdag 13 april 2027" in page
    assert not Meeting.objects.filter(place_name="Buurthuis De Schakel").exists()  # the preview plans nothing

    response = client.post(_url(world, "series"), _series(actie="plannen"))
    assert response.status_code == 302 and response["Location"] == _url(world, "year_plan") + "?jaar=2027"
    meetings = list(Meeting.objects.filter(place_name="Buurthuis De Schakel").order_by("starts_at"))
    assert [timezone.localtime(m.starts_at).date() for m in meetings] == [
        D(2027, 1, 12),
        D(2027, 2, 9),
        D(2027, 3, 9),
        D(2027, 4, 13),
    ]
    assert all(timezone.localtime(m.starts_at).time() == datetime.time(14) for m in meetings)
    assert {(m.title, m.address, m.accessibility) for m in meetings} == {
        ("Overleg", "Dorpsstraat 1", "Lift en ringleiding.")
    }
    # each with its history and audit row, as a single meeting would have
    assert MeetingEvent.objects.filter(meeting__in=meetings, kind=MeetingEvent.Kind.CREATED).count() == 4
    assert AuditEvent.objects.filter(action="meeting.schedule").count() == 4
    assert len({m.uid for m in meetings}) == 4


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        # 28 March 2027: the clocks go forward at 02:00
        (
            {"first_date": "2027-03-28", "frequency": "weken", "every_weeks": "1", "start_time": "02:30"},
            "start_time",
            "Op 28 maart 2027 bestaat deze tijd niet",
        ),
        ({"first_date": "2036-09-01", "count": "6"}, "count", "meer dan tien jaar vooruit"),
        ({"first_date": "2040-01-01"}, "first_date", "Kies een datum tussen"),
        ({"first_date": "2026-11-03"}, "first_date", "kan niet in het verleden liggen"),
        ({"end_time": "13:00"}, "end_time", "De eindtijd moet na de begintijd liggen."),
        ({"frequency": "weken", "every_weeks": ""}, "every_weeks", "om de hoeveel weken"),
        ({"frequency": "weken", "every_weeks": "0"}, "every_weeks", "van 1 tot en met 52"),
        ({"count": "99"}, "count", "hoogstens 24"),
        ({"count": "veel"}, "count", "Vul een getal in"),
        ({"first_date": "12-13-2027"}, "first_date", "Vul een datum in"),
        ({"frequency": "dagelijks"}, "frequency", "Kies hoe vaak de groep bij elkaar komt."),
        ({"place_name": "", "online_url": ""}, "place_name", "Vul een plaats in"),
    ],
)
def test_bad_input_gives_a_message_next_to_the_field_and_plans_nothing(client, world, overrides, field, message):
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "series"), _series(actie="plannen", **overrides))
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in page
    assert message in page
    assert "Dorpsstraat 1</textarea>" in page  # what was typed is kept
    assert not Meeting.objects.filter(address="Dorpsstraat 1").exists()


def test_a_clash_with_a_planned_meeting_names_the_day(client, world):
    _meeting(world, datetime.datetime(2027, 3, 9, 15, 0, tzinfo=AMS))
    _meeting(world, datetime.datetime(2027, 2, 9, 15, 0, tzinfo=AMS), status=MeetingStatus.CANCELLED, cancel_reason="x")
    client.force_login(world.user("secretary"))
    page = html.unescape(client.post(_url(world, "series"), _series(actie="plannen")).content.decode())
    assert "Op 9 maart 2027 heeft de groep op die tijd al een bijeenkomst." in page
    assert "9 februari" not in page.split("Op ", 1)[1].split(".", 1)[0]  # a cancelled one is no clash
    assert not Meeting.objects.filter(place_name="Buurthuis De Schakel").exists()


def test_the_series_service_is_all_or_nothing(world):
    secretary = world.user("secretary")
    taken = _meeting(world, datetime.datetime(2027, 3, 9, 15, 0, tzinfo=AMS))
    fields = [
        {
            "starts_at": datetime.datetime(2027, month, 9, 14, 0, tzinfo=AMS),
            "ends_at": datetime.datetime(2027, month, 9, 16, 0, tzinfo=AMS),
            "place_name": "Zaal",
        }
        for month in (1, 2, 3)
    ]
    with pytest.raises(services.SeriesError) as error:
        services.meeting_schedule_series(body=world.body, meetings=fields, by=secretary)
    assert error.value.code == "clash"
    assert list(Meeting.objects.filter(body=world.body)) == [taken]
    with pytest.raises(services.SeriesError):
        services.meeting_schedule_series(body=world.body, meetings=[], by=secretary)


def test_the_series_page_queries_do_not_grow_with_meetings(client, world):
    client.force_login(world.user("secretary"))
    counter = iter(range(100))

    def grow():
        for _ in range(3):
            _meeting(world, NOW + datetime.timedelta(days=30 + next(counter)))

    assert_constant_queries(client, _url(world, "series"), grow)
    assert_constant_queries(client, _url(world, "new"), grow)


def test_the_year_plan_offers_the_series(client, world):
    client.force_login(world.user("secretary"))
    assert _url(world, "series") in client.get(_url(world, "year_plan")).content.decode()


# ---------------------------------------------------------------- venue memory


def test_a_new_meeting_remembers_the_usual_venue(client, world):
    _meeting(
        world,
        NOW - datetime.timedelta(days=90),
        place="Oude zaal",
        address="Oude weg 1",
        accessibility="Trap",
        status=MeetingStatus.HELD,
    )
    _meeting(
        world,
        NOW - datetime.timedelta(days=20),
        place="Buurthuis De Schakel",
        address="Dorpsstraat 1\n1234 AB Zeedorp",
        accessibility="Rolstoeltoegankelijk, ringleiding.",
        status=MeetingStatus.HELD,
    )
    Meeting.objects.create(  # an online-only meeting has no venue to remember
        body=world.body,
        starts_at=NOW - datetime.timedelta(days=5),
        ends_at=NOW - datetime.timedelta(days=5) + datetime.timedelta(hours=1),
        online_url="https://meet.example.nl/abc",
        status=MeetingStatus.HELD,
    )
    client.force_login(world.user("secretary"))
    for name in ("new", "series"):
        page = html.unescape(client.get(_url(world, name)).content.decode())
        assert 'value="Buurthuis De Schakel"' in page, name
        assert "Dorpsstraat 1\n1234 AB Zeedorp</textarea>" in page and "Rolstoeltoegankelijk, ringleiding." in page
        assert "komen van de laatste bijeenkomst (" in page and "Oude zaal" not in page


def test_a_body_without_meetings_gets_an_empty_form(client, world):
    client.force_login(world.user("secretary"))
    page = client.get(_url(world, "new")).content.decode()
    assert "laatste bijeenkomst" not in page and 'name="place_name" value=' not in page
