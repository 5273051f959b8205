"""Every page in a real Chromium: 0 axe-core violations, no horizontal scroll at 360 px, first load within budget,
no third-party requests."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

from tests.quality.pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BUDGET_BYTES = 60 * 1024


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def assert_accessible(page, label: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core violations on {label}:\n" + "\n".join(violations)


@pytest.mark.parametrize("page_spec", PAGES, ids=lambda p: p.id)
def test_page_quality(page_spec, world, new_context, live_server):
    context = new_context(world.user(page_spec.actor), viewport={"width": 360, "height": 800})
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []

    def on_response(response):
        try:
            bodies.append((response.url, response.body()))
        except Exception:  # redirects have no body
            bodies.append((response.url, b""))

    page.on("response", on_response)
    response = page.goto(page_spec.url(world))
    assert response.status == 200, f"{page_spec.id}: HTTP {response.status}"
    page.wait_for_load_state("load")

    # 0 axe-core violations (WCAG 2.2 AA + best practices)
    assert_accessible(page, page_spec.id)

    # No horizontal scrolling at 360 px
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page_spec.id} is {width}px wide at a 360px viewport"

    # Everything comes from us
    host = urlparse(live_server.url).netloc
    foreign = [url for url, _ in bodies if urlparse(url).netloc not in (host, "")]
    assert not foreign, f"{page_spec.id} requests other hosts: {foreign}"

    # First load within the budget (compressed)
    total = sum(len(gzip.compress(body, 9)) for _, body in bodies)
    assert total <= BUDGET_BYTES, f"{page_spec.id}: first load {total} bytes compressed > {BUDGET_BYTES}"


def test_not_found_page_is_accessible(world, new_context):
    page = new_context().new_page()
    response = page.goto("/deze-pagina-bestaat-niet/")
    assert response.status == 404
    assert_accessible(page, "404 page")


def test_form_with_errors_is_accessible(world, new_context):
    page = new_context().new_page()
    page.goto("/inloggen/")
    page.locator("main form button[type=submit]").first.click()
    assert page.locator(".utrecht-form-field-error-message").first.is_visible()
    assert_accessible(page, "login form with errors")


def test_login_without_javascript_and_errors_next_to_fields(world, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/inloggen/")
    page.locator("main form button[type=submit]").first.click()
    error = page.locator(".utrecht-form-field-error-message").first
    assert error.is_visible()

    page.get_by_label("E-mailadres").fill(world.user("admin").email)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/mijn-overzicht/")
    assert page.get_by_role("heading", level=1).is_visible()


def test_security_headers(world, new_context):
    page = new_context().new_page()
    response = page.goto("/")
    headers = response.headers
    csp = headers["content-security-policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
