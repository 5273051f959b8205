"""Pure rules of the support scheme and the caps."""

from __future__ import annotations

import datetime
from decimal import Decimal

from inspraak.support import rules


def test_only_this_years_caps_are_needed_until_october():
    assert rules.cap_years_needed(datetime.date(2026, 9, 30)) == [2026]


def test_from_the_first_of_october_next_years_caps_are_needed_too():
    assert rules.cap_years_needed(datetime.date(2026, 10, 1)) == [2026, 2027]
    assert rules.cap_years_needed(datetime.date(2026, 12, 2)) == [2026, 2027]


def test_a_per_meeting_scheme_needs_its_amount():
    assert rules.scheme_problems(allowance_mode="per_bijeenkomst", amount_per_meeting=None, amount_per_month=None) == {
        "amount_per_meeting": "amount_per_meeting"
    }
    assert not rules.scheme_problems(
        allowance_mode="per_bijeenkomst", amount_per_meeting=Decimal("0"), amount_per_month=None
    )


def test_a_monthly_scheme_needs_its_amount_and_none_needs_nothing():
    assert "amount_per_month" in rules.scheme_problems(
        allowance_mode="per_maand", amount_per_meeting=Decimal("35"), amount_per_month=None
    )
    assert not rules.scheme_problems(allowance_mode="geen", amount_per_meeting=None, amount_per_month=None)


def test_amounts_the_chosen_way_does_not_use_are_cleared():
    values = rules.normalised_scheme(
        {
            "allowance_mode": "per_maand",
            "amount_per_meeting": Decimal("35"),
            "amount_per_meeting_chair": Decimal("45"),
            "amount_per_month": Decimal("100"),
            "childcare": False,
            "childcare_max": Decimal("40"),
        }
    )
    assert values["amount_per_meeting"] is None and values["amount_per_meeting_chair"] is None
    assert values["amount_per_month"] == Decimal("100") and values["childcare_max"] is None


def test_the_month_cap_cannot_be_above_the_year_cap():
    assert rules.cap_problems(month_max=Decimal("300"), year_max=Decimal("200")) == {"month_max": "month_above_year"}
    assert not rules.cap_problems(month_max=Decimal("210"), year_max=Decimal("2100"))


def test_a_new_year_copies_the_latest_earlier_year():
    assert rules.copy_source_year([2023, 2025], 2027) == 2025
    assert rules.copy_source_year([2027], 2026) is None
