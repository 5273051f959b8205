"""Forms of the annual report: start a year, and write the foreword and closing. No queries: the years are passed in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.annualreports.models import TEXT_MAX
from inspraak.core.forms import Form, VersionedFormMixin


def _too_long():
    return _("Dit is te lang: hoogstens %(limit_value)d tekens.")


class StartForm(Form):
    """Start the report of one year; ``years``: the years that have no report yet (newest first)."""

    year = forms.TypedChoiceField(
        label=_("Jaar"),
        coerce=int,
        error_messages={
            "required": _("Kies een jaar."),
            "invalid_choice": _("Kies een jaar uit de lijst. Voor dat jaar kan geen jaarverslag worden gemaakt."),
        },
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        if years:
            self.fields["year"].initial = years[0]


class TextsForm(VersionedFormMixin, Form):
    foreword = forms.CharField(
        label=_("Voorwoord"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Staat bovenaan het jaarverslag. Schrijf kort en in gewone woorden. Een witregel begint een nieuwe "
            "alinea. Noem geen namen van cliënten."
        ),
        error_messages={"max_length": _too_long()},
    )
    closing = forms.CharField(
        label=_("Slot"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Staat onderaan het jaarverslag: bijvoorbeeld wat de groep volgend jaar wil doen."),
        error_messages={"max_length": _too_long()},
    )
