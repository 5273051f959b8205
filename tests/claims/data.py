"""Claims the matrix and page tests need, on top of tests/world.py, built on first use and kept on the world object.

- ``own``: the "member" actor's claim (ingediend), bus costs with a small PNG receipt;
- ``client``: Geheime Cliënt's claim (ingediend) without a receipt, with a description only staff may read.
"""

from __future__ import annotations

import datetime
import struct
import zlib
from dataclasses import dataclass
from decimal import Decimal

from inspraak.claims.models import ClaimKind, ExpenseClaim
from inspraak.claims.services import ClaimInput, claim_submit
from inspraak.core.documents import check_document
from tests.world import TODAY

CLIENT_SECRET = "Geheime taxi naar het buurthuis"


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A real, valid PNG (grey pixels), made here so no image library is needed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


TINY_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class ClaimsData:
    own: ExpenseClaim
    client: ExpenseClaim


def claims_data(world) -> ClaimsData:
    cached = getattr(world, "_claims", None)
    if cached is not None:
        return cached
    member = world.user("member")
    own = claim_submit(
        body=world.body,
        user=member,
        by=member,
        data=ClaimInput(
            kind=ClaimKind.PUBLIC_TRANSPORT,
            spent_on=TODAY - datetime.timedelta(days=3),
            amount=Decimal("4.60"),
            description="Bus naar de bijeenkomst en terug",
            receipt=check_document(tiny_png(), allowed=_receipt_kinds()),
        ),
    )
    client = claim_submit(
        body=world.body,
        user=world.client,
        by=world.client,
        data=ClaimInput(
            kind=ClaimKind.OTHER,
            spent_on=TODAY - datetime.timedelta(days=5),
            amount=Decimal("12.00"),
            description=CLIENT_SECRET,
            no_receipt_reason="Geen bon gekregen",
        ),
    )
    world._claims = ClaimsData(own=own, client=client)
    return world._claims


def _receipt_kinds():
    from inspraak.claims.services import RECEIPT_KINDS

    return RECEIPT_KINDS
