"""The small-group rule of consultation results (rules/results.py): primary and secondary suppression."""

from __future__ import annotations

import itertools
from decimal import Decimal

from inspraak.consultations.rules.results import escape_all, mean, percent, rate, suppress


def test_groups_of_five_or_more_are_all_shown():
    found = suppress({"a": 5, "b": 12, "c": 40})
    assert not found.any_hidden
    assert found.others is None
    assert all(found.shown(k) for k in "abc")


def test_a_group_of_fewer_than_five_is_hidden_and_the_next_smallest_protects_it():
    found = suppress({"a": 3, "b": 7, "c": 40})
    assert found.small == {"a"}
    assert found.protecting == {"b"}  # else 50 - 7 - 40 = 3 gives "a" away
    assert found.shown("c")
    assert found.others == 10  # the hidden ones together, shown as "overige gemeenten"


def test_no_secondary_suppression_when_the_small_groups_together_are_five_or_more():
    found = suppress({"a": 3, "b": 2, "c": 4, "d": 30})
    assert found.small == {"a", "b", "c"}
    assert found.protecting == set()
    assert found.others == 9


def test_secondary_suppression_takes_the_smallest_shown_group_and_breaks_ties_by_key():
    found = suppress({"a": 1, "z": 6, "y": 6, "x": 9})
    assert found.protecting == {"y"}
    assert found.others == 7


def test_groups_with_nobody_are_shown_as_zero_and_never_protect():
    found = suppress({"a": 0, "b": 2, "c": 0, "d": 8, "e": 20})
    assert found.small == {"b"}
    assert found.protecting == {"d"}
    assert found.shown("a") and found.shown("c")


def test_the_combined_group_is_not_shown_when_it_would_be_the_total():
    found = suppress({"zeedorp": 8, "duinrand": 2})
    assert found.small == {"duinrand"}
    assert found.protecting == {"zeedorp"}
    assert found.others is None


def test_fewer_than_five_respondents_in_all_hides_the_totals_too():
    found = suppress({"a": 2, "b": 1, "c": 0})
    assert found.total_hidden
    assert found.hidden("a") and found.hidden("b")
    assert found.others is None
    assert not suppress({}).total_hidden
    assert not suppress({"a": 0}).total_hidden


def test_a_custom_threshold_is_respected():
    found = suppress({"a": 9, "b": 30}, threshold=10)
    assert found.small == {"a"}
    assert found.protecting == {"b"}


def test_no_hidden_group_can_be_recovered_from_the_total():
    """For every combination of four groups: what is shown (the total, the shown groups and "overige") never pins a
    group of 1–4 respondents down, and every shown group has 0 or at least 5 respondents."""
    for sizes in itertools.product([0, 1, 2, 4, 5, 6, 9, 30], repeat=4):
        _check_cannot_recover(sizes)


def _check_cannot_recover(sizes):
    groups = dict(zip("abcd", sizes, strict=True))
    found = suppress(groups)
    total = sum(sizes)
    if found.total_hidden:
        assert all(found.hidden(k) for k, n in groups.items() if n)
        return
    shown = {k: n for k, n in groups.items() if found.shown(k)}
    assert all(n == 0 or n >= 5 for n in shown.values())
    hidden = [k for k in groups if found.hidden(k)]
    remainder = total - sum(shown.values())
    # What the subtraction gives is the hidden groups together: 0 or at least 5, unless the total itself is small.
    assert remainder == 0 or remainder >= 5
    if len(hidden) == 1:
        assert groups[hidden[0]] >= 5 or groups[hidden[0]] == 0
    if found.others is not None:
        assert found.others == remainder >= 5
        assert shown


def test_percent_mean_and_rate_use_decimals_with_one_digit():
    assert percent(1, 3) == Decimal("33.3")
    assert percent(2, 3) == Decimal("66.7")
    assert percent(1, 0) is None
    assert mean({1: 1, 2: 1, 5: 2}) == Decimal("3.3")
    assert mean({}) is None
    assert rate(8, 10) == Decimal("80.0")


def test_escape_all_escapes_each_text_as_django_does():
    from django.utils.html import escape as django_escape

    texts = ["Den Haag & Rijswijk", "<b>", "", "'s-Hertogenbosch", 'zeg "ja"', 12, "een\x1fscheiding"]
    assert escape_all(texts) == [str(django_escape(text)) for text in texts]
    assert escape_all(texts[:-1]) == [str(django_escape(text)) for text in texts[:-1]]
    assert escape_all([]) == []
