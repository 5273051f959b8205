"""Reads of building a consultation: the staff lists, the history, the translations and what an edit page needs.
Each a fixed number of queries whatever the data size."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce

from inspraak.consultations import permissions
from inspraak.consultations.models import (
    Consultation,
    ConsultationEvent,
    ConsultationStatus,
    Option,
    Question,
    Section,
    Tally,
    Translation,
)
from inspraak.regions.models import Municipality


def _respondents():
    """The number of submitted answers, from the counters (never by counting answers: 400,000 of them stay cheap)."""
    total = (
        Tally.objects.filter(consultation=OuterRef("pk"), question_id=0, choice=0)
        .values("consultation")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return Coalesce(Subquery(total), 0)


def _with_counts(rows):
    questions = (
        Question.objects.filter(consultation=OuterRef("pk")).values("consultation").annotate(n=Count("pk")).values("n")
    )
    return rows.select_related("body").annotate(
        n_questions=Coalesce(Subquery(questions), 0), n_responses=_respondents()
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
    """The consultation's history, oldest first, each with ``from_label``/``to_label`` (the status in words). 1
    query."""
    labels = dict(ConsultationStatus.choices)
    events = list(ConsultationEvent.objects.filter(consultation=consultation).select_related("by").order_by("at", "pk"))
    for event in events:
        event.from_label = labels.get(event.from_status, event.from_status)
        event.to_label = labels.get(event.to_status, event.to_status)
    return events


def response_count(consultation) -> int:
    """Submitted answers (code, paper and open link), from the counters. 1 query."""
    return (
        Tally.objects.filter(consultation=consultation, question_id=0, choice=0).aggregate(total=Sum("count"))["total"]
        or 0
    )


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
