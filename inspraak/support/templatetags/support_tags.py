"""Money as Dutch readers expect it: "€ 35,00", "€ 2.100,00"."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


def euro_text(value) -> str:
    """ "€ 35,00" for 35; "" for None or something that is not a number."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return "€\u00a0" + number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


@register.filter
def euro(value) -> str:
    return euro_text(value)
