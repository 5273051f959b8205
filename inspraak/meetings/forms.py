"""Forms for meetings. Every check gives a clear Dutch message next to the field and keeps what was typed."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import Form, VersionedFormMixin, latest_date, required_when
from inspraak.meetings import rules


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


def _days(meetings) -> str:
    return ", ".join(date_format(m.day, "j F Y") for m in meetings)


class SeriesForm(Form):
    """Plan a year's series in one go ("4 bijeenkomsten in 2027"): the first day, how often, how many, the time and
    the place. ``clean`` works out every day (``self.series``) and says in plain words which day does not work."""

    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Staat bij elke bijeenkomst. Bijvoorbeeld: Overleg cliëntenpanel. Mag leeg blijven."),
    )
    first_date = forms.DateField(
        label=_("Datum van de eerste bijeenkomst"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 12-3-2027."), "required": _("Vul de datum in.")},
    )
    frequency = forms.ChoiceField(
        label=_("Hoe vaak?"),
        choices=[
            (rules.MONTHLY, _("Elke maand op dezelfde dag van de week (bijvoorbeeld elke 2e dinsdag)")),
            (rules.EVERY_WEEKS, _("Om de zoveel weken op dezelfde dag")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe vaak de groep bij elkaar komt."),
            "invalid_choice": _("Kies hoe vaak de groep bij elkaar komt."),
        },
    )
    every_weeks = required_when(
        forms.IntegerField(
            label=_("Om de hoeveel weken?"),
            min_value=1,
            max_value=rules.SERIES_MAX_WEEKS,
            required=False,
            help_text=_("Bijvoorbeeld 13: dan is het ongeveer eens per kwartaal."),
            error_messages={
                "invalid": _("Vul een getal in, bijvoorbeeld 13."),
                "min_value": _("Vul een getal van 1 tot en met 52 in."),
                "max_value": _("Vul een getal van 1 tot en met 52 in."),
            },
        ),
        _("als u kiest: om de zoveel weken"),
    )
    count = forms.IntegerField(
        label=_("Hoeveel bijeenkomsten?"),
        min_value=2,
        max_value=rules.SERIES_MAX,
        help_text=_("Bijvoorbeeld 4 voor een jaar met vier bijeenkomsten."),
        error_messages={
            "invalid": _("Vul een getal in, bijvoorbeeld 4."),
            "required": _("Vul in hoeveel bijeenkomsten het worden."),
            "min_value": _("Een reeks heeft minstens %(limit_value)s bijeenkomsten. Eén plannen kan ook apart."),
            "max_value": _("Plan hoogstens %(limit_value)s bijeenkomsten in één keer."),
        },
    )
    start_time = MeetingForm.base_fields["start_time"]
    end_time = MeetingForm.base_fields["end_time"]
    place_name = MeetingForm.base_fields["place_name"]
    address = MeetingForm.base_fields["address"]
    accessibility = MeetingForm.base_fields["accessibility"]
    online_url = MeetingForm.base_fields["online_url"]

    def __init__(self, *args, now: datetime.datetime, taken=(), **kwargs):
        """``now``: the clock; ``taken``: (start, end) of the body's meetings already planned, to find clashes."""
        self.now, self.taken, self.series = now, list(taken), []
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if (
            data.get("frequency") == rules.EVERY_WEEKS
            and not data.get("every_weeks")
            and "every_weeks" not in self.errors
        ):
            self.add_error("every_weeks", _("Vul in om de hoeveel weken de groep bij elkaar komt."))
        if (
            not (data.get("place_name") or "").strip()
            and not data.get("online_url")
            and "online_url" not in self.errors
        ):
            self.add_error("place_name", _("Vul een plaats in, of een link om online mee te doen."))
        first, start, end, count = (
            data.get("first_date"),
            data.get("start_time"),
            data.get("end_time"),
            data.get("count"),
        )
        frequency = data.get("frequency")
        if not (first and start and end and count and frequency) or self.errors:
            return data
        if end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
            return data
        zone = timezone.get_current_timezone()
        today = timezone.localtime(self.now).date()
        days = rules.series_dates(
            first=first, frequency=frequency, count=count, every_weeks=data.get("every_weeks") or 1
        )
        self.series = rules.series_check(
            days=days, start=start, end=end, zone=zone, now=self.now, latest=latest_date(today), taken=self.taken
        )
        wrong = {kind: [m for m in self.series if m.problem == kind] for kind in ("gap", "too_far", "past", "clash")}
        if wrong["gap"]:
            self.add_error(
                "start_time",
                _(
                    "Op %(days)s bestaat deze tijd niet: de klok gaat dan een uur vooruit (zomertijd). "
                    "Kies een andere tijd."
                )
                % {"days": _days(wrong["gap"])},
            )
        if wrong["too_far"]:
            self.add_error(
                "count",
                _("De reeks loopt tot na %(latest)s: dat is meer dan tien jaar vooruit. Kies minder bijeenkomsten.")
                % {"latest": date_format(latest_date(today), "j F Y")},
            )
        if wrong["past"]:
            self.add_error(
                "first_date", _("Een nieuwe bijeenkomst kan niet in het verleden liggen. Kies een latere datum.")
            )
        if wrong["clash"]:
            self.add_error(
                "first_date",
                _("Op %(days)s heeft de groep op die tijd al een bijeenkomst. Kies een andere dag of tijd.")
                % {"days": _days(wrong["clash"])},
            )
        return data

    def meetings(self) -> list[dict]:
        """The fields of each meeting of the series, for services.meeting_schedule_series."""
        data = self.cleaned_data
        shared = {name: data[name] for name in ("title", "place_name", "address", "accessibility", "online_url")}
        return [{"starts_at": m.starts_at, "ends_at": m.ends_at, **shared} for m in self.series]
