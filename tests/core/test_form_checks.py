"""Checks every form gets from the base form: dates within a sensible range, and no invisible characters that
change the direction of text in one-line texts such as names and titles."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.forms import PersonForm
from inspraak.core.forms import Form, latest_date
from inspraak.recruitment.forms import VacancyForm
from inspraak.regions.forms import MunicipalityForm

RANGE = "Kies een datum tussen 1-1-2000 en "
BIDI = "Deze tekens mogen niet: onzichtbare tekens die de richting van tekst veranderen. Typ de tekst opnieuw."


class SampleForm(Form):
    name = forms.CharField(max_length=100, required=False)
    story = forms.CharField(widget=forms.Textarea, required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    day = forms.DateField(required=False)
    moment = forms.DateTimeField(required=False)


def _errors(**data) -> dict:
    form = SampleForm(data)
    form.is_valid()
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1999-12-31"])
def test_a_date_far_away_is_refused_with_a_clear_message(value):
    errors = _errors(day=value, moment=f"{value} 10:00")
    assert errors["day"][0].startswith(RANGE) and errors["moment"][0].startswith(RANGE)


def test_dates_from_2000_until_ten_years_ahead_are_fine():
    today = timezone.localdate()
    for day in (datetime.date(2000, 1, 1), today, latest_date(today)):
        assert _errors(day=day.isoformat()) == {}
    assert "day" in _errors(day=(latest_date(today) + datetime.timedelta(days=1)).isoformat())


def test_the_range_handles_29_february():
    assert latest_date(datetime.date(2028, 2, 29)) == datetime.date(2038, 2, 28)


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_direction_controls_are_refused_in_one_line_texts(char):
    assert _errors(name=f"Kees{char}Jansen")["name"] == [BIDI]


def test_direction_controls_stay_allowed_in_longer_texts_and_passwords():
    # A story may quote Arabic or Hebrew; a password is never shown.
    assert _errors(story="Hij zei: \u2067مرحبا\u2069.", secret="geheim\u202ewoord") == {}


@pytest.mark.django_db
def test_a_name_with_a_right_to_left_override_is_refused_on_the_person_form():
    form = PersonForm({"name": "Jan\u202enesnaJ", "email": "jan@example.org"})
    assert not form.is_valid() and form.errors["name"] == [BIDI]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01"])
def test_the_municipality_count_date_is_in_range(world, value):
    data = {"name": "Nieuwdorp", "cbs_code": "GM9009", "client_group_size": "1500", "client_group_date": value}
    form = MunicipalityForm(data, region=world.region)
    assert not form.is_valid() and form.errors["client_group_date"][0].startswith(RANGE)


@pytest.mark.django_db
def test_a_vacancy_title_with_a_direction_control_and_a_closing_date_far_away_are_refused(world):
    data = {
        "title": "Wij zoeken \u202eleden",
        "about_body": "Over de groep.",
        "what_we_ask": "Vier keer per jaar.",
        "meetings_per_year": "4",
        "what_you_get": "Een vergoeding.",
        "closes_on": "9999-12-31",
        "status": "open",
        f"plaatsen_{world.municipality.pk}": "1",
    }
    form = VacancyForm(data, body=world.municipal_body, municipalities=[world.municipality], seats={})
    assert not form.is_valid()
    assert form.errors["title"] == [BIDI]
    assert form.errors["closes_on"][0].startswith(RANGE)


@pytest.mark.django_db
def test_the_message_stands_next_to_the_field_and_the_input_is_kept(client, world):
    client.force_login(world.user("admin"))
    url = reverse("regions:municipality_new", kwargs={"region": world.region.slug})
    data = {"name": "Nieuwdorp", "cbs_code": "GM9009", "client_group_size": "1500", "client_group_date": "9999-12-31"}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_client_group_date_error">{RANGE}' in html
    assert 'value="Nieuwdorp"' in html
