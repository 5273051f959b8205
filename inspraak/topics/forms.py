"""Forms for topics. Plain words; every check gives a clear Dutch message next to the field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.channels import Channel, on_behalf_choices
from inspraak.core.forms import Form, required_when
from inspraak.topics.models import Theme, TopicStatus

ACTIONS = {
    "agenda": _("Op de agenda van een bijeenkomst zetten"),
    "forward": _("Doorsturen naar een andere groep (daar past het beter)"),
    "decline": _("Niet op de agenda: met de reden"),
    "discussed": _("Besproken in de bijeenkomst"),
    "done": _("Afhandelen: schrijf wat ermee gedaan is"),
}
ACTIONS_FOR = {
    TopicStatus.SUBMITTED: ("agenda", "forward", "decline", "done"),
    TopicStatus.ON_AGENDA: ("discussed", "done"),
    TopicStatus.DISCUSSED: ("done",),
}


def theme_field(*, label, help_text="") -> forms.ChoiceField:
    """The practical theme as plain radio buttons; not required (the facilitator can choose it later)."""
    return forms.ChoiceField(
        label=label,
        choices=Theme.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"invalid_choice": _("Kies een van de mogelijkheden.")},
    )


class TopicForm(Form):
    theme = theme_field(
        label=_("Waar gaat het over?"),
        help_text=_("Kies wat het beste past. Weet u het niet? Dan mag u dit overslaan."),
    )
    title = forms.CharField(
        label=_("Uw onderwerp in een paar woorden"),
        max_length=150,
        help_text=_("Bijvoorbeeld: Brieven zijn moeilijk te lezen."),
        error_messages={
            "required": _("Schrijf in een paar woorden waar het over gaat."),
            "max_length": _("Maak het korter: hoogstens %(limit_value)d tekens."),
        },
    )
    description = forms.CharField(
        label=_("Vertel er iets meer over"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat gaat er mis, of wat kan beter? Schrijf geen namen of gegevens van andere mensen op."),
        error_messages={
            "required": _("Vertel kort wat er aan de hand is."),
            "max_length": _("Maak het korter: hoogstens %(limit_value)d tekens."),
        },
    )
    on_behalf_of = forms.ModelChoiceField(
        label=_("Namens"),
        queryset=None,
        required=False,
        help_text=_("Belde of schreef een lid met dit onderwerp? Kies dat lid. Het lid krijgt dan de antwoorden."),
        error_messages={"invalid_choice": _("Kies een lid uit de lijst.")},
    )

    channel = forms.ChoiceField(
        label=_("Hoe gaf het lid dit door?"),
        choices=on_behalf_choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, members=None, **kwargs):
        """``members``: who a topic can be entered for (selectors.body_members), or None to leave "namens" (and how
        the member passed it on) out."""
        super().__init__(*args, **kwargs)
        if members is None:
            del self.fields["on_behalf_of"]
            del self.fields["channel"]
        else:
            field = self.fields["on_behalf_of"]
            field.queryset = members
            field.empty_label = _("— niemand: ik dien het zelf in —")
            required_when(self.fields["channel"], _("als u namens een lid invult"))

    def clean(self):
        data = super().clean()
        for name in ("title", "description"):
            if name in data and not data[name].strip():
                self.add_error(name, self.fields[name].error_messages["required"])
        if "channel" in self.fields:
            if not data.get("on_behalf_of"):
                data["channel"] = Channel.ONLINE  # one's own topic; a choice made by mistake does not count
            elif not data.get("channel") and "channel" not in self.errors:
                self.add_error("channel", _("Kies hoe het lid dit doorgaf: telefoon, brief of persoonlijk."))
        return data


class ThemeForm(Form):
    """The facilitator labels a topic with its theme (for the counts in the annual report)."""

    theme = theme_field(label=_("Thema"), help_text=_("Voor de telling per thema in het jaarverslag."))


class HandleForm(Form):
    action = forms.ChoiceField(label=_("Wat gebeurt er met dit onderwerp?"), widget=forms.RadioSelect)
    meeting = forms.ModelChoiceField(
        label=_("Bijeenkomst"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een bijeenkomst uit de lijst.")},
    )
    to_body = forms.ModelChoiceField(
        label=_("Doorsturen naar"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een groep uit de lijst.")},
    )
    answer = forms.CharField(
        label=_("Antwoord voor het lid"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In gewone woorden: wat is er gedaan, of waarom niet? Het lid leest dit."),
        error_messages={"max_length": _("Maak het korter: hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, topic, meetings, targets, **kwargs):
        """``meetings`` and ``targets``: the choices (selectors.agenda_meetings and selectors.forward_targets)."""
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(a, ACTIONS[a]) for a in ACTIONS_FOR.get(topic.status, ())]
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            timezone.localtime(m.starts_at).strftime("%d-%m-%Y %H:%M") + (f" – {m.title}" if m.title else "")
        )
        self.fields["to_body"].queryset = targets
        required_when(self.fields["meeting"], _("als u kiest: op de agenda"))
        required_when(self.fields["to_body"], _("als u kiest: doorsturen"))
        required_when(self.fields["answer"], _("als u afhandelt of niet op de agenda zet"))

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == "agenda" and not data.get("meeting") and "meeting" not in self.errors:
            self.add_error("meeting", _("Kies de bijeenkomst waarop het onderwerp komt."))
        if action == "forward" and not data.get("to_body") and "to_body" not in self.errors:
            self.add_error("to_body", _("Kies de groep waar het onderwerp naartoe gaat."))
        if action in ("done", "decline") and not (data.get("answer") or "").strip() and "answer" not in self.errors:
            self.add_error(
                "answer",
                _("Schrijf wat er met het onderwerp gedaan is.")
                if action == "done"
                else _("Schrijf waarom het onderwerp niet op de agenda komt."),
            )
        return data
