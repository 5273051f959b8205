"""The plan PostgreSQL keeps for a query run again (a prepared statement, ADR 0033): planned for any values, so an
index expression or a partial index's condition only serves it when the value is written into the SQL."""

from __future__ import annotations

import re
from contextlib import contextmanager

from django.db import connection


@contextmanager
def raw_queries():
    """The SQL and parameters of every query run inside, as the database gets them: a list of (sql, params)."""
    captured: list[tuple[str, tuple]] = []

    def keep(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        yield captured


def generic_plan(sql: str, params) -> str:
    """EXPLAIN of ``sql`` as a statement prepared once and planned for any values (PostgreSQL only), with scans that
    read the whole table, bitmap scans and sorts switched off wherever there is another way (on a test database of a
    few rows the planner would rather sort one row than walk an index): what is left shows whether an index can
    serve it."""
    numbered = iter(range(1, len(params) + 1))
    generic = re.sub("%s", lambda _match: f"${next(numbered)}", sql)
    with connection.cursor() as cursor:
        cursor.execute(f"PREPARE plan_under_test AS {generic}")
        try:
            cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            values = ", ".join(["%s"] * len(params))
            cursor.execute(connection.ops.compose_sql(f"EXPLAIN EXECUTE plan_under_test({values})", params))
            return "\n".join(line for (line,) in cursor.fetchall())
        finally:
            cursor.execute("DEALLOCATE plan_under_test")
            for setting in ("plan_cache_mode", "enable_seqscan", "enable_bitmapscan", "enable_sort"):
                cursor.execute(f"RESET {setting}")  # the rest of the test plans as usual
