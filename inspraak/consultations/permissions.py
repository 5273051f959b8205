"""Every permission decision about consultations (ADR 30). Used by the pages (to show a link) and by the POST views
(to allow the step) alike.

- A GR consultation (no group) is made and run by the region's beheerder and its region-wide policy officers.
- A group's consultation is made and run by the group's secretary and facilitator, and the region's beheerder.
- Staff who may see (not change) a consultation: besides those who run it, the region's policy officers, and a
  policy officer of a municipality for a consultation that asks their municipality's clients.
- Members, the finance role and the public see only published results (the public pages need no login).
- Answering needs no account: a one-time code, a paper form entered by staff, or the open link.
"""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.consultations.models import ConsultationStatus


def can_create_for_region(user, region) -> bool:
    """Make a GR consultation."""
    roles = roles_of(user)
    return region.pk in roles.admin_region_ids or region.pk in roles.officer_region_ids


def can_create_for_body(user, body) -> bool:
    """Make a consultation owned by ``body``."""
    roles = roles_of(user)
    if body.region_id in roles.admin_region_ids:
        return True
    return bool(roles.roles_in_body(body.pk) & {Role.SECRETARY, Role.FACILITATOR})


def can_list(user, region, officer_municipality_ids=frozenset()) -> bool:
    """The staff list of the region's consultations (each row still checked with can_view)."""
    roles = roles_of(user)
    if region.pk in roles.admin_region_ids or region.pk in roles.officer_region_ids:
        return True
    return bool(set(officer_municipality_ids) & roles.officer_municipality_ids)


def can_manage(user, consultation) -> bool:
    """Change, open, close, make codes, enter paper forms, moderate, publish: the owner."""
    roles = roles_of(user)
    if consultation.region_id in roles.admin_region_ids:
        return True
    if consultation.body_id is None:
        return consultation.region_id in roles.officer_region_ids
    return bool(roles.roles_in_body(consultation.body_id) & {Role.SECRETARY, Role.FACILITATOR})


def can_view(user, consultation, municipality_ids=frozenset()) -> bool:
    """The staff pages of a consultation (its questions, state, results while open). ``municipality_ids``: the
    municipalities it asks."""
    if can_manage(user, consultation):
        return True
    roles = roles_of(user)
    if consultation.region_id in roles.officer_region_ids:
        return True
    return bool(set(municipality_ids) & roles.officer_municipality_ids)


def can_edit_questions(user, consultation) -> bool:
    """Add, remove or reorder questions and options: the owner, until the first real answer (then text fixes only,
    see can_fix_texts) and never after closing."""
    return (
        can_manage(user, consultation)
        and not consultation.has_answers
        and consultation.status in (ConsultationStatus.DRAFT, ConsultationStatus.OPEN)
    )


def can_fix_texts(user, consultation) -> bool:
    """Correct the wording of texts (not their meaning's structure): the owner, while not yet published."""
    return can_manage(user, consultation) and consultation.status != ConsultationStatus.PUBLISHED


def can_test_run(user, consultation) -> bool:
    """Answer as a test (not counted): whoever may see the staff pages."""
    return can_view(user, consultation) or can_manage(user, consultation)


def can_enter_paper(user, consultation) -> bool:
    """Type in a returned paper form: the owner, while the consultation is open or closed (forms arrive late)."""
    return can_manage(user, consultation) and consultation.status in (
        ConsultationStatus.OPEN,
        ConsultationStatus.CLOSED,
    )


def can_moderate(user, consultation) -> bool:
    return can_manage(user, consultation)


def can_publish(user, consultation) -> bool:
    return can_manage(user, consultation) and consultation.status == ConsultationStatus.CLOSED


def is_public(consultation) -> bool:
    """Whether the public page shows the consultation at all (not while it is a concept)."""
    return consultation.status != ConsultationStatus.DRAFT


def results_public(consultation) -> bool:
    return consultation.status == ConsultationStatus.PUBLISHED
