"""Moments read with written-out SQL (ADR 0032), where no model field converts them."""

from __future__ import annotations

import datetime

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
