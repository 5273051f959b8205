"""Forms of the signals. Every check gives a clear Dutch message next to the field and keeps what was typed. Choices
(municipalities, themes, meetings) are passed in by the view from selectors: the forms run no queries."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.bylaws.forms import ImportForm as BylawImportForm
from inspraak.core.forms import Form
from inspraak.signals import rules
from inspraak.signals.services import FigureRow

COUNT_INVALID = _("Vul een heel getal in, bijvoorbeeld 12.")
SCORE_INVALID = _("Vul een cijfer in van 1 tot 10, met hoogstens één cijfer achter de komma. Bijvoorbeeld 6,5.")


def _count(label, help_text="") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=1_000_000,
        help_text=help_text,
        error_messages={
            "invalid": COUNT_INVALID,
            "min_value": _("Een aantal is 0 of meer."),
            "max_value": _("Dit aantal is te groot."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class FiguresForm(Form):
    """The figures of one municipality and quarter: per theme the KTO score with its respondents and the number of
    complaints; the objections of all themes with their outcomes. ``municipalities``: those the person may enter
    for; ``themes``: the region's active themes; ``years``: the years to choose from (newest first)."""

    template_name = "signals/_figures_form.html"

    municipality = forms.ChoiceField(label=_("Gemeente"), error_messages={"required": _("Kies de gemeente.")})
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int, error_messages={"required": _("Kies het jaar.")})
    quarter = forms.TypedChoiceField(
        label=_("Kwartaal"),
        coerce=int,
        choices=[(n, _("Kwartaal %(n)s") % {"n": n}) for n in range(1, 5)],
        error_messages={"required": _("Kies het kwartaal.")},
    )
    bezwaren_aantal = _count(_("Aantal bezwaren"), _("Alle bezwaren van dit kwartaal samen. Leeg: geen cijfers."))
    bezwaren_gegrond = _count(_("Gegrond"))
    bezwaren_ongegrond = _count(_("Ongegrond"))
    bezwaren_ingetrokken = _count(_("Ingetrokken"))
    bron = forms.CharField(
        label=_("Bron"),
        required=False,
        max_length=100,
        help_text=_("Waar komen de cijfers vandaan? Bijvoorbeeld: KTO 2026 en klachtregistratie. Geen namen."),
        error_messages={"max_length": _("Hoogstens 100 tekens.")},
    )

    def __init__(self, *args, municipalities, themes, years, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = list(themes)
        self.today = today
        self.municipality_by_pk = {str(m.pk): m for m in municipalities}
        self.fields["municipality"].choices = [("", _("— Kies —")), *((str(m.pk), m.name) for m in municipalities)]
        self.fields["municipality"].error_messages["invalid_choice"] = _("Kies een gemeente uit de lijst.")
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].error_messages["invalid_choice"] = _("Kies een jaar uit de lijst.")
        self.fields["quarter"].error_messages["invalid_choice"] = _("Kies een kwartaal uit de lijst.")
        for theme in self.themes:
            self.fields[f"kto_{theme.key}_score"] = forms.DecimalField(
                label=_("Cijfer"),
                required=False,
                min_value=rules.SCORE_MIN,
                max_value=rules.SCORE_MAX,
                max_digits=3,
                decimal_places=1,
                localize=True,
                error_messages={
                    "invalid": SCORE_INVALID,
                    "min_value": SCORE_INVALID,
                    "max_value": SCORE_INVALID,
                    "max_digits": SCORE_INVALID,
                    "max_decimal_places": SCORE_INVALID,
                    "max_whole_digits": SCORE_INVALID,
                },
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
            )
            self.fields[f"kto_{theme.key}_n"] = _count(_("Aantal antwoorden"))
            self.fields[f"klachten_{theme.key}"] = _count(_("Aantal klachten"))
            for name in (f"kto_{theme.key}_score", f"kto_{theme.key}_n", f"klachten_{theme.key}"):
                self.fields[name].widget.attrs["class"] = (
                    "utrecht-textbox utrecht-textbox--html-input inspraak-signal-input"
                )

    def groups(self) -> list[tuple[str, str, list]]:
        """(legend, description, bound fields) per fieldset, in order."""
        groups = [(_("Welk kwartaal?"), "", [self["municipality"], self["year"], self["quarter"]])]
        for theme in self.themes:
            groups.append(
                (
                    theme.label,
                    _("Vul in wat u weet. Leeg laten mag."),
                    [self[f"kto_{theme.key}_score"], self[f"kto_{theme.key}_n"], self[f"klachten_{theme.key}"]],
                )
            )
        groups.append(
            (
                _("Bezwaren"),
                _("Alle bezwaren samen, met de uitkomst als die bekend is."),
                [
                    self["bezwaren_aantal"],
                    self["bezwaren_gegrond"],
                    self["bezwaren_ongegrond"],
                    self["bezwaren_ingetrokken"],
                ],
            )
        )
        groups.append((_("Waar komen de cijfers vandaan?"), "", [self["bron"]]))
        return groups

    def clean_municipality(self):
        return self.municipality_by_pk.get(self.cleaned_data["municipality"])

    def clean(self):
        data = super().clean()
        year, quarter = data.get("year"), data.get("quarter")
        if year and quarter and rules.is_future(rules.Quarter(year, quarter), self.today):
            self.add_error("quarter", _("Dit kwartaal is nog niet begonnen. Kies een eerder kwartaal."))
        for theme in self.themes:
            score, n = f"kto_{theme.key}_score", f"kto_{theme.key}_n"
            if data.get(score) is not None and not data.get(n) and n not in self.errors:
                self.add_error(n, _("Vul in hoeveel mensen antwoord gaven (minstens 1)."))
            if data.get(n) and data.get(score) is None and score not in self.errors:
                self.add_error(score, _("Vul het cijfer in, of maak het aantal antwoorden leeg."))
        outcomes = [data.get(f"bezwaren_{x}") for x in ("gegrond", "ongegrond", "ingetrokken")]
        if "bezwaren_aantal" not in self.errors and rules.outcome_problem(data.get("bezwaren_aantal"), *outcomes):
            self.add_error(
                "bezwaren_gegrond",
                _("Gegrond, ongegrond en ingetrokken samen zijn meer dan het aantal bezwaren. Vul ook het aantal in.")
                if data.get("bezwaren_aantal") is None
                else _("Gegrond, ongegrond en ingetrokken samen zijn meer dan het aantal bezwaren."),
            )
        return data

    @property
    def period(self) -> rules.Quarter:
        return rules.Quarter(self.cleaned_data["year"], self.cleaned_data["quarter"])

    def rows(self) -> list[FigureRow]:
        data = self.cleaned_data
        source = data.get("bron", "").strip()
        rows = []
        for theme in self.themes:
            score = data.get(f"kto_{theme.key}_score")
            if score is not None:
                rows.append(
                    FigureRow(rules.KTO, theme, count=data[f"kto_{theme.key}_n"], score=Decimal(score), source=source)
                )
            complaints = data.get(f"klachten_{theme.key}")
            if complaints is not None:
                rows.append(FigureRow(rules.COMPLAINTS, theme, count=complaints, source=source))
        if data.get("bezwaren_aantal") is not None:
            rows.append(
                FigureRow(
                    rules.OBJECTIONS,
                    None,
                    count=data["bezwaren_aantal"],
                    upheld=data.get("bezwaren_gegrond"),
                    rejected=data.get("bezwaren_ongegrond"),
                    withdrawn=data.get("bezwaren_ingetrokken"),
                    source=source,
                )
            )
        return rows

    @staticmethod
    def initial_from(figures, themes) -> dict:
        """The form's values from the figures already saved for one municipality and quarter."""
        initial: dict = {}
        for figure in figures:
            if figure.kind == rules.KTO and figure.theme is not None:
                initial[f"kto_{figure.theme.key}_score"] = figure.score
                initial[f"kto_{figure.theme.key}_n"] = figure.count
            elif figure.kind == rules.COMPLAINTS and figure.theme is not None:
                initial[f"klachten_{figure.theme.key}"] = figure.count
            elif figure.kind == rules.OBJECTIONS and figure.theme is None:
                initial["bezwaren_aantal"] = figure.count
                initial["bezwaren_gegrond"] = figure.upheld
                initial["bezwaren_ongegrond"] = figure.rejected
                initial["bezwaren_ingetrokken"] = figure.withdrawn
            if figure.source:
                initial["bron"] = figure.source
        return initial


class ImportForm(BylawImportForm):
    """The CSV file (the verordening register's upload checks: size, empty, not a CSV)."""


class ThemeForm(Form):
    label = forms.CharField(
        label=_("Naam van het thema"),
        max_length=80,
        help_text=_("Kort en duidelijk, bijvoorbeeld: Brieven en uitleg."),
        error_messages={"required": _("Vul de naam van het thema in."), "max_length": _("Hoogstens 80 tekens.")},
    )
    active = forms.BooleanField(
        label=_("In gebruik"),
        required=False,
        initial=True,
        help_text=_("Zet een thema uit als u het niet meer gebruikt. De cijfers blijven bewaard."),
    )

    def __init__(self, *args, with_active: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_active:
            del self.fields["active"]


class SettingsForm(Form):
    public = forms.BooleanField(
        label=_("Signalen openbaar maken"),
        required=False,
        help_text=_(
            "Iedereen ziet dan de grafieken en tabellen op een openbare pagina. Aantallen onder de 5 staan er als "
            "“minder dan 5”."
        ),
    )


class TopicForm(Form):
    title = forms.CharField(
        label=_("Onderwerp"),
        max_length=150,
        error_messages={"required": _("Vul het onderwerp in."), "max_length": _("Hoogstens 150 tekens.")},
    )
    description = forms.CharField(
        label=_("Uitleg"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Met de cijfers. Schrijf in gewone woorden. Noem geen namen."),
        error_messages={"required": _("Vul de uitleg in."), "max_length": _("Hoogstens 2000 tekens.")},
    )
    meeting = forms.ModelChoiceField(
        label=_("Op de agenda van"),
        queryset=None,
        required=False,
        empty_label=_("Nog geen bijeenkomst: het onderwerp wacht bij de onderwerpen"),
        error_messages={"invalid_choice": _("Kies een bijeenkomst van deze groep die nog moet komen.")},
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            timezone.localtime(m.starts_at).strftime("%d-%m-%Y %H:%M") + (f" – {m.title}" if m.title else "")
        )


class FollowUpForm(Form):
    follow_up = forms.CharField(
        label=_("Wat heeft de regio gedaan?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bijvoorbeeld: de brieven over de uitkering zijn herschreven. Noem geen namen."),
        error_messages={"max_length": _("Hoogstens 1000 tekens.")},
    )
