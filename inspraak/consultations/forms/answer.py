"""Forms of answering a consultation: the code, the language, the questions of one page (or of a whole paper form),
the municipality of an open-link answer, and a batch of codes. No queries: questions and choices are passed in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.consultations.models import DONT_KNOW, SCALE_MAX, SCALE_MIN, QuestionKind
from inspraak.consultations.rules import answer as rules
from inspraak.core.forms import Form, no_optional_marker

ANSWER_ERRORS = {
    rules.REQUIRED: _("Deze vraag moet u beantwoorden."),
    rules.NOT_AN_OPTION: _("Kies een antwoord uit de lijst."),
    rules.SCALE: _("Kies een cijfer van 1 tot 5."),
    rules.TOO_LONG: _("Uw antwoord is te lang: %(length)s tekens. Het mag %(max)s tekens zijn. Maak het wat korter."),
    rules.UNKNOWN: _("Deze vraag hoort niet bij deze raadpleging."),
}


def field_name(question_id: int) -> str:
    return f"q{question_id}"


class Wording:
    """The texts of a consultation in the chosen language: ``texts`` of a Translation (None: Dutch), falling back
    to the Dutch text for a key that is missing."""

    do_not_call_in_templates = True

    def __init__(self, translation=None):
        self.translation = translation
        self.texts = translation.texts if translation is not None else {}

    def __call__(self, key: str, dutch: str) -> str:
        return self.texts.get(key) or dutch

    @property
    def language(self) -> str:
        return self.translation.language if self.translation is not None else "nl"

    @property
    def right_to_left(self) -> bool:
        return bool(self.translation and self.translation.right_to_left)

    def question(self, q) -> str:
        return self(f"question:{q.pk}:text", q.text)

    def help(self, q) -> str:
        return self(f"question:{q.pk}:help_text", q.help_text)

    def option(self, o) -> str:
        return self(f"option:{o.pk}", o.label)

    def section_title(self, s) -> str:
        return self(f"section:{s.pk}:title", s.title)

    def section_introduction(self, s) -> str:
        return self(f"section:{s.pk}:introduction", s.introduction)

    def scale_choices(self, q) -> list[tuple[str, str]]:
        low = self(f"question:{q.pk}:scale_low_label", q.scale_low_label)
        high = self(f"question:{q.pk}:scale_high_label", q.scale_high_label)
        choices = []
        for value in range(SCALE_MIN, SCALE_MAX + 1):
            label = str(value)
            if value == SCALE_MIN and low:
                label = f"{value} – {low}"
            elif value == SCALE_MAX and high:
                label = f"{value} – {high}"
            choices.append((str(value), label))
        if q.dont_know:
            choices.append((str(DONT_KNOW), str(_("Weet ik niet"))))
        return choices


def _question_field(q, wording: Wording, require: bool) -> forms.Field:
    common = {
        "label": wording.question(q),
        "help_text": wording.help(q),
        "required": bool(q.required and require),
        "error_messages": {
            "required": ANSWER_ERRORS[rules.REQUIRED],
            "invalid_choice": ANSWER_ERRORS[rules.NOT_AN_OPTION],
            "invalid_list": ANSWER_ERRORS[rules.NOT_AN_OPTION],
        },
    }
    if q.kind == QuestionKind.SINGLE:
        choices = [(str(o.pk), wording.option(o)) for o in q.options.all()]
        field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    elif q.kind == QuestionKind.MULTIPLE:
        choices = [(str(o.pk), wording.option(o)) for o in q.options.all()]
        field = forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    elif q.kind == QuestionKind.SCALE:
        field = forms.ChoiceField(choices=wording.scale_choices(q), widget=forms.RadioSelect, **common)
    else:
        # No maxlength in the page: a browser would cut a pasted text off without a word. Too long gets a message.
        widget = forms.Textarea(attrs={"rows": 6}) if q.kind == QuestionKind.LONG else forms.TextInput()
        field = forms.CharField(widget=widget, **common)
    if q.required and not require:
        no_optional_marker(field)  # required online; here it may stay empty, without saying "niet verplicht"
    return field


class AnswersForm(Form):
    """The questions of one page (``questions``), in the respondent's language. ``require``: a required question
    left open is an error (on "Volgende" and at the end; not on "Vorige", and not for a paper form)."""

    def __init__(self, data=None, *, questions, wording: Wording | None = None, require: bool = True, **kwargs):
        self.wording = wording or Wording()
        self.questions = list(questions)
        self.require = require
        self.question_rules = rules.question_rules(self.questions)
        # As declared fields, so the base form gives them its classes and checks like any other field.
        self.base_fields = {field_name(q.pk): _question_field(q, self.wording, require) for q in self.questions}
        super().__init__(data, **kwargs)
        self.answers: dict[str, object] = {}
        self.texts: dict[int, str] = {}

    def clean(self):
        cleaned = super().clean()
        answers: dict[str, object] = {}
        texts: dict[int, str] = {}
        for q in self.questions:
            name = field_name(q.pk)
            if name in self.errors:
                continue
            value = cleaned.get(name)
            if q.kind in (QuestionKind.SHORT, QuestionKind.LONG):
                texts[q.pk] = value or ""
            elif value not in (None, "", []):
                answers[str(q.pk)] = value
        rule_by_id = {rule.id: rule for rule in self.question_rules}
        self.answers, self.texts, errors = rules.check_answers(
            [rule_by_id[q.pk] for q in self.questions if field_name(q.pk) not in self.errors],
            answers,
            texts,
            check_required=self.require,
        )
        for question_id, code in errors.items():
            rule = rule_by_id.get(question_id)
            params = {}
            if code == rules.TOO_LONG and rule is not None:
                params = {"length": len(texts.get(question_id, "").strip()), "max": rule.max_length}
            message = ANSWER_ERRORS[code]
            self.add_error(field_name(question_id) if rule else None, message % params if params else message)
        return cleaned

    def fields_of(self, section) -> list:
        """The bound fields of one section's questions (a paper form shows all sections)."""
        return [self[field_name(q.pk)] for q in section.questions.all() if field_name(q.pk) in self.fields]


def initial_answers(stored: dict) -> dict[str, object]:
    """A draft's answers as form initial values (option ids and scale values as strings)."""
    initial: dict[str, object] = {}
    for raw_id, value in stored.items():
        if isinstance(value, list):
            initial[f"q{raw_id}"] = [str(v) for v in value]
        elif value is None:
            continue
        else:
            initial[f"q{raw_id}"] = str(value)
    return initial


class CodeForm(Form):
    code = forms.CharField(
        label=_("Uw code"),
        max_length=40,
        help_text=_("De code staat in de brief. Bijvoorbeeld: ABCD-EF23."),
        error_messages={"required": _("Typ de code uit de brief.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "size": "12"}
        ),
    )


class LanguageForm(Form):
    language = forms.ChoiceField(label=_("Taal / Language"), widget=forms.RadioSelect, required=False)

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "Nederlands"), *languages]
        no_optional_marker(self.fields["language"])


class MunicipalityForm(Form):
    """The municipality of an open-link answer: optional."""

    municipality = forms.ChoiceField(
        label=_("In welke gemeente woont u?"),
        required=False,
        help_text=_("Dit hoeft niet. Het helpt ons om de antwoorden per gemeente te zien."),
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("Zeg ik liever niet"))] + [
            (str(m.pk), m.name) for m in municipalities
        ]
        no_optional_marker(self.fields["municipality"])


class PaperCodeForm(Form):
    code = forms.CharField(
        label=_("Code op het formulier"),
        max_length=40,
        help_text=_("Bijvoorbeeld: ABCD-EF23."),
        error_messages={"required": _("Typ de code die op het formulier staat.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "size": "12"}),
    )

    def clean_code(self):
        code = rules.normalise_code(self.cleaned_data["code"])
        if rules.code_shape(code) != "ok":
            raise forms.ValidationError(
                _("Deze code klopt niet. Een code heeft 8 tekens, zoals ABCD-EF23 (geen O, 0, I of 1).")
            )
        return code


class CodeBatchForm(Form):
    municipality = forms.ChoiceField(label=_("Gemeente"))
    count = forms.IntegerField(
        label=_("Aantal codes"),
        min_value=1,
        max_value=50_000,
        help_text=_("Eén code per brief. Bijvoorbeeld het aantal huishoudens dat u wilt vragen."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "8"}),
        error_messages={"invalid": _("Vul een heel getal in, bijvoorbeeld 3000.")},
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("— Kies —"))] + [(str(m.pk), m.name) for m in municipalities]
