"""Forms of the verordening register. Every check gives a clear Dutch message next to the field and keeps what was
typed. Choices (municipalities, bodies) are passed in by the view from selectors: the forms run no queries."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.bylaws import csvformat
from inspraak.bylaws.models import ELEMENT_LABELS, ELEMENTS, AdoptedBy, Bylaw, LegalBasis, TargetGroup
from inspraak.core import documents
from inspraak.core.forms import Form, ModelForm, VersionedFormMixin

DATE_INVALID = _("Vul een datum in, bijvoorbeeld 1-1-2024.")
FILE_TYPE = _("Dit is geen PDF-bestand. Kies de verordening als PDF.")
FILE_TOO_LARGE = _("Dit bestand is te groot. Het mag hoogstens 10 MB zijn.")
FILE_EMPTY = _("Dit bestand is leeg.")
GR_LABEL = _("De regio zelf (GR)")
NUMBER_INVALID = _("Vul een heel getal in, bijvoorbeeld 4.")


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def element_fields(letter: str) -> tuple[str, str, str]:
    return f"element_{letter}", f"element_{letter}_article", f"element_{letter}_quote"


class BylawForm(VersionedFormMixin, ModelForm):
    """One verordening. ``municipalities``: the municipalities the person may record a text for
    (selectors.municipality_choices); ``allow_gr``: whether they may record a text of the GR itself; ``bodies``: the
    region's bodies (selectors.body_choices)."""

    template_name = "bylaws/_bylaw_form.html"

    pdf = forms.FileField(
        label=_("De verordening als PDF"),
        required=False,
        help_text=_("Alleen een PDF-bestand, hoogstens 10 MB. Een nieuw bestand vervangt het oude."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        error_messages={"invalid": _("Dit bestand kon niet gelezen worden. Probeer het opnieuw."), "empty": FILE_EMPTY},
    )

    class Meta:
        model = Bylaw
        fields = [
            "municipality",
            "title",
            "adopted_by",
            "adopted_on",
            "in_force_from",
            "in_force_until",
            "legal_basis",
            "target_group",
            "cvdr_id",
            "official_url",
            *(name for letter in ELEMENTS for name in element_fields(letter)),
            "designated_bodies",
            "other_bodies",
            "min_meetings_per_year",
            "advice_period_weeks",
            "response_period_weeks",
            "evaluation_on",
        ]
        widgets = {
            "adopted_by": forms.RadioSelect,
            "legal_basis": forms.RadioSelect,
            "target_group": forms.RadioSelect,
            "designated_bodies": forms.CheckboxSelectMultiple,
            "other_bodies": forms.Textarea(attrs={"rows": 3}),
            **{f"element_{x}_quote": forms.Textarea(attrs={"rows": 2}) for x in ELEMENTS},
        }
        error_messages = {
            "title": {"required": _("Vul de titel van de verordening in.")},
            "adopted_by": {"required": _("Kies wie de tekst heeft vastgesteld.")},
            "adopted_on": {"required": _("Vul de datum in waarop de tekst is vastgesteld."), "invalid": DATE_INVALID},
            "in_force_from": {"required": _("Vul in vanaf wanneer de tekst geldt."), "invalid": DATE_INVALID},
            "in_force_until": {"invalid": DATE_INVALID},
            "evaluation_on": {"invalid": DATE_INVALID},
            "legal_basis": {"required": _("Kies op welke wet de tekst steunt.")},
            "target_group": {"required": _("Kies welke doelgroep de tekst noemt.")},
            "official_url": {"invalid": _("Vul een volledige link in, die begint met https://")},
            "min_meetings_per_year": {"invalid": NUMBER_INVALID},
            "advice_period_weeks": {"invalid": NUMBER_INVALID},
            "response_period_weeks": {"invalid": NUMBER_INVALID},
        }

    def __init__(self, *args, region, municipalities, allow_gr: bool, bodies, **kwargs):
        self.region = region
        self.document = None
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        municipality.queryset = municipalities
        municipality.label = _("Gemeente")
        municipality.required = not allow_gr
        municipality.empty_label = GR_LABEL if allow_gr else None
        municipality.help_text = _(
            "Van welke gemeenteraad is de verordening? Kies de regio zelf voor een tekst van het bestuur van de GR."
            if allow_gr
            else "Van welke gemeenteraad is de verordening?"
        )
        municipality.error_messages["invalid_choice"] = _("Kies een gemeente uit de lijst.")
        municipality.error_messages["required"] = _("Kies de gemeente.")
        self.fields["adopted_by"].choices = AdoptedBy.choices
        self.fields["legal_basis"].choices = LegalBasis.choices
        self.fields["target_group"].choices = TargetGroup.choices
        self.fields["title"].help_text = _(
            "Zoals boven de tekst staat, bijvoorbeeld: Verordening cliëntenparticipatie."
        )
        self.fields["adopted_by"].help_text = _("Art. 47 vraagt een verordening van de gemeenteraad.")
        self.fields["in_force_until"].help_text = _("Leeg laten zolang de verordening geldt.")
        self.fields["target_group"].help_text = _(
            "Wie mag volgens de tekst meedoen? Kijk naar art. 7 lid 1 en art. 7a."
        )
        self.fields["cvdr_id"].help_text = _("Het nummer op lokaleregelgeving.overheid.nl, bijvoorbeeld CVDR645123.")
        self.fields["cvdr_id"].widget.attrs.update({"autocapitalize": "characters", "spellcheck": "false"})
        self.fields["official_url"].widget.input_type = "url"
        self.fields["official_url"].help_text = _(
            "Bijvoorbeeld de link naar de tekst op lokaleregelgeving.overheid.nl."
        )
        bodies_field = self.fields["designated_bodies"]
        bodies_field.queryset = bodies
        bodies_field.label = _("Groepen die de verordening aanwijst")
        bodies_field.help_text = _("Kies de groepen in Inspraak die de tekst noemt.")
        bodies_field.error_messages["invalid_choice"] = _("Kies groepen uit de lijst.")
        self.fields["other_bodies"].help_text = _(
            "Noemt de tekst een groep die niet in Inspraak staat? Eén naam per regel."
        )
        self.fields["min_meetings_per_year"].help_text = _("Hoe vaak per jaar is er minstens overleg volgens de tekst?")
        self.fields["advice_period_weeks"].help_text = _("Hoeveel weken heeft de groep voor een advies?")
        self.fields["response_period_weeks"].help_text = _("Binnen hoeveel weken komt de reactie op een advies?")
        self.fields["evaluation_on"].help_text = _("Wanneer moet de verordening uiterlijk geëvalueerd zijn?")
        for name in ("adopted_on", "in_force_from", "in_force_until", "evaluation_on"):
            css = self.fields[name].widget.attrs.get("class", "")
            self.fields[name].widget = _date_widget()
            self.fields[name].widget.attrs["class"] = css
        for letter in ELEMENTS:
            regulated, article, quote = element_fields(letter)
            self.fields[regulated].label = _("De verordening regelt dit")
            self.fields[article].label = _("Artikel")
            self.fields[article].help_text = _("Bijvoorbeeld: art. 3 lid 1")
            self.fields[quote].label = _("Korte tekst uit de verordening")

    def groups(self) -> list[tuple[str, str, list]]:
        """(legend, description, bound fields) per fieldset, in order."""
        general = ["municipality", "title", "adopted_by", "adopted_on", "in_force_from", "in_force_until"]
        groups = [
            (_("De verordening"), "", [self[name] for name in general]),
            (_("Wet en doelgroep"), "", [self["legal_basis"], self["target_group"]]),
            (_("Waar staat de tekst?"), "", [self["cvdr_id"], self["official_url"], self["pdf"]]),
        ]
        for letter in ELEMENTS:
            legend = _("Art. 47 %(letter)s: %(label)s") % {"letter": letter, "label": ELEMENT_LABELS[letter]}
            groups.append(
                (
                    legend,
                    _("Vink aan als de verordening dit regelt. Noem het artikel en neem een korte zin over."),
                    [self[name] for name in element_fields(letter)],
                )
            )
        groups.append((_("Groepen"), "", [self["designated_bodies"], self["other_bodies"]]))
        numbers = ["min_meetings_per_year", "advice_period_weeks", "response_period_weeks", "evaluation_on"]
        groups.append((_("Afspraken in getallen"), "", [self[name] for name in numbers]))
        return groups

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_cvdr_id(self):
        return self.cleaned_data["cvdr_id"].replace(" ", "").upper()

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if not upload:
            return None
        if upload.size is not None and upload.size > documents.MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(FILE_TOO_LARGE)
        data = upload.read(documents.MAX_DOCUMENT_BYTES + 1)
        if len(data) > documents.MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(FILE_TOO_LARGE)
        if not data:
            raise forms.ValidationError(FILE_EMPTY)
        checked = documents.check_document(data, allowed=(documents.PDF,))
        if checked is None:
            raise forms.ValidationError(FILE_TYPE)
        self.document = checked
        return upload

    def clean(self):
        data = super().clean()
        start, end = data.get("in_force_from"), data.get("in_force_until")
        if start and end and end < start and "in_force_until" not in self.errors:
            self.add_error("in_force_until", _("Deze datum ligt vóór ‘geldt vanaf’. Kies een latere datum."))
        for letter in ELEMENTS:
            regulated, article, quote = element_fields(letter)
            if not data.get(regulated) and (data.get(article) or data.get(quote)) and regulated not in self.errors:
                self.add_error(
                    regulated,
                    _(
                        "U vulde een artikel of tekst in. Vink dan ook aan dat de verordening dit regelt, "
                        "of maak ze leeg."
                    ),
                )
        return data

    def _post_clean(self):
        self.instance.region = self.region
        super()._post_clean()

    def service_kwargs(self) -> dict:
        """What the service takes: the fields, ``bodies`` and ``document`` (the checked PDF, or None)."""
        data = dict(self.cleaned_data)
        data.pop("pdf", None)
        bodies = list(data.pop("designated_bodies", []))
        return {**data, "bodies": bodies, "document": self.document}


class ImportForm(Form):
    bestand = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("Gescheiden door puntkomma's of komma's, zoals Excel het opslaat. Hoogstens 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": _("Kies een CSV-bestand."),
            "invalid": _("Dit bestand kon niet gelezen worden. Probeer het opnieuw."),
            "empty": _("Het bestand is leeg."),
        },
    )

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        data = upload.read(csvformat.MAX_BYTES + 1)
        if len(data) > csvformat.MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is te groot. Het mag hoogstens 1 MB zijn."))
        if not data.strip():
            raise forms.ValidationError(_("Het bestand is leeg."))
        if b"\x00" in data:
            raise forms.ValidationError(_("Dit is geen CSV-bestand. Sla het bestand in Excel op als CSV."))
        self.data_bytes = data
        return upload
