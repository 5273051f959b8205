"""Horizontal bars of one question's results, drawn as inline SVG by the template tag ``question_sections``
(templatetags/consultation_results_tags.py) in the style of the signals and art. 47 charts (no JavaScript, no style
attributes, colours from CSS classes, the same numbers in a table next to it). No queries: it reads a QuestionResult
(selectors/results.py). A hidden number ("minder dan 5") gets no bar."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from inspraak.consultations.rules.results import escape

WIDTH = 320
BAR_MAX = 190  # the width of a bar at 100%
ROW = 48  # label line + bar
LABEL_CHARS = 38


@dataclass
class Bar:
    label: str
    label_y: int
    bar_y: int
    width: float
    value: str
    value_x: float
    value_y: int
    title: str


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    description: str
    bars_svg: str = ""  # the bars as SVG elements, made once (see ``svg_bars``)


def svg_bars(bars: list[Bar]) -> str:
    """The ``<g>`` of every bar, as the chart template wrote them in a loop: ten charts of a results page in one go
    instead of a template lookup and a number format per coordinate. Every text escaped."""
    parts = []
    for bar in bars:
        rect = (
            f'<rect class="inspraak-result__bar" x="0" y="{bar.bar_y}" width="{bar.width}" height="16">'
            f"<title>{escape(bar.title)}</title></rect>"
            if bar.width
            else ""
        )
        label = f'<text class="inspraak-result__label" x="0" y="{bar.label_y}">{escape(bar.label)}</text>'
        value = f'<text class="inspraak-result__value" x="{bar.value_x}" y="{bar.value_y}">{escape(bar.value)}</text>'
        parts.append(f"<g>\n      {label}\n      {rect}\n      {value}\n    </g>")
    return mark_safe("".join(parts))  # noqa: S308 (numbers and escaped texts only)


def value_text(count) -> str:
    """ "60% (6)", "minder dan 5", "niet getoond"."""
    if count.hidden or count.count is None:
        return count.text
    if count.percent is None:
        return str(count.count)
    whole = count.percent.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{whole}% ({count.count})"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def chart(result) -> Chart | None:
    """The bars of a choice or scale question (with "weet ik niet" as the last bar); None for an open question or
    when nobody answered."""
    rows = list(result.rows)
    if result.dont_know is not None:
        rows.append(result.dont_know)
    if not rows or not result.answered:
        return None
    bars = []
    for index, count in enumerate(rows):
        top = index * ROW
        width = 0.0 if count.percent is None else round(float(count.percent) / 100 * BAR_MAX, 1)
        value = value_text(count)
        bars.append(
            Bar(
                label=_short(count.label),
                label_y=top + 15,
                bar_y=top + 22,
                width=width,
                value=value,
                value_x=round(width + 6, 1),
                value_y=top + 36,
                title=_("%(label)s: %(value)s") % {"label": count.label, "value": value},
            )
        )
    return Chart(
        width=WIDTH,
        height=len(rows) * ROW + 4,
        bars=bars,
        description="; ".join(bar.title for bar in bars),
        bars_svg=svg_bars(bars),
    )
