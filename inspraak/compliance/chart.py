"""The years side by side: per column of the matrix, one horizontal bar per year, split by status. Drawn as inline
SVG by compliance/includes/chart.html (no JavaScript, no style attributes: colours come from CSS classes), with a
table that holds the same numbers. No queries: it reads matrices that were already built."""

from __future__ import annotations

from dataclasses import dataclass

from inspraak.compliance import rules

LABEL_WIDTH = 56  # room for the year left of the bar
BAR_WIDTH = 300
BAR_HEIGHT = 22
GAP = 10


@dataclass
class Segment:
    status: str
    count: int
    x: float
    width: float


@dataclass
class Bar:
    year: int
    y: int
    text_y: int
    total: int
    segments: list[Segment]
    counts: dict[str, int]
    labelled: list[tuple[str, int]]  # (status label, count) in the order of rules.STATUSES, for the table


@dataclass
class Panel:
    column: str
    label: str
    height: int
    bars: list[Bar]


def chart(matrices: list) -> dict:
    """{"panels": one Panel per column, "years": the years shown, "statuses": [(code, label)], "width": ...}.
    ``matrices``: anything with ``year`` and ``counts(column)`` (selectors.Matrix, present.MatrixTable)."""
    statuses = [(status, rules.status_label(status)) for status in rules.STATUSES]
    panels = []
    for column in rules.COLUMNS:
        bars = []
        for index, matrix in enumerate(matrices):
            counts = matrix.counts(column)
            total = sum(counts.values())
            x = float(LABEL_WIDTH)
            segments = []
            for status in rules.STATUSES:
                if not counts[status] or not total:
                    continue
                width = round(BAR_WIDTH * counts[status] / total, 2)
                segments.append(Segment(status, counts[status], round(x, 2), width))
                x += width
            y = GAP + index * (BAR_HEIGHT + GAP)
            labelled = [(label, counts[status]) for status, label in statuses]
            bars.append(Bar(matrix.year, y, y + BAR_HEIGHT // 2 + 5, total, segments, counts, labelled))
        height = GAP + len(bars) * (BAR_HEIGHT + GAP)
        panels.append(Panel(column, rules.column_label(column), height, bars))
    return {
        "panels": panels,
        "years": [m.year for m in matrices],
        "statuses": statuses,
        "width": LABEL_WIDTH + BAR_WIDTH + 4,
    }
