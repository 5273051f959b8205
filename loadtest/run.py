"""``make loadtest`` (``python -m loadtest.run``): load and faults on loopback, checked afterwards, as JSON.

1. A fresh throwaway PostgreSQL database (LOADTEST_DATABASE_URL, default inspraak_loadtest on the local cluster that
   scripts/postgres-up prepares), migrated and seeded through the services (loadtest.seed).
2. gunicorn (config.wsgi, LOADTEST_WORKERS workers) with the production settings on plain HTTP at 127.0.0.1, behind
   one simulated proxy (PROXY_COUNT=1, every simulated user sends its own X-Forwarded-For), email written to files,
   and the task worker (manage.py db_worker).
3. Locust, headless: LOADTEST_USERS users (50) for LOADTEST_SECONDS (300), spawn rate 10 (loadtest.locustfile).
   At 1/3 of the run one gunicorn worker is killed (SIGKILL); at 1/2 the task worker is stopped (SIGTERM) and at
   2/3 started again.
4. After the load: wait until the task queue is empty and every outbox email delivered, stop everything, check that
   every topic and reply that got a success page is in the database, that there were no server errors (5xx) and
   that every email was sent (every outbox row sent, one message in the email folder per row).
   Writes bench/loadtest.json; exits 1 when a check fails. The database is dropped; the temporary folder (logs,
   emails) too, unless a check failed.

Only loopback traffic; the run stops by itself (Locust's --run-time, then bounded waits).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT_FILE = ROOT / "bench" / "loadtest.json"
BIN = Path(sys.executable).parent
USERS = int(os.environ.get("LOADTEST_USERS", "50"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "300"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "3"))
MEMBERS = int(os.environ.get("LOADTEST_MEMBERS", "200"))
DROPPED_BY_KILL = 1  # requests a killed sync worker can drop: the one it was serving
DRAIN_SECONDS = int(os.environ.get("LOADTEST_DRAIN_SECONDS", "180"))
DATABASE_URL = os.environ.get(
    "LOADTEST_DATABASE_URL",
    f"postgres://inspraak:{os.environ.get('PGPASS', 'inspraak-ci')}@127.0.0.1:5432/inspraak_loadtest",
)


def log(message: str) -> None:
    print(f"== loadtest: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- database


def _admin_connection():
    """A connection to the server's maintenance database, to create and drop the throwaway one."""
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(DATABASE_URL)
    if "loadtest" not in db["NAME"]:
        raise SystemExit(f"refusing to use database {db['NAME']!r}: its name must contain 'loadtest' (it is dropped)")
    connection = psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        autocommit=True,
    )
    return connection, db["NAME"]


def recreate_database(*, create: bool = True) -> None:
    connection, name = _admin_connection()
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


# ---------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (Linux /proc)."""
    result = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            result.append(int(stat.parent.name))
    return sorted(result)


def wait_until(condition, *, timeout: float, step: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback URL built here)
            return response.status == 200
    except OSError:
        return False


def stop(process: subprocess.Popen | None, *, timeout: float = 30) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Servers:
    """gunicorn and the task worker, with their logs in ``folder``."""

    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.port = port
        self.gunicorn: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.worker_starts = 0

    def _log(self, name: str):
        return open(self.folder / name, "a", encoding="utf-8")  # kept open: the child writes to it

    def start_gunicorn(self) -> None:
        command = [str(BIN / "gunicorn"), "config.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}"]
        command += ["--worker-class", "sync", "--timeout", "60", "--graceful-timeout", "10", "--error-logfile", "-"]
        self.gunicorn = subprocess.Popen(command, cwd=ROOT, stdout=self._log("gunicorn.log"), stderr=subprocess.STDOUT)
        if not wait_until(lambda: answers(f"http://127.0.0.1:{self.port}/"), timeout=90):
            raise SystemExit(f"gunicorn did not answer; see {self.folder / 'gunicorn.log'}")

    def start_worker(self) -> None:
        command = [sys.executable, "manage.py", "db_worker", "--interval", "1", "--no-startup-delay"]
        self.worker = subprocess.Popen(command, cwd=ROOT, stdout=self._log("worker.log"), stderr=subprocess.STDOUT)
        self.worker_starts += 1

    def web_workers(self) -> list[int]:
        return children(self.gunicorn.pid) if self.gunicorn else []

    def stop_all(self) -> None:
        stop(self.worker)
        stop(self.gunicorn)

    def server_errors_logged(self) -> int:
        path = self.folder / "gunicorn.log"
        return path.read_text(encoding="utf-8", errors="replace").count("Internal Server Error") if path.exists() else 0


# ---------------------------------------------------------------- the run


def configure(folder: Path, port: int) -> None:
    """The environment of this process and its children: production settings on loopback."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "loadtest.settings",
            "DATABASE_URL": DATABASE_URL,
            "INSPRAAK_PRODUCTION": "true",
            "INSPRAAK_DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "false",
            "HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "PROXY_COUNT": "1",
            "EMAIL_MODE": "file",
            "EMAIL_FILE_DIR": str(folder / "mail"),
            "MEDIA_ROOT": str(folder / "media"),
            "LOG_LEVEL": "WARNING",
            "LOADTEST_PLAN": str(folder / "plan.json"),
            "LOADTEST_RESULTS": str(folder / "results.json"),
        }
    )
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def run_load(servers: Servers, folder: Path) -> dict:
    """Locust for SECONDS, with the faults at 1/3, 1/2 and 2/3 of the run. Returns what happened when."""
    command = [str(BIN / "locust"), "-f", str(ROOT / "loadtest" / "locustfile.py"), "--headless"]
    command += ["--users", str(USERS), "--spawn-rate", "10", "--run-time", f"{SECONDS}s", "--stop-timeout", "10"]
    command += ["--host", f"http://127.0.0.1:{servers.port}", "--only-summary", "--loglevel", "WARNING"]
    faults: dict = {}
    started = time.monotonic()
    locust = subprocess.Popen(command, cwd=ROOT, stdout=servers._log("locust.log"), stderr=subprocess.STDOUT)

    def at(fraction: float) -> None:
        time.sleep(max(0.0, started + SECONDS * fraction - time.monotonic()))

    def since() -> float:
        return round(time.monotonic() - started, 1)

    try:
        at(1 / 3)
        before = servers.web_workers()
        victim = before[0]
        os.kill(victim, signal.SIGKILL)
        faults["web_worker_killed"] = {"pid": victim, "at_s": since(), "workers_before": len(before)}
        replaced = wait_until(
            lambda: len(servers.web_workers()) == len(before) and victim not in servers.web_workers(), timeout=60
        )
        faults["web_worker_killed"]["replaced_at_s"] = since() if replaced else None
        at(1 / 2)
        faults["task_worker_stopped"] = {"at_s": since(), "at": _now()}
        stop(servers.worker)
        faults["task_worker_stopped"]["exited_at_s"] = since()
        faults["task_worker_stopped"]["exit_code"] = servers.worker.returncode
        at(2 / 3)
        servers.start_worker()
        faults["task_worker_restarted"] = {"at_s": since(), "at": _now()}
        locust.wait(timeout=SECONDS + 120)
    finally:
        stop(locust, timeout=30)
    faults["load_seconds"] = since()
    faults["locust_exit_code"] = locust.returncode
    return faults


def _now() -> str:
    from django.utils import timezone

    return timezone.now().isoformat()


def drain() -> dict:
    """Wait until no background task is waiting or running and no outbox email is undelivered (seen so twice, 2 s
    apart). Queued emails without any task left for them (their task was lost, e.g. with the killed worker) are
    handed to the worker again, as the hourly ``retry_email`` does; the report counts them."""
    from django.db import close_old_connections

    from inspraak.core import outbox
    from loadtest.check import pending_tasks, undelivered_emails

    started = time.monotonic()
    state = {"empty": 0, "stuck": 0, "requeued": 0}

    def empty() -> bool:
        close_old_connections()
        tasks, emails = pending_tasks(), undelivered_emails()
        state["stuck"] = state["stuck"] + 1 if tasks == 0 and emails else 0
        if state["stuck"] >= 3:  # emails waiting for 6 s with no task to send them
            state["requeued"] += outbox.send_due()
            state["stuck"] = 0
        state["empty"] = state["empty"] + 1 if tasks == 0 and emails == 0 else 0
        return state["empty"] >= 2

    done = wait_until(empty, timeout=DRAIN_SECONDS, step=2)
    return {
        "drained": done,
        "seconds": round(time.monotonic() - started, 1),
        "still_pending": pending_tasks(),
        "undelivered_emails": undelivered_emails(),
        "lost_tasks_requeued": state["requeued"],
    }


def run() -> dict:
    folder = Path(tempfile.mkdtemp(prefix="inspraak-loadtest-"))
    port = free_port()
    configure(folder, port)
    from django.core.management import call_command
    from django.db import connections

    from loadtest import check
    from loadtest.seed import seed

    servers = Servers(folder, port)
    failed = True
    try:
        log(f"fresh database {DATABASE_URL.rsplit('/', 1)[-1]}, migrate, seed {MEMBERS} members")
        recreate_database()
        call_command("migrate", verbosity=0)
        plan = seed(members=MEMBERS)
        (folder / "plan.json").write_text(json.dumps(plan))
        connections.close_all()
        log(f"gunicorn ({WORKERS} workers) and the task worker on 127.0.0.1:{port}; logs in {folder}")
        servers.start_gunicorn()
        servers.start_worker()
        log(f"load: {USERS} users for {SECONDS} s")
        faults = run_load(servers, folder)
        log("load done; waiting for the task queue to drain")
        queue = drain()
        servers.stop_all()
        results = json.loads((folder / "results.json").read_text())
        summary = check.request_summary(results["requests"])
        emails = check.check_emails(folder / "mail")
        report = {
            "users": USERS,
            "seconds": SECONDS,
            "gunicorn_workers": WORKERS,
            "members_seeded": len(plan["members"]),
            "database": "PostgreSQL",
            "requests": summary,
            "server_errors": {
                "answered_5xx": len(results["server_errors"]),
                "logged_by_django": servers.server_errors_logged(),
                "examples": results["server_errors"][:20],
            },
            "logins": results["logins"],
            "link_requests": {
                "answered": results["link_requests"],
                # When fewer are queued than answered, the per-address limit of link requests counted distinct
                # simulated users (each its own X-Forwarded-For) as one address.
                "queued": sum(emails["tasks"].get("inspraak.accounts.tasks.send_login_link", {}).values()),
            },
            "submissions": check.check_submissions(results["submissions"]),
            "replies": check.check_replies(results["replies"]),
            "faults": faults,
            "task_worker_starts": servers.worker_starts,
            "queue": queue,
            "emails": emails,
            "tasks_queued_while_worker_stopped": check.tasks_between(
                faults["task_worker_stopped"]["at"], faults["task_worker_restarted"]["at"]
            ),
        }
        report["passed"] = passed(report)
        failed = not report["passed"]
        return report
    finally:
        servers.stop_all()
        connections.close_all()
        recreate_database(create=False)
        if failed:
            log(f"logs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def passed(report: dict) -> bool:
    """0 server errors, nothing lost, every email sent, and the load really ran (topics were submitted). The one
    request the killed worker was serving (a sync worker serves one at a time) may go unanswered, no more."""
    return (
        report["server_errors"]["answered_5xx"] == 0
        and report["requests"]["outcomes"].get("connection", 0) <= DROPPED_BY_KILL
        and report["server_errors"]["logged_by_django"] == 0
        and report["submissions"]["lost"] == 0
        and report["submissions"]["confirmed"] > 0
        and report["replies"]["lost"] == 0
        and report["emails"]["all_sent"]
        and report["queue"]["drained"]
    )


def main() -> int:
    report = run()
    text = json.dumps(report, indent=2, ensure_ascii=False)
    REPORT_FILE.write_text(text + "\n")
    print(text)
    print(f"\nReport written to {REPORT_FILE.relative_to(ROOT)}", file=sys.stderr)
    if not report["passed"]:
        log("FAILED: server errors, dropped requests, lost topics or replies, or unsent emails (see the report)")
        return 1
    log("passed: 0 server errors, nothing lost, every email sent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
