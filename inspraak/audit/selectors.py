"""Reads of the audit log, always scoped to one region. Fixed number of queries, and the same cost for a region with
a few hundred or a few hundred thousand events: a page is an indexed LIMIT after a keyset cursor (never an OFFSET),
the count stops at ``COUNT_CAP``, and the filter choices are read with a skip scan over indexes."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from inspraak.audit.labels import action_label, field_labels, type_label
from inspraak.audit.models import AuditEvent
from inspraak.core.dbtime import read_moment

PAGE_SIZE = 50
COUNT_CAP = 1000  # "meer dan 1.000": counting further would cost more with every event


@dataclass
class LogPage:
    """One page of the log: ``object_list`` (at most PAGE_SIZE events, newest first), ``count`` (how many match, up
    to COUNT_CAP; ``more`` when there are more), the cursor of the next, older page (or "") and whether this is a
    later page (``cursor``: then the page links back to the newest events)."""

    object_list: list = field(default_factory=list)
    count: int = 0
    more: bool = False
    older: str = ""
    cursor: str = ""


def cursor_of(event) -> str:
    """The position after ``event`` in the log's order (-at, -id): its time in microseconds and its id."""
    moment = event.at - datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    micros = (moment.days * 86_400 + moment.seconds) * 1_000_000 + moment.microseconds
    return f"{micros}-{event.pk}"


def _parse_cursor(value: str | None) -> tuple[datetime.datetime, int] | None:
    """``cursor_of`` read back; None for anything else (a hand-typed or old link shows the newest events)."""
    micros, sep, pk = (value or "").partition("-")
    if not sep or not micros.isdigit() or not pk.isdigit() or len(micros) > 18 or len(pk) > 18:
        return None
    try:
        at = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(microseconds=int(micros))
    except OverflowError:
        return None
    return at, int(pk)


# The page and its count in one written-out query (built with the ORM, the two queries cost several times their run
# in the database): the count of matching events up to COUNT_CAP + 1, left-joined with the page's rows (PAGE_SIZE + 1,
# after the cursor), so an empty page still has its count. ``{where}``: placeholders only. Standard SQL.
_PAGE_SQL = (
    'SELECT n."n", e."id", e."at", e."actor_id", e."action", e."target_type", e."target_id", e."target_label", '
    'e."changed_fields", e."actor_name" FROM (SELECT COUNT(*) AS "n" FROM (SELECT 1 AS "one" '
    'FROM "audit_auditevent" c WHERE {counted} LIMIT %s) x) n '
    'LEFT OUTER JOIN (SELECT r."id", r."at", r."actor_id", r."action", r."target_type", r."target_id", '
    'r."target_label", r."changed_fields", u."name" AS "actor_name" FROM "audit_auditevent" r '
    'LEFT OUTER JOIN "accounts_user" u ON u."id" = r."actor_id" WHERE {rows} '
    'ORDER BY r."at" DESC, r."id" DESC LIMIT %s) e ON 1 = 1 ORDER BY e."at" DESC, e."id" DESC'
)


class LogRow(NamedTuple):
    """One event of the log as the page shows it."""

    pk: int
    at: datetime.datetime
    action: str
    target_type: str
    target_label: str
    actor_name: str | None  # None: done by the system (no person)
    at_iso: str  # the local time, for <time datetime>
    at_text: str  # "5-1-2026 14:03"
    action_label: str
    type_label: str
    field_labels: str  # the changed fields in plain Dutch, or "–"


def audit_page(region, *, after: str | None = None, action: str = "", target_type: str = "") -> LogPage:
    """One page of the log (``LogRow``), newest first, with plain-Dutch labels and the times as shown. ``after``: the
    cursor of the page before (``LogPage.older``). 1 query (a count up to COUNT_CAP and the rows), each part served by
    an index on the region (with the action or the object type) and the time."""
    where, params = ['{t}."region_id" = %s'], [region.pk]
    if action:
        where.append('{t}."action" = %s')
        params.append(action)
    if target_type:
        where.append('{t}."target_type" = %s')
        params.append(target_type)
    counted = " AND ".join(where).format(t="c")
    rows_where, rows_params = " AND ".join(where).format(t="r"), list(params)
    position = _parse_cursor(after)
    if position is not None:
        at, pk = position
        # at <= cursor bounds the index range; the OR only sorts out the events of the very same moment.
        rows_where += ' AND r."at" <= %s AND (r."at" < %s OR (r."at" = %s AND r."id" < %s))'
        db_at = connection.ops.adapt_datetimefield_value(at)
        rows_params += [db_at, db_at, db_at, pk]
    sql = _PAGE_SQL.format(counted=counted, rows=rows_where)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, COUNT_CAP + 1, *rows_params, PAGE_SIZE + 1])
        fetched = cursor.fetchall()
    count = fetched[0][0] if fetched else 0
    rows = [row for row in fetched if row[1] is not None]
    return LogPage(
        object_list=_log_rows(rows[:PAGE_SIZE]),
        count=min(count, COUNT_CAP),
        more=count > COUNT_CAP,
        older=cursor_of(_moment_and_pk(rows[PAGE_SIZE - 1])) if len(rows) > PAGE_SIZE else "",
        cursor=after if position is not None else "",
    )


class _Position(NamedTuple):
    at: datetime.datetime
    pk: int


def _moment_and_pk(row) -> _Position:
    return _Position(read_moment(row[2]), row[1])


def _log_rows(fetched) -> list[LogRow]:
    """The page's rows, each label looked up once per page (most rows share their action, type and fields)."""
    zone = timezone.get_current_timezone()
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    changes: dict[tuple, str] = {}
    rows = []
    for _n, pk, at, actor_id, action, target_type, _target_id, target_label, changed, actor_name in fetched:
        at = read_moment(at)
        local = at.astimezone(zone)
        if isinstance(changed, str):
            changed = json.loads(changed)
        if action not in labels:
            labels[action] = action_label(action)
        if target_type not in types:
            types[target_type] = type_label(target_type)
        fields = (target_type, tuple(changed or ()))
        if fields not in changes:
            changes[fields] = ", ".join(field_labels(target_type, changed or [])) or "–"
        rows.append(
            LogRow(
                pk=pk,
                at=at,
                action=action,
                target_type=target_type,
                target_label=target_label,
                actor_name=None if actor_id is None else actor_name,
                at_iso=f"{local:%Y-%m-%dT%H:%M:%S%z}",
                at_text=f"{local.day}-{local.month}-{local.year} {local:%H:%M}",
                action_label=labels[action],
                type_label=types[target_type],
                field_labels=changes[fields],
            )
        )
    return rows


# A skip scan: the smallest value, then the smallest one above it, and so on; one index probe per distinct value
# (indexes on (region, action, -at) and (region, target_type, -at)) instead of reading every event of the region.
_DISTINCT_SQL = """
WITH RECURSIVE
  actions(v) AS (
    SELECT MIN(action) FROM {table} WHERE region_id = %s
    UNION ALL
    SELECT (SELECT MIN(e.action) FROM {table} e WHERE e.region_id = %s AND e.action > actions.v)
    FROM actions WHERE actions.v IS NOT NULL
  ),
  types(v) AS (
    SELECT MIN(target_type) FROM {table} WHERE region_id = %s
    UNION ALL
    SELECT (SELECT MIN(e.target_type) FROM {table} e WHERE e.region_id = %s AND e.target_type > types.v)
    FROM types WHERE types.v IS NOT NULL
  )
SELECT 'a', v FROM actions WHERE v IS NOT NULL
UNION ALL
SELECT 't', v FROM types WHERE v IS NOT NULL
"""


def audit_filter_choices(region) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The actions and object types that occur in the region's log, as (code, label) pairs. 1 query."""
    sql = _DISTINCT_SQL.format(table=connection.ops.quote_name(AuditEvent._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [region.pk] * 4)
        rows = cursor.fetchall()
    actions = sorted({(v, action_label(v)) for kind, v in rows if kind == "a"}, key=lambda pair: pair[1].lower())
    types = sorted({(v, type_label(v)) for kind, v in rows if kind == "t"}, key=lambda pair: pair[1].lower())
    return actions, types
