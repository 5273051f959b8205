"""Reads of building a consultation: the staff lists, the history, the translations and what an edit page needs.
Each a fixed number of queries whatever the data size."""

from __future__ import annotations

from django.db.models import Count, Prefetch

from inspraak.consultations import permissions
from inspraak.consultations.models import Consultation, ConsultationEvent, Option, Question, Section, Translation
from inspraak.regions.models import Municipality


def _with_counts(rows):
    return rows.select_related("body").annotate(
        n_questions=Count("questions", distinct=True), n_responses=Count("responses", distinct=True)
    )


def staff_list(region, user) -> list[Consultation]:
    """The region's consultations this person may see on the staff pages (permissions.can_view), newest first,
    with ``n_questions``, ``n_responses`` and ``municipality_ids``. 2 queries."""
    rows = list(_with_counts(Consultation.objects.filter(region=region)))
    _set_municipalities(rows)
    return [row for row in rows if permissions.can_view(user, row, row.municipality_ids)]


def body_list(body) -> list[Consultation]:
    """A group's own consultations, newest first, with the counts. 1 query."""
    return list(_with_counts(Consultation.objects.filter(body=body)))


def _set_municipalities(rows) -> None:
    links = Consultation.municipalities.through.objects.filter(consultation_id__in=[r.pk for r in rows]).values_list(
        "consultation_id", "municipality_id"
    )
    by_consultation: dict[int, set[int]] = {}
    for consultation_id, municipality_id in links:
        by_consultation.setdefault(consultation_id, set()).add(municipality_id)
    for row in rows:
        row.municipality_ids = frozenset(by_consultation.get(row.pk, ()))


def region_municipalities(region) -> list[Municipality]:
    """The municipalities of the region, by name (the choices of a consultation). 1 query."""
    return list(Municipality.objects.filter(region=region).order_by("name"))


def municipalities_of(consultation) -> list[Municipality]:
    return list(Municipality.objects.filter(pk__in=consultation.municipality_ids).order_by("name"))


def history(consultation) -> list[ConsultationEvent]:
    return list(ConsultationEvent.objects.filter(consultation=consultation).select_related("by").order_by("at", "pk"))


def response_count(consultation) -> int:
    return consultation.responses.count()


def translations(consultation) -> list[Translation]:
    return list(Translation.objects.filter(consultation=consultation).order_by("name", "pk"))


def translation_in(consultation, pk: int) -> Translation | None:
    found = Translation.objects.filter(consultation=consultation, pk=pk).first()
    if found is not None:
        found.consultation = consultation
    return found


def section_in(consultation, pk: int) -> Section | None:
    found = Section.objects.filter(consultation=consultation, pk=pk).first()
    if found is not None:
        found.consultation = consultation
    return found


def question_in(consultation, pk: int) -> Question | None:
    """A question of the consultation with its choices (2 queries)."""
    found = (
        Question.objects.filter(consultation=consultation, pk=pk)
        .select_related("section")
        .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("position", "pk")))
        .first()
    )
    if found is not None:
        found.consultation = consultation
    return found


def option_in(consultation, pk: int) -> Option | None:
    found = Option.objects.filter(question__consultation=consultation, pk=pk).select_related("question").first()
    if found is not None:
        found.question.consultation = consultation
    return found
