"""Public values computed from a region's data (the art. 47 matrix, the verordeningen overview), kept in Django's
cache until the region changes.

Every change a service makes writes one audit row with its region (``audit_record``), so the region's newest audit
row is a cheap "latest change" value: one indexed query (``region, -at``). It is part of the cache key together with
the language and the date, so a worker never serves a value computed before the latest change, however many
gunicorn workers (each with its own cache) there are.

Two transactions may commit in another order than they wrote their audit rows: a change committed just after a
newer one would then not move the newest row. So a value is only cached once the newest row is older than
``SETTLE_SECONDS`` (far longer than any transaction takes); right after a change every request computes afresh. A
write that bypasses the services (a shell, a data migration) is seen at the latest after ``TIMEOUT_SECONDS``.

``Kept`` holds the bytes of a public download (CSV, JSON) together with the same gzipped, so that a large answer is
compressed once, not on every request; ``kept_response`` sends whichever the client accepts.
"""

from __future__ import annotations

import datetime
import gzip
import re
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from inspraak.audit.models import AuditEvent
from inspraak.core.dbtime import read_moment

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
SETTLE_SECONDS = 120
TIMEOUT_SECONDS = 3600

T = TypeVar("T")


_UNREAD = object()
NEWEST_AUDIT = ("newest_audit_id", "newest_audit_at")  # the names of newest_audit_subqueries' annotations


def newest_audit_subqueries(region_ref="pk") -> dict:
    """Annotations that read a region's newest audit row (``newest_audit_id``, ``newest_audit_at``) in the query that
    reads the region, for ``RegionCache(..., newest=...)``: the same index entry as RegionCache reads itself."""
    newest = AuditEvent.objects.filter(region=OuterRef(region_ref)).order_by("-at")
    id_name, at_name = NEWEST_AUDIT
    return {id_name: Subquery(newest.values("id")[:1]), at_name: Subquery(newest.values("at")[:1])}


class RegionCache:
    """The cached values of one region for this request. Reading the stamp costs 1 query."""

    def __init__(
        self,
        region,
        *,
        today: datetime.date,
        now: datetime.datetime | None = None,
        newest: tuple[int, datetime.datetime] | object | None = _UNREAD,
    ):
        """``newest``: the region's newest audit row as ``(id, at)`` (None: it has none) when the caller read it
        already together with the region (``newest_audit_subqueries``); else it is read here."""
        if newest is _UNREAD:
            # Ordered by the index (region, -at) alone: one index entry read, however long the log.
            newest = AuditEvent.objects.filter(region=region).order_by("-at").values_list("id", "at").first()
        now = now or timezone.now()
        stamp, at = newest if newest is not None else (0, None)
        self.settled = at is None or (now - at).total_seconds() >= SETTLE_SECONDS
        self.prefix = f"region:{region.pk}:{stamp}:{today.isoformat()}:{get_language() or ''}"

    @classmethod
    def of_annotated(cls, region, *, today: datetime.date) -> RegionCache:
        """The cache of a region read with ``newest_audit_subqueries`` (its NEWEST_AUDIT attributes): no query."""
        newest = None
        if region.newest_audit_id is not None:
            newest = (region.newest_audit_id, read_moment(region.newest_audit_at))
        return cls(region, today=today, newest=newest)

    def get(self, name: str, build: Callable[[], T]) -> T:
        """The value ``name`` (unique per region and kind), computed by ``build()`` when it is not cached."""
        value = self.peek(name)
        if value is None:
            value = build()
            self.put(name, value)
        return value

    def peek(self, name: str):
        """The cached value ``name``, or None."""
        return cache.get(f"{self.prefix}:{name}") if self.settled else None

    def put(self, name: str, value) -> None:
        if self.settled:
            cache.set(f"{self.prefix}:{name}", value, TIMEOUT_SECONDS)


class Kept(NamedTuple):
    """Bytes kept for a public answer, and the same gzipped (compressed once, not per request)."""

    content: bytes
    gzipped: bytes

    @classmethod
    def of(cls, content: bytes) -> Kept:
        return cls(content, gzip.compress(content, 6, mtime=0))


def kept_response(request, kept: Kept, *, content_type: str) -> HttpResponse:
    """``kept`` as a response: its gzipped bytes when the client accepts gzip (GZipMiddleware then leaves the
    response alone: it holds no secret, so no BREACH padding is needed), else the plain bytes."""
    if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) and len(kept.gzipped) < len(kept.content):
        response = HttpResponse(kept.gzipped, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(kept.content, content_type=content_type)
    patch_vary_headers(response, ("Accept-Encoding",))
    return response
