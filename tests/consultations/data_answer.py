"""Extra test data of the answer part: more free invitation codes of the shared consultation."""

from __future__ import annotations

from inspraak.consultations.models import InvitationCode


def real_code(data, code: str = "ZEDA2345", *, consultation=None, municipality=None) -> InvitationCode:
    """A free code of ``data.gr`` (Zeedorp's batch) that can be typed."""
    consultation = consultation or data.gr
    batch = consultation.code_batches.order_by("pk").first()
    return InvitationCode.objects.create(
        consultation=consultation,
        batch=batch,
        municipality=municipality or batch.municipality,
        code=code,
    )


def answer_data(world):
    """Codes of ``gr`` in the real shape for the role matrix: ``PAPR2345`` (free, for a paper form)."""
    if getattr(world, "_consultation_answer", None) is not None:
        return world._consultation_answer
    from tests.consultations.data import consultation_data

    data = consultation_data(world)
    world._consultation_answer = {"paper": real_code(data, "PAPR2345")}
    return world._consultation_answer
