"""Every page in a real Chromium, for the least and the most privileged allowed actor (tests/quality/pages.py derives
the list from the matrix). One test per actor: one login, each page loaded once for all checks.

Per page: 0 axe-core violations (WCAG 2.2 AA + best practices) at phone and desktop width; no horizontal scrolling at
360 px; no Content-Security-Policy violations under the real, strict policy; first load within 60 KiB compressed;
no requests to other hosts. Plus: the 404 page, a form with errors, login without JavaScript and security headers.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.quality.browser import (
    BUDGET_BYTES,
    CSP_RECORDER,
    Traffic,
    assert_accessible,
    axe_violations,
    csp_violations,
    page_width,
)
from tests.quality.pages import pages_by_actor

__all__ = ["assert_accessible"]  # other packages import it from here

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
PAGES_BY_ACTOR = pages_by_actor()
SAFE_REFERRER_POLICIES = ("same-origin", "no-referrer", "strict-origin", "strict-origin-when-cross-origin")


@pytest.mark.parametrize("actor", list(PAGES_BY_ACTOR))
def test_page_quality(actor, world, new_context, live_server):
    """Every page of ``actor`` in one context (one login), each page loaded once for all checks."""
    user = world.user(actor)
    # As a visitor gets it: the strict CSP enforced, a cheap phone's screen width, nothing from the cache.
    context = new_context(user, viewport=PHONE, bypass_csp=False)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    failures = [
        problem for spec in PAGES_BY_ACTOR[actor] if (problem := _page_problems(page, spec, world, live_server))
    ]
    assert not failures, f"{len(failures)} pages of {actor} have problems:\n\n" + "\n\n".join(failures)


def _page_problems(page, spec, world, live_server) -> str:
    url = spec.url(world)
    traffic = Traffic().attach(page)
    try:
        response = page.goto(url)
        if response.status != 200:
            return f"{spec.id} ({url}): HTTP {response.status}"
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready.then(() => true)")  # web fonts load after layout, not before "load"
    finally:
        traffic.detach(page)
    problems: list[str] = []
    if violations := csp_violations(page):
        problems.append("Content-Security-Policy violations:\n  " + "\n  ".join(violations))
    width = page_width(page)
    if width > PHONE["width"]:
        problems.append(f"scrolls sideways at 360 px: the page is {width} px wide")
    if foreign := traffic.foreign(live_server.url):
        problems.append(f"requests to other hosts: {foreign}")
    total = traffic.compressed_size()
    if total > BUDGET_BYTES:
        problems.append(f"first load is {total} B compressed, budget {BUDGET_BYTES} B:\n{traffic.breakdown()}")

    # axe-core, evaluated through the DevTools protocol (not a <script>, so the strict CSP stays on), at phone
    # and at desktop width, on the same page load.
    if violations := axe_violations(page, inject="evaluate"):
        problems.append("axe-core at 360 px:\n" + "\n".join(violations))
    page.set_viewport_size(DESKTOP)
    if violations := axe_violations(page, inject=False):
        problems.append("axe-core at 1280 px:\n" + "\n".join(violations))
    page.set_viewport_size(PHONE)
    return f"{spec.id} ({url}):\n" + "\n".join(problems) if problems else ""


def test_not_found_page(world, new_context):
    page = new_context(viewport=PHONE).new_page()
    response = page.goto("/deze-pagina-bestaat-niet/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page, "404 page")


def test_form_with_errors_is_accessible(world, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto("/inloggen/")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".utrecht-form-field-error-message").first).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page, "login form with errors")


def test_login_without_javascript_and_errors_next_to_fields(world, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/inloggen/")
    email = page.get_by_label("E-mailadres")
    email.fill(world.user("admin").email)
    page.locator("main form button[type=submit]").first.click()

    # The missing password: a Dutch message in the same form field, linked to the input, the email kept.
    password = page.get_by_label("Wachtwoord")
    error = page.locator(".utrecht-form-field", has=password).locator(".utrecht-form-field-error-message")
    assert error.inner_text() == "Vul uw wachtwoord in."
    assert error.get_attribute("id") in password.get_attribute("aria-describedby").split()
    assert password.get_attribute("aria-invalid") == "true"
    assert email.input_value() == world.user("admin").email
    assert page.get_by_role("link", name="Wachtwoord: Vul uw wachtwoord in.").is_visible()  # the error summary

    password.fill("geheim-wachtwoord-123")
    page.locator("main form button[type=submit]").first.click()
    # A beheerder goes on to the second step (ADR 0010): set up an app first, then the overview.
    page.wait_for_url("**/inloggen/tweede-stap/instellen/?next=%2Fmijn-overzicht%2F")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _directives(csp: str) -> dict[str, list[str]]:
    parts = (part.split() for part in csp.split(";") if part.strip())
    return {words[0].lower(): words[1:] for words in parts}


@pytest.mark.parametrize("where", ["public", "logged-in", "not-found"])
def test_security_headers(where, world, new_context):
    page = new_context(world.user("member") if where == "logged-in" else None).new_page()
    url = {"public": "/", "logged-in": "/mijn-overzicht/", "not-found": "/bestaat-niet/"}[where]
    response = page.goto(url)
    assert response.status == (404 if where == "not-found" else 200)
    headers = response.headers

    csp = _directives(headers["content-security-policy"])
    script_src = csp.get("script-src", csp.get("default-src"))
    assert script_src, "The CSP restricts scripts (script-src or default-src)"
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "*" not in script_src
    assert csp.get("object-src") == ["'none'"]
    framing = csp.get("frame-ancestors") in (["'none'"], ["'self'"]) or headers.get("x-frame-options") in (
        "DENY",
        "SAMEORIGIN",
    )
    assert framing, "Framing is forbidden (frame-ancestors or X-Frame-Options)"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] in SAFE_REFERRER_POLICIES
