from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import Form
from inspraak.twofactor import rules


class AppCodeForm(Form):
    """The first code from a newly linked app."""

    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=20,
        help_text=_("De 6 cijfers die de app nu laat zien. Een spatie in het midden mag."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": _("Typ de 6 cijfers die de app laat zien.")},
    )

    def clean_code(self):
        code = rules.normalize_code(self.cleaned_data["code"])
        if not rules.is_app_code(code):
            raise forms.ValidationError(_("Een code uit de app heeft 6 cijfers, bijvoorbeeld 123 456."))
        return code


class CodeForm(Form):
    """The second step at login: a code from the app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De 6 cijfers uit uw app. Heeft u uw telefoon niet? Typ dan een van uw herstelcodes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
        error_messages={"required": _("Typ de code uit uw app of een herstelcode.")},
    )

    def clean_code(self):
        return rules.normalize_code(self.cleaned_data["code"])


class PasswordCheckForm(Form):
    """The current password, asked again before the second step is switched off."""

    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Typ uw wachtwoord.")},
    )
