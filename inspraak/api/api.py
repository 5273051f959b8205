"""The one NinjaAPI of Inspraak's open data API (ADR 19, docs/api.md): version 1 under ``/api/v1``, its OpenAPI 3.1
document generated from the code at ``/api/v1/openapi.json``, every error as ``application/problem+json``."""

from __future__ import annotations

import copy

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from inspraak.api import problems
from inspraak.api.endpoints import bylaws, compliance, composition, consultations, meetings, regions, register
from inspraak.api.schemas import Problem

VERSION = "1.0.0"
MAJOR = "v1"
VERSION_HEADER = "API-Version"

DESCRIPTION = """Open data of Inspraak: the advice register of each region, the meetings of each participation body
with their public agenda, minutes and feedback reports, the composition of a body, the verordeningen
cliëntenparticipatie of a region with their checks, and the art. 47 matrix per municipality and year.

Read only (GET), no login, JSON only, no personal data of clients. Errors are `application/problem+json`
(RFC 9457). Every answer carries the header `API-Version` with the full version; the path holds the major
version. Public answers allow every origin (CORS `Access-Control-Allow-Origin: *`) and may be cached for five
minutes. Lists that grow are paged (`pagina`, with a `Link` header). The readable version of this document is
at `/api/v1/documentatie`."""


class InspraakAPI(NinjaAPI):
    def get_content_type(self) -> str:
        # JSON is UTF-8 by definition (RFC 8259): no charset parameter.
        return "application/json"

    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return finish_schema(schema)


api = InspraakAPI(
    title="Inspraak open data API",
    version=VERSION,
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
    openapi_extra={
        "info": {
            "contact": {"name": "Inspraak", "url": "https://codeberg.org/inspraak/inspraak"},
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "tags": [
            {"name": "Regio's", "description": "Regions (GR), their municipalities and bodies: the entry point."},
            {"name": "Adviesregister", "description": "Every sent advice of a region and what was done with it."},
            {"name": "Bijeenkomsten", "description": "Meetings of a body: public agenda, minutes, feedback."},
            {"name": "Samenstelling", "description": "The composition check and seat allocation of a body."},
            {"name": "Verordeningen", "description": "The verordeningen cliëntenparticipatie and their checks."},
            {"name": "Art. 47", "description": "The art. 47 matrix per municipality and year."},
            {"name": "Raadplegingen", "description": "Published results of consultations, small groups hidden."},
        ],
    },
)


for endpoints in (regions, register, meetings, composition, bylaws, compliance, consultations):
    api.add_router("", endpoints.router)


# ---------------------------------------------------------------- errors


@api.exception_handler(problems.ApiProblem)
def _problem(request: HttpRequest, exc: problems.ApiProblem) -> HttpResponse:
    return problems.problem_response(request, exc.status, exc.detail, invalid_params=exc.invalid_params)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problems.problem_response(request, 404)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return problems.problem_response(request, 400, invalid_params=problems.invalid_params_from(exc.errors))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problems.problem_response(request, exc.status_code)


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    problems.log_unexpected(request, exc)
    return problems.problem_response(request, 500)


# ---------------------------------------------------------------- the generated document, finished


PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
CORS_HEADER_REF = "#/components/headers/Access-Control-Allow-Origin"
ERROR_DESCRIPTIONS = {
    "400": "A parameter has a wrong value (`invalid-params` lists which and why).",
    "404": "Unknown, or not public.",
    "405": "Only GET (and HEAD, OPTIONS) are allowed.",
    "500": "An unexpected error on our side.",
}
HEADERS = {
    VERSION_HEADER: {
        "description": "The full version of the API (semantic versioning).",
        "required": True,
        "schema": {"type": "string", "example": VERSION},
    },
    "Link": {
        "description": "RFC 8288 links to the `first`, `prev`, `next` and `last` page.",
        "required": True,
        "schema": {"type": "string"},
    },
    "Access-Control-Allow-Origin": {
        "description": "`*` on public answers (CORS); absent on an answer with staff-only data.",
        "schema": {"type": "string"},
    },
}


def _problem_components() -> dict:
    schema = Problem.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    return {"Problem": schema, **defs}


def _not_null(node: dict) -> None:
    """A query parameter is absent or has a value; it is never null."""
    options = node.get("anyOf")
    if options and any(option.get("type") == "null" for option in options):
        rest = [option for option in options if option.get("type") != "null"]
        node.pop("anyOf")
        if len(rest) == 1:
            node.update(rest[0])
        else:
            node["anyOf"] = rest


def finish_schema(schema: dict) -> dict:
    """What ninja cannot say by itself: errors are problem+json (400/404/405/500 documented), every answer has the
    API-Version header, the paged list its Link header, and public answers the CORS header."""
    schema = copy.deepcopy(dict(schema))
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {}).update(_problem_components())
    components["headers"] = copy.deepcopy(HEADERS)
    components["responses"] = {
        "MethodNotAllowed": {
            "description": ERROR_DESCRIPTIONS["405"],
            "headers": {
                VERSION_HEADER: {"$ref": f"#/components/headers/{VERSION_HEADER}"},
                "Allow": {"schema": {"type": "string"}, "description": "The allowed methods."},
            },
            "content": {problems.PROBLEM_TYPE: {"schema": PROBLEM_REF}},
        }
    }
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for param in operation.get("parameters", []):
                _not_null(param["schema"])
            responses = {str(code): response for code, response in operation.get("responses", {}).items()}
            operation["responses"] = responses
            responses.setdefault("500", {})
            paged = operation.get("x-paged", False)
            operation.pop("x-paged", None)
            for code, response in responses.items():
                headers = response.setdefault("headers", {})
                headers[VERSION_HEADER] = {"$ref": f"#/components/headers/{VERSION_HEADER}"}
                if int(code) >= 400:
                    response["description"] = ERROR_DESCRIPTIONS.get(code, response.get("description", ""))
                    response["content"] = {problems.PROBLEM_TYPE: {"schema": PROBLEM_REF}}
                else:
                    if response.get("description") == "OK":
                        response["description"] = "The data."
                    headers["Access-Control-Allow-Origin"] = {
                        "$ref": "#/components/headers/Access-Control-Allow-Origin"
                    }
                    if paged:
                        headers["Link"] = {"$ref": "#/components/headers/Link"}
    return schema
