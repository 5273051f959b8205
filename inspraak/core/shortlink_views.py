"""The public short-link pages: ``/k/`` (type the code from your letter) and ``/k/<code>/`` (go to its page).

Both are open to everyone: the code only leads to a page, and that page does its own access checks (a member who is
not logged in is asked to log in first). Wrong codes get a kind Dutch answer, never an error page of the server;
many wrong codes from one internet address are slowed down, so nobody can try all codes.
"""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from inspraak.core import ratelimit, shortlinks
from inspraak.core.breadcrumbs import trail
from inspraak.core.forms import Form
from inspraak.core.net import client_ip

# Wrong codes per internet address per hour before the form waits: enough for a person making typing mistakes.
WRONG_CODES = ratelimit.Limit("shortlink_wrong", 30)

UNKNOWN = _("Deze code kennen we niet. Kijk goed naar de code in uw brief en typ hem opnieuw.")
MALFORMED = _("Een code heeft 6 tekens, zoals K7M-4QP. Kijk goed naar de code in uw brief.")


class CodeForm(Form):
    code = forms.CharField(
        label=_("Code uit uw brief"),
        max_length=20,
        help_text=_("Bijvoorbeeld K7M-4QP. Kleine letters, spaties en streepjes mogen."),
    )


def _crumbs():
    return trail((_("Code uit uw brief"), ""))


def _form_page(request, form, *, status=200):
    return render(request, "core/shortlink.html", {"form": form, "breadcrumbs": _crumbs()}, status=status)


def _go(request, typed: str, form):
    """Redirect to the page of the typed code, or show the form with a clear message (404: the code is unknown)."""
    if ratelimit.is_exceeded(WRONG_CODES, client_ip(request)):
        return ratelimit.too_many_response(request, breadcrumbs=_crumbs())
    if not shortlinks.normalize(typed):
        form.add_error("code", MALFORMED)
        ratelimit.hit(WRONG_CODES, client_ip(request))
        return _form_page(request, form, status=404)
    link = shortlinks.resolve(typed)
    if link is None:
        form.add_error("code", UNKNOWN)
        ratelimit.hit(WRONG_CODES, client_ip(request))
        return _form_page(request, form, status=404)
    return redirect(link.path)


def enter(request):
    """``/k/``: "Typ de code uit uw brief". The form is sent with GET, so it works without a session or cookie."""
    if "code" not in request.GET:
        return _form_page(request, CodeForm())
    form = CodeForm(request.GET)
    if not form.is_valid():
        return _form_page(request, form)
    return _go(request, form.cleaned_data["code"], form)


def go(request, code: str):
    """``/k/<code>/``: the QR code and the printed address lead here."""
    form = CodeForm({"code": code[:20]})
    if not form.is_valid():  # a code of more than 20 characters: certainly not one of ours
        return _form_page(request, form, status=404)
    return _go(request, code, form)
