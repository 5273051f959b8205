"""Money as the Dutch read it: "€ 35,00", "€ 1.234,50" (inspraak.core.money; never a float)."""

from __future__ import annotations

from django import template

from inspraak.core.money import euro as euro_text

register = template.Library()


@register.filter
def euro(value) -> str:
    """A Decimal (or a number in a string) as "€ 35,00"; "" for nothing."""
    return euro_text(value)
