"""Forms for vacancies, applications and draws. Every check gives a clear Dutch message next to the field and keeps
what was typed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import Form, ModelForm, VersionedFormMixin
from inspraak.recruitment.models import MOTIVATION_MAX, Application, Situation, Vacancy

NO_CONTACT = _("Vul minstens één manier in waarop we u kunnen bereiken: e-mail, telefoon of postadres.")
NO_CONTACT_PAPER = _("Vul minstens één manier in om deze persoon te bereiken: e-mail, telefoon of postadres.")
OTHER_MUNICIPALITY = _(
    "Kies een gemeente uit de lijst. Woont u in een andere gemeente? Dan hoort u niet bij deze groep. "
    "Vraag bij uw eigen gemeente naar een groep waar u mee kunt doen."
)
CONTACT_FIELDS = ("contact_email", "contact_phone", "contact_address")
SEAT_PREFIX = "plaatsen_"
HONEYPOT = "homepage"


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _number_widget() -> forms.TextInput:
    """A text box with the phone's number keyboard: unlike type=number it shows what was typed, also when wrong."""
    return forms.TextInput(attrs={"inputmode": "numeric", "size": "4"})


# ---------------------------------------------------------------- vacancy


class VacancyForm(VersionedFormMixin, ModelForm):
    """The vacancy texts, closing date and status, plus one number of seats per municipality."""

    class Meta:
        model = Vacancy
        fields = Vacancy.EDITABLE_FIELDS
        widgets = {"status": forms.RadioSelect, "meetings_per_year": _number_widget()}
        error_messages = {
            "closes_on": {"invalid": _("Vul een datum in, bijvoorbeeld 31-12-2026.")},
            "meetings_per_year": {"invalid": _("Vul een heel getal in, bijvoorbeeld 4.")},
        }
        help_texts = {
            "title": _("Bijvoorbeeld: Wij zoeken nieuwe leden voor het cliëntenpanel."),
            "about_body": _("In gewone woorden: waar praat de groep over, en wat gebeurt er met het advies?"),
            "what_we_ask": _("Hoeveel tijd kost het? Waar en wanneer zijn de bijeenkomsten? Moet u iets lezen?"),
            "what_you_get": _(
                "De onkostenvergoeding en wat er verder geregeld is. Over de vrijwilligersvergoeding en de "
                "uitkering zetten wij zelf een uitleg op de pagina."
            ),
            "closes_on": _("Tot en met deze dag kunnen mensen zich via de website aanmelden."),
            "paper_address": _(
                "Waar sturen mensen het papieren formulier naartoe? Dit staat op de versie om te printen. "
                "Leeg laten: dan staan daar het telefoonnummer en e-mailadres van de groep."
            ),
        }

    def __init__(self, *args, body, municipalities, seats: dict[int, int], **kwargs):
        self.body = body
        self.municipalities = list(municipalities)
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Vacancy.Status.choices
        self.fields["closes_on"].widget = _date_widget()
        self.fields["paper_address"].widget.attrs["rows"] = 3
        for name in ("about_body", "what_we_ask", "what_you_get"):
            self.fields[name].widget.attrs["rows"] = 4
        for municipality in self.municipalities:
            self.fields[f"{SEAT_PREFIX}{municipality.pk}"] = forms.IntegerField(
                label=_("Plaatsen voor inwoners van %(name)s") % {"name": municipality.name},
                min_value=0,
                max_value=50,
                initial=seats.get(municipality.pk, 0),
                widget=_number_widget(),
                error_messages={
                    "invalid": _("Vul een heel getal in, bijvoorbeeld 2."),
                    "required": _("Vul een aantal in. 0 mag ook."),
                    "min_value": _("Het aantal kan niet kleiner zijn dan 0."),
                    "max_value": _("Hoogstens %(limit_value)s plaatsen per gemeente."),
                },
            )
        first = self.municipalities[0] if self.municipalities else None
        if first is not None:
            self.fields[f"{SEAT_PREFIX}{first.pk}"].help_text = _(
                "Al ingevuld: de plaatsen die nog open zijn volgens de zetelverdeling. U kunt ze aanpassen."
            )

    def clean_closes_on(self):
        day = self.cleaned_data["closes_on"]
        if not self.instance.pk and day < timezone.localdate():
            raise forms.ValidationError(_("Deze datum is al voorbij. Kies een dag vanaf vandaag."))
        return day

    def clean(self):
        data = super().clean()
        seats = [data.get(f"{SEAT_PREFIX}{m.pk}") for m in self.municipalities]
        if self.municipalities and all(n == 0 for n in seats):
            self.add_error(f"{SEAT_PREFIX}{self.municipalities[0].pk}", _("Zoek minstens 1 persoon in een gemeente."))
        return data

    def seat_numbers(self) -> dict:
        return {m: self.cleaned_data[f"{SEAT_PREFIX}{m.pk}"] for m in self.municipalities}

    def vacancy_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in Vacancy.EDITABLE_FIELDS}

    def _post_clean(self):
        # The service validates the model (it sets the body).
        pass


# ---------------------------------------------------------------- application


class ApplicationForm(Form):
    """The public application form: only what is needed. Works without JavaScript."""

    name = forms.CharField(
        label=_("Uw naam"),
        max_length=150,
        error_messages={
            "required": _("Vul uw naam in."),
            "max_length": _("Uw naam mag hoogstens %(limit_value)d tekens zijn."),
        },
    )
    contact_email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": _("Een telefoonnummer heeft hoogstens %(limit_value)d tekens.")},
    )
    contact_address = forms.CharField(
        label=_("Postadres"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages={"max_length": _("Een adres heeft hoogstens %(limit_value)d tekens.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("In welke gemeente woont u?"),
        queryset=None,
        error_messages={"required": _("Kies de gemeente waar u woont."), "invalid_choice": OTHER_MUNICIPALITY},
    )
    situation = forms.ChoiceField(
        label=_("Krijgt u nu een uitkering of hulp bij werk van de gemeente?"),
        choices=Situation.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Bijvoorbeeld bijstand, of hulp om werk te vinden. Wij vragen dit om de groep goed samen te stellen."
        ),
        error_messages={"required": _("Kies het antwoord dat het best bij u past.")},
    )
    motivation = forms.CharField(
        label=_("Waarom wilt u meedoen?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Vertel in een paar zinnen waarom u mee wilt doen. Hoogstens 2.000 tekens."),
        error_messages={"required": _("Schrijf in een paar zinnen waarom u mee wilt doen.")},
    )
    consent_processing = forms.BooleanField(
        label=_("Ik geef toestemming om mijn gegevens te gebruiken voor deze aanmelding"),
        help_text=_(
            "Alleen de secretaris en de gespreksleider van de groep zien uw aanmelding. "
            "Zij gebruiken uw gegevens alleen om te kiezen wie lid wordt en om u het antwoord te geven."
        ),
        error_messages={
            "required": _(
                "Zet een vinkje als u toestemming geeft. Zonder toestemming kunnen wij uw aanmelding niet lezen."
            )
        },
    )
    consent_named_to_members = forms.BooleanField(
        label=_("Als ik lid word, mogen de andere leden mijn naam zien"),
        required=False,
        help_text=_("U mag ook anoniem blijven. U kunt dit later veranderen."),
    )

    # The honeypot: people never see this field (templates render it hidden, see vacancy_public.html); a robot that
    # fills in every field does. A filled-in honeypot gets the normal answer, but nothing is stored.
    homepage = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    no_contact_message = NO_CONTACT

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["contact_email"].help_text = _(
            "Vul minstens één manier in: e-mail, telefoon of postadres. Wij gebruiken dit alleen voor deze aanmelding."
        )
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT]

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))

    def application_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != HONEYPOT}

    def clean_motivation(self):
        # Counted here, on the server, as the applicant sees it: a line break is one character.
        text = self.cleaned_data["motivation"].replace("\r\n", "\n").strip()
        if len(text) > MOTIVATION_MAX:
            raise forms.ValidationError(
                _(
                    "De tekst is %(length)s tekens. Dat is te lang: hoogstens %(max)s. "
                    "Maak de tekst %(over)s tekens korter."
                ),
                params={
                    "length": number_format(len(text), force_grouping=True),
                    "max": number_format(MOTIVATION_MAX, force_grouping=True),
                    "over": number_format(len(text) - MOTIVATION_MAX, force_grouping=True),
                },
            )
        return text

    def clean(self):
        data = super().clean()
        for name in CONTACT_FIELDS:
            if isinstance(data.get(name), str):
                data[name] = data[name].strip()
        if not any(data.get(name) for name in CONTACT_FIELDS) and not any(
            name in self.errors for name in CONTACT_FIELDS
        ):
            self.add_error("contact_email", self.no_contact_message)
        return data


class PaperApplicationForm(ApplicationForm):
    """The same questions, typed over from a paper form by the secretary."""

    no_contact_message = NO_CONTACT_PAPER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        del fields[HONEYPOT]  # only the public form needs a robot trap
        fields["name"].label = _("Naam")
        fields["name"].error_messages["required"] = _("Vul de naam in.")
        fields["municipality"].label = _("Woongemeente")
        fields["municipality"].error_messages["invalid_choice"] = _(
            "Kies een gemeente uit de lijst: alleen gemeenten van deze regio."
        )
        fields["situation"].label = _("Antwoord op de vraag: krijgt u nu een uitkering of hulp bij werk?")
        fields["situation"].help_text = ""
        fields["motivation"].label = _("Motivatie")
        fields["motivation"].help_text = _("Typ over wat op het formulier staat. Hoogstens 2.000 tekens.")
        fields["consent_processing"].label = _("De persoon heeft op het formulier toestemming gegeven")
        fields["consent_processing"].help_text = _(
            "Zonder handtekening bij de toestemming mag u de aanmelding niet invoeren."
        )
        fields["consent_processing"].error_messages["required"] = _(
            "Voer de aanmelding alleen in als de persoon toestemming heeft gegeven."
        )
        fields["consent_named_to_members"].label = _("De persoon vindt het goed dat de andere leden de naam zien")
        fields["consent_named_to_members"].help_text = ""
        fields["contact_email"].help_text = _("Vul minstens één manier in: e-mail, telefoon of postadres.")


# ---------------------------------------------------------------- decisions


class StatusForm(Form):
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=Application.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een status.")},
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        required=False,
        help_text=_(
            "Verplicht bij ‘niet gekozen’. Bijvoorbeeld: geen plaats meer in uw gemeente. "
            "Schrijf geen gevoelige gegevens op."
        ),
        error_messages={"max_length": _("Houd de reden kort: hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, application: Application, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)
        self.initial.setdefault("status", application.status)

    def clean(self):
        data = super().clean()
        no_reason = not (data.get("reason") or "").strip()
        if data.get("status") == Application.Status.NOT_CHOSEN and no_reason and "reason" not in self.errors:
            self.add_error("reason", _("Schrijf op waarom deze persoon niet gekozen is."))
        if self.application.membership_id and data.get("status") not in (None, Application.Status.CHOSEN):
            self.add_error("status", _("Deze persoon is al lid. Beëindig dat lidmaatschap bij de leden."))
        return data


class DrawForm(Form):
    municipality = forms.ChoiceField(
        label=_("Voor welke gemeente?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    seats = forms.IntegerField(
        label=_("Hoeveel mensen worden er geloot?"),
        min_value=1,
        max_value=50,
        widget=_number_widget(),
        help_text=_("De open plaatsen in deze gemeente: de plaatsen van de vacature min wie al gekozen is."),
        error_messages={
            "required": _("Vul een aantal in."),
            "invalid": _("Vul een heel getal in, bijvoorbeeld 2."),
            "min_value": _("Loot minstens 1 persoon."),
            "max_value": _("Hoogstens %(limit_value)s."),
        },
    )
    others_not_chosen = forms.BooleanField(
        label=_("Wie niet wordt geloot, krijgt de status ‘niet gekozen’ met als reden ‘Loting’"),
        required=False,
        help_text=_("Zonder vinkje blijven zij staan zoals ze nu staan en beslist u later."),
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = {str(line.municipality.pk): line for line in lines}
        self.fields["municipality"].choices = [
            (
                key,
                _("%(name)s: %(suitable)s geschikt, %(open)s plaats(en) open")
                % {
                    "name": line.municipality.name,
                    "suitable": line.suitable,
                    "open": max(line.seats - line.chosen, 0),
                },
            )
            for key, line in self.lines.items()
        ]
        needing = [line for line in lines if line.draw_needed]
        if needing:
            self.initial.setdefault("municipality", str(needing[0].municipality.pk))
            self.initial.setdefault("seats", max(needing[0].seats - needing[0].chosen, 1))

    def clean(self):
        data = super().clean()
        line = self.lines.get(data.get("municipality") or "")
        seats = data.get("seats")
        if line is not None and seats and line.suitable <= seats and "seats" not in self.errors:
            self.add_error(
                "seats",
                _(
                    "Er zijn %(suitable)s geschikte mensen voor %(seats)s plaatsen. Loten is alleen nodig als er meer "
                    "geschikte mensen zijn dan plaatsen."
                )
                % {"suitable": line.suitable, "seats": seats},
            )
        if line is not None:
            data["municipality_obj"] = line.municipality
        return data
