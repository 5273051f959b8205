"""Extra consultation data for the results part, on top of tests/consultations/data.py, built on first use.

- ``closed``: a GR consultation of the region, closed yesterday, asking Zeedorp: 6 answers by code, 2 open answers
  still to check (``pending``), the rest shown. Ready to publish.
- ``request``: an open advice request to the client panel (for a finding).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from inspraak.advice.models import AdviceRequest
from inspraak.consultations.models import Channel, Consultation, ConsultationStatus, TextAnswer, TextStatus
from inspraak.consultations.services.results import recount_texts
from tests.advice.data import new_proposal, new_request
from tests.consultations.data import _consultation, _questions, consultation_data, submit
from tests.world import NOW


@dataclass
class ResultsData:
    closed: Consultation
    pending: list[TextAnswer]
    request: AdviceRequest


def results_data(world) -> ResultsData:
    existing = getattr(world, "_consultation_results", None)
    if existing is not None:
        return existing
    consultation_data(world)
    closed = _consultation(
        world.region,
        title="Hoe gaat het met de schuldhulp?",
        status=ConsultationStatus.CLOSED,
        municipalities=[world.municipality],
        by=world.users["officer_region"],
        opens_at=NOW - datetime.timedelta(days=30),
        closes_at=NOW - datetime.timedelta(days=1),
        has_answers=True,
    )
    questions = _questions(closed)
    for index in range(6):
        submit(
            closed,
            questions,
            municipality=world.municipality,
            channel=Channel.CODE,
            single=index % 3,
            long=f"Antwoord nummer {index}: de brief was te lang.",
        )
    texts = list(TextAnswer.objects.filter(consultation=closed).order_by("pk"))
    TextAnswer.objects.filter(pk__in=[t.pk for t in texts[2:]]).update(status=TextStatus.SHOWN)
    recount_texts(consultation=closed)  # the statuses were set directly: the counters of checked texts follow
    request = new_request(world, new_proposal(world, title="Beleidsplan werk en inkomen"))
    data = ResultsData(closed=closed, pending=texts[:2], request=request)
    world._consultation_results = data
    return data
