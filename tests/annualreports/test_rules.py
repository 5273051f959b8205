import datetime

from inspraak.annualreports import rules

TODAY = datetime.date(2026, 12, 2)


def test_a_report_can_be_started_from_the_first_year_with_data_up_to_this_year():
    assert rules.year_range(2024, TODAY) == [2026, 2025, 2024]
    assert rules.year_allowed(2024, first_year=2024, today=TODAY)
    assert not rules.year_allowed(2023, first_year=2024, today=TODAY)
    assert not rules.year_allowed(2027, first_year=2024, today=TODAY)
    assert rules.year_range(2030, TODAY) == [2026]  # a clock set wrong never leaves no year at all


def test_the_numbers_of_a_year_that_is_not_over_go_up_to_today():
    assert rules.counted_until(2026, TODAY) == TODAY
    assert rules.counted_until(2025, TODAY) == datetime.date(2025, 12, 31)
    assert not rules.year_over(2026, TODAY) and rules.year_over(2025, TODAY)


def test_a_membership_counts_from_its_start_until_the_day_it_ended():
    start = datetime.date(2025, 1, 1)
    assert rules.member_on(term_start=start, ended_on=None, day=datetime.date(2025, 1, 1))
    assert not rules.member_on(term_start=start, ended_on=None, day=datetime.date(2024, 12, 31))
    assert not rules.member_on(term_start=start, ended_on=datetime.date(2025, 6, 1), day=datetime.date(2025, 6, 1))


def test_shares_and_averages_have_no_value_without_data():
    assert rules.share(1, 2) == 50 and rules.share(1, 0) is None
    assert rules.average([4, 2]) == 3 and rules.average([]) is None
