from __future__ import annotations

from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspraak.accounts.forms import PasswordLoginForm


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes calls this when too many attempts failed."""
    return render(request, "accounts/locked_out.html", status=429)


def login_password(request):
    form = PasswordLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            return redirect("core:dashboard")
        form.add_error(None, _("Het e-mailadres of het wachtwoord klopt niet."))
    return render(request, "accounts/login.html", {"form": form})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:home")
