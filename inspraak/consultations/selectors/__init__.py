"""Every read about consultations: scoped, a fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
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
        Consultation.objects.select_related("body", "body__municipality").filter(region=region, pk=pk).first()
    )
    if consultation is None:
        raise Http404
    consultation.region = region  # the region the caller read: no join for it
    _read_municipality_ids(consultation)
    return consultation


def public_consultation(region_slug: str, pk: int, *, asks: bool = True) -> Consultation:
    """A consultation of the region with ``region_slug``, read with its region and body in one query (the public
    page needs no region of its own first), and with ``asks`` ``municipality_ids`` set. 1–2 queries; 404 when either
    is unknown."""
    consultation = (
        Consultation.objects.select_related("region", "body", "body__municipality")
        .filter(region__slug=region_slug, pk=pk)
        .first()
    )
    if consultation is None:
        raise Http404
    if asks:
        _read_municipality_ids(consultation)
    return consultation


def asked_municipality_ids(pk: int) -> frozenset[int]:
    """The municipalities the consultation ``pk`` asks. 1 query."""
    through = Consultation.municipalities.through._meta.db_table
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {qn('municipality_id')} FROM {qn(through)} WHERE {qn('consultation_id')} = %s",  # noqa: S608
            [pk],
        )
        return frozenset(row[0] for row in cursor.fetchall())


def _read_municipality_ids(consultation) -> None:
    """Sets ``municipality_ids`` (the municipalities the consultation asks). 1 query, with a plain cursor: the ORM
    took longer to write this query than to run it."""
    consultation.municipality_ids = asked_municipality_ids(consultation.pk)


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
