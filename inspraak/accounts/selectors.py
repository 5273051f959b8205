"""Reads about people and roles, scoped to one region, with a fixed number of queries."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404

from inspraak.accounts.models import LoginCode, Role, RoleAssignment, User
from inspraak.core.links import url_filler

PAGE_SIZE = 25


def _in_region(region) -> Q:
    """A person the region's beheerder may see: created in the region, or holding a role there. For one person
    (filtered on pk first): the EXISTS looks up that person's roles by index."""
    return Q(created_in_region=region) | Q(Exists(RoleAssignment.objects.filter(user=OuterRef("pk"), region=region)))


def _region_people_ids(region) -> list[int]:
    """The ids of everyone the region's beheerder may see. Two indexed conditions joined by UNION (the roles by
    ``RoleAssignment.region_id``, the people created there by ``User.created_in_region_id``), so the database reads
    only the region's rows: an OR over the join of people and roles made PostgreSQL hash-join every person and every
    role in the country, and an OR with EXISTS scans every person. 1 query."""
    roles = RoleAssignment.objects.filter(region=region).order_by().values_list("user_id")
    created = User.objects.filter(created_in_region=region).order_by().values_list("pk")
    return [pk for (pk,) in roles.union(created).order_by()]


def people_page(region, *, page, query: str = ""):
    """One page (25) of the region's people by name, each with ``region_roles``. The ids first (1 query), then the
    page by primary key (1) and its roles (1); a search adds the count of the matching ids (1)."""
    ids = _region_people_ids(region)
    people = User.objects.filter(pk__in=ids)
    if query:
        people = people.filter(name__icontains=query)
    roles = RoleAssignment.objects.filter(region=region).select_related("municipality", "body").order_by("role")
    people = (
        people.only("pk", "name", "email", "is_active")
        .order_by("name", "id")
        .prefetch_related(Prefetch("role_assignments", queryset=roles, to_attr="region_roles"))
    )
    paginator = Paginator(people, PAGE_SIZE)
    if not query:
        paginator.count = len(ids)  # every id is one person: no COUNT query needed
    result = paginator.get_page(page)
    # Each row's link and roles written once here (the link reversed once for the page), not by tags per row.
    person_url = url_filler("accounts:person", "pk", region=region.slug)
    labels = dict(Role.choices)
    result.object_list = list(result.object_list)
    for person in result.object_list:
        person.url = person_url(person.pk)
        person.roles_text = ", ".join(_role_text(r, labels) for r in person.region_roles) or "–"
    return result


def _role_text(assignment: RoleAssignment, labels: dict) -> str:
    """'Lid (Cliëntenpanel)', 'Beleidsmedewerker (Zeedorp)', 'Beheerder'."""
    label = str(labels.get(assignment.role, assignment.role))
    place = assignment.body or assignment.municipality
    return f"{label} ({place.name})" if place else label


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
