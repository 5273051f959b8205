"""Bad input gets a clear Dutch message next to the field, the input is kept, and never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.recruitment.forms import ApplicationForm, DrawForm, PaperApplicationForm, StatusForm, VacancyForm
from inspraak.recruitment.models import Application
from inspraak.recruitment.selectors import region_municipalities, vacancy_overview
from tests.recruitment.data import new_vacancy, recruitment

pytestmark = pytest.mark.django_db


def _data(world, **changes):
    data = {
        "name": "Noor Nieuw",
        "contact_email": "",
        "contact_phone": "0612345678",
        "contact_address": "",
        "municipality": world.municipality.pk,
        "situation": "vroeger",
        "motivation": "Ik wil dat brieven duidelijker worden.",
        "consent_processing": "on",
    }
    data.update(changes)
    return data


def _form(world, cls=ApplicationForm, **changes):
    return cls(_data(world, **changes), municipalities=region_municipalities(world.region))


def test_a_good_application(world):
    form = _form(world)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["municipality"] == world.municipality
    assert form.cleaned_data["consent_named_to_members"] is False


def test_one_contact_route_is_needed(world):
    form = _form(world, contact_phone="  ")
    assert not form.is_valid()
    assert form.errors["contact_email"] == [
        "Vul minstens één manier in waarop we u kunnen bereiken: e-mail, telefoon of postadres."
    ]
    for route in ({"contact_email": "a@example.org"}, {"contact_address": "Dorpsstraat 1"}):
        assert _form(world, contact_phone="", **route).is_valid()


def test_a_bad_email_gets_its_own_message(world):
    form = _form(world, contact_email="geen-email", contact_phone="")
    assert not form.is_valid()
    assert form.errors["contact_email"] == ["Vul een e-mailadres in zoals naam@voorbeeld.nl."]


def test_motivation_is_counted_on_the_server(world):
    assert _form(world, motivation="x" * 2000).is_valid()
    # Browsers send a line break as two characters; it counts as one.
    assert _form(world, motivation="regel\r\n" * 285 + "x" * 5).is_valid()
    form = _form(world, motivation="x" * 2150)
    assert not form.is_valid()
    assert form.errors["motivation"] == [
        "De tekst is 2.150 tekens. Dat is te lang: hoogstens 2.000. Maak de tekst 150 tekens korter."
    ]


def test_municipality_of_another_region_is_refused(world):
    form = _form(world, municipality=world.other_municipality.pk)
    assert not form.is_valid()
    assert form.errors["municipality"][0].startswith("Kies een gemeente uit de lijst. Woont u in een andere gemeente?")
    assert not _form(world, municipality="niet-een-nummer").is_valid()


def test_consent_is_required_and_the_rest_is_explained(world):
    form = _form(world, consent_processing="", situation="", name="", motivation="")
    assert not form.is_valid()
    assert form.errors["consent_processing"] == [
        "Zet een vinkje als u toestemming geeft. Zonder toestemming kunnen wij uw aanmelding niet lezen."
    ]
    assert form.errors["situation"] == ["Kies het antwoord dat het best bij u past."]
    assert form.errors["name"] == ["Vul uw naam in."]
    assert form.errors["motivation"] == ["Schrijf in een paar zinnen waarom u mee wilt doen."]


def test_paper_form_speaks_about_the_person(world):
    form = _form(world, PaperApplicationForm, contact_phone="", consent_processing="")
    assert not form.is_valid()
    assert form.errors["contact_email"] == [
        "Vul minstens één manier in om deze persoon te bereiken: e-mail, telefoon of postadres."
    ]
    assert form.errors["consent_processing"] == [
        "Voer de aanmelding alleen in als de persoon toestemming heeft gegeven."
    ]
    assert _form(world, PaperApplicationForm, municipality=world.other_municipality.pk).errors["municipality"] == [
        "Kies een gemeente uit de lijst: alleen gemeenten van deze regio."
    ]


def test_public_form_with_bad_input_keeps_the_input(client, world):
    vacancy = new_vacancy(world)
    url = reverse("recruitment:vacancy_public", kwargs={"region": world.region.slug, "pk": vacancy.pk})
    response = client.post(url, _data(world, contact_phone="", motivation="Mijn verhaal " + "x" * 2100))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Noor Nieuw" in html and "Mijn verhaal" in html
    assert "Vul minstens één manier in" in html and "Maak de tekst" in html
    assert 'aria-invalid="true"' in html and "utrecht-form-field-error-message" in html
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "garbage",
    [
        {"municipality": "999999"},
        {"situation": "baas"},
        {"consent_processing": "ja", "name": "x" * 500},
        {"contact_email": "@@"},
    ],
)
def test_public_form_never_gives_a_500(client, world, garbage):
    vacancy = new_vacancy(world)
    url = reverse("recruitment:vacancy_public", kwargs={"region": world.region.slug, "pk": vacancy.pk})
    response = client.post(url, _data(world, **garbage))
    assert response.status_code in (200, 302)


def test_vacancy_form_checks_seats_and_dates(world):
    municipalities = list(region_municipalities(world.region))
    data = {
        "title": "Vacature",
        "about_body": "Wat",
        "what_we_ask": "Tijd",
        "meetings_per_year": "vier",
        "what_you_get": "Geld",
        "closes_on": "2000-01-01",
        "status": "open",
        **{f"plaatsen_{m.pk}": 0 for m in municipalities},
    }
    form = VacancyForm(data, body=world.body, municipalities=municipalities, seats={})
    assert not form.is_valid()
    assert form.errors["meetings_per_year"] == ["Vul een heel getal in, bijvoorbeeld 4."]
    assert form.errors["closes_on"] == ["Deze datum is al voorbij. Kies een dag vanaf vandaag."]
    assert form.errors[f"plaatsen_{municipalities[0].pk}"] == ["Zoek minstens 1 persoon in een gemeente."]
    data[f"plaatsen_{municipalities[1].pk}"] = -1
    assert VacancyForm(data, body=world.body, municipalities=municipalities, seats={}).errors[
        f"plaatsen_{municipalities[1].pk}"
    ] == ["Het aantal kan niet kleiner zijn dan 0."]


def test_status_form_needs_a_reason_for_not_chosen(world):
    application = recruitment(world).received
    form = StatusForm({"status": "niet_gekozen", "reason": " "}, application=application)
    assert not form.is_valid()
    assert form.errors["reason"] == ["Schrijf op waarom deze persoon niet gekozen is."]
    assert StatusForm({"status": "gesprek"}, application=application).is_valid()


def test_draw_form_refuses_when_everyone_fits(world):
    data = recruitment(world)
    lines = vacancy_overview(data.vacancy, with_applicants=False)["seat_lines"]
    form = DrawForm({"municipality": world.municipality_2.pk, "seats": 2}, lines=lines)
    assert not form.is_valid()
    assert form.errors["seats"][0].startswith("Er zijn 2 geschikte mensen voor 2 plaatsen.")
    form = DrawForm({"municipality": world.other_municipality.pk, "seats": 1}, lines=lines)
    assert form.errors["municipality"] == ["Kies een gemeente uit de lijst."]
