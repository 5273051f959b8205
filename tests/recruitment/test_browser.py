"""The application form and the letters in a real Chromium: without JavaScript, accessible with errors, printable."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from inspraak.recruitment.models import Application
from tests.browser.test_pages import assert_accessible
from tests.quality.browser import page_width
from tests.recruitment.data import recruitment

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}


def test_apply_without_javascript_errors_next_to_fields(world, new_context):
    vacancy = recruitment(world).vacancy
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    page.goto(f"/r/{world.region.slug}/vacatures/{vacancy.pk}/")
    page.get_by_label("Uw naam").fill("Bram Browser")
    page.get_by_label("Waarom wilt u meedoen?").fill("Omdat " + "ik " * 1100)
    page.get_by_role("button", name="Aanmelding versturen").click()

    # No contact route and a too long text: messages next to the fields, the input kept, accessible.
    email = page.get_by_label("E-mailadres")
    error = page.locator(".utrecht-form-field", has=email).locator(".utrecht-form-field-error-message")
    assert error.inner_text().startswith("Vul minstens één manier in")
    assert error.get_attribute("id") in email.get_attribute("aria-describedby").split()
    assert page.get_by_label("Uw naam").input_value() == "Bram Browser"
    assert "Maak de tekst" in page.locator(".inspraak-error-summary").inner_text()
    assert page_width(page) <= PHONE["width"]

    page.get_by_label("Telefoonnummer").fill("0612345678")
    page.get_by_label("Waarom wilt u meedoen?").fill("Ik wil dat de brieven duidelijker worden.")
    page.get_by_label("In welke gemeente woont u?").select_option(label="Duinstad")
    page.get_by_label("Vroeger wel, nu niet meer").check()
    page.get_by_label("Ik geef toestemming om mijn gegevens te gebruiken voor deze aanmelding").check()
    # The robot trap is neither visible nor reachable.
    expect(page.locator("input[name=homepage]")).to_be_hidden()
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_url("**/bedankt/?per=telefoon")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw aanmelding")
    application = Application.objects.get(name="Bram Browser")
    assert (application.category, application.municipality, application.contact_phone) == (
        "ervaringsdeskundige",
        world.municipality_2,
        "0612345678",
    )


def test_application_form_with_errors_is_accessible(world, new_context):
    vacancy = recruitment(world).vacancy
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/r/{world.region.slug}/vacatures/{vacancy.pk}/")
    assert_accessible(page, "public vacancy page")
    page.get_by_role("button", name="Aanmelding versturen").click()
    expect(page.locator(".utrecht-form-field-error-message").first).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page, "application form with errors")


def test_code_letter_after_making_a_member_prints_only_the_letter(world, new_context):
    data = recruitment(world)
    page = new_context(world.user("secretary"), viewport=PHONE).new_page()
    page.goto(f"/orgaan/{world.region.slug}/{world.body.slug}/aanmeldingen/{data.chosen.pk}/")
    assert_accessible(page, "application page")
    page.get_by_role("button", name="Lid maken").click()
    letter = page.locator("article.inspraak-letter")
    expect(letter.locator(".inspraak-letter__code")).to_be_visible()
    assert_accessible(page, "code letter for a new member")
    page.emulate_media(media="print")
    expect(letter).to_be_visible()
    expect(page.locator(".inspraak-no-print").first).to_be_hidden()


def test_outcome_letter_is_accessible(world, new_context):
    data = recruitment(world)
    page = new_context(world.user("secretary"), viewport=PHONE).new_page()
    page.goto(f"/orgaan/{world.region.slug}/{world.body.slug}/aanmeldingen/{data.decided.pk}/")
    page.get_by_role("button", name="Brief met de uitslag maken").click()
    expect(page.locator("article.inspraak-letter")).to_contain_text("U bent gekozen")
    assert page.locator("article.inspraak-letter").inner_text().count("U bent gekozen") == 1
    assert_accessible(page, "outcome letter")


def test_confirming_by_email_is_accessible(world, new_context):
    vacancy = recruitment(world).vacancy
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/r/{world.region.slug}/vacatures/{vacancy.pk}/")
    page.get_by_label("Uw naam").fill("Eva Email")
    page.get_by_label("E-mailadres").fill("eva@example.org")
    page.get_by_label("Waarom wilt u meedoen?").fill("Ik wil meedenken.")
    page.get_by_label("In welke gemeente woont u?").select_option(label="Zeedorp")
    page.get_by_label("Vroeger wel, nu niet meer").check()
    page.get_by_label("Ik geef toestemming om mijn gegevens te gebruiken voor deze aanmelding").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_url("**/bedankt/?per=email")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw mail")
    assert_accessible(page, "thanks page: look in your mail")
    path = re.search(r"https?://[^/\s]+(/r/\S+/aanmelding-bevestigen/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(path)
    assert_accessible(page, "confirmation page with a button")
    page.get_by_role("button", name="Ja, ik heb mij aangemeld").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanmelding is bevestigd")
    assert_accessible(page, "application confirmed")
    assert Application.objects.get(name="Eva Email").confirmed_at is not None
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet")


def test_unconfirmed_application_page_is_accessible(world, new_context):
    data = recruitment(world)
    page = new_context(world.user("secretary"), viewport=PHONE).new_page()
    page.goto(f"/orgaan/{world.region.slug}/{world.body.slug}/aanmeldingen/{data.unconfirmed.pk}/")
    assert_accessible(page, "unconfirmed application")
    page.get_by_role("button", name="De persoon heeft de aanmelding bevestigd").click()
    expect(page.get_by_role("button", name="Status opslaan")).to_be_visible()
