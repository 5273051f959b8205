"""Errors of the API as ``application/problem+json`` (RFC 9457; Dutch API Design Rules, ADR 19).

Every error the API gives goes through ``problem_response``: a raised ``ApiProblem``, an unknown object (``Http404``),
a parameter with a wrong value (ninja's ``ValidationError``, with ``invalid-params``), a method that is not allowed
(405, see ``inspraak.api.urls``) and an unexpected error (500, logged)."""

from __future__ import annotations

import json
import logging

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

PROBLEM_TYPE = "application/problem+json"
BLANK = "about:blank"
INVALID_PARAMS_TYPE = "#ongeldige-parameters"  # relative to the documentation page, see docs_type()

logger = logging.getLogger("inspraak.api")


def titles() -> dict[int, str]:
    return {
        400: _("Ongeldige parameter"),
        404: _("Niet gevonden"),
        405: _("Methode niet toegestaan"),
        500: _("Interne fout"),
    }


def default_detail(status: int) -> str:
    return {
        400: _("Een of meer parameters hebben een waarde die niet kan."),
        404: _("Dit bestaat niet, of het is niet openbaar."),
        405: _("Deze methode kan hier niet. Gebruik GET."),
        500: _("Er ging iets mis aan onze kant. Probeer het later nog eens."),
    }.get(status, "")


class ApiProblem(Exception):
    """Raise to answer a problem from an endpoint."""

    def __init__(self, status: int, detail: str = "", *, invalid_params: list[dict] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.invalid_params = invalid_params


def problem_response(
    request: HttpRequest, status: int, detail: str = "", *, invalid_params: list[dict] | None = None
) -> HttpResponse:
    from django.urls import reverse

    data = {
        "type": BLANK,
        "title": titles().get(status, _("Fout")),
        "status": status,
        "detail": detail or default_detail(status),
        "instance": request.get_full_path(),
    }
    if invalid_params is not None:
        data["type"] = request.build_absolute_uri(reverse("api:documentation")) + INVALID_PARAMS_TYPE
        data["invalid-params"] = invalid_params
    response = HttpResponse(json.dumps(data, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE)
    patch_cache_control(response, no_store=True)
    return response


# ---------------------------------------------------------------- validation errors in Dutch


def _reason(name: str, error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        if name == "pagina":
            return _("Vul een paginanummer in, bijvoorbeeld 2.")
        return _("Vul een heel getal in, bijvoorbeeld 2.")
    if kind == "greater_than_equal":
        return _("Vul een getal in van minstens %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Vul een getal in van hoogstens %(limit)s.") % {"limit": ctx.get("le")}
    if kind == "literal_error":
        values = str(ctx.get("expected", "")).replace(" or ", " " + _("of") + " ")
        return _("Kies een van deze waarden: %(values)s.") % {"values": values}
    if kind == "string_pattern_mismatch":
        return _("Gebruik alleen letters, cijfers en streepjes.")
    if kind.startswith("date_"):
        return _("Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-01-31.")
    if kind == "missing":
        return _("Deze parameter is verplicht.")
    return _("Deze waarde kan niet.")


def invalid_params_from(errors: list[dict]) -> list[dict]:
    """ninja/pydantic errors as RFC 9457 ``invalid-params``: the parameter's name and a Dutch reason."""
    params = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "header", "cookie")]
        name = loc[0] if loc else ""
        params.append({"name": name, "reason": _reason(name, error)})
    return params


def log_unexpected(request: HttpRequest, exc: Exception) -> None:
    logger.error("API error on %s", request.get_full_path(), exc_info=exc)
