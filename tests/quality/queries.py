"""Query-count helper: the number of SQL queries of a page must not grow with the data."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(ctx.captured_queries)


def assert_constant_queries(client, url: str, grow: Callable[[], object], expected: int | None = None) -> int:
    """Measure ``url``, add data with ``grow()``, measure again: both counts must be equal (and ``expected``)."""
    before = count_queries(client, url)
    grow()
    after = count_queries(client, url)
    assert before == after, f"{url}: {before} queries, then {after} after adding data"
    if expected is not None:
        assert before == expected, f"{url}: {before} queries, expected {expected}"
    return before
