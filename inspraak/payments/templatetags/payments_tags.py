"""Template filters for money (no queries)."""

from django import template

from inspraak.payments import money

register = template.Library()


@register.filter
def euro(value) -> str:
    """``{{ amount|euro }}`` → "€ 35,00"."""
    return money.euro(value)
