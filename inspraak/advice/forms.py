"""Forms of the advice conversation, for the body and for the policy officer. Every message is plain Dutch and shown
next to its field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from inspraak.advice import selectors
from inspraak.advice.models import AdoptedHow, Verdict
from inspraak.core.documents import PDF, CheckedDocument
from inspraak.core.files import STORE_FAILED
from inspraak.core.forms import Form, no_optional_marker, required_when
from inspraak.policy import rules as policy_rules
from inspraak.policy.forms import FILE_EMPTY, apply_error, date_field, empty_body_label, read_document, title_from_name
from inspraak.policy.models import ProposalStatus

MAX_RECOMMENDATIONS = 50
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
RECOMMENDATION_HELP = _(
    "Schrijf één aanbeveling per vak. Een leeg vak telt niet mee. Met het getal eronder kiest u de plaats in de "
    "lijst: 1 komt bovenaan."
)
TOO_LONG = _("Dit is te lang: hoogstens %(limit_value)d tekens.")


def _count(value, default: int) -> int:
    try:
        count = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(count, 1), MAX_RECOMMENDATIONS)


class AdviceForm(Form):
    """Subject, introduction and numbered recommendations, without JavaScript: one text box per recommendation and
    a number for its place in the list. An empty box removes that recommendation; "add one more" gives an extra box.
    ``version`` carries the version of the draft the form was based on (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    count = forms.IntegerField(widget=forms.HiddenInput, required=False)
    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        error_messages={"required": _("Schrijf waar het advies over gaat."), "max_length": TOO_LONG},
    )
    text = forms.CharField(
        label=_("Inleiding en toelichting"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Wat vindt de groep, en waarom? Schrijf in gewone woorden."),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, count: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.data if self.is_bound else self.initial
        self.slots = count if count is not None else _count(source.get("count"), 1)
        self.fields["count"].initial = self.slots
        if not self.is_bound:
            self.initial["count"] = self.slots
        for i in range(1, self.slots + 1):
            self.fields[f"rec_{i}"] = forms.CharField(
                label=_("Aanbeveling %(n)s") % {"n": i},
                max_length=4000,
                required=False,
                help_text=RECOMMENDATION_HELP if i == 1 else "",
                widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
                error_messages={"max_length": TOO_LONG},
            )
            self.fields[f"place_{i}"] = forms.IntegerField(
                label=_("Plaats van aanbeveling %(n)s in de lijst") % {"n": i},
                min_value=1,
                max_value=MAX_RECOMMENDATIONS,
                required=False,
                widget=forms.TextInput(
                    attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "inputmode": "numeric"}
                ),
                error_messages={
                    "invalid": _("Vul een getal in, bijvoorbeeld 1."),
                    "min_value": _("Vul een getal van 1 of hoger in."),
                    "max_value": _("Vul een getal van hoogstens %(limit_value)s in."),
                },
            )

        self.order_fields(["version", "count", "subject", "proposal", "text"])

    @classmethod
    def for_advice(cls, advice, recommendations: list[str]) -> AdviceForm:
        initial = {"version": advice.version, "subject": advice.subject, "text": advice.text}
        return cls(initial=initial | cls.recommendation_initial(recommendations), count=len(recommendations) + 1)

    @staticmethod
    def recommendation_initial(recommendations: list[str]) -> dict:
        initial = {}
        for i, text in enumerate(recommendations, 1):
            initial[f"rec_{i}"] = text
            initial[f"place_{i}"] = i
        return initial

    @classmethod
    def with_one_more(cls, data, **kwargs) -> AdviceForm:
        """The typed form again, unsaved and without error messages, with one empty box more."""
        count = _count(data.get("count"), 1)
        initial = {key: data.get(key) for key in data if key not in ("csrfmiddlewaretoken", "meer", "count")}
        return cls(initial=initial, count=min(count + 1, MAX_RECOMMENDATIONS), **kwargs)

    def recommendations(self) -> list[str]:
        """The filled-in recommendations in their chosen order (ties and empty places keep the order on screen)."""
        rows = []
        for i in range(1, self.slots + 1):
            text = (self.cleaned_data.get(f"rec_{i}") or "").strip()
            if text:
                place = self.cleaned_data.get(f"place_{i}") or i
                rows.append((place, i, text))
        return [text for _place, _i, text in sorted(rows)]

    def draft_fields(self) -> dict:
        """What the draft says, as the services take it: subject, text and the recommendations in order."""
        return {
            "subject": self.cleaned_data["subject"],
            "text": self.cleaned_data["text"],
            "recommendations": self.recommendations(),
        }


class NewAdviceForm(AdviceForm):
    """An unsolicited advice: the same fields, and optionally the proposal it is about."""

    proposal = forms.ModelChoiceField(
        label=_("Gaat het over een voorstel?"),
        queryset=None,
        required=False,
        help_text=_("Kies een voorstel als het advies daarover gaat. Dat hoeft niet."),
        error_messages={"invalid_choice": _("Kies een voorstel uit de lijst.")},
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals
        self.fields["proposal"].empty_label = _("Nee, over iets anders")


class DeclineForm(Form):
    reason = forms.CharField(
        label=_("Waarom geeft de groep geen advies?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("De beleidsmedewerker krijgt deze reden te lezen. Ze komt ook in het openbare adviesregister."),
        error_messages={"required": _("Schrijf waarom de groep geen advies geeft."), "max_length": TOO_LONG},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Schrijf waarom de groep geen advies geeft."))
        return reason


class AdoptForm(Form):
    adopted_on = forms.DateField(
        label=_("Vastgesteld op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de datum in waarop de groep het advies vaststelde."),
            "invalid": _("Vul een datum in, bijvoorbeeld 14-3-2027."),
        },
    )
    adopted_how = forms.ChoiceField(
        label=_("Hoe stelde de groep het advies vast?"),
        choices=AdoptedHow.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de groep het advies vaststelde.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].input_formats = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]

    def clean_adopted_on(self):
        day = self.cleaned_data["adopted_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst. Vul de dag in waarop het gebeurde."))
        return day


class CommentForm(Form):
    text = forms.CharField(
        label=_("Uw opmerking"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen de groep ziet uw opmerking."),
        error_messages={"required": _("Schrijf eerst uw opmerking."), "max_length": TOO_LONG},
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Schrijf eerst uw opmerking."))
        return text


class AttachmentForm(Form):
    file = forms.FileField(
        label=_("Het advies als PDF"),
        help_text=_("Alleen een PDF-bestand. Hoogstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        error_messages={
            "required": _("Kies een PDF-bestand."),
            "invalid": _("Dit bestand kon niet gelezen worden. Probeer het opnieuw."),
            "empty": _("Dit bestand is leeg."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.data_bytes = read_document(
            upload, allowed=(PDF,), type_message=_("Dit is geen PDF-bestand. Kies een PDF.")
        )
        return upload


class FollowUpForm(Form):
    text = forms.CharField(
        label=_("Reactie van de groep op de reactie"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("De groep kan één keer reageren. Daarna kunt u dit niet meer veranderen."),
        error_messages={"required": _("Schrijf de reactie van de groep."), "max_length": TOO_LONG},
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Schrijf de reactie van de groep."))
        return text


# ================================================================ the policy officer's side


class AgendaFilterForm(Form):
    """Search, a status and the order above the policy agenda (GET; a wrong value filters nothing)."""

    zoek = no_optional_marker(forms.CharField(label=_("Zoek in titel en beschrijving"), max_length=100, required=False))
    status = no_optional_marker(
        forms.ChoiceField(
            label=_("Status"), required=False, error_messages={"invalid_choice": _("Kies een status uit de lijst.")}
        )
    )
    volgorde = no_optional_marker(
        forms.ChoiceField(
            label=_("Volgorde"),
            required=False,
            error_messages={"invalid_choice": _("Kies een volgorde uit de lijst.")},
        )
    )

    def __init__(self, data=None, **kwargs):
        # Only the filter parameters make the form bound: ?pagina=2 alone is not a filter.
        if data is not None and not any(data.get(name) for name in ("zoek", "status", "volgorde")):
            data = None
        super().__init__(data, **kwargs)
        self.fields["status"].choices = [
            ("", _("Alle voorstellen")),
            (selectors.OPEN, _("Loopt nog")),
            *ProposalStatus.choices,
        ]
        self.fields["volgorde"].choices = [
            ("", _("Eerst wat nog loopt")),
            ("besluit-laatst", _("Laatste besluit eerst")),
            ("nieuwste", _("Nieuwste eerst")),
            ("titel", _("Titel (A-Z)")),
        ]

    def filters(self) -> selectors.AgendaFilters:
        if not self.is_bound:
            return selectors.AgendaFilters()
        self.is_valid()
        data = self.cleaned_data
        return selectors.AgendaFilters(
            search=(data.get("zoek") or "").strip(), status=data.get("status") or "", order=data.get("volgorde") or ""
        )


# Per post of the request form: a request needs a few drafts, and each one is held in memory while it is checked.
MAX_REQUEST_FILES = 10
MAX_REQUEST_BYTES = 25 * 1024 * 1024
TOO_MANY_FILES = _("Kies hoogstens %(limit)s bestanden tegelijk. Voeg de andere stukken daarna toe bij de aanvraag.")
FILES_TOO_LARGE = _(
    "Deze bestanden zijn samen te groot. Samen mogen ze hoogstens 25 MB zijn. Voeg de andere stukken daarna toe bij "
    "de aanvraag."
)

# AdviceError code -> (field, message) for the officer's steps (put next to the field by ``apply_officer_error``).
OFFICER_ERRORS = {
    "file_empty": ("documents", FILE_EMPTY),
    "file_too_large": ("documents", _("Dit bestand is te groot. Het mag hoogstens 10 MB zijn.")),
    "file_type": (
        "documents",
        _(
            "Dit soort bestand kan niet. Kies een PDF, een Word-bestand (.docx), een OpenDocument-bestand (.odt) of "
            "gewone tekst (.txt)."
        ),
    ),
    "file_storage": ("documents", STORE_FAILED),
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
RESPONSE_NAMED = _(
    "De reactie komt in het openbare adviesregister, maar deze tekst noemt een cliënt die niet met naam openbaar "
    "genoemd wil worden. Vastleggen kan pas als de naam weg is."
)


def apply_officer_error(form: forms.Form, error) -> None:
    """Put the message of an officer's refused step next to its field (or on top)."""
    apply_error(form, error, OFFICER_ERRORS, named_message=RESPONSE_NAMED)


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
    requested_on = date_field(_("Datum van de aanvraag"))
    deadline = date_field(
        _("Uiterste datum voor het advies"),
        required=False,
        help_text=_("Leeg laten: de datum van de aanvraag plus de adviestermijn van elke groep."),
    )
    short_margin_ok = forms.BooleanField(
        label=_("Toch vragen, ook al is er minder dan 2 weken tussen het advies en het besluit"),
        required=False,
        help_text=_(
            "Alleen nodig als het advies er minder dan 2 weken voor het besluit is. Wie besluit heeft dan weinig tijd "
            "om het advies mee te nemen."
        ),
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
    # A file name ("kto.pdf") makes no title that a member understands (walkthrough B15).
    documents_title = required_when(
        forms.CharField(
            label=_("Titel van de stukken"),
            max_length=150,
            required=False,
            help_text=_(
                "Zo ziet de groep de stukken in de lijst, bijvoorbeeld: Concept beleidsregels bijzondere bijstand. "
                "Kiest u meer bestanden, dan zetten we achter de titel de naam van elk bestand."
            ),
        ),
        _("als u stukken kiest"),
    )

    def __init__(self, *args, bodies, asked_ids=frozenset(), decision_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies_by_pk = {b.pk: b for b in bodies}
        self.asked_ids = set(asked_ids)
        self.decision_on = decision_on
        self.fields["bodies"].choices = [(b.pk, self._body_label(b)) for b in bodies]
        if any(getattr(b, "empty", False) and b.pk not in self.asked_ids for b in bodies):
            self.fields["bodies"].help_text = _(
                "Een groep zonder leden, of zonder secretaris en gespreksleider, kan nu geen advies geven. Niemand "
                "krijgt de vraag dan. Vraag de beheerder eerst om de groep aan te vullen."
            )
        self.initial.setdefault("requested_on", timezone.localdate())
        self.document_data: list[tuple[str, CheckedDocument]] = []

    def _body_label(self, body) -> str:
        if body.pk in self.asked_ids:
            return _("%(name)s (al gevraagd)") % {"name": body.name}
        if getattr(body, "empty", False):
            return empty_body_label(body)
        return _("%(name)s (adviestermijn %(weeks)s weken)") % {"name": body.name, "weeks": body.advice_period_weeks}

    def clean_bodies(self):
        chosen = self.cleaned_data.get("bodies") or []
        for pk in chosen:
            if pk in self.asked_ids:
                raise forms.ValidationError(OFFICER_ERRORS["duplicate"][1] % {"body": self.bodies_by_pk[pk].name})
        return chosen

    def clean_documents(self):
        uploads = self.cleaned_data.get("documents") or []
        if len(uploads) > MAX_REQUEST_FILES:
            raise forms.ValidationError(TOO_MANY_FILES % {"limit": MAX_REQUEST_FILES})
        if sum(u.size or 0 for u in uploads) > MAX_REQUEST_BYTES:
            raise forms.ValidationError(FILES_TOO_LARGE)
        self.document_data = [(title_from_name(u.name), read_document(u)) for u in uploads]
        return uploads

    def _document_titles(self) -> None:
        """The typed title for one document; "title – file name" for each of several (so they differ)."""
        title = (self.cleaned_data.get("documents_title") or "").strip()
        if not self.document_data:
            return
        if not title:
            self.add_error("documents_title", _("Geef de stukken een titel die de leden begrijpen."))
        elif len(self.document_data) == 1:
            self.document_data = [(title, self.document_data[0][1])]
        else:
            self.document_data = [(f"{title} – {name}" if name else title, doc) for name, doc in self.document_data]

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        requested_on, deadline = data.get("requested_on"), data.get("deadline")
        if requested_on and requested_on > today:
            self.add_error("requested_on", OFFICER_ERRORS["requested_future"][1])
        if deadline and deadline < today:
            self.add_error("deadline", OFFICER_ERRORS["deadline_past"][1])
        elif deadline and requested_on and deadline < requested_on:
            self.add_error("deadline", OFFICER_ERRORS["deadline_before_request"][1])
        elif requested_on and self.decision_on and self.decision_on < requested_on:
            self.add_error("requested_on", OFFICER_ERRORS["decision_before_request"][1])
        elif requested_on and not data.get("short_margin_ok"):
            self._check_margin(requested_on, deadline)
        self._document_titles()
        return data

    def _check_margin(self, requested_on, deadline) -> None:
        """The decider needs time to weigh the advice: a deadline less than 2 weeks before the decision (given, or
        the default per body) needs the officer's "toch vragen" (ADR 24)."""
        if self.decision_on is None:
            return
        for body in self.chosen_bodies():
            due = deadline or policy_rules.default_deadline(requested_on, body.advice_period_weeks)
            if policy_rules.margin_too_short(due, self.decision_on):
                self.add_error("deadline", self._margin_message(body, due))
                return

    def _margin_message(self, body, due) -> str:
        days = policy_rules.decision_margin_days(due, self.decision_on)
        values = {"body": body.name, "date": date_format(due, "j F Y"), "n": abs(days)}
        if days >= 0:
            first = ngettext(
                "Het advies van %(body)s komt dan op %(date)s. Dat is maar %(n)s dag voor het besluit.",
                "Het advies van %(body)s komt dan op %(date)s. Dat is maar %(n)s dagen voor het besluit.",
                abs(days),
            )
        else:
            first = ngettext(
                "Het advies van %(body)s komt dan op %(date)s. Dat is %(n)s dag na het besluit.",
                "Het advies van %(body)s komt dan op %(date)s. Dat is %(n)s dagen na het besluit.",
                abs(days),
            )
        return "{} {}".format(
            first % values,
            _(
                "Wie besluit heeft minstens 2 weken nodig om het advies mee te nemen. Kies een eerdere uiterste "
                "datum, verschuif het besluit, of vink hieronder 'Toch vragen' aan."
            ),
        )

    def chosen_bodies(self) -> list:
        return [self.bodies_by_pk[pk] for pk in self.cleaned_data.get("bodies") or []]


class DocumentForm(Form):
    # Required: a file name ("kto.pdf") makes no title that a member understands (walkthrough B15).
    title = forms.CharField(
        label=_("Titel van het stuk"),
        max_length=200,
        help_text=_("Zo ziet de groep het stuk in de lijst, bijvoorbeeld: Concept beleidsregels bijzondere bijstand."),
        error_messages={"required": _("Geef het stuk een titel die de leden begrijpen.")},
    )
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
        return self.cleaned_data["title"].strip()


# ---------------------------------------------------------------- responses


class ResponseForm(Form):
    """The response of the college or GR board: a verdict per recommendation, a reason when not (fully) adopted."""

    responded_on = date_field(_("Datum van de reactie"))
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
            fields[f"reason_{rec.pk}"] = required_when(
                forms.CharField(
                    label=_("Reden bij aanbeveling %(number)s") % {"number": rec.number},
                    max_length=4000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                ),
                _("als de aanbeveling niet of deels is overgenomen"),
            )
        # The verdicts first, then the date and the remarks; the form base adds the component classes to all.
        self.base_fields = {**fields, **type(self).base_fields}
        super().__init__(*args, **kwargs)
        self.initial.setdefault("responded_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        responded_on = data.get("responded_on")
        if responded_on and responded_on > timezone.localdate():
            self.add_error("responded_on", OFFICER_ERRORS["responded_future"][1])
        elif responded_on and self.sent_on and responded_on < self.sent_on:
            self.add_error("responded_on", OFFICER_ERRORS["responded_before_sent"][1])
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
