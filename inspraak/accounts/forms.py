from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import Form


class PasswordLoginForm(Form):
    username = forms.EmailField(label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
