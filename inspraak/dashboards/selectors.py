"""Reads for the home page, the personal dashboard, the body dashboard and the beheer start page, each a fixed
number of queries."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from functools import reduce

from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import ngettext

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.accounts.roles import roles_of
from inspraak.audit.cache import NEWEST_AUDIT, newest_audit_subqueries
from inspraak.core.dbtime import read_moment
from inspraak.core.links import url_filler
from inspraak.core.prepared import fields_of, instances, prepared_rows
from inspraak.dashboards import todo
from inspraak.members import rules as member_rules
from inspraak.members.models import Status as MembershipStatus
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
    region_url = url_filler("regions:region", "region")
    return [
        RegionLink(name=name, url=region_url(slug))
        for name, slug in Region.objects.order_by("name").values_list("name", "slug")
    ]


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
    region_url = url_filler("regions:region", "region")
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
            url=region_url(region.slug),
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


def _annotated(model, rows: list[tuple], names: tuple[str, ...]) -> list:
    """Instances of ``model`` from prepared rows of its fields (``fields_of``) followed by the annotations ``names``,
    each annotation set on its instance."""
    objects = instances(model, rows)
    at = len(fields_of(model))
    for obj, row in zip(objects, rows, strict=True):
        for offset, name in enumerate(names):
            setattr(obj, name, row[at + offset])
    return objects


def _regions(roles, *, today) -> list[Region]:
    """The regions the person is beheerder, finance or GR policy officer of, by name, with what their sections and
    to-do lists count (``todo.region_annotations``; for the beheerder also how many municipalities, bodies and
    people with a role). 1 query (none without these roles), built once per shape (core.prepared)."""
    region_ids = roles.admin_region_ids | roles.officer_region_ids | roles.finance_region_ids
    if not region_ids:
        return []
    counted = todo.region_annotations(roles, today=today)
    admin = bool(roles.admin_region_ids)
    # For the beheerder also the region's newest audit row: the key of what the to-do list keeps (todo.admin_items).
    names = (*counted.names, "n_municipalities", "n_people", *NEWEST_AUDIT) if admin else counted.names

    def build(region_ids, **values):
        annotations = counted.make(values)
        if admin:
            # (their bodies are counted on the bodies loaded for the page: ``_admin_regions``)
            annotations |= {
                "n_municipalities": _count_in_region(Municipality.objects.all()),
                "n_people": _count_in_region(RoleAssignment.objects.all(), "user"),
                **newest_audit_subqueries(),
            }
        return (
            Region.objects.filter(pk__in=region_ids)
            .annotate(**annotations)
            .order_by("name")
            .values_list(*fields_of(Region), *names)
        )

    rows = prepared_rows(("dashboards.regions", *counted.shape), build, region_ids=sorted(region_ids), **counted.values)
    return _annotated(Region, rows, names)


def _loaded_bodies(roles, regions: list[Region], *, today) -> list[Body]:
    """Every body the dashboard shows or counts, by region and name: the person's own bodies, the bodies of the
    regions they are beheerder of, and those a policy officer works with (every body of their region, or the
    bodies of their municipality and of its whole region), annotated for the to-do list (``todo.body_annotations``).
    Each with its region (from ``regions`` when all of them are there) and, for the person's own bodies (their
    cards name it), its municipality. 1 query (none without such roles), built once per shape (core.prepared)."""
    own = sorted(roles.body_ids())
    whole = sorted(roles.admin_region_ids | roles.officer_region_ids)
    municipalities = sorted(roles.officer_municipality_ids)
    if not (own or whole or municipalities):
        return []
    by_pk = {r.pk: r for r in regions}
    # A municipal policy officer's region is not among ``regions``; nor are the regions of the person's own bodies
    # when they hold no region-wide role there.
    with_region = not (roles.region_ids <= by_pk.keys() and not municipalities)
    with_municipality = bool(roles.body_roles)
    counted = todo.body_annotations(roles, today=today)
    columns = [*fields_of(Body), *counted.names]
    if with_region:
        columns += [f"region__{name}" for name in fields_of(Region)]
    if with_municipality:
        columns += [f"municipality__{name}" for name in fields_of(Municipality)]

    def build(**values):
        wanted = []
        if own:
            wanted.append(Q(pk__in=values["own"]))
        if whole:
            wanted.append(Q(region_id__in=values["whole"]))
        if municipalities:
            in_them = values["municipalities"]
            of_their_region = Municipality.objects.filter(region=OuterRef("region"), pk__in=in_them)
            wanted.append(Q(municipality_id__in=in_them) | Q(Exists(of_their_region), level=Body.Level.REGION))
        return (
            Body.objects.filter(reduce(operator.or_, wanted))
            .annotate(**counted.make(values))
            .order_by("region__name", "name", "pk")
            .values_list(*columns)
        )

    values = {"own": own, "whole": whole, "municipalities": municipalities}
    shape = (with_region, with_municipality, *(bool(value) for value in values.values()))
    key = ("dashboards.loaded_bodies", *counted.shape, *shape)
    rows = prepared_rows(key, build, **{name: value for name, value in values.items() if value}, **counted.values)
    bodies = _annotated(Body, rows, counted.names)
    at = len(fields_of(Body)) + len(counted.names)
    if with_region:
        region_of: dict[int, Region] = {}
        for body, row in zip(bodies, rows, strict=True):
            # One instance per region (the ORM's select_related made one per row; nothing here tells them apart).
            if body.region_id not in region_of:
                region_of[body.region_id] = instances(Region, [row], offset=at)[0]
            body.region = region_of[body.region_id]
        at += len(fields_of(Region))
    else:
        for body in bodies:
            body.region = by_pk[body.region_id]
    if with_municipality:
        for body, row in zip(bodies, rows, strict=True):
            body.municipality = (
                instances(Municipality, [row], offset=at)[0] if body.municipality_id is not None else None
            )
    return bodies


def _with_links(bodies: list[Body], links: todo.Links) -> None:
    """The pages of each body the dashboard links to (reversed once per page, not per body)."""
    for body in bodies:
        body.dashboard_url = links.body("dashboards:body_dashboard", body)
        body.public_url = links.body("dashboards:body", body)


def _my_bodies(roles, loaded: list[Body], links: todo.Links) -> list[Body]:
    """The bodies the person has a role in (of ``loaded``, by region and name), each with ``my_roles``,
    ``my_role_labels``, ``supports`` and its links. No queries."""
    labels = dict(Role.choices)
    order = [Role.SECRETARY, Role.FACILITATOR, Role.MEMBER]
    bodies = []
    for body in loaded:
        held = roles.roles_in_body(body.pk)
        if not held:
            continue
        body.my_roles = [r for r in order if r in held]
        body.my_role_labels = [labels[r] for r in body.my_roles]
        body.supports = bool(held & SUPPORT_ROLES)
        if not body.supports:
            body.claims_url = links.body("claims:mine", body)
            body.member_page_url = links.body("support:member_page", body)
        bodies.append(body)
    _with_links(bodies, links)
    return bodies


def _admin_regions(roles, regions: list[Region], loaded: list[Body]) -> list[Region]:
    """The regions the person is beheerder of (of ``regions``), with counts of municipalities, bodies (of
    ``loaded``, which holds every body of these regions) and people. No queries."""
    admin_regions = [r for r in regions if r.pk in roles.admin_region_ids]
    for region in admin_regions:
        region.n_bodies = sum(1 for b in loaded if b.region_id == region.pk)
    return admin_regions


def _finance_regions(roles, regions: list[Region]) -> list[Region]:
    """The regions the person holds the finance role in (of ``regions``). No queries."""
    return [r for r in regions if r.pk in roles.finance_region_ids]


def _officer_areas(user, roles, regions: list[Region], loaded: list[Body], links: todo.Links) -> list[OfficerArea]:
    """Where a policy officer works, with the bodies that advise there (of ``loaded``, by level and name). 1 query
    for the municipalities of a municipal policy officer, none for a GR policy officer."""
    if not (roles.officer_region_ids or roles.officer_municipality_ids):
        return []
    municipalities = (
        list(
            Municipality.objects.filter(pk__in=sorted(roles.officer_municipality_ids))
            .select_related("region")
            .order_by("region__name", "name")
        )
        if roles.officer_municipality_ids
        else []
    )
    region_ids = set(roles.officer_region_ids) | {m.region_id for m in municipalities}
    # Stable: within a level the bodies keep their order by name (the database's collation).
    bodies = sorted(
        (
            b
            for b in loaded
            if b.region_id in region_ids
            and (
                b.region_id in roles.officer_region_ids
                or b.level == Body.Level.REGION
                or b.municipality_id in roles.officer_municipality_ids
            )
        ),
        key=lambda b: b.level,
    )
    for body in bodies:
        body.can_open_dashboard = can_view_body_dashboard(user, body)
    _with_links(bodies, links)
    areas = [
        OfficerArea(region=r, bodies=[b for b in bodies if b.region_id == r.pk])
        for r in regions
        if r.pk in roles.officer_region_ids
    ]
    for m in municipalities:
        # A municipality is advised by its own bodies and by the bodies of the whole region.
        relevant = [b for b in bodies if b.region_id == m.region_id and (b.municipality_id in (None, m.pk))]
        areas.append(OfficerArea(region=m.region, municipality=m, bodies=relevant))
    return areas


def site_region_from(user, regions) -> Region | None:
    """The one region the person works in, for the page header, when it is among ``regions`` (loaded by the page
    anyway; the context processor would read it again). None otherwise. No queries."""
    region_ids = roles_of(user).region_ids
    if len(region_ids) != 1:
        return None
    (region_id,) = region_ids
    return next((r for r in regions if r.pk == region_id), None)


# The memberships that wait for the person's answer, written out (built with the ORM, the join cost several times its
# run in the database on every dashboard). Standard SQL (PostgreSQL and SQLite).
_INVITATIONS_SQL = (
    'SELECT m."id", m."created_at", b."name" FROM "members_membership" m '
    'INNER JOIN "regions_body" b ON b."id" = m."body_id" WHERE m."user_id" = %s AND m."status" = %s ORDER BY m."id"'
)


@dataclass(frozen=True)
class OpenInvitation:
    """A membership that waits for the person's answer (as members.selectors.open_invitations reads it)."""

    pk: int
    body_name: str
    invitation_expired: bool


def open_invitations(user) -> list[OpenInvitation]:
    """Every membership that waits for this person's answer, oldest first, with its body's name and whether the
    invitation expired (members.rules). 1 query."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_INVITATIONS_SQL, [user.pk, MembershipStatus.INVITED])
        rows = cursor.fetchall()
    return [
        OpenInvitation(pk, name, member_rules.invitation_expired(read_moment(created_at), now))
        for pk, created_at, name in rows
    ]


def dashboard_for(user) -> dict:
    """Everything 'Mijn overzicht' shows, per role. A fixed number of queries, independent of how many bodies,
    regions or municipalities the person works with: the roles (1), the regions of a beheerder, finance or GR policy
    officer (1), every body shown (1), the municipalities of a municipal policy officer (1), the invitations that
    wait for an answer (1); each only when needed. Plus the to-do list of each role (todo.py)."""
    roles = roles_of(user)
    now = timezone.now()
    today = timezone.localdate()
    regions = _regions(roles, today=today)
    loaded = _loaded_bodies(roles, regions, today=today)
    links = todo.Links()
    bodies = _my_bodies(roles, loaded, links)
    admin_regions = _admin_regions(roles, regions, loaded)
    finance_regions = _finance_regions(roles, regions)
    officer_areas = _officer_areas(user, roles, regions, loaded, links)
    context = {
        "roles": roles,
        "role_names": roles.role_names(),
        "bodies": bodies,
        "support_bodies": [b for b in bodies if b.supports],
        "member_bodies": [b for b in bodies if not b.supports],
        "admin_regions": admin_regions,
        "officer_areas": officer_areas,
        "finance_regions": finance_regions,
        "is_operator": bool(user.is_superuser) and can_open_management(user),
        "invitations": open_invitations(user),
        "todo_sections": todo.todo_sections(
            user,
            roles,
            bodies=bodies,
            loaded_bodies=loaded,
            admin_regions=admin_regions,
            finance_regions=finance_regions,
            now=now,
            today=today,
            links=links,
        ),
    }
    site_region = site_region_from(user, [*regions, *(b.region for b in bodies), *(a.region for a in officer_areas)])
    if site_region is not None:
        context["site_region"] = site_region
    return context


# ---------------------------------------------------------------- the body dashboard and the beheer start page


# The one query of ``body_support``, written out (built with the ORM, its two joins and the count cost several times
# their run in the database): the active members counted (and, for those who print them, the letters waiting to be
# printed: not in a batch yet, as letters.selectors.pending_count counts them), left-joined with the active
# secretaries and facilitators by name (one row with no name when there are none). ``{letters}``: the count of letters
# or NULL. Standard SQL (PostgreSQL and SQLite).
_SUPPORT_SQL = (
    'SELECT c."n", c."letters", s."role", s."name" FROM (SELECT COUNT(*) AS "n", {letters} AS "letters" '
    'FROM "accounts_roleassignment" m INNER JOIN "accounts_user" mu ON mu."id" = m."user_id" '
    'WHERE m."body_id" = %s AND m."role" = %s AND mu."is_active" = %s) c '
    'LEFT JOIN (SELECT r."id", r."role", u."name" FROM "accounts_roleassignment" r '
    'INNER JOIN "accounts_user" u ON u."id" = r."user_id" '
    'WHERE r."body_id" = %s AND r."role" IN (%s, %s) AND u."is_active" = %s) s ON 1 = 1 '
    'ORDER BY s."name", s."id"'
)
_LETTERS_SQL = '(SELECT COUNT(*) FROM "letters_letter" l WHERE l."body_id" = %s AND l."batch_id" IS NULL)'


def body_support(body: Body, *, count_letters: bool = False) -> dict:
    """Who supports a body (the names of its secretaries and facilitators: staff) and how many members it has; with
    ``count_letters`` also how many of its paper letters wait to be printed (``letters_pending``; None without). 1
    query.

    Members are only counted: their names are not loaded.
    """
    letters = [body.pk] if count_letters else []
    sql = _SUPPORT_SQL.format(letters=_LETTERS_SQL if count_letters else "NULL")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*letters, body.pk, Role.MEMBER, True, body.pk, Role.SECRETARY, Role.FACILITATOR, True])
        rows = cursor.fetchall()
    return {
        "secretaries": [name for _, _, role, name in rows if role == Role.SECRETARY],
        "facilitators": [name for _, _, role, name in rows if role == Role.FACILITATOR],
        "member_count": rows[0][0],
        "letters_pending": rows[0][1],
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
