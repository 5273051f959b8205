import datetime

import pytest

from inspraak.core.paging import day_cursor, read_day_cursor


def test_a_day_cursor_reads_back_as_the_day_and_id_it_was_made_of():
    day = datetime.date(2026, 11, 3)
    assert day_cursor(day, 1234) == "20261103-1234"
    assert read_day_cursor(day_cursor(day, 1234)) == (day, 1234)


@pytest.mark.parametrize(
    "typed", [None, "", "20261103", "20261103-", "2026113-5", "20261332-5", "20261103-x", "20261103-" + "9" * 19]
)
def test_anything_else_typed_in_a_link_reads_as_no_position(typed):
    assert read_day_cursor(typed) is None
