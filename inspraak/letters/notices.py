"""Telling a body's members about something: by email when they have an address, otherwise by a printed letter.

Every message to members goes through ``letters.services.notify_member``, so a member on paper gets the same news
as a member with email (issue 12). These helpers send one message to a list of people and count the channels, so
the confirmation the secretary sees says how many emails went out and how many letters wait to be printed.
Services call them inside their own transaction (the email is sent and the letter kept only when it commits).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.core.mail import queue_email
from inspraak.letters.models import Letter
from inspraak.letters.services import notify_member

if TYPE_CHECKING:
    from collections.abc import Iterable

    from inspraak.accounts.models import User
    from inspraak.regions.models import Body


@dataclass
class Told:
    """How many members got an email and how many a letter (pending, printed in the secretary's next batch)."""

    emails: int = 0
    letters: int = 0

    def add(self, channel: str) -> None:
        if channel == "letter":
            self.letters += 1
        else:
            self.emails += 1

    @property
    def people(self) -> int:
        return self.emails + self.letters

    def __iadd__(self, other: Told) -> Told:
        self.emails += other.emails
        self.letters += other.letters
        return self


# A newer message makes a pending (not yet printed) letter about the same thing useless: it is replaced, so a member
# on paper gets one letter with the current state instead of a pile of outdated ones. Other kinds are all kept.
REPLACES = {
    Letter.Kind.MEETING_CHANGED: (Letter.Kind.MEETING_CHANGED,),
    Letter.Kind.AGENDA_CHANGED: (Letter.Kind.AGENDA_CHANGED,),
    Letter.Kind.MEETING_CANCELLED: (Letter.Kind.MEETING_CHANGED, Letter.Kind.AGENDA_CHANGED),
    Letter.Kind.TOPIC: (Letter.Kind.TOPIC,),
}


def drop_outdated(*, kind: str, object_id: int | None, user_ids: Iterable[int]) -> int:
    """Delete the pending letters that a new message of ``kind`` about ``object_id`` replaces (see REPLACES).
    Printed letters are never touched. Returns how many. 1 query."""
    kinds = REPLACES.get(kind, ())
    if not kinds or object_id is None:
        return 0
    deleted, _rows = Letter.objects.filter(
        kind__in=kinds, object_id=object_id, user_id__in=list(user_ids), batch__isnull=True
    ).delete()
    return deleted


def tell_members(
    *,
    body: Body,
    people: Iterable[User],
    kind: str,
    template_prefix: str,
    context: dict,
    path: str = "",
    object_id: int | None = None,
    by: User | None = None,
    ics: str = "",
    ics_method: str = "",
    purpose: str = "",
) -> Told:
    """One message to each of ``people`` (members of ``body``): an email, or a letter from
    ``<template_prefix>_letter.txt`` with a short code for ``path``. Each person once. A pending letter that this
    message makes outdated is replaced (``drop_outdated``)."""
    told = Told()
    people = list({person.pk: person for person in people}.values())
    drop_outdated(kind=kind, object_id=object_id, user_ids=[person.pk for person in people if not person.email])
    for person in people:
        channel = notify_member(
            person=person,
            body=body,
            kind=kind,
            template_prefix=template_prefix,
            context=dict(context),
            path=path,
            ics=ics,
            ics_method=ics_method if ics else "",
            purpose=purpose,
            object_id=object_id,
            by=by,
        )
        told.add(channel)
    return told


def tell_staff(
    *,
    body: Body,
    people: Iterable[User],
    template_prefix: str,
    context: dict,
    skip: Iterable[int] = (),
    ics: str = "",
    ics_method: str = "",
) -> int:
    """An email to each of ``people`` (the body's secretary or facilitator) who has an address, except the ids in
    ``skip`` (the person who did it, or members already told). Staff without email get no letter: they work in
    Inspraak and print the letters themselves. Returns how many were emailed."""
    skipped = set(skip)
    sent = 0
    for person in people:
        if person.pk in skipped or not person.email:
            continue
        skipped.add(person.pk)
        queue_email(
            to=person.email,
            template_prefix=template_prefix,
            context={"person": person, "body": body, **context},
            ics=ics,
            ics_method=ics_method if ics else "",
            region=body.region_id,
        )
        sent += 1
    return sent


def told_message(told: Told) -> str:
    """The sentence for the confirmation: who got an email, who gets a letter, or that nobody could be told."""
    parts = []
    if told.emails:
        parts.append(
            ngettext("%(count)d lid krijgt een e-mail.", "%(count)d leden krijgen een e-mail.", told.emails)
            % {"count": told.emails}
        )
    if told.letters:
        parts.append(
            ngettext(
                "%(count)d lid krijgt een brief. Die staat klaar om te printen bij Brieven.",
                "%(count)d leden krijgen een brief. Die staan klaar om te printen bij Brieven.",
                told.letters,
            )
            % {"count": told.letters}
        )
    if not parts:
        parts.append(_("Er zijn geen leden om bericht te sturen."))
    return " ".join(parts)
