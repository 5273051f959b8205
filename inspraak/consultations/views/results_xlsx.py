"""The XLSX workbook of the results export, written with openpyxl in write-only mode: sheets of plain rows (text and
numbers), the first row bold."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# Excel refuses these in a sheet name, and allows at most 31 characters.
_NOT_IN_NAME = str.maketrans({c: " " for c in "[]:*?/\\"})
_BOLD = Font(bold=True)


def _sheet_name(name: str, used: set) -> str:
    base = (str(name).translate(_NOT_IN_NAME).strip() or "Blad")[:31]
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def workbook(sheets: list[tuple[str, list[list]]]) -> bytes:
    """The XLSX bytes of ``sheets``: (name, rows) pairs."""
    book = Workbook(write_only=True)
    used: set = set()
    for name, rows in sheets:
        sheet = book.create_sheet(_sheet_name(name, used))
        for index, row in enumerate(rows):
            if index == 0:
                cells = []
                for value in row:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.font = _BOLD
                    cells.append(cell)
                sheet.append(cells)
            else:
                sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
