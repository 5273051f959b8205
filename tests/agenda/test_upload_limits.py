"""Uploads cost little memory whatever they contain: zip entries are read with a cap (no zip bomb), every upload
is checked once, and one post of the advice-request form holds at most 10 files and 25 MB."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspraak.advice.models import RequestDocument
from inspraak.agenda.models import MeetingDocument
from inspraak.core import documents as document_rules
from tests.agenda.data import agenda, docx_bytes, odt_bytes
from tests.policy.data import TINY_PDF, policy
from tests.quality.spy import count_calls

MB = 1024 * 1024


def _zip_bomb(megabytes: int = 50) -> bytes:
    """A DOCX look-alike whose ``[Content_Types].xml`` is ``megabytes`` MB of spaces and then the Word marker."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("[Content_Types].xml", "w") as entry,
    ):
        chunk = b" " * MB
        for _ in range(megabytes):
            entry.write(chunk)
        entry.write(document_rules.DOCX_MAIN)
    return buffer.getvalue()


def _peak_bytes(function, *args) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = function(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_zip_bomb_is_refused_without_inflating_it():
    bomb = _zip_bomb()
    assert len(bomb) < 1 * MB  # 50 MB of spaces compresses to about 50 KB
    kind, peak = _peak_bytes(document_rules.sniff_document, bomb)
    assert kind is None
    assert peak < 2 * MB, f"sniffing a {len(bomb)} byte upload used {peak} bytes"


def test_a_zip_entry_is_read_with_a_cap_even_when_its_size_looks_small(monkeypatch):
    # Pretend the cap is tiny, so a real document's marker entry is "too large": it is refused, not read whole.
    monkeypatch.setattr(document_rules, "ZIP_ENTRY_MAX_BYTES", 64)
    assert document_rules.sniff_document(docx_bytes()) is None
    assert document_rules.sniff_document(odt_bytes()) is document_rules.ODT  # ``mimetype`` is 39 bytes


def test_a_zip_with_absurdly_many_entries_is_refused_before_they_are_listed():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        for n in range(document_rules.ZIP_MAX_ENTRIES + 1):
            archive.writestr(f"{n}", b"")
    assert document_rules.sniff_document(buffer.getvalue()) is None


def test_a_marker_entry_compressed_with_bzip2_is_refused():
    # bzip2 and LZMA inflate a whole compressed chunk at once, so the bounded read would not bound memory.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_BZIP2)
    assert document_rules.sniff_document(buffer.getvalue()) is None


def test_a_broken_deflate_stream_is_refused_not_an_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", document_rules.DOCX_MAIN * 20)
        info = archive.getinfo("[Content_Types].xml")
    data = bytearray(buffer.getvalue())
    start = info.header_offset + 30 + len(info.filename)  # the compressed bytes follow the local header
    data[start : start + 8] = b"\xff" * 8
    assert document_rules.sniff_document(bytes(data)) is None


def _spy_on_sniffing(monkeypatch) -> list[tuple]:
    return count_calls(monkeypatch, document_rules, "sniff_document")


def _post_agenda_document(client, world, content: bytes, monkeypatch):
    data = agenda(world)
    client.force_login(world.user("secretary"))
    calls = _spy_on_sniffing(monkeypatch)
    url = reverse(
        "agenda:document_new",
        kwargs={"region": world.region.slug, "body": world.body.slug, "meeting": data.planned.pk, "pk": data.second.pk},
    )
    fields = {"title": "Stuk", "summary": "Kort.", "for_members": "on", "file": SimpleUploadedFile("a.docx", content)}
    return client.post(url, fields), MeetingDocument.objects.filter(item=data.second), calls


@pytest.mark.django_db
def test_an_agenda_upload_is_checked_once(client, world, monkeypatch):
    response, documents, calls = _post_agenda_document(client, world, docx_bytes(), monkeypatch)
    assert response.status_code == 302
    assert documents.get().content_type == document_rules.DOCX.content_type
    assert len(calls) == 1


@pytest.mark.django_db
def test_a_zip_bomb_upload_gets_a_clear_message(client, world, monkeypatch):
    response, documents, _ = _post_agenda_document(client, world, _zip_bomb(20), monkeypatch)
    assert response.status_code == 200 and "Dit soort bestand kan niet." in response.content.decode()
    assert not documents.exists()


def _post_request(client, world, documents, monkeypatch):
    """Post the advice-request form with ``documents``; returns the response and the sizes that were sniffed."""
    data = policy(world)
    client.force_login(world.user("officer_municipality"))
    calls = _spy_on_sniffing(monkeypatch)
    fields = {
        "bodies": [world.municipal_body.pk],
        "questions": "Wat vindt u ervan?",
        "requested_on": timezone.localdate().isoformat(),
        "deadline": "",
        "documents": documents,
        "documents_title": "Beleidsregels",
    }
    return client.post(reverse("advice:request_new", args=[world.region.slug, data.proposal.pk]), fields), calls


def _error_near(response, field: str, text: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error">{text}' in html, f"no message {text!r} next to {field}"
    assert "Wat vindt u ervan?" in html  # the typed text is kept


@pytest.mark.django_db
def test_an_advice_request_takes_at_most_ten_files_in_one_post(client, world, monkeypatch):
    files = [SimpleUploadedFile(f"stuk{n}.pdf", TINY_PDF) for n in range(11)]
    response, calls = _post_request(client, world, files, monkeypatch)
    _error_near(response, "documents", "Kies hoogstens 10 bestanden tegelijk.")
    assert calls == []  # refused before any file is read
    assert not RequestDocument.objects.filter(request__body=world.municipal_body).exists()


@pytest.mark.django_db
def test_an_advice_request_takes_at_most_25_mb_in_one_post(client, world, monkeypatch):
    files = [SimpleUploadedFile(f"stuk{n}.txt", b"a" * (9 * MB)) for n in range(3)]
    response, calls = _post_request(client, world, files, monkeypatch)
    _error_near(response, "documents", "Deze bestanden zijn samen te groot. Samen mogen ze hoogstens 25 MB zijn.")
    assert calls == []
    assert not RequestDocument.objects.filter(request__body=world.municipal_body).exists()


@pytest.mark.django_db
def test_advice_request_documents_are_checked_once(client, world, monkeypatch):
    files = [SimpleUploadedFile("a.pdf", TINY_PDF), SimpleUploadedFile("b.odt", odt_bytes())]
    response, calls = _post_request(client, world, files, monkeypatch)
    assert response.status_code == 302
    assert RequestDocument.objects.filter(request__body=world.municipal_body).count() == 2
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_post_with_more_files_than_any_form_takes_is_refused_before_reading(client, world, monkeypatch):
    files = [SimpleUploadedFile(f"stuk{n}.txt", b"tekst") for n in range(21)]
    response, calls = _post_request(client, world, files, monkeypatch)
    assert response.status_code == 400 and calls == []
    assert not RequestDocument.objects.filter(request__body=world.municipal_body).exists()
