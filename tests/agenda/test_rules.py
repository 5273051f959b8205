"""What kind of file a document is, judged only by its content; when a reminder is due."""

from __future__ import annotations

import datetime
import io
import zipfile

from inspraak.agenda import rules
from inspraak.core import documents
from tests.agenda.data import TINY_PDF, docx_bytes, odt_bytes

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 40


def test_allowed_kinds_by_content():
    assert documents.sniff_document(TINY_PDF) is documents.PDF
    assert documents.sniff_document(docx_bytes()) is documents.DOCX
    assert documents.sniff_document(odt_bytes()) is documents.ODT
    assert documents.sniff_document("Gewone tekst met een ë.\n".encode()) is documents.TEXT


def test_refused_kinds():
    assert documents.sniff_document(PNG) is None
    assert documents.sniff_document(EXE) is None  # a renamed .exe: NUL bytes, not text
    assert documents.sniff_document(b"") is None
    assert documents.sniff_document("café".encode("latin-1")) is None  # not UTF-8
    assert documents.sniff_document(b"tekst\x00met nul") is None


def test_a_zip_that_is_not_a_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", "MZ")
    assert documents.sniff_document(buffer.getvalue()) is None
    assert documents.sniff_document(b"PK\x03\x04 broken zip") is None


def test_a_spreadsheet_zip_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert documents.sniff_document(buffer.getvalue()) is None


def test_reminder_due_from_two_days_before():
    day = datetime.date(2027, 3, 12)
    assert rules.reminder_due(meeting_on=day, today=datetime.date(2027, 3, 10))
    assert rules.reminder_due(meeting_on=day, today=day)
    assert not rules.reminder_due(meeting_on=day, today=datetime.date(2027, 3, 9))
    assert not rules.reminder_due(meeting_on=day, today=datetime.date(2027, 3, 13))
