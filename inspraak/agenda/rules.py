"""Pure rules of the agenda (no ORM): what kind of file a document is, judged by its content, and reminders."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # 10 MB
REMINDER_DAYS_BEFORE = 2

DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class DocumentKind:
    key: str
    content_type: str
    extension: str
    # Shown in the browser (PDF, text) or always downloaded (word processor files).
    inline: bool


PDF = DocumentKind("pdf", "application/pdf", "pdf", True)
DOCX = DocumentKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", False)
ODT = DocumentKind("odt", "application/vnd.oasis.opendocument.text", "odt", False)
TEXT = DocumentKind("txt", "text/plain; charset=utf-8", "txt", True)
KINDS = {kind.content_type: kind for kind in (PDF, DOCX, ODT, TEXT)}


def kind_for_content_type(content_type: str) -> DocumentKind | None:
    return KINDS.get(content_type)


def _zip_kind(data: bytes) -> DocumentKind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return ODT
            if "[Content_Types].xml" in names and DOCX_MAIN in archive.read("[Content_Types].xml"):
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    return None


def sniff_document(data: bytes) -> DocumentKind | None:
    """The kind of an uploaded document judged by its content, never by its name; None when it is not allowed.

    PDF: starts with ``%PDF-``. DOCX: a zip whose ``[Content_Types].xml`` declares a Word document. ODT: a zip
    whose ``mimetype`` entry says OpenDocument text. Plain text: valid UTF-8 without NUL bytes.
    """
    if not data:
        return None
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return TEXT


def reminder_due(*, meeting_on: datetime.date, today: datetime.date, days_before: int = REMINDER_DAYS_BEFORE) -> bool:
    """A reminder goes out from ``days_before`` days before the meeting day until the day itself."""
    return today <= meeting_on <= today + datetime.timedelta(days=days_before)
