"""Seeing, downloading and erasing data in a real Chromium: accessible with real data, narrow screens, no JavaScript."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inspraak.privacy.contrib import ERASED_NAME
from tests.browser.test_pages import assert_accessible
from tests.privacy.conftest import NAME
from tests.quality.browser import page_width

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

PHONE_VIEWPORT = {"width": 360, "height": 800}


def test_my_data_with_memberships_is_accessible_and_downloads_without_javascript(fenna, new_context):
    page = new_context(fenna, viewport=PHONE_VIEWPORT, java_script_enabled=False).new_page()
    page.goto("/mijn-account/")
    page.get_by_role("link", name="Mijn gegevens bekijken / downloaden").click()
    expect(page.get_by_role("heading", name="Lidmaatschappen")).to_be_visible()
    assert page_width(page) <= 360
    with page.expect_download() as info:
        page.get_by_role("button", name="Downloaden als bestand (JSON)").click()
    download = info.value
    assert download.suggested_filename.startswith("inspraak-gegevens-")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["sections"]["accounts"]["name"] == NAME
    axe = new_context(fenna, viewport=PHONE_VIEWPORT).new_page()
    axe.goto("/mijn-account/gegevens/")
    assert_accessible(axe, "my data with memberships")


def test_beheerder_erases_without_javascript(fenna, world, new_context):
    page = new_context(world.user("admin"), java_script_enabled=False).new_page()
    page.goto(f"/beheer/{world.region.slug}/personen/{fenna.pk}/")
    page.get_by_role("link", name="Gegevens verwijderen").click()
    expect(page.get_by_text("Dit kunt u niet ongedaan maken.")).to_be_visible()
    page.get_by_role("button", name="Ja, gegevens verwijderen").click()
    page.wait_for_url(f"**/beheer/{world.region.slug}/personen/")
    expect(page.get_by_text(f"De gegevens van persoon #{fenna.pk} zijn verwijderd.")).to_be_visible()
    expect(page.get_by_role("link", name=ERASED_NAME)).to_be_visible()
    assert page.get_by_text(NAME).count() == 0
