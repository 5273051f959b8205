"""Forms for trainings. Every check gives a clear Dutch message next to the field and keeps what was typed."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.channels import on_behalf_choices
from inspraak.core.forms import TOO_LONG, Form, VersionedFormMixin
from inspraak.support.forms import MoneyField


class TrainingForm(VersionedFormMixin, Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=150,
        help_text=_("Bijvoorbeeld: Zo lees je een beleidsstuk."),
        error_messages={"required": _("Vul de titel in."), "max_length": TOO_LONG},
    )
    description = forms.CharField(
        label=_("Wat leert u?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In gewone woorden. Leden lezen dit voordat ze zich aanmelden."),
        error_messages={"max_length": TOO_LONG},
    )
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 12-3-2027."), "required": _("Vul de datum in.")},
    )
    start_time = forms.TimeField(
        label=_("Begintijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 14:00."), "required": _("Vul de begintijd in.")},
    )
    end_time = forms.TimeField(
        label=_("Eindtijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 16:00."), "required": _("Vul de eindtijd in.")},
    )
    place = forms.CharField(
        label=_("Plaats"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Buurthuis De Schakel, Dorpsstraat 1."),
        error_messages={"required": _("Vul de plaats in."), "max_length": TOO_LONG},
    )
    seats = forms.IntegerField(
        label=_("Aantal plaatsen"),
        min_value=1,
        max_value=999,
        error_messages={
            "required": _("Vul in hoeveel mensen mee kunnen doen."),
            "invalid": _("Vul een getal in, bijvoorbeeld 12."),
            "min_value": _("Er moet minstens 1 plaats zijn."),
            "max_value": _("Vul een getal tot 999 in."),
        },
    )
    cost = MoneyField(
        label=_("Kosten voor de groep"),
        help_text=_("Wat de training in totaal kost: trainer, zaal. Telt mee in de begroting. Leeg: geen kosten."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seats"].widget.attrs["inputmode"] = "numeric"

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            zone = timezone.get_current_timezone()
            data["starts_at"] = datetime.datetime.combine(day, start, tzinfo=zone)
            data["ends_at"] = datetime.datetime.combine(day, end, tzinfo=zone)
            if end <= start:
                self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
            elif data["starts_at"] <= timezone.now():
                self.add_error("date", _("Kies een datum en tijd die nog moeten komen."))
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place": data["place"],
            "seats": data["seats"],
            "cost": data["cost"] if data["cost"] is not None else 0,
        }


def training_initial(training) -> dict:
    starts, ends = timezone.localtime(training.starts_at), timezone.localtime(training.ends_at)
    return {
        "title": training.title,
        "description": training.description,
        "date": starts.date(),
        "start_time": starts.time().replace(second=0, microsecond=0),
        "end_time": ends.time().replace(second=0, microsecond=0),
        "place": training.place,
        "seats": training.seats,
        "cost": training.cost,
    }


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Waarom gaat de training niet door?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De leden die zich aanmeldden, lezen dit in hun e-mail of brief."),
        error_messages={"required": _("Schrijf kort waarom de training niet doorgaat."), "max_length": TOO_LONG},
    )


class SignupForForm(Form):
    member = forms.ModelChoiceField(
        label=_("Lid"),
        queryset=None,
        error_messages={"required": _("Kies het lid."), "invalid_choice": _("Kies een lid uit de lijst.")},
    )
    channel = forms.ChoiceField(
        label=_("Hoe gaf het lid dit door?"),
        choices=on_behalf_choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe het lid dit doorgaf: telefoon, brief of persoonlijk."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda user: user.name or user.email


class AttendanceForm(Form):
    present = forms.MultipleChoiceField(
        label=_("Wie was er?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vink aan wie er was. Wie u niet aanvinkt, was er niet."),
        error_messages={"invalid_choice": _("Kies alleen mensen uit de lijst.")},
    )

    def __init__(self, *args, signups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(s.pk), s.user.name or s.user.email) for s in signups]
        if not self.is_bound:
            self.initial["present"] = [str(s.pk) for s in signups if s.attended]
