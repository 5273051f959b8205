"""Moments read with written-out SQL (ADR 0032), where no model field converts them; the database connection's
prepared statements (ADR 0033), and the reports that are planned for their values instead."""

from __future__ import annotations

import datetime
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def read_moment(value: datetime.datetime | str | None) -> datetime.datetime | None:
    """A moment as read from the database: PostgreSQL gives it aware, SQLite naive (stored in UTC), or as text when
    the query computed it. Always aware (None stays None)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, datetime.UTC)
    return value


def keep_prepared_statements(sender, connection, **kwargs) -> None:
    """A new PostgreSQL connection keeps up to DB_PREPARED_MAX prepared statements (psycopg's default is 100, fewer
    than the distinct queries of our pages: a worker serving every page would keep preparing them again)."""
    if _prepares(connection):
        connection.connection.prepared_max = settings.DB_PREPARED_MAX


def _prepares(connection) -> bool:
    """The connection prepares the queries it runs again (PostgreSQL with DB_PREPARE_THRESHOLD set)."""
    return connection.vendor == "postgresql" and bool(
        connection.settings_dict.get("OPTIONS", {}).get("prepare_threshold")
    )


@contextmanager
def planned_for_their_values(using: str = DEFAULT_DB_ALIAS):
    """The queries run inside are planned for their own values every time: psycopg prepares none of them (ADR 0033).
    For a report over thousands of rows that runs once after a change (the art. 47 matrix), whose best plan depends
    on how many rows the region's values select: a plan for any values guesses a few and walks an index per row,
    and planning costs a fraction of running it. Elsewhere (SQLite, or preparing turned off) it changes nothing."""
    connection = connections[using]
    if not _prepares(connection):
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    threshold = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = threshold
