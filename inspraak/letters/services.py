"""Writes for paper letters: queue a message to a member (email or letter), print a body's pending letters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inspraak.audit.services import audit_record
from inspraak.core.errors import ServiceError
from inspraak.core.mail import queue_email
from inspraak.core.shortlinks import short_link
from inspraak.letters import selectors
from inspraak.letters.models import Letter, LetterBatch
from inspraak.members.models import Membership, Status

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body


class LetterError(ServiceError):
    pass


EMAIL = "email"
LETTER = "letter"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def notify_member(
    *,
    person: User,
    body: Body,
    kind: str,
    template_prefix: str,
    context: dict,
    path: str = "",
    ics: str = "",
    ics_method: str = "",
    purpose: str = "",
    object_id: int | None = None,
    by: User | None = None,
) -> str:
    """Send a message to a member the way they can get it: an email when they have an address, else a letter.

    With an email address this is exactly ``core.mail.queue_email`` (``<prefix>_subject.txt``, ``<prefix>.txt``,
    optional ``<prefix>.html``). Without one, a pending ``Letter`` of ``kind`` is written with the subject from
    ``<prefix>_subject.txt`` and the text from ``<prefix>_letter.txt`` (plain text, paragraphs split by blank lines,
    no web addresses: the printed letter adds the short code and QR code for ``path`` and the body's phone number).
    Call it inside the caller's transaction: nothing is sent or queued when that rolls back. Returns "email" or
    "letter".
    """
    context = {"site_url": settings.SITE_URL, **context, "person": person, "body": body}
    if person.email:
        queue_email(
            to=person.email,
            template_prefix=template_prefix,
            context=context,
            ics=ics,
            ics_method=ics_method,
            purpose=purpose,
            object_id=object_id,
            region=body.region_id,
        )
        return EMAIL
    letter_add(
        person=person,
        body=body,
        kind=kind,
        subject=render_to_string(f"{template_prefix}_subject.txt", context),
        text=render_to_string(f"{template_prefix}_letter.txt", context),
        path=path,
        object_id=object_id,
        by=by,
    )
    return LETTER


def letter_add(
    *,
    person: User,
    body: Body,
    kind: str,
    subject: str,
    text: str,
    path: str = "",
    object_id: int | None = None,
    by: User | None = None,
) -> Letter:
    """A pending letter with an already written text (``notify_member`` renders it from templates)."""
    return Letter.objects.create(
        region_id=body.region_id,
        body=body,
        user=person,
        kind=kind,
        subject=_one_line(subject)[:300],
        text=text.strip(),
        short_link=short_link(path) if path else None,
        object_id=object_id,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )


def _contact_snapshot(body: Body, user_ids: set[int]) -> dict[int, tuple[str, bool]]:
    """Each member's postal address and large-print wish in this body (an open membership wins over an ended one)."""
    rows = (
        Membership.objects.filter(body=body, user_id__in=user_ids)
        .order_by("user_id", "created_at")
        .values_list("user_id", "status", "contact_address", "needs_large_print")
    )
    found: dict[int, tuple[str, bool]] = {}
    for user_id, status, address, large in rows:
        if user_id not in found or status != Status.ENDED:
            found[user_id] = (address.strip(), large)
    return found


@transaction.atomic
def letters_print(*, body: Body, by: User, letter_ids: Iterable[int] | None = None) -> LetterBatch:
    """Put all of the body's pending letters (or only the pending ones among ``letter_ids``) in a new batch and take
    the address snapshot for printing. Raises ``LetterError("nothing_pending")`` when there is nothing to print.

    The letters are claimed with one ``UPDATE ... WHERE batch IS NULL``: two people printing at the same moment never
    get the same letter in two batches (the second gets the letters that came after, or "nothing to print").
    """
    batch = LetterBatch.objects.create(body=body, created_by=by)
    pending = Letter.objects.filter(body=body, batch__isnull=True)
    if letter_ids is not None:
        pending = pending.filter(pk__in=list(letter_ids))
    claimed = pending.update(batch=batch)
    if not claimed:
        raise LetterError("nothing_pending")
    letters = list(Letter.objects.filter(batch=batch).only("pk", "user_id"))
    contacts = _contact_snapshot(body, {letter.user_id for letter in letters})
    for letter in letters:
        letter.address, letter.large_print = contacts.get(letter.user_id, ("", False))
    Letter.objects.bulk_update(letters, ["address", "large_print"])
    audit_record(actor=by, action="letters_print", target=batch, region=body.region)
    return batch


def _web_address() -> re.Pattern:
    """A web address: with its scheme, starting with www., or this site's host name without the scheme."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    return re.compile(r"https?://|www\." + (f"|{re.escape(host)}" if host else ""), re.IGNORECASE)


def email_as_letter_text(text: str, *, phone: str = "") -> str:
    """An email's plain text for paper: every line with a web address left out (nobody can click on paper),
    blank-line runs closed up, and a closing paragraph: this came by email first, call us (``phone``) with questions."""
    web_address = _web_address()
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n") if not web_address.search(line)]
    kept = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if phone:
        closing = _(
            "Wij stuurden u dit bericht eerst per e-mail, maar die kwam niet aan. Heeft u vragen? Bel ons dan: "
            "%(phone)s."
        ) % {"phone": phone}
    else:
        closing = _(
            "Wij stuurden u dit bericht eerst per e-mail, maar die kwam niet aan. Heeft u vragen? Bel ons dan, of "
            "vraag het op de volgende bijeenkomst."
        )
    return f"{kept}\n\n{closing}" if kept else closing


@transaction.atomic
def failed_emails_to_letters(*, body: Body, by: User) -> int:
    """Put every email that did not arrive at an active member of ``body`` (``selectors.failed_member_emails``) in
    the post as a pending letter of kind "overig", with the email's subject and its text without web addresses.
    Returns how many letters were made; raises ``LetterError("no_failed_emails")`` when there was none.

    A letter remembers its email (``Letter.from_email``, unique): a second click, or two people at once, never make
    a second letter for it. The email itself stays "niet gelukt" on the beheerder's page. One audit row.
    """
    made = 0
    for email in selectors.failed_member_emails(body):
        try:
            with transaction.atomic():  # a savepoint: the letter someone else just made for this email wins
                Letter.objects.create(
                    region_id=body.region_id,
                    body=body,
                    user_id=email.member_id,
                    kind=Letter.Kind.OTHER,
                    subject=_one_line(email.subject)[:300],
                    text=email_as_letter_text(email.body, phone=body.contact_phone),
                    from_email=email,
                    created_by=by if getattr(by, "is_authenticated", False) else None,
                )
        except IntegrityError:
            continue
        made += 1
    if not made:
        raise LetterError("no_failed_emails")
    audit_record(
        actor=by,
        action="failed_emails_to_letters",
        target=body,
        region=body.region,
        label=f"orgaan #{body.pk}: {made} e-mails als brief",
    )
    return made
