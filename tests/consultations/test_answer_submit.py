"""submit_response: one complete answer stored anonymously with its tallies, the code used once, refusals."""

from __future__ import annotations

import datetime

import pytest

from inspraak.consultations import selectors
from inspraak.consultations.models import (
    Channel,
    ConsultationStatus,
    Draft,
    InvitationCode,
    OpenLinkUse,
    Response,
    Tally,
    TextAnswer,
)
from inspraak.consultations.rules import answer as rules
from inspraak.consultations.services import answer as services
from inspraak.consultations.services.answer import AnswerError
from tests.consultations.data import consultation_data
from tests.world import NOW, TODAY

WORLD_DATA = [consultation_data]


def _answers(data, *, single=0, scale=3):
    q = data.questions
    options = {name: [o.pk for o in question.options.all()] for name, question in q.items()}
    answers = {
        str(q["single"].pk): options["single"][single],
        str(q["multiple"].pk): [options["multiple"][1]],
        str(q["scale"].pk): scale,
    }
    texts = {q["long"].pk: "  De brieven zijn te lang.  ", q["short"].pk: ""}
    return answers, texts


def _submit(data, **overrides):
    answers, texts = _answers(data)
    kwargs = {
        "consultation": data.gr,
        "questionnaire": selectors.questionnaire(data.gr),
        "answers": answers,
        "texts": texts,
        "municipality": None,
        "channel": Channel.CODE,
        "code": data.free_code,
        "today": TODAY,
        "now": NOW,
    }
    kwargs.update(overrides)
    services.submit_response(**kwargs)


def _count(consultation, question_id=0, choice=0, channel=None):
    rows = Tally.objects.filter(consultation=consultation, question_id=question_id, choice=choice)
    if channel:
        rows = rows.filter(channel=channel)
    return sum(rows.values_list("count", flat=True))


def test_a_code_answer_is_stored_without_the_code_and_counted(world):
    data = consultation_data(world)
    before = _count(data.gr)
    old = list(Response.objects.values_list("pk", flat=True))
    Draft.objects.create(consultation=data.gr, code=data.free_code, answers={"1": 2})

    _submit(data)

    response = Response.objects.exclude(pk__in=old).get()
    assert response.municipality_id == world.municipality.pk
    assert response.channel == Channel.CODE
    assert response.submitted_on == TODAY
    assert response.answers[str(data.questions["scale"].pk)] == 3
    assert not hasattr(response, "code") and "code" not in response.answers
    text = TextAnswer.objects.get(response=response)
    assert text.text == "De brieven zijn te lang." and text.question_id == data.questions["long"].pk
    assert _count(data.gr) == before + 1
    assert _count(data.gr, data.questions["scale"].pk, 3) >= 1
    assert InvitationCode.objects.get(pk=data.free_code.pk).used
    assert not Draft.objects.filter(code=data.free_code).exists()


def test_the_first_real_answer_marks_the_consultation_as_answered(world):
    data = consultation_data(world)
    data.gr.has_answers = False
    data.gr.save(update_fields=["has_answers"])
    _submit(data)
    data.gr.refresh_from_db()
    assert data.gr.has_answers


def test_a_typed_code_works_in_any_shape(world):
    data = consultation_data(world)
    typed = f" {data.free_code.code[:4].lower()}-{data.free_code.code[4:]} "
    _submit(data, code=typed)
    assert InvitationCode.objects.get(pk=data.free_code.pk).used


def test_a_used_code_is_refused_and_nothing_is_stored(world):
    data = consultation_data(world)
    before = Response.objects.count(), _count(data.gr)
    with pytest.raises(AnswerError) as refused:
        _submit(data, code=data.used_code)
    assert refused.value.code == "used"
    assert (Response.objects.count(), _count(data.gr)) == before


def test_a_code_of_another_consultation_is_refused(world):
    data = consultation_data(world)
    other = InvitationCode.objects.filter(consultation=data.other).first()
    with pytest.raises(AnswerError) as refused:
        _submit(data, code=other)
    assert refused.value.code == "wrong_code"


def test_the_second_of_two_racing_submits_finds_the_code_used_when_it_gets_the_lock(world, monkeypatch):
    """Both read the code as free (as two requests do before either writes); the conditional update lets only one
    through. The second stores nothing."""
    data = consultation_data(world)
    before = Response.objects.count(), _count(data.gr)
    stale = InvitationCode.objects.get(pk=data.free_code.pk)
    monkeypatch.setattr(services, "_lock_code", lambda consultation, code: stale)
    InvitationCode.objects.filter(pk=stale.pk).update(used=True)  # the first submit committed meanwhile
    with pytest.raises(AnswerError) as refused:
        _submit(data)
    assert refused.value.code == "used"
    assert (Response.objects.count(), _count(data.gr)) == before


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": ConsultationStatus.CLOSED}, "closed"),
        ({"closes_at": NOW - datetime.timedelta(minutes=1)}, "closed"),
        ({"opens_at": NOW + datetime.timedelta(hours=1)}, "not_yet"),
        ({"status": ConsultationStatus.DRAFT}, "not_yet"),
    ],
)
def test_online_answers_outside_the_period_are_refused(world, change, code):
    data = consultation_data(world)
    for name, value in change.items():
        setattr(data.gr, name, value)
    with pytest.raises(AnswerError) as refused:
        _submit(data)
    assert refused.value.code == code
    assert not InvitationCode.objects.get(pk=data.free_code.pk).used


def test_a_paper_form_is_taken_after_closing_and_audited(world):
    data = consultation_data(world)
    data.gr.status = ConsultationStatus.CLOSED
    before = _count(data.gr, channel=Channel.PAPER)
    _submit(data, channel=Channel.PAPER, by=world.users["officer_region"])
    assert _count(data.gr, channel=Channel.PAPER) == before + 1
    from inspraak.audit.models import AuditEvent

    event = AuditEvent.objects.filter(action="consultation.paper_entry").get()
    assert event.target_id == str(data.gr.pk)


def test_a_paper_form_for_a_code_used_online_is_refused(world):
    data = consultation_data(world)
    with pytest.raises(AnswerError) as refused:
        _submit(data, channel=Channel.PAPER, code=data.used_code)
    assert refused.value.code == "used"


def test_an_online_answer_writes_no_audit_row_that_could_date_it(world):
    from inspraak.audit.models import AuditEvent

    data = consultation_data(world)
    before = AuditEvent.objects.count()
    _submit(data)
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("question", "value", "error"),
    [
        ("single", 999999, rules.NOT_AN_OPTION),
        ("multiple", [999999], rules.NOT_AN_OPTION),
        ("scale", 6, rules.SCALE),
        ("scale", -1, rules.SCALE),
    ],
)
def test_an_answer_that_is_not_in_the_list_is_refused(world, question, value, error):
    data = consultation_data(world)
    answers, texts = _answers(data)
    answers[str(data.questions[question].pk)] = value
    with pytest.raises(AnswerError) as refused:
        _submit(data, answers=answers, texts=texts)
    assert refused.value.code == "invalid"
    assert refused.value.errors == {data.questions[question].pk: error}
    assert not InvitationCode.objects.get(pk=data.free_code.pk).used


def test_a_required_question_left_open_and_a_too_long_text_are_refused(world):
    data = consultation_data(world)
    answers, _texts = _answers(data)
    texts = {data.questions["long"].pk: "", data.questions["short"].pk: "x" * 10_000}
    with pytest.raises(AnswerError) as refused:
        _submit(data, answers=answers, texts=texts)
    assert refused.value.errors == {
        data.questions["long"].pk: rules.REQUIRED,
        data.questions["short"].pk: rules.TOO_LONG,
    }


def test_an_open_link_answer_counts_once_per_browser(world):
    data = consultation_data(world)
    before = _count(data.gr, channel=Channel.OPEN)
    _submit(data, channel=Channel.OPEN, code=None, browser_key="a" * 64, municipality=world.municipality_2)
    assert _count(data.gr, channel=Channel.OPEN) == before + 1
    assert OpenLinkUse.objects.filter(consultation=data.gr).count() == 1
    with pytest.raises(AnswerError) as refused:
        _submit(data, channel=Channel.OPEN, code=None, browser_key="a" * 64)
    assert refused.value.code == "open_used"
    assert _count(data.gr, channel=Channel.OPEN) == before + 1


def test_the_open_link_needs_the_owner_to_allow_it(world):
    data = consultation_data(world)
    data.gr.open_link = False
    with pytest.raises(AnswerError) as refused:
        _submit(data, channel=Channel.OPEN, code=None, browser_key="b" * 64)
    assert refused.value.code == "no_open_link"


def test_an_open_link_answer_for_a_municipality_not_asked_is_refused(world):
    data = consultation_data(world)
    with pytest.raises(AnswerError) as refused:
        _submit(data, channel=Channel.OPEN, code=None, browser_key="c" * 64, municipality=world.other_municipality)
    assert refused.value.code == "municipality"
