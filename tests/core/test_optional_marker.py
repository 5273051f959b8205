"""The "(niet verplicht)" marker: only on fields that really are optional (B16)."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from inspraak.advice.forms import ResponseForm
from inspraak.agenda.forms import DocumentForm
from inspraak.core.forms import Form
from inspraak.register.forms import RegisterFilterForm
from inspraak.topics.forms import HandleForm

pytestmark = pytest.mark.django_db


class _Rec:
    pk = 7
    number = 1
    text = "Schrijf korter"


def _label(form, name) -> str:
    html = render_to_string("includes/field.html", {"field": form[name]})
    return html.split("</legend>")[0] if "<legend" in html else html.split("</label>")[0]


def _forms():
    from inspraak.meetings.models import Meeting
    from inspraak.regions.models import Body

    class _Topic:
        status = "ingediend"

    handle = HandleForm(topic=_Topic(), meetings=Meeting.objects.none(), targets=Body.objects.none())
    return {
        "Bijeenkomst": (handle, "meeting"),
        "Doorsturen naar": (handle, "to_body"),
        "Antwoord voor het lid": (handle, "answer"),
        "Korte samenvatting": (DocumentForm(), "summary"),
        "Reden bij aanbeveling": (ResponseForm(recommendations=[_Rec()]), "reason_7"),
    }


@pytest.mark.parametrize(
    "name", ["Bijeenkomst", "Doorsturen naar", "Antwoord voor het lid", "Korte samenvatting", "Reden bij aanbeveling"]
)
def test_a_conditionally_required_field_says_when_it_is_required_instead_of_optional(name):
    form, field = _forms()[name]
    label = _label(form, field)
    assert "niet verplicht" not in label
    assert "(verplicht " in label


def test_the_register_filters_carry_no_optional_marker():
    form = RegisterFilterForm(municipalities=[], bodies=[])
    for name in form.fields:
        assert "niet verplicht" not in _label(form, name)


def test_a_truly_optional_field_still_says_so():
    from django import forms

    class F(Form):
        note = forms.CharField(label="Opmerking", required=False)

    assert "(niet verplicht)" in _label(F(), "note")


def test_the_place_of_a_meeting_and_the_gr_explanation_say_when_they_are_required():
    from inspraak.meetings.forms import MeetingForm
    from inspraak.records.forms import ReactionForm

    for form, field in ((MeetingForm(), "place_name"), (ReactionForm(), "reaction_text")):
        label = _label(form, field)
        assert "niet verplicht" not in label
        assert "(verplicht " in label
