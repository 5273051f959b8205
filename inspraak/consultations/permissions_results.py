"""Permission decisions of the consultation's results part, on top of consultations.permissions."""

from __future__ import annotations

from inspraak.consultations.models import ConsultationStatus
from inspraak.consultations.permissions import can_manage


def can_pass_finding(user, consultation) -> bool:
    """Put a finding on a group's topic list or attach it to an advice request: the owner, once the consultation is
    closed (the answers are in) or published."""
    return can_manage(user, consultation) and consultation.status in (
        ConsultationStatus.CLOSED,
        ConsultationStatus.PUBLISHED,
    )
