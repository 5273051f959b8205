"""The form renderer draws Django's widget templates in Python (core.form_renderer): the same characters as the
templates, for every widget kind, value and attribute we can think of."""

import datetime
import decimal

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from inspraak.core.form_renderer import FormRenderer

GROUPED = [
    ("Noord", [("1", "Groningen"), ("2", 'Friesland & "Drenthe"')]),
    ("", [("3", "Zonder groep")]),
    ("4", "Losse keuze <b>"),
]


class EveryWidget(forms.Form):
    text = forms.CharField(label="Tekst", help_text="Uitleg", widget=forms.TextInput(attrs={"autocomplete": "off"}))
    email = forms.EmailField(required=False)
    number = forms.IntegerField(min_value=0)
    amount = forms.DecimalField(localize=True, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(required=False)
    at = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "data-x": mark_safe("a&b")}))
    phone = forms.CharField(widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "hidden": False}))
    url = forms.URLField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput)
    colour = forms.CharField(widget=forms.TextInput(attrs={"type": "color"}), required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    agree = forms.BooleanField(required=False)
    choice = forms.ChoiceField(choices=[("", "Kies"), ("a", gettext_lazy("Alle voorstellen")), (3, 3)])
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    several = forms.MultipleChoiceField(choices=GROUPED, required=False)
    radio = forms.ChoiceField(choices=[("ja", "Ja"), ("nee", "Nee <i>")], widget=forms.RadioSelect)
    grouped_radio = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(choices=GROUPED, widget=forms.CheckboxSelectMultiple, required=False)
    upload = forms.FileField(required=False)
    disabled = forms.CharField(disabled=True, initial="vast")
    year = forms.TypedChoiceField(choices=[(2025, 2025), (2026, 2026)], coerce=int)


VALUES = {
    "text": "<script>alert('x')</script> & \"quotes\"",
    "email": "a@b.nl",
    "number": "12",
    "amount": "1234.5",
    "day": "2026-12-03",
    "moment": "2026-12-03 10:00",
    "at": "09:30",
    "password": "geheim&",
    "search": "x",
    "phone": "0612345678",
    "url": "https://example.org/?a=1&b=2",
    "hidden": "verborgen",
    "note": "regel 1\n<regel 2>",
    "agree": "on",
    "choice": "a",
    "grouped": "2",
    "several": ["1", "4"],
    "radio": "nee",
    "grouped_radio": "3",
    "boxes": ["2", "3"],
    "year": "2026",
}


def _both(form_class, **kwargs):
    ours = form_class(renderer=FormRenderer(), **kwargs)
    django_own = form_class(renderer=TemplatesSetting(), **kwargs)
    return ours, django_own


@pytest.mark.parametrize("bound", [False, True], ids=["empty", "filled"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_widget_gives_the_same_characters_as_djangos_templates(bound, language):
    kwargs = (
        {"data": VALUES} if bound else {"initial": {"day": datetime.date(2026, 1, 2), "amount": decimal.Decimal("3.5")}}
    )
    with override(language):
        ours, django_own = _both(EveryWidget, **kwargs)
        for name in EveryWidget.base_fields:
            assert str(ours[name]) == str(django_own[name]), name
            for ours_option, own_option in zip(ours[name], django_own[name], strict=True):
                assert ours_option.tag() == own_option.tag(), name
        assert ours.as_div() == django_own.as_div()


def test_the_python_versions_are_used_for_djangos_own_templates(monkeypatch):
    renderer = FormRenderer()
    assert "django/forms/widgets/select.html" in renderer._python
    called = []
    monkeypatch.setattr(TemplatesSetting, "render", lambda *a, **k: called.append(a[1]) or "")
    str(EveryWidget(renderer=renderer)["choice"])
    assert called == []


def test_an_overridden_widget_template_is_left_to_the_engine(monkeypatch, settings, tmp_path):
    override_dir = tmp_path / "django" / "forms" / "widgets"
    override_dir.mkdir(parents=True)
    (override_dir / "select_option.html").write_text(
        '<option class="own" value="{{ widget.value }}">{{ widget.label }}</option>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    renderer = FormRenderer()
    assert "django/forms/widgets/select_option.html" not in renderer._python
    html = str(EveryWidget(renderer=renderer)["choice"])
    assert '<option class="own" value="a">Alle voorstellen</option>' in html
    assert html == str(EveryWidget(renderer=TemplatesSetting())["choice"])
