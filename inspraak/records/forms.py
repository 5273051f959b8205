"""Forms for the meeting record. Every check gives a clear Dutch message next to the field and keeps the input."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import Form, VersionedFormMixin, required_when
from inspraak.records import rules
from inspraak.records.models import Agreement, Attendance, FeedbackRecommendation

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Vul een datum in, bijvoorbeeld 12-3-2027.")}


def _too_long():
    return _("Dit is te lang: hoogstens %(limit_value)d tekens.")


class AttendanceForm(Form):
    """One radio group per member; a member left empty is not recorded."""

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {}
        for user, presence in sheet:
            name = f"aanwezig_{user.pk}"
            self.people[name] = user.pk
            self.fields[name] = forms.ChoiceField(
                label=user.name,
                choices=Attendance.Presence.choices,
                required=False,
                initial=presence or None,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Kies aanwezig, afwezig met bericht of afwezig.")},
            )
        # The base class styled the fields it saw in its own __init__; style the ones added here too.
        for name in self.people:
            self.fields[name].widget.attrs["class"] = "utrecht-radio-button utrecht-radio-button--html-input"

    def presences(self) -> dict[int, str]:
        return {user_id: self.cleaned_data[name] for name, user_id in self.people.items() if self.cleaned_data[name]}


class MinutesForm(VersionedFormMixin, Form):
    text = forms.CharField(
        label=_("Verslag"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Dit lezen de leden als u het verslag deelt."),
        error_messages={"required": _("Schrijf het verslag."), "max_length": _too_long()},
    )
    public_text = forms.CharField(
        label=_("Openbare versie"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Deze tekst komt op de openbare pagina als het verslag is vastgesteld. Noem geen cliënten bij naam, "
            "behalve wie daar toestemming voor gaf."
        ),
        error_messages={"max_length": _too_long()},
    )
    approve_by = forms.DateField(
        label=_("Reageren kan tot"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Kwam er tot deze dag geen bezwaar? Dan kunt u het verslag daarna vaststellen."),
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args, approved: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if approved:
            # Approved minutes keep their text; only the public version can still change.
            for name in ("text", "approve_by"):
                self.fields[name].disabled = True


class ApproveForm(Form):
    DEADLINE = "termijn"

    how = forms.ChoiceField(
        label=_("Hoe is het verslag vastgesteld?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het verslag is vastgesteld.")},
    )

    def __init__(self, *args, meetings, deadline_passed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.pk): m for m in meetings}
        choices = [
            (pk, _("In de bijeenkomst van %(date)s") % {"date": date_format(timezone.localtime(m.starts_at), "j F Y")})
            for pk, m in self.meetings.items()
        ]
        if deadline_passed:
            choices.append((self.DEADLINE, _("Niemand maakte bezwaar voor de datum om te reageren")))
        self.fields["how"].choices = choices
        self.fields["how"].error_messages["invalid_choice"] = _("Kies een van de mogelijkheden.")

    def at_meeting(self):
        return self.meetings.get(self.cleaned_data["how"])


class AgreementForm(Form):
    description = forms.CharField(
        label=_("Afspraak"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is er afgesproken? Schrijf het kort en duidelijk."),
        error_messages={"required": _("Schrijf op wat er is afgesproken."), "max_length": _too_long()},
    )
    owner = forms.CharField(
        label=_("Wie doet het"),
        max_length=200,
        help_text=_("Een persoon of een organisatie, bijvoorbeeld: de GR, team Inkomen."),
        error_messages={"required": _("Schrijf op wie het doet."), "max_length": _too_long()},
    )
    due_on = forms.DateField(label=_("Klaar op"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS)

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        if not value:
            raise forms.ValidationError(_("Schrijf op wat er is afgesproken."))
        return value

    def clean_owner(self):
        value = self.cleaned_data["owner"].strip()
        if not value:
            raise forms.ValidationError(_("Schrijf op wie het doet."))
        return value


class AgreementStatusForm(VersionedFormMixin, Form):
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=Agreement.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een status."), "invalid_choice": _("Kies een van de mogelijkheden.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als de afspraak vervalt: schrijf dan waarom."),
        error_messages={"max_length": _too_long()},
    )

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        self.fields["status"].choices = [(v, label) for v, label in Agreement.Status.choices if v != current]

    def clean(self):
        data = super().clean()
        if data.get("status") == Agreement.Status.CANCELLED and not (data.get("note") or "").strip():
            self.add_error("note", _("Schrijf op waarom de afspraak vervalt."))
        return data


class FeedbackForm(VersionedFormMixin, Form):
    topics_text = forms.CharField(
        label=_("Besproken onderwerpen"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Al ingevuld met de agenda van de bijeenkomst. Pas het aan waar nodig."),
        error_messages={"required": _("Schrijf welke onderwerpen besproken zijn."), "max_length": _too_long()},
    )
    views_text = forms.CharField(
        label=_("Wat cliënten zeiden"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Hun ervaringen, meningen en voorstellen. Noem geen namen."),
        error_messages={"required": _("Schrijf wat cliënten zeiden."), "max_length": _too_long()},
    )
    recommendations = forms.CharField(
        label=_("Aanbevelingen"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Eén aanbeveling per regel. Ze krijgen vanzelf een nummer."),
        error_messages={"max_length": _too_long()},
    )
    agreements_text = forms.CharField(
        label=_("Afspraken"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _too_long()},
    )
    public = forms.BooleanField(
        label=_("Openbaar maken na versturen"),
        required=False,
        help_text=_("Dan staat de terugkoppeling ook op de openbare pagina van de bijeenkomst."),
    )

    def clean_recommendations(self):
        items = rules.split_recommendations(self.cleaned_data["recommendations"])
        if any(len(item) > 4000 for item in items):
            raise forms.ValidationError(_("Een aanbeveling is te lang: hoogstens 4000 tekens per regel."))
        return items


class SendForm(Form):
    to = forms.EmailField(
        label=_("E-mailadres van de GR"),
        help_text=_(
            "Het adres van de contactpersoon bij de GR. De beheerder kan een vast adres instellen; dat staat hier al "
            "ingevuld. U kunt het voor deze terugkoppeling veranderen. De leden zien de terugkoppeling daarna ook."
        ),
        error_messages={
            "required": _("Vul het e-mailadres van de GR in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld beleid@gr.nl."),
        },
    )


class ReactionForm(Form):
    """The GR's reaction to one recommendation (prefix: the recommendation number)."""

    reaction = forms.ChoiceField(
        label=_("Reactie van de GR"),
        choices=[("", _("Nog geen reactie")), *FeedbackRecommendation.Reaction.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een van de mogelijkheden.")},
    )
    reaction_text = required_when(
        forms.CharField(
            label=_("Toelichting van de GR"),
            max_length=4000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Verplicht als de aanbeveling niet of deels is overgenomen."),
            error_messages={"max_length": _too_long()},
        ),
        _("als de aanbeveling niet of deels is overgenomen"),
    )

    def clean(self):
        data = super().clean()
        reaction = data.get("reaction")
        if (
            reaction
            and reaction != FeedbackRecommendation.Reaction.ADOPTED
            and not (data.get("reaction_text") or "").strip()
        ):
            self.add_error("reaction_text", _("Schrijf waarom de GR de aanbeveling niet of deels overneemt."))
        if not reaction and (data.get("reaction_text") or "").strip():
            self.add_error("reaction", _("Kies eerst de reactie van de GR."))
        return data
