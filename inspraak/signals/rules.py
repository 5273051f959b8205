"""Pure rules of the signals (ADR 29): quarters, adding up figures of several municipalities, the notable-change rule
and the small-numbers rule of the public page. No ORM, no clock: ``today`` is passed in.

The notable-change rule compares the latest quarter with the average of the four quarters before it:

- complaints and objections: notable when the latest quarter has at least ``MIN_CASES`` (10) cases and is at least
  ``MIN_RISE`` (25 %) above that average;
- KTO (client satisfaction): notable when the score is at least ``MIN_DROP`` (0.5) points below that average, with at
  least ``MIN_CASES`` respondents in the latest quarter.

At least ``MIN_HISTORY`` (2) of the four quarters before must have figures, else nothing is compared.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

KTO = "kto"
COMPLAINTS = "klachten"
OBJECTIONS = "bezwaren"
KINDS = (KTO, COMPLAINTS, OBJECTIONS)

MIN_CASES = 10
MIN_RISE = Decimal("0.25")
MIN_DROP = Decimal("0.5")
MIN_HISTORY = 2
HISTORY = 4  # the quarters before the latest one that make the average
SMALL = 5  # public: fewer cases than this are shown as "minder dan 5"
SCORE_MIN = Decimal("1.0")
SCORE_MAX = Decimal("10.0")
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int  # 1–4

    def __post_init__(self):
        if not 1 <= self.quarter <= 4:
            raise ValueError("quarter")

    @classmethod
    def of(cls, day: datetime.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def index(self) -> int:
        return self.year * 4 + self.quarter - 1

    @classmethod
    def from_index(cls, index: int) -> Quarter:
        return cls(index // 4, index % 4 + 1)

    def shift(self, quarters: int) -> Quarter:
        return Quarter.from_index(self.index + quarters)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def label(self) -> str:
        """ "K3 2026": the short label of charts and tables (K for kwartaal)."""
        return f"K{self.quarter} {self.year}"

    @property
    def slug(self) -> str:
        return f"{self.year}-{self.quarter}"

    def __str__(self) -> str:
        return self.label


def last_complete(today: datetime.date) -> Quarter:
    """The last quarter that has ended on ``today`` (figures come in after a quarter ends)."""
    return Quarter.of(today).shift(-1)


def is_future(quarter: Quarter, today: datetime.date) -> bool:
    """A quarter that has not started yet: no figures can exist for it."""
    return quarter.first_day > today


def quarters_up_to(end: Quarter, count: int) -> list[Quarter]:
    """``count`` quarters ending with ``end``, oldest first."""
    return [end.shift(offset) for offset in range(1 - count, 1)]


# ---------------------------------------------------------------- one value per quarter


@dataclass(frozen=True)
class Value:
    """One kind's figure of one quarter (for one theme, added up over the municipalities asked for).

    ``count``: complaints or objections; for KTO the number of respondents. ``score``: the KTO score (1.0–10.0).
    ``upheld``/``rejected``/``withdrawn``: the objections' outcomes (gegrond, ongegrond, ingetrokken), when known."""

    count: int | None = None
    score: Decimal | None = None
    upheld: int | None = None
    rejected: int | None = None
    withdrawn: int | None = None


def _sum(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def combine(kind: str, values: Sequence[Value]) -> Value | None:
    """The figure of several municipalities together: counts add up; a KTO score is the average weighted by the
    respondents (a municipality without respondents counts once). None when there is nothing."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    if kind == KTO:
        scored = [v for v in values if v.score is not None]
        if not scored:
            return None
        weights = [Decimal(max(v.count or 0, 0)) for v in scored]
        if sum(weights) > 0:
            score = sum(v.score * w for v, w in zip(scored, weights, strict=True)) / sum(weights)
        else:
            score = sum(v.score for v in scored) / len(scored)
        return Value(count=_sum(v.count for v in scored), score=score.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP))
    return Value(
        count=_sum(v.count for v in values),
        upheld=_sum(v.upheld for v in values),
        rejected=_sum(v.rejected for v in values),
        withdrawn=_sum(v.withdrawn for v in values),
    )


# ---------------------------------------------------------------- the notable-change rule


@dataclass(frozen=True)
class Notable:
    """A notable change in the latest quarter. ``current``: its count (or KTO score); ``average``: the average of the
    quarters before; ``change``: for counts the rise in whole percent (None when the average was 0), for KTO the drop
    in points; ``cases``: the cases (or respondents) of the latest quarter."""

    kind: str
    quarter: Quarter
    current: Decimal
    average: Decimal
    change: Decimal | None
    cases: int


def notable(kind: str, series: Sequence[tuple[Quarter, Value | None]]) -> Notable | None:
    """Apply the rule to the last quarter of ``series`` (oldest first, one entry per quarter, None: no figure)."""
    if not series:
        return None
    quarter, latest = series[-1]
    if latest is None:
        return None
    before = [value for _q, value in series[-1 - HISTORY : -1]]
    if kind == KTO:
        if latest.score is None or (latest.count or 0) < MIN_CASES:
            return None
        history = [v.score for v in before if v is not None and v.score is not None]
        if len(history) < MIN_HISTORY:
            return None
        average = (sum(history) / len(history)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        drop = average - latest.score
        if drop < MIN_DROP:
            return None
        return Notable(kind, quarter, latest.score, average, drop, latest.count or 0)
    if latest.count is None or latest.count < MIN_CASES:
        return None
    history = [v.count for v in before if v is not None and v.count is not None]
    if len(history) < MIN_HISTORY:
        return None
    average = Decimal(sum(history)) / len(history)
    current = Decimal(latest.count)
    if average == 0:
        return Notable(kind, quarter, current, average, None, latest.count)
    rise = (current - average) / average
    if rise < MIN_RISE:
        return None
    percent = (rise * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return Notable(kind, quarter, current, average.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP), percent, latest.count)


# ---------------------------------------------------------------- small numbers (public page)


def is_small(count: int | None) -> bool:
    """Fewer than ``SMALL`` cases (but more than none): the public page shows "minder dan 5"."""
    return count is not None and 0 < count < SMALL


def valid_score(score: Decimal) -> bool:
    return SCORE_MIN <= score <= SCORE_MAX and score == score.quantize(ONE_DECIMAL)


def outcome_problem(count: int | None, upheld: int | None, rejected: int | None, withdrawn: int | None) -> bool:
    """The outcomes of objections add up to more than their number."""
    outcomes = [v for v in (upheld, rejected, withdrawn) if v is not None]
    if not outcomes:
        return False
    return count is None or sum(outcomes) > count
