"""Forms for meetings. Every check gives a clear Dutch message next to the field and keeps what was typed."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import Form, VersionedFormMixin, required_when


def _exists(moment: datetime.datetime) -> bool:
    """False for a clock time skipped when summer time starts (in Amsterdam 02:00-03:00 on the last Sunday of March):
    such a time turns into another one on the way to UTC and back."""
    back = moment.astimezone(datetime.UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


class MeetingForm(VersionedFormMixin, Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: Voorjaarsbijeenkomst. Mag leeg blijven."),
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
    place_name = required_when(
        forms.CharField(
            label=_("Plaats"), max_length=200, required=False, help_text=_("Bijvoorbeeld: Buurthuis De Schakel.")
        ),
        _("als er geen link is om online mee te doen"),
    )
    address = forms.CharField(
        label=_("Adres"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    accessibility = forms.CharField(
        label=_("Toegankelijkheid"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: rolstoeltoegankelijk, lift, invalidentoilet, ringleiding, parkeren."),
    )
    online_url = forms.URLField(
        label=_("Link om online mee te doen"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een volledige link in, bijvoorbeeld https://meet.example.nl/abc.")},
    )

    def __init__(self, *args, is_new: bool = True, **kwargs):
        self.is_new = is_new
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            zone = timezone.get_current_timezone()
            data["starts_at"] = datetime.datetime.combine(day, start, tzinfo=zone)
            data["ends_at"] = datetime.datetime.combine(day, end, tzinfo=zone)
            missing = next((name for name in ("starts_at", "ends_at") if not _exists(data[name])), None)
            if missing:
                self.add_error(
                    "start_time" if missing == "starts_at" else "end_time",
                    _(
                        "Deze tijd bestaat niet op die dag: de klok gaat dan een uur vooruit (zomertijd). "
                        "Kies een andere tijd."
                    ),
                )
            elif end <= start:
                self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
            elif self.is_new and data["starts_at"] < timezone.now():
                self.add_error(
                    "date", _("Een nieuwe bijeenkomst kan niet in het verleden liggen. Kies een latere datum.")
                )
        if (
            not (data.get("place_name") or "").strip()
            and not data.get("online_url")
            and "online_url" not in self.errors
        ):
            self.add_error("place_name", _("Vul een plaats in, of een link om online mee te doen."))
        return data

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place_name": data["place_name"],
            "address": data["address"],
            "accessibility": data["accessibility"],
            "online_url": data["online_url"],
        }

    @classmethod
    def initial_for(cls, meeting) -> dict:
        start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        return {
            "title": meeting.title,
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "place_name": meeting.place_name,
            "address": meeting.address,
            "accessibility": meeting.accessibility,
            "online_url": meeting.online_url,
        }


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Waarom gaat de bijeenkomst niet door?"),
        max_length=500,
        help_text=_("De leden krijgen deze reden te zien."),
        error_messages={
            "required": _("Schrijf kort op waarom de bijeenkomst niet doorgaat."),
            "max_length": _("Houd het kort: hoogstens %(limit_value)d tekens."),
        },
    )
