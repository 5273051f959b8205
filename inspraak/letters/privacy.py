"""The letters part of a person's data (AVG art. 15 and 17), registered from LettersConfig.ready().

Export: every letter to the person (kind, subject, text, when it was made and printed, the postal address and
large-print wish printed on it). Erasure: every letter to the person is deleted, waiting or printed (a printed
batch then reprints without it; the letter itself is in the person's letterbox, not needed here). A letter names
no one else; who made or printed it is a staff link kept on purpose (``LetterBatch``: covered).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from inspraak.core import privacy_registry as registry

if TYPE_CHECKING:
    from inspraak.accounts.models import User

LABELS = {
    "kind": _("soort"),
    "body": _("groep"),
    "subject": _("onderwerp"),
    "text": _("tekst"),
    "created_at": _("gemaakt op"),
    "printed_at": _("afgedrukt op"),
    "address": _("postadres op de brief"),
    "large_print": _("grote letters"),
}


def export_letters(user: User) -> list[dict]:
    """The person's letters, oldest first. 1 query."""
    from inspraak.letters.models import Letter

    letters = Letter.objects.filter(user=user).select_related("body", "batch").order_by("created_at", "pk")
    return [
        {
            "kind": letter.get_kind_display(),
            "body": letter.body.name,
            "subject": letter.subject,
            "text": letter.text,
            "created_at": letter.created_at,
            "printed_at": letter.batch.created_at if letter.batch else None,
            "address": letter.address,
            "large_print": letter.large_print,
        }
        for letter in letters
    ]


def erase_letters(user: User) -> None:
    """Delete every letter to the person; one audit row with the count when there were any."""
    from inspraak.audit.services import audit_record
    from inspraak.letters.models import Letter

    deleted, _rows = Letter.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            actor=registry.acting_user(),
            action="person.erase_part",
            target=user,
            changed_fields=["letters"],
            label=f"persoon #{user.pk}: letters (letters {deleted})",
        )


def letter_region_ids(user: User) -> set[int]:
    from inspraak.letters.models import Letter

    return set(Letter.objects.filter(user=user).values_list("region_id", flat=True).distinct())


def register_part() -> None:
    registry.register(
        "letters",
        title=_("Brieven"),
        exporter=export_letters,
        eraser=erase_letters,
        regions=letter_region_ids,
        labels=LABELS,
        order=30,
        models=("letters.Letter",),
    )
    registry.cover(
        "letters.LetterBatch",
        reason="who printed a batch of letters (staff), nothing else about the person",
    )
