"""The Django side of the API: the wrapper around every API view (version header, CORS, HEAD, 405 and caching), the
readable documentation page rendered from the generated OpenAPI document, and the answers for the API root and for
unknown API paths."""

from __future__ import annotations

import functools
import hashlib
import json

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import etag, require_safe
from ninja.responses import NinjaJSONEncoder

from inspraak.api import docs, problems
from inspraak.api.api import VERSION, VERSION_HEADER, api
from inspraak.audit.cache import Kept, kept_response
from inspraak.core.breadcrumbs import trail

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
EXPOSED_HEADERS = f"{VERSION_HEADER}, Link"
PREFLIGHT_MAX_AGE = 86400
CACHE_SECONDS = 300


def _cors(response: HttpResponse) -> None:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = f"Accept, Accept-Language, {VERSION_HEADER}"
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    _cors(response)
    return response


def api_view(view, *, preflight: bool = True):
    """Wrap an API view: OPTIONS answers the CORS preflight; HEAD runs as GET; any other method than GET is a
    problem+json 405; every answer gets ``API-Version``; a public answer gets ``Access-Control-Allow-Origin: *``
    (not one that holds staff-only data: the endpoint sets ``request.api_private``) and a public 200 may be cached
    for five minutes."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS" and preflight:
            response = _preflight()
        elif request.method not in ("GET", "HEAD", "OPTIONS"):
            response = problems.problem_response(request, 405)
            response["Allow"] = ALLOWED_METHODS
        else:
            head = request.method == "HEAD"
            if head or request.method == "OPTIONS":
                request.method = "GET"
            response = view(request, *args, **kwargs)
            if head:
                request.method = "HEAD"
            if response.status_code == 405:
                response = problems.problem_response(request, 405)
                response["Allow"] = ALLOWED_METHODS
        private = getattr(request, "api_private", False)
        if not private:
            _cors(response)
            if response.status_code == 200 and "Cache-Control" not in response:
                patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        response[VERSION_HEADER] = VERSION
        return response

    wrapper.csrf_exempt = True  # read only: no method here changes anything
    return wrapper


def _not_found(request, rest: str) -> HttpResponse:
    """Any other path under /api/v1/: a problem+json 404."""
    return problems.problem_response(request, 404)


not_found = api_view(_not_found, preflight=False)


@require_safe
def root(request):
    """``/api/v1/``: the readable documentation."""
    return redirect("api:documentation", permanent=True, preserve_request=True)


@functools.cache
def _openapi(prefix: str) -> tuple[Kept, str]:
    """The OpenAPI document as served (and gzipped) and its ETag. It changes only with the code, so it is generated
    once per process (and script prefix): 40 ms of work instead of every request."""
    content = json.dumps(api.get_openapi_schema(path_params={}), cls=NinjaJSONEncoder).encode()
    return Kept.of(content), hashlib.sha256(content).hexdigest()[:32]


def _openapi_etag(request) -> str:
    return _openapi(get_script_prefix())[1]


@etag(_openapi_etag)
def _openapi_json(request):
    """``/api/v1/openapi.json``: the generated document (the same bytes ninja's own view would send)."""
    kept, tag = _openapi(get_script_prefix())
    response = kept_response(request, kept, content_type="application/json")
    # A gzipped answer is another representation of the same document: a weak ETag (as GZipMiddleware does).
    response["ETag"] = f'W/"{tag}"' if response.has_header("Content-Encoding") else f'"{tag}"'
    return response


openapi_json = api_view(_openapi_json)


@functools.cache
def _documentation(language: str, prefix: str) -> tuple[dict, str]:
    """The readable document and the part of the page made from it, rendered once per process and language."""
    doc = docs.readable(json.loads(_openapi(prefix)[0].content))
    return doc, render_to_string("api/_documentation_body.html", {"doc": doc})


@require_safe
def documentation(request):
    """The OpenAPI document of the API as a readable page (no JavaScript, nothing from other hosts)."""
    doc, body = _documentation(get_language(), get_script_prefix())
    return render(
        request,
        "api/documentation.html",
        {
            "doc": doc,
            "body": mark_safe(body),  # noqa: S308 - rendered by the template engine, escaped there
            "openapi_url": request.build_absolute_uri(schema_path()),
            "openapi_path": schema_path(),
            "breadcrumbs": trail((_("Open data (API)"), "")),
        },
    )


def schema_path() -> str:
    return reverse("api:openapi-json")
