"""Forms for money to members; no queries (choices are passed in)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import AmountField, Form

FUTURE_PAYMENT = _("Deze dag is nog niet geweest. Vul de dag in waarop het geld is overgemaakt.")


def money_field(label, *, required: bool = True, min_value: str = "0", help_text="") -> AmountField:
    """An amount in euros; "35,50", "35.50" and "1.000,00" are accepted."""
    return AmountField(
        label=label,
        required=required,
        min_value=Decimal(min_value),
        max_value=Decimal("9999999.99"),
        help_text=help_text,
        invalid=_("Vul een bedrag in, bijvoorbeeld 35,50."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )


class ApproveForm(Form):
    """Approve one member's allowance for the month (on the month page, one per member)."""

    member = forms.IntegerField(widget=forms.HiddenInput)
    amount = money_field(_("Bedrag"), min_value="0.01")
    accept_warning = forms.BooleanField(label=_("Ik heb de waarschuwing gelezen. Toch goedkeuren."), required=False)

    def __init__(self, *args, row=None, **kwargs):
        prefix = f"m{row.user.pk}" if row is not None else kwargs.pop("prefix", None)
        super().__init__(*args, prefix=prefix, **kwargs)
        if row is not None and not self.is_bound:
            self.initial = {"member": row.user.pk, "amount": row.computed}
        if row is not None and not row.warnings:
            del self.fields["accept_warning"]


def date_field(label, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label, help_text=help_text, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class PaidForm(Form):
    paid_on = date_field(_("Betaald op"), _("De dag dat het geld is overgemaakt."))

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_paid_on(self) -> datetime.date:
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > self.today:
            raise forms.ValidationError(FUTURE_PAYMENT)
        return paid_on


def plan_fingerprint(planned: dict) -> str:
    """The plan as it was when the form was opened ("kind=amount;..."), to notice a save by someone else since."""
    return ";".join(f"{kind}={planned[kind]}" for kind in sorted(planned) if planned[kind] is not None)


class BudgetPlanForm(Form):
    """The planned amount per kind; empty: nothing planned for that kind. ``seen``: the plan when the form was
    opened; a save by someone else in the meantime is refused (the typed amounts stay) instead of overwritten."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kinds=(), current: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = plan_fingerprint(current or {})
        self.fields["seen"].initial = self.current
        for value, label in kinds:
            self.fields[value] = money_field(label, required=False)

    def clean(self):
        data = super().clean()
        if self.is_bound and data.get("seen", "") != self.current:
            # Show the form again with the current plan as the new starting point: a second save goes through.
            self.data = self.data.copy()
            self.data["seen"] = self.current
            raise forms.ValidationError(
                _(
                    "Iemand anders heeft de begroting net gewijzigd. Er is niets opgeslagen. Hieronder staat wat u "
                    "typte; de opgeslagen bedragen ziet u op de begrotingspagina. Sla opnieuw op als uw bedragen "
                    "kloppen."
                ),
                code="stale",
            )
        return data

    def planned(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in self.fields if key != "seen"}


class BudgetCostForm(Form):
    kind = forms.ChoiceField(label=_("Soort"))
    date = date_field(_("Datum"))
    amount = money_field(_("Bedrag"), min_value="0.01")
    description = forms.CharField(
        label=_("Omschrijving"), max_length=200, help_text=_("Bijvoorbeeld: zaalhuur december.")
    )
    paid = forms.BooleanField(label=_("Al betaald"), required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)
