"""Reads for regions, municipalities and bodies. Each function runs a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.accounts.roles import roles_of
from inspraak.regions.models import Body, Municipality, Region


def region_by_slug(slug: str) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404
    return region


def region_for_user(user, slug: str) -> Region:
    """A region the user holds any role in (superusers: any). Others get a 404: we do not reveal it exists."""
    region = region_by_slug(slug)
    if not (user.is_superuser or region.pk in roles_of(user).region_ids):
        raise Http404
    return region


def region_public(slug: str) -> tuple[Region, list[Municipality], list[Body]]:
    region = region_by_slug(slug)
    municipalities = list(region.municipalities.order_by("name"))
    bodies = list(region.bodies.select_related("municipality").order_by("level", "name"))
    return region, municipalities, bodies


def municipality_public(region_slug: str, slug: str) -> tuple[Municipality, list[Body]]:
    municipality = Municipality.objects.select_related("region").filter(region__slug=region_slug, slug=slug).first()
    if municipality is None:
        raise Http404
    bodies = list(
        Body.objects.filter(region=municipality.region_id)
        .filter(Q(level=Body.Level.REGION) | Q(municipality=municipality))
        .order_by("level", "name")
    )
    return municipality, bodies


def body_by_slugs(region_slug: str, slug: str) -> Body:
    body = Body.objects.select_related("region", "municipality").filter(region__slug=region_slug, slug=slug).first()
    if body is None:
        raise Http404
    return body


def body_for_user(user, region_slug: str, slug: str) -> Body:
    """A body in a region where the user holds a role; otherwise 404."""
    body = body_by_slugs(region_slug, slug)
    if body.region_id not in roles_of(user).region_ids:
        raise Http404
    return body


def municipality_in(region: Region, slug: str) -> Municipality:
    municipality = region.municipalities.filter(slug=slug).first()
    if municipality is None:
        raise Http404
    municipality.region = region
    return municipality


def body_in(region: Region, slug: str) -> Body:
    body = region.bodies.select_related("municipality").filter(slug=slug).first()
    if body is None:
        raise Http404
    body.region = region
    return body


def managed_regions(user) -> list[Region]:
    qs = Region.objects.all() if user.is_superuser else Region.objects.filter(pk__in=roles_of(user).admin_region_ids)
    return list(qs.annotate(n_municipalities=Count("municipalities", distinct=True)).order_by("name"))


def region_overview(region: Region) -> dict:
    municipalities = list(region.municipalities.annotate(n_bodies=Count("bodies")).order_by("name"))
    bodies = list(
        region.bodies.select_related("municipality")
        .annotate(n_members=Count("role_assignments", filter=Q(role_assignments__role=Role.MEMBER)))
        .order_by("level", "name")
    )
    return {"municipalities": municipalities, "bodies": bodies}


def body_support(body: Body) -> dict:
    """Who supports a body (secretary, facilitator: staff names) and how many members it has."""
    rows = list(
        RoleAssignment.objects.filter(body=body)
        .select_related("user")
        .order_by("role", "user__name")
        .only("role", "user__name", "user__is_active")
    )
    return {
        "secretaries": [r.user for r in rows if r.role == Role.SECRETARY],
        "facilitators": [r.user for r in rows if r.role == Role.FACILITATOR],
        "member_count": sum(1 for r in rows if r.role == Role.MEMBER),
    }
