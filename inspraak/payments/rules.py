"""Pure rules about money for members (no ORM, the clock passed in where it matters).

- ``allowance_for``: one member's volunteer allowance for one month from the group's scheme;
- ``check_cap``: whether a new amount would take a person over the legal month or year maximum (across all groups
  of the region: one person can sit in two groups), and by how much; unknown caps give "caps unknown", never a guess;
- ``budget_status``: planned, committed and spent of one budget kind, with the 80 % and 100 % warnings.

Amounts are ``Decimal`` with two decimals, never float.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

# The scheme's allowance modes (the values of support.models.AllowanceMode; repeated here so the rules stay pure).
PER_MEETING = "per_bijeenkomst"
PER_MONTH = "per_maand"
NONE = "geen"
CHAIR = "voorzitter"


@dataclass(frozen=True)
class Scheme:
    """What the rules need of a support.models.SupportScheme."""

    mode: str
    per_meeting: Decimal | None = None
    per_meeting_chair: Decimal | None = None
    per_month: Decimal | None = None


@dataclass(frozen=True)
class Allowance:
    meetings: int
    amount: Decimal


def money(value) -> Decimal:
    return (Decimal(value) if value is not None else ZERO).quantize(CENT)


def allowance_for(scheme: Scheme | None, *, body_role: str, meetings_attended: int, active_in_month: bool) -> Allowance:
    """The allowance of one member for one month.

    Per meeting: the meetings the member attended times the amount (the chair's amount for the chair, when set).
    Per month: the fixed amount when the member was an active member in that month. No scheme or mode "none":
    nothing."""
    if scheme is None or scheme.mode == NONE:
        return Allowance(meetings_attended, ZERO)
    if scheme.mode == PER_MEETING:
        rate = scheme.per_meeting
        if body_role == CHAIR and scheme.per_meeting_chair is not None:
            rate = scheme.per_meeting_chair
        return Allowance(meetings_attended, money(money(rate) * meetings_attended))
    if scheme.mode == PER_MONTH:
        return Allowance(meetings_attended, money(scheme.per_month) if active_in_month else ZERO)
    return Allowance(meetings_attended, ZERO)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    first = day.replace(day=1)
    return first.replace(year=first.year + 1, month=1) if first.month == 12 else first.replace(month=first.month + 1)


def active_in_month(
    *, month: datetime.date, started: datetime.date | None, ended: datetime.date | None, status: str
) -> bool:
    """Whether a membership counts as active in ``month`` (a first day): started before the month ends and not
    ended before it began. Invited and candidate memberships never count."""
    if status not in ("actief", "beeindigd"):
        return False
    end_of_month = next_month(month) - datetime.timedelta(days=1)
    if started and started > end_of_month:
        return False
    return not (ended and ended < month)


@dataclass(frozen=True)
class Caps:
    month_max: Decimal
    year_max: Decimal


@dataclass(frozen=True)
class CapCheck:
    """The outcome of ``check_cap``. ``known`` is False when the caps of the year were not entered: then nothing
    else is said (never assume a maximum)."""

    known: bool
    month_over: Decimal = ZERO
    year_over: Decimal = ZERO

    @property
    def exceeded(self) -> bool:
        return self.month_over > 0 or self.year_over > 0

    @property
    def fits_month(self) -> bool:
        return self.month_over == 0


def check_cap(caps: Caps | None, *, month_so_far: Decimal, year_so_far: Decimal, amount: Decimal) -> CapCheck:
    """Whether ``amount`` on top of what the person already got approved this month and this year (across all groups
    of the region) goes over the month or year maximum, and by how much (the part above the maximum)."""
    if caps is None:
        return CapCheck(known=False)
    month_total = money(month_so_far) + money(amount)
    year_total = money(year_so_far) + money(amount)
    month_over = max(ZERO, month_total - money(caps.month_max))
    year_over = max(ZERO, year_total - money(caps.year_max))
    # Only the part that this amount adds counts as "over": an amount of 0 is never over.
    month_over = min(month_over, money(amount))
    year_over = min(year_over, money(amount))
    return CapCheck(known=True, month_over=month_over, year_over=year_over)


def under_27_in_month(*, under_27: bool, until: datetime.date | None, month: datetime.date) -> bool:
    """Whether the under-27 rule (Participatiewet art. 31 lid 5: the allowance counts as income) applies in
    ``month``: the flag is set and its end date (when given) is not before the month."""
    return under_27 and (until is None or until >= month)


# Budget warnings
OK = "ok"
NEAR = "bijna"  # at least 80 % of the plan used (committed + spent)
OVER = "over"  # at least 100 %
NO_PLAN = "geen_plan"  # nothing planned but something used


@dataclass(frozen=True)
class BudgetStatus:
    planned: Decimal
    committed: Decimal
    spent: Decimal
    level: str
    percent: int | None  # used (committed + spent) as a whole percentage of the plan; None without a plan

    @property
    def used(self) -> Decimal:
        return self.committed + self.spent

    @property
    def left(self) -> Decimal:
        return self.planned - self.used


def budget_status(*, planned: Decimal | None, committed: Decimal, spent: Decimal) -> BudgetStatus:
    """One kind of the budget: a warning at 80 % and at 100 % of the plan, counting committed and spent money."""
    plan = money(planned)
    used = money(committed) + money(spent)
    if plan == 0:
        return BudgetStatus(plan, money(committed), money(spent), NO_PLAN if used > 0 else OK, None)
    percent = int(used * 100 / plan)
    level = OVER if used >= plan else NEAR if used * 5 >= plan * 4 else OK
    return BudgetStatus(plan, money(committed), money(spent), level, percent)
