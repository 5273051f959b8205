"""The error pages (400, 403, 404, 500, a refused form, a file that cannot be opened now)."""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------- error pages
# Each tells the person what happened in plain words and what they can do next. They never say whether a
# hidden object exists.

_FALLBACK_500 = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" '
    'content="width=device-width, initial-scale=1"><title>Er ging iets mis</title></head><body>'
    "<main><h1>Er ging iets mis</h1><p>Er ging bij ons iets mis. Probeer het over een paar minuten opnieuw.</p>"
    '<p><a href="/">Naar de startpagina</a></p></main></body></html>'
)


def _error(request, status: int, title: str, text: str, kind: str):
    return render(request, "core/error.html", {"title": title, "text": text, "kind": kind}, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error(
        request,
        400,
        _("Dit verzoek klopt niet"),
        _("De website begrijpt deze vraag niet. Misschien is een link niet compleet, of is een formulier te oud."),
        "bad_request",
    )


@requires_csrf_token
def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("U mag deze pagina niet zien"),
        _("Deze pagina is alleen voor mensen met een bepaalde rol. Denkt u dat u deze pagina wel mag zien?"),
        "forbidden",
    )


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Deze pagina bestaat niet"),
        _("We kunnen deze pagina niet vinden. Misschien is de link oud of zit er een typfout in."),
        "not_found",
    )


def csrf_failure(request, reason=""):
    """A form came back without a valid security token (CSRF_FAILURE_VIEW): say what to do, keep the way back."""
    back = request.headers.get("referer", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    return render(
        request,
        "core/error.html",
        {
            "title": _("Uw formulier is niet verstuurd"),
            "text": _(
                "Voor uw veiligheid controleren we elk formulier. Deze keer lukte dat niet. Wat u had ingevuld, is "
                "niet bewaard."
            ),
            "kind": "csrf",
            "back": back,
        },
        status=403,
    )


def file_unavailable(request):
    """A stored file that exists but cannot be read now (the storage is away or refuses): 503, never a 500."""
    return _error(
        request,
        503,
        _("Het bestand is nu niet te openen"),
        _("Het bestand staat in Inspraak, maar we kunnen het nu niet openen. Dat is niet uw schuld."),
        "unavailable",
    )


@requires_csrf_token
def server_error(request):
    try:
        return _error(
            request,
            500,
            _("Er ging iets mis"),
            _("Er ging bij ons iets mis. Dat is niet uw schuld. Wat u net deed, is misschien niet bewaard."),
            "server_error",
        )
    except Exception:  # the page itself may fail when the database is down: fall back to plain HTML
        logger.exception("Error page could not be rendered")
        return HttpResponse(_FALLBACK_500, status=500)
