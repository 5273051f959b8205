"""The public pages: region, municipality, body. No login, no personal data, fixed query counts."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from inspraak.accounts.models import Role
from inspraak.regions.models import Body
from tests.factories import BodyFactory, MembershipFactory, MunicipalityFactory, RoleAssignmentFactory, UserFactory
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _region_url(w):
    return reverse("regions:region", kwargs={"region": w.region.slug})


def _municipality_url(w, municipality=None):
    municipality = municipality or w.municipality
    return reverse("regions:municipality", kwargs={"region": w.region.slug, "municipality": municipality.slug})


def _body_url(w, body=None):
    body = body or w.body
    return reverse("dashboards:body", kwargs={"region": body.region.slug, "body": body.slug})


def _personal_data(w) -> list[str]:
    """Names and emails of everyone in the world: none of it belongs on a public page."""
    people = [u for u in w.users.values() if u is not None] + [w.client]
    return [p.name for p in people] + [p.email for p in people if p.email]


def _assert_no_personal_data(content: str, w) -> None:
    leaked = [value for value in _personal_data(w) if value in content]
    assert not leaked, f"public page shows personal data: {leaked}"


# ---------------------------------------------------------------- region page


def test_region_page_shows_municipalities_with_client_group_and_bodies_by_level(client, world):
    world.municipality.client_group_size = 2345
    world.municipality.client_group_date = datetime.date(2026, 1, 1)
    world.municipality.save()
    response = client.get(_region_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Regio Noordkust" in html
    assert "Zeedorp" in html and "Duinstad" in html
    assert "2345" in html and "1 januari 2026" in html
    regional = html.index("Groepen voor de hele regio")
    municipal = html.index("Groepen van één gemeente")
    assert regional < html.index("Cliëntenpanel Noordkust") < municipal
    assert municipal < html.index("Adviesraad Sociaal Domein Zeedorp")
    # Nothing of the other region.
    assert "Heidedorp" not in html and "Cliëntenraad Binnenland" not in html


def test_region_page_unknown_size_is_plain(client, world):
    world.municipality_2.client_group_size = None
    world.municipality_2.client_group_date = None
    world.municipality_2.save()
    html = client.get(_region_url(world)).content.decode()
    assert "onbekend" in html


def test_region_page_without_bodies_says_so(client, world):
    region = MunicipalityFactory(name="Leegdorp").region
    html = client.get(reverse("regions:region", kwargs={"region": region.slug})).content.decode()
    assert "Er is nog geen groep voor de hele regio." in html
    assert "Er is nog geen groep van één gemeente." in html


def test_unknown_region_is_404(client, world):
    assert client.get(reverse("regions:region", kwargs={"region": "bestaat-niet"})).status_code == 404


def test_region_page_query_count_is_fixed(client, world):
    def grow():
        for _ in range(5):
            municipality = MunicipalityFactory(region=world.region)
            BodyFactory(region=world.region, level=Body.Level.MUNICIPALITY, municipality=municipality, covers_wmo=True)
            BodyFactory(region=world.region)

    # the change token of regions, municipalities and bodies (the key of the kept page), the region, its
    # municipalities, its bodies: each grow() changes the token, so the page is computed again
    assert_constant_queries(client, _region_url(world), grow, expected=4)


def test_the_region_page_is_kept_until_a_group_changes(client, world, django_assert_num_queries):
    """The region page's main part is kept per language under the change token (ADR 0031): 1 query when kept, and
    a renamed group shows on the very next request."""
    cache.clear()
    first = client.get(_region_url(world)).content.decode()
    with django_assert_num_queries(1):
        again = client.get(_region_url(world)).content.decode()
    main = lambda html: html[html.index("<main") : html.index("</main>")]  # noqa: E731 (the footer holds a CSRF token)
    assert main(again) == main(first) and "Cliëntenpanel Noordkust" in again
    body = world.body
    body.name = "Meepraatgroep Noordkust"
    body.save()
    html = client.get(_region_url(world)).content.decode()
    assert "Meepraatgroep Noordkust" in html and "Cliëntenpanel Noordkust" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(_region_url(world)).content.decode()
    assert 'lang="en"' in english and "Groups for the whole region" in english


def test_an_unknown_region_leaves_nothing_kept(client, world):
    cache.clear()
    assert client.get(reverse("regions:region", kwargs={"region": "bestaat-niet"})).status_code == 404
    assert not any("region_page:" in key for key in getattr(cache, "_cache", {}))


# ---------------------------------------------------------------- municipality page


def test_municipality_page_shows_own_and_regional_bodies(client, world):
    other_local = BodyFactory(
        region=world.region, name="Raad Duinstad", level=Body.Level.MUNICIPALITY, municipality=world.municipality_2
    )
    response = client.get(_municipality_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gemeente Zeedorp" in html
    assert "GM9001" in html
    assert "Adviesraad Sociaal Domein Zeedorp" in html  # its own
    assert "Cliëntenpanel Noordkust" in html  # regional
    assert other_local.name not in html  # another municipality's body
    assert "Cliëntenraad Binnenland" not in html


def test_municipality_of_another_region_is_404_under_this_region(client, world):
    url = reverse("regions:municipality", kwargs={"region": world.region.slug, "municipality": "heidedorp"})
    assert client.get(url).status_code == 404


def test_municipality_page_query_count_is_fixed(client, world):
    def grow():
        for _ in range(5):
            BodyFactory(region=world.region)
            BodyFactory(
                region=world.region, level=Body.Level.MUNICIPALITY, municipality=world.municipality, covers_wmo=True
            )

    assert_constant_queries(client, _municipality_url(world), grow, expected=2)


# ---------------------------------------------------------------- body page


def test_body_page_explains_the_body_in_plain_words(client, world):
    body = world.municipal_body
    body.description = "Wij praten mee over zorg en werk."
    body.audience = "Voor alle inwoners van Zeedorp."
    body.how_to_join = "Kom eens kijken bij een bijeenkomst."
    body.contact_email = "asd@zeedorp.example"
    body.contact_phone = "010 123 45 67"
    body.topic_scope = Body.TopicScope.EXECUTION
    body.min_meetings_per_year = 4
    body.documents_days_before = 10
    body.save()
    html = client.get(_body_url(world, body)).content.decode()
    assert "Wij praten mee over zorg en werk." in html
    assert "Voor alle inwoners van Zeedorp." in html
    assert "Kom eens kijken bij een bijeenkomst." in html
    assert "Adviesraad sociaal domein" in html  # kind
    assert "Gemeente Zeedorp" in html  # level
    assert "Participatiewet, Wmo 2015, Jeugdwet" in html
    assert "Praktische zaken" in html
    assert "Minstens 4 bijeenkomsten per jaar." in html
    assert "Stukken minstens 10 dagen vooraf." in html
    assert 'href="mailto:asd@zeedorp.example"' in html
    assert 'href="tel:0101234567"' in html


def test_body_page_singular_rules_and_regional_balance(client, world):
    body = world.body
    body.min_meetings_per_year = 1
    body.documents_days_before = 1
    body.balanced_over_municipalities = True
    body.facilitator_required = False
    body.save()
    html = client.get(_body_url(world)).content.decode()
    assert "Minstens 1 bijeenkomst per jaar." in html
    assert "Stukken minstens 1 dag vooraf." in html
    assert "eerlijk verdeeld" in html
    assert "onafhankelijke gespreksleider" not in html
    assert "Alle gemeenten van Regio Noordkust" in html


def test_body_page_without_contact_tells_where_to_ask(client, world):
    html = client.get(_body_url(world)).content.decode()
    assert "Vraag ernaar bij uw contactpersoon" in html


def test_body_of_another_region_is_404_under_this_region(client, world):
    url = reverse("dashboards:body", kwargs={"region": world.region.slug, "body": world.other_body.slug})
    assert client.get(url).status_code == 404


def test_body_page_links_to_the_dashboard_only_for_its_people(client, world):
    dashboard = reverse("dashboards:body_dashboard", kwargs={"region": world.region.slug, "body": world.body.slug})
    assert dashboard not in client.get(_body_url(world)).content.decode()
    client.force_login(world.user("member"))
    assert dashboard in client.get(_body_url(world)).content.decode()
    client.force_login(world.user("plain"))
    assert dashboard not in client.get(_body_url(world)).content.decode()


def test_body_page_query_count_is_fixed(client, world):
    """Computed: the body, the region's newest audit row (the cache key, ADR 31), its active memberships
    (aggregated, no names) and the region's municipalities (seat allocation), and "is the client heard?" (4 queries).
    Kept in the region's cache: the body, the newest audit row and at most the votes of clients (issue 15)."""
    from django.core.cache import cache

    from tests.quality.queries import count_queries

    def grow():
        for _ in range(5):
            RoleAssignmentFactory(user=UserFactory(), role=Role.MEMBER, region=world.region, body=world.body)
            MembershipFactory(body=world.body, municipality=world.municipality)
            MunicipalityFactory(region=world.region)

    def grow_uncached():
        grow()
        cache.clear()  # the factories write no audit rows, so the kept page would not see them

    assert_constant_queries(client, _body_url(world), grow_uncached, expected=2 + 2 + 4)
    kept = count_queries(client, _body_url(world))
    assert kept <= 3
    grow()
    assert count_queries(client, _body_url(world)) == kept


# ---------------------------------------------------------------- privacy


@pytest.mark.parametrize("actor", ["anonymous", "member", "admin"])
def test_public_pages_show_no_personal_data(client, world, actor):
    user = world.user(actor)
    if user is not None:
        client.force_login(user)
    for url in (_region_url(world), _municipality_url(world), _body_url(world), _body_url(world, world.municipal_body)):
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        if user is not None:  # the header shows the logged-in person's own name; nobody else's
            content = content.replace(user.name, "")
        _assert_no_personal_data(content, world)


def test_public_pages_refuse_post(client, world):
    assert client.post(_region_url(world)).status_code == 405


def test_region_page_with_many_municipalities_folds_their_table(client, world):
    """Issue 15: a region of 350 municipalities (the national data set) folds the table into a <details>; each
    row links to its municipality and shows its reference date, made once per list."""
    from inspraak.regions.selectors import LONG_LIST

    html = client.get(_region_url(world)).content.decode()
    assert "<details" not in html
    added = [
        MunicipalityFactory(region=world.region, client_group_date=datetime.date(2026, 1, 1)) for _ in range(LONG_LIST)
    ]
    html = client.get(_region_url(world)).content.decode()
    assert f"<summary>Bekijk alle {LONG_LIST + 2} gemeenten</summary>" in html
    folded = html[html.index("<details") : html.index("</details>")]
    for municipality in [world.municipality, world.municipality_2, *added]:
        assert f'href="{_municipality_url(world, municipality)}">{municipality.name}</a>' in folded
    assert folded.count("1 januari 2026") >= LONG_LIST
