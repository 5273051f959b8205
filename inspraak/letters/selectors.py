"""Reads for paper letters; each a fixed number of queries whatever the number of letters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Count, Q

from inspraak.core.prepared import count_all, prepared_rows
from inspraak.letters.models import Letter

if TYPE_CHECKING:
    from inspraak.regions.models import Body


def _pending(body: int):
    return Letter.objects.filter(body_id=body, batch__isnull=True).order_by().values_list(count_all())


def pending_count(body: Body) -> int:
    """How many of the body's letters wait to be printed. 1 query (core.prepared: on every agenda and body page of a
    secretary)."""
    return prepared_rows("letters.pending_count", _pending, body=body.pk)[0][0]


def pending_counts(bodies: Iterable[Body]) -> dict[int, int]:
    """``{body_id: letters waiting}`` for the given bodies, in one query (0 for a body without pending letters)."""
    ids = [getattr(body, "pk", body) for body in bodies]
    counts = dict.fromkeys(ids, 0)
    if not ids:
        return counts
    rows = (
        Letter.objects.filter(body_id__in=ids, batch__isnull=True)
        .values_list("body_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts.update(dict(rows))
    return counts


def batch_in(body: Body, pk: int):
    """One of the body's batches (404 for another body's), with who printed it."""
    from django.http import Http404

    from inspraak.letters.models import LetterBatch

    batch = LetterBatch.objects.filter(body=body, pk=pk).select_related("created_by").first()
    if batch is None:
        raise Http404
    batch.body = body  # already loaded with its region
    return batch


def _contacts(body: Body, user_ids) -> dict[int, dict]:
    """Each member's phone, postal address and large-print wish in this body (an open membership wins)."""
    from inspraak.members.models import Membership, Status

    found: dict[int, dict] = {}
    rows = (
        Membership.objects.filter(body=body, user_id__in=user_ids)
        .order_by("user_id", "created_at")
        .values("user_id", "status", "contact_address", "contact_phone", "needs_large_print")
    )
    for row in rows:
        if row["user_id"] not in found or row["status"] != Status.ENDED:
            found[row["user_id"]] = row
    return found


def _by_kind(letters: list[Letter]) -> list[dict]:
    """The letters grouped by kind, in the order of ``Letter.Kind``: ``[{"kind", "label", "letters"}]``."""
    groups = {kind: [] for kind in Letter.Kind.values}
    for letter in letters:
        groups.setdefault(letter.kind, []).append(letter)
    labels = dict(Letter.Kind.choices)
    return [
        {"kind": kind, "label": labels.get(kind, kind), "letters": found} for kind, found in groups.items() if found
    ]


def _unreachable(letters: list[Letter], contacts: dict[int, dict], *, snapshot: bool) -> list[dict]:
    """The members among ``letters`` without a postal address, once each, with their phone number: "bel deze
    leden". ``snapshot``: use the address printed on the letter (a batch), else the membership's address now."""
    seen: dict[int, dict] = {}
    for letter in letters:
        contact = contacts.get(letter.user_id, {})
        address = letter.address if snapshot else (contact.get("contact_address") or "").strip()
        if address or letter.user_id in seen:
            continue
        seen[letter.user_id] = {"user": letter.user, "phone": contact.get("contact_phone", ""), "letters": 0}
    for letter in letters:
        if letter.user_id in seen:
            seen[letter.user_id]["letters"] += 1
    return sorted(seen.values(), key=lambda row: row["user"].name.lower())


BATCHES_SHOWN = 20


def post_overview(body: Body) -> dict:
    """The post page: pending letters grouped by kind, the members among them without a postal address (with their
    phone number), and the latest batches with their size. 3 queries whatever the number of letters."""
    from inspraak.letters.models import LetterBatch

    pending = list(
        Letter.objects.filter(body=body, batch__isnull=True)
        .select_related("user")
        .order_by("kind", "user__name", "created_at", "pk")
    )
    contacts = _contacts(body, {letter.user_id for letter in pending})
    for letter in pending:
        contact = contacts.get(letter.user_id, {})
        letter.has_address = bool((contact.get("contact_address") or "").strip())
        letter.needs_large_print = bool(contact.get("needs_large_print"))
    batches = list(
        LetterBatch.objects.filter(body=body)
        .select_related("created_by")
        .annotate(size=Count("letters"), without_address=Count("letters", filter=Q(letters__address="")))
        .order_by("-created_at", "-pk")[: BATCHES_SHOWN + 1]
    )
    return {
        "pending": pending,
        "groups": _by_kind(pending),
        "unreachable": _unreachable(pending, contacts, snapshot=False),
        "batches": batches[:BATCHES_SHOWN],
        "more_batches": len(batches) > BATCHES_SHOWN,
    }


def batch_overview(batch) -> dict:
    """A batch's page: its letters grouped by kind and the members without an address. 2 queries."""
    letters = list(
        Letter.objects.filter(batch=batch).select_related("user").order_by("kind", "user__name", "created_at", "pk")
    )
    contacts = _contacts(batch.body, {letter.user_id for letter in letters})
    return {
        "letters": letters,
        "groups": _by_kind(letters),
        "unreachable": _unreachable(letters, contacts, snapshot=True),
    }


def batch_letters(batch) -> list[Letter]:
    """The letters of a batch in print order (by name, so the pile is easy to sort), with their short link."""
    return list(
        Letter.objects.filter(batch=batch)
        .select_related("user", "short_link")
        .order_by("user__name", "created_at", "pk")
    )


# Failed emails older than this are no longer offered as a letter (the outbox deletes them after 90 days too).
FAILED_EMAIL_DAYS = 90
# What the outbox row of an invitation is about (``agenda.Invitation.EMAIL_PURPOSE``): its letter is printed from the
# meeting page, with a login code, so it is not offered here (letters may not import agenda).
INVITATION_PURPOSE = "invitation"


def failed_member_emails(body: Body, *, now=None) -> list:
    """Emails of the last 90 days to active members of ``body`` that failed for good and have no letter yet, newest
    first, each with ``member_id`` and ``member_name`` (matched on the address, case-insensitive). Invitations are left
    out: the meeting page prints their letter. 1 query whatever the number of emails or members."""
    import datetime

    from django.db.models import Exists, OuterRef, Subquery
    from django.db.models.functions import Lower
    from django.utils import timezone

    from inspraak.core.models import OutgoingEmail
    from inspraak.members.models import Membership, Status

    since = (now or timezone.now()) - datetime.timedelta(days=FAILED_EMAIL_DAYS)
    member = Membership.objects.filter(body=body, status=Status.ACTIVE, user__email=Lower(OuterRef("to"))).order_by(
        "user_id"
    )
    return list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.FAILED, region_id=body.region_id, created_at__gte=since
        )
        .exclude(purpose=INVITATION_PURPOSE)
        .exclude(Exists(Letter.objects.filter(from_email=OuterRef("pk"))))
        .annotate(
            member_id=Subquery(member.values("user_id")[:1]),
            member_name=Subquery(member.values("user__name")[:1]),
        )
        .filter(member_id__isnull=False)
        .only("pk", "to", "subject", "body", "created_at", "purpose")
        .order_by("-created_at", "-pk")
    )
