"""The pure money rules: allowance per month, the cap check across groups, under 27, the budget warnings."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

from inspraak.payments import rules
from inspraak.payments.rules import Caps, Scheme

PER_MEETING = Scheme(rules.PER_MEETING, per_meeting=D("35.00"), per_meeting_chair=D("50.00"))
CAPS = Caps(month_max=D("210.00"), year_max=D("2100.00"))


def test_per_meeting_allowance_is_meetings_times_amount():
    result = rules.allowance_for(PER_MEETING, body_role="lid", meetings_attended=3, active_in_month=True)
    assert result == rules.Allowance(3, D("105.00"))


def test_the_chair_gets_the_chair_amount_per_meeting():
    result = rules.allowance_for(PER_MEETING, body_role="voorzitter", meetings_attended=2, active_in_month=True)
    assert result.amount == D("100.00")


def test_the_chair_gets_the_normal_amount_when_no_chair_amount_is_set():
    scheme = Scheme(rules.PER_MEETING, per_meeting=D("35.00"))
    assert rules.allowance_for(scheme, body_role="voorzitter", meetings_attended=1, active_in_month=True).amount == D(
        "35.00"
    )


def test_no_meetings_attended_gives_nothing_per_meeting():
    assert rules.allowance_for(PER_MEETING, body_role="lid", meetings_attended=0, active_in_month=True).amount == 0


def test_per_month_pays_the_fixed_amount_only_when_active_in_the_month():
    scheme = Scheme(rules.PER_MONTH, per_month=D("40"))
    assert rules.allowance_for(scheme, body_role="lid", meetings_attended=0, active_in_month=True).amount == D("40.00")
    assert rules.allowance_for(scheme, body_role="lid", meetings_attended=2, active_in_month=False).amount == 0


def test_no_scheme_or_mode_none_gives_nothing():
    assert rules.allowance_for(None, body_role="lid", meetings_attended=4, active_in_month=True).amount == 0
    none = Scheme(rules.NONE, per_meeting=D("35"))
    assert rules.allowance_for(none, body_role="lid", meetings_attended=4, active_in_month=True).amount == 0


def test_active_in_month_follows_start_end_and_status():
    dec = datetime.date(2026, 12, 1)
    assert rules.active_in_month(month=dec, started=datetime.date(2026, 12, 31), ended=None, status="actief")
    assert not rules.active_in_month(month=dec, started=datetime.date(2027, 1, 1), ended=None, status="actief")
    assert rules.active_in_month(month=dec, started=None, ended=datetime.date(2026, 12, 1), status="beeindigd")
    assert not rules.active_in_month(month=dec, started=None, ended=datetime.date(2026, 11, 30), status="beeindigd")
    assert not rules.active_in_month(month=dec, started=None, ended=None, status="uitgenodigd")


def test_cap_check_within_both_maxima_is_fine():
    check = rules.check_cap(CAPS, month_so_far=D("70"), year_so_far=D("700"), amount=D("105"))
    assert check.known and not check.exceeded


def test_cap_check_says_by_how_much_the_month_maximum_is_exceeded():
    # Already 130 this month in another group of the region; 105 more takes the month to 235: 25 over.
    check = rules.check_cap(CAPS, month_so_far=D("130"), year_so_far=D("500"), amount=D("105"))
    assert check.month_over == D("25.00")
    assert check.year_over == 0
    assert check.exceeded


def test_exactly_the_maximum_is_not_over():
    check = rules.check_cap(CAPS, month_so_far=D("105"), year_so_far=D("1995"), amount=D("105"))
    assert not check.exceeded


def test_cap_check_says_by_how_much_the_year_maximum_is_exceeded():
    check = rules.check_cap(CAPS, month_so_far=D("0"), year_so_far=D("2050"), amount=D("105"))
    assert check.year_over == D("55.00")
    assert check.month_over == 0


def test_over_is_never_more_than_the_new_amount():
    check = rules.check_cap(CAPS, month_so_far=D("300"), year_so_far=D("3000"), amount=D("35"))
    assert check.month_over == D("35.00") and check.year_over == D("35.00")
    assert not rules.check_cap(CAPS, month_so_far=D("300"), year_so_far=D("3000"), amount=D("0")).exceeded


def test_missing_caps_give_caps_unknown_and_never_assume_a_maximum():
    check = rules.check_cap(None, month_so_far=D("5000"), year_so_far=D("50000"), amount=D("105"))
    assert not check.known
    assert not check.exceeded


def test_under_27_applies_until_its_end_date():
    dec = datetime.date(2026, 12, 1)
    assert rules.under_27_in_month(under_27=True, until=None, month=dec)
    assert rules.under_27_in_month(under_27=True, until=datetime.date(2026, 12, 15), month=dec)
    assert not rules.under_27_in_month(under_27=True, until=datetime.date(2026, 11, 30), month=dec)
    assert not rules.under_27_in_month(under_27=False, until=None, month=dec)


def test_budget_below_80_percent_is_fine():
    status = rules.budget_status(planned=D("1000"), committed=D("300"), spent=D("490"))
    assert status.level == rules.OK and status.percent == 79


def test_budget_warns_at_80_percent_counting_committed_and_spent():
    status = rules.budget_status(planned=D("1000"), committed=D("300"), spent=D("500"))
    assert status.level == rules.NEAR and status.percent == 80
    assert status.left == D("200.00")


def test_budget_warns_at_100_percent():
    assert rules.budget_status(planned=D("1000"), committed=D("0"), spent=D("1000")).level == rules.OVER
    over = rules.budget_status(planned=D("1000"), committed=D("200"), spent=D("1000"))
    assert over.level == rules.OVER and over.percent == 120 and over.left == D("-200.00")


def test_budget_without_a_plan_warns_only_when_money_is_used():
    assert rules.budget_status(planned=None, committed=D("0"), spent=D("0")).level == rules.OK
    status = rules.budget_status(planned=D("0"), committed=D("10"), spent=D("0"))
    assert status.level == rules.NO_PLAN and status.percent is None
