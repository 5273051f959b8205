"""CSV files for spreadsheet programs (Excel with Dutch settings): the byte-order mark, the delimiter, and cells that
can never run as a formula."""

from __future__ import annotations

BOM = "\ufeff"  # Excel reads UTF-8 only with it
CSV_DELIMITER = ";"  # what Excel with Dutch settings expects


def safe_cell(value) -> object:
    """Spreadsheet programs run a cell that starts with = + - @ as a formula: make such text plain text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
