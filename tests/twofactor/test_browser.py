"""The second step in a real Chromium: without JavaScript, at 360 px, under the strict CSP, axe-clean."""

from __future__ import annotations

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.quality.browser import CSP_RECORDER, assert_accessible, csp_violations, page_width

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.second_factor,
]

PHONE = {"width": 360, "height": 800}


def _code(key_hex: str) -> str:
    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = time.time()
    return f"{totp.token():06d}"


def _key_on_page(page) -> str:
    """The app secret the set-up page shows as text, back in hex."""
    secret = page.locator("main code").inner_text().replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8)).hex()


def _fits(page) -> None:
    assert page_width(page) <= PHONE["width"]


def _log_in(page, user) -> None:
    page.goto("/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.locator("main form button[type=submit]").first.click()


def _logged_in_without_javascript(new_context, user):
    page = new_context(java_script_enabled=False, viewport=PHONE, bypass_csp=False).new_page()
    _log_in(page, user)
    return page


def _logged_in_recording_csp(new_context, user):
    context = new_context(viewport=PHONE)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    _log_in(page, user)
    return page


def test_setting_up_the_app_and_logging_in_with_a_code_without_javascript(world, new_context):
    admin = world.user("admin")
    page = _logged_in_without_javascript(new_context, admin)
    page.wait_for_url("**/inloggen/tweede-stap/instellen/**")
    expect(page.get_by_role("img", name="QR-code om te scannen met de app")).to_be_visible()
    _fits(page)
    key = _key_on_page(page)
    page.get_by_label("Code uit de app").fill("12345")
    page.get_by_role("button", name="App koppelen").click()
    expect(page.get_by_text("Een code uit de app heeft 6 cijfers").first).to_be_visible()
    page.get_by_label("Code uit de app").fill(_code(key))
    page.get_by_role("button", name="App koppelen").click()
    page.wait_for_url("**/mijn-account/tweede-stap/**")
    expect(page.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
    assert page.locator("main li code").count() == 10
    _fits(page)
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url("**/mijn-overzicht/")

    # Next login: the code step.
    other = new_context(java_script_enabled=False, viewport=PHONE, bypass_csp=False).new_page()
    _log_in(other, admin)
    other.wait_for_url("**/inloggen/tweede-stap/?next=**")
    _fits(other)
    device = TOTPDevice.objects.get(user=admin)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the code used above may still be the current one
    other.get_by_label("Code").fill(_code(device.key))
    other.get_by_role("button", name="Inloggen").click()
    other.wait_for_url("**/mijn-overzicht/")


def test_the_pages_of_the_second_step_are_accessible(world, new_context):
    admin = world.user("admin")
    page = _logged_in_recording_csp(new_context, admin)
    page.wait_for_url("**/instellen/**")
    page.get_by_role("button", name="App koppelen").click()  # empty: an error next to the field
    assert_accessible(page, "second step: set up, with an error")
    TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    page.goto("/inloggen/tweede-stap/")
    page.get_by_label("Code").fill("000000" if _code(TOTPDevice.objects.get(user=admin).key) != "000000" else "1")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Deze code klopt niet").first).to_be_visible()
    assert_accessible(page, "second step: the code, with an error")
    _fits(page)
    assert not csp_violations(page)


def test_the_csrf_page_is_accessible_and_keeps_the_way_back(world, new_context):
    context = new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto("/inloggen/")
    context.clear_cookies()  # as when the token changed in another tab
    page.get_by_label("E-mailadres").fill("iemand@example.org")
    page.get_by_label("Wachtwoord").fill("wat-dan-ook-123")
    response_status = []
    page.on("response", lambda r: response_status.append(r.status))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    assert 403 in response_status
    expect(page.get_by_role("heading", level=1, name="Uw formulier is niet verstuurd")).to_be_visible()
    assert page.get_by_role("link", name="Ga terug naar de vorige pagina").get_attribute("href").endswith("/inloggen/")
    _fits(page)
    assert_accessible(page, "CSRF failure page")


def test_a_secretary_switches_the_second_step_on_and_off_without_javascript(world, new_context):
    secretary = world.user("secretary")
    page = _logged_in_without_javascript(new_context, secretary)
    page.wait_for_url("**/mijn-overzicht/")
    page.goto("/mijn-account/")
    _fits(page)
    page.get_by_role("link", name="Tweede stap aanzetten").click()
    page.wait_for_url("**/inloggen/tweede-stap/instellen/**")
    key = _key_on_page(page)
    page.get_by_label("Code uit de app").fill(_code(key))
    page.get_by_role("button", name="App koppelen").click()
    page.wait_for_url("**/mijn-account/tweede-stap/**")
    page.get_by_role("link", name="Tweede stap uitzetten").click()
    page.wait_for_url("**/uitzetten/")
    _fits(page)
    page.get_by_label("Uw wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Tweede stap uitzetten").click()
    page.wait_for_url("**/mijn-account/")
    expect(page.get_by_role("link", name="Tweede stap aanzetten")).to_be_visible()
    assert not TOTPDevice.objects.filter(user=secretary).exists()


def test_the_pages_to_switch_the_second_step_on_and_off_are_accessible(world, new_context):
    page = _logged_in_recording_csp(new_context, world.user("secretary"))
    page.wait_for_url("**/mijn-overzicht/")
    page.goto("/mijn-account/")
    assert_accessible(page, "account: second step off")
    page.goto("/inloggen/tweede-stap/instellen/")
    page.get_by_role("button", name="App koppelen").click()  # empty: an error next to the field
    assert_accessible(page, "second step by choice: set up, with an error")
    page.get_by_label("Code uit de app").fill(_code(_key_on_page(page)))
    page.get_by_role("button", name="App koppelen").click()
    page.wait_for_url("**/mijn-account/tweede-stap/**")
    assert_accessible(page, "second step by choice: manage")
    page.goto("/mijn-account/")
    assert_accessible(page, "account: second step on")
    page.goto("/mijn-account/tweede-stap/uitzetten/")
    page.get_by_role("button", name="Tweede stap uitzetten").click()  # empty: an error next to the field
    expect(page.get_by_text("Typ uw wachtwoord.").first).to_be_visible()
    assert_accessible(page, "switch off, with an error")
    _fits(page)
    assert not csp_violations(page)
