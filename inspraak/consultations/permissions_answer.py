"""Permission decisions of the answer part, on top of consultations.permissions."""

from __future__ import annotations

from inspraak.consultations import permissions
from inspraak.consultations.models import ConsultationStatus


def can_see_codes(user, consultation) -> bool:
    """The codes page and its downloads (CSV, letters): the owner. Codes let someone answer, so only the owner."""
    return permissions.can_manage(user, consultation)


def can_make_codes(user, consultation) -> bool:
    """Make a batch of codes: the owner, while it is a concept or open."""
    return permissions.can_manage(user, consultation) and consultation.status in (
        ConsultationStatus.DRAFT,
        ConsultationStatus.OPEN,
    )


def can_print_paper_form(user, consultation) -> bool:
    """The printable paper questionnaire: whoever sees the staff pages."""
    return permissions.can_view(user, consultation, getattr(consultation, "municipality_ids", frozenset()))
