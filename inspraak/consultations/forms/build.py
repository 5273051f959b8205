"""Forms of building a consultation. No queries: choices are passed in. Every check gives a clear Dutch message next
to the field and keeps what was typed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from inspraak.consultations.models import CHOICE_KINDS, QuestionKind
from inspraak.consultations.rules import build as rules
from inspraak.core.forms import TOO_LONG, Form, VersionedFormMixin, no_optional_marker

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
# Fields added after the base form set its classes get them here.
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA = "utrecht-textarea"


def _datetime(label, help_text=""):
    return forms.DateTimeField(
        label=label,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%d-%m-%Y"],
        error_messages={
            "required": _("Vul de datum en tijd in."),
            "invalid": _("Vul een datum en tijd in, bijvoorbeeld 12-3-2027 09:00."),
        },
    )


class ConsultationForm(VersionedFormMixin, Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Kort en duidelijk. Bijvoorbeeld: Wat vindt u van onze brieven?"),
        error_messages={"required": _("Vul de titel in."), "max_length": TOO_LONG},
    )
    introduction = forms.CharField(
        label=_("Inleiding"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Schrijf in gewone woorden: waarom vragen we dit, wat gebeurt er met de antwoorden, tot wanneer kan het, "
            "en dat het anoniem is. Na het opslaan ziet u hoe makkelijk de tekst te lezen is."
        ),
        error_messages={"required": _("Schrijf een korte inleiding."), "max_length": TOO_LONG},
    )
    opens_at = _datetime(_("Open vanaf"))
    closes_at = _datetime(_("Open tot"), _("Na dit moment kan niemand meer antwoorden."))
    municipalities = forms.MultipleChoiceField(
        label=_("Voor de cliënten van"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies de gemeenten. Codes maakt u per gemeente."),
        error_messages={
            "required": _("Kies minstens één gemeente."),
            "invalid_choice": _("Kies alleen gemeenten uit de lijst."),
        },
    )
    contact_name = forms.CharField(
        label=_("Wie beantwoordt vragen?"),
        max_length=120,
        help_text=_("De naam die de deelnemers lezen, bijvoorbeeld: Sanne de Wit, beleidsmedewerker."),
        error_messages={"required": _("Vul in wie vragen beantwoordt."), "max_length": TOO_LONG},
    )
    contact_phone = forms.CharField(
        label=_("Telefoon"), max_length=30, required=False, error_messages={"max_length": TOO_LONG}
    )
    contact_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in, zoals naam@gemeente.nl.")},
    )
    open_link = forms.BooleanField(
        label=_("Iedereen met de link mag meedoen (open link)"),
        required=False,
        help_text=_("Deze antwoorden tellen apart mee. Iemand kan één keer per browser meedoen."),
    )

    def __init__(self, *args, municipalities, locked_ids=frozenset(), creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = creating
        self.locked_ids = frozenset(locked_ids)
        self.fields["municipalities"].choices = [(str(m.pk), m.name) for m in municipalities]
        self._by_pk = {str(m.pk): m for m in municipalities}
        if self.locked_ids:
            self.fields["municipalities"].help_text = _(
                "Er zijn al antwoorden. U kunt een gemeente toevoegen, maar niet weghalen."
            )

    def clean_municipalities(self):
        chosen = self.cleaned_data["municipalities"]
        missing = [
            self._by_pk[str(pk)].name for pk in self.locked_ids if str(pk) not in chosen and str(pk) in self._by_pk
        ]
        if missing:
            raise forms.ValidationError(
                _("Er zijn al antwoorden. Deze gemeenten kunt u niet meer weghalen: %(names)s."),
                params={"names": ", ".join(sorted(missing))},
            )
        return chosen

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes:
            if closes <= opens:
                self.add_error("closes_at", _("Kies een moment na 'open vanaf'."))
            elif self.creating and closes <= timezone.now():
                self.add_error("closes_at", _("Kies een moment dat nog moet komen."))
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "introduction": data["introduction"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "contact_name": data["contact_name"],
            "contact_phone": data["contact_phone"],
            "contact_email": data["contact_email"],
            "open_link": data["open_link"],
            "municipalities": [self._by_pk[pk] for pk in data["municipalities"]],
        }


def consultation_initial(consultation, municipality_ids) -> dict:
    return {
        "title": consultation.title,
        "introduction": consultation.introduction,
        "opens_at": timezone.localtime(consultation.opens_at),
        "closes_at": timezone.localtime(consultation.closes_at),
        "municipalities": [str(pk) for pk in sorted(municipality_ids)],
        "contact_name": consultation.contact_name,
        "contact_phone": consultation.contact_phone,
        "contact_email": consultation.contact_email,
        "open_link": consultation.open_link,
    }


class StatusForm(Form):
    to = forms.ChoiceField(choices=(), widget=forms.HiddenInput)

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(step, step) for step in steps]


class MoveForm(Form):
    direction = forms.ChoiceField(choices=[(rules.UP, rules.UP), (rules.DOWN, rules.DOWN)], widget=forms.HiddenInput)


class SectionForm(Form):
    title = forms.CharField(
        label=_("Titel van het deel"),
        max_length=200,
        help_text=_("Elk deel is één pagina. Bijvoorbeeld: Over de brieven."),
        error_messages={"required": _("Vul de titel van het deel in."), "max_length": TOO_LONG},
    )
    introduction = forms.CharField(
        label=_("Uitleg bij dit deel"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )


class QuestionForm(Form):
    """A new question, or a change of one. ``locked``: there are answers, so only the wording can change (the kind,
    required, "weet ik niet" and adding or removing choices are not offered)."""

    kind = forms.ChoiceField(
        label=_("Soort vraag"),
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort vraag."), "invalid_choice": _("Kies een soort uit de lijst.")},
    )
    text = forms.CharField(
        label=_("Vraag"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Eén vraag tegelijk, in gewone woorden. Liefst korter dan 15 woorden."),
        error_messages={"required": _("Vul de vraag in."), "max_length": TOO_LONG},
    )
    help_text = forms.CharField(
        label=_("Uitleg bij de vraag"), max_length=500, required=False, error_messages={"max_length": TOO_LONG}
    )
    required = forms.BooleanField(label=_("Verplicht: de deelnemer moet deze vraag beantwoorden"), required=False)
    options = forms.CharField(
        label=_("Keuzes (één per regel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen bij één keuze of meer keuzes: minstens 2, hoogstens 20."),
    )
    scale_low_label = forms.CharField(
        label=_("Woord bij 1 (schaal)"),
        max_length=60,
        required=False,
        help_text=_("Bijvoorbeeld: Heel slecht."),
        error_messages={"max_length": TOO_LONG},
    )
    scale_high_label = forms.CharField(
        label=_("Woord bij 5 (schaal)"),
        max_length=60,
        required=False,
        help_text=_("Bijvoorbeeld: Heel goed."),
        error_messages={"max_length": TOO_LONG},
    )
    dont_know = forms.BooleanField(label=_("'Weet ik niet' als keuze (schaal)"), required=False, initial=True)

    def __init__(self, *args, existing_options=(), locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked = locked
        self.existing = list(existing_options)
        if self.existing:
            self.fields["options"].label = _("Nieuwe keuzes (één per regel)")
            self.fields["options"].help_text = _("Komen onder de keuzes hierboven.")
        for option in self.existing:
            name = f"option_{option.pk}"
            self.fields[name] = no_optional_marker(
                forms.CharField(
                    label=_("Keuze: %(label)s") % {"label": option.label},
                    max_length=200,
                    required=locked,
                    widget=forms.TextInput(attrs={"class": TEXTBOX}),
                    help_text="" if locked else _("Maak leeg om deze keuze weg te halen."),
                    error_messages={"required": _("Een keuze kan niet leeg zijn."), "max_length": TOO_LONG},
                )
            )
            self.initial.setdefault(name, option.label)
        # The choice fields come right after the question; new ones after them.
        order = ["kind", "text", "help_text", "required", *[f"option_{o.pk}" for o in self.existing], "options"]
        self.order_fields(order)
        if locked:
            for name in ("kind", "required", "dont_know", "options"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        kind = self.initial.get("kind") if self.locked else data.get("kind")
        if kind in CHOICE_KINDS:
            labels = [data.get(f"option_{o.pk}") or "" for o in self.existing]
            labels = rules.clean_labels(labels + (data.get("options") or "").splitlines())
            target = "options" if "options" in self.fields else None
            if len(labels) < rules.MIN_OPTIONS:
                self.add_error(target, _("Geef minstens 2 keuzes, elk op een eigen regel."))
            elif len(labels) > rules.MAX_OPTIONS:
                self.add_error(target, _("Geef hoogstens 20 keuzes."))
            elif double := rules.duplicate_labels(labels):
                self.add_error(target, _("Deze keuze staat er twee keer: %(labels)s.") % {"labels": ", ".join(double)})
            for line in (data.get("options") or "").splitlines():
                if len(line.strip()) > 200:
                    self.add_error("options", _("Maak elke keuze korter: hoogstens 200 tekens."))
                    break
        return data

    def create_values(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data["help_text"],
            "required": data["required"],
            "scale_low_label": data["scale_low_label"],
            "scale_high_label": data["scale_high_label"],
            "dont_know": data["dont_know"],
            "options": (data.get("options") or "").splitlines(),
        }

    def update_values(self) -> dict:
        data = self.cleaned_data
        labels = {o.pk: data.get(f"option_{o.pk}") or "" for o in self.existing}
        values = {
            "text": data["text"],
            "help_text": data["help_text"],
            "scale_low_label": data["scale_low_label"],
            "scale_high_label": data["scale_high_label"],
            "option_labels": {pk: label for pk, label in labels.items() if label.strip()},
        }
        if not self.locked:
            values |= {
                "kind": data["kind"],
                "required": data["required"],
                "dont_know": data["dont_know"],
                "new_options": (data.get("options") or "").splitlines(),
                "removed_options": [pk for pk, label in labels.items() if not label.strip()],
            }
        return values


def question_initial(question) -> dict:
    return {
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "scale_low_label": question.scale_low_label,
        "scale_high_label": question.scale_high_label,
        "dont_know": question.dont_know,
    }


class NewTranslationForm(Form):
    language = forms.CharField(
        label=_("Taalcode"),
        max_length=10,
        help_text=_("Twee letters, bijvoorbeeld en (Engels), ar (Arabisch), tr (Turks) of pl (Pools)."),
        error_messages={"required": _("Vul de taalcode in."), "max_length": TOO_LONG},
    )
    name = forms.CharField(
        label=_("Naam van de taal, in die taal"),
        max_length=40,
        help_text=_("Zo ziet de deelnemer de taal in de lijst. Bijvoorbeeld: English, العربية, Türkçe, Polski."),
        error_messages={"required": _("Vul de naam van de taal in."), "max_length": TOO_LONG},
    )
    right_to_left = forms.BooleanField(
        label=_("Deze taal leest van rechts naar links"),
        required=False,
        help_text=_("Bijvoorbeeld Arabisch, Perzisch of Hebreeuws."),
    )

    def clean_language(self):
        code = rules.normal_language(self.cleaned_data["language"])
        if not rules.valid_language(code):
            raise forms.ValidationError(_("Vul een taalcode in van 2 of 3 letters, bijvoorbeeld en. Niet nl."))
        return code


WHAT = {
    "title": _("Titel"),
    "introduction": _("Inleiding"),
    "section_title": _("Titel van het deel"),
    "section_introduction": _("Uitleg bij het deel"),
    "question": _("Vraag"),
    "help_text": _("Uitleg bij de vraag"),
    "scale_low_label": _("Woord bij 1"),
    "scale_high_label": _("Woord bij 5"),
    "option": _("Keuze"),
}


def text_field_name(key: str) -> str:
    return "t_" + key.replace(":", "_")


class TranslationForm(Form):
    """Every text of the consultation in one form: each field labelled with the Dutch text it translates."""

    name = NewTranslationForm.base_fields["name"]
    right_to_left = NewTranslationForm.base_fields["right_to_left"]

    def __init__(self, *args, items, language: str, rtl: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            limit = 4000 if item.long else 500
            field = no_optional_marker(
                forms.CharField(
                    label=f"{WHAT[item.what]}: {Truncator(item.dutch).chars(200)}",
                    required=False,
                    max_length=limit,
                    widget=forms.Textarea(attrs={"rows": 4 if item.long else 2, "class": TEXTAREA}),
                    error_messages={"max_length": TOO_LONG},
                )
            )
            field.widget.attrs.update({"lang": language, "dir": "rtl" if rtl else "ltr"})
            self.fields[text_field_name(item.key)] = field

    def texts(self) -> dict[str, str]:
        return {item.key: self.cleaned_data.get(text_field_name(item.key)) or "" for item in self.items}


def translation_initial(translation, items) -> dict:
    initial = {"name": translation.name, "right_to_left": translation.right_to_left}
    for item in items:
        initial[text_field_name(item.key)] = translation.texts.get(item.key, "")
    return initial
