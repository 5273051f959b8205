"""Two submits of the same code at the same moment, each in its own thread and database connection: exactly one
answer is stored and counted, the other is told the code was used. Runs on SQLite and (in CI) PostgreSQL, where the
second waits for the code row's lock and then finds the code used."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.db import OperationalError, connections

from inspraak.consultations import selectors
from inspraak.consultations.models import (
    Channel,
    CodeBatch,
    Consultation,
    ConsultationStatus,
    InvitationCode,
    Question,
    QuestionKind,
    Response,
    Section,
    Tally,
)
from inspraak.consultations.services.answer import AnswerError, submit_response
from tests.factories import MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _consultation():
    region = RegionFactory()
    municipality = MunicipalityFactory(region=region)
    now = datetime.datetime.now(datetime.UTC)
    consultation = Consultation.objects.create(
        region=region,
        title="Race",
        introduction="Twee tegelijk.",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        contact_name="Sanne",
        status=ConsultationStatus.OPEN,
    )
    section = Section.objects.create(consultation=consultation, title="Deel")
    Question.objects.create(consultation=consultation, section=section, kind=QuestionKind.SCALE, text="Cijfer?")
    batch = CodeBatch.objects.create(consultation=consultation, municipality=municipality, count=1)
    code = InvitationCode.objects.create(
        consultation=consultation, batch=batch, municipality=municipality, code="RACE2345"
    )
    return consultation, code


def test_two_racing_submits_of_one_code_store_exactly_one_answer():
    consultation, code = _consultation()
    question = Question.objects.get(consultation=consultation)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(scale):
        try:
            questionnaire = selectors.questionnaire(consultation)
            barrier.wait(timeout=10)
            for _attempt in range(200):
                try:
                    submit_response(
                        consultation=consultation,
                        questionnaire=questionnaire,
                        answers={str(question.pk): scale},
                        texts={},
                        municipality=None,
                        channel=Channel.CODE,
                        code="RACE-2345",
                        today=datetime.date.today(),
                    )
                    outcomes.append("stored")
                    return
                except OperationalError as busy:
                    # The test's in-memory SQLite (shared cache) refuses a locked table at once instead of waiting
                    # like the file database's busy_timeout does: wait and try again, as the busy timeout would.
                    if "locked" not in str(busy):
                        raise
                    time.sleep(0.01)
        except AnswerError as refused:
            outcomes.append(refused.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(value,)) for value in (2, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["stored", "used"]
    assert Response.objects.filter(consultation=consultation).count() == 1
    respondents = Tally.objects.get(consultation=consultation, question_id=0, choice=0)
    assert respondents.count == 1
    assert InvitationCode.objects.get(pk=code.pk).used
