"""Signals for the signals tests, on top of tests/world.py, built on first use and kept on the world.

- the region's five default themes;
- eight quarters (K4 2024 – K3 2026) of figures for Zeedorp and Duinstad: KTO and complaints for "brieven" and
  "bejegening", objections of all themes with outcomes. Complaints about "brieven" in Zeedorp rise from about 12 to
  20 in K3 2026 (notable); Duinstad's KTO score for "brieven" is 4.2 in every quarter (a number only Duinstad has);
- the region's signals are public;
- ``link``: the K3 2026 complaints about "brieven" put on the client panel's list of topics by its secretary;
- one figure of the other region (never shown in this region).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from inspraak.signals import rules, services
from inspraak.signals.models import Figure, SignalSettings, SignalTheme, SignalTopic

QUARTERS = rules.quarters_up_to(rules.Quarter(2026, 3), 8)
ZEEDORP_LETTERS = [10, 12, 11, 13, 12, 11, 12, 20]
DUINSTAD_LETTERS = [6, 7, 6, 8, 7, 6, 7, 9]
DUINSTAD_SCORE = Decimal("4.2")


@dataclass
class SignalData:
    themes: dict[str, SignalTheme]
    link: SignalTopic
    other: Figure


def _figures(world, municipality, letters, score, objections):
    themes = {t.key: t for t in services.themes_ensure(region=world.region)}
    rows = []
    for index, quarter in enumerate(QUARTERS):
        common = {
            "region": world.region,
            "municipality": municipality,
            "year": quarter.year,
            "quarter": quarter.quarter,
        }
        rows += [
            Figure(**common, kind=rules.KTO, theme=themes["brieven"], score=score, count=80),
            Figure(**common, kind=rules.KTO, theme=themes["bejegening"], score=Decimal("7.3"), count=80),
            Figure(**common, kind=rules.COMPLAINTS, theme=themes["brieven"], count=letters[index]),
            Figure(**common, kind=rules.COMPLAINTS, theme=themes["bejegening"], count=3),
            Figure(
                **common,
                kind=rules.OBJECTIONS,
                theme=None,
                count=objections,
                upheld=2,
                rejected=objections - 4,
                withdrawn=2,
            ),
        ]
    Figure.objects.bulk_create(rows)
    return themes


def signal_data(world) -> SignalData:
    existing = getattr(world, "_signals", None)
    if existing is not None:
        return existing
    themes = _figures(world, world.municipality, ZEEDORP_LETTERS, Decimal("6.6"), 15)
    _figures(world, world.municipality_2, DUINSTAD_LETTERS, DUINSTAD_SCORE, 41)
    SignalSettings.objects.create(region=world.region, public=True)
    link = services.signal_to_topic(
        body=world.body,
        kind=rules.COMPLAINTS,
        theme=themes["brieven"],
        quarter=rules.Quarter(2026, 3),
        municipality=None,
        title="Klachten over brieven in K3 2026",
        description="In K3 2026 waren er 29 klachten over brieven.",
        by=world.user("secretary"),
    )
    other_theme = services.themes_ensure(region=world.other_region)[0]
    other = Figure.objects.create(
        region=world.other_region,
        municipality=world.other_municipality,
        year=2026,
        quarter=3,
        kind=rules.COMPLAINTS,
        theme=other_theme,
        count=4321,
    )
    data = SignalData(themes=themes, link=link, other=other)
    world._signals = data
    return data
