"""Home, accessibility statement, privacy statement and the error pages: real content for every actor,
no personal data on public pages, a fixed number of queries."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from inspraak.core import views
from tests.factories import BodyFactory, MunicipalityFactory, RegionFactory
from tests.world import ACTORS

PUBLIC_PAGES = ["dashboards:home", "dashboards:accessibility", "dashboards:privacy"]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_render_for_every_actor(client_for, world, actor, name):
    response = client_for(actor).get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'href="/toegankelijkheid/"' in html and 'href="/privacy/"' in html  # footer
    assert '<main id="inhoud"' in html and 'href="#inhoud"' in html  # skip link target


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_show_no_personal_data(client_for, world, name):
    html = client_for("anonymous").get(reverse(name)).content.decode()
    for user in [world.client, *(u for u in world.users.values() if u is not None)]:
        assert user.name not in html
        assert user.email not in html


def test_home_explains_lists_regions_and_how_to_log_in(client_for, world):
    html = client_for("anonymous").get(reverse("dashboards:home")).content.decode()
    assert "Participatiewet" in html
    assert f'href="{world.region.get_absolute_url()}"' in html
    assert f'href="{world.other_region.get_absolute_url()}"' in html
    assert "2 gemeenten · 2 groepen" in html  # region A: Zeedorp, Duinstad; panel and adviesraad
    assert "1 gemeente · 1 groep" in html  # region B
    for name in ("accounts:login", "accounts:link_request", "accounts:code_login"):
        assert f'href="{reverse(name)}"' in html


def test_home_for_a_logged_in_person_points_to_the_dashboard(client_for, world):
    html = client_for("member").get(reverse("dashboards:home")).content.decode()
    assert f'href="{reverse("dashboards:dashboard")}"' in html
    assert "Zo logt u in" not in html


def test_home_without_regions_says_so(db):
    html = Client().get(reverse("dashboards:home")).content.decode()
    assert "Er staan nog geen regio" in html


def test_home_query_count_does_not_grow_with_regions(db, django_assert_num_queries):
    # Issue 15: the region cards are cached until a region changes. The change token is read on every request
    # (1 query); the regions with their counts only when the cards are not cached yet (1 more).
    RegionFactory()
    with django_assert_num_queries(2):
        Client().get(reverse("dashboards:home"))
    with django_assert_num_queries(1):
        Client().get(reverse("dashboards:home"))
    for _ in range(5):
        region = RegionFactory()
        MunicipalityFactory.create_batch(2, region=region)
        BodyFactory.create_batch(3, region=region)
    with django_assert_num_queries(2):
        response = Client().get(reverse("dashboards:home"))
    assert response.content.decode().count("3 groepen") == 5
    with django_assert_num_queries(1):
        response = Client().get(reverse("dashboards:home"))
    assert response.content.decode().count("3 groepen") == 5


def test_accessibility_statement_is_a_real_statement(client_for, world):
    html = client_for("anonymous").get(reverse("dashboards:accessibility")).content.decode()
    for expected in ("WCAG 2.2", "EN 301 549", "axe-core", "360 pixels", "toetsenbord", "Wat werkt nog niet goed?"):
        assert expected in html
    assert "5 werkdagen" in html  # how to report and when you get an answer
    assert f'href="{world.region.get_absolute_url()}"' in html


def test_privacy_statement_covers_what_we_store(client_for, world, settings):
    settings.SESSION_IDLE_MINUTES = 45
    html = client_for("anonymous").get(reverse("dashboards:privacy")).content.decode()
    for expected in ("BSN", "hash", "logboek", "artikel 15", "artikel 17", "Autoriteit Persoonsgegevens", "45 minuten"):
        assert expected in html
    assert f"{settings.LOGIN_CODE_DAYS} dagen" in html
    assert f"{settings.LOGIN_LINK_MINUTES} minuten" in html


def test_footer_has_a_language_switch(client_for, world):
    html = client_for("anonymous").get(reverse("dashboards:home")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="en"' in html


def test_english_choice_switches_the_page_language(world):
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("dashboards:home")).content.decode()
    assert '<html lang="en"' in html
    assert 'name="language" value="nl"' in html


# ---------------------------------------------------------------- error pages


def test_not_found_page_is_helpful(client_for, world):
    response = client_for("anonymous").get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet" in html
    assert f'href="{reverse("dashboards:home")}"' in html
    assert f'href="{reverse("dashboards:dashboard")}"' not in html


def test_not_found_page_for_a_logged_in_person_links_the_dashboard(client_for, world):
    html = client_for("member").get("/deze-pagina-bestaat-niet/").content.decode()
    assert f'href="{reverse("dashboards:dashboard")}"' in html


def test_forbidden_page_explains_roles(client_for, world):
    # The member may not see the people of the region: 403 or 404, both with a way forward.
    response = client_for("member").get(reverse("accounts:people", kwargs={"region": world.region.slug}))
    assert response.status_code in (403, 404)
    html = response.content.decode()
    assert f'href="{reverse("dashboards:home")}"' in html
    assert world.client.name not in html


def _rendered(handler, user=None, **kwargs):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/ergens/")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return handler(request, **kwargs)


def test_permission_denied_handler(world):
    response = _rendered(views.permission_denied, exception=None)
    assert response.status_code == 403
    html = response.content.decode()
    assert "U mag deze pagina niet zien" in html
    assert f'href="{reverse("accounts:login")}"' in html  # anonymous: log in first
    response = _rendered(views.permission_denied, world.user("member"), exception=None)
    assert f'href="{reverse("accounts:account")}"' in response.content.decode()


def test_bad_request_handler(world):
    response = _rendered(views.bad_request, exception=None)
    assert response.status_code == 400
    assert "Dit verzoek klopt niet" in response.content.decode()


def test_server_error_handler(world):
    response = _rendered(views.server_error)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html and 'class="inspraak-theme"' in html


def test_server_error_handler_falls_back_to_plain_html(world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(views, "render", broken)
    response = _rendered(views.server_error)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
