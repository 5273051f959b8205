"""One rate limiter for every public form: counters in the database, shared by all app servers and processes.

A limit counts events per key in fixed windows (for example 20 an hour per internet address). Keys are stored as a
keyed hash (HMAC with the SECRET_KEY), so the table holds no addresses. Counting is one atomic
``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (SQLite 3.35+ and PostgreSQL): concurrent requests never lose a count.
ADR 0011 explains the choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connections, router
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from inspraak.core.models import RateLimitCounter

# Rows of windows that ended longer ago than this are deleted by prune_rate_limits.
KEEP = timedelta(days=2)


@dataclass(frozen=True)
class Limit:
    """At most ``count`` events per ``window`` for each key under the name ``scope``."""

    scope: str
    count: int
    window: timedelta = timedelta(hours=1)


def _key_hash(limit: Limit, parts: tuple[object, ...]) -> str:
    value = "\x1f".join([limit.scope, *(str(p if p is not None else "") for p in parts)])
    return salted_hmac("inspraak.core.ratelimit", value, algorithm="sha256").hexdigest()


def _start(limit: Limit, now: datetime | None) -> datetime:
    now = now or timezone.now()
    seconds = int(limit.window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo)


def hit(limit: Limit, *parts: object, now: datetime | None = None) -> bool:
    """Count one event for the key ``parts``. True while the count stays within the limit."""
    return hit_count(limit, *parts, now=now) <= limit.count


def hit_count(limit: Limit, *parts: object, now: datetime | None = None) -> int:
    """Count one event and return the number of events in the current window, this one included."""
    conn = connections[router.db_for_write(RateLimitCounter)]
    qn = conn.ops.quote_name
    table, count = qn(RateLimitCounter._meta.db_table), qn("count")
    # Only quoted identifiers are formatted in; the values are parameters.
    sql = (
        f"INSERT INTO {table} ({qn('key_hash')}, {qn('window_start')}, {count}) VALUES (%s, %s, 1) "  # noqa: S608
        f"ON CONFLICT ({qn('key_hash')}, {qn('window_start')}) DO UPDATE SET {count} = {table}.{count} + 1 "
        f"RETURNING {count}"
    )
    start = conn.ops.adapt_datetimefield_value(_start(limit, now))
    with conn.cursor() as cursor:
        cursor.execute(sql, [_key_hash(limit, parts), start])
        return cursor.fetchone()[0]


def is_exceeded(limit: Limit, *parts: object, now: datetime | None = None) -> bool:
    """True when the key has already used up the limit in the current window (counts nothing)."""
    row = (
        RateLimitCounter.objects.filter(key_hash=_key_hash(limit, parts), window_start=_start(limit, now))
        .values_list("count", flat=True)
        .first()
    )
    return (row or 0) >= limit.count


def prune(*, now: datetime | None = None) -> int:
    """Delete the counters of windows that started more than KEEP ago. Returns how many rows went."""
    deleted, _ = RateLimitCounter.objects.filter(window_start__lt=(now or timezone.now()) - KEEP).delete()
    return deleted


def too_many_response(request, *, breadcrumbs: list[dict]):
    """The honest answer when a limit is reached (status 429): nothing was sent, try again in an hour."""
    return render(request, "core/too_many_requests.html", {"breadcrumbs": breadcrumbs}, status=429)
