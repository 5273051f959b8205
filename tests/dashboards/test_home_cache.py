"""Issue 15: the home page caches its region cards per language until a region, municipality or body changes.

The cache key is read from the database on every request (the change token and the highest ids), so a rendering
cached by any process can never show older data: every change below shows on the very next request, although
nothing ever deletes a cache entry (as with several gunicorn workers, each with its own cache)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from inspraak.regions import changes, services
from inspraak.regions.models import Body, ChangeToken, Region
from tests.factories import BodyFactory, MunicipalityFactory, RegionFactory
from tests.quality.queries import assert_constant_queries, count_queries

HOME = reverse("dashboards:home")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def home(language: str = "nl") -> str:
    client = Client()
    if language != "nl":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def cards(html: str) -> str:
    """The region cards: what is cached."""
    start = html.index('id="regios"')
    return html[start : html.index("</section>", start)]


def card(html: str, name: str) -> str:
    """The card of the region called ``name``."""
    start = html.index(f">{name}</a>")
    return html[start : html.index("</li>", start)]


def test_second_request_is_served_from_the_cache_with_one_query(world):
    assert count_queries(Client(), HOME) == 2  # the change token, then the regions with their counts
    assert count_queries(Client(), HOME) == 1  # only the change token
    assert "2 gemeenten · 2 groepen" in card(home(), "Regio Noordkust")


def test_query_count_stays_fixed_as_regions_grow(world):
    home()

    def grow():
        for _ in range(5):
            region = RegionFactory()
            MunicipalityFactory.create_batch(3, region=region)
            BodyFactory.create_batch(2, region=region)
        home()  # the first request after the change renders the cards again (2 queries)

    assert assert_constant_queries(Client(), HOME, grow, expected=1) == 1
    assert home().count("3 gemeenten · 2 groepen") == 5


def test_a_renamed_region_shows_on_the_next_request(world):
    assert "Regio Noordkust" in home()
    services.region_update(region=world.region, by=world.user("admin"), name="Regio Noordzeekust")
    html = home()
    assert "Regio Noordzeekust" in html and ">Regio Noordkust<" not in html


def test_a_new_description_shows_on_the_next_request_cut_to_25_words(world):
    home()
    words = " ".join(f"woord{i}" for i in range(30))
    services.region_update(region=world.region, by=world.user("admin"), description=words)
    shown = card(home(), "Regio Noordkust")
    assert "woord24 …" in shown and "woord25" not in shown


def test_a_new_and_a_removed_municipality_change_the_count(world):
    home()
    admin = world.user("admin")
    new = services.municipality_create(region=world.region, name="Strandwijk", cbs_code="GM9003", by=admin)
    assert "3 gemeenten · 2 groepen" in card(home(), "Regio Noordkust")
    services.municipality_delete(municipality=new, by=admin)
    assert "2 gemeenten · 2 groepen" in card(home(), "Regio Noordkust")


def test_a_new_and_a_removed_body_change_the_count(world):
    home()
    admin = world.user("admin")
    new = services.body_create(region=world.region, name="Adviesraad Noordkust", kind=Body.Kind.OTHER, by=admin)
    assert "2 gemeenten · 3 groepen" in card(home(), "Regio Noordkust")
    services.body_delete(body=new, by=admin)
    assert "2 gemeenten · 2 groepen" in card(home(), "Regio Noordkust")


def test_a_change_no_card_shows_keeps_the_cards_right(world):
    """A change that alters no card still gives a fresh rendering, and the cards stay right."""
    home()
    services.body_update(body=world.body, by=world.user("admin"), name="Panel Noordkust")
    assert "2 gemeenten · 2 groepen" in card(home(), "Regio Noordkust")


def test_a_new_and_a_removed_region_show_on_the_next_request(world):
    home()
    region = services.region_create(name="Regio Zuidpolder", by=world.user("admin"))
    assert "Regio Zuidpolder" in home()
    region.delete()
    assert "Regio Zuidpolder" not in home()


def test_a_bulk_load_without_signals_shows_too(world):
    """bulk_create sends no signal, but it raises the highest id, which is part of the key."""
    home()
    Region.objects.bulk_create([Region(name="Regio Bulkland", slug="bulkland")])
    assert "Regio Bulkland" in home()


def test_the_other_language_has_its_own_cached_cards(world):
    assert "2 gemeenten · 2 groepen" in home("nl")
    assert "2 municipalities · 2 groups" in home("en")
    assert "2 gemeenten · 2 groepen" in home("nl")
    html = home("en")
    assert "2 municipalities · 2 groups" in html and "2 gemeenten" not in html


def test_a_change_rolled_back_leaves_the_cards_as_stored(world):
    """A change that is rolled back also rolls back the token: what is cached under it still matches the data."""
    from django.db import transaction

    before = cards(home())
    with pytest.raises(RuntimeError), transaction.atomic():
        services.region_update(region=world.region, by=world.user("admin"), name="Regio Kwijt")
        assert "Regio Kwijt" in home()
        raise RuntimeError
    assert cards(home()) == before


def test_without_the_token_row_nothing_is_cached(world):
    ChangeToken.objects.all().delete()
    assert changes.version() is None
    assert count_queries(Client(), HOME) == 2
    assert count_queries(Client(), HOME) == 2  # read again every time: no key to trust
    Region.objects.filter(pk=world.region.pk).update(name="Regio Zonder Teken")  # no signal, no token
    assert "Regio Zonder Teken" in home()


def test_a_change_recreates_a_missing_token_row(world):
    ChangeToken.objects.all().delete()
    services.region_update(region=world.region, by=world.user("admin"), name="Regio Met Teken")
    assert changes.version() is not None
    assert "Regio Met Teken" in home()


def test_cards_link_to_each_region(world):
    html = home()
    for region in (world.region, world.other_region):
        assert f'href="{region.get_absolute_url()}"' in html


def test_the_version_query_names_the_tables_of_the_models():
    from inspraak.regions.models import Municipality

    for model in (Region, Municipality, Body, ChangeToken):
        assert f'FROM "{model._meta.db_table}"' in changes.VERSION_SQL
