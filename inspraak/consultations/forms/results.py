"""Forms of the consultation's results part: checking an open answer, publishing with "wat doen we ermee", and
passing a finding on. No queries: choices are passed in by the view."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.consultations.models import LONG_TEXT_MAX
from inspraak.consultations.services.results import EDIT, REMOVE, SHOW
from inspraak.core.forms import Form, VersionedFormMixin, required_when


class ModerationForm(Form):
    """One open answer: show, edit then show, or leave out. The page has one such form per text (``prefix``)."""

    action = forms.ChoiceField(
        label=_("Wat doet u met dit antwoord?"),
        choices=[
            (SHOW, _("Tonen zoals het er staat")),
            (EDIT, _("Aanpassen en dan tonen (haal namen en andere herkenbare dingen weg)")),
            (REMOVE, _("Weglaten")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat u met dit antwoord doet.")},
    )
    text = required_when(
        forms.CharField(
            label=_("Aangepaste tekst"),
            required=False,
            max_length=LONG_TEXT_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Alleen als u 'aanpassen' kiest. Deze tekst komt in plaats van het antwoord."),
            error_messages={"max_length": _("Deze tekst is te lang: hoogstens %(limit_value)d tekens.")},
        ),
        _("als u aanpassen kiest"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == EDIT and not (cleaned.get("text") or "").strip():
            self.add_error("text", _("Typ de aangepaste tekst, of kies 'tonen' of 'weglaten'."))
        return cleaned


class PublishForm(VersionedFormMixin, Form):
    outcome = forms.CharField(
        label=_("Wat doen we ermee?"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Schrijf in gewone woorden wat de GR met de uitkomsten gaat doen. Dit staat bij de resultaten, voor "
            "iedereen. Noem geen namen."
        ),
        error_messages={
            "required": _("Schrijf wat u met de uitkomsten gaat doen. Zonder dit kunt u niet publiceren."),
            "max_length": _("Deze tekst is te lang: hoogstens %(limit_value)d tekens."),
        },
    )


class FindingTopicForm(Form):
    body = forms.ChoiceField(
        label=_("Op de onderwerpenlijst van"),
        error_messages={"required": _("Kies een groep."), "invalid_choice": _("Kies een groep uit de lijst.")},
    )
    title = forms.CharField(
        label=_("Titel van het onderwerp"),
        max_length=200,
        error_messages={"required": _("Geef het onderwerp een titel.")},
    )
    text = forms.CharField(
        label=_("De bevinding"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat kwam uit de raadpleging? De groep ziet dit bij het onderwerp. Noem geen namen."),
        error_messages={
            "required": _("Schrijf de bevinding op."),
            "max_length": _("Deze tekst is te lang: hoogstens %(limit_value)d tekens."),
        },
    )

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("— Kies —")), *[(str(b.pk), b.name) for b in bodies]]


class FindingRequestForm(Form):
    request = forms.ChoiceField(
        label=_("Bij de adviesaanvraag"),
        error_messages={
            "required": _("Kies een adviesaanvraag."),
            "invalid_choice": _("Kies een adviesaanvraag uit de lijst."),
        },
    )
    text = forms.CharField(
        label=_("De bevinding"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat kwam uit de raadpleging? De groep ziet dit bij de adviesaanvraag. Noem geen namen."),
        error_messages={
            "required": _("Schrijf de bevinding op."),
            "max_length": _("Deze tekst is te lang: hoogstens %(limit_value)d tekens."),
        },
    )

    def __init__(self, *args, requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].choices = [
            ("", _("— Kies —")),
            *[(str(r.pk), f"{r.proposal.title} – {r.body.name}") for r in requests],
        ]
