"""Pure rules of the consultation's results part: no ORM, no clock.

The small-group rule (ADR 30)
-----------------------------
A breakdown splits the respondents into groups: per municipality (including "unknown" for open-link answers without
a municipality) or per channel (code, paper, open link). Any count of a group that rests on fewer than
``SMALL_GROUP`` (5) respondents is shown as "minder dan 5" and left out of charts and exports. The decision is made
once per breakdown, on the number of *respondents* of each group, and then applied to every count of that group (the
number who answered, every option, every scale value, the response rate). So the same groups are hidden for every
question, and one question cannot be used to recover another.

1. **Primary suppression.** A group with 1–4 respondents is hidden ("minder dan 5"). A group with 0 respondents is
   shown as 0: it rests on nobody, and hiding it would protect no one.
2. **Secondary suppression.** The total is shown, so a single hidden group could be recovered by subtracting the
   shown groups from the total. Therefore, while the hidden groups *together* have 1–4 respondents, the smallest
   group still shown (with at least one respondent; ties broken by key, so the outcome is reproducible) is hidden
   too. Such a group has 5 or more respondents, so it is not "minder dan 5": it is shown as "niet getoond" ("to
   protect a small group"). Afterwards the hidden groups together have 0 or at least 5 respondents, or every group is
   hidden.
3. **"Overige gemeenten".** The hidden groups may be shown together, as one combined group, only when they add up
   to 5 or more respondents and at least one group is still shown on its own (otherwise the combined group is just
   the total again).
4. **The total.** When the whole consultation has fewer than 5 respondents, its counts rest on fewer than 5 people
   too: the totals are then shown as "minder dan 5" as well (and every group is hidden).

Within a group that is shown, counts per option may be small (2 of 12 chose "Nee"): that is not a breakdown of the
respondents into smaller groups of people that can be recognised, it is the answer itself, and it is shown.
"""

from __future__ import annotations

import html
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from inspraak.consultations.models import SMALL_GROUP


@dataclass(frozen=True)
class Suppression:
    """Which groups of one breakdown are hidden, and why."""

    small: frozenset  # fewer than 5 respondents: "minder dan 5"
    protecting: frozenset  # 5 or more, hidden so that the small ones cannot be recovered: "niet getoond"
    others: int | None  # the hidden groups together ("overige gemeenten"), or None when they may not be shown
    total_hidden: bool  # the whole consultation has fewer than 5 respondents

    def hidden(self, key) -> bool:
        return self.total_hidden or key in self.small or key in self.protecting

    def shown(self, key) -> bool:
        return not self.hidden(key)

    @property
    def any_hidden(self) -> bool:
        return bool(self.small or self.protecting)


def is_small(count: int, threshold: int = SMALL_GROUP) -> bool:
    return 0 < count < threshold


def suppress(sizes: Mapping[Hashable, int], *, threshold: int = SMALL_GROUP) -> Suppression:
    """The small-group rule for one breakdown: ``sizes`` maps each group to its number of respondents (the total
    is their sum). See the module docstring."""
    total = sum(sizes.values())
    if total < threshold:
        # Everything rests on fewer than 5 people: hide every group that has someone, and the totals.
        return Suppression(
            small=frozenset(k for k, n in sizes.items() if n > 0),
            protecting=frozenset(),
            others=None,
            total_hidden=total > 0,
        )
    small = {k for k, n in sizes.items() if is_small(n, threshold)}
    protecting: set = set()
    hidden_sum = sum(sizes[k] for k in small)
    # Smallest first; ties by the key's text so the outcome never depends on dict order.
    candidates = sorted(
        (k for k, n in sizes.items() if n >= threshold),
        key=lambda k: (sizes[k], str(k)),
    )
    for key in candidates:
        if not is_small(hidden_sum, threshold):
            break
        protecting.add(key)
        hidden_sum += sizes[key]
    still_shown = any(n > 0 for k, n in sizes.items() if k not in small and k not in protecting)
    others = hidden_sum if (small or protecting) and hidden_sum >= threshold and still_shown else None
    return Suppression(small=frozenset(small), protecting=frozenset(protecting), others=others, total_hidden=False)


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` as a percentage with one decimal (None when ``whole`` is 0)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def mean(distribution: Mapping[int, int]) -> Decimal | None:
    """The mean of a scale's answers 1–5 (``distribution``: value → count; "weet ik niet" left out before), one
    decimal; None without answers."""
    answered = sum(n for value, n in distribution.items() if value > 0)
    if not answered:
        return None
    total = sum(value * n for value, n in distribution.items() if value > 0)
    return (Decimal(total) / Decimal(answered)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rate(used: int, issued: int) -> Decimal | None:
    """The response rate: used codes (online with a code, or on paper) of the issued codes, as a percentage."""
    return percent(used, issued)


# ---------------------------------------------------------------- table texts


def number_text(count: int | None, hidden: str, words: Mapping[str, str]) -> str:
    """A count as a table cell shows it: the number, or (``hidden``: "small" / "protecting") the words that say why it
    is not shown (``words``: translated once per page, not per cell)."""
    if hidden:
        return words[hidden]
    return "" if count is None else str(count)


def percent_text(value: Decimal | None, *, decimal_sign: str, missing: str = "–") -> str:
    """ "12,3%" with one decimal and the language's decimal sign (as ``floatformat:"1"``), or ``missing``."""
    if value is None:
        return missing
    return f"{value:.1f}".replace(".", decimal_sign) + "%"


def escape(text) -> str:
    """HTML-escaped as Django's ``escape`` does it (the standard library's ``html.escape``: the same five characters,
    the same entities) and not marked safe: for the long lists of a results page that are written in Python
    (thousands of cells). (``str.translate`` with a table of entities was ten times slower.)"""
    return html.escape(str(text))


_SEPARATOR = "\x1f"  # the unit separator: no HTML entity, never in a name or a number


def escape_all(texts) -> list[str]:
    """``escape`` of every text, in one pass over them joined (a table of 350 rows: one call instead of 1,750); a
    text that holds the separator itself falls back to one call per text."""
    texts = [str(text) for text in texts]
    parts = html.escape(_SEPARATOR.join(texts)).split(_SEPARATOR)
    if len(parts) != len(texts):
        return [html.escape(text) for text in texts]
    return parts
