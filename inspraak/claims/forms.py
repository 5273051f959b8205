"""Forms for expense claims. Plain words (B1); every check gives a clear Dutch message next to the field; amounts
typed the Dutch way ("35,50") are accepted. No queries: choices and the scheme's terms are passed in."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.claims import rules
from inspraak.claims.models import ClaimKind
from inspraak.claims.services import RECEIPT_KINDS, RECEIPT_MAX_BYTES
from inspraak.core import documents
from inspraak.core.channels import on_behalf_choices
from inspraak.core.forms import AmountField, Form, VersionedFormMixin, required_when
from inspraak.core.money import euro

MONEY_INVALID = _("Schrijf het bedrag als een getal, bijvoorbeeld 12,50.")
FILE_TOO_LARGE = _("Dit bestand is te groot. Het mag hoogstens 10 MB zijn. Maak een kleinere foto.")
FILE_EMPTY = _("Dit bestand is leeg. Kies de foto of het bestand opnieuw.")
FILE_TYPE = _("Dit soort bestand kan niet. Kies een foto (JPG of PNG) of een PDF.")
FILE_AGAIN = _("Kies de foto of het bestand opnieuw. Als er iets niet klopt, bewaren wij het bestand nog niet.")
NO_RECEIPT = _("Voeg een foto of PDF van de bon toe. Of schrijf op waarom u geen bon hebt.")
DATE_INVALID = _("Schrijf de datum zo: 25-11-2026.")


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def kind_label(kind: str, km_rates: list[Decimal]) -> str:
    label = ClaimKind(kind).label
    if kind == ClaimKind.KILOMETRES and km_rates:
        rates = " / ".join(euro(rate) for rate in sorted(set(km_rates)))
        return _("%(kind)s: %(rate)s per km") % {"kind": label, "rate": rates}
    return str(label)


def occasion_choices(meetings, trainings) -> list[tuple[str, str]]:
    """Choices for "hoort het bij ...": nothing, or one of the meetings ("m12") or trainings ("t3")."""
    choices = [("", _("— Nee, bij geen bijeenkomst of training —"))]
    choices += [(f"m{m.pk}", _("Bijeenkomst van %(day)s") % {"day": _day(m.starts_at)}) for m in meetings]
    choices += [
        (f"t{t.pk}", _("Training %(title)s, %(day)s") % {"title": t.title, "day": _day(t.starts_at)}) for t in trainings
    ]
    return choices


def _day(moment) -> str:
    from django.utils import timezone
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "j F Y")


class ClaimForm(Form):
    """What a member claims (or the secretary for a member: ``PaperClaimForm``)."""

    kind = forms.ChoiceField(
        label=_("Wat voor kosten?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat voor kosten het zijn."), "invalid_choice": _("Kies uit de lijst.")},
    )
    spent_on = forms.DateField(
        label=_("Datum van de kosten"),
        widget=date_input(),
        help_text=_("Bijvoorbeeld de dag van de bijeenkomst."),
        error_messages={"required": _("Vul de datum in."), "invalid": DATE_INVALID},
    )
    occasion = forms.ChoiceField(
        label=_("Hoort het bij een bijeenkomst of training?"),
        required=False,
        error_messages={"invalid_choice": _("Kies een bijeenkomst of training uit de lijst.")},
    )
    amount = AmountField(
        label=_("Bedrag in euro"),
        required=False,
        help_text=_("Bijvoorbeeld 12,50. Bij auto of fiets rekenen wij het bedrag zelf uit."),
    )
    kilometres = AmountField(
        label=_("Aantal kilometers (heen en terug)"),
        required=False,
        places=1,
        invalid=_("Schrijf het aantal kilometers als een getal, bijvoorbeeld 14."),
    )
    description = forms.CharField(
        label=_("Waarvoor?"),
        max_length=300,
        help_text=_("Bijvoorbeeld: bus naar de bijeenkomst en terug."),
        error_messages={
            "required": _("Schrijf kort waarvoor de kosten waren."),
            "max_length": _("Maak het korter: hoogstens %(limit_value)d tekens."),
        },
    )
    receipt = forms.FileField(
        label=_("Foto of PDF van de bon of het kaartje"),
        required=False,
        help_text=_("Een foto (JPG of PNG) of een PDF, hoogstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    no_receipt_reason = forms.CharField(
        label=_("Geen bon? Schrijf waarom niet"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: ik heb met de OV-chipkaart gereisd."),
        error_messages={"max_length": _("Maak het korter: hoogstens %(limit_value)d tekens.")},
    )

    def __init__(
        self,
        *args,
        terms: dict[int, rules.SchemeTerms | None],
        meetings=(),
        trainings=(),
        today: datetime.date,
        has_receipt: bool = False,
        **kwargs,
    ):
        """``terms``: the group's claim terms per year that can be claimed (this year and last year); ``meetings``
        and ``trainings``: what a claim can belong to; ``has_receipt``: a stored receipt stays without a new one."""
        super().__init__(*args, **kwargs)
        self.terms = terms
        self.today = today
        self.has_receipt = has_receipt
        self._meetings = {f"m{m.pk}": m for m in meetings}
        self._trainings = {f"t{t.pk}": t for t in trainings}
        kinds = {kind for year_terms in terms.values() for kind in rules.allowed_kinds(year_terms)}
        rates = [t.km_rate for t in terms.values() if t is not None and t.km_rate]
        self.fields["kind"].choices = [(k, kind_label(k, rates)) for k in ClaimKind.values if k in kinds]
        self.fields["occasion"].choices = occasion_choices(meetings, trainings)
        required_when(self.fields["amount"], _("behalve bij auto of fiets"))
        required_when(self.fields["kilometres"], _("bij auto of fiets"))
        if ClaimKind.KILOMETRES not in kinds:
            del self.fields["kilometres"]
            self.fields["amount"].help_text = _("Bijvoorbeeld 12,50.")
            self.fields["amount"].required_when = None
            self.fields["amount"].required = True
            self.fields["amount"].error_messages["required"] = _("Vul het bedrag in.")
        if has_receipt:
            self.fields["receipt"].label = _("Andere foto of PDF van de bon")
            self.fields["receipt"].help_text = _(
                "De bon die u al stuurde blijft bewaard. Kies alleen een bestand als u een andere bon wilt sturen."
            )

    def clean_receipt(self):
        upload = self.cleaned_data.get("receipt")
        if not upload:
            return None
        if upload.size is not None and upload.size > RECEIPT_MAX_BYTES:
            raise forms.ValidationError(FILE_TOO_LARGE)
        data = upload.read(RECEIPT_MAX_BYTES + 1)
        if len(data) > RECEIPT_MAX_BYTES:
            raise forms.ValidationError(FILE_TOO_LARGE)
        if not data:
            raise forms.ValidationError(FILE_EMPTY)
        checked = documents.check_document(data, allowed=RECEIPT_KINDS)
        if checked is None:
            raise forms.ValidationError(FILE_TYPE)
        return checked

    def clean(self):
        data = super().clean()
        kind, spent_on = data.get("kind"), data.get("spent_on")
        if spent_on is not None:
            problem = rules.date_problem(spent_on, self.today)
            if problem == "future":
                self.add_error("spent_on", _("Deze datum is nog niet geweest. Declareer kosten die u al gemaakt hebt."))
            elif problem == "too_old":
                earliest = rules.earliest_claim_date(self.today)
                self.add_error(
                    "spent_on",
                    _("Kosten van voor %(day)s kunt u hier niet declareren. Bel de secretaris van de groep.")
                    % {"day": f"{earliest.day}-{earliest.month}-{earliest.year}"},
                )
        terms = self.terms.get(spent_on.year) if spent_on is not None else None
        known_year = spent_on is not None and spent_on.year in self.terms
        if kind and known_year and kind not in rules.allowed_kinds(terms):
            self.add_error(
                "kind",
                _("Deze kosten vergoedt de groep niet in %(year)s. Kies een andere soort, of bel de secretaris.")
                % {"year": spent_on.year},
            )
        self._clean_amount(data, kind, terms)
        if (
            not data.get("receipt")
            and not self.has_receipt
            and not data.get("no_receipt_reason", "").strip()
            and "receipt" not in self.errors
        ):
            self.add_error("receipt", NO_RECEIPT)
        occasion = data.get("occasion") or ""
        data["meeting"] = self._meetings.get(occasion)
        data["training"] = self._trainings.get(occasion)
        if self.errors and data.get("receipt"):
            # A browser never sends a file again with a page that shows errors: say so at the field.
            self.add_error("receipt", FILE_AGAIN)
        return data

    def _clean_amount(self, data, kind, terms) -> None:
        if kind == ClaimKind.KILOMETRES:
            km = data.get("kilometres")
            if "kilometres" in self.errors:
                return
            if km is None:
                self.add_error("kilometres", _("Vul het aantal kilometers in."))
            elif km <= 0 or km > rules.MAX_KILOMETRES:
                self.add_error(
                    "kilometres",
                    _("Vul een aantal kilometers in tussen 1 en %(max)s.") % {"max": rules.MAX_KILOMETRES},
                )
            elif terms is not None and terms.km_rate:
                data["amount"] = rules.km_amount(km, terms.km_rate)
            return
        amount = data.get("amount")
        if "amount" in self.errors:
            return
        if amount is None:
            self.add_error("amount", _("Vul het bedrag in."))
        elif amount <= 0 or amount > rules.MAX_AMOUNT:
            self.add_error(
                "amount",
                _("Vul een bedrag in tussen € 0,01 en %(max)s. Meer kosten? Bel de secretaris.")
                % {"max": euro(rules.MAX_AMOUNT)},
            )
        elif kind == ClaimKind.CHILDCARE:
            maximum = rules.over_childcare_max(amount, terms)
            if maximum is not None:
                self.add_error(
                    "amount",
                    _(
                        "De groep vergoedt kinderopvang tot hoogstens %(max)s per keer. "
                        "Vul een bedrag in van hoogstens %(max)s."
                    )
                    % {"max": euro(maximum)},
                )


class PaperClaimForm(ClaimForm):
    """The secretary enters a claim a member sent on paper, phoned in or brought in person."""

    field_order = ["member", "channel"]

    member = forms.ModelChoiceField(
        label=_("Voor welk lid?"),
        queryset=None,
        error_messages={"required": _("Kies het lid."), "invalid_choice": _("Kies een lid uit de lijst.")},
    )
    channel = forms.ChoiceField(
        label=_("Hoe kwam de declaratie binnen?"),
        choices=on_behalf_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het lid dit doorgaf: brief, telefoon of persoonlijk.")},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["receipt"].label = _("Scan of foto van de bon")
        self.fields["no_receipt_reason"].label = _("Geen bon? Schrijf waarom niet")
        self.fields["no_receipt_reason"].help_text = _(
            "Bijvoorbeeld: het lid heeft het bedrag telefonisch doorgegeven."
        )


class ChangeClaimForm(VersionedFormMixin, ClaimForm):
    """The member changes their claim while it is still "ingediend"."""


class DecideForm(VersionedFormMixin, Form):
    decision = forms.ChoiceField(
        label=_("Uw besluit"),
        choices=[("goedkeuren", _("Goedkeuren")), ("afwijzen", _("Afwijzen"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies goedkeuren of afwijzen.")},
    )
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Het lid leest dit. Schrijf kort en duidelijk waarom."),
        error_messages={"max_length": _("Maak het korter: hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required_when(self.fields["reason"], _("bij afwijzen"))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "afwijzen" and not data.get("reason", "").strip():
            self.add_error("reason", _("Schrijf waarom u de declaratie afwijst. Het lid leest dit."))
        return data


class StatusFilterForm(Form):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Alle")), *statuses]
