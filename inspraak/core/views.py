from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from inspraak.core import selectors


def home(request):
    regions = selectors.public_regions()
    return render(request, "core/home.html", {"regions": regions})


@login_required
def dashboard(request):
    context = selectors.dashboard_for(request.user)
    context["breadcrumbs"] = [{"label": _("Mijn overzicht"), "url": ""}]
    return render(request, "core/dashboard.html", context)


def accessibility(request):
    return render(request, "core/accessibility.html", {"breadcrumbs": [{"label": _("Toegankelijkheid"), "url": ""}]})


def privacy(request):
    return render(request, "core/privacy.html", {"breadcrumbs": [{"label": _("Privacy"), "url": ""}]})


def _error(request, status: int, title: str, text: str):
    return render(request, "core/error.html", {"title": title, "text": text}, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error(request, 400, _("Er ging iets mis"), _("Wij begrijpen deze vraag niet. Probeer het opnieuw."))


@requires_csrf_token
def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("Geen toegang"),
        _("U mag deze pagina niet zien. Denkt u dat dit niet klopt? Vraag het de beheerder."),
    )


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error(request, 404, _("Pagina niet gevonden"), _("Deze pagina bestaat niet (meer). Controleer de link."))


@requires_csrf_token
def server_error(request):
    return _error(
        request,
        500,
        _("Er ging iets mis"),
        _("Er ging bij ons iets mis. Probeer het later opnieuw. Uw gegevens zijn bewaard."),
    )
