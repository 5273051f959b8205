"""Reads for the home page, the personal dashboard, the body dashboard and the beheer start page, each a fixed
number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import ngettext

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.accounts.roles import roles_of
from inspraak.dashboards.todo import todo_sections
from inspraak.members import selectors as member_selectors
from inspraak.regions.changes import TOKEN_PK
from inspraak.regions.models import Body, Municipality, Region
from inspraak.regions.permissions import can_open_management, can_see_all_regions, can_view_body_dashboard

SUPPORT_ROLES = frozenset({Role.SECRETARY, Role.FACILITATOR})


def _count_in_region(queryset, distinct_field: str = "pk"):
    """A correlated subquery counting rows of ``queryset`` in the outer region (no row multiplication from joins)."""
    counted = (
        queryset.filter(region=OuterRef("pk"))
        .order_by()
        .values("region")
        .annotate(n=Count(distinct_field, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def home_region(region_ids):
    """The region shown in the header of a person who works in exactly ``region_ids`` (one id). 1 query."""
    return Region.objects.filter(pk__in=region_ids).only("name", "slug").first()


def public_regions():
    """Every region on this installation, with how many municipalities and bodies it has. 1 query."""
    return (
        Region.objects.order_by("name")
        .only("name", "slug", "description")
        .annotate(
            n_municipalities=_count_in_region(Municipality.objects.all()),
            n_bodies=_count_in_region(Body.objects.all()),
        )
    )


@dataclass(frozen=True)
class RegionLink:
    name: str
    url: str


def region_links() -> list[RegionLink]:
    """Every region's name and public page (the statements list them), the link reversed once. 1 query."""
    placeholder = "__slug__"
    url = reverse("regions:region", kwargs={"region": placeholder})
    before, after = url.rsplit(placeholder, 1)
    return [
        RegionLink(name=name, url=f"{before}{slug}{after}")
        for name, slug in Region.objects.order_by("name").values_list("name", "slug")
    ]


# The one query of a cached home page. Written out: built with the ORM (three subqueries) it cost several times the
# query itself. Standard SQL (PostgreSQL and SQLite); a renamed table fails every home page test.
_VERSION_SQL = (
    'SELECT "token", (SELECT MAX("id") FROM "regions_region"), (SELECT MAX("id") FROM "regions_municipality"), '
    '(SELECT MAX("id") FROM "regions_body") FROM "regions_changetoken" WHERE "id" = %s'
)


def public_regions_version() -> str | None:
    """What the home page's cached region cards are keyed on: the change token of regions, municipalities and
    bodies (it changes with every save and delete, regions/changes.py) and their highest ids (a bulk create sends
    no signal). None when the token row is missing: then nothing may be cached. 1 query of four index lookups."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [TOKEN_PK])
        row = cursor.fetchone()
    return None if row is None else "-".join(str(part) for part in row)


@dataclass(frozen=True)
class RegionCard:
    """One region on the home page, with its strings made once (no template tags per card)."""

    name: str
    url: str
    meta: str  # "3 gemeenten · 4 groepen"
    description: str  # the first 25 words


def public_region_cards() -> list[RegionCard]:
    """The home page's card per region (``public_regions``). The link is reversed once and the plural strings are
    made once per number, whatever the number of regions. 1 query."""
    placeholder = "__slug__"
    before, after = reverse("regions:region", kwargs={"region": placeholder}).rsplit(placeholder, 1)
    plurals: dict[tuple[str, int], str] = {}

    def counted(kind: str, n: int) -> str:
        if (kind, n) not in plurals:
            text = (
                ngettext("%(n)s gemeente", "%(n)s gemeenten", n)
                if kind == "m"
                else ngettext("%(n)s groep", "%(n)s groepen", n)
            )
            plurals[kind, n] = text % {"n": n}
        return plurals[kind, n]

    return [
        RegionCard(
            name=region.name,
            url=f"{before}{region.slug}{after}",
            meta=f"{counted('m', region.n_municipalities)} · {counted('b', region.n_bodies)}",
            description=Truncator(region.description).words(25, truncate=" …") if region.description else "",
        )
        for region in public_regions()
    ]


@dataclass
class OfficerArea:
    """What a policy officer works for: a whole region, or one municipality, with the bodies that advise there."""

    region: Region
    municipality: Municipality | None = None
    bodies: list[Body] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.municipality.name if self.municipality else self.region.name

    @property
    def public_url(self) -> str:
        return (self.municipality or self.region).get_absolute_url()


def _my_bodies(roles) -> list[Body]:
    """The bodies the person has a role in, each with ``my_roles``, ``my_role_labels`` and ``supports``. 1 query."""
    body_ids = roles.body_ids()
    if not body_ids:
        return []
    bodies = list(
        Body.objects.filter(pk__in=body_ids).select_related("region", "municipality").order_by("region__name", "name")
    )
    labels = dict(Role.choices)
    order = [Role.SECRETARY, Role.FACILITATOR, Role.MEMBER]
    for body in bodies:
        held = roles.roles_in_body(body.pk)
        body.my_roles = [r for r in order if r in held]
        body.my_role_labels = [labels[r] for r in body.my_roles]
        body.supports = bool(held & SUPPORT_ROLES)
    return bodies


def _admin_regions(roles) -> list[Region]:
    """The regions the person is beheerder of, with counts of municipalities, bodies and people. 1 query."""
    if not roles.admin_region_ids:
        return []
    return list(
        Region.objects.filter(pk__in=roles.admin_region_ids)
        .annotate(
            n_municipalities=_count_in_region(Municipality.objects.all()),
            n_bodies=_count_in_region(Body.objects.all()),
            n_people=_count_in_region(RoleAssignment.objects.all(), "user"),
        )
        .order_by("name")
    )


def _finance_regions(roles) -> list[Region]:
    """The regions the person holds the finance role in. 1 query (none without the role)."""
    if not roles.finance_region_ids:
        return []
    return list(Region.objects.filter(pk__in=roles.finance_region_ids).order_by("name"))


def _officer_areas(user, roles) -> list[OfficerArea]:
    """Where a policy officer works, with the bodies that advise there. At most 3 queries, however many bodies."""
    if not (roles.officer_region_ids or roles.officer_municipality_ids):
        return []
    municipalities = (
        list(
            Municipality.objects.filter(pk__in=roles.officer_municipality_ids)
            .select_related("region")
            .order_by("region__name", "name")
        )
        if roles.officer_municipality_ids
        else []
    )
    regions = (
        list(Region.objects.filter(pk__in=roles.officer_region_ids).order_by("name"))
        if roles.officer_region_ids
        else []
    )
    region_ids = {r.pk for r in regions} | {m.region_id for m in municipalities}
    bodies = list(
        Body.objects.filter(region_id__in=region_ids)
        .filter(
            Q(region_id__in=roles.officer_region_ids)
            | Q(level=Body.Level.REGION)
            | Q(municipality_id__in=roles.officer_municipality_ids)
        )
        .select_related("region", "municipality")
        .order_by("level", "name")
    )
    for body in bodies:
        body.can_open_dashboard = can_view_body_dashboard(user, body)
    areas = [OfficerArea(region=r, bodies=[b for b in bodies if b.region_id == r.pk]) for r in regions]
    for m in municipalities:
        # A municipality is advised by its own bodies and by the bodies of the whole region.
        relevant = [b for b in bodies if b.region_id == m.region_id and (b.municipality_id in (None, m.pk))]
        areas.append(OfficerArea(region=m.region, municipality=m, bodies=relevant))
    return areas


def dashboard_for(user) -> dict:
    """Everything 'Mijn overzicht' shows, per role. A fixed number of queries, independent of how many bodies,
    regions or municipalities the person works with (at most 1 for the roles and 6 for the content,
    one of them the invitations that wait for an answer), plus the to-do list of each role (todo.py)."""
    roles = roles_of(user)
    bodies = _my_bodies(roles)
    admin_regions = _admin_regions(roles)
    finance_regions = _finance_regions(roles)
    return {
        "roles": roles,
        "role_names": roles.role_names(),
        "bodies": bodies,
        "support_bodies": [b for b in bodies if b.supports],
        "member_bodies": [b for b in bodies if not b.supports],
        "admin_regions": admin_regions,
        "officer_areas": _officer_areas(user, roles),
        "finance_regions": finance_regions,
        "is_operator": bool(user.is_superuser) and can_open_management(user),
        "invitations": member_selectors.open_invitations(user),
        "todo_sections": todo_sections(user, roles, bodies, admin_regions, finance_regions),
        "today": timezone.localdate(),
    }


# ---------------------------------------------------------------- the body dashboard and the beheer start page


def body_support(body: Body) -> dict:
    """Who supports a body (secretary, facilitator: staff names) and how many members it has. 2 queries.

    Members are only counted: their names are not loaded.
    """
    supporters = list(
        RoleAssignment.objects.filter(body=body, role__in=[Role.SECRETARY, Role.FACILITATOR], user__is_active=True)
        .select_related("user")
        .only("role", "user__name")
        .order_by("user__name", "pk")
    )
    member_count = RoleAssignment.objects.filter(body=body, role=Role.MEMBER, user__is_active=True).count()
    return {
        "secretaries": [r.user for r in supporters if r.role == Role.SECRETARY],
        "facilitators": [r.user for r in supporters if r.role == Role.FACILITATOR],
        "member_count": member_count,
    }


def managed_regions(user) -> list[Region]:
    """The regions on the management start page, with counts. 1 query."""
    regions = Region.objects.all()
    if not can_see_all_regions(user):
        regions = regions.filter(pk__in=roles_of(user).admin_region_ids)
    return list(
        regions.annotate(
            n_municipalities=Count("municipalities", distinct=True), n_bodies=Count("bodies", distinct=True)
        ).order_by("name")
    )
