"""The art. 47 matrix as its pages, its CSV and the API show it, computed once and kept in the cache until the
region changes (``inspraak.audit.cache``: the key holds the region's newest audit row, the language and the date).

A region of 350 municipalities costs about 20 queries and a few hundred milliseconds to compute; a cached page
costs 2 queries (the region and its newest audit row) whatever the number of municipalities, bodies or proposals.

- ``frozen_matrix``: the matrix of a year as plain tuples (``FrozenMatrix``), with the attributes of
  ``selectors.Matrix`` (rows, cells, labels, numbers, links), so the CSV and the JSON read either.
- ``matrix_table``: the rows of the HTML table, each rendered once (no template work per cell on a request), with
  the statuses per row for the summary, the filter and the chart.
- ``matrix_csv``: the CSV file as bytes, and gzipped (``audit.cache.Kept``).
"""

from __future__ import annotations

import csv
import datetime
import io
from typing import NamedTuple

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from inspraak.audit.cache import Kept, RegionCache
from inspraak.compliance import rules, selectors
from inspraak.compliance.chart import chart
from inspraak.compliance.rules import _
from inspraak.core.spreadsheet import BOM, CSV_DELIMITER, safe_row
from inspraak.regions.models import Region

PAGE_SIZE = 25  # municipalities per page of the table


# ---------------------------------------------------------------- the matrix as plain values


class FrozenLink(NamedTuple):
    label: str
    url: str


class FrozenCell(NamedTuple):
    status: str
    label: str
    summary: str
    numbers: dict
    evidence: tuple[FrozenLink, ...]
    notes: tuple[str, ...]
    short: str

    @property
    def tone(self) -> str:
        return selectors.TONES[self.status]


class FrozenMunicipality(NamedTuple):
    slug: str
    name: str
    cbs_code: str


class FrozenRow(NamedTuple):
    municipality: FrozenMunicipality | None  # None: the GR row
    label: str
    url: str
    cells: dict[str, FrozenCell]


class FrozenRegion(NamedTuple):
    slug: str
    name: str


class FrozenMatrix(NamedTuple):
    region: FrozenRegion
    year: int
    settings: rules.Thresholds
    columns: tuple[tuple[str, str], ...]
    rows: tuple[FrozenRow, ...]


def _frozen(matrix: selectors.Matrix) -> FrozenMatrix:
    rows = []
    for row in matrix.rows:
        m = row.municipality
        cells = {
            column: FrozenCell(
                cell.status,
                str(cell.label),
                str(cell.summary),
                dict(cell.numbers),
                tuple(FrozenLink(str(link.label), link.url) for link in cell.evidence),
                tuple(str(note) for note in cell.notes),
                str(cell.short),
            )
            for column, cell in row.cells.items()
        }
        municipality = None if m is None else FrozenMunicipality(m.slug, m.name, m.cbs_code)
        rows.append(FrozenRow(municipality, str(row.label), row.url, cells))
    return FrozenMatrix(
        FrozenRegion(matrix.region.slug, matrix.region.name),
        matrix.year,
        matrix.settings,
        tuple((column, str(label)) for column, label in matrix.columns),
        tuple(rows),
    )


def region_cache(region: Region, *, today: datetime.date) -> RegionCache:
    """The cached values of ``region`` for this request (1 query)."""
    return RegionCache(region, today=today)


def years(region: Region, *, today: datetime.date, cache: RegionCache) -> list[int]:
    """``selectors.years_with_data``, cached."""
    return cache.get("art47:years", lambda: selectors.years_with_data(region, today=today))


def frozen_matrices(
    region: Region, *, years: list[int], today: datetime.date, cache: RegionCache
) -> dict[int, FrozenMatrix]:
    """The matrix of each of ``years``; those not cached are computed together (``selectors.matrices``)."""
    found: dict[int, FrozenMatrix] = {}
    for year in years:
        value = cache.peek(f"art47:matrix:{year}")
        if value is not None:
            found[year] = value
    missing = [year for year in years if year not in found]
    for matrix in selectors.matrices(region, years=missing, today=today):
        found[matrix.year] = _frozen(matrix)
        cache.put(f"art47:matrix:{matrix.year}", found[matrix.year])
    return found


def frozen_matrix(region: Region, *, year: int, today: datetime.date, cache: RegionCache) -> FrozenMatrix:
    """The matrix of ``year`` (``selectors.region_matrix``), cached."""
    return frozen_matrices(region, years=[year], today=today, cache=cache)[year]


def heard(
    bodies: list, *, year: int, cache: RegionCache, topics: dict[int, selectors.HeardTopics] | None = None
) -> list[selectors.Heard]:
    """ "Is the client heard?" of each of ``bodies`` (of the cache's region) in ``year``, kept per body and year;
    the votes are counted afresh (``selectors.fresh_heard``: they are not audited). 0 or 1 query when kept, 3 or 4
    (``topics``: see ``selectors.heard_bases``) otherwise."""
    bases = {body.pk: cache.peek(f"art47:heard:{body.pk}:{year}") for body in bodies}
    kept = [base for base in bases.values() if base is not None]
    result = {
        base.heard.body.pk: heard for base, heard in zip(kept, selectors.fresh_heard(kept, year=year), strict=True)
    }
    for base in selectors.heard_bases([body for body in bodies if bases[body.pk] is None], year=year, topics=topics):
        cache.put(f"art47:heard:{base.heard.body.pk}:{year}", base)
        result[base.heard.body.pk] = base.heard
    return [result[body.pk] for body in bodies]


def evidence(
    region: Region, municipality, *, year: int, today: datetime.date, cache: RegionCache, context: dict
) -> tuple[selectors.Row, str]:
    """The row of one municipality (None: the GR) with its evidence, and the part of its page made from it
    (compliance/_evidence_body.html with ``context``), both cached; "is the client heard?" is added to the row
    (``heard``: the votes read afresh, they are not audited). 1 or 2 queries when cached, 16 or 17 otherwise."""
    key = f"{'gr' if municipality is None else municipality.pk}:{year}"
    row, topics = cache.get(
        f"art47:evidence:{key}", lambda: selectors.evidence(region, municipality, year=year, today=today)
    )
    body = cache.get(
        f"art47:evidence-html:{key}",
        lambda: render_to_string("compliance/_evidence_body.html", {**context, "row": row}),
    )
    row.detail.heard = heard([line.body for line in row.detail.bodies], year=year, cache=cache, topics=topics)
    return row, mark_safe(body)  # noqa: S308 rendered by the template


# ---------------------------------------------------------------- the HTML table


class TableRow(NamedTuple):
    label: str
    url: str
    statuses: tuple[str, ...]  # in the order of rules.COLUMNS
    html: str  # the <tr> of the table (compliance/includes/matrix_page_table.html)

    @property
    def attention(self) -> bool:
        """Something does not meet art. 47 ("voldoet niet" in any column)."""
        return rules.FAILS in self.statuses


class MatrixTable(NamedTuple):
    year: int
    settings: rules.Thresholds
    rows: tuple[TableRow, ...]  # the GR row, then every municipality by name

    def counts(self, column: str) -> dict[str, int]:
        """Rows per status in ``column`` (the chart reads tables and matrices alike)."""
        index = rules.COLUMNS.index(column)
        counts = dict.fromkeys(rules.STATUSES, 0)
        for row in self.rows:
            counts[row.statuses[index]] += 1
        return counts


def _row_html(row: FrozenRow, short_labels: dict[str, str]) -> str:
    """One row of the table: the markup of compliance/includes/matrix_table.html (which the annual report renders),
    written here because 350 rows of six cells through the template language cost a tenth of a second."""
    url, label = escape(row.url), escape(row.label)
    parts = [
        f'<tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">'
        f'<a class="utrecht-link" href="{url}">{label}</a></th>'
    ]
    for column in rules.COLUMNS:
        cell, short = row.cells[column], short_labels[column]
        parts.append(
            f'<td class="utrecht-table__cell inspraak-matrix__cell" data-label="{short}">'
            f'<a class="utrecht-link inspraak-matrix__link" href="{url}#{column}">'
            f'<span class="utrecht-badge-status utrecht-badge-status--{cell.tone}">{escape(cell.label)}</span>'
            f'<span class="inspraak-visually-hidden">: {label}, {short}</span></a>'
        )
        if cell.short:
            parts.append(f' <span class="inspraak-matrix__summary">{escape(cell.short)}</span>')
        parts.append("</td>")
    parts.append("</tr>\n")
    return "".join(parts)


def _table(matrix: FrozenMatrix) -> MatrixTable:
    short_labels = {column: escape(rules.column_short_label(column)) for column in rules.COLUMNS}
    rows = tuple(
        TableRow(
            row.label,
            row.url,
            tuple(row.cells[column].status for column in rules.COLUMNS),
            _row_html(row, short_labels),
        )
        for row in matrix.rows
    )
    return MatrixTable(matrix.year, matrix.settings, rows)


def matrix_tables(region: Region, *, years: list[int], today: datetime.date, cache: RegionCache) -> list[MatrixTable]:
    """The table of each of ``years``, in that order, cached; the matrices not cached are computed together."""
    tables: dict[int, MatrixTable] = {}
    for year in years:
        value = cache.peek(f"art47:table:{year}")
        if value is not None:
            tables[year] = value
    missing = [year for year in years if year not in tables]
    for year, matrix in frozen_matrices(region, years=missing, today=today, cache=cache).items():
        tables[year] = _table(matrix)
        cache.put(f"art47:table:{year}", tables[year])
    return [tables[year] for year in years]


ANY = "alles"  # the filter on rows with "voldoet niet" in any column


def failing(value: str | None) -> str | None:
    """The ``?niet=`` filter: a column (rules.COLUMNS), ANY, or None (every row)."""
    return value if value == ANY or value in rules.COLUMNS else None


class SummaryLine(NamedTuple):
    label: str  # the column
    counts: list[tuple[str, str, int]]  # (status, its label, rows) in the order of rules.STATUSES
    failing: int  # rows that do not meet this column
    failing_url: str  # the table with only those rows


class TablePage(NamedTuple):
    page: object  # django.core.paginator.Page of TableRow
    html: str  # the rows of this page, safe to put in the template
    only: str | None  # the filter (see ``failing``)
    only_label: str  # the filtered column's name ("" for ANY)
    all_url: str
    attention_url: str  # only the rows with "voldoet niet" in any column
    total: int  # rows shown over all pages
    attention: int  # rows with "voldoet niet" somewhere
    ranges: list[tuple[int, str, str]]  # (page number, "first – last" names, url) of every page
    summary: list[SummaryLine]  # a line per column


def table_page(table: MatrixTable, *, page: str | None, only: str | None, base_url: str) -> TablePage:
    """One page of ``PAGE_SIZE`` rows of the table (the GR row first on the first page), optionally only the rows
    that do not meet one column or any column (``only``), with a link per page named after its first and last row,
    and the summary per column. No query."""
    if only == ANY:
        rows = [row for row in table.rows if row.attention]
    elif only is not None:
        index = rules.COLUMNS.index(only)
        rows = [row for row in table.rows if row.statuses[index] == rules.FAILS]
    else:
        rows = list(table.rows)
    paginator = Paginator(rows, PAGE_SIZE)
    current = paginator.get_page(page)
    query = f"{base_url}&niet={only}" if only else base_url
    ranges = []
    if paginator.num_pages > 1:
        for number in paginator.page_range:
            chunk = rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
            names = chunk[0].label if len(chunk) == 1 else f"{chunk[0].label} – {chunk[-1].label}"
            ranges.append((number, names, f"{query}&pagina={number}"))
    labels = [(status, rules.status_label(status)) for status in rules.STATUSES]
    summary = []
    for column in rules.COLUMNS:
        counts = table.counts(column)
        summary.append(
            SummaryLine(
                rules.column_label(column),
                [(status, label, counts[status]) for status, label in labels],
                counts[rules.FAILS],
                f"{base_url}&niet={column}#gemeenten",
            )
        )
    return TablePage(
        page=current,
        html=mark_safe("".join(row.html for row in current.object_list)),  # noqa: S308 escaped in _row_html
        only=only,
        only_label=rules.column_label(only) if only in rules.COLUMNS else "",
        all_url=f"{base_url}#gemeenten",
        attention_url=f"{base_url}&niet={ANY}#gemeenten",
        total=len(rows),
        attention=sum(1 for row in table.rows if row.attention),
        ranges=ranges,
        summary=summary,
    )


def summary_html(table: MatrixTable, page: TablePage, *, cache: RegionCache) -> str:
    """The summary of the matrix page ("In het kort": counts per column and status), rendered once per year."""

    def build() -> str:
        legend = [(status, rules.status_label(status)) for status in rules.STATUSES]
        context = {"matrix": table, "table": page, "legend": legend}
        return render_to_string("compliance/includes/matrix_summary.html", context)

    return mark_safe(cache.get(f"art47:summary:{table.year}", build))  # noqa: S308 rendered by the template engine


def table_and_chart(
    region: Region, *, year: int, chart_years: list[int], today: datetime.date, cache: RegionCache
) -> tuple[MatrixTable, str]:
    """The table of ``year`` and the chart of ``chart_years`` (compliance/includes/chart.html, rendered once for
    these years); the matrices not cached are computed together."""
    key = f"art47:chart:{'-'.join(map(str, chart_years))}"
    html = cache.peek(key)
    years = [year] if html is not None else sorted({year, *chart_years})
    tables = dict(zip(years, matrix_tables(region, years=years, today=today, cache=cache), strict=True))
    if html is None:
        html = render_to_string("compliance/includes/chart.html", {"chart": chart([tables[y] for y in chart_years])})
        cache.put(key, html)
    return tables[year], mark_safe(html)  # noqa: S308 rendered by the template engine


# ---------------------------------------------------------------- CSV

# The numbers of each column in the CSV, in a fixed order (the same for every row).
CSV_NUMBERS = {
    "verordening": ("aandachtspunten",),
    "a": ("besloten", "op_tijd", "te_laat", "niet_gevraagd", "reactie_te_laat"),
    "b": (
        "groepen",
        "groepen_met_regeling",
        "declaraties_ingediend",
        "declaraties_geteld",
        "declaraties_op_tijd",
        "declaraties_te_laat",
        "trainingen",
    ),
    "c": ("groepen", "groepen_genoeg", "gehouden", "gepland", "geannuleerd"),
    "d": ("ingediend", "geteld", "op_tijd", "te_laat", "te_lang_open", "nog_niet_geteld"),
    "e": ("geteld", "op_tijd", "te_laat"),
}


def _csv(matrix: FrozenMatrix) -> bytes:
    """One row per municipality (and the GR), UTF-8 with a BOM, for Excel."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=CSV_DELIMITER)
    header = [_("jaar"), _("gemeente of regio"), _("cbs-code")]
    for column in rules.COLUMNS:
        header += [f"{column} {_('status')}", f"{column} {_('toelichting')}"]
        header += [f"{column} {name.replace('_', ' ')}" for name in CSV_NUMBERS[column]]
        header += [f"{column} {_('opmerkingen')}"]
    writer.writerow(header)
    for row in matrix.rows:
        line = [matrix.year, row.label, row.municipality.cbs_code if row.municipality else ""]
        for column in rules.COLUMNS:
            cell = row.cells[column]
            line += [cell.label, cell.summary]
            line += [cell.numbers.get(name, "") for name in CSV_NUMBERS[column]]
            line += [" | ".join(cell.notes)]
        writer.writerow(safe_row(line))
    return out.getvalue().encode()


def matrix_csv(region: Region, *, year: int, today: datetime.date, cache: RegionCache) -> Kept:
    """The CSV of the matrix of ``year`` (and the same gzipped), cached."""
    return cache.get(
        f"art47:csv:{year}", lambda: Kept.of(_csv(frozen_matrix(region, year=year, today=today, cache=cache)))
    )
