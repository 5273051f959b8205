"""Reads for regions, municipalities and bodies. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Q, Subquery
from django.http import Http404
from django.utils.formats import date_format

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.accounts.roles import roles_of
from inspraak.core.links import url_filler
from inspraak.core.prepared import fields_of, instances, prepared_rows
from inspraak.regions.models import Body, Municipality, Region
from inspraak.regions.permissions import can_see_all_regions

# ---------------------------------------------------------------- lookups


def _region_with_slug(slug: str):
    return Region.objects.filter(slug=slug).order_by().values_list(*fields_of(Region))[:1]


def region_by_slug(slug: str) -> Region:
    """Any region (public pages). 1 query, built once (core.prepared: every region page reads it)."""
    found = instances(Region, prepared_rows("region_by_slug", _region_with_slug, slug=slug))
    if not found:
        raise Http404
    return found[0]


def region_for_user(user, slug: str) -> Region:
    """A region the user holds any role in (the platform operator: any). Others get a 404: we do not reveal it."""
    region = region_by_slug(slug)
    if not (can_see_all_regions(user) or region.pk in roles_of(user).region_ids):
        raise Http404
    return region


def region_id_with_slug(slug: str) -> Subquery:
    """The id of the region with ``slug``, as a subquery for a filter on ``region_id``.

    A prepared statement is planned once for any values (core.prepared, ADR 0033). With ``region__slug`` joined,
    PostgreSQL's plan for any values starts from the body's slug, which every region shares ("clientenpanel": one
    row per region), and tries each region for each (0.8 ms at 100 regions). As a subquery the region is found
    first, once, and the body by its unique (region, slug) index: 0.05 ms for any values."""
    return Subquery(Region.objects.filter(slug=slug).values("pk")[:1])


def _body_with_slugs(region_slug: str, slug: str):
    return (
        Body.objects.filter(region_id=region_id_with_slug(region_slug), slug=slug)
        .order_by()
        .values_list(
            *fields_of(Body),
            *(f"region__{name}" for name in fields_of(Region)),
            *(f"municipality__{name}" for name in fields_of(Municipality)),
        )[:1]
    )


def body_by_slugs(region_slug: str, slug: str) -> Body:
    """A body with its region and municipality. 1 query, built once (core.prepared: every body page reads it)."""
    rows = prepared_rows("body_by_slugs", _body_with_slugs, region_slug=region_slug, slug=slug)
    if not rows:
        raise Http404
    body = instances(Body, rows)[0]
    body.region = instances(Region, rows, offset=len(fields_of(Body)))[0]
    municipality_at = len(fields_of(Body)) + len(fields_of(Region))
    body.municipality = (
        instances(Municipality, rows, offset=municipality_at)[0] if body.municipality_id is not None else None
    )
    return body


def body_for_user(user, region_slug: str, slug: str) -> Body:
    """A body in a region where the user holds a role (the platform operator: any); otherwise 404."""
    body = body_by_slugs(region_slug, slug)
    if not (can_see_all_regions(user) or body.region_id in roles_of(user).region_ids):
        raise Http404
    return body


def municipality_in(region: Region, slug: str) -> Municipality:
    """A municipality of ``region`` (already scoped to the user). 1 query."""
    municipality = Municipality.objects.filter(region=region, slug=slug).first()
    if municipality is None:
        raise Http404
    municipality.region = region
    return municipality


def body_in(region: Region, slug: str) -> Body:
    """A body of ``region`` (already scoped to the user) with its municipality. 1 query."""
    body = Body.objects.select_related("municipality").filter(region=region, slug=slug).first()
    if body is None:
        raise Http404
    body.region = region
    if body.municipality is not None:
        body.municipality.region = region
    return body


# ---------------------------------------------------------------- form choices and checks


def municipality_choices(region: Region):
    """The municipalities of ``region`` by name, to choose from in a form (a queryset: the form validates against
    it)."""
    return Municipality.objects.filter(region=region).order_by("name")


def body_choices(region: Region):
    """The bodies of ``region`` by name, to choose from in a form."""
    return Body.objects.filter(region=region).order_by("name")


def municipality_count(region: Region) -> int:
    """How many municipalities ``region`` has. 1 query."""
    return Municipality.objects.filter(region=region).count()


def cbs_code_taken(region: Region, code: str, *, exclude: Municipality | None = None) -> bool:
    """Does another municipality of ``region`` (not ``exclude``) already have CBS code ``code``? 1 query."""
    others = Municipality.objects.filter(region=region, cbs_code=code)
    if exclude is not None and exclude.pk:
        others = others.exclude(pk=exclude.pk)
    return others.exists()


# ---------------------------------------------------------------- public pages


def _by_level(bodies: list[Body]) -> dict[str, list[Body]]:
    return {
        "regional_bodies": [b for b in bodies if b.level == Body.Level.REGION],
        "municipal_bodies": [b for b in bodies if b.level == Body.Level.MUNICIPALITY],
    }


LONG_LIST = 25  # a region with more municipalities than this shows their table folded away (issue 15)


def region_public(slug: str) -> dict:
    """The public page of a region: its municipalities and its bodies grouped by level. 3 queries.

    Each municipality carries ``url`` and ``date_text`` (its reference date as "1 januari 2026"), made once per list:
    the link is reversed once and each date formatted once (a region of 350 municipalities, issue 15)."""
    region = region_by_slug(slug)
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    by_pk = {m.pk: m for m in municipalities}
    bodies = list(Body.objects.filter(region=region).order_by("name"))
    for body in bodies:
        body.region = region
        body.municipality = by_pk.get(body.municipality_id)
    municipality_url = url_filler("regions:municipality", "municipality", region=region.slug)
    dates: dict = {}
    for municipality in municipalities:
        municipality.region = region
        municipality.url = municipality_url(municipality.slug)
        day = municipality.client_group_date
        if day is not None and day not in dates:
            dates[day] = date_format(day, "j F Y")
        municipality.date_text = dates.get(day, "")
    return {
        "region": region,
        "municipalities": municipalities,
        "many_municipalities": len(municipalities) > LONG_LIST,
        **_by_level(bodies),
    }


def municipality_public(region_slug: str, slug: str) -> dict:
    """A municipality and the bodies that serve it: its own and the regional ones. 2 queries."""
    municipality = Municipality.objects.select_related("region").filter(region__slug=region_slug, slug=slug).first()
    if municipality is None:
        raise Http404
    region = municipality.region
    bodies = list(
        Body.objects.filter(region=region)
        .filter(Q(level=Body.Level.REGION) | Q(municipality=municipality))
        .order_by("name")
    )
    for body in bodies:
        body.region = region
        body.municipality = municipality if body.municipality_id == municipality.pk else None
    return {"region": region, "municipality": municipality, **_by_level(bodies)}


# ---------------------------------------------------------------- management


class MunicipalityRow(NamedTuple):
    name: str
    cbs_code: str
    client_group_size: int | None
    client_group_date: datetime.date | None
    n_bodies: int
    edit_url: str


class BodyRow(NamedTuple):
    name: str
    kind: str
    municipality_name: str | None  # None: the body works for the whole region
    n_members: int
    edit_url: str
    dashboard_url: str


def _overview_municipalities(region_id: int):
    return (
        Municipality.objects.filter(region_id=region_id)
        .annotate(n_bodies=Count("bodies"))
        .order_by("name")
        .values_list("pk", "name", "slug", "cbs_code", "client_group_size", "client_group_date", "n_bodies")
    )


def _overview_bodies(region_id: int):
    return (
        Body.objects.filter(region_id=region_id)
        .annotate(n_members=Count("role_assignments", filter=Q(role_assignments__role=Role.MEMBER)))
        .order_by("level", "name")
        .values_list("name", "slug", "kind", "municipality_id", "n_members")
    )


def region_overview(region: Region) -> dict:
    """Municipalities (``MunicipalityRow``: with their number of bodies) and bodies (``BodyRow``: with their number of
    members), by name (bodies by level, then name), each with the links of its row (reversed once per table, not per
    row). 2 queries, built once (core.prepared)."""
    edit_municipality = url_filler("regions:municipality_edit", "municipality", region=region.slug)
    names = {}
    municipalities = []
    for pk, name, slug, cbs_code, size, day, n_bodies in prepared_rows(
        "region_overview.municipalities", _overview_municipalities, region_id=region.pk
    ):
        names[pk] = name
        municipalities.append(MunicipalityRow(name, cbs_code, size, day, n_bodies, edit_municipality(slug)))
    edit_body = url_filler("regions:body_edit", "body", region=region.slug)
    body_dashboard = url_filler("dashboards:body_dashboard", "body", region=region.slug)
    bodies = [
        BodyRow(name, kind, names.get(municipality_id), n_members, edit_body(slug), body_dashboard(slug))
        for name, slug, kind, municipality_id, n_members in prepared_rows(
            "region_overview.bodies", _overview_bodies, region_id=region.pk
        )
    ]
    return {"municipalities": municipalities, "bodies": bodies}


@dataclass(frozen=True)
class Dependents:
    """What still refers to a municipality or body; any of it blocks removal."""

    bodies: int = 0
    roles: int = 0

    @property
    def any(self) -> bool:
        return bool(self.bodies or self.roles)


def municipality_dependents(municipality: Municipality) -> Dependents:
    """2 queries."""
    return Dependents(
        bodies=Body.objects.filter(municipality=municipality).count(),
        roles=RoleAssignment.objects.filter(municipality=municipality).count(),
    )


def body_dependents(body: Body) -> Dependents:
    """1 query."""
    return Dependents(roles=RoleAssignment.objects.filter(body=body).count())
