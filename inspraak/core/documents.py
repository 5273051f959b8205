"""Uploaded documents: what kind a file is, judged by its content (never by its name), and a protected download.

``check_document`` sniffs an upload once (the form does it) and returns a ``CheckedDocument`` the service stores
without sniffing again; ``allowed`` narrows the kinds (the advice PDF accepts only ``PDF``). ``file_response``
sends a stored file to a person who may see it: a generated name, never cached by others (``private, no-store``),
a missing file a 404 and a storage that refuses a 503 (never a 500).

Imports nothing of the other inspraak apps.
"""

from __future__ import annotations

import io
import uuid
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control

from inspraak.core import files
from inspraak.core.views import file_unavailable

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # 10 MB

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
ALL_KINDS = (PDF, DOCX, ODT, TEXT)
# Photos (a receipt or ticket taken with a phone). Not in ALL_KINDS: only an upload that asks for them accepts them.
JPEG = DocumentKind("jpeg", "image/jpeg", "jpg", True)
PNG = DocumentKind("png", "image/png", "png", True)
IMAGE_KINDS = (JPEG, PNG)
KNOWN_KINDS = (*ALL_KINDS, *IMAGE_KINDS)
KINDS = {kind.content_type: kind for kind in KNOWN_KINDS}


def kind_for_content_type(content_type: str) -> DocumentKind | None:
    return KINDS.get(content_type)


def kind_for_name(name: str) -> DocumentKind | None:
    """The kind of a stored file by the extension of its generated name (it was checked on content when stored)."""
    extension = (name or "").rsplit(".", 1)[-1]
    return next((kind for kind in KNOWN_KINDS if kind.extension == extension), None)


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


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_START = b"\xff\xd8\xff"
# The marker after a JPEG's start: APPn (JFIF, Exif, ...), a quantisation or Huffman table, start of frame, comment.
_JPEG_MARKERS = frozenset(range(0xE0, 0xF0)) | {0xDB, 0xC4, 0xC0, 0xC2, 0xFE}


def _image_kind(data: bytes) -> DocumentKind | None:
    """PNG: the 8-byte signature followed by the IHDR chunk. JPEG: start of image, then a marker a real file starts
    with. Only the first bytes are judged: a browser never sniffs our response (``nosniff``), and the file is served
    with the type found here."""
    if data.startswith(_PNG_SIGNATURE) and data[12:16] == b"IHDR":
        return PNG
    if data.startswith(_JPEG_START) and len(data) > 3 and data[3] in _JPEG_MARKERS:
        return JPEG
    return None


def sniff_document(data: bytes) -> DocumentKind | None:
    """The kind of an uploaded document judged by its content, never by its name; None when it is not allowed.

    PDF: starts with ``%PDF-``. DOCX: a zip whose ``[Content_Types].xml`` declares a Word document. ODT: a zip
    whose ``mimetype`` entry says OpenDocument text. Plain text: valid UTF-8 without NUL bytes. Photos are not
    documents: ``sniff_upload`` recognises them too.
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


def sniff_upload(data: bytes) -> DocumentKind | None:
    """``sniff_document``, and a PNG or JPEG photo (``IMAGE_KINDS``) by its signature."""
    if not data:
        return None
    return _image_kind(data) or sniff_document(data)


@dataclass(frozen=True)
class CheckedDocument:
    """An upload whose content was checked once (by ``check_document``): its bytes with their kind.

    The form checks the upload and hands this to the service, which stores it without sniffing it again.
    """

    data: bytes
    kind: DocumentKind


def check_document(
    data: bytes | CheckedDocument, *, allowed: Collection[DocumentKind] = ALL_KINDS
) -> CheckedDocument | None:
    """The checked document for ``data`` (sniffed here unless it was checked already); None when its kind is not
    one of ``allowed``."""
    checked = data if isinstance(data, CheckedDocument) else None
    if checked is None:
        kind = sniff_upload(data) if set(allowed) & set(IMAGE_KINDS) else sniff_document(data)
        checked = None if kind is None else CheckedDocument(data=data, kind=kind)
    return checked if checked is not None and checked.kind in allowed else None


class DocumentRefused(Exception):
    """An upload that may not be stored; ``code``: "empty", "too_large" or "type" (a kind that is not allowed)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def check_upload(
    data: bytes | CheckedDocument, *, allowed: Collection[DocumentKind] = ALL_KINDS, max_bytes: int = MAX_DOCUMENT_BYTES
) -> CheckedDocument:
    """``check_document`` for a service: the checked document, or DocumentRefused saying why not."""
    raw = data.data if isinstance(data, CheckedDocument) else data
    if not raw:
        raise DocumentRefused("empty")
    if len(raw) > max_bytes:
        raise DocumentRefused("too_large")
    checked = check_document(data, allowed=allowed)
    if checked is None:
        raise DocumentRefused("type")
    return checked


def store(field_file, document: CheckedDocument) -> None:
    """Save a checked document on a model's file field under a generated name (never the uploaded one), without
    saving the model. files.StorageFailed when the storage refuses."""
    files.save(field_file, f"{uuid.uuid4().hex}.{document.kind.extension}", document.data)


def file_response(
    request, field_file, *, kind: DocumentKind, filename: str, inline: bool | None = None, private: bool = True
):
    """A stored file for a person who may see it, as ``filename`` (a generated name); never kept in a shared cache.

    ``inline`` (default: the kind's own) shows it in the browser instead of downloading it. ``private=False`` only
    for a file that is public anyway (the middleware still makes it private for a logged-in person). A missing file
    is a 404 and a storage that refuses a 503 page, never a 500."""
    try:
        handle = files.open_stored(field_file)
    except FileNotFoundError as exc:
        raise Http404 from exc
    except files.StorageFailed:
        return file_unavailable(request)
    response = FileResponse(
        handle,
        content_type=kind.content_type,
        as_attachment=not (kind.inline if inline is None else inline),
        filename=filename,
    )
    if private:
        patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response
