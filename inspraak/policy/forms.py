"""Forms of the policy agenda. Every check gives a clear Dutch message next to the field and keeps what was typed.
The date field, the file fields and ``apply_error`` are used by the advice app's officer forms too."""

from __future__ import annotations

import os

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core import documents, names
from inspraak.core.documents import MAX_DOCUMENT_BYTES, CheckedDocument
from inspraak.core.files import STORE_FAILED
from inspraak.core.forms import Form
from inspraak.policy.models import DecidingBody, ProposalKind, ProposalStatus

GR_CHOICE = "regio"

DATE_INVALID = _("Vul een datum in, bijvoorbeeld 1-3-2027.")
NO_BODIES = _("Kies minstens één groep hierboven, of schrijf hier waarom geen groep om advies wordt gevraagd.")
BODIES_AND_REASON = _("U hebt een groep gekozen. Laat dit vak dan leeg.")
STALE = _(
    "Iemand anders heeft dit voorstel opgeslagen nadat u het opende. Er is niets veranderd. Uw invoer staat hieronder "
    "nog. Bekijk wat nu is opgeslagen, pas uw invoer zo nodig aan en sla opnieuw op."
)
NO_ADVICE_NAMED = _(
    "De reden is openbaar, maar deze tekst noemt een cliënt die niet met naam openbaar genoemd wil worden."
)
FILE_TOO_LARGE = _("Dit bestand is te groot. Het mag hoogstens 10 MB zijn.")
FILE_EMPTY = _("Dit bestand is leeg.")
FILE_TYPE = _(
    "Dit soort bestand kan niet. Kies een PDF, een Word-bestand (.docx), een OpenDocument-bestand (.odt) of gewone "
    "tekst (.txt)."
)

# PolicyError code -> (field, message) for the messages the services can give.
ERRORS = {
    "no_bodies": ("no_bodies_reason", NO_BODIES),
    "body_out_of_scope": ("bodies", _("Deze groep hoort niet bij dit voorstel.")),
    "decider_scope": ("deciding_body", _("Kies wie besluit uit de lijst. Die hangt af van voor wie het voorstel is.")),
    "no_advice_reason": (
        "no_advice_reason",
        _("Geen enkele groep heeft advies gegeven. Schrijf waarom toch besloten is zonder advies."),
    ),
    "concern_has_request": (
        "bodies",
        _("U hebt %(body)s al om advies gevraagd. Die groep kunt u niet weghalen."),
    ),
    "date_reason": ("date_reason", _("Schrijf waarom de datum van het besluit verschuift.")),
    "final": (None, _("Over dit voorstel is al besloten. De status kan niet meer veranderen.")),
    "same_status": ("status", _("Het voorstel heeft deze status al. Kies een andere status.")),
    "unknown_status": ("status", _("Kies een status.")),
    "withdraw_reason": ("reason", _("Schrijf waarom het voorstel wordt ingetrokken.")),
    "decided_on": ("decided_on", _("Vul de datum van het besluit in.")),
    "decided_future": ("decided_on", _("Deze datum ligt in de toekomst. Vul de datum in waarop besloten is.")),
    "decision_link": ("decision_url", _("Geef een link naar het besluit, of kies het besluit als bestand.")),
    "file_empty": ("decision_file", FILE_EMPTY),
    "file_too_large": ("decision_file", FILE_TOO_LARGE),
    "file_type": ("decision_file", FILE_TYPE),
    "file_storage": ("decision_file", STORE_FAILED),
}


def apply_error(form: forms.Form, error, errors=None, *, named_message: str = "") -> None:
    """Put the message of a service's error next to its field (or on top). ``errors``: code -> (field, message),
    this module's ERRORS by default; ``named_message`` for a text that names a client ("client_named")."""
    field, message = (errors or ERRORS).get(error.code, (None, _("Dit kan niet.")))
    body = getattr(error, "body", None)
    if body is not None:
        message = message % {"body": body.name}
    if error.code == "client_named":
        field, message = getattr(error, "field", None), names.named_message(error.fragments, named_message)
    if field is not None and field not in form.fields:
        # A file message goes next to this form's own file field (documents of a request, one document).
        files = [name for name, f in form.fields.items() if isinstance(f, forms.FileField)]
        field = files[0] if error.code.startswith("file_") and files else None
    form.add_error(field, message)


def empty_body_label(body) -> str:
    """The choice label of a body that cannot give advice now (no members, or no secretary and no facilitator)."""
    if getattr(body, "active_members", 1) == 0:
        return _("%(name)s – let op: deze groep heeft geen leden") % {"name": body.name}
    return _("%(name)s – let op: deze groep heeft geen secretaris en geen gespreksleider") % {"name": body.name}


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=date_widget(),
        error_messages={"invalid": DATE_INVALID, "required": _("Vul een datum in.")},
    )


def read_document(upload, *, allowed=documents.ALL_KINDS, type_message=FILE_TYPE) -> CheckedDocument:
    """The upload checked once on its content (the service stores it as it is); ValidationError otherwise.
    ``allowed``: the kinds that may be uploaded here, with ``type_message`` for any other."""
    if upload.size is not None and upload.size > MAX_DOCUMENT_BYTES:
        raise forms.ValidationError(FILE_TOO_LARGE)
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise forms.ValidationError(FILE_TOO_LARGE)
    if not data:
        raise forms.ValidationError(FILE_EMPTY)
    checked = documents.check_document(data, allowed=allowed)
    if checked is None:
        raise forms.ValidationError(type_message)
    return checked


def title_from_name(name: str) -> str:
    """A readable title from an uploaded file name (the name itself is never used to store the file)."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    return " ".join(stem.replace("_", " ").split())[:200]


# ---------------------------------------------------------------- proposals


class ProposalForForm(Form):
    """Step 1 of a new proposal: for the GR or for which municipality (the suggested bodies depend on it)."""

    voor = forms.ChoiceField(
        label=_("Voor wie is dit voorstel?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies voor wie dit voorstel is."), "invalid_choice": _("Kies uit de lijst.")},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voor"].choices = choices


class ProposalForm(Form):
    title = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Geef het voorstel een titel.")}
    )
    description = forms.CharField(
        label=_("Korte beschrijving"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Waar gaat het over, en wat verandert er voor cliënten?"),
        error_messages={"required": _("Schrijf kort waar het voorstel over gaat.")},
    )
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=ProposalKind.choices,
        widget=forms.RadioSelect,
        initial=ProposalKind.POLICY,
        error_messages={"required": _("Kies de soort.")},
    )
    owner = forms.TypedChoiceField(
        label=_("Eigenaar"),
        coerce=int,
        help_text=_("De beleidsmedewerker die dit voorstel voorbereidt."),
        error_messages={"required": _("Kies de eigenaar."), "invalid_choice": _("Kies iemand uit de lijst.")},
    )
    deciding_body = forms.ChoiceField(
        label=_("Wie besluit?"),
        choices=DecidingBody.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie besluit.")},
    )
    planned_decision_date = date_field(_("Geplande datum van het besluit"))
    date_reason = forms.CharField(
        label=_("Waarom verschuift de datum?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alleen nodig als u de datum van het besluit verandert."),
    )
    bodies = forms.TypedMultipleChoiceField(
        label=_("Welke groepen moeten advies kunnen geven?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies groepen uit de lijst.")},
    )
    no_bodies_reason = forms.CharField(
        label=_("Geen groep? Schrijf waarom niet"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, bodies, suggested_ids, owners, deciders, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies_by_pk = {b.pk: b for b in bodies}
        self.fields["bodies"].choices = [
            (
                b.pk,
                empty_body_label(b)
                if getattr(b, "empty", False)
                else f"{b.name} ({_('voorgesteld')})"
                if b.pk in suggested_ids
                else b.name,
            )
            for b in bodies
        ]
        help_text = _(
            "Inspraak stelt groepen voor die over de Participatiewet en over dit soort onderwerpen adviseren. Zet een "
            "vinkje bij elke groep die dit voorstel raakt."
        )
        if any(getattr(b, "empty", False) for b in bodies):
            help_text = "{} {}".format(
                help_text,
                _(
                    "Een groep zonder leden, of zonder secretaris en gespreksleider, kan nu geen advies geven. "
                    "Inspraak stelt die niet voor."
                ),
            )
        self.fields["bodies"].help_text = help_text
        self.fields["deciding_body"].choices = [(d.value, d.label) for d in deciders]
        self.fields["deciding_body"].error_messages["invalid_choice"] = ERRORS["decider_scope"][1]
        self.owners_by_pk = {u.pk: u for u in owners}
        self.fields["owner"].choices = [("", _("— Kies —"))] + [(u.pk, u.name) for u in owners]
        if not editing:
            del self.fields["date_reason"]
            del self.fields["version"]

    def clean(self):
        data = super().clean()
        bodies, reason = data.get("bodies"), (data.get("no_bodies_reason") or "").strip()
        if "bodies" not in self.errors and "no_bodies_reason" not in self.errors:
            if not bodies and not reason:
                self.add_error("no_bodies_reason", NO_BODIES)
            elif bodies and reason:
                self.add_error("no_bodies_reason", BODIES_AND_REASON)
        return data

    def chosen_bodies(self) -> list:
        return [self.bodies_by_pk[pk] for pk in self.cleaned_data.get("bodies") or []]

    def chosen_owner(self):
        return self.owners_by_pk.get(self.cleaned_data.get("owner"))

    def proposal_fields(self) -> dict:
        """What the proposal itself says, as the services take it (creating and changing alike)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "kind": data["kind"],
            "owner": self.chosen_owner(),
            "deciding_body": data["deciding_body"],
            "planned_decision_date": data["planned_decision_date"],
            "no_bodies_reason": data.get("no_bodies_reason") or "",
        }


STATUS_TARGETS = (
    ProposalStatus.PREPARING,
    ProposalStatus.ADVICE_REQUESTED,
    ProposalStatus.ADVICE_RECEIVED,
    ProposalStatus.DECIDED,
    ProposalStatus.WITHDRAWN,
)


class StatusForm(Form):
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een status."), "invalid_choice": _("Kies een status uit de lijst.")},
    )
    decided_on = date_field(_("Datum van het besluit"), required=False, help_text=_("Alleen bij 'Besloten'."))
    decision_url = forms.URLField(
        label=_("Link naar het besluit"),
        required=False,
        assume_scheme="https",
        help_text=_("Alleen bij 'Besloten': een link of een bestand."),
        error_messages={"invalid": _("Vul een link in zoals https://www.voorbeeld.nl/besluit.")},
    )
    decision_file = forms.FileField(
        label=_("Of: het besluit als bestand"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}),
        help_text=_("PDF, Word (.docx), OpenDocument (.odt) of tekst, hoogstens 10 MB."),
        error_messages={"invalid": _("Dit bestand kon niet gelezen worden. Probeer het opnieuw."), "empty": FILE_EMPTY},
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij 'Ingetrokken': waarom?"),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, current: str, without_advice: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, ProposalStatus(value).label) for value in STATUS_TARGETS if value != current
        ]
        self.decision_data = None
        if without_advice:
            # No concerned body gave advice: deciding needs the officer's reason (the confirm step).
            self.fields["no_advice_reason"] = forms.CharField(
                label=_("Waarom is besloten zonder advies?"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_(
                    "Alleen bij 'Besloten'. Deze reden is openbaar en gaat naar de leden van de groepen. Noem geen "
                    "namen van cliënten."
                ),
            )
            self.fields["confirmed"] = forms.BooleanField(required=False, widget=forms.HiddenInput)
            self.order_fields(["status", "decided_on", "decision_url", "decision_file", "no_advice_reason"])

    def needs_confirmation(self) -> bool:
        """Decided without advice and without a reason, not yet confirmed: show the confirm step."""
        data = self.cleaned_data
        return (
            "no_advice_reason" in self.fields
            and data.get("status") == ProposalStatus.DECIDED
            and not (data.get("no_advice_reason") or "").strip()
            and not data.get("confirmed")
        )

    def clean_decision_file(self):
        upload = self.cleaned_data.get("decision_file")
        if upload:
            self.decision_data = read_document(upload)
        return upload

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == ProposalStatus.DECIDED:
            if not data.get("decided_on") and "decided_on" not in self.errors:
                self.add_error("decided_on", ERRORS["decided_on"][1])
            elif data.get("decided_on") and data["decided_on"] > timezone.localdate():
                self.add_error("decided_on", ERRORS["decided_future"][1])
            if (
                not data.get("decision_url")
                and not self.decision_data
                and "decision_url" not in self.errors
                and "decision_file" not in self.errors
            ):
                self.add_error("decision_url", ERRORS["decision_link"][1])
        if status == ProposalStatus.WITHDRAWN and not (data.get("reason") or "").strip():
            self.add_error("reason", ERRORS["withdraw_reason"][1])
        return data
