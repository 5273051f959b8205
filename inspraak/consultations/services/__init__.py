"""Writes shared by the parts of consultations: the status history and the tally counters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connections, router

from inspraak.consultations.models import Consultation, ConsultationEvent, Tally


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
    """Add ``counts`` ((question_id, choice, municipality_id, channel) → n) to the counters. Rows are written in
    key order (no deadlocks between concurrent submits). Also used by bulk loads (demo, bench) with large n."""
    if not counts:
        return
    conn = connections[router.db_for_write(Tally)]
    qn = conn.ops.quote_name
    table = qn(Tally._meta.db_table)
    columns = ["consultation_id", "question_id", "choice", "municipality_id", "channel", "count"]
    items = sorted(counts.items())
    for start in range(0, len(items), 500):
        chunk = items[start : start + 500]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
        params: list = []
        for (question_id, choice, municipality_id, channel), n in chunk:
            params += [consultation_id, question_id, choice, municipality_id, channel, n]
        conflict = ", ".join(qn(c) for c in columns[:5])
        # Only quoted identifiers are formatted in; the values are parameters.
        sql = (
            f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) VALUES {values} "  # noqa: S608
            f"ON CONFLICT ({conflict}) DO UPDATE SET {qn('count')} = {table}.{qn('count')} + excluded.{qn('count')}"
        )
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
