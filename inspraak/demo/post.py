"""The demo's post (ADR 21): the letters that the historic part of the demo caused (minutes, feedback reports, a
cancelled meeting, agenda changes, topic news) were printed back then, in one earlier batch per body, so the post
page shows what waits today: the December invitations, what was arranged, a decision without advice. Idempotent: a
second run finds none of the historic kinds waiting and prints nothing."""

from __future__ import annotations

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.letters.models import Letter
from inspraak.letters.services import letters_print

HISTORIC = (
    Letter.Kind.MINUTES,
    Letter.Kind.FEEDBACK,
    Letter.Kind.MEETING_CANCELLED,
    Letter.Kind.MEETING_CHANGED,
    Letter.Kind.AGENDA_CHANGED,
    Letter.Kind.TOPIC,
)


def print_earlier_letters(region) -> int:
    """Print the region's waiting letters of the historic kinds, per body, as its secretary (or the region's
    beheerder for a body without one). Returns how many letters went into a batch."""
    printed = 0
    waiting = Letter.objects.filter(region=region, batch__isnull=True, kind__in=HISTORIC)
    admin = RoleAssignment.objects.filter(region=region, role=Role.ADMIN).select_related("user").first()
    for body_id in sorted(set(waiting.values_list("body_id", flat=True))):
        letters = list(waiting.filter(body_id=body_id).select_related("body"))
        secretary = (
            RoleAssignment.objects.filter(body_id=body_id, role=Role.SECRETARY).select_related("user").first() or admin
        )
        if secretary is None:
            continue
        letters_print(body=letters[0].body, by=secretary.user, letter_ids=[letter.pk for letter in letters])
        printed += len(letters)
    return printed
