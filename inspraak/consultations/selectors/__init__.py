"""Every read about consultations: scoped, a fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from inspraak.accounts.roles import roles_of
from inspraak.consultations.models import Consultation, Question, Section
from inspraak.regions.models import Municipality


def officer_municipality_ids(user, region) -> frozenset[int]:
    """The municipalities of ``region`` for which ``user`` is a municipal policy officer. 0–1 queries."""
    ids = roles_of(user).officer_municipality_ids
    if not ids:
        return frozenset()
    return frozenset(Municipality.objects.filter(region=region, pk__in=ids).values_list("pk", flat=True))


def consultation_in(region, pk: int) -> Consultation:
    """A consultation of ``region`` with its body, and ``municipality_ids`` set (the municipalities it asks). 2
    queries; 404 when it is not of this region."""
    consultation = (
        Consultation.objects.select_related("region", "body", "body__municipality").filter(region=region, pk=pk).first()
    )
    if consultation is None:
        raise Http404
    consultation.municipality_ids = frozenset(
        Consultation.municipalities.through.objects.filter(consultation_id=consultation.pk).values_list(
            "municipality_id", flat=True
        )
    )
    return consultation


@dataclass
class Questionnaire:
    """A consultation's sections, each with ``questions`` (each with ``options``), in order. 3 queries."""

    sections: list
    questions: dict  # id → Question

    @property
    def kinds(self) -> dict[int, str]:
        return {pk: q.kind for pk, q in self.questions.items()}


def questionnaire(consultation) -> Questionnaire:
    sections = list(
        Section.objects.filter(consultation=consultation).prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position", "pk").prefetch_related("options"))
        )
    )
    questions = {q.pk: q for s in sections for q in s.questions.all()}
    return Questionnaire(sections=sections, questions=questions)
