"""Money as the Dutch write it: "€ 1.234,50"."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format


def euro(value) -> str:
    amount = Decimal(value or 0).quantize(Decimal("0.01"))
    return "€\u00a0" + number_format(amount, 2, use_l10n=True, force_grouping=True)


def plain(value) -> str:
    """For the finance system's CSV: a decimal comma, no grouping, no currency sign ("1234,50")."""
    return f"{Decimal(value or 0).quantize(Decimal('0.01'))}".replace(".", ",")
