"""Who may see and print a body's paper letters."""

from __future__ import annotations

from inspraak.regions.permissions import can_support_body


def can_print_letters(user, body) -> bool:
    """See the letters waiting for the post, print them and print a batch again: the body's secretary and
    facilitator, and the region's beheerder (the letters hold members' postal addresses)."""
    return can_support_body(user, body)
