"""Forms for the support scheme and the legal caps. Amounts are typed the Dutch way ("35,50"; "€ 35" and
"2.100" work too); every check gives a clear Dutch message next to the field."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import AmountField, Form, ModelForm, VersionedFormMixin, required_when
from inspraak.support import rules
from inspraak.support.models import AllowanceMode, SupportScheme, VolunteerCap


class MoneyField(AmountField):
    """An amount in euros of a scheme or a cap (at least 0, at most 9,999,999.99), typed the Dutch way."""

    default_error_messages = {
        "invalid": _("Vul een bedrag in, bijvoorbeeld 35,50."),
        "min_value": _("Het bedrag kan niet minder dan 0 zijn."),
        "max_value": _("Dit bedrag is te groot."),
        "decimals": _("Gebruik hoogstens 2 cijfers achter de komma, bijvoorbeeld 0,23."),
        "required": _("Vul het bedrag in."),
    }

    def __init__(self, *, max_value=Decimal("9999999.99"), **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(places=2, min_value=0, max_value=max_value, **kwargs)


ERRORS = {
    "amount_per_meeting": _("Vul het bedrag per bijeenkomst in. Of kies een andere vergoeding."),
    "amount_per_month": _("Vul het bedrag per maand in. Of kies een andere vergoeding."),
    "month_above_year": _("Het maximum per maand kan niet hoger zijn dan het maximum per jaar."),
}


class SchemeForm(VersionedFormMixin, ModelForm):
    allowance_mode = forms.ChoiceField(
        label=_("Vrijwilligersvergoeding"),
        choices=AllowanceMode.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe leden een vergoeding krijgen."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )
    amount_per_meeting = required_when(
        MoneyField(label=_("Bedrag per bijeenkomst"), help_text=_("Voor elke bijeenkomst waar het lid was.")),
        _("bij een bedrag per bijeenkomst"),
    )
    amount_per_meeting_chair = MoneyField(
        label=_("Ander bedrag voor de voorzitter"),
        help_text=_("Leeg: de voorzitter krijgt hetzelfde bedrag als de andere leden."),
    )
    amount_per_month = required_when(
        MoneyField(label=_("Bedrag per maand"), help_text=_("Voor elke maand dat iemand lid is.")),
        _("bij een vast bedrag per maand"),
    )
    travel_public_transport = forms.BooleanField(
        label=_("Reiskosten met het openbaar vervoer: wat het kostte"), required=False
    )
    travel_km_rate = MoneyField(
        label=_("Vergoeding per kilometer (auto, fiets)"),
        max_value=Decimal("999.99"),
        help_text=_("Bijvoorbeeld 0,23. Leeg: geen vergoeding per kilometer."),
    )
    childcare = forms.BooleanField(label=_("Kinderopvang: wat het kostte"), required=False)
    childcare_max = MoneyField(
        label=_("Kinderopvang: hoogstens per keer"),
        help_text=_("Per bijeenkomst of training. Leeg: geen maximum."),
    )
    other_costs = forms.BooleanField(label=_("Andere kosten, als die vooraf zijn goedgekeurd"), required=False)
    training_offered = forms.CharField(
        label=_("Trainingen die we aanbieden"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In gewone woorden. Leden lezen dit op de pagina 'Wat krijgt u?'."),
        error_messages={"max_length": _("Maak het korter: hoogstens %(limit_value)d tekens.")},
    )

    class Meta:
        model = SupportScheme
        fields = [
            "allowance_mode",
            "amount_per_meeting",
            "amount_per_meeting_chair",
            "amount_per_month",
            "travel_public_transport",
            "travel_km_rate",
            "childcare",
            "childcare_max",
            "other_costs",
            "training_offered",
        ]

    def _post_clean(self):
        """The service validates and saves; the form does not touch the instance (it may be a new, unsaved one)."""

    def clean(self):
        data = super().clean()
        for name, code in rules.scheme_problems(
            allowance_mode=data.get("allowance_mode", ""),
            amount_per_meeting=data.get("amount_per_meeting"),
            amount_per_month=data.get("amount_per_month"),
        ).items():
            if name not in self.errors:
                self.add_error(name, ERRORS[code])
        return data


class CapForm(VersionedFormMixin, Form):
    year = forms.IntegerField(
        label=_("Jaar"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Vul het jaar in."),
            "invalid": _("Vul een jaartal in, bijvoorbeeld 2026."),
            "min_value": _("Vul een jaartal in, bijvoorbeeld 2026."),
            "max_value": _("Vul een jaartal in, bijvoorbeeld 2026."),
        },
    )
    month_max = MoneyField(label=_("Hoogstens per maand"), required=True, help_text=_("Bijvoorbeeld 210,00."))
    year_max = MoneyField(label=_("Hoogstens per jaar"), required=True, help_text=_("Bijvoorbeeld 2.100,00."))
    source = forms.CharField(
        label=_("Bron"),
        max_length=300,
        required=False,
        help_text=_("Waar staat dit bedrag? Bijvoorbeeld: Staatscourant, regeling van de minister."),
        error_messages={"max_length": _("Maak het korter: hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, fixed_year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_year = fixed_year
        if fixed_year is not None:
            del self.fields["year"]
        else:
            self.fields["year"].widget.attrs["inputmode"] = "numeric"
        self.fields["month_max"].error_messages["required"] = _("Vul het maximum per maand in.")
        self.fields["year_max"].error_messages["required"] = _("Vul het maximum per jaar in.")

    def clean(self):
        data = super().clean()
        if self.fixed_year is not None:
            data["year"] = self.fixed_year
        for name, code in rules.cap_problems(month_max=data.get("month_max"), year_max=data.get("year_max")).items():
            if name not in self.errors:
                self.add_error(name, ERRORS[code])
        return data


def cap_initial(cap: VolunteerCap) -> dict:
    return {"month_max": cap.month_max, "year_max": cap.year_max, "source": cap.source}
