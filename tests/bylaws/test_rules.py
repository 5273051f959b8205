"""The pure checks of a verordening (ADR 16): facts in, findings out, the date passed in."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from inspraak.bylaws.rules import (
    ATTENTION,
    ELEMENTS,
    FAILS,
    MEETS,
    BodyFacts,
    BylawFacts,
    check,
    element_label,
    in_force,
)

D = datetime.date
ON = D(2026, 12, 2)
PANEL = BodyFacts(
    key=1,
    name="Cliëntenpanel",
    active_members=8,
    min_meetings_per_year=4,
    advice_period_weeks=6,
    response_period_weeks=6,
)
EMPTY = BodyFacts(
    key=2, name="Lege raad", active_members=0, min_meetings_per_year=4, advice_period_weeks=6, response_period_weeks=6
)
BODIES = {1: PANEL, 2: EMPTY}


def bylaw(**changes) -> BylawFacts:
    values = {
        "key": 10,
        "title": "Verordening cliëntenparticipatie 2024",
        "adopted_by": "gemeenteraad",
        "in_force_from": D(2024, 1, 1),
        "in_force_until": None,
        "legal_basis": "participatiewet",
        "target_group": "art_7_1_7a",
        "elements": dict.fromkeys(ELEMENTS, True),
        "designated_body_keys": (1,),
        "min_meetings_per_year": 4,
        "advice_period_weeks": 6,
        "response_period_weeks": 6,
        "evaluation_on": D(2028, 1, 1),
    }
    values.update(changes)
    return BylawFacts(**values)


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def test_a_council_text_that_regulates_a_to_e_meets_without_findings():
    result = check([bylaw()], BODIES, on=ON)
    assert result.status == MEETS and result.meets
    assert result.findings == ()
    assert result.bylaw_key == 10
    assert all(result.regulated(letter) for letter in ELEMENTS)


# ---------------------------------------------------------------- 1. no verordening in force


def test_no_text_at_all_fails_with_geen_verordening():
    result = check([], BODIES, on=ON)
    assert result.status == FAILS
    assert codes(result) == ["no_bylaw"]
    assert "geen verordening" in result.findings[0].message
    assert result.bylaw_key is None
    assert not any(result.regulated(letter) for letter in ELEMENTS)


def test_a_text_that_ended_yesterday_does_not_count():
    result = check([bylaw(in_force_until=ON - datetime.timedelta(days=1))], BODIES, on=ON)
    assert codes(result) == ["no_bylaw"]


def test_a_text_that_starts_tomorrow_does_not_count_yet():
    result = check([bylaw(in_force_from=ON + datetime.timedelta(days=1))], BODIES, on=ON)
    assert codes(result) == ["no_bylaw"]


def test_the_first_and_the_last_day_are_both_in_force():
    text = bylaw(in_force_from=ON, in_force_until=ON)
    assert in_force([text], ON) == text
    assert check([text], BODIES, on=ON).meets


# ---------------------------------------------------------------- which text is in force on a date


def test_of_two_texts_over_time_the_date_decides_which_one_counts():
    old = bylaw(key=1, legal_basis="wwb", in_force_from=D(2009, 1, 1), in_force_until=D(2023, 12, 31))
    new = bylaw(key=2, in_force_from=D(2024, 1, 1))
    assert in_force([old, new], D(2015, 6, 1)) == old
    assert in_force([old, new], D(2023, 12, 31)) == old
    assert in_force([old, new], D(2024, 1, 1)) == new
    assert in_force([old, new], D(2008, 12, 31)) is None
    assert check([old, new], BODIES, on=D(2015, 6, 1)).outdated
    assert not check([old, new], BODIES, on=ON).outdated


def test_when_two_texts_overlap_the_one_in_force_from_the_latest_date_counts():
    old = bylaw(key=1, in_force_from=D(2009, 1, 1))  # never given an end date
    new = bylaw(key=2, in_force_from=D(2024, 1, 1), elements={**dict.fromkeys(ELEMENTS, True), "b": False})
    assert check([old, new], BODIES, on=ON).bylaw_key == 2
    assert check([new, old], BODIES, on=ON).bylaw_key == 2


def test_the_date_passed_in_is_the_only_clock():
    text = bylaw(in_force_from=D(2030, 1, 1))
    assert not check([text], BODIES, on=ON).meets
    assert check([text], BODIES, on=D(2030, 1, 1)).meets


# ---------------------------------------------------------------- 2. adopted by the council


@pytest.mark.parametrize("adopted_by", ["college", "algemeen_bestuur", "anders"])
def test_a_text_not_adopted_by_the_council_does_not_count_as_a_verordening(adopted_by):
    result = check([bylaw(adopted_by=adopted_by)], BODIES, on=ON)
    assert result.status == FAILS
    assert codes(result) == ["not_council"]
    assert "gemeenteraad" in result.findings[0].message
    # the elements are still shown as the text regulates them
    assert result.regulated("a")


# ---------------------------------------------------------------- 3. elements a-e


@pytest.mark.parametrize("letter", ELEMENTS)
def test_each_element_that_is_not_regulated_fails_and_is_named_in_plain_dutch(letter):
    result = check([bylaw(elements={**dict.fromkeys(ELEMENTS, True), letter: False})], BODIES, on=ON)
    assert result.status == FAILS
    (finding,) = result.findings
    assert (finding.code, finding.severity, finding.element) == ("element_missing", FAILS, letter)
    assert element_label(letter) in finding.message
    assert not result.regulated(letter)


def test_an_old_wwb_text_regulating_only_c_to_e_fails_on_a_and_b_and_is_outdated():
    elements = {"a": False, "b": False, "c": True, "d": True, "e": True}
    result = check([bylaw(legal_basis="wwb", elements=elements, target_group="art_7_1")], BODIES, on=ON)
    assert result.status == FAILS
    assert [f.element for f in result.failures] == ["a", "b"]
    assert result.outdated
    assert {f.code for f in result.points} == {"outdated", "target_group"}


# ---------------------------------------------------------------- 4.-7. aandachtspunten: never a fail on their own


def test_a_wwb_basis_is_an_aandachtspunt_verouderd_not_a_fail():
    result = check([bylaw(legal_basis="wwb")], BODIES, on=ON)
    assert result.meets and result.outdated
    assert result.findings[0].severity == ATTENTION
    assert "78z" in result.findings[0].message


def test_the_social_domain_basis_is_current():
    assert check([bylaw(legal_basis="sociaal_domein")], BODIES, on=ON).findings == ()


@pytest.mark.parametrize("target_group", ["art_7_1", "niet_genoemd"])
def test_a_target_group_without_art_7a_is_an_aandachtspunt(target_group):
    result = check([bylaw(target_group=target_group)], BODIES, on=ON)
    assert result.meets
    assert codes(result) == ["target_group"]


def test_a_designated_body_without_active_members_is_named():
    result = check([bylaw(designated_body_keys=(1, 2))], BODIES, on=ON)
    assert result.meets
    assert codes(result) == ["body_empty"]
    assert "Lege raad" in result.findings[0].message


def test_a_body_named_in_the_text_but_not_in_inspraak_is_named():
    result = check([bylaw(other_bodies=("Wmo-raad Zeedorp",))], BODIES, on=ON)
    assert codes(result) == ["body_unknown"]
    assert "Wmo-raad Zeedorp" in result.findings[0].message


def test_a_text_that_designates_no_body_gets_an_aandachtspunt():
    assert codes(check([bylaw(designated_body_keys=())], BODIES, on=ON)) == ["no_body"]


def test_body_settings_laxer_than_the_verordening_are_named_with_the_difference():
    lax = dataclasses.replace(PANEL, min_meetings_per_year=2, advice_period_weeks=8, response_period_weeks=10)
    result = check([bylaw()], {1: lax}, on=ON)
    assert result.meets
    assert codes(result) == ["body_fewer_meetings", "body_longer_advice_period", "body_longer_response_period"]
    messages = " ".join(f.message for f in result.findings)
    assert "2 keer" in messages and "4 keer" in messages
    assert "8 weken" in messages and "10 weken" in messages and "6 weken" in messages


def test_stricter_body_settings_are_fine_and_numbers_the_text_leaves_open_are_not_compared():
    strict = dataclasses.replace(PANEL, min_meetings_per_year=6, advice_period_weeks=4, response_period_weeks=4)
    assert check([bylaw()], {1: strict}, on=ON).findings == ()
    open_numbers = bylaw(min_meetings_per_year=None, advice_period_weeks=None, response_period_weeks=None)
    lax = dataclasses.replace(PANEL, min_meetings_per_year=1, advice_period_weeks=20, response_period_weeks=20)
    assert check([open_numbers], {1: lax}, on=ON).findings == ()


def test_an_evaluation_date_that_passed_is_an_aandachtspunt_but_the_day_itself_is_not():
    assert codes(check([bylaw(evaluation_on=ON - datetime.timedelta(days=1))], BODIES, on=ON)) == ["evaluation_due"]
    assert check([bylaw(evaluation_on=ON)], BODIES, on=ON).findings == ()
    assert check([bylaw(evaluation_on=None)], BODIES, on=ON).findings == ()


# ---------------------------------------------------------------- the overall verdict


def test_voldoet_only_when_in_force_adopted_by_the_council_and_a_to_e_regulated():
    everything_else_wrong = bylaw(
        legal_basis="wwb",
        target_group="niet_genoemd",
        designated_body_keys=(2,),
        other_bodies=("Onbekend",),
        evaluation_on=D(2020, 1, 1),
    )
    result = check([everything_else_wrong], BODIES, on=ON)
    assert result.status == MEETS
    assert result.failures == []
    assert len(result.points) == 5
    for wrong in (bylaw(adopted_by="college"), bylaw(elements={**dict.fromkeys(ELEMENTS, True), "e": False})):
        assert check([wrong], BODIES, on=ON).status == FAILS
    assert check([bylaw(in_force_until=D(2025, 1, 1))], BODIES, on=ON).status == FAILS
