"""What roles a person holds, loaded once per request (one query) and cached on the user object.

Permission functions (``can_*`` in each app's permissions.py) read from this, so checking many
objects costs no extra queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from inspraak.accounts.models import Role

_CACHE_ATTR = "_inspraak_roleset"


@dataclass(frozen=True)
class RoleSet:
    admin_region_ids: frozenset[int] = frozenset()
    # Policy officers of the GR (whole region) and of one municipality.
    officer_region_ids: frozenset[int] = frozenset()
    officer_municipality_ids: frozenset[int] = frozenset()
    # The finance role (financiën) of a region: claims and payments of all its groups, nothing else.
    finance_region_ids: frozenset[int] = frozenset()
    # Every region in which the person holds any role.
    region_ids: frozenset[int] = frozenset()
    # body id -> roles held in that body
    body_roles: dict[int, frozenset[str]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.region_ids

    def body_ids(self, *roles: str) -> frozenset[int]:
        wanted = set(roles) if roles else None
        return frozenset(body_id for body_id, held in self.body_roles.items() if wanted is None or held & wanted)

    def roles_in_body(self, body_id: int) -> frozenset[str]:
        return self.body_roles.get(body_id, frozenset())

    def role_names(self) -> frozenset[str]:
        names: set[str] = set()
        if self.admin_region_ids:
            names.add(Role.ADMIN)
        if self.officer_region_ids or self.officer_municipality_ids:
            names.add(Role.POLICY_OFFICER)
        if self.finance_region_ids:
            names.add(Role.FINANCE)
        for held in self.body_roles.values():
            names |= held
        return frozenset(names)


EMPTY = RoleSet()


# The one query of ``roles_of``, written out: it runs on every logged-in request, and built with the ORM each time it
# cost ten times its own run in the database (0.5 ms of Python). Standard SQL (PostgreSQL and SQLite); a renamed
# table or column fails every test that logs in.
_ROLES_SQL = (
    'SELECT "role", "region_id", "municipality_id", "body_id" FROM "accounts_roleassignment" WHERE "user_id" = %s'
)


def roles_of(user) -> RoleSet:
    """The RoleSet of ``user`` (anonymous users and inactive users have none)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    with connection.cursor() as cursor:
        cursor.execute(_ROLES_SQL, [user.pk])
        rows = cursor.fetchall()
    return remember_roles(user, rows)


def remember_roles(user, rows) -> RoleSet:
    """Cache on ``user`` the RoleSet of its role rows, each ``(role, region_id, municipality_id, body_id)`` (as
    ``_ROLES_SQL`` reads them; the login session reads them with the person, accounts.sessions). Returns it."""
    admin, officer_regions, officer_munis, finance, regions = set(), set(), set(), set(), set()
    body_roles: dict[int, set[str]] = {}
    for role, region_id, municipality_id, body_id in rows:
        regions.add(region_id)
        if role == Role.ADMIN:
            admin.add(region_id)
        elif role == Role.POLICY_OFFICER:
            (officer_munis.add(municipality_id) if municipality_id else officer_regions.add(region_id))
        elif role == Role.FINANCE:
            finance.add(region_id)
        elif body_id:
            body_roles.setdefault(body_id, set()).add(role)
    roleset = RoleSet(
        admin_region_ids=frozenset(admin),
        officer_region_ids=frozenset(officer_regions),
        officer_municipality_ids=frozenset(officer_munis),
        finance_region_ids=frozenset(finance),
        region_ids=frozenset(regions),
        body_roles={k: frozenset(v) for k, v in body_roles.items()},
    )
    setattr(user, _CACHE_ATTR, roleset)
    return roleset


def forget_roles(user) -> None:
    """Drop the cached RoleSet after the person's roles changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
