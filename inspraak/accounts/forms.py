from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from inspraak.accounts.models import Role, User
from inspraak.accounts.tokens import normalize_code
from inspraak.core.forms import Form, InspraakFormMixin, ModelForm


class PasswordLoginForm(Form):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Vul uw e-mailadres in."), "invalid": _("Dit is geen goed e-mailadres.")},
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )


class LoginLinkRequestForm(Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Vul uw e-mailadres in."), "invalid": _("Dit is geen goed e-mailadres.")},
    )


class LoginCodeForm(Form):
    code = forms.CharField(
        label=_("Uw inlogcode"),
        max_length=40,
        help_text=_("Deze code staat in de brief. Bijvoorbeeld: ABCD-EFGH-JKMN. Kleine letters mogen ook."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Vul de inlogcode uit uw brief in.")},
    )

    def clean_code(self):
        code = normalize_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(
                _("Deze code is niet compleet. Een code heeft 12 letters en cijfers, zoals ABCD-EFGH-JKMN.")
            )
        return code


class QueuedPasswordResetForm(LoginLinkRequestForm):
    """Ask for a link to choose a new password: only the address is checked here. The person is looked up in the
    task worker (services.password_reset_send), so the answer's timing reveals nobody's account."""


def _dutch_password_labels(form) -> None:
    form.fields["new_password1"].label = _("Nieuw wachtwoord")
    form.fields["new_password1"].help_text = _("Minstens 10 tekens. Niet alleen cijfers, en niet te makkelijk.")
    form.fields["new_password2"].label = _("Typ het nieuwe wachtwoord nog een keer")
    form.fields["new_password2"].help_text = ""
    for name in ("new_password1", "new_password2"):
        form.fields[name].error_messages["required"] = _("Vul een wachtwoord in.")
    form.error_messages = {**form.error_messages, "password_mismatch": _("De twee wachtwoorden zijn niet hetzelfde.")}


class InspraakSetPasswordForm(InspraakFormMixin, SetPasswordForm):
    """Choose a password without knowing the old one: after a reset link, or when there is none yet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dutch_password_labels(self)


class InspraakPasswordChangeForm(InspraakFormMixin, PasswordChangeForm):
    """Change an existing password: the old one is asked first, so an open session alone is not enough."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dutch_password_labels(self)
        self.fields["old_password"].label = _("Huidig wachtwoord")
        self.fields["old_password"].error_messages["required"] = _("Vul uw huidige wachtwoord in.")
        self.error_messages = {**self.error_messages, "password_incorrect": _("Uw huidige wachtwoord klopt niet.")}


class PersonForm(ModelForm):
    """Name and email as the beheerder types them. The email is not a model field here: a new address only
    becomes the person's after its owner confirms it (services.person_email_propose), and the form never says
    that an address is already in use (that would tell staff who has an account in another region)."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        help_text=_(
            "Zonder e-mailadres logt iemand in met een inlogcode op papier. Een nieuw e-mailadres krijgt eerst een "
            "e-mail: het telt pas als de persoon het bevestigt."
        ),
        error_messages={"invalid": _("Dit is geen goed e-mailadres.")},
    )

    class Meta:
        model = User
        fields = ["name"]
        error_messages = {"name": {"required": _("Vul een naam in.")}}

    field_order = ("name", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("email", self.instance.email or "")

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower() or None


class RoleGrantForm(Form):
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een rol."), "invalid_choice": _("Kies een rol uit de lijst.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
        help_text=_("Alleen voor een beleidsmedewerker van één gemeente. Leeg: beleidsmedewerker van de regio."),
    )
    body = forms.ModelChoiceField(
        label=_("Groep"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een groep uit de lijst.")},
        help_text=_("Nodig voor secretaris, gespreksleider en lid."),
    )

    def __init__(self, *args, municipalities, bodies, **kwargs):
        """``municipalities`` and ``bodies``: the region's, to choose from (regions.selectors.municipality_choices
        and body_choices)."""
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["body"].queryset = bodies

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role in (Role.SECRETARY, Role.FACILITATOR, Role.MEMBER):
            if not data.get("body"):
                self.add_error("body", _("Kies de groep voor deze rol."))
            if data.get("municipality"):
                self.add_error("municipality", _("Bij deze rol hoort geen gemeente; kies alleen de groep."))
        elif role == Role.POLICY_OFFICER and data.get("body"):
            self.add_error("body", _("Een beleidsmedewerker hoort niet bij een groep."))
        elif role == Role.ADMIN and (data.get("body") or data.get("municipality")):
            self.add_error("role", _("Een beheerder geldt voor de hele regio: laat gemeente en groep leeg."))
        elif role == Role.FINANCE and (data.get("body") or data.get("municipality")):
            self.add_error("role", _("Financiën geldt voor de hele regio: laat gemeente en groep leeg."))
        return data


class PeopleSearchForm(Form):
    q = forms.CharField(label=_("Zoek op naam"), required=False, max_length=100)
