"""Lost updates (security probe M6): every edit form of a shared object refuses a save based on an older version.

For each form the probe's race: A and B open the form, A saves, B saves. B gets the kind message, keeps what B
typed, A's change stays stored, and B's next save (from the page B got back) works. Then the same at service level.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from inspraak.agenda import services as agenda_services
from inspraak.agenda.models import AgendaItem
from inspraak.core.versioning import StaleEdit
from inspraak.meetings import services as meeting_services
from inspraak.meetings.models import Meeting
from inspraak.members import services as member_services
from inspraak.members.models import Membership
from inspraak.records import services as record_services
from inspraak.records.models import Agreement, FeedbackReport, Minutes
from inspraak.recruitment import services as recruitment_services
from inspraak.recruitment.models import Vacancy
from inspraak.regions import services as region_services
from inspraak.regions.models import Body, Municipality, Region
from tests.agenda.data import agenda
from tests.meetings.data import upcoming
from tests.quality.forms import assert_second_save_refused, form_data
from tests.quality.html import assert_valid_html
from tests.records.data import records
from tests.recruitment.data import recruitment

pytestmark = pytest.mark.django_db


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


@dataclass(frozen=True)
class Race:
    url_name: str
    kwargs: Callable
    actors: tuple[str, str]
    change_a: dict
    change_b: dict
    stored: Callable  # (world) -> the stored value(s) the two saves change
    shows_stored: str | None = None  # "Nu opgeslagen: ..." text B sees next to a field A changed
    url_name_b: str | None = None  # B edits through another form of the same object
    kwargs_b: Callable | None = None


RACES = {
    "membership": Race(
        "members:edit",
        lambda w: {**_body(w), "pk": w.client_membership.pk},
        ("secretary", "admin"),
        {"contact_phone": "0611111111"},
        {"contact_phone": "0622222222", "needs_other": "Ik kom met de rolstoel."},
        lambda w: Membership.objects.values_list("contact_phone", "needs_other").get(pk=w.client_membership.pk),
        shows_stored="Nu opgeslagen: 0611111111",
    ),
    "own details against the secretary": Race(
        "members:edit",
        lambda w: {**_body(w), "pk": w.member_membership.pk},
        ("secretary", "member"),
        {"contact_phone": "0611111111"},
        {"gegevens-contact_phone": "0633333333"},
        lambda w: Membership.objects.values_list("contact_phone", flat=True).get(pk=w.member_membership.pk),
        shows_stored="Nu opgeslagen: 0611111111",
        url_name_b="members:own",
        kwargs_b=_body,
    ),
    "meeting": Race(
        "meetings:edit",
        lambda w: {**_body(w), "pk": upcoming(w).pk},
        ("secretary", "facilitator"),
        {"place_name": "Stadhuis"},
        {"place_name": "Bibliotheek", "accessibility": "Lift en ringleiding."},
        lambda w: Meeting.objects.values_list("place_name", "accessibility").get(pk=upcoming(w).pk),
        shows_stored="Nu opgeslagen: Stadhuis",
    ),
    "region": Race(
        "regions:region_edit",
        lambda w: {"region": w.region.slug},
        ("admin", "admin"),
        {"description": "Tekst van A."},
        {"description": "Tekst van B."},
        lambda w: Region.objects.values_list("description", flat=True).get(pk=w.region.pk),
        shows_stored="Nu opgeslagen: Tekst van A.",
    ),
    "municipality": Race(
        "regions:municipality_edit",
        lambda w: {"region": w.region.slug, "municipality": w.municipality.slug},
        ("admin", "admin"),
        {"client_group_size": "1234"},
        {"client_group_size": "1777"},
        lambda w: Municipality.objects.values_list("client_group_size", flat=True).get(pk=w.municipality.pk),
        shows_stored="Nu opgeslagen: 1234",
    ),
    "body": Race(
        "regions:body_edit",
        _body,
        ("admin", "admin"),
        {"name": "Cliëntenpanel Noordkust A"},
        {"name": "Cliëntenpanel Noordkust B"},
        lambda w: Body.objects.values_list("name", flat=True).get(pk=w.body.pk),
        shows_stored="Nu opgeslagen: Cliëntenpanel Noordkust A",
    ),
    "vacancy": Race(
        "recruitment:vacancy_edit",
        lambda w: {**_body(w), "pk": recruitment(w).vacancy.pk},
        ("secretary", "facilitator"),
        {"title": "Titel van A"},
        {"title": "Titel van B"},
        lambda w: Vacancy.objects.values_list("title", flat=True).get(pk=recruitment(w).vacancy.pk),
        shows_stored="Nu opgeslagen: Titel van A",
    ),
    "agenda item": Race(
        "agenda:item_edit",
        lambda w: {**_body(w), "meeting": agenda(w).planned.pk, "pk": agenda(w).first.pk},
        ("secretary", "facilitator"),
        {"summary": "Uitleg van A."},
        {"summary": "Uitleg van B."},
        lambda w: AgendaItem.objects.values_list("summary", flat=True).get(pk=agenda(w).first.pk),
        shows_stored="Nu opgeslagen: Uitleg van A.",
    ),
    "agreement": Race(
        "records:agreement",
        lambda w: {**_body(w), "pk": records(w).agreement.pk},
        ("secretary", "facilitator"),
        {"status": "gedaan"},
        {"status": "vervallen", "note": "Niet meer nodig, zegt B."},
        lambda w: Agreement.objects.values_list("status", "note").get(pk=records(w).agreement.pk),
    ),
    "minutes": Race(
        "records:minutes_edit",
        lambda w: {**_body(w), "pk": records(w).held.pk},
        ("secretary", "admin"),
        {"text": "Verslag van A."},
        {"text": "Verslag van B."},
        lambda w: Minutes.objects.values_list("text", flat=True).get(pk=records(w).minutes.pk),
        shows_stored="Nu opgeslagen: Verslag van A.",
    ),
    "feedback report": Race(
        "records:feedback_edit",
        lambda w: {**_body(w), "pk": records(w).held.pk},
        ("facilitator", "admin"),
        {"views_text": "Wat A schreef."},
        {"views_text": "Wat B schreef."},
        lambda w: FeedbackReport.objects.values_list("views_text", flat=True).get(pk=records(w).draft_report.pk),
        shows_stored="Nu opgeslagen: Wat A schreef.",
    ),
}


def _run(world, race) -> str:
    first, second = Client(), Client()
    first.force_login(world.user(race.actors[0]))
    second.force_login(world.user(race.actors[1]))
    url_a = reverse(race.url_name, kwargs=race.kwargs(world))
    url_b = reverse(race.url_name_b, kwargs=race.kwargs_b(world)) if race.url_name_b else None
    page = assert_second_save_refused(
        first,
        second,
        url_a,
        url_b=url_b,
        change_a=race.change_a,
        change_b=race.change_b,
        stored=lambda: race.stored(world),
    )
    if race.shows_stored:
        assert race.shows_stored in page
    return page


@pytest.mark.parametrize("race", RACES.values(), ids=RACES.keys())
def test_second_save_of_an_edit_form_is_refused_and_keeps_the_typed_text(world, race):
    _run(world, race)


def test_every_refused_page_is_valid_html(world, tmp_path):
    assert_valid_html({name: _run(world, race).encode() for name, race in RACES.items()}, tmp_path)


def test_the_refused_page_says_what_to_do_next_to_the_form(client, world):
    """The message is in the error summary on top (role=alert) and the version now stored is in the form."""
    meeting = upcoming(world)
    url = reverse("meetings:edit", kwargs={**_body(world), "pk": meeting.pk})
    client.force_login(world.user("secretary"))
    day = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()
    data = {
        "date": day,
        "start_time": "14:00",
        "end_time": "16:00",
        "place_name": "Stadhuis",
    }
    response = client.post(url, {**data, "version": meeting.version - 1 if meeting.version > 1 else 0})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html and "Kijk wat er nu staat en sla opnieuw op." in html
    assert f'name="version" value="{meeting.version}"' in html
    meeting.refresh_from_db()
    assert meeting.place_name != "Stadhuis"


# ---------------------------------------------------------------- services


@dataclass(frozen=True)
class ServiceCase:
    load: Callable  # (world) -> a fresh copy of the object from the database
    save: Callable  # (world, obj, version, value) -> calls the service
    read: Callable  # (obj) -> the stored value


def _feedback_save(w, report, version, value):
    return record_services.feedback_save(
        meeting=report.meeting,
        topics_text="",
        views_text=value,
        recommendations=[],
        by=w.user("facilitator"),
        **version,
    )


SERVICES = {
    "membership_update": ServiceCase(
        lambda w: Membership.objects.get(pk=w.client_membership.pk),
        lambda w, obj, v, value: member_services.membership_update(
            membership=obj, by=w.user("secretary"), contact_phone=value, **v
        ),
        lambda obj: obj.contact_phone,
    ),
    "meeting_update": ServiceCase(
        lambda w: Meeting.objects.get(pk=upcoming(w).pk),
        lambda w, obj, v, value: meeting_services.meeting_update(
            meeting=obj, by=w.user("secretary"), place_name=value, **v
        ),
        lambda obj: obj.place_name,
    ),
    "region_update": ServiceCase(
        lambda w: Region.objects.get(pk=w.region.pk),
        lambda w, obj, v, value: region_services.region_update(region=obj, by=w.user("admin"), description=value, **v),
        lambda obj: obj.description,
    ),
    "municipality_update": ServiceCase(
        lambda w: Municipality.objects.get(pk=w.municipality.pk),
        lambda w, obj, v, value: region_services.municipality_update(
            municipality=obj, by=w.user("admin"), name=value, **v
        ),
        lambda obj: obj.name,
    ),
    "body_update": ServiceCase(
        lambda w: Body.objects.get(pk=w.body.pk),
        lambda w, obj, v, value: region_services.body_update(body=obj, by=w.user("admin"), name=value, **v),
        lambda obj: obj.name,
    ),
    "vacancy_update": ServiceCase(
        lambda w: Vacancy.objects.get(pk=recruitment(w).vacancy.pk),
        lambda w, obj, v, value: recruitment_services.vacancy_update(
            vacancy=obj, by=w.user("secretary"), title=value, **v
        ),
        lambda obj: obj.title,
    ),
    "item_update": ServiceCase(
        lambda w: AgendaItem.objects.get(pk=agenda(w).first.pk),
        lambda w, obj, v, value: agenda_services.item_update(item=obj, by=w.user("secretary"), summary=value, **v),
        lambda obj: obj.summary,
    ),
    "agreement_set_status": ServiceCase(
        lambda w: Agreement.objects.get(pk=records(w).agreement.pk),
        lambda w, obj, v, value: record_services.agreement_set_status(
            agreement=obj, status="vervallen" if obj.status == "open" else "open", note=value, by=w.user("admin"), **v
        ),
        lambda obj: obj.note,
    ),
    "feedback_save": ServiceCase(
        lambda w: FeedbackReport.objects.get(pk=records(w).draft_report.pk), _feedback_save, lambda obj: obj.views_text
    ),
}


@pytest.mark.parametrize("case", SERVICES.values(), ids=SERVICES.keys())
def test_service_refuses_a_change_based_on_an_older_version(world, case):
    opened = case.load(world).version
    case.save(world, case.load(world), {"version": opened}, "Waarde van A")
    assert case.load(world).version == opened + 1

    with pytest.raises(StaleEdit) as refused:
        case.save(world, case.load(world), {"version": opened}, "Waarde van B")
    assert refused.value.version == opened + 1
    assert case.read(refused.value.current) == "Waarde van A"
    assert case.read(case.load(world)) == "Waarde van A"

    # Based on the version now stored it works; without a version (a change not made in a form) it is not checked.
    case.save(world, case.load(world), {"version": opened + 1}, "Waarde van B")
    case.save(world, case.load(world), {}, "Waarde van C")
    stored = case.load(world)
    assert case.read(stored) == "Waarde van C" and stored.version == opened + 3


def test_an_edit_form_opened_before_a_renewal_does_not_undo_the_new_term(client, world):
    """Renewing writes the term end the edit form also holds: the form's later save is refused, not a rollback."""
    membership = world.client_membership
    url = reverse("members:edit", kwargs={**_body(world), "pk": membership.pk})
    client.force_login(world.user("secretary"))
    opened = form_data(client.get(url))
    member_services.membership_renew(membership=Membership.objects.get(pk=membership.pk), by=world.user("admin"))
    renewed = Membership.objects.get(pk=membership.pk).term_end
    response = client.post(url, {**opened, "contact_phone": "0644444444"})
    assert response.status_code == 200 and "Iemand anders heeft dit net opgeslagen" in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).term_end == renewed
