"""The schema fuzzer (ADR 19): Schemathesis generates requests for every operation of the generated OpenAPI document
and sends them to the WSGI application, on the test world's data. Every answer must be no server error, have a
status code, content type and headers the document declares, and a body valid against the declared schema.

Deterministic (derandomized) and small (a modest number of examples per operation), so it runs in seconds in the
normal suite, on SQLite and on PostgreSQL (it is not a browser test)."""

from __future__ import annotations

import copy

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks

from config.wsgi import application
from inspraak.api.api import api
from inspraak.api.endpoints.params import MAX_ID
from tests.agenda.data import agenda
from tests.bylaws.data import bylaw_data
from tests.compliance.data import compliance_data
from tests.consultations.data import consultation_data
from tests.records.data import records
from tests.register.data import register_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_keep_the_test_connection")]

WORLD_DATA = (register_data, agenda, records, bylaw_data, compliance_data, consultation_data)

# Slugs of the test world (tests/world.py) and one that does not exist, so the fuzzer reaches real data often.
REGIONS = ["noordkust", "bestaat-niet"]
BODIES = ["clientenpanel", "asd-zeedorp", "bestaat-niet"]
MUNICIPALITIES = ["zeedorp", "duinstad", "heidedorp", "bestaat-niet"]
FOCUS = {
    "region": REGIONS,
    "body": BODIES,
    "gemeente": MUNICIPALITIES,
    "orgaan": BODIES,
    "municipality": MUNICIPALITIES,
}
YEARS = {"type": "integer", "enum": [2015, 2025, 2026, 2027]}  # 2027 has not begun (tests.world.NOW is in 2026)
ID_CHOICES = {"type": "integer", "minimum": 0, "maximum": 15}  # an index into the world's ids, see _real_ids

CHECKS = [
    not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
# The fuzzer calls the app through WSGI, which does not undo a gzip Content-Encoding as a real client does (the
# compression itself: tests/core/test_compression.py). Ask for the plain body.
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture
def _keep_the_test_connection():
    """The WSGI app closes the database connection after each request (``close_old_connections``); in a test that
    would close the test's transaction (on PostgreSQL). Django's test client switches it off the same way."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


def _focused(document: dict) -> dict:
    """The generated document with the path and filter parameters narrowed to the test world's values (plus one
    unknown value). The responses, which the checks validate against, stay exactly as generated."""
    document = copy.deepcopy(document)
    for operations in document["paths"].values():
        for operation in operations.values():
            for param in operation.get("parameters", []):
                if param["name"] in FOCUS and param["in"] in ("path", "query"):
                    param["schema"] = {"type": "string", "enum": FOCUS[param["name"]]}
                elif param["name"] == "year":
                    param["schema"] = dict(YEARS)
                elif param["in"] == "path" and param["schema"].get("type") == "integer":
                    param["schema"] = dict(ID_CHOICES)
    return document


def _schema():
    loaded = schemathesis.openapi.from_dict(_focused(api.get_openapi_schema(path_params={})))
    loaded.app = application
    return loaded


schema = _schema()


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, world):
    drawn = (case.path_parameters or {}).get("pk")
    if type(drawn) is int and 0 <= drawn <= ID_CHOICES["maximum"]:  # negative cases keep their wrong values
        ids = _real_ids()
        case.path_parameters["pk"] = ids[drawn % len(ids)]
    case.call_and_validate(checks=CHECKS, headers=PLAIN)


def _real_ids() -> list[int]:
    """The numbers of the world's meetings, proposals and verordeningen (they differ per database and run), and an
    unknown one."""
    from inspraak.bylaws.models import Bylaw
    from inspraak.meetings.models import Meeting
    from inspraak.policy.models import Proposal

    meetings = Meeting.objects.filter(body__region__slug=REGIONS[0]).values_list("pk", flat=True)
    proposals = Proposal.objects.filter(region__slug=REGIONS[0]).values_list("pk", flat=True)
    bylaws = Bylaw.objects.filter(region__slug=REGIONS[0]).values_list("pk", flat=True)
    ids = sorted({*meetings, *proposals, *bylaws})
    return [*ids, MAX_ID]


def test_the_fuzzed_document_is_the_served_document(client):
    """The fuzzer narrows only parameters: what it validates the answers against is the served document."""
    served = client.get("/api/v1/openapi.json").json()
    focused = _focused(served)
    for path, operations in served["paths"].items():
        for method, operation in operations.items():
            assert focused["paths"][path][method]["responses"] == operation["responses"]
    assert focused["components"] == served["components"]


def _good_requests(world) -> list[tuple[str, dict, dict]]:
    """One request with real data per operation (the fuzzer may not hit each of them with a 200)."""
    region = world.region.slug
    body = {"region": region, "body": world.body.slug}
    return [
        ("/api/v1/regio/{region}/adviezen", {"region": region}, {}),
        ("/api/v1/regio/{region}/adviezen", {"region": region}, {"soort": "gevraagd", "gemeente": "zeedorp"}),
        ("/api/v1/regio/{region}/voorstellen/{pk}", {"region": region, "pk": register_data(world).decided.pk}, {}),
        ("/api/v1/regio/{region}/voorstellen/{pk}", {"region": region, "pk": register_data(world).late.pk}, {}),
        ("/api/v1/organen/{region}/{body}/bijeenkomsten", body, {}),
        ("/api/v1/organen/{region}/{body}/bijeenkomsten/{pk}", {**body, "pk": records(world).closed.pk}, {}),
        ("/api/v1/organen/{region}/{body}/bijeenkomsten/{pk}", {**body, "pk": agenda(world).published.pk}, {}),
        ("/api/v1/organen/{region}/{body}/samenstelling", body, {}),
        ("/api/v1/regio", {}, {}),
        ("/api/v1/regio/{region}/verordeningen", {"region": region}, {}),
        ("/api/v1/regio/{region}/verordeningen", {"region": region}, {"datum": "2009-06-01"}),
        ("/api/v1/regio/{region}/verordeningen/{pk}", {"region": region, "pk": bylaw_data(world).zeedorp.pk}, {}),
        ("/api/v1/regio/{region}/verordeningen/{pk}", {"region": region, "pk": bylaw_data(world).duinstad.pk}, {}),
        ("/api/v1/regio/{region}/verordeningen/{pk}", {"region": region, "pk": bylaw_data(world).gr.pk}, {}),
        ("/api/v1/regio/{region}/art-47/{year}", {"region": region, "year": 2026}, {}),
        ("/api/v1/regio/{region}/art-47/{year}", {"region": region, "year": 2025}, {}),
        (
            "/api/v1/regio/{region}/art-47/{year}/gemeenten/{municipality}",
            {"region": region, "year": 2026, "municipality": world.municipality_2.slug},
            {},
        ),
        ("/api/v1/regio/{region}/raadplegingen", {"region": region}, {}),
        (
            "/api/v1/regio/{region}/raadplegingen/{pk}",
            {"region": region, "pk": consultation_data(world).published.pk},
            {},
        ),
    ]


def test_real_answers_conform_to_the_schema(world, client):
    loaded = _schema()
    seen = set()
    for path, path_parameters, query in _good_requests(world):
        case = loaded[path]["GET"].Case(path_parameters=path_parameters or None, query=query or None)
        response = case.call_and_validate(checks=CHECKS, headers=PLAIN)
        assert response.status_code == 200, (path, response.status_code)
        seen.add(path)
    assert seen == set(loaded.raw_schema["paths"]), "every operation has a real answer here"


def test_the_staff_answer_with_memberships_conforms_to_the_schema(world, client):
    client.force_login(world.user("officer_region"))
    cookie = client.cookies["sessionid"].value
    path = "/api/v1/organen/{region}/{body}/samenstelling"
    case = _schema()[path]["GET"].Case(path_parameters={"region": world.region.slug, "body": world.body.slug})
    response = case.call_and_validate(checks=CHECKS, cookies={"sessionid": cookie}, headers=PLAIN)
    assert response.status_code == 200 and "memberships" in response.json()
