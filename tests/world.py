"""The standard test world: two regions and one person for every role, plus outsiders.

Used by the role x view matrix (tests/test_role_matrix.py) and by any test that needs realistic scope.
Region A is "ours"; region B is another region whose beheerder must never see or change A's data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from inspraak.accounts.models import Role, RoleAssignment, User
from inspraak.regions.models import Body
from tests.factories import BodyFactory, MunicipalityFactory, RegionFactory, UserFactory, term_end, term_start

# The frozen clock of every world-based test (the ``world`` fixture in tests/conftest.py travels to it, ticking).
# Dates in the world and the factories are relative to it, so no test starts failing on a later calendar day.
NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
TODAY = NOW.date()

# Every actor a view is checked against. "anonymous" is not logged in; "plain" is logged in without roles.
ACTORS = (
    "anonymous",
    "plain",
    "admin",
    "officer_region",
    "officer_municipality",
    "secretary",
    "facilitator",
    "member",
    "finance",
    "other_region_admin",
)


@dataclass
class World:
    region: object
    municipality: object
    municipality_2: object
    body: object  # regional client panel of region A
    municipal_body: object  # adviesraad of municipality A1
    other_region: object
    other_municipality: object
    other_body: object
    users: dict[str, User | None] = field(default_factory=dict)
    client: User | None = None
    member_membership: object = None  # the "member" actor's membership of body
    client_membership: object = None  # Geheime Cliënt's membership of body (no consent to show the name)

    def user(self, actor: str) -> User | None:
        return self.users[actor]


def _grant(user, role, region, municipality=None, body=None):
    RoleAssignment.objects.create(user=user, role=role, region=region, municipality=municipality, body=body)
    return user


def build_world() -> World:
    region = RegionFactory(name="Regio Noordkust", slug="noordkust")
    muni = MunicipalityFactory(region=region, name="Zeedorp", slug="zeedorp", cbs_code="GM9001")
    muni2 = MunicipalityFactory(region=region, name="Duinstad", slug="duinstad", cbs_code="GM9002")
    body = BodyFactory(region=region, name="Cliëntenpanel Noordkust", slug="clientenpanel")
    municipal_body = BodyFactory(
        region=region,
        name="Adviesraad Sociaal Domein Zeedorp",
        slug="asd-zeedorp",
        kind=Body.Kind.SOCIAL_DOMAIN_COUNCIL,
        level=Body.Level.MUNICIPALITY,
        municipality=muni,
        covers_wmo=True,
        covers_jeugdwet=True,
    )
    other = RegionFactory(name="Regio Binnenland", slug="binnenland")
    other_muni = MunicipalityFactory(region=other, name="Heidedorp", slug="heidedorp", cbs_code="GM9101")
    other_body = BodyFactory(region=other, name="Cliëntenraad Binnenland", slug="clientenraad")

    def person(key):
        return UserFactory(email=f"{key.replace('_', '-')}@example.org", name=f"Test {key}")

    users: dict[str, User | None] = {"anonymous": None, "plain": person("plain")}
    users["admin"] = _grant(person("admin"), Role.ADMIN, region)
    users["officer_region"] = _grant(person("officer_region"), Role.POLICY_OFFICER, region)
    users["officer_municipality"] = _grant(
        person("officer_municipality"), Role.POLICY_OFFICER, region, municipality=muni
    )
    users["secretary"] = _grant(person("secretary"), Role.SECRETARY, region, body=body)
    users["facilitator"] = _grant(person("facilitator"), Role.FACILITATOR, region, body=body)
    users["member"] = _grant(person("member"), Role.MEMBER, region, body=body)
    users["finance"] = _grant(person("finance"), Role.FINANCE, region)
    users["other_region_admin"] = _grant(person("other_region_admin"), Role.ADMIN, other)
    world = World(region, muni, muni2, body, municipal_body, other, other_muni, other_body, users)
    # A client member who is not one of the actors: their name and email must never leak to the wrong people.
    world.client = _grant(
        UserFactory(email="geheime.client@example.org", name="Geheime Cliënt"), Role.MEMBER, region, body=body
    )
    world.member_membership = _membership(world.users["member"], body, muni, consent=True)
    world.client_membership = _membership(world.client, body, muni, consent=False)
    return world


def _membership(user, body, municipality, *, consent: bool):
    """A client membership written directly (the role assignment already exists)."""
    from inspraak.members.models import Category, Membership

    return Membership.objects.create(
        body=body,
        user=user,
        body_role="lid",
        category=Category.CLIENT,
        municipality=municipality,
        term_start=term_start(),
        term_end=term_end(),
        contact_email=user.email,
        consent_named_to_members=consent,
    )
