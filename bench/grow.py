"""Grow the bench data set tenfold, so the list pages can be measured at 1x and at 10x the national data.

What grows (``grow(factor=10)``), each as ``factor - 1`` copies of the rows the build made:

- the advice cycle, nationally: proposals with their concerns, advice requests, advices, recommendations, responses
  and verdicts (10 x 20,000 advices); the art. 47 proposals of the 350-municipality region too. The history rows
  (proposal and advice events) only with ``histories=True``: no list page reads them.
- topics: every topic again (the 500-topic body gets 5,000); the votes stay as they were (few).
- people with roles outside the measured region and the 350-municipality region: their accounts, roles,
  memberships and login codes, so the national people tables are 10x while the measured lists keep their people.
- audit events of every region, and expense claims of every group.

How: one ``INSERT ... SELECT`` per table and copy, in the database, with the copy's ids at a fixed offset
(``id + k * offset``, the offset a power of ten above the table's highest id), so a foreign key to a copied table
becomes ``column + k * offset`` and no id map is needed. Every concrete column is copied as stored, also the
columns other work adds later (a denormalised region or municipality on an advice keeps pointing at the same
region). Unique text columns get a copy prefix (``c2.`` ...); a unique link to a table that is not copied is left
empty. The id sequences are reset afterwards (PostgreSQL; SQLite's follow by themselves). Works on PostgreSQL and
SQLite; on PostgreSQL the tenfold national set (about 2 million rows) takes well under a minute.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

BIG_REGION = "regio-heel-nederland"


@dataclass
class Group:
    """Tables copied together: a link from one to another is shifted to the copy. ``roots`` limits the first
    table to some rows (ids); the other tables then copy only the rows whose links into the group point at copied
    rows."""

    name: str
    models: list
    roots: list[int] | None = None
    counts: dict = field(default_factory=dict)


def grow(*, factor: int = 10, keep_regions: list[int] | tuple = (), histories: bool = False) -> dict:
    """Add ``factor - 1`` copies of the national data (see the module text). ``keep_regions``: regions whose
    people are not copied (the measured region: its people list keeps its people). Returns rows added per table,
    seconds per group and errors (a group that fails is rolled back and reported, the others stand)."""
    from django.db import connection, transaction

    started = time.perf_counter()
    report: dict = {"factor": factor, "rows_added": {}, "seconds": {}, "errors": {}}
    for group in _groups(keep_regions=keep_regions, histories=histories):
        t0 = time.perf_counter()
        try:
            with transaction.atomic():
                copied = _copy_group(group, factor)
        except Exception as error:  # reported, never fatal: the bench never fails on growth
            report["errors"][group.name] = f"{type(error).__name__}: {error}"[:500]
            continue
        report["rows_added"].update(copied)
        report["seconds"][group.name] = round(time.perf_counter() - t0, 2)
    _reset_sequences()
    report["seconds"]["total"] = round(time.perf_counter() - started, 2)
    report["database"] = connection.vendor
    return report


def _groups(*, keep_regions, histories: bool) -> list[Group]:
    from django.db.models import Q

    from inspraak.accounts.models import LoginCode, RoleAssignment, User
    from inspraak.advice.models import (
        Advice,
        AdviceEvent,
        AdviceRequest,
        Recommendation,
        RecommendationResponse,
        Response,
    )
    from inspraak.audit.models import AuditEvent
    from inspraak.claims.models import ExpenseClaim
    from inspraak.members.models import Membership
    from inspraak.policy.models import Concern, Proposal, ProposalEvent
    from inspraak.regions.models import Region
    from inspraak.topics.models import Topic

    advice = [Proposal, Concern, AdviceRequest, Advice, Recommendation, Response, RecommendationResponse]
    if histories:
        advice += [ProposalEvent, AdviceEvent]
    kept = [*keep_regions, *Region.objects.filter(slug=BIG_REGION).values_list("pk", flat=True)]
    people = list(
        User.objects.filter(created_in_region__isnull=False, is_superuser=False, is_staff=False)
        .exclude(created_in_region__in=kept)
        .exclude(Q(role_assignments__region__in=kept))
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
    return [
        Group("advice", advice),
        Group("topics", [Topic]),
        Group("people", [User, RoleAssignment, Membership, LoginCode], roots=people),
        Group("audit", [AuditEvent]),
        Group("claims", [ExpenseClaim]),
    ]


def _copy_group(group: Group, factor: int) -> dict[str, int]:
    from django.db import connection

    q = connection.ops.quote_name
    in_group = {m: i for i, m in enumerate(group.models)}
    highest = {}
    offsets = {}
    for model in group.models:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({q(model._meta.pk.column)}) FROM {q(model._meta.db_table)}")  # noqa: S608
            top = cursor.fetchone()[0] or 0
        highest[model] = top
        offsets[model] = 10 ** len(str(top))
    copied: dict[str, int] = {}
    for model in group.models:
        table = model._meta.db_table
        pk = model._meta.pk.column
        where = [f"{q(pk)} <= {int(highest[model])}"]
        if group.roots is not None:
            where += _root_filter(model, group, in_group, highest)
        total = 0
        for k in range(1, factor):
            columns, values = _columns(model, k, in_group, offsets)
            sql = (
                f"INSERT INTO {q(table)} ({', '.join(columns)}) "  # noqa: S608 (names from the models, numbers only)
                f"SELECT {', '.join(values)} FROM {q(table)} WHERE {' AND '.join(where)}"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql)
                total += max(cursor.rowcount, 0)
        copied[model._meta.label] = total
    return copied


def _root_filter(model, group: Group, in_group: dict, highest: dict) -> list[str]:
    """The rows of ``model`` to copy in a group limited to some root rows: the roots themselves, or the rows whose
    links to the root table point at a root."""
    from django.db import connection

    q = connection.ops.quote_name
    root = group.models[0]
    ids = ", ".join(str(int(pk)) for pk in group.roots) or "NULL"
    if model is root:
        return [f"{q(model._meta.pk.column)} IN ({ids})"]
    conditions = []
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is root:
            column = q(f.column)
            conditions.append(f"({column} IS NULL OR {column} IN ({ids}))" if f.null else f"{column} IN ({ids})")
    return conditions or ["1 = 0"]


def _columns(model, k: int, in_group: dict, offsets: dict) -> tuple[list[str], list[str]]:
    """The column list and the SELECT expressions of copy ``k``: ids and links into the group shifted, unique text
    prefixed, unique links out of the group emptied."""
    from django.db import connection, models

    q = connection.ops.quote_name
    columns, values = [], []
    for f in model._meta.concrete_fields:
        if getattr(f, "generated", False):
            continue
        column = q(f.column)
        if f.primary_key:
            value = f"{column} + {k * offsets[model]}"
        elif f.is_relation and f.related_model in in_group:
            value = f"{column} + {k * offsets[f.related_model]}"
        elif f.unique and f.is_relation:
            value = "NULL"  # a one-to-one to a row that is not copied: the copy cannot share it
        elif f.unique and isinstance(f, models.CharField):
            prefix = f"c{k}."
            if f.max_length:
                keep = f.max_length - len(prefix)
                value = (
                    f"CASE WHEN LENGTH({column}) <= {keep} THEN '{prefix}' || {column} "
                    f"ELSE '{prefix}' || SUBSTR({column}, {len(prefix) + 1}) END"
                )
            else:
                value = f"'{prefix}' || {column}"
        else:
            value = column
        columns.append(column)
        values.append(value)
    return columns, values


def _reset_sequences() -> None:
    """PostgreSQL: move every id sequence past the copies (SQLite's AUTOINCREMENT follows the highest id)."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def analyze() -> float:
    """Bring the database to the state a running one is in after bulk loading. PostgreSQL: ``VACUUM (ANALYZE)`` on the
    whole database: planner statistics, and the visibility map and hint bits autovacuum would set a minute later (an
    index-only scan needs the map; without it every row is checked in the table, and autovacuum would otherwise start
    on the copied tables while pages are being measured). Inside a transaction (tests) VACUUM cannot run: ANALYZE
    only. SQLite: ANALYZE. Returns the seconds it took."""
    from django.db import connection

    started = time.perf_counter()
    if connection.vendor in ("postgresql", "sqlite"):
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
    return round(time.perf_counter() - started, 2)
