"""The letter with a login code and the login flows in a real Chromium, without JavaScript where people may have it
off: accessible (axe-core), printable, and working end to end."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from inspraak.accounts import services
from tests.browser.test_pages import assert_accessible
from tests.factories import paper_only
from tests.quality.browser import page_width

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]


def test_letter_is_accessible_and_prints_only_the_letter(world, new_context):
    paper_only(world.client, world.region)  # a letter is only for someone without email
    page = new_context(world.user("admin"), viewport={"width": 360, "height": 800}).new_page()
    page.goto(f"/beheer/{world.region.slug}/personen/{world.client.pk}/")
    assert_accessible(page, "person page")
    page.get_by_role("button", name="Brief met inlogcode maken").click()
    letter = page.locator("article.inspraak-letter")
    code = letter.locator(".inspraak-letter__code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert_accessible(page, "login code letter")
    assert page_width(page) <= 360
    page.emulate_media(media="print")
    expect(letter).to_be_visible()
    expect(page.locator(".inspraak-no-print").first).to_be_hidden()


def test_code_login_without_javascript(world, new_context):
    paper_only(world.client, world.region)
    issued = services.login_code_issue(person=world.client, region=world.region, by=world.user("admin"))
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/inloggen/")
    page.get_by_role("link", name="Ik heb een inlogcode op papier").click()
    page.get_by_label("Uw inlogcode").fill(issued.code.lower().replace("-", " "))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/mijn-overzicht/")


def test_link_login_without_javascript(world, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/inloggen/link/")
    page.get_by_label("E-mailadres").fill(world.client.email)
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_visible()
    url = re.search(r"http\S+/inloggen/link/\S+/", mail.outbox[-1].body).group(0)
    path = url.split("/inloggen/", 1)[1]
    page.goto(f"/inloggen/{path}")
    page.get_by_role("button", name="Inloggen").last.click()
    page.wait_for_url("**/mijn-overzicht/")
    page.goto(f"/inloggen/{path}")
    expect(page.get_by_role("heading", name="Deze link werkt niet meer")).to_be_visible()


def test_too_many_requests_page_is_accessible(world, new_context):
    page = new_context(viewport={"width": 360, "height": 800}).new_page()
    for _ in range(services.RESET_REQUESTS_PER_EMAIL.count + 1):
        page.goto("/wachtwoord-vergeten/")
        page.get_by_label("E-mailadres").fill("niemand@example.org")
        page.get_by_role("button", name="Stuur de e-mail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Te veel aanvragen")
    assert_accessible(page, "too many requests")
    assert page_width(page) <= 360
