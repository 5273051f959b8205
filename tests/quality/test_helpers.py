"""The quality helpers themselves catch what they promise to catch."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inspraak.regions.models import Municipality
from tests.factories import MunicipalityFactory
from tests.quality.html import assert_valid_html, validation_errors
from tests.quality.queries import assert_constant_queries, count_queries

VALID = b'<!DOCTYPE html><html lang="nl"><head><title>Goed</title></head><body><p>Tekst</p></body></html>'
BROKEN = b'<!DOCTYPE html><html lang="nl"><head><title>Fout</title></head><body><p>a</span></body></html>'


def test_validator_names_the_page_and_the_error(tmp_path):
    errors = validation_errors({"good page": VALID, "broken page": BROKEN}, tmp_path)
    assert errors
    assert all(error.startswith("broken page: line 1:") for error in errors)
    assert any("span" in error for error in errors)
    assert_valid_html({"good page": VALID}, tmp_path)
    with pytest.raises(AssertionError, match="broken page"):
        assert_valid_html({"broken page": BROKEN}, tmp_path)


@pytest.mark.django_db
def test_constant_queries_passes_on_a_fixed_count_page(world):
    # The municipality page (the region page is kept after its first request: 1 query then).
    url = reverse("regions:municipality", kwargs={"region": world.region.slug, "municipality": world.municipality.slug})
    grow = lambda: MunicipalityFactory.create_batch(5, region=world.region)  # noqa: E731
    count = assert_constant_queries(Client(), url, grow)
    assert count == count_queries(Client(), url)
    assert Municipality.objects.filter(region=world.region).count() == 7


@pytest.mark.django_db
def test_constant_queries_fails_when_the_count_grows(world, monkeypatch):
    import tests.quality.queries as queries

    counts = iter([3, 4])
    monkeypatch.setattr(queries, "count_queries", lambda client, url: next(counts))
    with pytest.raises(AssertionError, match="3 queries, then 4"):
        queries.assert_constant_queries(Client(), "/", lambda: None)
    counts = iter([3, 3])
    with pytest.raises(AssertionError, match="expected 2"):
        queries.assert_constant_queries(Client(), "/", lambda: None, expected=2)


BAD_PAGE = """<!DOCTYPE html><html lang="nl"><head><title>Fout</title>
</head>
<body><main><h1>Kop</h1><p style="color: red">Rood</p><img src="https://cdn.example.net/plaatje.png"></main>
<script>document.title = "inline";</script></body></html>"""


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_browser_helpers_catch_csp_violations_axe_issues_and_foreign_hosts(new_context, live_server):
    from tests.quality.browser import CSP_RECORDER, Traffic, axe_violations, csp_violations

    def serve(route):
        url = route.request.url
        if url.startswith(live_server.url):
            headers = {"Content-Type": "text/html", "Content-Security-Policy": "script-src 'self'; style-src 'self'"}
            route.fulfill(status=200, headers=headers, body=BAD_PAGE if url.endswith("/slecht/") else "")
        else:
            route.abort()

    context = new_context(bypass_csp=False)
    context.add_init_script(CSP_RECORDER)
    context.route("**/*", serve)
    page = context.new_page()
    traffic = Traffic().attach(page)
    page.goto("/slecht/")
    page.wait_for_load_state("load")
    violations = " ".join(csp_violations(page))
    assert "style-src" in violations and "script-src" in violations
    assert page.title() == "Fout"  # the inline script was blocked
    assert any("cdn.example.net" in url for url in traffic.foreign(live_server.url))
    assert traffic.compressed_size() > 0

    page = new_context().new_page()
    page.route("**/*", serve)
    page.goto("/slecht/")
    rules = " ".join(axe_violations(page))
    assert "image-alt" in rules
