"""The results pages' first read and what they keep in the cache (ADR 31).

``page_head`` reads in one statement what a results page needs before anything else: the consultation (the few
fields the page and the permission checks use), its region's slug, and the two change markers the cache key holds:

- the region's newest audit row (``inspraak.audit.cache``): every service write that changes what the page shows
  (the questions, the status, checked open answers, issued codes, paper forms, findings, names of the region's
  municipalities and groups) writes one with the consultation's region;
- the sum of the consultation's counters (``TallyTotal``): an answer given online writes no audit row, but adds 1 to
  at least the respondents' counter, in the same transaction as the rest of the answer. The counters' rows are
  updated under a row lock, so the sum read in this statement belongs to a set of committed answers, and what the
  page reads after it is at least as new.

A value is kept only when the newest audit row is older than ``SETTLE_SECONDS`` (two transactions may commit in
another order than they wrote their audit rows); a write outside the services is seen after ``TIMEOUT_SECONDS``.
Kept values are HTML fragments without a CSRF token or a CSP nonce (rendered without the request).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from inspraak.audit.cache import SETTLE_SECONDS, TIMEOUT_SECONDS
from inspraak.audit.models import AuditEvent
from inspraak.consultations.models import Consultation, TallyTotal
from inspraak.regions.models import Region

# The consultation's fields ``page_head`` reads, in the model's order (``from_db``); the others stay deferred: reading
# one costs a query, never a wrong default.
_READ = {"id", "region_id", "body_id", "status", "title", "outcome", "published_on"}
_FIELDS = tuple(f.attname for f in Consultation._meta.concrete_fields if f.attname in _READ)
_REGION_FIELDS = tuple(f.attname for f in Region._meta.concrete_fields if f.attname in {"id", "name", "slug"})


@dataclass(frozen=True)
class PageHead:
    consultation: Consultation  # with the fields of _FIELDS and ``region`` (id, name and slug) only
    stamp: object  # the id of the region's newest audit row (None without one)
    settled: bool  # whether that row is older than SETTLE_SECONDS
    counted: int  # the sum of the consultation's counters


def _head_sql() -> str:
    qn = connection.ops.quote_name
    consultation, region = qn(Consultation._meta.db_table), qn(Region._meta.db_table)
    audit, total = qn(AuditEvent._meta.db_table), qn(TallyTotal._meta.db_table)
    columns = ", ".join([*(f"c.{qn(name)}" for name in _FIELDS), *(f"r.{qn(name)}" for name in _REGION_FIELDS)])
    rid, at = qn("region_id"), qn("at")
    # Both audit subqueries read one entry of the index (region, -at).
    return (
        f"SELECT {columns}, "  # noqa: S608
        f"(SELECT a.{qn('id')} FROM {audit} a WHERE a.{rid} = c.{rid} ORDER BY a.{at} DESC LIMIT 1), "
        f"(SELECT CASE WHEN MAX(a.{at}) IS NULL OR MAX(a.{at}) <= %s THEN 1 ELSE 0 END FROM {audit} a "
        f"WHERE a.{rid} = c.{rid}), "
        f"(SELECT COALESCE(SUM(t.{qn('count')}), 0) FROM {total} t WHERE t.{qn('consultation_id')} = c.{qn('id')}) "
        f"FROM {consultation} c INNER JOIN {region} r ON r.{qn('id')} = c.{rid} "
        f"WHERE r.{qn('slug')} = %s AND c.{qn('id')} = %s"
    )


def page_head(region_slug: str, pk: int, *, now: datetime.datetime) -> PageHead | None:
    """The consultation ``pk`` of the region ``region_slug`` with the cache's change markers, or None. 1 query (a
    plain cursor: the ORM took longer to write it than the database to run it)."""
    cutoff = connection.ops.adapt_datetimefield_value(now - datetime.timedelta(seconds=SETTLE_SECONDS))
    with connection.cursor() as cursor:
        cursor.execute(_head_sql(), [cutoff, region_slug, pk])
        row = cursor.fetchone()
    if row is None:
        return None
    n, m = len(_FIELDS), len(_FIELDS) + len(_REGION_FIELDS)
    consultation = Consultation.from_db(connection.alias, list(_FIELDS), list(row[:n]))
    consultation.region = Region.from_db(connection.alias, list(_REGION_FIELDS), list(row[n:m]))
    stamp, settled, counted = row[m:]
    return PageHead(consultation=consultation, stamp=stamp, settled=bool(settled), counted=int(counted))


class ResultsCache:
    """The values kept for one consultation as ``head`` found it, in the active language on ``today``."""

    def __init__(self, head: PageHead, *, today: datetime.date):
        c = head.consultation
        self.settled = head.settled
        self.prefix = (
            f"consultation:{c.region_id}:{head.stamp}:{c.pk}:{head.counted}:{today.isoformat()}:{get_language() or ''}"
        )

    def peek(self, name: str):
        """The kept value ``name``, or None."""
        return cache.get(f"{self.prefix}:{name}") if self.settled else None

    def put(self, name: str, value) -> None:
        if self.settled:
            cache.set(f"{self.prefix}:{name}", value, TIMEOUT_SECONDS)
