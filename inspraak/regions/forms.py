"""Forms for the beheerder's screens. Every check gives a clear Dutch message next to the field."""

from __future__ import annotations

import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import ModelForm, VersionedFormMixin
from inspraak.regions.models import Body, BodyRules, Municipality, Region, cbs_code_validator

RULE_HELP = {
    "min_meetings_per_year": _("Hoe vaak komt de groep minstens bij elkaar?"),
    "min_clients": _("Hoeveel leden zijn minstens zelf cliënt?"),
    "balanced_over_municipalities": _("Alleen voor een groep van de hele regio: leden uit alle gemeenten."),
    "documents_days_before": _("Hoeveel dagen voor de bijeenkomst krijgen de leden de stukken?"),
    "advice_period_weeks": _("Hoeveel weken heeft de groep om advies te geven?"),
    "response_period_weeks": _("Binnen hoeveel weken reageert het college op een advies?"),
    "min_seats_per_municipality": _(
        "Voor een groep van de hele regio: hoeveel zetels voor cliënten krijgt elke gemeente minstens?"
    ),
    "experienced_count_as_clients": _("Iemand die vroeger cliënt was, telt dan mee als cliënt."),
    "term_years": _("Hoeveel jaar duurt één termijn van een lid?"),
    "max_terms": _("Hoe vaak mag iemand lid zijn? 2 betekent: één keer verlengen."),
    "term_reminder_months": _("Hoeveel maanden voor het einde van een termijn krijgt de secretaris bericht?"),
}


REGION_HAS_NO_MUNICIPALITY = _(
    "Een groep voor de hele regio hoort niet bij één gemeente. Maak dit veld leeg, of kies: één gemeente."
)


class RegionCreateForm(ModelForm):
    class Meta:
        model = Region
        fields = ["name", "description"]
        help_texts = {"name": _("Bijvoorbeeld: Werkplein Noordkust. De link naar de regio maken we van deze naam.")}


class RegionForm(VersionedFormMixin, ModelForm):
    """Name, description and the default rules that new bodies of the region start with.

    ``municipality_count``: how many municipalities the region has (selectors.municipality_count), for the check
    that every municipality can get its minimum of seats."""

    def __init__(self, *args, municipality_count: int, **kwargs):
        self.municipality_count = municipality_count
        super().__init__(*args, **kwargs)

    class Meta:
        model = Region
        fields = ["name", "description", "feedback_email", *BodyRules.RULE_FIELDS]
        help_texts = RULE_HELP
        error_messages = {
            "feedback_email": {"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld beleid@gr.nl.")},
        }

    def clean(self):
        data = super().clean()
        if data.get("balanced_over_municipalities") and self.instance.pk:
            _check_seats(self, data, self.municipality_count)
        return data


class MunicipalityForm(VersionedFormMixin, ModelForm):
    """A municipality of ``region``. Whether its CBS code is already used in the region is checked by the service
    (services.municipality_create / municipality_update), which the view shows next to the field."""

    def __init__(self, *args, region: Region, **kwargs):
        self.region = region
        super().__init__(*args, **kwargs)
        code = self.fields["cbs_code"]
        # Allow a little slack ("gm 0363"): spaces are removed in clean_cbs_code, the model checks the format.
        code.max_length = 12
        code.validators = [v for v in code.validators if not isinstance(v, MaxLengthValidator)]
        code.widget.attrs.update(
            {"maxlength": "12", "autocapitalize": "characters", "spellcheck": "false", "autocomplete": "off"}
        )
        code.help_text = _("GM en vier cijfers, bijvoorbeeld GM0363. U vindt de code bij het CBS.")
        self.fields["client_group_size"].help_text = _(
            "Het aantal personen in de doelgroep (artikel 7 lid 1 en 7a Participatiewet). Vul ook de peildatum in."
        )
        self.fields["client_group_date"].widget = forms.DateInput(
            attrs={"type": "date", "class": self.fields["client_group_date"].widget.attrs.get("class", "")},
            format="%Y-%m-%d",
        )
        self.fields["client_group_date"].help_text = _("De dag waarop het aantal is geteld.")

    class Meta:
        model = Municipality
        fields = ["name", "cbs_code", "client_group_size", "client_group_date"]
        error_messages = {"client_group_size": {"invalid": _("Vul een heel getal in, bijvoorbeeld 1500.")}}

    def clean_cbs_code(self):
        code = re.sub(r"\s+", "", self.cleaned_data["cbs_code"]).upper()
        if code.isdigit() and len(code) == 4:
            code = f"GM{code}"
        cbs_code_validator(code)  # one clear message; the model's length check then does not run as well
        return code

    def clean(self):
        data = super().clean()
        size, date = data.get("client_group_size"), data.get("client_group_date")
        if size is not None and not date and "client_group_date" not in self.errors:
            self.add_error("client_group_date", _("Vul ook de peildatum in: op welke dag is geteld?"))
        if date and size is None and "client_group_size" not in self.errors:
            self.add_error("client_group_size", _("Vul ook het aantal in, of maak de peildatum leeg."))
        return data

    def _post_clean(self):
        self.instance.region = self.region
        super()._post_clean()


class BodyForm(VersionedFormMixin, ModelForm):
    """A body of ``region``. ``municipalities``: the region's municipalities to choose from
    (selectors.municipality_choices); ``municipality_count``: how many there are (selectors.municipality_count)."""

    def __init__(self, *args, region: Region, municipalities, municipality_count: int, **kwargs):
        self.region = region
        self.municipality_count = municipality_count
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Body.Kind.choices
        municipality = self.fields["municipality"]
        municipality.queryset = municipalities
        municipality.required = False
        municipality.label = _("Gemeente")
        municipality.help_text = _("Alleen invullen als de groep voor één gemeente werkt.")
        municipality.empty_label = _("— geen: de groep werkt voor de hele regio —")
        municipality.error_messages["invalid_choice"] = _("Kies een gemeente uit de lijst.")
        self.fields["covers_participatiewet"].help_text = _("Kies minstens één wet waarover de groep adviseert.")
        self.fields["contact_phone"].widget.input_type = "tel"
        for name, text in RULE_HELP.items():
            self.fields[name].help_text = text
        if not self.instance.pk:
            for name, value in region.rule_values().items():
                self.initial.setdefault(name, value)

    class Meta:
        model = Body
        fields = Body.EDITABLE_FIELDS
        widgets = {"level": forms.RadioSelect, "topic_scope": forms.RadioSelect, "kind": forms.RadioSelect}
        error_messages = {"contact_email": {"invalid": _("Vul een e-mailadres in zoals naam@gemeente.nl.")}}

    def clean(self):
        data = super().clean()
        level, municipality = data.get("level"), data.get("municipality")
        if "municipality" not in self.errors:
            if level == Body.Level.MUNICIPALITY and not municipality:
                self.add_error("municipality", _("Kies de gemeente waarvoor deze groep werkt."))
            elif level == Body.Level.REGION and municipality:
                self.add_error("municipality", REGION_HAS_NO_MUNICIPALITY)
        if not (data.get("covers_participatiewet") or data.get("covers_wmo") or data.get("covers_jeugdwet")):
            self.add_error("covers_participatiewet", _("Kies minstens één wet waarover de groep adviseert."))
        if level == Body.Level.REGION and data.get("balanced_over_municipalities"):
            _check_seats(self, data, self.municipality_count)
        return data


def _check_seats(form, data: dict, municipalities: int) -> None:
    """An allocation needs at least (number of municipalities x minimum) client seats."""
    seats, minimum = data.get("min_clients"), data.get("min_seats_per_municipality")
    if seats is None or minimum is None or "min_seats_per_municipality" in form.errors:
        return
    if municipalities * minimum > seats:
        form.add_error(
            "min_seats_per_municipality",
            _(
                "%(k)s gemeenten met elk minimaal %(m)s zetels hebben samen %(need)s zetels nodig, maar de groep heeft "
                "%(seats)s zetels voor cliënten. Verlaag dit minimum of verhoog het minimaal aantal cliënten."
            )
            % {"k": municipalities, "m": minimum, "need": municipalities * minimum, "seats": seats},
        )
