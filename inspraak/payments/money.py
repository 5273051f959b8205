"""Money as the Dutch write it: "€ 1.234,50"."""

from __future__ import annotations

from decimal import Decimal

from inspraak.core import money


def euro(value) -> str:
    """ "€ 35,00"; nothing counts as € 0,00 here (totals of a batch, a statement, a budget)."""
    return money.euro(value or 0)


def plain(value) -> str:
    """For the finance system's CSV: a decimal comma, no grouping, no currency sign ("1234,50")."""
    return f"{Decimal(value or 0).quantize(Decimal('0.01'))}".replace(".", ",")
