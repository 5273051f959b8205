"""Money as Dutch readers expect it: "€ 35,00", "€ 2.100,00" (inspraak.core.money)."""

from __future__ import annotations

from django import template

from inspraak.core.money import euro as euro_text

register = template.Library()


@register.filter
def euro(value) -> str:
    return euro_text(value)
