"""A refused stale save in a real Chromium: the message on top, the typed text kept, what is
stored now next to the field, 0 axe violations at 360 px, no horizontal scrolling, and saving again works."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.regions.models import Body
from tests.browser.test_pages import PHONE, assert_accessible
from tests.quality.browser import page_width

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]


def test_second_save_of_a_body_is_refused_kindly_in_the_browser(world, new_context):
    url = reverse("regions:body_edit", kwargs={"region": world.region.slug, "body": world.body.slug})
    admin = world.user("admin")
    page_a = new_context(admin, java_script_enabled=False).new_page()
    page_b = new_context(admin, viewport=PHONE).new_page()  # JavaScript on only for axe-core
    page_a.goto(url)
    page_b.goto(url)

    page_a.fill("#id_name", "Cliëntenpanel van A")
    page_a.locator("main form button[type=submit]").first.click()
    page_b.fill("#id_name", "Cliëntenpanel van B")
    other_kind = page_b.locator("input[name=kind]:not(:checked)").first.get_attribute("id")
    page_b.check(f"#{other_kind}")  # B also changes a radio choice
    page_b.locator("main form button[type=submit]").first.click()

    alert = page_b.locator("[role=alert]")
    assert "Iemand anders heeft dit net opgeslagen" in alert.inner_text()
    assert page_b.input_value("#id_name") == "Cliëntenpanel van B"
    assert page_b.locator(f"#{other_kind}").is_checked()
    assert "Nu opgeslagen: Cliëntenpanel van A" in page_b.locator("#id_name_stored").inner_text()
    assert page_width(page_b) <= PHONE["width"]
    assert_accessible(page_b, "refused stale save")
    assert Body.objects.get(pk=world.body.pk).name == "Cliëntenpanel van A"

    page_b.locator("main form button[type=submit]").first.click()
    assert Body.objects.get(pk=world.body.pk).name == "Cliëntenpanel van B"
