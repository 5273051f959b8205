"""The CSV format for reading many verordeningen at once (ADR 16). Pure: bytes and the region's municipalities and
bodies in, parsed rows or every error (line, column, plain Dutch) out. The service (services.import_bylaws_csv)
checks each row once more against the model and writes nothing unless every row is valid.

Format: one header line with the column names below (Dutch, lower case, in any order; only the required ones must be
there), then one line per text. Separated by semicolons (as Dutch Excel writes) or commas; UTF-8 with or without a
byte order mark (a file that is not UTF-8 is read as Windows-1252, as older Excel writes it). Dates as dd-mm-jjjj or
jjjj-mm-dd; yes/no as ja or nee (empty: nee).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from inspraak.bylaws.models import ELEMENTS, AdoptedBy, LegalBasis, TargetGroup
from inspraak.core.spreadsheet import CSV_DELIMITER

MAX_BYTES = 1024 * 1024
MAX_ROWS = 1000

# column -> model field (or a special name handled below)
TEXT_COLUMNS = {"titel": "title", "cvdr": "cvdr_id", "link": "official_url", "andere_groepen": "other_bodies"}
CHOICE_COLUMNS = {
    "vastgesteld_door": ("adopted_by", AdoptedBy),
    "grondslag": ("legal_basis", LegalBasis),
    "doelgroep": ("target_group", TargetGroup),
}
DATE_COLUMNS = {
    "vastgesteld_op": "adopted_on",
    "geldt_vanaf": "in_force_from",
    "geldt_tot": "in_force_until",
    "evaluatie": "evaluation_on",
}
NUMBER_COLUMNS = {
    "min_bijeenkomsten": "min_meetings_per_year",
    "adviestermijn_weken": "advice_period_weeks",
    "reactietermijn_weken": "response_period_weeks",
}
ELEMENT_COLUMNS = [c for letter in ELEMENTS for c in (letter, f"{letter}_artikel", f"{letter}_tekst")]
COLUMNS = [
    "gemeente",
    "titel",
    "vastgesteld_door",
    "vastgesteld_op",
    "geldt_vanaf",
    "geldt_tot",
    "grondslag",
    "cvdr",
    "link",
    "doelgroep",
    *ELEMENT_COLUMNS,
    "min_bijeenkomsten",
    "adviestermijn_weken",
    "reactietermijn_weken",
    "evaluatie",
    "groepen",
    "andere_groepen",
]
REQUIRED = ("gemeente", "titel", "vastgesteld_door", "vastgesteld_op", "geldt_vanaf", "grondslag", "doelgroep")
# The model field behind each column, so a model check can point at its column.
FIELD_COLUMNS = {
    **{f: c for c, f in TEXT_COLUMNS.items()},
    **{f: c for c, (f, _choices) in CHOICE_COLUMNS.items()},
    **{f: c for c, f in DATE_COLUMNS.items()},
    **{f: c for c, f in NUMBER_COLUMNS.items()},
    **{f"element_{x}": x for x in ELEMENTS},
    **{f"element_{x}_article": f"{x}_artikel" for x in ELEMENTS},
    **{f"element_{x}_quote": f"{x}_tekst" for x in ELEMENTS},
    "municipality": "gemeente",
}
YES = {"ja", "j", "yes", "y", "1", "waar", "x"}
NO = {"nee", "n", "no", "0", "onwaar", ""}


@dataclass(frozen=True)
class RowError:
    line: int  # line number in the file (the header is line 1)
    column: str  # column name, "" for the whole line or file
    message: str


@dataclass
class ParsedRow:
    line: int
    municipality: object  # a Municipality, or None for the GR itself
    fields: dict = field(default_factory=dict)
    bodies: list = field(default_factory=list)


@dataclass
class Parsed:
    rows: list[ParsedRow]
    errors: list[RowError]


def example_csv(*, cbs_code: str = "GM0363", body_slug: str = "clientenpanel") -> str:
    """The downloadable example: the header and two lines (a council text regulating a–e, a GR text). With the
    CBS code of one of the region's municipalities and the slug of one of its bodies it can be read in as it is."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    example = {
        "gemeente": cbs_code,
        "titel": "Verordening cliëntenparticipatie Participatiewet 2024",
        "vastgesteld_door": "gemeenteraad",
        "vastgesteld_op": "14-12-2023",
        "geldt_vanaf": "01-01-2024",
        "grondslag": "participatiewet",
        "cvdr": "CVDR700001",
        "link": "https://lokaleregelgeving.overheid.nl/CVDR700001",
        "doelgroep": "art_7_1_7a",
        **{letter: "ja" for letter in ELEMENTS},
        "a_artikel": "art. 3",
        "a_tekst": "De adviesraad adviseert gevraagd en ongevraagd.",
        "min_bijeenkomsten": "4",
        "adviestermijn_weken": "6",
        "reactietermijn_weken": "6",
        "evaluatie": "2028-01-01",
        "groepen": body_slug,
    }
    gr = {
        "gemeente": "",
        "titel": "Reglement cliëntenpanel",
        "vastgesteld_door": "algemeen_bestuur",
        "vastgesteld_op": "2022-03-01",
        "geldt_vanaf": "2022-04-01",
        "grondslag": "participatiewet",
        "doelgroep": "art_7_1",
        "c": "ja",
        "d": "ja",
        "e": "nee",
        "andere_groepen": "Werkgroep vervoer",
    }
    for row in (example, gr):
        writer.writerow([row.get(column, "") for column in COLUMNS])
    return out.getvalue()


def decode(data: bytes) -> str:
    """UTF-8 (a byte order mark is dropped); otherwise Windows-1252, as older versions of Excel write."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def delimiter(text: str) -> str:
    """Semicolon or comma: whichever the header line has more of."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") >= header.count(",") else ","


_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(value: str) -> datetime.date | None:
    """dd-mm-jjjj (also with / or .) or jjjj-mm-dd; ValueError when it is neither or no real day."""
    value = value.strip()
    if not value:
        return None
    if match := _DMY.match(value):
        day, month, year = (int(g) for g in match.groups())
    elif match := _YMD.match(value):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError(value)
    return datetime.date(year, month, day)


def _choice(value: str, choices) -> str | None:
    wanted = value.strip().lower().replace(" ", "_")
    for choice_value, label in choices.choices:
        if wanted in (choice_value, str(label).lower().replace(" ", "_")):
            return choice_value
    return None


def parse(
    data: bytes,
    *,
    municipalities: Iterable,
    bodies: Iterable,
    may_record=lambda municipality: True,
    earliest: datetime.date | None = None,
    latest: datetime.date | None = None,
) -> Parsed:
    """Every row of the file, or every error. ``municipalities``/``bodies``: those of the region (a row names a
    municipality by CBS code or name, empty for the GR; bodies by their link name (slug), separated by ``;``).
    ``may_record(municipality)``: whether the person may record a text for it. ``earliest``/``latest``: the range of
    sensible dates."""
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
    unknown = [h for h in header if h and h not in COLUMNS]
    for name in unknown:
        errors.append(RowError(1, name, _("Deze kolom kennen we niet. Gebruik de namen uit het voorbeeldbestand.")))
    for name in REQUIRED:
        if name not in header:
            errors.append(RowError(1, name, _("Deze kolom ontbreekt. Zet hem in de eerste regel.")))
    doubles = sorted({h for h in header if h and header.count(h) > 1})
    for name in doubles:
        errors.append(RowError(1, name, _("Deze kolom staat er twee keer in.")))
    if errors:
        return Parsed([], errors)

    by_key = {}
    for municipality in municipalities:
        by_key[municipality.cbs_code.lower()] = municipality
        by_key[municipality.name.lower()] = municipality
    bodies_by_slug = {body.slug: body for body in bodies}
    rows: list[ParsedRow] = []
    line = 1
    try:
        for record in reader:
            start = line + 1
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) >= MAX_ROWS:
                errors.append(RowError(start, "", _("Er staan te veel regels in het bestand: hoogstens 1000.")))
                break
            if len(record) > len(header):
                errors.append(
                    RowError(start, "", _("Deze regel heeft meer vakjes dan de eerste regel. Staat er een ; te veel?"))
                )
                continue
            values = dict(zip(header, (cell.strip() for cell in record), strict=False))
            row, row_errors = _row(start, values, by_key, bodies_by_slug, may_record, earliest, latest)
            errors.extend(row_errors)
            if not row_errors:
                rows.append(row)
    except csv.Error:
        errors.append(
            RowError(line + 1, "", _("Deze regel kunnen we niet lezen. Staat er een aanhalingsteken te veel?"))
        )
    if not rows and not errors:
        errors.append(RowError(2, "", _("Er staat geen verordening in het bestand: alleen de eerste regel.")))
    return Parsed(rows if not errors else [], errors)


def _row(line, values, by_key, bodies_by_slug, may_record, earliest, latest) -> tuple[ParsedRow, list[RowError]]:
    errors: list[RowError] = []

    def error(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    row = ParsedRow(line=line, municipality=None)
    key = (
        values.get("gemeente", "").lower().replace(" ", "")
        if re.match(r"^\s*gm\s*\d", values.get("gemeente", ""), re.I)
        else values.get("gemeente", "").lower()
    )
    if key:
        municipality = by_key.get(key)
        if municipality is None:
            error("gemeente", _("Deze gemeente hoort niet bij de regio. Gebruik de CBS-code (GM0363) of de naam."))
        else:
            row.municipality = municipality
    if not errors and not may_record(row.municipality):
        error("gemeente", _("U mag voor deze gemeente geen verordening vastleggen."))

    fields = row.fields
    for column, name in TEXT_COLUMNS.items():
        fields[name] = values.get(column, "")
    if not fields["title"]:
        error("titel", _("Vul de titel van de verordening in."))
    fields["cvdr_id"] = fields["cvdr_id"].upper().replace(" ", "")
    fields["other_bodies"] = "\n".join(part.strip() for part in fields["other_bodies"].split(";") if part.strip())
    for column, (name, choices) in CHOICE_COLUMNS.items():
        raw = values.get(column, "")
        value = _choice(raw, choices) if raw else None
        if value is None:
            allowed = ", ".join(value for value, _label in choices.choices)
            if raw:
                error(
                    column, _("“%(value)s” kan hier niet. Kies uit: %(allowed)s.") % {"value": raw, "allowed": allowed}
                )
            else:
                error(column, _("Vul dit in. Kies uit: %(allowed)s.") % {"allowed": allowed})
        fields[name] = value or ""
    for column, name in DATE_COLUMNS.items():
        raw = values.get(column, "")
        try:
            day = parse_date(raw)
        except ValueError:
            error(
                column, _("“%(value)s” is geen datum. Schrijf de datum als 31-12-2024 of 2024-12-31.") % {"value": raw}
            )
            day = None
        else:
            if day is not None and earliest and latest and not earliest <= day <= latest:
                error(
                    column,
                    _("Kies een datum tussen %(earliest)s en %(latest)s.")
                    % {
                        "earliest": f"{earliest.day}-{earliest.month}-{earliest.year}",
                        "latest": f"{latest.day}-{latest.month}-{latest.year}",
                    },
                )
        fields[name] = day
    for column in ("vastgesteld_op", "geldt_vanaf"):
        if not values.get(column) and fields[DATE_COLUMNS[column]] is None:
            error(column, _("Vul een datum in, bijvoorbeeld 1-1-2024."))
    for column, name in NUMBER_COLUMNS.items():
        raw = values.get(column, "")
        if not raw:
            fields[name] = None
        elif raw.isascii() and raw.isdigit() and len(raw) < 4:
            fields[name] = int(raw)
        else:
            error(column, _("“%(value)s” is geen heel getal. Schrijf bijvoorbeeld 4.") % {"value": raw})
            fields[name] = None
    for letter in ELEMENTS:
        raw = values.get(letter, "").lower()
        if raw in YES:
            fields[f"element_{letter}"] = True
        elif raw in NO:
            fields[f"element_{letter}"] = False
        else:
            error(letter, _("Schrijf ja of nee."))
        fields[f"element_{letter}_article"] = values.get(f"{letter}_artikel", "")
        fields[f"element_{letter}_quote"] = values.get(f"{letter}_tekst", "")
    in_force_from, in_force_until = fields["in_force_from"], fields["in_force_until"]
    if in_force_from and in_force_until and in_force_until < in_force_from:
        error("geldt_tot", _("Deze datum ligt vóór de datum bij geldt_vanaf."))
    for slug in (part.strip() for part in values.get("groepen", "").split(";")):
        if not slug:
            continue
        body = bodies_by_slug.get(slug)
        if body is None:
            error("groepen", _("De groep “%(slug)s” kennen we niet in deze regio.") % {"slug": slug})
        elif body not in row.bodies:
            row.bodies.append(body)
    return row, errors
