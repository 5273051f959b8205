"""The trend of one theme over the quarters: one vertical bar per quarter, drawn as inline SVG by
signals/includes/chart.html in the style of the art. 47 chart (compliance/chart.py: no JavaScript, no style
attributes, colours from CSS classes, a table with the same numbers next to it). No queries: it reads a Series."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from inspraak.signals import rules

SLOT = 40  # width per quarter
BAR = 26
LEFT = 4
TOP = 18  # room for the number above the highest bar
PLOT = 90  # height of the tallest bar
BOTTOM = 32  # two lines of quarter label
WIDTH_MIN = 4 * SLOT


@dataclass
class Bar:
    x: float
    y: float
    height: float
    text_x: float
    text_y: float
    text: str  # the number above the bar ("" for no figure)
    quarter_line: str  # "K3"
    year_line: str  # "2026"
    notable: bool
    title: str  # the bar's tooltip and text alternative: "K3 2026: 18"


@dataclass
class Panel:
    width: int
    height: int
    bars: list[Bar]
    baseline: float
    description: str  # every quarter and its number, for the svg's <desc>


def display(kind: str, point) -> str:
    """The number of one quarter as the page and the chart show it (Dutch decimal comma)."""
    if point.value is None:
        return "–"
    if point.small:
        return _("minder dan 5")
    if kind == rules.KTO:
        if point.hidden_score:
            return _("te weinig antwoorden")
        return number_format(point.value.score, 1) if point.value.score is not None else "–"
    return str(point.value.count) if point.value.count is not None else "–"


def _short(kind: str, point) -> str:
    """The number above a bar: short ("<5" for small numbers)."""
    if point.value is None:
        return ""
    if point.small:
        return "<5"
    if kind == rules.KTO and point.hidden_score:
        return "<5"
    return display(kind, point)


def panel(series) -> Panel:
    """The bars of one Series (signals.selectors.Series)."""
    kind = series.kind
    numbers = [p.number for p in series.points]
    top = Decimal(10) if kind == rules.KTO else Decimal(max([n for n in numbers if n is not None] + [1]))
    bars = []
    baseline = TOP + PLOT
    last = len(series.points) - 1
    for index, point in enumerate(series.points):
        number = point.number
        height = float(round(Decimal(number) / top * PLOT, 1)) if number else 0.0
        x = LEFT + index * SLOT + (SLOT - BAR) / 2
        text = _short(kind, point)
        bars.append(
            Bar(
                x=x,
                y=round(baseline - height, 1),
                height=height,
                text_x=x + BAR / 2,
                text_y=round(baseline - height - 4, 1),
                text=text,
                quarter_line=f"K{point.quarter.quarter}",
                year_line=str(point.quarter.year),
                notable=index == last and series.notable is not None,
                title=f"{point.quarter.label}: {display(kind, point)}",
            )
        )
    width = max(WIDTH_MIN, LEFT * 2 + len(series.points) * SLOT)
    description = "; ".join(bar.title for bar in bars)
    return Panel(width=width, height=TOP + PLOT + BOTTOM, bars=bars, baseline=baseline, description=description)


def _outcome(number: int | None) -> str:
    if number is None:
        return "–"
    return _("minder dan 5") if number == -1 else str(number)


def detail(kind: str, point) -> str:
    """The small line under a number in the table: respondents of a KTO score, outcomes of objections."""
    value = point.value
    if value is None:
        return ""
    if kind == rules.KTO and value.count is not None and not point.hidden_score:
        return _("%(n)s antwoorden") % {"n": value.count}
    if kind == rules.OBJECTIONS and value.upheld is not None:
        return _("gegrond %(upheld)s, ongegrond %(rejected)s, ingetrokken %(withdrawn)s") % {
            "upheld": _outcome(value.upheld),
            "rejected": _outcome(value.rejected),
            "withdrawn": _outcome(value.withdrawn),
        }
    return ""


def draw(overview) -> None:
    """Give every series of an Overview its chart panel (``series.chart``) and every point its table text
    (``point.text``, ``point.detail``)."""
    for block in overview.blocks:
        for series in block.series:
            series.chart = panel(series)
            for point in series.points:
                point.text = display(series.kind, point)
                point.detail = detail(series.kind, point)
