"""Demo data for the signals (issue 13, ADR 29): two years of quarterly figures (K4 2024 – K3 2026) for the
municipalities of the demo region: KTO scores and complaints per theme, objections with their outcomes. Complaints
about "brieven" rise clearly in K3 2026 (in Havenstad and so in the whole region): the one notable signal. The
region shows its signals publicly.

The lead calls ``load_signals(region=region, municipalities=municipalities, by=beheerder)`` in load_demo. Idempotent:
a region that already has figures gets nothing more."""

from __future__ import annotations

import datetime
from decimal import Decimal

from inspraak.accounts.models import User
from inspraak.regions.models import Municipality, Region
from inspraak.signals import rules, services
from inspraak.signals.models import Figure, SignalEntry

QUARTERS = rules.quarters_up_to(rules.Quarter(2026, 3), 8)
# A steady wobble, so the charts look like real figures without any other notable change.
WOBBLE = (0, 1, -1, 1, 0, -1, 1, 0)
# Per municipality: KTO respondents per theme, complaints per theme, objections per quarter.
SIZES = {
    "Havenstad": {"respondents": 120, "complaints": 14, "objections": 30},
    "Polderveen": {"respondents": 60, "complaints": 6, "objections": 12},
    "Kreekdorp": {"respondents": 30, "complaints": 3, "objections": 6},
}
SCORES = {
    "brieven": Decimal("6.4"),
    "bejegening": Decimal("7.3"),
    "afspraken": Decimal("6.9"),
    "bereikbaarheid": Decimal("6.2"),
    "betaling": Decimal("7.6"),
}
COMPLAINT_SHARE = {"brieven": 1.0, "bejegening": 0.6, "afspraken": 0.5, "bereikbaarheid": 0.8, "betaling": 0.3}
RISE = {"Havenstad": 24, "Polderveen": 7}  # complaints about brieven in K3 2026
SOURCE = "KTO Waterland-Oost en klachtregistratie"
TODAY = datetime.date(2026, 12, 2)


def load_signals(*, region: Region, municipalities: dict[str, Municipality], by: User | None) -> int:
    """Enter the figures (one saved entry per municipality and quarter, as the form does) and make the signals
    public. Returns the number of figures made (0 when the region already had figures)."""
    if Figure.objects.filter(region=region).exists():
        return 0
    themes = {theme.key: theme for theme in services.themes_ensure(region=region, by=by)}
    made = 0
    for name, municipality in municipalities.items():
        size = SIZES.get(name, SIZES["Kreekdorp"])
        for index, quarter in enumerate(QUARTERS):
            wobble = WOBBLE[index]
            latest = index == len(QUARTERS) - 1
            rows = []
            for key, theme in themes.items():
                score = SCORES.get(key, Decimal("7.0")) + Decimal(wobble) / 10
                if key == "brieven" and latest:
                    score -= Decimal("0.3")
                rows.append(
                    services.FigureRow(
                        rules.KTO, theme, count=size["respondents"] + 3 * wobble, score=score, source=SOURCE
                    )
                )
                complaints = max(round(size["complaints"] * COMPLAINT_SHARE.get(key, 0.5)) + wobble, 0)
                if key == "brieven" and latest:
                    complaints = RISE.get(name, complaints)
                rows.append(services.FigureRow(rules.COMPLAINTS, theme, count=complaints, source=SOURCE))
            objections = size["objections"] + wobble
            upheld = max(objections // 6 + wobble, 1)
            withdrawn = max(objections // 8, 1)
            rows.append(
                services.FigureRow(
                    rules.OBJECTIONS,
                    None,
                    count=objections,
                    upheld=upheld,
                    rejected=objections - upheld - withdrawn,
                    withdrawn=withdrawn,
                    source="Bezwaarregistratie",
                )
            )
            services.figures_replace(
                region=region,
                municipality=municipality,
                quarter=quarter,
                rows=rows,
                by=by,
                source=SignalEntry.Source.CSV,
                today=TODAY,
            )
            made += len(rows)
    services.settings_set(region=region, public=True, by=by)
    return made
