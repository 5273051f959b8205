"""Pure rules for expense claims: which kinds a scheme allows, the amount for kilometres, the childcare maximum,
which dates can still be claimed, and when a receipt may be deleted. No ORM; the clock is passed in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from inspraak.claims.models import ClaimKind, ClaimStatus

CENT = Decimal("0.01")
# Without a scheme for the year the group still pays travel by public transport and other costs (after approval):
# the costs of taking part must never stop a member (art. 47 b).
KINDS_WITHOUT_SCHEME = (ClaimKind.PUBLIC_TRANSPORT, ClaimKind.OTHER)
# The most one claim may be (a typing error such as 3550 for 35,50 is caught; a real larger cost is entered in parts
# or by the secretary after a phone call).
MAX_AMOUNT = Decimal("2500.00")
MAX_KILOMETRES = Decimal("1000")
# Statuses in which the member may still change or withdraw the claim.
EDITABLE = (ClaimStatus.SUBMITTED,)
DECIDABLE = (ClaimStatus.SUBMITTED,)


@dataclass(frozen=True)
class SchemeTerms:
    """What a group's support scheme of one year says about claims (support.SupportScheme, read by the selector)."""

    public_transport: bool = True
    km_rate: Decimal | None = None
    childcare: bool = False
    childcare_max: Decimal | None = None
    other_costs: bool = True


def terms_of(scheme) -> SchemeTerms | None:
    """The claim terms of a support scheme (any object with SupportScheme's fields); None: no scheme."""
    if scheme is None:
        return None
    return SchemeTerms(
        public_transport=scheme.travel_public_transport,
        km_rate=scheme.travel_km_rate,
        childcare=scheme.childcare,
        childcare_max=scheme.childcare_max,
        other_costs=scheme.other_costs,
    )


def allowed_kinds(terms: SchemeTerms | None) -> tuple[str, ...]:
    """The kinds a member may claim under ``terms`` (None: no scheme for that year), in the order of ClaimKind."""
    if terms is None:
        return tuple(KINDS_WITHOUT_SCHEME)
    allowed = {
        ClaimKind.PUBLIC_TRANSPORT: terms.public_transport,
        ClaimKind.KILOMETRES: bool(terms.km_rate),
        ClaimKind.CHILDCARE: terms.childcare,
        ClaimKind.OTHER: terms.other_costs,
    }
    return tuple(kind for kind in ClaimKind.values if allowed[kind])


def km_amount(kilometres: Decimal, rate: Decimal) -> Decimal:
    """Kilometres x the rate per km, rounded to cents (half up, like a payslip)."""
    return (kilometres * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def over_childcare_max(amount: Decimal, terms: SchemeTerms | None) -> Decimal | None:
    """The maximum when ``amount`` for childcare is above it, else None (no maximum set: at cost)."""
    if terms is None or terms.childcare_max is None:
        return None
    return terms.childcare_max if amount > terms.childcare_max else None


def earliest_claim_date(today: datetime.date) -> datetime.date:
    """Costs can be claimed from 1 January of last year (the scheme is per year; older costs: ask the secretary)."""
    return datetime.date(today.year - 1, 1, 1)


def date_problem(spent_on: datetime.date, today: datetime.date) -> str:
    """ "future", "too_old" or "" for the date of the costs."""
    if spent_on > today:
        return "future"
    if spent_on < earliest_claim_date(today):
        return "too_old"
    return ""


def receipt_expired(
    *,
    status: str,
    paid_on: datetime.date | None,
    decided_on: datetime.date | None,
    today: datetime.date,
    retention_days: int,
) -> bool:
    """A receipt is kept ``retention_days`` after the claim was paid (the payment record itself stays) or rejected;
    a claim that is still open (ingediend, goedgekeurd) keeps its receipt."""
    if status == ClaimStatus.PAID and paid_on is not None:
        start = paid_on
    elif status == ClaimStatus.REJECTED and decided_on is not None:
        start = decided_on
    else:
        return False
    return today > start + datetime.timedelta(days=retention_days)
