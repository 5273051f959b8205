"""The public overview of the verordeningen (``public_index``) and its JSON, computed once and kept in the cache
until the region changes (``inspraak.audit.cache``: the key holds the region's newest audit row, the language and
the date). A cached overview costs 2 queries whatever the number of municipalities and texts."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from inspraak.audit.cache import RegionCache
from inspraak.bylaws import selectors
from inspraak.regions.models import Region

PAGE_SIZE = 25  # municipalities per page
_CARD_END = "<!--card-->"  # cannot occur in escaped text


class Card(NamedTuple):
    label: str
    meets: bool
    missing: bool  # no verordening in force
    html: str


class Overview(NamedTuple):
    cards: tuple[Card, ...]

    @property
    def meets(self) -> int:
        return sum(1 for card in self.cards if card.meets)

    @property
    def missing(self) -> int:
        return sum(1 for card in self.cards if card.missing)


def _overview(region: Region, *, on: datetime.date) -> Overview:
    rows = selectors.public_bylaws(region, on=on)
    html = render_to_string("bylaws/_public_cards.html", {"rows": rows, "region": region})
    parts = html.split(_CARD_END)
    return Overview(
        tuple(
            Card(str(row.label), row.check.meets, row.check.bylaw_key is None, part)
            for row, part in zip(rows, parts, strict=False)
        )
    )


def overview(region: Region, *, today: datetime.date, cache: RegionCache) -> Overview:
    """Every municipality's card (and the GR's when it has texts), cached."""
    return cache.get("bylaws:overview", lambda: _overview(region, on=today))


class OverviewPage(NamedTuple):
    page: object  # django.core.paginator.Page of Card
    html: str
    failing_only: bool
    all_url: str
    failing_url: str
    total: int
    meets: int
    fails: int
    missing: int


def overview_page(overview: Overview, *, page: str | None, failing_only: bool, base_url: str) -> OverviewPage:
    """One page of ``PAGE_SIZE`` cards, optionally only those whose verordening does not meet art. 47. No query."""
    cards = [card for card in overview.cards if not card.meets] if failing_only else list(overview.cards)
    current = Paginator(cards, PAGE_SIZE).get_page(page)
    meets = overview.meets
    return OverviewPage(
        page=current,
        html=mark_safe("".join(card.html for card in current.object_list)),  # noqa: S308 rendered by the template
        failing_only=failing_only,
        all_url=base_url,
        failing_url=f"{base_url}?voldoet=nee",
        total=len(overview.cards),
        meets=meets,
        fails=len(overview.cards) - meets,
        missing=overview.missing,
    )
