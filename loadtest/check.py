"""What ``make loadtest`` checks after the load, against the database and the email folder (Django set up).

- every topic a simulated user got a success page for is in the database, with the title it typed;
- every reply with a success page is there;
- every email was sent: every row of the outbox (``OutgoingEmail``, one per email) is ``sent``, none is still queued
  or failed, as many rows were sent as there are messages in the email folder (EMAIL_MODE=file), and no background
  task is left waiting, running or failed.

The numbers per endpoint group (requests, outcomes, p50/p95) come from the records of loadtest.locustfile.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bench.run import percentile

# The filebased email backend ends every message with a line of 79 dashes.
MESSAGE_END = "\n" + "-" * 79 + "\n"


def _percentile(values: list[float], fraction: float) -> float | None:
    return percentile(values, fraction) if values else None


def request_summary(requests: dict[str, list]) -> dict:
    """Per endpoint group: count, outcomes and p50/p95 in ms (of the answered requests); and the totals."""
    groups = {}
    totals: Counter = Counter()
    for group, rows in sorted(requests.items()):
        kinds = Counter(kind for _ms, kind in rows)
        answered = [ms for ms, kind in rows if kind != "connection"]
        groups[group] = {
            "requests": len(rows),
            "outcomes": dict(sorted(kinds.items())),
            "p50_ms": _percentile(answered, 0.50),
            "p95_ms": _percentile(answered, 0.95),
        }
        totals.update(kinds)
    everything = [ms for rows in requests.values() for ms, kind in rows if kind != "connection"]
    return {
        "requests": sum(totals.values()),
        "outcomes": dict(sorted(totals.items())),
        "failures": {kind: n for kind, n in sorted(totals.items()) if kind != "ok"},
        "p50_ms": _percentile(everything, 0.50),
        "p95_ms": _percentile(everything, 0.95),
        "groups": groups,
    }


def check_submissions(confirmed: list[dict]) -> dict:
    """Every topic with a success page (``{"id", "title"}``) exists with that title."""
    from inspraak.topics.models import Topic

    stored = dict(Topic.objects.filter(pk__in=[row["id"] for row in confirmed]).values_list("pk", "title"))
    lost = [row for row in confirmed if stored.get(row["id"]) != row["title"]]
    return {"confirmed": len(confirmed), "in_database": len(confirmed) - len(lost), "lost": len(lost), "lost_ids": lost}


def check_replies(confirmed: list[dict]) -> dict:
    """Every reply with a success page (``{"user", "meeting", "answer"}``) exists; the last answer per person and
    meeting is counted as matching or not (a later request cut off by the killed worker may have changed it)."""
    from inspraak.agenda.models import Reply

    last = {(row["user"], row["meeting"]): row["answer"] for row in confirmed}
    users = {user for user, _meeting in last}
    rows = Reply.objects.filter(user_id__in=users).values_list("user_id", "meeting_id", "answer")
    stored = {(user, meeting): answer for user, meeting, answer in rows}
    lost = [{"user": u, "meeting": m} for (u, m) in last if (u, m) not in stored]
    return {
        "confirmed": len(confirmed),
        "people_and_meetings": len(last),
        "lost": len(lost),
        "last_answer_matches": sum(1 for key, answer in last.items() if stored.get(key) == answer),
        "lost_rows": lost,
    }


def pending_tasks() -> int:
    """Background tasks still waiting or running."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()


def tasks_between(start: str, end: str) -> dict:
    """Background tasks queued between two moments (ISO 8601): how many, and how many finished successfully."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(enqueued_at__gte=start, enqueued_at__lt=end)
    return {"queued": rows.count(), "successful": rows.filter(status="SUCCESSFUL").count()}


def emails_in(folder: Path) -> int:
    """Messages written by the filebased email backend into ``folder``."""
    if not folder.is_dir():
        return 0
    return sum(path.read_text(encoding="utf-8", errors="replace").count(MESSAGE_END) for path in folder.iterdir())


def undelivered_emails() -> int:
    """Outbox emails not sent yet (queued, or waiting for their next try)."""
    from inspraak.core.models import OutgoingEmail

    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED).count()


def check_emails(folder: Path) -> dict:
    """Every email sent: every outbox row ``sent`` (none queued or failed), as many sent rows as messages in the
    email folder, and no background task left waiting, running or failed (``tasks`` counts them per task)."""
    from django_tasks_db.models import DBTaskResult

    from inspraak.core.models import OutgoingEmail

    outbox = Counter(OutgoingEmail.objects.values_list("status", flat=True))
    by_task: dict[str, Counter] = {}
    for path, status in DBTaskResult.objects.values_list("task_path", "status"):
        by_task.setdefault(path, Counter())[status] += 1
    written = emails_in(folder)
    unfinished = sum(n for counts in by_task.values() for status, n in counts.items() if status != "SUCCESSFUL")
    rows, sent = sum(outbox.values()), outbox[OutgoingEmail.Status.SENT]
    queued, failed = outbox[OutgoingEmail.Status.QUEUED], outbox[OutgoingEmail.Status.FAILED]
    return {
        "outbox_rows": rows,
        "sent": sent,
        "queued": queued,
        "failed": failed,
        "in_email_folder": written,
        "tasks_not_successful": unfinished,
        "tasks": {path: dict(sorted(counts.items())) for path, counts in sorted(by_task.items())},
        "all_sent": queued == 0 and failed == 0 and sent == rows == written and unfinished == 0,
    }
