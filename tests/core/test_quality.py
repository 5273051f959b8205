"""The dashboard for every role and the error pages: valid HTML, 0 axe-core violations, no sideways scrolling
at 360 px. (The matrix pages are checked for one actor each in tests/test_html_valid.py and tests/browser.)"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_pages import assert_accessible
from tests.quality.browser import page_width
from tests.quality.html import assert_valid_html
from tests.world import ACTORS

LOGGED_IN = [a for a in ACTORS if a != "anonymous"]


@pytest.mark.django_db
def test_dashboards_and_error_pages_are_valid_html(world, tmp_path):
    pages: dict[str, bytes] = {}
    for actor in LOGGED_IN:
        client = Client()
        client.force_login(world.user(actor))
        pages[f"dashboard@{actor}"] = client.get(reverse("dashboards:dashboard")).content
        pages[f"404@{actor}"] = client.get("/bestaat-niet/").content
    pages["404@anonymous"] = Client().get("/bestaat-niet/").content
    assert_valid_html(pages, tmp_path)


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("actor", LOGGED_IN)
def test_dashboard_in_a_real_browser(world, new_context, actor):
    page = new_context(world.user(actor), viewport={"width": 360, "height": 800}).new_page()
    assert page.goto(reverse("dashboards:dashboard")).status == 200
    assert_accessible(page, f"dashboard@{actor}")
    assert page_width(page) <= 360


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.django_db(transaction=True)
def test_keyboard_focus_is_visible(world, new_context):
    page = new_context().new_page()
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link appears
    skip = page.locator(".utrecht-skip-link")
    expect(skip).to_be_visible()
    assert skip.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 191, 71)"
    page.keyboard.press("Tab")  # the brand link in the header
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
