"""Forms of the officer's side. Every check gives a clear Dutch message next to the field and keeps what was typed."""

from __future__ import annotations

import os

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.advice.models import Verdict
from inspraak.agenda.rules import MAX_DOCUMENT_BYTES, CheckedDocument, check_document
from inspraak.core import names
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
FILE_TOO_LARGE = _("Dit bestand is te groot. Het mag hoogstens 10 MB zijn.")
FILE_EMPTY = _("Dit bestand is leeg.")
# Per post of the request form: a request needs a few drafts, and each one is held in memory while it is checked.
MAX_REQUEST_FILES = 10
MAX_REQUEST_BYTES = 25 * 1024 * 1024
TOO_MANY_FILES = _("Kies hoogstens %(limit)s bestanden tegelijk. Voeg de andere stukken daarna toe bij de aanvraag.")
FILES_TOO_LARGE = _(
    "Deze bestanden zijn samen te groot. Samen mogen ze hoogstens 25 MB zijn. Voeg de andere stukken daarna toe bij "
    "de aanvraag."
)
FILE_TYPE = _(
    "Dit soort bestand kan niet. Kies een PDF, een Word-bestand (.docx), een OpenDocument-bestand (.odt) of gewone "
    "tekst (.txt)."
)

# PolicyError code -> (field, message) for the messages the services can give.
RESPONSE_NAMED = _(
    "De reactie komt in het openbare adviesregister, maar deze tekst noemt een cliënt die niet met naam openbaar "
    "genoemd wil worden. Vastleggen kan pas als de naam weg is."
)
ERRORS = {
    "no_bodies": ("no_bodies_reason", NO_BODIES),
    "body_out_of_scope": ("bodies", _("Deze groep hoort niet bij dit voorstel.")),
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
    "closed": (None, _("Dit voorstel is besloten of ingetrokken. U kunt er geen advies meer over vragen.")),
    "no_body": ("bodies", _("Kies minstens één groep.")),
    "no_questions": ("questions", _("Schrijf de vraag of vragen aan de groep.")),
    "not_concerned": ("bodies", _("%(body)s staat niet bij de groepen van dit voorstel.")),
    "duplicate": ("bodies", _("U hebt %(body)s al om advies gevraagd over dit voorstel. Die vraag staat nog open.")),
    "requested_future": ("requested_on", _("De datum van de aanvraag ligt in de toekomst.")),
    "decision_before_request": ("requested_on", _("De datum van het besluit ligt voor de aanvraag")),
    "deadline_past": ("deadline", _("Deze datum ligt in het verleden. Kies een datum vanaf vandaag.")),
    "deadline_before_request": ("deadline", _("De uiterste datum ligt voor de datum van de aanvraag.")),
    "request_closed": (None, _("Deze aanvraag staat niet meer open. U kunt geen stukken meer toevoegen.")),
    "not_sent": (
        None,
        _("Dit advies is nog niet verzonden. U kunt pas reageren op een advies dat de groep heeft verzonden."),
    ),
    "already": (None, _("Op dit advies is al een reactie vastgelegd. Er kan maar één reactie zijn.")),
    "responded_future": ("responded_on", _("Deze datum ligt in de toekomst.")),
    "responded_before_sent": ("responded_on", _("Deze datum ligt voor de dag waarop het advies is verzonden.")),
    "verdict_missing": (None, _("Kies bij elke aanbeveling wat ermee gedaan is.")),
    "reason_missing": (None, _("Schrijf waarom een aanbeveling niet of deels is overgenomen.")),
}


def apply_error(form: forms.Form, error) -> None:
    """Put the message of a service's PolicyError next to its field (or on top)."""
    field, message = ERRORS.get(error.code, (None, _("Dit kan niet.")))
    if error.body is not None:
        message = message % {"body": error.body.name}
    if error.code == "client_named":
        field, message = getattr(error, "field", None), names.named_message(error.fragments, RESPONSE_NAMED)
    if field is not None and field not in form.fields:
        # A file message goes next to this form's own file field (documents of a request, one document).
        files = [name for name, f in form.fields.items() if isinstance(f, forms.FileField)]
        field = files[0] if error.code.startswith("file_") and files else None
    form.add_error(field, message)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=_date_widget(),
        error_messages={"invalid": DATE_INVALID, "required": _("Vul een datum in.")},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (works without JavaScript)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def read_document(upload) -> CheckedDocument:
    """The upload checked once by the agenda's document rule (the service stores it as it is); ValidationError
    otherwise."""
    if upload.size is not None and upload.size > MAX_DOCUMENT_BYTES:
        raise forms.ValidationError(FILE_TOO_LARGE)
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise forms.ValidationError(FILE_TOO_LARGE)
    if not data:
        raise forms.ValidationError(FILE_EMPTY)
    checked = check_document(data)
    if checked is None:
        raise forms.ValidationError(FILE_TYPE)
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
    planned_decision_date = _date_field(_("Geplande datum van het besluit"))
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

    def __init__(self, *args, bodies, suggested_ids, owners, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies_by_pk = {b.pk: b for b in bodies}
        self.fields["bodies"].choices = [
            (b.pk, f"{b.name} ({_('voorgesteld')})" if b.pk in suggested_ids else b.name) for b in bodies
        ]
        self.fields["bodies"].help_text = _(
            "Inspraak stelt groepen voor die over de Participatiewet en over dit soort onderwerpen adviseren. Zet een "
            "vinkje bij elke groep die dit voorstel raakt."
        )
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
    decided_on = _date_field(_("Datum van het besluit"), required=False, help_text=_("Alleen bij 'Besloten'."))
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

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, ProposalStatus(value).label) for value in STATUS_TARGETS if value != current
        ]
        self.decision_data = None

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


# ---------------------------------------------------------------- advice requests


class RequestForm(Form):
    bodies = forms.TypedMultipleChoiceField(
        label=_("Welke groepen vraagt u om advies?"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één groep."), "invalid_choice": _("Kies groepen uit de lijst.")},
    )
    questions = forms.CharField(
        label=_("Uw vraag of vragen aan de groep"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Schrijf in gewone woorden. Cliënten lezen dit."),
        error_messages={"required": _("Schrijf de vraag of vragen aan de groep.")},
    )
    requested_on = _date_field(_("Datum van de aanvraag"))
    deadline = _date_field(
        _("Uiterste datum voor het advies"),
        required=False,
        help_text=_("Leeg laten: de datum van de aanvraag plus de adviestermijn van elke groep."),
    )
    documents = MultipleFileField(
        label=_("Stukken (concepten)"),
        required=False,
        help_text=_(
            "U kunt tot 10 bestanden tegelijk kiezen, samen hoogstens 25 MB: PDF, Word (.docx), OpenDocument (.odt) "
            "of tekst, elk hoogstens 10 MB. Alleen de groep, de beleidsmedewerkers en de beheerder kunnen ze openen."
        ),
        error_messages={"invalid": _("Dit bestand kon niet gelezen worden. Probeer het opnieuw."), "empty": FILE_EMPTY},
    )

    def __init__(self, *args, bodies, asked_ids=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies_by_pk = {b.pk: b for b in bodies}
        self.asked_ids = set(asked_ids)
        self.fields["bodies"].choices = [
            (
                b.pk,
                _("%(name)s (al gevraagd)") % {"name": b.name}
                if b.pk in self.asked_ids
                else _("%(name)s (adviestermijn %(weeks)s weken)") % {"name": b.name, "weeks": b.advice_period_weeks},
            )
            for b in bodies
        ]
        self.initial.setdefault("requested_on", timezone.localdate())
        self.document_data: list[tuple[str, CheckedDocument]] = []

    def clean_bodies(self):
        chosen = self.cleaned_data.get("bodies") or []
        for pk in chosen:
            if pk in self.asked_ids:
                raise forms.ValidationError(ERRORS["duplicate"][1] % {"body": self.bodies_by_pk[pk].name})
        return chosen

    def clean_documents(self):
        uploads = self.cleaned_data.get("documents") or []
        if len(uploads) > MAX_REQUEST_FILES:
            raise forms.ValidationError(TOO_MANY_FILES % {"limit": MAX_REQUEST_FILES})
        if sum(u.size or 0 for u in uploads) > MAX_REQUEST_BYTES:
            raise forms.ValidationError(FILES_TOO_LARGE)
        self.document_data = [(title_from_name(u.name), read_document(u)) for u in uploads]
        return uploads

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        requested_on, deadline = data.get("requested_on"), data.get("deadline")
        if requested_on and requested_on > today:
            self.add_error("requested_on", ERRORS["requested_future"][1])
        if deadline and deadline < today:
            self.add_error("deadline", ERRORS["deadline_past"][1])
        elif deadline and requested_on and deadline < requested_on:
            self.add_error("deadline", ERRORS["deadline_before_request"][1])
        return data

    def chosen_bodies(self) -> list:
        return [self.bodies_by_pk[pk] for pk in self.cleaned_data.get("bodies") or []]


class DocumentForm(Form):
    title = forms.CharField(label=_("Titel van het stuk"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Bestand"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}),
        help_text=_("PDF, Word (.docx), OpenDocument (.odt) of tekst, hoogstens 10 MB."),
        error_messages={
            "required": _("Kies een bestand."),
            "invalid": _("Dit bestand kon niet gelezen worden. Probeer het opnieuw."),
            "empty": FILE_EMPTY,
        },
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        self.data_bytes = read_document(upload) if upload else b""
        return upload

    def document_title(self) -> str:
        return (self.cleaned_data.get("title") or "").strip() or title_from_name(self.cleaned_data["file"].name)


# ---------------------------------------------------------------- responses


class ResponseForm(Form):
    """The response of the college or GR board: a verdict per recommendation, a reason when not (fully) adopted."""

    responded_on = _date_field(_("Datum van de reactie"))
    mentioned_in_decision = forms.BooleanField(label=_("Het advies staat in het besluit"), required=False)
    sent_to_council = forms.BooleanField(
        label=_("Het advies is meegestuurd naar de gemeenteraad of het algemeen bestuur"), required=False
    )
    summary = forms.CharField(
        label=_("Toelichting"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat doet het college of het bestuur met het advies? Schrijf in gewone woorden."),
    )

    def __init__(self, *args, recommendations, sent_on=None, **kwargs):
        self.recommendations = list(recommendations)
        self.sent_on = sent_on
        fields = {}
        for rec in self.recommendations:
            fields[f"verdict_{rec.pk}"] = forms.ChoiceField(
                label=_("Aanbeveling %(number)s: %(text)s") % {"number": rec.number, "text": rec.text},
                choices=Verdict.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies wat er met deze aanbeveling gedaan is.")},
            )
            fields[f"reason_{rec.pk}"] = forms.CharField(
                label=_("Reden bij aanbeveling %(number)s") % {"number": rec.number},
                max_length=4000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Verplicht als de aanbeveling niet of deels is overgenomen."),
            )
        # The verdicts first, then the date and the remarks; the form base adds the component classes to all.
        self.base_fields = {**fields, **type(self).base_fields}
        super().__init__(*args, **kwargs)
        self.initial.setdefault("responded_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        responded_on = data.get("responded_on")
        if responded_on and responded_on > timezone.localdate():
            self.add_error("responded_on", ERRORS["responded_future"][1])
        elif responded_on and self.sent_on and responded_on < self.sent_on:
            self.add_error("responded_on", ERRORS["responded_before_sent"][1])
        for rec in self.recommendations:
            verdict = data.get(f"verdict_{rec.pk}")
            reason = (data.get(f"reason_{rec.pk}") or "").strip()
            if verdict in (Verdict.PARTLY, Verdict.NOT_ADOPTED) and not reason:
                self.add_error(
                    f"reason_{rec.pk}",
                    _("Schrijf waarom aanbeveling %(number)s niet of deels is overgenomen.") % {"number": rec.number},
                )
        return data

    def verdicts(self) -> dict[int, tuple[str, str]]:
        return {
            rec.pk: (self.cleaned_data[f"verdict_{rec.pk}"], self.cleaned_data.get(f"reason_{rec.pk}") or "")
            for rec in self.recommendations
        }
