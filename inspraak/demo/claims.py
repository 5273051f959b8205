"""Demo data for issue 13's expense claims (declaraties) in the client panel of Waterland-Oost: a claim in every
state, one entered by the secretary for Kees Jansen (on paper, no email), one with a small photo receipt.

Call at the end of load_demo, after the members and meetings exist::

    from inspraak.demo.claims import load_claims

    load_claims(panel=panel, secretary=people["Ingrid Bakker"], members=people)

Idempotent: a claim that exists (same member, group and "what for") is left alone. Two claims are left
"goedgekeurd" on purpose: the payments demo puts them in a paid batch (claims_mark_paid)."""

from __future__ import annotations

import datetime
import struct
import zlib
from decimal import Decimal

from django.utils import timezone

from inspraak.accounts.models import User
from inspraak.claims import services
from inspraak.claims.models import ClaimKind, ExpenseClaim
from inspraak.core import documents
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.regions.models import Body

PAID_LATER = ("Trein Kreekdorp – Havenstad en terug", "Bus naar de bijeenkomst van het panel")


def demo_receipt_png() -> bytes:
    """A small real PNG (a light grey ticket with a dark line), made without an image library."""
    width, height = 48, 24
    rows = []
    for y in range(height):
        shade = b"\x30" if y in (8, 9, 15) else b"\xe8"
        rows.append(b"\x00" + shade * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def _last_meeting(panel: Body) -> Meeting | None:
    """The panel's last meeting before today (in the last five months), or None."""
    today = timezone.localdate()
    return (
        Meeting.objects.filter(
            body=panel, starts_at__date__lt=today, starts_at__date__gte=today - datetime.timedelta(days=150)
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
        .first()
    )


def load_claims(*, panel: Body, secretary: User, members: dict[str, User]) -> int:
    """Create the demo claims that are missing. Returns how many were created."""
    today = timezone.localdate()
    meeting = _last_meeting(panel)
    meeting_day = timezone.localtime(meeting.starts_at).date() if meeting else today - datetime.timedelta(days=14)
    earliest = datetime.date(today.year - 1, 1, 1)

    def day(days_ago: int) -> datetime.date:
        return max(earliest, today - datetime.timedelta(days=days_ago))

    anouk, kees = members["Anouk de Vries"], members["Kees Jansen"]
    yasmina, tom = members["Yasmina Ouali"], members["Tom Visser"]
    receipt = documents.check_document(demo_receipt_png(), allowed=services.RECEIPT_KINDS)
    plans = [
        # (member, what for, kind, amount, date, receipt, reason without receipt, meeting, entered by, decision)
        (anouk, "Bus naar de bijeenkomst en terug", ClaimKind.PUBLIC_TRANSPORT, "4.60", meeting_day, receipt, "",
         meeting, None, None),
        (kees, "Bus naar de bijeenkomst (kaartje per post gestuurd)", ClaimKind.PUBLIC_TRANSPORT, "5.20", meeting_day,
         None, "Het kaartje zit bij de brief; de secretaris heeft het bekeken.", meeting, secretary, None),
        (yasmina, PAID_LATER[0], ClaimKind.PUBLIC_TRANSPORT, "11.80", day(130), None, "Gereisd met de OV-chipkaart.",
         None, None, ("approve", "")),
        (tom, PAID_LATER[1], ClaimKind.PUBLIC_TRANSPORT, "6.80", day(125), None, "Gereisd met de OV-chipkaart.",
         None, None, ("approve", "")),
        (anouk, "Printen van de vergaderstukken", ClaimKind.OTHER, "3.50", day(30), None, "Thuis geprint.", None,
         None, ("reject", "U kunt de stukken gratis laten printen bij het Werkplein. Vraag het de secretaris.")),
    ]  # fmt: skip
    created = 0
    for person, what, kind, amount, spent_on, photo, reason, occasion, entered_by, decision in plans:
        if ExpenseClaim.objects.filter(user=person, body=panel, description=what).exists():
            continue
        claim = services.claim_submit(
            body=panel,
            user=person,
            by=entered_by or person,
            channel="brief" if entered_by else "online",
            data=services.ClaimInput(
                kind=kind,
                spent_on=spent_on,
                amount=Decimal(amount),
                description=what,
                receipt=photo,
                no_receipt_reason=reason,
                meeting=occasion,
            ),
        )
        if decision is not None:
            action, note = decision
            services.claim_decide(claim=claim, by=secretary, approve=action == "approve", reason=note)
        created += 1
    return created
