"""The main navigation per role, and the page frame (header, breadcrumbs, footer) around every page."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from inspraak.dashboards.navigation import nav_items_for
from tests.world import ACTORS


def _nav(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return [(item.label, item.url, item.current) for item in nav_items_for(request)]


def test_anonymous_has_no_menu(world):
    from django.contrib.auth.models import AnonymousUser

    assert _nav(AnonymousUser()) == []


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "anonymous"])
def test_menu_per_role(world, actor):
    labels = [label for label, _url, _current in _nav(world.user(actor))]
    admin = actor in ("admin", "other_region_admin")
    assert labels == ["Mijn overzicht", "Beheer", "Mijn account"] if admin else ["Mijn overzicht", "Mijn account"]


def test_menu_links_and_current_page(world, django_assert_num_queries):
    user = world.user("admin")
    with django_assert_num_queries(1):  # the roles, once; then cached
        _nav(user)
        items = _nav(user, reverse("regions:manage_region", kwargs={"region": world.region.slug}))
    assert items == [
        ("Mijn overzicht", reverse("dashboards:dashboard"), ""),
        ("Beheer", reverse("dashboards:manage_home"), "true"),
        ("Mijn account", reverse("accounts:account"), ""),
    ]
    assert _nav(user, reverse("dashboards:dashboard"))[0][2] == "page"


def test_page_frame(client_for, world):
    html = client_for("admin").get(reverse("dashboards:dashboard")).content.decode()
    assert '<nav class="utrecht-nav-bar inspraak-nav" aria-label="Hoofdmenu">' in html
    assert f'href="{reverse("dashboards:dashboard")}" aria-current="page"' in html
    assert f'href="{reverse("dashboards:manage_home")}"' in html
    assert 'aria-label="Kruimelpad"' in html
    assert world.region.name in html.split("</header>")[0]  # the person's region in the header
    assert f'action="{reverse("accounts:logout")}"' in html
    assert "Test admin" in html.split("</header>")[0]


def test_header_for_anonymous_visitors(client_for, world):
    html = client_for("anonymous").get(reverse("dashboards:home")).content.decode()
    header = html.split("</header>")[0]
    assert "Inspraak" in header and world.region.name not in header
    assert f'href="{reverse("accounts:login")}"' in header
    assert "Hoofdmenu" not in header
