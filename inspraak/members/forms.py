"""Forms for memberships. Every check gives a clear Dutch message next to the field and keeps what was typed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import Form, ModelForm, VersionedFormMixin
from inspraak.core.sms import mobile_e164
from inspraak.members.models import CATEGORY_EXPLANATIONS, BodyRole, Category, Membership, Status
from inspraak.regions.models import Body

NO_CONTACT = _("Vul minstens één manier in om dit lid te bereiken: e-mail, telefoon of postadres.")
NO_MOBILE = _("Voor een sms is een mobiel nummer nodig dat begint met 06. Vul het in bij Telefoonnummer.")
DUPLICATE = _("Deze persoon is al lid of kandidaat van deze groep. Pas dat lidmaatschap aan.")
CONTACT_FIELDS = ("contact_email", "contact_phone", "contact_address")
NEEDS_FIELDS = ("needs_large_print", "needs_interpreter", "needs_childcare", "needs_accessible_venue", "needs_other")


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def category_choices() -> list[tuple[str, str]]:
    return [(value, f"{label} – {CATEGORY_EXPLANATIONS[value]}") for value, label in Category.choices]


def _check_contact(form: forms.Form, data: dict) -> None:
    if not any((data.get(name) or "").strip() for name in CONTACT_FIELDS) and not any(
        name in form.errors for name in CONTACT_FIELDS
    ):
        form.add_error("contact_email", NO_CONTACT)


class _ContactAndNeeds:
    """Shared labels and help for the contact route and the accessibility needs."""

    def _setup_contact_and_needs(self) -> None:
        fields = self.fields
        fields["contact_email"].help_text = _("Alles is vrij te kiezen, maar vul minstens één manier in.")
        fields["contact_phone"].widget.input_type = "tel"
        fields["contact_address"].widget = forms.Textarea(
            attrs={"rows": 3, "class": fields["contact_address"].widget.attrs.get("class", "utrecht-textarea")}
        )
        fields["contact_address"].widget.attrs["class"] = "utrecht-textarea"
        fields["needs_other"].help_text = _(
            "Bijvoorbeeld: ik kan niet lang zitten. Alleen de secretaris en de gespreksleider zien dit."
        )


class MembershipForm(VersionedFormMixin, _ContactAndNeeds, ModelForm):
    """Details of a membership, as the secretary fills them in."""

    class Meta:
        model = Membership
        fields = (
            "body_role",
            "category",
            "municipality",
            "term_start",
            "term_end",
            *CONTACT_FIELDS,
            "under_27",
            "under_27_until",
            *NEEDS_FIELDS,
        )
        widgets = {"body_role": forms.RadioSelect, "category": forms.RadioSelect}
        error_messages = {
            "contact_email": {"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
            "term_start": {"invalid": _("Vul een datum in, bijvoorbeeld 1-1-2027.")},
            "term_end": {"invalid": _("Vul een datum in, bijvoorbeeld 31-12-2030.")},
        }

    def __init__(self, *args, body: Body, municipalities, **kwargs):
        """``municipalities``: the choices for the home municipality (selectors.municipality_choices)."""
        self.body = body
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["body_role"].choices = BodyRole.choices
        fields["category"].choices = category_choices()
        fields["category"].help_text = _("Ervaringsdeskundigen tellen in deze groep %(als)s.") % {
            "als": _("als cliënt") if body.experienced_count_as_clients else _("als vertegenwoordiger, niet als cliënt")
        }
        municipality = fields["municipality"]
        municipality.queryset = municipalities
        municipality.error_messages["invalid_choice"] = _("Kies een gemeente uit deze regio.")
        municipality.help_text = _(
            "Waar woont dit lid? Dit is nodig om de zetels eerlijk over de gemeenten te verdelen."
        )
        for name in ("term_start", "term_end", "under_27_until"):
            fields[name].widget = _date_widget()
        fields["term_end"].required = False
        fields["term_end"].help_text = _(
            "Leeg laten: %(years)s jaar na het begin. Een lid kan %(terms)s keer een termijn zitten."
        ) % {"years": body.term_years, "terms": body.max_terms}
        fields["under_27"].help_text = _(
            "Dit is belangrijk voor de vrijwilligersvergoeding. We vragen geen geboortedatum."
        )
        fields["under_27_until"].help_text = _(
            "Alleen de maand is nodig: de dag waarop dit lid 27 wordt, mag de 1e zijn."
        )
        if not self.instance.pk:
            self.initial.setdefault("term_start", timezone.localdate())
        self._setup_contact_and_needs()

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end <= start and "term_end" not in self.errors:
            self.add_error("term_end", _("Het einde van de termijn moet na het begin liggen."))
        if data.get("under_27_until") and not data.get("under_27") and "under_27_until" not in self.errors:
            self.add_error(
                "under_27_until", _("Vul dit alleen in als het lid jonger is dan 27. Of vink dat hierboven aan.")
            )
        category = data.get("category")
        needs_home = self.body.level == Body.Level.REGION and category in (Category.CLIENT, Category.EXPERIENCED)
        if needs_home and not data.get("municipality") and "municipality" not in self.errors:
            self.add_error("municipality", _("Kies de woongemeente van dit lid: die telt mee voor de zetelverdeling."))
        _check_contact(self, data)
        return data

    def _post_clean(self):
        # The service sets the term end and validates the rest; the model's own checks would need body/user.
        pass


class NewMembershipForm(MembershipForm):
    """A new member: the person (found by email, or new) plus the membership details and consent."""

    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres om in te loggen"),
        required=False,
        help_text=_(
            "Het lid krijgt een e-mail en doet mee als het ja zegt. Leeg laten als het lid geen e-mail heeft: dan "
            "krijgt het lid een brief met een inlogcode."
        ),
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(Status.ACTIVE, _("Actief: doet nu mee")), (Status.CANDIDATE, _("Kandidaat: nog niet begonnen"))],
        initial=Status.ACTIVE,
        widget=forms.RadioSelect,
    )
    consent_named_to_members = forms.BooleanField(
        label=_("Het lid vindt het goed dat de andere leden de naam zien"), required=False
    )
    consent_named_publicly = forms.BooleanField(
        label=_("Het lid vindt het goed dat de naam op openbare pagina's staat"),
        required=False,
        help_text=_("Standaard niet. Cliënten mogen op openbare pagina's altijd anoniem blijven."),
    )
    sms_consent = forms.BooleanField(
        label=_("Het lid wil een sms als herinnering, twee dagen voor een bijeenkomst"),
        required=False,
        help_text=_("Mondeling gegeven is genoeg. Vul dan een mobiel nummer (06…) in bij Telefoonnummer."),
    )

    field_order = ("name", "email")

    def __init__(self, *args, sms: bool = True, **kwargs):
        """``sms``: whether this site can send text messages (core.sms.enabled()); without it SMS is not asked."""
        super().__init__(*args, **kwargs)
        self.order_fields(["name", "email", "status", *MembershipForm.Meta.fields])
        if not sms:
            del self.fields["sms_consent"]

    def clean(self):
        data = self.cleaned_data
        # The login address is also a way to reach the member. (Someone who is already a member: the service says so,
        # and the view shows DUPLICATE next to the email address.)
        if data.get("email") and not data.get("contact_email") and "contact_email" not in self.errors:
            data["contact_email"] = data["email"]
        data = super().clean()
        if data.get("sms_consent") and not mobile_e164(data.get("contact_phone") or ""):
            self.add_error("sms_consent", NO_MOBILE)
        return data


class EndMembershipForm(Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        help_text=_("Bijvoorbeeld: verhuisd, termijn voorbij, wil stoppen. Schrijf geen gevoelige gegevens op."),
        error_messages={"max_length": _("Houd de reden kort: hoogstens %(limit_value)d tekens.")},
    )
    ended_on = forms.DateField(
        label=_("Laatste dag"),
        widget=_date_widget(),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 31-12-2026.")},
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        self.membership = membership
        super().__init__(*args, **kwargs)
        self.initial.setdefault("ended_on", timezone.localdate())

    def clean_ended_on(self):
        day = self.cleaned_data["ended_on"]
        if day < self.membership.term_start:
            raise forms.ValidationError(_("Deze dag ligt voor het begin van het lidmaatschap."))
        return day


class InvitationAnswerForm(Form):
    YES, NO = "ja", "nee"
    answer = forms.ChoiceField(
        label=_("Wilt u meedoen?"),
        choices=[(YES, _("Ja, ik doe mee")), (NO, _("Nee, ik doe niet mee"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee."), "invalid_choice": _("Kies ja of nee.")},
    )


class ConsentForm(Form):
    consent_named_to_members = forms.BooleanField(
        label=_("Mijn naam mag zichtbaar zijn voor de andere leden"), required=False
    )
    consent_named_publicly = forms.BooleanField(
        label=_("Mijn naam mag op openbare pagina's staan"),
        required=False,
        help_text=_("U mag altijd anoniem blijven. U kunt dit later weer veranderen."),
    )


class SmsConsentForm(Form):
    """Reminders by text message (ADR 22), on the member's own page."""

    sms_consent = forms.BooleanField(
        label=_("Ik wil een sms als herinnering, twee dagen voor een bijeenkomst"),
        required=False,
        help_text=_("Naar uw mobiele nummer hierboven. De sms is gratis. U kunt dit altijd weer uitzetten."),
    )

    def check_sms_number(self, phone: str) -> bool:
        """False (with a message next to the SMS question) when SMS is asked for without a Dutch mobile number."""
        if self.cleaned_data.get("sms_consent") and not mobile_e164(phone):
            self.add_error("sms_consent", NO_MOBILE)
            return False
        return True


class RecordedConsentForm(ConsentForm, SmsConsentForm):
    """What the secretary records: what the member said (on the phone, at a meeting) or wrote. ``sms``: whether this
    site can send text messages (core.sms.enabled()); without it the SMS question is not asked."""

    field_order = ("consent_named_to_members", "consent_named_publicly", "sms_consent")

    def __init__(self, *args, sms: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not sms:
            del self.fields["sms_consent"]
            return
        field = self.fields["sms_consent"]
        field.label = _("Het lid wil een sms als herinnering, twee dagen voor een bijeenkomst")
        field.help_text = _("Mondeling gegeven is genoeg. De sms gaat naar het mobiele nummer (06…) van het lid.")


class OwnDetailsForm(VersionedFormMixin, _ContactAndNeeds, ModelForm):
    """What a member changes about themself: how to be reached and what they need to take part."""

    class Meta:
        model = Membership
        fields = (*CONTACT_FIELDS, *NEEDS_FIELDS)
        error_messages = {"contact_email": {"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_contact_and_needs()
        self.fields["contact_email"].help_text = _("Hoe wilt u bericht krijgen? Vul minstens één manier in.")

    def clean(self):
        data = super().clean()
        _check_contact(self, data)
        return data

    def _post_clean(self):
        pass
