"""The pure rules: seat allocation (Hamilton with a minimum) and the composition check."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest

from inspraak.members.rules import (
    ATTENTION,
    FAILS,
    AllocationError,
    CompositionSettings,
    add_months,
    allocate_seats,
    can_renew,
    composition_findings,
    default_term_end,
    seat_gaps,
)
from inspraak.members.selectors import member_facts

TODAY = datetime.date(2026, 11, 23)
SIZES = [("H", "Havenstad", 2900), ("P", "Polderveen", 2200), ("K", "Kreekdorp", 700)]


def test_the_example_from_the_issue_gives_5_4_3():
    allocation = allocate_seats(12, 2, SIZES)
    assert [s.seats for s in allocation.shares] == [5, 4, 3]
    assert allocation.remaining == 6 and allocation.total_size == 5800
    havenstad, polderveen, kreekdorp = allocation.shares
    assert havenstad.quota == Fraction(3) and havenstad.extra == 0
    assert polderveen.quota == Fraction(6 * 2200, 5800) and polderveen.floor == 2
    # 6*700/5800 = 0.72 has the largest remainder (0.72 > 0.28 > 0): it gets the leftover seat.
    assert kreekdorp.floor == 0 and kreekdorp.extra == 1
    assert allocation.leftover == 1
    assert allocation.seats_for("K") == 3


def test_seats_always_add_up():
    for seats in range(3, 30):
        for minimum in range(0, seats // 3 + 1):
            allocation = allocate_seats(seats, minimum, SIZES)
            assert sum(s.seats for s in allocation.shares) == seats
            assert all(s.seats >= minimum for s in allocation.shares)


def test_ties_go_to_the_larger_municipality_then_by_name():
    # Equal remainders (0.5 each) and one leftover seat: the larger municipality wins.
    allocation = allocate_seats(1, 0, [("a", "Alfa", 100), ("b", "Beta", 300), ("c", "Gamma", 100)])
    # quotas 0.2, 0.6, 0.2 -> Beta by remainder
    assert allocation.seats_for("b") == 1
    allocation = allocate_seats(1, 0, [("z", "Zuid", 100), ("n", "Noord", 100)])
    assert allocation.seats_for("n") == 1 and allocation.seats_for("z") == 0
    allocation = allocate_seats(3, 0, [("s", "Klein", 100), ("l", "Groot", 300), ("m", "Midden", 200)])
    assert [s.seats for s in allocation.shares] == [0, 2, 1]
    # 2 seats over two equal remainders of 0.5 with one leftover: larger size first.
    allocation = allocate_seats(1, 0, [("x", "Xdorp", 500), ("y", "Ydorp", 500)])
    assert allocation.seats_for("x") == 1


def test_more_minimum_seats_than_seats_is_refused_with_a_clear_message():
    with pytest.raises(AllocationError) as error:
        allocate_seats(5, 2, SIZES)
    assert "3 gemeenten met elk minimaal 2 zetels hebben samen 6 zetels nodig" in error.value.message
    assert "maar er zijn er maar 5" in error.value.message


def test_unknown_sizes_count_as_zero_and_still_add_up():
    allocation = allocate_seats(4, 1, [("a", "Alfa", 0), ("b", "Beta", 0)])
    assert sum(s.seats for s in allocation.shares) == 4
    assert allocate_seats(3, 0, []).shares == ()


def test_negative_input_is_refused():
    with pytest.raises(AllocationError):
        allocate_seats(-1, 0, SIZES)
    with pytest.raises(AllocationError):
        allocate_seats(3, 0, [("a", "Alfa", -5)])


# ---------------------------------------------------------------- composition

SETTINGS = CompositionSettings(
    min_clients=12, balanced=True, experienced_count_as_clients=True, facilitator_required=True
)


def _m(category="client", role="lid", muni="H", term_end=datetime.date(2028, 1, 1)):
    return member_facts(role, category, municipality_key=muni, term_end=term_end, category_label=category)


def _codes(findings):
    return {f.code: f for f in findings}


def test_a_body_that_meets_every_rule_has_no_findings():
    members = [_m(muni=m) for m in "HHHHHPPPPKKK"] + [_m("deskundige", "gespreksleider", None)]
    allocation = allocate_seats(12, 2, SIZES)
    assert composition_findings(SETTINGS, members, today=TODAY, allocation=allocation) == []


def test_too_few_clients_names_the_numbers():
    members = [_m() for _ in range(9)] + [_m("deskundige", "gespreksleider", None)]
    finding = _codes(composition_findings(SETTINGS, members, today=TODAY))["too_few_clients"]
    assert finding.message == "9 cliënten, minimaal 12" and finding.severity == FAILS


def test_a_municipality_below_its_seats():
    members = [_m(muni=m) for m in "HHHHHPPPPPPK"] + [_m("deskundige", "gespreksleider", None)]
    findings = composition_findings(SETTINGS, members, today=TODAY, allocation=allocate_seats(12, 2, SIZES))
    messages = [f.message for f in findings if f.code == "municipality_short"]
    assert messages == ["Gemeente Kreekdorp: 1 van 3 zetels bezet"]


def test_employers_and_lawyers_do_not_count_and_a_vote_is_named():
    members = [_m() for _ in range(12)] + [
        _m("werkgever", "lid"),
        _m("deskundige", "adviseur"),
        _m("deskundige", "gespreksleider", None),
    ]
    finding = _codes(composition_findings(SETTINGS, members, today=TODAY))["non_representing_members"]
    assert finding.severity == FAILS
    assert finding.message.startswith("2 leden vertegenwoordigen geen cliënten (deskundige, werkgever).")
    assert "1 van hen heeft stemrecht." in finding.message  # two others, one votes
    advisers_only = [_m() for _ in range(12)] + [_m("werkgever", "adviseur"), _m("deskundige", "gespreksleider")]
    finding = _codes(composition_findings(SETTINGS, advisers_only, today=TODAY))["non_representing_members"]
    assert finding.severity == ATTENTION and "stemrecht" not in finding.message


def test_clients_and_representatives_must_have_the_majority_of_votes():
    members = [_m() for _ in range(3)] + [_m("werkgever") for _ in range(3)]
    finding = _codes(composition_findings(SETTINGS, members, today=TODAY))["no_client_majority"]
    assert "3 van de 6 stemmen" in finding.message
    members = [_m() for _ in range(4)] + [_m("clientenorganisatie")] + [_m("inwoner") for _ in range(4)]
    assert "no_client_majority" not in _codes(composition_findings(SETTINGS, members, today=TODAY))


def test_facilitator_required_and_independent():
    members = [_m() for _ in range(12)]
    assert "no_facilitator" in _codes(composition_findings(SETTINGS, members, today=TODAY))
    staff = [*members, _m("medewerker", "gespreksleider", None)]
    codes = _codes(composition_findings(SETTINGS, staff, today=TODAY))
    assert "facilitator_not_independent" in codes and "no_facilitator" not in codes
    # The facilitator supports the group and is not counted among its members.
    assert "non_representing_members" not in codes
    relaxed = CompositionSettings(12, False, True, facilitator_required=False)
    assert "no_facilitator" not in _codes(composition_findings(relaxed, members, today=TODAY))


def test_supporters_count_neither_for_the_minimum_nor_for_a_municipality_s_seats():
    supporters = [_m("client", "secretaris", "K"), _m("client", "gespreksleider", "K")]
    members = [_m(muni=m) for m in "HHHHHPPPPKK"] + supporters
    allocation = allocate_seats(12, 2, SIZES)
    findings = _codes(composition_findings(SETTINGS, members, today=TODAY, allocation=allocation))
    assert findings["too_few_clients"].message == "11 cliënten, minimaal 12"
    assert [(gap.name, gap.actual) for gap in seat_gaps(allocation, members, SETTINGS)][-1] == ("Kreekdorp", 2)


def test_experienced_members_count_as_clients_only_when_the_body_says_so():
    members = [_m() for _ in range(11)] + [_m("ervaringsdeskundige"), _m("deskundige", "gespreksleider", None)]
    assert "too_few_clients" not in _codes(composition_findings(SETTINGS, members, today=TODAY))
    strict = CompositionSettings(12, True, experienced_count_as_clients=False, facilitator_required=True)
    finding = _codes(composition_findings(strict, members, today=TODAY))["too_few_clients"]
    assert finding.message == "11 cliënten, minimaal 12"


def test_expired_and_ending_terms():
    members = [_m() for _ in range(10)] + [
        _m(term_end=datetime.date(2026, 10, 31)),
        _m(term_end=datetime.date(2027, 1, 15)),
        _m("deskundige", "gespreksleider", None),
    ]
    codes = _codes(composition_findings(SETTINGS, members, today=TODAY))
    assert codes["term_expired"].message == "1 lid is nog actief terwijl de termijn is verlopen"
    assert codes["term_ending"].severity == ATTENTION
    assert codes["term_ending"].message == "De termijn van 1 lid eindigt binnen 3 maanden"


def test_term_dates():
    assert default_term_end(datetime.date(2026, 1, 1), 4) == datetime.date(2029, 12, 31)
    assert default_term_end(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 27)
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 23), 3) == datetime.date(2027, 2, 23)
    assert can_renew(1, 2) and not can_renew(2, 2)


# ---------------------------------------------------------------- issue 15: whole numbers, and the table as shown


def _reference_allocation(seats, minimum, sizes):
    """The allocation as first written, in Fractions: allocate_seats now works in whole numbers and must agree."""
    remaining = seats - len(sizes) * minimum
    total = sum(size for _k, _n, size in sizes)
    quotas = [Fraction(remaining * size, total) if total else Fraction(0) for _k, _n, size in sizes]
    floors = [int(q) for q in quotas]
    order = sorted(
        range(len(sizes)), key=lambda i: (-(quotas[i] - floors[i]), -sizes[i][2], sizes[i][1].casefold(), sizes[i][1])
    )
    extra = [0] * len(sizes)
    for i in order[: remaining - sum(floors)]:
        extra[i] = 1
    return [(quotas[i], floors[i], quotas[i] - floors[i], extra[i]) for i in range(len(sizes))]


def test_whole_number_allocation_agrees_with_the_fractions_on_many_cases():
    import random

    rng = random.Random(15)
    for _ in range(300):
        k = rng.randint(1, 40)
        sizes = [
            (i, f"Gemeente {rng.choice('ABCDE')}{i}", rng.choice([0, 1, 7, 100, rng.randint(0, 50000)]))
            for i in range(k)
        ]
        minimum = rng.randint(0, 2)
        seats = k * minimum + rng.randint(0, 60)
        allocation = allocate_seats(seats, minimum, sizes)
        got = [(s.quota, s.floor, s.remainder, s.extra) for s in allocation.shares]
        assert got == _reference_allocation(seats, minimum, sizes)
        if any(size for _k, _n, size in sizes):  # all sizes unknown: one leftover seat each at most, as before
            assert sum(s.seats for s in allocation.shares) == seats


def test_allocation_table_rows_are_ready_strings_with_totals():
    from inspraak.members.rules import MemberFacts, allocation_table

    allocation = allocate_seats(12, 2, SIZES)  # Havenstad 5, Polderveen 4, Kreekdorp 3
    members = [MemberFacts(category="client", has_vote=True, municipality_key="H") for _ in range(5)]
    members += [MemberFacts(category="client", has_vote=True, municipality_key="P") for _ in range(6)]
    table = allocation_table(allocation, seat_gaps(allocation, members, SETTINGS))
    rows = {row.name: row for row in table.rows}
    assert (rows["Havenstad"].size, rows["Havenstad"].seats, rows["Havenstad"].actual) == ("2900", "5", "5")
    assert rows["Havenstad"].gap == "precies goed" and rows["Havenstad"].quota == "3,00"
    assert rows["Polderveen"].gap == "2 extra" and rows["Kreekdorp"].gap == "3 te weinig"
    assert {row.extra for row in table.rows} <= {"+1", "–"}
    assert not table.long and table.municipalities == 3
    assert (table.seats, table.clients, table.short, table.missing, table.surplus, table.exact) == (12, 11, 1, 3, 1, 1)
    assert [row.name for row in table.most_short] == ["Kreekdorp"]
    assert allocation_table(None, []) is None


def test_a_table_of_more_than_25_municipalities_is_long_and_names_the_biggest_shortfalls_first():
    from inspraak.members.rules import LONG_TABLE, MOST_SHORT, allocation_table

    sizes = [(i, f"Dorp {i:02d}", 100 * (i + 1)) for i in range(LONG_TABLE + 5)]
    allocation = allocate_seats(2 * len(sizes), 1, sizes)
    table = allocation_table(allocation, seat_gaps(allocation, [], SETTINGS))
    assert table.long and table.short == len(sizes)
    assert len(table.most_short) == MOST_SHORT
    shortfalls = [row.shortfall for row in table.most_short]
    assert shortfalls == sorted(shortfalls, reverse=True) and shortfalls[0] == max(r.shortfall for r in table.rows)


def test_many_municipalities_with_tied_remainders_get_the_leftover_seats_as_the_full_sort_gives_them():
    """allocate_seats sorts only the municipalities tied at the last remainder that gets a seat (issue 15): with
    hundreds of municipalities and many equal sizes and names it must give what sorting all of them gives."""
    import random

    rng = random.Random(16)
    names = ["Alfa", "alfa", "ALFA", "Beta", "Ægir", "ß-dorp", "ss-dorp", "Zuid"]
    for _ in range(60):
        k = rng.choice([26, 100, 350, 400])
        sizes = [(i, rng.choice(names), rng.choice([0, 100, 100, 300, 500, rng.randint(0, 9000)])) for i in range(k)]
        minimum = rng.randint(0, 1)
        seats = k * minimum + rng.randint(0, 2 * k)
        allocation = allocate_seats(seats, minimum, sizes)
        got = [(s.quota, s.floor, s.remainder, s.extra) for s in allocation.shares]
        assert got == _reference_allocation(seats, minimum, sizes)
