"""consultations/bench.py: the bulk loader counts exactly what answering one by one would count; the bench data set
is realistic (small groups present) and its pages are in the bench's key pages."""

from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest

from inspraak.consultations import rules
from inspraak.consultations.bench import (
    BENCH_TITLE,
    CHECKED,
    Plan,
    build_consultation,
    key_pages,
    load_answers,
    make_questionnaire,
    spread,
)
from inspraak.consultations.models import (
    Channel,
    CodeBatch,
    Consultation,
    ConsultationStatus,
    InvitationCode,
    Response,
    Tally,
    TallyTotal,
    TextAnswer,
)
from tests.world import NOW, TODAY

pytestmark = pytest.mark.django_db


def _tallies(consultation) -> Counter:
    return Counter(
        {
            (t.question_id, t.choice, t.municipality_id, t.channel): t.count
            for t in Tally.objects.filter(consultation=consultation)
        }
    )


def test_bulk_loading_counts_what_answering_one_by_one_counts(world):
    consultation = Consultation.objects.create(
        region=world.region,
        title="Bulk",
        introduction="x",
        opens_at=NOW - datetime.timedelta(days=1),
        closes_at=NOW + datetime.timedelta(days=1),
        contact_name="x",
    )
    questions = make_questionnaire(consultation)
    assert len(questions) == 10
    plan = Plan(
        {
            (world.municipality.pk, Channel.CODE): 120,
            (world.municipality_2.pk, Channel.PAPER): 3,
            (None, Channel.OPEN): 7,
        }
    )
    written = load_answers(
        consultation,
        questions,
        plan,
        days=[TODAY],
        codes_issued={world.municipality.pk: 200, world.municipality_2.pk: 2},
    )
    assert written["responses"] == Response.objects.filter(consultation=consultation).count() == 130
    # Recount from the stored answers and texts, as add_to_tallies would have, answer by answer.
    kinds = {q.pk: q.kind for q in questions}
    texts: dict = {}
    checked: Counter = Counter()  # the texts are loaded checked (shown): counted as moderate_text counts them
    for response_id, question_id, status, municipality_id, channel in TextAnswer.objects.filter(
        consultation=consultation
    ).values_list("response_id", "question_id", "status", "municipality_id", "response__channel"):
        texts.setdefault(response_id, []).append(question_id)
        checked[(question_id, CHECKED[status], municipality_id or 0, channel)] += 1
    expected: Counter = Counter()
    for response in Response.objects.filter(consultation=consultation):
        for q, c in rules.tally_keys(kinds, response.answers, texts.get(response.pk, [])):
            expected[(q, c, response.municipality_id or 0, response.channel)] += 1
    assert checked and _tallies(consultation) == expected + checked
    # The totals per question and answer are the counters summed over municipalities and channels.
    totals: Counter = Counter()
    for (q, c, _municipality, _channel), n in (expected + checked).items():
        totals[(q, c)] += n
    assert (
        Counter({(t.question_id, t.choice): t.count for t in TallyTotal.objects.filter(consultation=consultation)})
        == totals
    )
    # Codes: issued per municipality (never fewer than were used), used as many as code and paper answers.
    assert dict(CodeBatch.objects.filter(consultation=consultation).values_list("municipality_id", "count")) == {
        world.municipality.pk: 200,
        world.municipality_2.pk: 3,
    }
    assert InvitationCode.objects.filter(consultation=consultation, used=True).count() == 123
    codes = list(InvitationCode.objects.values_list("code", flat=True))
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 8 and not set(c) & set("01IO") for c in codes)


def test_spread_gives_every_municipality_answers_and_a_few_fewer_than_five():
    result = spread(10_000, list(range(1, 351)), random.Random(1))
    assert sum(result.values()) == 10_000
    assert len(result) == 350
    assert sorted(result.values())[:3] == [2, 2, 2]
    assert min(v for v in result.values() if v != 2) >= 5


def test_the_bench_consultation_is_published_with_its_pages(world):
    made = build_consultation(answers=3_000, municipalities=2)
    consultation = Consultation.objects.get(title=BENCH_TITLE)
    assert consultation.status == ConsultationStatus.PUBLISHED and consultation.outcome
    assert made["answers"] == 3_000 == Response.objects.filter(consultation=consultation).count()
    respondents = Tally.objects.filter(consultation=consultation, question_id=0, choice=0)
    assert sum(respondents.values_list("count", flat=True)) == 3_000
    channels = Counter(Response.objects.filter(consultation=consultation).values_list("channel", flat=True))
    assert channels[Channel.CODE] > channels[Channel.PAPER] > channels[Channel.OPEN] > 0
    assert build_consultation(answers=3_000, municipalities=2)["consultation"] == consultation.pk  # idempotent
    names = {name for _label, name, *_rest in key_pages()}
    assert {"consultations:results", "consultations:public_detail"} <= names


def test_the_bench_pages_answer_with_the_same_queries_for_more_answers_and_municipalities(world):
    """The results page, the exports and the public page of the bench consultation: 200, and as many queries for
    300 answers over 2 municipalities as after 3,000 more answers over both (the counters, not the answers)."""
    from django.test import Client
    from django.urls import reverse

    from inspraak.consultations.bench import bench_consultation
    from tests.quality.queries import assert_constant_queries

    build_consultation(answers=300, municipalities=2)
    consultation, _officer = bench_consultation()
    questions = list(consultation.questions.prefetch_related("options").order_by("position"))
    munis = list(consultation.municipalities.values_list("pk", flat=True))
    more = iter(range(10))

    def grow():
        n = next(more)
        plan = Plan({(munis[0], Channel.CODE): 2_000, (munis[1], Channel.PAPER): 1_000})
        load_answers(consultation, questions, plan, days=[TODAY], seed=100 + n)

    for _label, name, kwargs, user in key_pages():
        client = Client()
        if user is not None:
            client.force_login(user)
        assert_constant_queries(client, reverse(name, kwargs=kwargs), grow)


def test_the_slow_downloads_are_timed_once(world):
    from inspraak.consultations.bench import one_off_downloads

    build_consultation(answers=200, municipalities=2)
    timed = one_off_downloads()
    assert set(timed) == {"results PDF report", "answers CSV"}
    for result in timed.values():
        assert result["status"] == 200 and result["bytes"] > 0 and result["seconds"] >= 0
