"""Writes shared by the parts of consultations: the status history and the tally counters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connections, router

from inspraak.consultations.models import Consultation, ConsultationEvent, Tally, TallyTotal


def record_event(*, consultation: Consultation, kind: str, by, note: str = "", **status) -> ConsultationEvent:
    """Append one event to the consultation's history (``from_status``/``to_status``/``changed_fields`` in
    ``status``)."""
    return ConsultationEvent.objects.create(consultation=consultation, kind=kind, by=by, note=note[:500], **status)


def add_to_tallies(*, consultation_id: int, municipality_id: int | None, channel: str, keys: Iterable[tuple]) -> None:
    """Add 1 to each counter of ``keys`` (rules.tally_keys) in one statement: an atomic upsert, so concurrent
    submits never lose a count. Call inside the transaction that stores the Response."""
    add_counts(
        consultation_id=consultation_id,
        counts=Counter((q, c, municipality_id or 0, channel) for q, c in keys),
    )


def add_counts(*, consultation_id: int, counts: Counter) -> None:
    """Add ``counts`` ((question_id, choice, municipality_id, channel) → n) to the counters, and their sums to the
    totals (TallyTotal). Rows are written in key order, the counters before the totals (no deadlocks between
    concurrent submits). Also used by bulk loads (demo, bench) with large n."""
    if not counts:
        return
    totals: Counter = Counter()
    for (question_id, choice, _municipality_id, _channel), n in counts.items():
        totals[(question_id, choice)] += n
    _upsert(Tally, ["question_id", "choice", "municipality_id", "channel"], consultation_id, counts)
    _upsert(TallyTotal, ["question_id", "choice"], consultation_id, totals)


def _upsert(model, key: list[str], consultation_id: int, counts: Counter) -> None:
    """Add ``counts`` (key values → n) to ``model``'s ``count`` in one atomic upsert per 500 rows."""
    conn = connections[router.db_for_write(model)]
    qn = conn.ops.quote_name
    table = qn(model._meta.db_table)
    columns = ["consultation_id", *key, "count"]
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    items = sorted(counts.items())
    for start in range(0, len(items), 500):
        chunk = items[start : start + 500]
        values = ", ".join([row] * len(chunk))
        params: list = []
        for keys, n in chunk:
            params += [consultation_id, *keys, n]
        conflict = ", ".join(qn(c) for c in columns[:-1])
        # Only quoted identifiers are formatted in; the values are parameters.
        sql = (
            f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) VALUES {values} "  # noqa: S608
            f"ON CONFLICT ({conflict}) DO UPDATE SET {qn('count')} = {table}.{qn('count')} + excluded.{qn('count')}"
        )
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
