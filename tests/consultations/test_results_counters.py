"""Issue 15: the results pages read everything from counters, whatever the number of answers and open answers.

- ``TallyTotal`` holds the sum of the ``Tally`` counters over municipalities and channels (kept by add_counts);
- the checked open answers are counters too (shown: -2, left out: -3), kept by moderate_text; still to check is
  "answered" less those two;
- the first shown open answers per question are an indexed LIMIT, the same ones the page showed before;
- the per-municipality table and the municipality picker are written from texts made once per row."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from importlib import import_module

from django.apps import apps
from django.db.models import Sum

from inspraak.consultations.models import (
    TALLY_TEXT_REMOVED,
    TALLY_TEXT_SHOWN,
    Channel,
    Question,
    QuestionKind,
    Tally,
    TallyTotal,
    TextAnswer,
    TextStatus,
)
from inspraak.consultations.rules import results as rules
from inspraak.consultations.selectors import consultation_in
from inspraak.consultations.selectors.results import TEXTS_SHOWN, results
from inspraak.consultations.services.results import REMOVE, SHOW, moderate_text, recount_texts
from inspraak.consultations.templatetags.consultation_results_tags import group_options, municipality_rows
from tests.consultations.data import consultation_data, submit
from tests.consultations.data_results import results_data


def _sums(consultation) -> dict:
    return dict(
        ((q, c), n)
        for q, c, n in Tally.objects.filter(consultation=consultation)
        .values_list("question_id", "choice")
        .annotate(n=Sum("count"))
        .order_by()
    )


def _totals(consultation) -> dict:
    return {
        (q, c): n
        for q, c, n in TallyTotal.objects.filter(consultation=consultation).values_list(
            "question_id", "choice", "count"
        )
    }


def _long(world, consultation, data_questions):
    found = results(consultation_in(world.region, consultation.pk))
    return next(q for q in found.questions if q.question.pk == data_questions["long"].pk)


def test_the_totals_are_always_the_sum_of_the_counters(world):
    data = consultation_data(world)
    assert _totals(data.gr) == _sums(data.gr) and _totals(data.gr)[(0, 0)] == 10
    for _index in range(3):
        submit(data.gr, data.questions, municipality=world.municipality_2, channel=Channel.OPEN)
    pending = TextAnswer.objects.filter(consultation=data.gr, status=TextStatus.PENDING).order_by("pk")
    moderate_text(text=pending[0], action=SHOW, by=world.user("officer_region"))
    assert _totals(data.gr) == _sums(data.gr) and _totals(data.gr)[(0, 0)] == 13


def test_checking_an_open_answer_moves_it_from_still_to_check_to_shown_or_left_out(world):
    data = results_data(world)
    long = Question.objects.get(consultation=data.closed, kind=QuestionKind.LONG)
    counted = {"long": long}
    before = _long(world, data.closed, counted)
    assert (before.texts_shown, before.texts_pending) == (4, 2)
    officer = world.user("officer_region")
    moderate_text(text=data.pending[0], action=SHOW, by=officer)
    moderate_text(text=data.pending[1], action=REMOVE, by=officer)
    after = _long(world, data.closed, counted)
    assert (after.texts_shown, after.texts_pending) == (5, 0)
    assert len(after.texts) == 5
    # The counters agree with counting the texts themselves.
    statuses = Counter(TextAnswer.objects.filter(consultation=data.closed).values_list("status", flat=True))
    totals = _totals(data.closed)
    assert totals[(long.pk, TALLY_TEXT_SHOWN)] == statuses[TextStatus.SHOWN] == 5
    assert totals[(long.pk, TALLY_TEXT_REMOVED)] == statuses[TextStatus.REMOVED] == 1
    assert statuses[TextStatus.PENDING] == 0


def test_recounting_gives_the_counters_that_checking_one_by_one_gave(world):
    data = results_data(world)
    officer = world.user("officer_region")
    moderate_text(text=data.pending[0], action=SHOW, by=officer)
    moderate_text(text=data.pending[1], action=REMOVE, by=officer)
    kept = sorted(
        Tally.objects.filter(consultation=data.closed).values_list(
            "question_id", "choice", "municipality_id", "channel", "count"
        )
    )
    recount_texts(consultation=data.closed)
    again = sorted(
        Tally.objects.filter(consultation=data.closed).values_list(
            "question_id", "choice", "municipality_id", "channel", "count"
        )
    )
    assert again == kept and _totals(data.closed) == _sums(data.closed)


def test_the_migration_counts_what_was_checked_before_it(world):
    data = results_data(world)
    moderate_text(text=data.pending[0], action=SHOW, by=world.user("officer_region"))
    expected_tallies = sorted(Tally.objects.values_list("consultation_id", "question_id", "choice", "count"))
    expected_totals = sorted(TallyTotal.objects.values_list("consultation_id", "question_id", "choice", "count"))
    Tally.objects.filter(choice__in=[TALLY_TEXT_SHOWN, TALLY_TEXT_REMOVED]).delete()
    TallyTotal.objects.all().delete()
    import_module("inspraak.consultations.migrations.0003_text_counters").count(apps, None)
    assert sorted(Tally.objects.values_list("consultation_id", "question_id", "choice", "count")) == expected_tallies
    assert (
        sorted(TallyTotal.objects.values_list("consultation_id", "question_id", "choice", "count")) == expected_totals
    )


def test_the_page_shows_the_first_shown_texts_in_the_order_it_always_did(world):
    data = consultation_data(world)
    for index in range(15):
        submit(data.gr, data.questions, municipality=world.municipality, channel=Channel.CODE, long=f"Nummer {index}.")
    TextAnswer.objects.filter(consultation=data.gr).update(status=TextStatus.SHOWN)
    recount_texts(consultation=data.gr)
    long = _long(world, data.gr, data.questions)
    first = list(
        TextAnswer.objects.filter(consultation=data.gr, question=data.questions["long"], status=TextStatus.SHOWN)
        .exclude(text="")
        .order_by("id")
        .values_list("text", flat=True)[:TEXTS_SHOWN]
    )
    assert long.texts == first and len(first) == TEXTS_SHOWN
    assert (long.texts_shown, long.texts_pending) == (25, 0)


def test_table_texts_are_made_once_the_way_the_template_wrote_them():
    words = {"small": "minder dan 5", "protecting": "niet getoond"}
    assert rules.number_text(12, "", words) == "12"
    assert rules.number_text(None, "small", words) == "minder dan 5"
    assert rules.number_text(None, "protecting", words) == "niet getoond"
    assert rules.number_text(None, "", words) == ""
    assert rules.percent_text(Decimal("76.9"), decimal_sign=",") == "76,9%"
    assert rules.percent_text(Decimal("100.0"), decimal_sign=",") == "100,0%"
    assert rules.percent_text(Decimal("5"), decimal_sign=".") == "5.0%"
    assert rules.percent_text(None, decimal_sign=",") == "–"


def test_the_rows_and_options_are_escaped(world):
    class Row:
        label = '<b>"Dorp"</b>'
        texts = ("12", "20", "minder dan 5", "60,0%")

    html = municipality_rows([Row()])
    assert html.startswith('<tr><th scope="row">&lt;b&gt;&quot;Dorp&quot;&lt;/b&gt;</th>')
    assert '<td data-label="Antwoorden">12</td><td data-label="Codes uitgedeeld">20</td>' in html
    assert html.endswith('<td data-label="Respons">60,0%</td></tr>')
    options = group_options([("a&b", "A & B"), ("zeedorp", "Zeedorp")], "zeedorp")
    assert options == '<option value="a&amp;b">A &amp; B</option><option value="zeedorp" selected>Zeedorp</option>'


def test_the_fast_escape_is_djangos():
    from django.utils.html import escape as django_escape

    for text in ('<a href="x">Tom & Jerry\'s</a>', "76,9%", "minder dan 5", "", "Zoë"):
        assert rules.escape(text) == django_escape(text)
