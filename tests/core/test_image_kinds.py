"""Photos (a receipt) are judged on their content like other uploads: PNG and JPEG by their signature, accepted only
where an upload asks for them; other uploads refuse them as before."""

from __future__ import annotations

import pytest

from inspraak.core import documents
from tests.claims.data import TINY_JPEG, TINY_PDF, tiny_png


def test_a_png_and_a_jpeg_are_recognised_by_their_content():
    assert documents.sniff_upload(tiny_png()) is documents.PNG
    assert documents.sniff_upload(TINY_JPEG) is documents.JPEG
    assert documents.sniff_upload(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00") is documents.JPEG
    assert documents.sniff_upload(TINY_PDF) is documents.PDF
    # A photo is no document: the document sniffer (every other upload) still refuses it.
    assert documents.sniff_document(tiny_png()) is None and documents.sniff_document(TINY_JPEG) is None


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\nnot-a-chunk",  # a signature without the header chunk
        b"\xff\xd8\x00\x00",  # not a JPEG marker
        b"GIF89a\x01\x00\x01\x00\x00\x00",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"MZ\x90\x00\x03\x00\x00\x00",
    ],
)
def test_other_content_is_not_a_photo(data):
    assert documents.check_document(data, allowed=documents.IMAGE_KINDS) is None


def test_a_photo_is_refused_where_only_documents_are_allowed():
    assert documents.check_document(tiny_png()) is None
    assert documents.check_document(TINY_JPEG) is None
    with pytest.raises(documents.DocumentRefused) as refused:
        documents.check_upload(tiny_png())
    assert refused.value.code == "type"


def test_a_photo_and_a_pdf_are_accepted_where_asked_for():
    allowed = (*documents.IMAGE_KINDS, documents.PDF)
    assert documents.check_upload(tiny_png(), allowed=allowed).kind is documents.PNG
    assert documents.check_upload(TINY_PDF, allowed=allowed).kind is documents.PDF


def test_the_kind_of_a_stored_photo_follows_its_generated_name():
    assert documents.kind_for_name("bonnen/2026/abc.jpg") is documents.JPEG
    assert documents.kind_for_content_type("image/png") is documents.PNG
    assert documents.PNG.inline and documents.JPEG.inline
