"""Moments read with written-out SQL (ADR 0032), where no model field converts them; the database connection's
prepared statements (ADR 0033)."""

from __future__ import annotations

import datetime

from django.conf import settings
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
    if connection.vendor == "postgresql" and connection.settings_dict.get("OPTIONS", {}).get("prepare_threshold"):
        connection.connection.prepared_max = settings.DB_PREPARED_MAX
