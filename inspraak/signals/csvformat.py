"""The CSV format for reading many figures at once (ADR 29). Pure: bytes and the region's municipalities and themes
in, parsed rows or every error (line, column, plain Dutch) out. Reading the file (semicolons or commas, UTF-8 with or
without a byte order mark, else Windows-1252) is the verordening register's (bylaws.csvformat).

Format: one header line with the column names below (lower case, any order), then one line per figure:

- gemeente: CBS code (GM0363) or name; jaar: 2026; kwartaal: 1–4 (also "K3" or "Q3");
- soort: kto, klachten or bezwaren;
- thema: the short name or the name of a theme (required for kto and klachten; empty for bezwaren: all themes);
- aantal: complaints or objections; for kto the number of respondents;
- cijfer: the KTO score 1,0–10,0 (comma or point);
- gegrond, ongegrond, ingetrokken: the outcomes of objections (optional);
- bron: a short note where the numbers come from (optional, at most 100 characters).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from inspraak.bylaws.csvformat import MAX_BYTES, RowError, decode, delimiter
from inspraak.core.spreadsheet import CSV_DELIMITER
from inspraak.signals import rules

__all__ = ["COLUMNS", "MAX_BYTES", "REQUIRED", "Parsed", "ParsedRow", "RowError", "example_csv", "parse"]

MAX_ROWS = 5000
COLUMNS = [
    "gemeente",
    "jaar",
    "kwartaal",
    "soort",
    "thema",
    "aantal",
    "cijfer",
    "gegrond",
    "ongegrond",
    "ingetrokken",
    "bron",
]
REQUIRED = ("gemeente", "jaar", "kwartaal", "soort")
KIND_WORDS = {
    "kto": rules.KTO,
    "klanttevredenheid": rules.KTO,
    "klachten": rules.COMPLAINTS,
    "klacht": rules.COMPLAINTS,
    "bezwaren": rules.OBJECTIONS,
    "bezwaar": rules.OBJECTIONS,
}
OUTCOMES = {"gegrond": "upheld", "ongegrond": "rejected", "ingetrokken": "withdrawn"}
MAX_COUNT = 1_000_000


@dataclass
class ParsedRow:
    line: int
    municipality: object
    quarter: rules.Quarter
    kind: str
    theme: object  # a SignalTheme, or None (objections for all themes)
    count: int | None = None
    score: Decimal | None = None
    upheld: int | None = None
    rejected: int | None = None
    withdrawn: int | None = None
    source: str = ""

    @property
    def key(self) -> tuple:
        return (self.municipality.pk, self.quarter, self.kind, getattr(self.theme, "pk", None))


@dataclass
class Parsed:
    rows: list[ParsedRow]
    errors: list[RowError]


def example_csv(*, cbs_code: str = "GM0363", quarter: rules.Quarter | None = None) -> str:
    """The downloadable example: a quarter of one municipality (KTO, complaints and objections). With the CBS code
    of one of the region's municipalities it can be read in as it is."""
    quarter = quarter or rules.Quarter(2026, 3)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    common = [cbs_code, quarter.year, quarter.quarter]
    note = "KTO en klachtregistratie"
    writer.writerow([*common, "kto", "brieven", 112, "6,4", "", "", "", note])
    writer.writerow([*common, "kto", "bejegening", 112, "7,1", "", "", "", note])
    writer.writerow([*common, "klachten", "brieven", 18, "", "", "", "", note])
    writer.writerow([*common, "klachten", "bereikbaarheid", 7, "", "", "", "", note])
    writer.writerow([*common, "bezwaren", "", 23, "", 4, 15, 4, "Bezwaarregistratie"])
    return out.getvalue()


_QUARTER = re.compile(r"^[kq]?\s*([1-4])$", re.I)


def _int(raw: str) -> int | None:
    raw = raw.strip().replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", raw.strip()) else raw.strip()
    if raw.isascii() and raw.isdigit() and int(raw) <= MAX_COUNT:
        return int(raw)
    raise ValueError(raw)


def parse(
    data: bytes,
    *,
    municipalities: Iterable,
    themes: Iterable,
    may_enter: Callable[[object], bool] = lambda municipality: True,
    today: datetime.date,
) -> Parsed:
    """Every row of the file, or every error. ``municipalities``/``themes``: those of the region;
    ``may_enter(municipality)``: whether the person may enter figures for it; ``today``: no quarter after it."""
    if not data.strip():
        return Parsed([], [RowError(0, "", _("Het bestand is leeg."))])
    if len(data) > MAX_BYTES:
        return Parsed([], [RowError(0, "", _("Het bestand is te groot. Het mag hoogstens 1 MB zijn."))])
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error):
        return Parsed([], [RowError(1, "", _("De eerste regel moet de namen van de kolommen bevatten."))])
    errors: list[RowError] = []
    for name in (h for h in header if h and h not in COLUMNS):
        errors.append(RowError(1, name, _("Deze kolom kennen we niet. Gebruik de namen uit het voorbeeldbestand.")))
    for name in REQUIRED:
        if name not in header:
            errors.append(RowError(1, name, _("Deze kolom ontbreekt. Zet hem in de eerste regel.")))
    for name in sorted({h for h in header if h and header.count(h) > 1}):
        errors.append(RowError(1, name, _("Deze kolom staat er twee keer in.")))
    if errors:
        return Parsed([], errors)

    by_key = {}
    for municipality in municipalities:
        by_key[municipality.cbs_code.lower()] = municipality
        by_key[municipality.name.lower()] = municipality
    theme_by_key = {}
    for theme in themes:
        theme_by_key[theme.key.lower()] = theme
        theme_by_key[theme.label.lower()] = theme
    rows: list[ParsedRow] = []
    seen: dict[tuple, int] = {}
    line = 1
    try:
        for record in reader:
            start = line + 1
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) >= MAX_ROWS:
                errors.append(RowError(start, "", _("Er staan te veel regels in het bestand: hoogstens 5000.")))
                break
            if len(record) > len(header):
                errors.append(
                    RowError(start, "", _("Deze regel heeft meer vakjes dan de eerste regel. Staat er een ; te veel?"))
                )
                continue
            values = dict(zip(header, (cell.strip() for cell in record), strict=False))
            row, row_errors = _row(start, values, by_key, theme_by_key, may_enter, today)
            if row is not None and not row_errors:
                if row.key in seen:
                    row_errors.append(
                        RowError(
                            start,
                            "thema",
                            _("Dit cijfer staat al op regel %(line)s (zelfde gemeente, kwartaal, soort en thema).")
                            % {"line": seen[row.key]},
                        )
                    )
                else:
                    seen[row.key] = start
            errors.extend(row_errors)
            if not row_errors:
                rows.append(row)
    except csv.Error:
        errors.append(
            RowError(line + 1, "", _("Deze regel kunnen we niet lezen. Staat er een aanhalingsteken te veel?"))
        )
    if not rows and not errors:
        errors.append(RowError(2, "", _("Er staat geen cijfer in het bestand: alleen de eerste regel.")))
    return Parsed(rows if not errors else [], errors)


def _row(line, values, by_key, theme_by_key, may_enter, today) -> tuple[ParsedRow | None, list[RowError]]:
    errors: list[RowError] = []

    def error(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    raw = values.get("gemeente", "")
    key = raw.lower().replace(" ", "") if re.match(r"^\s*gm\s*\d", raw, re.I) else raw.lower()
    municipality = by_key.get(key) if key else None
    if not key:
        error("gemeente", _("Vul de gemeente in: de CBS-code (GM0363) of de naam."))
    elif municipality is None:
        error("gemeente", _("Deze gemeente hoort niet bij de regio. Gebruik de CBS-code (GM0363) of de naam."))
    elif not may_enter(municipality):
        error("gemeente", _("U mag voor deze gemeente geen cijfers invoeren."))

    year = None
    raw = values.get("jaar", "")
    if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= today.year:
        year = int(raw)
    else:
        error(
            "jaar",
            _("“%(value)s” is geen goed jaar. Schrijf bijvoorbeeld %(year)s.") % {"value": raw, "year": today.year},
        )
    quarter_number = None
    raw = values.get("kwartaal", "")
    if match := _QUARTER.match(raw.strip()):
        quarter_number = int(match.group(1))
    else:
        error("kwartaal", _("“%(value)s” is geen kwartaal. Schrijf 1, 2, 3 of 4.") % {"value": raw})
    quarter = rules.Quarter(year, quarter_number) if year and quarter_number else None
    if quarter is not None and rules.is_future(quarter, today):
        error("kwartaal", _("Dit kwartaal is nog niet begonnen."))

    raw = values.get("soort", "")
    kind = KIND_WORDS.get(raw.lower())
    if kind is None:
        error("soort", _("“%(value)s” kan hier niet. Kies uit: kto, klachten, bezwaren.") % {"value": raw})

    raw = values.get("thema", "")
    theme = theme_by_key.get(raw.lower()) if raw else None
    if raw and theme is None:
        allowed = ", ".join(sorted({t.key for t in theme_by_key.values()}))
        error(
            "thema",
            _("Het thema “%(value)s” kennen we niet. Kies uit: %(allowed)s.") % {"value": raw, "allowed": allowed},
        )
    elif not raw and kind in (rules.KTO, rules.COMPLAINTS):
        error("thema", _("Vul het thema in. Alleen bij bezwaren mag het leeg blijven."))

    numbers: dict[str, int | None] = {}
    for column in ("aantal", *OUTCOMES):
        raw = values.get(column, "")
        if not raw:
            numbers[column] = None
            continue
        try:
            numbers[column] = _int(raw)
        except ValueError:
            error(column, _("“%(value)s” is geen aantal. Schrijf een heel getal, bijvoorbeeld 12.") % {"value": raw})
            numbers[column] = None
    score = None
    raw = values.get("cijfer", "")
    if raw:
        try:
            score = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            score = None
        if score is None or not score.is_finite() or not rules.valid_score(score):
            error(
                "cijfer",
                _("“%(value)s” is geen goed cijfer. Schrijf een cijfer van 1 tot 10, bijvoorbeeld 6,5.")
                % {"value": raw},
            )
            score = None
    if kind == rules.KTO:
        if not raw:
            error("cijfer", _("Vul het cijfer in, bijvoorbeeld 6,5."))
        if numbers["aantal"] is None and not values.get("aantal"):
            error("aantal", _("Vul in hoeveel mensen de vragen beantwoordden."))
        elif numbers["aantal"] == 0:
            error("aantal", _("Bij een cijfer hoort minstens 1 antwoord."))
    elif kind is not None:
        if raw:
            error("cijfer", _("Een cijfer hoort alleen bij kto. Laat dit vakje leeg."))
        if numbers["aantal"] is None and not values.get("aantal"):
            error("aantal", _("Vul het aantal in, bijvoorbeeld 12."))
    if kind != rules.OBJECTIONS and kind is not None:
        for column in OUTCOMES:
            if values.get(column):
                error(column, _("Dit hoort alleen bij bezwaren. Laat dit vakje leeg."))
    if kind == rules.OBJECTIONS and rules.outcome_problem(
        numbers["aantal"], numbers["gegrond"], numbers["ongegrond"], numbers["ingetrokken"]
    ):
        error("gegrond", _("Gegrond, ongegrond en ingetrokken samen zijn meer dan het aantal bezwaren."))
    source = values.get("bron", "")
    if len(source) > 100:
        error("bron", _("De bron is te lang: hoogstens 100 tekens."))
    if errors:
        return None, errors
    return (
        ParsedRow(
            line=line,
            municipality=municipality,
            quarter=quarter,
            kind=kind,
            theme=theme,
            count=numbers["aantal"],
            score=score,
            upheld=numbers["gegrond"] if kind == rules.OBJECTIONS else None,
            rejected=numbers["ongegrond"] if kind == rules.OBJECTIONS else None,
            withdrawn=numbers["ingetrokken"] if kind == rules.OBJECTIONS else None,
            source=source,
        ),
        [],
    )
