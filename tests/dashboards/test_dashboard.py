"""'Mijn overzicht': what each role sees and can do next, and a query count that does not grow."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspraak.accounts.models import Role
from tests.factories import BodyFactory, MunicipalityFactory, RoleAssignmentFactory, UserFactory

DASHBOARD = "/mijn-overzicht/"


def _html(client_for, actor: str) -> str:
    response = client_for(actor).get(reverse("dashboards:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def _url(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)


def test_dashboard_url():
    assert reverse("dashboards:dashboard") == DASHBOARD


def test_anonymous_is_sent_to_login(client_for, world):
    response = client_for("anonymous").get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_admin_sees_management_of_their_region_only(client_for, world):
    html = _html(client_for, "admin")
    region = world.region.slug
    assert f'href="{_url("regions:manage_region", region=region)}"' in html
    assert f'href="{_url("accounts:people", region=region)}"' in html
    assert f'href="{_url("regions:audit_log", region=region)}"' in html
    assert "2 gemeenten · 2 groepen" in html
    other = world.other_region.slug
    assert f'href="{_url("regions:manage_region", region=other)}"' not in html
    assert world.other_region.name not in html
    assert "U heeft nog geen rol" not in html


@pytest.mark.parametrize("actor", ["secretary", "facilitator"])
def test_supporters_see_their_body_with_internal_and_public_page(client_for, world, actor):
    html = _html(client_for, actor)
    assert "Groepen die u ondersteunt" in html
    assert f'href="{_url("dashboards:body_dashboard", region=world.region.slug, body=world.body.slug)}"' in html
    assert f'href="{world.body.get_absolute_url()}"' in html
    assert {"secretary": "Secretaris", "facilitator": "Gespreksleider"}[actor] in html
    assert world.municipal_body.name not in html  # not their body
    assert f'href="{_url("accounts:people", region=world.region.slug)}"' not in html  # not a beheerder


def test_member_sees_their_group(client_for, world):
    html = _html(client_for, "member")
    assert "Uw groep" in html
    assert "Groepen die u ondersteunt" not in html
    assert f'href="{_url("dashboards:body_dashboard", region=world.region.slug, body=world.body.slug)}"' in html
    assert f'href="{world.body.get_absolute_url()}"' in html
    assert world.client.name not in html  # other members are not listed here


def test_regional_policy_officer_sees_region_and_all_its_bodies(client_for, world):
    html = _html(client_for, "officer_region")
    assert "Beleid" in html
    assert f'href="{world.region.get_absolute_url()}"' in html
    for body in (world.body, world.municipal_body):
        assert f'href="{_url("dashboards:body_dashboard", region=world.region.slug, body=body.slug)}"' in html
    assert world.other_body.name not in html


def test_municipal_policy_officer_sees_municipality_and_the_bodies_that_advise_it(client_for, world):
    html = _html(client_for, "officer_municipality")
    assert f'href="{world.municipality.get_absolute_url()}"' in html
    assert f"Gemeente {world.municipality.name}" in html
    # Its own adviesraad: the internal overview. The regional panel: only the public page (not theirs to open).
    municipal = world.municipal_body
    assert f'href="{_url("dashboards:body_dashboard", region=world.region.slug, body=municipal.slug)}"' in html
    assert f'href="{world.body.get_absolute_url()}"' in html
    assert f'href="{_url("dashboards:body_dashboard", region=world.region.slug, body=world.body.slug)}"' not in html


def test_municipal_officer_does_not_see_bodies_of_another_municipality(client_for, world):
    BodyFactory(
        region=world.region,
        name="Adviesraad Duinstad",
        level="gemeente",
        municipality=world.municipality_2,
    )
    assert "Adviesraad Duinstad" not in _html(client_for, "officer_municipality")
    assert "Adviesraad Duinstad" in _html(client_for, "officer_region")


def test_person_without_roles_gets_a_friendly_explanation(client_for, world):
    html = _html(client_for, "plain")
    assert "U heeft nog geen rol" in html
    assert f'href="{reverse("dashboards:home")}"' in html
    assert f'href="{reverse("accounts:account")}"' in html
    assert "Beheer" not in html.split("<main", 1)[1]


def test_platform_operator_without_roles_is_pointed_to_management(world):
    operator = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(operator)
    html = client.get(DASHBOARD).content.decode()
    assert f'href="{reverse("dashboards:manage_home")}"' in html
    assert "U heeft nog geen rol" not in html


def test_person_with_several_roles_sees_every_section(world, client_for):
    user = world.user("admin")
    RoleAssignmentFactory(user=user, role=Role.SECRETARY, region=world.region, body=world.municipal_body)
    RoleAssignmentFactory(user=user, role=Role.MEMBER, region=world.region, body=world.body)
    RoleAssignmentFactory(user=user, role=Role.POLICY_OFFICER, region=world.region)
    html = _html(client_for, "admin")
    for heading in ("Groepen die u ondersteunt", "Uw groep", "Beheer", "Beleid"):
        assert heading in html


# ---------------------------------------------------------------- fixed number of queries


def _count(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(DASHBOARD).status_code == 200
    return len(ctx.captured_queries)


def _counts(client) -> tuple[int, int]:
    """The queries of the page with nothing kept (the region's cache emptied), then with what it keeps."""
    cache.clear()
    return _count(client), _count(client)


def _grow_within_scope(world, actor: str, n: int) -> None:
    """Give the actor n more of what they already have: more bodies, municipalities and roles of the same kind."""
    user, region = world.user(actor), world.region
    for _ in range(n):
        municipality = MunicipalityFactory(region=region)
        body = BodyFactory(region=region)
        BodyFactory(region=region, level="gemeente", municipality=municipality)
        BodyFactory(region=region, level="gemeente", municipality=world.municipality)
        role = {"member": Role.MEMBER, "secretary": Role.SECRETARY, "facilitator": Role.FACILITATOR}.get(actor)
        if role:
            RoleAssignmentFactory(user=user, role=role, region=region, body=body)
        RoleAssignmentFactory(user=UserFactory(), role=Role.MEMBER, region=region, body=body)


@pytest.mark.parametrize(
    "actor", ["plain", "member", "secretary", "facilitator", "admin", "officer_region", "officer_municipality"]
)
def test_query_count_does_not_grow_with_bodies(world, client_for, actor):
    client = client_for(actor)
    before = _counts(client)
    _grow_within_scope(world, actor, 8)
    html = client.get(DASHBOARD).content.decode()
    assert _counts(client) == before
    if actor in ("member", "secretary", "facilitator", "officer_region", "officer_municipality"):
        assert html.count("dashboards:body") == 0 and html.count("/orgaan/") + html.count("/organen/") > 16


def test_query_count_is_exact_for_a_person_with_every_role(world, client_for, django_assert_num_queries):
    user = world.user("admin")
    for role in (Role.SECRETARY, Role.FACILITATOR, Role.MEMBER):
        RoleAssignmentFactory(user=user, role=role, region=world.region, body=world.body)
    RoleAssignmentFactory(user=user, role=Role.POLICY_OFFICER, region=world.region)
    RoleAssignmentFactory(user=user, role=Role.POLICY_OFFICER, region=world.region, municipality=world.municipality)
    client = client_for("admin")
    # the session with the person and their roles; the regions of the beheerder, finance and GR policy officer;
    # every body shown (own, the beheerder's, the policy officer's); officer municipalities; open invitations (5: the
    # header region is one of these), and the to-do lists (todo.py): the meetings, topics and feedback reports of all
    # roles at once 3, member 2, secretary 1, policy officer 2, beheerder 3, finance 0 (counted on its regions), the
    # consultations the person runs 1
    RoleAssignmentFactory(user=user, role=Role.FINANCE, region=world.region)
    expected = 5 + 3 + 2 + 1 + 2 + 3 + 0 + 1
    with django_assert_num_queries(expected):
        client.get(DASHBOARD)
    for _ in range(10):
        body = BodyFactory(region=world.region)
        for role in (Role.SECRETARY, Role.FACILITATOR, Role.MEMBER):
            RoleAssignmentFactory(user=user, role=role, region=world.region, body=body)
    with django_assert_num_queries(expected):
        client.get(DASHBOARD)
