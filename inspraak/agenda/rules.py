"""Pure rules of the agenda (no ORM): what kind of file a document is, judged by its content, and reminders."""

from __future__ import annotations

import datetime
import io
import zipfile
import zlib
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


# A zip-based document is judged by one small entry. These caps keep a crafted archive (a "zip bomb": a few KB
# that inflate to GBs) from costing more than a little memory: nothing is inflated beyond ZIP_ENTRY_MAX_BYTES.
ZIP_ENTRY_MAX_BYTES = 256 * 1024  # a real [Content_Types].xml is a few KB; ``mimetype`` is 39 bytes
ZIP_MAX_ENTRIES = 5000  # a Word document with many images has a few hundred
ZIP_DIRECTORY_MAX_BYTES = 1024 * 1024  # the central directory, read by zipfile before anything else
_ZIP_END = b"PK\x05\x06"
_ZIP_END_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20


def _zip_directory_is_small(data: bytes) -> bool:
    """The end record's entry count and directory size are within the caps (checked before zipfile reads them).

    zipfile builds a ZipInfo for every directory entry, so 10 MB of tiny entries would cost about 100 MB.
    ZIP64 archives (counts of 0xFFFF) are refused: a document never needs one.
    """
    end = data.rfind(_ZIP_END, max(0, len(data) - _ZIP_END_SIZE - 0xFFFF))
    if end < 0 or end + _ZIP_END_SIZE > len(data):
        return False
    if end >= _ZIP64_LOCATOR_SIZE and data[end - _ZIP64_LOCATOR_SIZE : end].startswith(_ZIP64_LOCATOR):
        return False  # zipfile would take the counts from the ZIP64 record instead
    entries = int.from_bytes(data[end + 10 : end + 12], "little")
    directory_size = int.from_bytes(data[end + 12 : end + 16], "little")
    return entries <= ZIP_MAX_ENTRIES and directory_size <= ZIP_DIRECTORY_MAX_BYTES


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """At most ZIP_ENTRY_MAX_BYTES of one entry, or None when it is missing, too large or oddly compressed.

    The declared size is checked first; the read is bounded too, and zipfile never returns more than the
    declared size, so an entry that lies about its size cannot inflate further. Only stored and deflated
    entries are read: bzip2 and LZMA would decompress a whole compressed chunk at once.
    """
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > ZIP_ENTRY_MAX_BYTES or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    with archive.open(info) as entry:
        content = entry.read(ZIP_ENTRY_MAX_BYTES + 1)
    return content if len(content) <= ZIP_ENTRY_MAX_BYTES else None


def _zip_kind(data: bytes) -> DocumentKind | None:
    if not _zip_directory_is_small(data):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if len(archive.infolist()) > ZIP_MAX_ENTRIES:
                return None
            mimetype = _read_entry(archive, "mimetype")
            if mimetype is not None and mimetype.strip() == ODT_MIMETYPE:
                return ODT
            content_types = _read_entry(archive, "[Content_Types].xml")
            if content_types is not None and DOCX_MAIN in content_types:
                return DOCX
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        KeyError,
        OSError,
        RuntimeError,
        ValueError,
        EOFError,
        zlib.error,
    ):
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


@dataclass(frozen=True)
class CheckedDocument:
    """An upload whose content was checked once (by ``check_document``): its bytes with their kind.

    The form checks the upload and hands this to the service, which stores it without sniffing it again.
    """

    data: bytes
    kind: DocumentKind


def check_document(data: bytes | CheckedDocument) -> CheckedDocument | None:
    """The checked document for ``data`` (sniffed here unless it was checked already); None when not allowed."""
    if isinstance(data, CheckedDocument):
        return data
    kind = sniff_document(data)
    return None if kind is None else CheckedDocument(data=data, kind=kind)


def reminder_due(*, meeting_on: datetime.date, today: datetime.date, days_before: int = REMINDER_DAYS_BEFORE) -> bool:
    """A reminder goes out from ``days_before`` days before the meeting day until the day itself."""
    return today <= meeting_on <= today + datetime.timedelta(days=days_before)
