"""Date arithmetic written the same way in the SQL of both our databases, for counting in the database what a pure
rule (a ``rules.py``) decides for one row in Python. Such a count is held to its rule by tests that compare both."""

from __future__ import annotations

from django.db.models import Func, IntegerField


class DaysBetween(Func):
    """The whole days from the date ``earlier`` to the date ``later``, as ``(later - earlier).days`` gives them in
    Python (negative when ``later`` comes first; NULL when either is NULL). PostgreSQL subtracts two dates into an
    integer; SQLite (dates stored as ISO text) subtracts their Julian day numbers."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, later, earlier) -> None:
        super().__init__(later, earlier)

    def _sides(self, compiler):
        later, later_params = compiler.compile(self.source_expressions[0])
        earlier, earlier_params = compiler.compile(self.source_expressions[1])
        return later, earlier, (*later_params, *earlier_params)

    def as_sql(self, compiler, connection, **extra):
        later, earlier, params = self._sides(compiler)
        return f"({later} - {earlier})", params

    def as_sqlite(self, compiler, connection, **extra):
        later, earlier, params = self._sides(compiler)
        return f"CAST(ROUND(julianday({later}) - julianday({earlier})) AS INTEGER)", params
