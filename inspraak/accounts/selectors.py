"""Reads about people and roles, scoped to one region, with a fixed number of queries."""

from __future__ import annotations

from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import Exists, FilteredRelation, OuterRef, Prefetch, Q, Subquery
from django.http import Http404

from inspraak.accounts.models import LoginCode, Role, RoleAssignment, User
from inspraak.core.links import url_filler
from inspraak.core.prepared import prepared_rows

PAGE_SIZE = 25


def _in_region(region) -> Q:
    """A person the region's beheerder may see: created in the region, or holding a role there. For one person
    (filtered on pk first): the EXISTS looks up that person's roles by index."""
    return Q(created_in_region=region) | Q(Exists(RoleAssignment.objects.filter(user=OuterRef("pk"), region=region)))


def _region_people(region_id: int, query: str = ""):
    """The ids of everyone the region's beheerder may see, by name. Two indexed conditions joined by UNION (the roles
    by ``RoleAssignment.region_id``, the people created there by ``User.created_in_region_id``), so the database reads
    only the region's rows: an OR over the join of people and roles made PostgreSQL hash-join every person and every
    role in the country, and an OR with EXISTS scans every person. The name of a role's person is read by its key
    (a join let PostgreSQL read every person in the country to sort the region's)."""
    name = Subquery(User.objects.filter(pk=OuterRef("user_id")).order_by().values("name"))
    roles = RoleAssignment.objects.filter(region_id=region_id).order_by()
    created = User.objects.filter(created_in_region_id=region_id).order_by()
    if query:
        roles, created = roles.filter(user__name__icontains=query), created.filter(name__icontains=query)
    return (
        roles.annotate(person_name=name)
        .values_list("user_id", "person_name")
        .union(created.values_list("pk", "name"))
        .order_by("person_name", "user_id")
    )


def _people_with_roles(region_id: int, ids: list[int]):
    """The people ``ids`` by name, one row per role they hold in the region (or one row without a role)."""
    here = FilteredRelation("role_assignments", condition=Q(role_assignments__region_id=region_id))
    return (
        User.objects.filter(pk__in=ids)
        .annotate(here=here)
        .order_by("name", "id", "here__role", "here__id")
        .values_list("pk", "name", "email", "is_active", "here__role", "here__municipality__name", "here__body__name")
    )


class PersonRow(NamedTuple):
    pk: int
    name: str
    email: str | None
    is_active: bool
    url: str
    roles_text: str  # 'Lid (Cliëntenpanel), Beheerder', or '–'


def people_page(region, *, page, query: str = "") -> Page:
    """One page (25) of the region's people by name (``PersonRow``: with their roles in the region as text). The ids
    of all the region's people (or those whose name holds ``query``) by name (1 query: their number is the count),
    then the page's people with their roles (1). 2 queries, built once (core.prepared; a search is built each time)."""
    if query:
        ids = [pk for pk, _name in _region_people(region.pk, query)]
    else:
        ids = [pk for pk, _name in prepared_rows("people_page.ids", _region_people, region_id=region.pk)]
    result = Paginator(ids, PAGE_SIZE).get_page(page)
    on_page = sorted(result.object_list)
    rows = prepared_rows("people_page.rows", _people_with_roles, region_id=region.pk, ids=on_page) if on_page else []
    # Each row's link and roles written once here (the link reversed once for the page), not by tags per row.
    person_url = url_filler("accounts:person", "pk", region=region.slug)
    labels = {value: str(label) for value, label in Role.choices}
    people: dict[int, tuple] = {}
    roles: dict[int, list[str]] = {}
    for pk, name, email, is_active, role, municipality_name, body_name in rows:
        if pk not in people:
            people[pk] = (pk, name, email, is_active)
            roles[pk] = []
        if role is not None:
            label = labels.get(role, role)
            place = body_name or municipality_name
            roles[pk].append(f"{label} ({place})" if place else label)
    result.object_list = [PersonRow(*people[pk], person_url(pk), ", ".join(roles[pk]) or "–") for pk in people]
    return result


def person_in_region(region, pk: int) -> User:
    """A person the region's beheerder may see (a role in the region, or created there); otherwise 404.

    Adds ``region_roles`` (roles in this region), ``all_region_ids`` (every region the person holds a role in,
    for the permission checks), ``role_scopes`` ((role, region id, body id) of every role) and ``login_code`` (the
    code that is not revoked, if any). Four queries.
    """
    roles = RoleAssignment.objects.filter(region=region).select_related("municipality", "body").order_by("role")
    person = (
        User.objects.filter(pk=pk)
        .filter(_in_region(region))
        .prefetch_related(
            Prefetch("role_assignments", queryset=roles, to_attr="region_roles"),
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.only("pk", "user", "role", "region", "body"),
                to_attr="_all",
            ),
            Prefetch("login_codes", queryset=LoginCode.objects.filter(revoked_at__isnull=True), to_attr="_codes"),
        )
        .first()
    )
    if person is None:
        raise Http404
    person.all_region_ids = frozenset(r.region_id for r in person._all)
    person.role_scopes = frozenset((r.role, r.region_id, r.body_id) for r in person._all)
    person.login_code = person._codes[0] if person._codes else None
    return person


def person_with_data_regions(region, pk: int) -> User:
    """As ``person_in_region``, plus ``data_region_ids``: the regions of the person's roles and every region a
    registered privacy part holds data in (the set the data export checks). Every action that could hand the
    account to someone else checks against it. Four queries plus one per part that reports regions."""
    from inspraak.core import privacy_registry as registry

    person = person_in_region(region, pk)
    person.data_region_ids = frozenset(person.all_region_ids | registry.data_region_ids(person))
    return person


def assignment_in_region(region, person: User, pk: int) -> RoleAssignment:
    assignment = (
        RoleAssignment.objects.select_related("user", "region", "body", "municipality")
        .filter(pk=pk, region=region, user=person)
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def my_roles(user) -> list[RoleAssignment]:
    return list(
        RoleAssignment.objects.filter(user=user)
        .select_related("region", "municipality", "body")
        .order_by("region__name", "role")
    )


def account_with_email(email: str, *, exclude: User) -> User | None:
    """The active account (other than ``exclude``) that has ``email`` as its login address, if any. 1 query."""
    return User.objects.filter(email=email, is_active=True).exclude(pk=exclude.pk).first()
