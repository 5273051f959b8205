"""The filters of the public advice register (a GET form that works without JavaScript; also used by CSV and JSON)."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from inspraak.advice.models import AdviceKind
from inspraak.core.forms import Form, no_optional_marker
from inspraak.register import selectors

FIRST_YEAR = 2015  # the Participatiewet (and its art. 47 a) came into force on 1 January 2015

# Query parameter names (Dutch, as in the URL) → field names
PARAMS = ("gemeente", "orgaan", "jaar", "soort", "reactie")


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html."""
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{conditional_escape(f"{value}")}"')
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """A ``<select>`` written in Python, the same HTML as Django's select.html and select_option.html: the filter's
    choices (every municipality and body of the region, the years) would cost two template includes each."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                value_text = conditional_escape(f"{option['value']}")
                label = conditional_escape(option["label"])
                html.append(f'\n  <option value="{value_text}"{_attrs(option["attrs"])}>{label}</option>\n')
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 (every value escaped)


def _choice(label, message) -> forms.ChoiceField:
    return no_optional_marker(
        forms.ChoiceField(label=label, required=False, error_messages={"invalid_choice": message})
    )


class RegisterFilterForm(Form):
    gemeente = _choice(_("Gemeente"), _("Kies een gemeente uit de lijst."))
    orgaan = _choice(_("Groep"), _("Kies een groep uit de lijst."))
    jaar = _choice(_("Jaar"), _("Kies een jaar uit de lijst."))
    soort = _choice(_("Gevraagd of ongevraagd"), _("Kies gevraagd of ongevraagd advies."))
    reactie = _choice(_("Reactie"), _("Kies een van de mogelijkheden voor de reactie."))

    def __init__(self, data=None, *, municipalities, bodies, today: datetime.date | None = None):
        # Only the filter parameters make the form bound: ?pagina=2 alone is not a filter.
        if data is not None and not any(data.get(name) for name in PARAMS):
            data = None
        super().__init__(data)
        for field in self.fields.values():  # the select's classes given (core.forms), written by QuickSelect
            field.widget = QuickSelect(attrs=field.widget.attrs)
        today = today or timezone.localdate()
        self._municipalities = {m.slug: m for m in municipalities}
        self._bodies = {b.slug: b for b in bodies}
        fields = self.fields
        fields["gemeente"].choices = [
            ("", _("Alle gemeenten")),
            (selectors.GR, _("Voor de hele regio")),
            *((m.slug, m.name) for m in municipalities),
        ]
        fields["orgaan"].choices = [("", _("Alle groepen")), *((b.slug, b.name) for b in bodies)]
        fields["jaar"].choices = [("", _("Alle jaren"))] + [
            (str(year), str(year)) for year in range(today.year, FIRST_YEAR - 1, -1)
        ]
        fields["soort"].choices = [("", _("Allebei")), *AdviceKind.choices]
        fields["reactie"].choices = [("", _("Alles"))] + [
            (code, selectors.response_state_label(code)) for code in selectors.RESPONSE_STATES
        ]

    def filters(self) -> selectors.Filters:
        """The valid filters; a field with a wrong value filters nothing (its message is shown next to it)."""
        if not self.is_bound:
            return selectors.Filters()
        self.is_valid()
        data = self.cleaned_data
        place = data.get("gemeente") or ""
        year = data.get("jaar") or ""
        return selectors.Filters(
            municipality=self._municipalities.get(place) if place != selectors.GR else None,
            gr_only=place == selectors.GR,
            body=self._bodies.get(data.get("orgaan") or ""),
            year=int(year) if year else None,
            kind=data.get("soort") or "",
            response=data.get("reactie") or "",
        )

    def query(self) -> str:
        """The valid filters as a query string (for the CSV and JSON links), without the page number."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return urlencode([(name, self.cleaned_data[name]) for name in PARAMS if self.cleaned_data.get(name)])
