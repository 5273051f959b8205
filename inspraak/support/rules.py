"""Pure rules of the support scheme and the legal caps: no ORM, the clock passed in."""

from __future__ import annotations

import datetime
from decimal import Decimal

# From this day of the year on, the caps of next year are needed too (payments for January are prepared in
# December; the minister publishes the new amounts in the autumn).
NEXT_YEAR_FROM = (10, 1)

PER_MEETING = "per_bijeenkomst"
PER_MONTH = "per_maand"


def cap_years_needed(today: datetime.date) -> list[int]:
    """The years whose caps must be known on ``today``: this year, and from 1 October next year too."""
    years = [today.year]
    if (today.month, today.day) >= NEXT_YEAR_FROM:
        years.append(today.year + 1)
    return years


def scheme_problems(
    *,
    allowance_mode: str,
    amount_per_meeting: Decimal | None,
    amount_per_month: Decimal | None,
) -> dict[str, str]:
    """{field: code} for a scheme that does not hold together: the chosen way of paying needs its amount."""
    problems: dict[str, str] = {}
    if allowance_mode == PER_MEETING and amount_per_meeting is None:
        problems["amount_per_meeting"] = "amount_per_meeting"
    if allowance_mode == PER_MONTH and amount_per_month is None:
        problems["amount_per_month"] = "amount_per_month"
    return problems


def normalised_scheme(values: dict) -> dict:
    """The scheme's values without amounts that the chosen way of paying does not use (an amount per month stays
    out of a per-meeting scheme, a childcare maximum out of a scheme without childcare), so nobody reads an amount
    that does not count."""
    clean = dict(values)
    mode = clean.get("allowance_mode")
    if mode != PER_MEETING:
        clean["amount_per_meeting"] = None
        clean["amount_per_meeting_chair"] = None
    if mode != PER_MONTH:
        clean["amount_per_month"] = None
    if not clean.get("childcare"):
        clean["childcare_max"] = None
    return clean


def cap_problems(*, month_max: Decimal | None, year_max: Decimal | None) -> dict[str, str]:
    """{field: code}: the month maximum cannot be more than the year maximum."""
    if month_max is not None and year_max is not None and month_max > year_max:
        return {"month_max": "month_above_year"}
    return {}


def copy_source_year(years: list[int], target: int) -> int | None:
    """The year to copy a new scheme for ``target`` from: the latest earlier year that has a scheme."""
    earlier = [year for year in years if year < target]
    return max(earlier) if earlier else None
