"""Keyset paging on a day and an id: the position after the last row shown, carried in a link as "YYYYMMDD-id"
(``?na=``), so the next page is an indexed range read however many rows come before it."""

from __future__ import annotations

import datetime


def day_cursor(day: datetime.date, pk: int) -> str:
    """The position after a row ordered by (day, id): "20261103-1234"."""
    return f"{day:%Y%m%d}-{pk}"


def read_day_cursor(value: str | None) -> tuple[datetime.date, int] | None:
    """``day_cursor`` read back; None for anything else (a hand-typed or old link then shows the first page)."""
    day, sep, pk = (value or "").partition("-")
    if not sep or len(day) != 8 or not day.isdigit() or not pk.isdigit() or len(pk) > 18:
        return None
    try:
        return datetime.date(int(day[:4]), int(day[4:6]), int(day[6:])), int(pk)
    except ValueError:
        return None
