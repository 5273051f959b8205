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


FAILED_SUBJECT = "Het verslag van Cliëntenpanel Waterland-Oost staat klaar"


def fail_one_member_email(region) -> None:
    """One email to a member that failed for good (the mail server refused it), so the post page shows "E-mails die
    niet aankwamen" and the beheerder's to-do list a failed email. Written once."""
    from django.utils import timezone

    from inspraak.core.models import OutgoingEmail

    if OutgoingEmail.objects.filter(region=region, subject=FAILED_SUBJECT, status=OutgoingEmail.Status.FAILED).exists():
        return
    OutgoingEmail.objects.create(
        to="lid@demo.inspraak.example",
        subject=FAILED_SUBJECT,
        body=(
            "Beste Anouk de Vries,\n\nHet verslag van de bijeenkomst staat klaar. U mag er iets van vinden.\n\n"
            "Lees het op http://127.0.0.1:8000/orgaan/regio-waterland-oost/clientenpanel-waterland-oost/\n"
        ),
        region=region,
        status=OutgoingEmail.Status.FAILED,
        attempts=8,
        last_error="SMTP 550",
        next_attempt_at=timezone.now(),
    )
