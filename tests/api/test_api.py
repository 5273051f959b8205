"""The open data API's rules (ADR 19): problem+json errors, version header, CORS, pagination, the redirects of the
former URLs, fixed query counts, and a valid OpenAPI 3.1 document whose every path is reachable and in the matrix."""

from __future__ import annotations

import jsonschema_rs
import pytest
from django.urls import resolve, reverse
from schemathesis.specs.openapi.definitions import OPENAPI_31

from inspraak.api.api import VERSION
from inspraak.bylaws.models import Bylaw
from inspraak.register.selectors import API_PAGE_SIZE
from tests.agenda.data import agenda
from tests.api.matrix import CASES
from tests.bylaws.data import bylaw_data, make_bylaw
from tests.compliance.data import compliance_data
from tests.quality.queries import assert_constant_queries
from tests.records.data import records
from tests.register.data import days, register_data, sent_advice

pytestmark = pytest.mark.django_db

WORLD_DATA = (register_data, agenda, records, bylaw_data, compliance_data)
PROBLEM = "application/problem+json"


def _advices(world, **query):
    return reverse("api:advices", kwargs={"region": world.region.slug})


def _problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == status and body["detail"] and body["title"]
    assert response["API-Version"] == VERSION
    return body


# ---------------------------------------------------------------- problem+json


def test_an_unknown_region_is_a_problem_404(client, world):
    body = _problem(client.get("/api/v1/regio/bestaat-niet/adviezen"), 404)
    assert body["type"] == "about:blank" and body["instance"] == "/api/v1/regio/bestaat-niet/adviezen"


def test_an_unknown_api_path_is_a_problem_404(client, world):
    _problem(client.get("/api/v1/bestaat/niet"), 404)
    _problem(client.get("/api/v1/regio/noordkust/verordeningen/"), 404)  # no trailing slashes (API-48)


def test_a_wrong_parameter_is_a_problem_400_with_invalid_params_in_dutch(client, world):
    url = _advices(world)
    body = _problem(client.get(url, {"pagina": "twee", "soort": "soms"}), 400)
    assert body["type"].endswith("/api/v1/documentatie#ongeldige-parameters")
    reasons = {param["name"]: param["reason"] for param in body["invalid-params"]}
    assert reasons["pagina"] == "Vul een paginanummer in, bijvoorbeeld 2."
    assert reasons["soort"].startswith("Kies een van deze waarden")
    body = _problem(client.get(reverse("api:bylaws", kwargs={"region": "noordkust"}), {"datum": "gisteren"}), 400)
    assert body["invalid-params"] == [
        {"name": "datum", "reason": "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-01-31."}
    ]
    _problem(client.get("/api/v1/regio/noordkust/voorstellen/-1"), 400)
    _problem(client.get("/api/v1/regio/noordkust/voorstellen/99999999999999999999999"), 400)


def test_another_method_is_a_problem_405_with_allow(client, world):
    for method in (client.post, client.put, client.delete, client.patch):
        response = method(_advices(world))
        _problem(response, 405)
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_an_unexpected_error_is_a_problem_500_without_details(client, world, monkeypatch):
    from inspraak.members import selectors

    def broken(body):
        raise RuntimeError("geheime details")

    monkeypatch.setattr(selectors, "composition_json", broken)
    response = client.get(reverse("api:composition", kwargs={"region": "noordkust", "body": "clientenpanel"}))
    body = _problem(response, 500)
    assert "geheime details" not in response.content.decode() and body["detail"]


# ---------------------------------------------------------------- version, CORS, caching


def test_every_answer_has_the_full_version_and_public_ones_allow_every_origin(client, world):
    for url in ("/api/v1/regio", "/api/v1/openapi.json", _advices(world), "/api/v1/regio/x/adviezen"):
        response = client.get(url)
        assert response["API-Version"] == VERSION == "1.0.0"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "API-Version" in response["Access-Control-Expose-Headers"]
    response = client.get("/api/v1/regio")
    assert response["Cache-Control"] == "public, max-age=300" and response["Content-Type"] == "application/json"


def test_the_cors_preflight_allows_get(client, world):
    response = client.options(_advices(world), headers={"Origin": "https://example.org"})
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert int(response["Access-Control-Max-Age"]) > 0


def test_head_answers_like_get(client, world):
    assert client.head(_advices(world)).status_code == 200


def test_the_staff_answer_is_not_cached_and_not_shared_across_origins(client, world):
    url = reverse("api:composition", kwargs={"region": world.region.slug, "body": world.body.slug})
    public = client.get(url)
    assert public["Access-Control-Allow-Origin"] == "*" and "memberships" not in public.json()
    assert public["Cache-Control"] == "public, max-age=300"
    client.force_login(world.user("secretary"))
    staff = client.get(url)
    assert "memberships" in staff.json()
    assert "no-store" in staff["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in staff


# ---------------------------------------------------------------- pagination


def test_the_register_pages_have_link_headers_with_the_filters(client, world):
    for i in range(API_PAGE_SIZE + 5):
        sent_advice(world, world.body, subject=f"Advies {i}", sent_on=days(-300 - i))
    url = _advices(world)
    first = client.get(url, {"orgaan": "clientenpanel"})
    links = first["Link"]
    base = "http://testserver" + url + "?orgaan=clientenpanel&pagina="
    assert f'<{base}1>; rel="first"' in links and f'<{base}2>; rel="next"' in links
    assert f'<{base}2>; rel="last"' in links and 'rel="prev"' not in links
    second = client.get(url, {"orgaan": "clientenpanel", "pagina": "2"})
    assert f'<{base}1>; rel="prev"' in second["Link"] and 'rel="next"' not in second["Link"]
    assert second.json()["previous"] == base + "1"


# ---------------------------------------------------------------- the former URLs


@pytest.mark.parametrize(
    ("old", "new", "kwargs"),
    [
        ("register:api_advices", "api:advices", lambda w: {"region": w.region.slug}),
        ("register:api_proposal", "api:proposal", lambda w: {"region": w.region.slug, "pk": 7}),
        ("publicmeetings:api_meetings", "api:meetings", lambda w: {"region": w.region.slug, "body": w.body.slug}),
        (
            "publicmeetings:api_meeting",
            "api:meeting",
            lambda w: {"region": w.region.slug, "body": w.body.slug, "pk": 7},
        ),
        ("members:api_composition", "api:composition", lambda w: {"region": w.region.slug, "body": w.body.slug}),
    ],
)
def test_the_former_urls_redirect_permanently_keeping_the_query(client, world, old, new, kwargs):
    response = client.get(reverse(old, kwargs=kwargs(world)), {"soort": "gevraagd", "pagina": "2"})
    assert response.status_code == 308
    assert response["Location"] == reverse(new, kwargs=kwargs(world)) + "?soort=gevraagd&pagina=2"
    assert not response["Location"].endswith("/") and "/api/v1/" in response["Location"]


# ---------------------------------------------------------------- query counts


def test_bylaw_endpoints_run_a_fixed_number_of_queries(client, world):
    data = bylaw_data(world)
    url = reverse("api:bylaws", kwargs={"region": world.region.slug})
    one = reverse("api:bylaw", kwargs={"region": world.region.slug, "pk": data.zeedorp.pk})

    def grow():
        for n in range(4):
            make_bylaw(
                world, municipality=world.municipality, title=f"Oud {n}", bodies=[world.body, world.municipal_body]
            )

    before = (assert_constant_queries(client, url, lambda: None), assert_constant_queries(client, one, lambda: None))
    grow()
    data.zeedorp.designated_bodies.add(world.body)
    assert (
        assert_constant_queries(client, url, lambda: None),
        assert_constant_queries(client, one, lambda: None),
    ) == before
    assert Bylaw.objects.filter(region=world.region).count() >= 7


def test_regions_matrix_and_composition_run_a_fixed_number_of_queries(client, world):
    from tests.factories import BodyFactory, MunicipalityFactory, RegionFactory

    urls = [
        "/api/v1/regio",
        reverse("api:matrix", kwargs={"region": world.region.slug, "year": 2026}),
        reverse(
            "api:matrix_municipality", kwargs={"region": world.region.slug, "year": 2026, "municipality": "zeedorp"}
        ),
        reverse("api:composition", kwargs={"region": world.region.slug, "body": world.body.slug}),
        reverse("api:meetings", kwargs={"region": world.region.slug, "body": world.body.slug}),
        reverse("api:proposal", kwargs={"region": world.region.slug, "pk": register_data(world).decided.pk}),
    ]
    before = [assert_constant_queries(client, url, lambda: None) for url in urls]

    for n in range(3):
        region = RegionFactory(name=f"Regio {n}", slug=f"regio-{n}")
        MunicipalityFactory(region=region, name=f"Gemeente {n}", slug=f"gemeente-{n}", cbs_code=f"GM80{n:02d}")
        BodyFactory(region=region, name=f"Panel {n}", slug=f"panel-{n}")
        MunicipalityFactory(region=world.region, name=f"Erbij {n}", slug=f"erbij-{n}", cbs_code=f"GM81{n:02d}")
    sent_advice(world, world.body, subject="Nog een", proposal=register_data(world).decided, sent_on=days(-3))
    after = [assert_constant_queries(client, url, lambda: None) for url in urls]
    assert after == before


# ---------------------------------------------------------------- the document


def test_the_document_is_valid_openapi_3_1(client, world):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    jsonschema_rs.Draft202012Validator(OPENAPI_31).validate(document)
    assert document["info"]["version"] == VERSION
    for path, operations in document["paths"].items():
        assert path.startswith("/api/v1/") or path == "/api/v1/regio"
        assert not path.endswith("/"), f"{path}: no trailing slash (API-48)"
        for method, operation in operations.items():
            assert method == "get"
            responses = operation["responses"]
            assert {"200", "404", "500"} <= set(responses), path
            for code, response in responses.items():
                assert "API-Version" in response["headers"]
                media = set(response["content"])
                assert media == ({PROBLEM} if int(code) >= 400 else {"application/json"}), (path, code)
    assert "MethodNotAllowed" in document["components"]["responses"]


def test_every_path_in_the_document_is_reachable_and_has_a_matrix_case(client, world):
    document = client.get("/api/v1/openapi.json").json()
    cased = {case.url_name for case in CASES}
    for path in document["paths"]:
        sample = (
            path.replace("{region}", "noordkust")
            .replace("{body}", "clientenpanel")
            .replace("{municipality}", "zeedorp")
            .replace("{year}", "2026")
            .replace("{pk}", "1")
        )
        match = resolve(sample)
        assert match.namespace == "api", path
        assert f"api:{match.url_name}" in cased, f"{path}: no ViewCase in tests/api/matrix.py"
        assert client.get(sample).status_code in (200, 404)


def test_the_documentation_page_lists_every_endpoint_and_links_the_document(client, world):
    html = client.get(reverse("api:documentation")).content.decode()
    document = client.get("/api/v1/openapi.json").json()
    for path in document["paths"]:
        assert f"GET {path}" in html
    for name in document["components"]["schemas"]:
        assert f'id="object-{name}"' in html
    assert 'href="http://testserver/api/v1/openapi.json"' in html
    assert "<script" not in html


def test_the_api_root_leads_to_the_documentation(client, world):
    response = client.get("/api/v1/")
    assert response.status_code == 308 and response["Location"] == reverse("api:documentation")


def test_the_matrix_row_of_a_municipality_holds_its_evidence(client, world):
    data = compliance_data(world)
    url = reverse(
        "api:matrix_municipality",
        kwargs={"region": world.region.slug, "year": data.year, "municipality": world.municipality_2.slug},
    )
    body = client.get(url).json()
    assert body["row"]["municipality"] == {"slug": "duinstad", "name": "Duinstad"}
    assert set(body["row"]["cells"]) == {"verordening", "a", "b", "c", "d", "e"}
    assert "Werkplan Duinstad" in [line["title"] for line in body["evidence"]["proposals"]]
    assert world.body.slug in [line["slug"] for line in body["evidence"]["bodies"]]
    matrix = client.get(reverse("api:matrix", kwargs={"region": world.region.slug, "year": data.year})).json()
    assert matrix["rows"][0]["municipality"] is None and matrix["rows"][0]["api_url"] is None
    assert body["row"]["api_url"] == "http://testserver" + url
    assert client.get(reverse("api:matrix", kwargs={"region": world.region.slug, "year": 2027})).status_code == 404


def test_a_verordening_shows_its_check_and_what_it_regulates(client, world):
    data = bylaw_data(world)
    body = client.get(reverse("api:bylaw", kwargs={"region": world.region.slug, "pk": data.duinstad.pk})).json()
    assert body["legal_basis"] == "wwb" and body["check"]["outdated"] is True
    assert body["elements"]["a"]["regulated"] is False and body["elements"]["c"]["regulated"] is True
    assert {f["element"] for f in body["check"]["findings"] if f["code"] == "element_missing"} == {"a", "b"}
    assert body["other_bodies"] == ["Cliëntenraad WWB Duinstad"]
    listing = client.get(reverse("api:bylaws", kwargs={"region": world.region.slug})).json()
    rows = {row["label"]: row for row in listing["municipalities"]}
    assert rows["Zeedorp"]["in_force"]["id"] == data.zeedorp.pk
    assert rows["Duinstad"]["check"]["status"] == "voldoet_niet"
    old = client.get(reverse("api:bylaws", kwargs={"region": world.region.slug}), {"datum": "2008-06-01"}).json()
    assert {row["label"]: row["in_force"] for row in old["municipalities"]}["Duinstad"] is None


def test_the_document_is_made_once_and_answers_304_to_its_etag(client, world):
    import gzip

    first = client.get("/api/v1/openapi.json")
    again = client.get("/api/v1/openapi.json")
    assert first.content == again.content and first["ETag"] == again["ETag"]
    assert client.get("/api/v1/openapi.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    zipped = client.get("/api/v1/openapi.json", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip" and zipped["ETag"] == f"W/{first['ETag']}"
    assert gzip.decompress(zipped.content) == first.content
    assert client.get("/api/v1/openapi.json", HTTP_IF_NONE_MATCH=zipped["ETag"]).status_code == 304
    assert zipped["API-Version"] and zipped["Access-Control-Allow-Origin"] == "*"
