"""Reads for the home page and the personal dashboard, each a fixed number of queries."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.regions.models import Body, Municipality, Region


def public_regions():
    return Region.objects.order_by("name").only("name", "slug", "description")


def dashboard_for(user) -> dict:
    roles = roles_of(user)
    body_ids = roles.body_ids()
    bodies = (
        list(Body.objects.filter(pk__in=body_ids).select_related("region").order_by("region__name", "name"))
        if body_ids
        else []
    )
    labels = dict(Role.choices)
    for body in bodies:
        body.my_roles = sorted(roles.roles_in_body(body.pk))
        body.my_role_labels = [labels[r] for r in body.my_roles]
    admin_regions = (
        list(Region.objects.filter(pk__in=roles.admin_region_ids).order_by("name")) if roles.admin_region_ids else []
    )
    officer_regions = (
        list(Region.objects.filter(pk__in=roles.officer_region_ids).order_by("name"))
        if roles.officer_region_ids
        else []
    )
    officer_municipalities = (
        list(
            Municipality.objects.filter(pk__in=roles.officer_municipality_ids).select_related("region").order_by("name")
        )
        if roles.officer_municipality_ids
        else []
    )
    return {
        "roles": roles,
        "role_names": roles.role_names(),
        "bodies": bodies,
        "admin_regions": admin_regions,
        "officer_regions": officer_regions,
        "officer_municipalities": officer_municipalities,
    }
