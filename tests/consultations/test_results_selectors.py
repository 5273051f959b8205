"""Results read from the counters: per question, per municipality (with the small-group rule), per channel."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspraak.consultations.models import Channel
from inspraak.consultations.selectors import consultation_in
from inspraak.consultations.selectors.results import PROTECTING, SMALL, results
from tests.consultations.data import consultation_data, submit
from tests.factories import MunicipalityFactory


def _results(world, consultation):
    return results(consultation_in(world.region, consultation.pk))


def test_counts_and_percentages_per_option_come_from_the_counters(world):
    data = consultation_data(world)
    found = _results(world, data.gr)
    assert found.respondents == 10
    single = next(q for q in found.questions if q.question.pk == data.questions["single"].pk)
    assert single.answered == 10
    # index % 3 for 7 answers gives Ja 3, Soms 2, Nee 2; 2 + 1 more "Ja" (single=0)
    assert [(r.label, r.count) for r in single.rows] == [("Ja", 6), ("Soms", 2), ("Nee", 2)]
    assert single.rows[0].percent == Decimal("60.0")


def test_a_scale_has_its_mean_and_distribution_with_dont_know_apart(world):
    data = consultation_data(world)
    found = _results(world, data.gr)
    scale = next(q for q in found.questions if q.is_scale)
    assert scale.dont_know.count == 1
    assert [r.count for r in scale.rows] == [0, 2, 0, 7, 0]
    assert scale.mean == Decimal("3.6")  # (2*2 + 7*4) / 9


def test_a_municipality_with_fewer_than_five_is_hidden_and_the_other_protects_it(world):
    data = consultation_data(world)
    found = _results(world, data.gr)
    rows = {row.key: row for row in found.municipalities}
    assert rows[world.municipality_2.pk].respondents.hidden == SMALL
    assert rows[world.municipality_2.pk].respondents.text == "minder dan 5"
    assert rows[world.municipality_2.pk].respondents.count is None
    # Zeedorp (8) would give the second municipality away by subtraction from the total (10).
    assert rows[world.municipality.pk].respondents.hidden == PROTECTING
    assert found.others is None  # it would be the total again
    for question in found.questions:
        assert all(g.hidden and g.answered is None for g in question.groups)
    assert found.municipality_labels == {}
    assert found.any_hidden


def test_shown_and_combined_municipalities_when_enough_answered(world):
    data = consultation_data(world)
    third = MunicipalityFactory(region=world.region, name="Havenstad")
    data.gr.municipalities.add(third)
    for _index in range(12):
        submit(data.gr, data.questions, municipality=third, channel=Channel.CODE)
    found = _results(world, data.gr)
    rows = {row.key: row for row in found.municipalities}
    assert rows[third.pk].respondents.count == 12
    assert rows[world.municipality_2.pk].respondents.hidden == SMALL
    assert rows[world.municipality.pk].respondents.hidden == PROTECTING
    assert found.others.count == 10
    single = next(q for q in found.questions if q.question.pk == data.questions["single"].pk)
    labels = [g.label for g in single.groups if not g.hidden]
    assert labels == [third.name, "Overige gemeenten"]
    assert single.groups[-1].answered == 10


def test_response_rate_and_channels(world):
    data = consultation_data(world)
    found = _results(world, data.gr)
    assert found.issued == 13
    rows = {row.key: row for row in found.municipalities}
    assert rows[world.municipality.pk].issued == 10
    assert rows[world.municipality_2.pk].used.text == "minder dan 5"
    assert rows[world.municipality_2.pk].rate is None
    assert found.used.count == 10
    assert found.rate == Decimal("76.9")
    channels = {c.key: c for c in found.channels}
    # Paper (1) is small; code (9) would give it away by subtraction from the total.
    assert channels[Channel.PAPER].hidden == SMALL
    assert channels[Channel.CODE].hidden == PROTECTING
    assert channels[Channel.OPEN].count == 0


def test_moderated_texts_only(world):
    data = consultation_data(world)
    found = _results(world, data.gr)
    long = next(q for q in found.questions if q.question.pk == data.questions["long"].pk)
    assert long.texts_shown == 8
    assert long.texts_pending == 2
    assert len(long.texts) == 8


def test_fewer_than_five_in_all_hides_every_number(world):
    data = consultation_data(world)
    found = _results(world, data.body_draft)
    assert found.respondents == 0 and not found.total_hidden
    submit_target = data.published
    found = _results(world, submit_target)
    assert found.respondents == 6 and not found.total_hidden


def test_the_number_of_queries_does_not_grow_with_answers(world):
    data = consultation_data(world)
    consultation = consultation_in(world.region, data.gr.pk)
    with CaptureQueriesContext(connection) as before:
        results(consultation)
    for _index in range(20):
        submit(data.gr, data.questions, municipality=world.municipality_2, channel=Channel.OPEN)
    with CaptureQueriesContext(connection) as after:
        results(consultation)
    # Was 9: the moderated texts were counted in a query of their own (issue 15: they are counters now). Was 8:
    # the counters, the issued codes, the names, the options and the first texts are one statement now, and the
    # questions one query (issue 15): questions, that statement, the counters per municipality.
    assert len(before) == len(after) == 3
