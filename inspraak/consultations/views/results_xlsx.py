"""A minimal XLSX (Office Open XML) writer for the results export: sheets of plain rows (text and numbers), the
first row bold. openpyxl is not among the installed packages, and the export needs no more than this: a zip of five
small XML parts per the ECMA-376 SpreadsheetML schema, strings written inline (no shared-string table)."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PKG = "http://schemas.openxmlformats.org/package/2006"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    _XML + f'<Types xmlns="{_PKG}/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = f'<Override PartName="/xl/worksheets/sheet{{n}}.xml" ContentType="{_TYPE}.worksheet+xml"/>'
_ROOT_RELS = (
    _XML + f'<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = _XML + f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>{{sheets}}</sheets></workbook>'
_WORKBOOK_RELS = (
    _XML + f'<Relationships xmlns="{_PKG}/relationships">{{rels}}'
    f'<Relationship Id="rIdStyles" Type="{_DOC}/styles" Target="styles.xml"/></Relationships>'
)
_FONT = '<sz val="11"/><name val="Calibri"/>'
_STYLES = (
    _XML + f'<styleSheet xmlns="{_MAIN}">'
    f'<fonts count="2"><font>{_FONT}</font><font><b/>{_FONT}</font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    "</styleSheet>"
)
_FORBIDDEN = {c: None for c in range(32) if c not in (9, 10, 13)}  # control characters XML 1.0 does not allow


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell(ref: str, value, style: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, (int, float, Decimal)):
        return f'<c r="{ref}"{style}><v>{value}</v></c>'
    text = escape(str(value).translate(_FORBIDDEN))[:32767]
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet(rows) -> str:
    lines = []
    for r, row in enumerate(rows, start=1):
        style = ' s="1"' if r == 1 else ""
        cells = "".join(_cell(f"{_column(c)}{r}", value, style) for c, value in enumerate(row))
        lines.append(f'<row r="{r}">{cells}</row>')
    return _XML + f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(lines)}</sheetData></worksheet>'


def _sheet_name(name: str, used: set) -> str:
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Blad"
    while clean in used:
        clean = clean[:28] + f"_{len(used)}"
    used.add(clean)
    return clean


def workbook(sheets: list[tuple[str, list[list]]]) -> bytes:
    """The XLSX bytes of ``sheets``: (name, rows) pairs."""
    buffer = io.BytesIO()
    used: set = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        n = len(sheets)
        archive.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.format(sheets="".join(_SHEET_TYPE.format(n=i) for i in range(1, n + 1))),
        )
        archive.writestr("_rels/.rels", _ROOT_RELS)
        entries = "".join(
            f'<sheet name="{escape(_sheet_name(name, used), {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _rows) in enumerate(sheets, start=1)
        )
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(sheets=entries))
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_DOC}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(rels=rels))
        archive.writestr("xl/styles.xml", _STYLES)
        for i, (_name, rows) in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", _sheet(rows))
    return buffer.getvalue()
