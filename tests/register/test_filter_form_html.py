"""The register's filter form writes its selects in Python (forms.QuickSelect): the same HTML as Django's own."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django import forms
from django.http import QueryDict

from inspraak.register.forms import QuickSelect, RegisterFilterForm

PLACES = {
    "municipalities": [SimpleNamespace(slug="zee-dorp", name='Zee & "Dorp" <1>')],
    "bodies": [SimpleNamespace(slug="raad", name="Raad <b>"), SimpleNamespace(slug="panel", name="Panel's")],
}


@pytest.mark.parametrize(
    "query", ["", "gemeente=zee-dorp&jaar=2025", "gemeente=hele-regio&orgaan=raad&soort=gevraagd", "jaar=<x>&orgaan=?"]
)
def test_every_select_is_the_html_djangos_select_writes(query):
    form = RegisterFilterForm(QueryDict(query) or None, **PLACES)
    form.is_valid()
    for field in form:
        quick = field.field.widget
        assert isinstance(quick, QuickSelect)
        written = field.as_widget()
        field.field.widget = forms.Select(attrs=quick.attrs, choices=quick.choices)
        assert written == field.as_widget(), field.name
        field.field.widget = quick


def test_the_selects_keep_the_select_classes_and_escape_the_names():
    html = str(RegisterFilterForm(None, **PLACES)["gemeente"])
    assert 'class="utrecht-select utrecht-select--html-select"' in html
    assert "Zee &amp; &quot;Dorp&quot; &lt;1&gt;" in html and "<1>" not in html
