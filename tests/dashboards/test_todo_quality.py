"""The to-do list with something to do for every role: valid HTML, 0 axe-core violations, no sideways scrolling at
360 px (tests/core/test_quality.py checks the same pages with the empty lists of the plain test world)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.dashboards.test_todo import _grow_admin, _grow_member, _grow_officer, _grow_supporter
from tests.quality.browser import assert_accessible, page_width
from tests.quality.html import assert_valid_html

ACTORS = ["member", "secretary", "facilitator", "officer_region", "officer_municipality", "admin"]


def _busy(world) -> None:
    _grow_member(world)
    _grow_supporter(world)
    _grow_officer(world)
    _grow_admin(world)


@pytest.mark.django_db
def test_busy_dashboards_are_valid_html(world, tmp_path):
    _busy(world)
    pages = {}
    for actor in ACTORS:
        client = Client()
        client.force_login(world.user(actor))
        response = client.get(reverse("dashboards:dashboard"))
        assert "Wat moet u doen?" in response.content.decode()
        pages[f"dashboard-todo@{actor}"] = response.content
    assert_valid_html(pages, tmp_path)


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("actor", ACTORS)
def test_busy_dashboard_in_a_real_browser(world, new_context, actor):
    _busy(world)
    page = new_context(world.user(actor), viewport={"width": 360, "height": 800}).new_page()
    assert page.goto(reverse("dashboards:dashboard")).status == 200
    assert_accessible(page, f"dashboard-todo@{actor}")
    assert page_width(page) <= 360
