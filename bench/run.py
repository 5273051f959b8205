"""``make bench`` (``python -m bench.run``): build a national-scale data set, then report per key page the median
and p95 server time, the number of SQL queries and the first-load bytes, as JSON (bench/report.json and stdout).

Not a test: it never fails on numbers.

Database: without DATABASE_URL a fresh SQLite file bench/bench.sqlite3 (deleted and rebuilt every run). With
DATABASE_URL (for example PostgreSQL) it creates a separate test database next to it, the way the test runner
does ("test_<name>"), and drops it afterwards: existing data is never touched.

Options (environment): BENCH_REQUESTS (default 30 timed requests per page, after BENCH_WARMUP=3 untimed ones).
"""

from __future__ import annotations

import gzip
import json
import math
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_FILE = ROOT / "bench" / "bench.sqlite3"
REPORT_FILE = ROOT / "bench" / "report.json"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
STATIC_REF = re.compile(r'(?:href|src)="([^"?#]+\.(?:css|js|svg|png|ico|woff2?))"')


def setup_django() -> bool:
    """Configure Django for the benchmark. Returns True when a separate test database must be created."""
    own_database = "DATABASE_URL" in os.environ
    if not own_database:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{DB_FILE}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return own_database


# ---------------------------------------------------------------- measuring


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``fraction`` of the values at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(round(len(ordered) * fraction, 9)))
    return ordered[rank - 1]


def static_bytes(html: str) -> dict:
    """Raw and gzip sizes of the stylesheets, scripts, icons and images the page references from our static files."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    raw = compressed = 0
    files = []
    for url in dict.fromkeys(STATIC_REF.findall(html)):
        if not url.startswith(settings.STATIC_URL):
            continue
        path = finders.find(url.removeprefix(settings.STATIC_URL))
        if path:
            data = Path(path).read_bytes()
            raw += len(data)
            compressed += len(gzip.compress(data, 9))
            files.append(url)
    return {"raw": raw, "gzip": compressed, "files": files}


def measure(client, url: str, *, requests: int = REQUESTS, warmup: int = WARMUP) -> dict:
    """Time ``requests`` GETs of ``url`` after ``warmup`` untimed ones; count the queries of one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = None
    for _ in range(max(1, warmup)):
        response = client.get(url)
        _body(response)
    if response.status_code != 200:
        return {"url": url, "status": response.status_code, "note": "not measured: the page did not answer 200"}
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        _body(client.get(url))  # a streamed download is timed until its last byte
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        html = _body(response)
    is_html = response.get("Content-Type", "").startswith("text/html")
    assets = static_bytes(html.decode()) if is_html else {"raw": 0, "gzip": 0, "files": []}
    return {
        "url": url,
        "status": response.status_code,
        "requests": len(times),
        "median_ms": round(statistics.median(times), 2) if times else None,
        "p95_ms": round(percentile(times, 0.95), 2) if times else None,
        "queries": len(ctx.captured_queries),
        "html_bytes": len(html),
        "html_bytes_gzip": len(gzip.compress(html, 9)),
        "first_load_bytes_raw": len(html) + assets["raw"],
        "first_load_bytes_gzip": len(gzip.compress(html, 9)) + assets["gzip"],
        "assets": assets["files"],
    }


def _body(response) -> bytes:
    """The whole body, also of a streamed response (a CSV export)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def key_pages() -> tuple[dict, list[tuple]]:
    """The subject (biggest region and its objects) and (label, URL name, kwargs, user or None[, query string])
    per key page."""
    from django.db.models import Count

    from inspraak.accounts.models import Role, RoleAssignment
    from inspraak.regions.models import Body, Region

    region = (
        Region.objects.exclude(slug="regio-heel-nederland")
        .annotate(n=Count("municipalities"))
        .order_by("-n", "pk")
        .first()
    )
    municipality = region.municipalities.order_by("-client_group_size", "pk").first()
    panel = Body.objects.filter(region=region, level=Body.Level.REGION).order_by("pk").first()

    def holder(role, **scope):
        # The person with this role who holds the most roles in the region: the heaviest dashboard.
        row = (
            RoleAssignment.objects.filter(role=role, region=region, **scope)
            .annotate(held=Count("user__role_assignments"))
            .order_by("-held", "pk")
            .select_related("user")
            .first()
        )
        return row.user if row else None

    admin = holder(Role.ADMIN)
    secretary = holder(Role.SECRETARY, body=panel)
    member = holder(Role.MEMBER, body=panel)
    r = {"region": region.slug}
    subject = {
        "region": region.slug,
        "region_municipalities": region.n,
        "region_bodies": region.bodies.count(),
        "region_people_with_roles": RoleAssignment.objects.filter(region=region).values("user").distinct().count(),
        "municipality": municipality.slug,
        "body": panel.slug,
        "region_sent_advices": _count_sent_advices(region),
    }
    return subject, [
        ("home", "dashboards:home", {}, None),
        ("region public page", "regions:region", r, None),
        ("municipality public page", "regions:municipality", {**r, "municipality": municipality.slug}, None),
        ("body public page", "dashboards:body", {**r, "body": panel.slug}, None),
        ("login", "accounts:login", {}, None),
        ("login with code", "accounts:code_login", {}, None),
        ("dashboard (beheerder)", "dashboards:dashboard", {}, admin),
        ("dashboard (secretaris)", "dashboards:dashboard", {}, secretary),
        ("dashboard (lid)", "dashboards:dashboard", {}, member),
        ("body dashboard (lid)", "dashboards:body_dashboard", {**r, "body": panel.slug}, member),
        ("beheer home", "dashboards:manage_home", {}, admin),
        ("manage region", "regions:manage_region", r, admin),
        ("people list", "accounts:people", r, admin),
        ("audit log", "regions:audit_log", r, admin),
        *_advice_pages(region, municipality),
        *_big_region_pages(),
        *_support_pages(region, panel, secretary, member),
        *_consultation_pages(),
    ]


def _consultation_pages() -> list[tuple]:
    """Issue 14: the results page, the exports and the public page of the 400,000-answer consultation
    (inspraak/consultations/bench.py)."""
    from inspraak.consultations.bench import key_pages as consultation_pages

    return consultation_pages()


def _support_pages(region, panel, secretary, member) -> list[tuple]:
    """Issue 13: the payments pages (inspraak/payments/bench.py), the claims to decide and a member's own claims and
    yearly statement, on the national year of allowances and claims."""
    from inspraak.accounts.models import User
    from inspraak.payments.bench import key_pages as payment_pages

    pages = payment_pages(region, panel, secretary)
    finance = User.objects.get(email=f"financien@{region.slug}.bench.example")
    b = {"region": region.slug, "body": panel.slug}
    year = time.localtime().tm_year
    return [
        *pages,
        ("claims to decide (secretaris)", "claims:list", b, secretary),
        ("claims of the region (financien)", "claims:region_list", {"region": region.slug}, finance),
        ("own claims (lid)", "claims:mine", b, member),
        ("yearly statement (lid)", "payments:my_statement", {"year": year}, member),
    ]


def _count_sent_advices(region) -> int:
    from inspraak.advice.models import Advice

    return Advice.objects.filter(body__region=region, status="verzonden").count()


def _advice_pages(region, municipality) -> list[tuple]:
    """The advice register of the biggest region (first page and one filtered by municipality and year), the
    timeline of its proposal with the most recommendations, and the dashboard of its GR policy officer."""
    from django.db.models import Count

    from inspraak.accounts.models import Role, RoleAssignment
    from inspraak.policy.models import Proposal

    proposal = (
        Proposal.objects.filter(region=region, advices__status="verzonden")
        .annotate(n=Count("advices__recommendations"))
        .order_by("-n", "pk")
        .first()
    )
    officer = (
        RoleAssignment.objects.filter(region=region, role=Role.POLICY_OFFICER, municipality=None)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    r = {"region": region.slug}
    pages: list[tuple] = [
        ("advice register (first page)", "register:index", r, None),
        (
            "advice register (municipality and year)",
            "register:index",
            r,
            None,
            f"?gemeente={municipality.slug}&jaar=2025",
        ),
    ]
    if proposal is not None:
        pages.append(("proposal timeline", "register:proposal", {**r, "pk": proposal.pk}, None))
    if officer is not None:
        pages.append(("officer dashboard (GR)", "advice:officer_dashboard", r, officer.user))
    return pages


def _big_region_pages() -> list[tuple[str, str, dict, object]]:
    """The body of a 350-municipality region with 100 members: allocation, findings, member list."""
    from inspraak.accounts.models import Role, RoleAssignment

    secretary = (
        RoleAssignment.objects.filter(region__slug="regio-heel-nederland", role=Role.SECRETARY)
        .select_related("user")
        .first()
    )
    if secretary is None:
        return []
    b = {"region": "regio-heel-nederland", "body": "clientenpanel"}
    from inspraak.agenda.models import AgendaItem

    facilitator = (
        RoleAssignment.objects.filter(region__slug="regio-heel-nederland", role=Role.FACILITATOR)
        .select_related("user")
        .first()
    )
    member = (
        RoleAssignment.objects.filter(region__slug="regio-heel-nederland", role=Role.MEMBER)
        .select_related("user")
        .first()
    )
    item = AgendaItem.objects.filter(meeting__body__region__slug="regio-heel-nederland").order_by("pk").first()
    cycle = []
    if item is not None:
        m = {**b, "meeting": item.meeting_id}
        year = item.meeting.starts_at.year
        cycle = [
            ("year plan (secretaris)", "meetings:year_plan", b, secretary.user, f"?jaar={year}"),
            ("agenda with 20 items and 60 documents (gespreksleider)", "agenda:agenda", m, facilitator.user),
            ("topic list with 500 topics (gespreksleider)", "topics:list", b, facilitator.user),
            ("topic list with 500 topics (lid)", "topics:list", b, member.user),
            ("public meeting calendar", "publicmeetings:calendar", b, None),
        ]
    return [
        *cycle,
        ("big body public page (350 municipalities, 100 members)", "dashboards:body", b, None),
        ("big body dashboard (secretaris)", "dashboards:body_dashboard", b, secretary.user),
        ("big member list (secretaris)", "members:list", b, secretary.user),
        ("big composition JSON", "api:composition", b, None),
        *_art47_pages(),
    ]


def _art47_pages() -> list[tuple]:
    """The art. 47 picture of the 350-municipality region: the matrix (HTML, CSV, JSON), one municipality's evidence,
    the verordeningen, the API document and its page."""
    from django.utils import timezone

    from inspraak.regions.models import Municipality

    r = {"region": "regio-heel-nederland"}
    year = timezone.localdate().year
    muni = Municipality.objects.filter(region__slug=r["region"]).order_by("pk").first()
    if muni is None:
        return []
    return [
        ("art. 47 matrix, 350 municipalities", "compliance:matrix", r, None),
        ("art. 47 matrix CSV, 350 municipalities", "compliance:csv", r, None),
        ("art. 47 matrix JSON, 350 municipalities", "api:matrix", {**r, "year": year}, None),
        (
            "art. 47 evidence of one municipality",
            "compliance:municipality_evidence",
            {**r, "municipality": muni.slug},
            None,
        ),
        ("verordeningen of 350 municipalities", "bylaws:public_index", r, None),
        ("verordeningen JSON, 350 municipalities", "api:bylaws", r, None),
        ("OpenAPI document", "api:openapi-json", {}, None),
        ("API documentation page", "api:documentation", {}, None),
    ]


def _log_in_fully(client, user) -> None:
    """Log in, and for a beheerder also pass the second step (ADR 0010), so the page itself is measured."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from inspraak.twofactor.permissions import needs_second_factor

    client.force_login(user)
    if needs_second_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def measure_pages(*, requests: int = REQUESTS, warmup: int = WARMUP) -> tuple[dict, dict]:
    """Measure every key page on the current database. Pages whose URL name does not exist are skipped."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    subject, pages = key_pages()
    results = {}
    for label, url_name, kwargs, user, *query in pages:
        try:
            url = reverse(url_name, kwargs=kwargs) + "".join(query)
        except NoReverseMatch:
            results[label] = {"url_name": url_name, "note": "skipped: this page does not exist yet"}
            continue
        client = Client()
        if user is not None:
            _log_in_fully(client, user)
        results[label] = {"url_name": url_name, **measure(client, url, requests=requests, warmup=warmup)}
    return subject, results


def _consultation_concurrency(own_database: bool) -> dict:
    """Issue 14: BENCH_CONCURRENCY_USERS (50) respondents answering at once for BENCH_CONCURRENCY_SECONDS (60)
    against gunicorn on loopback: errors, lost and doubled answers. PostgreSQL only (a served app next to this
    process needs a database server)."""
    from django.db import connection

    if not own_database or connection.vendor != "postgresql":
        return {"note": "skipped: needs DATABASE_URL of a PostgreSQL server"}
    from inspraak.consultations.bench import concurrency_check

    return concurrency_check(
        users=int(os.environ.get("BENCH_CONCURRENCY_USERS", "50")),
        seconds=int(os.environ.get("BENCH_CONCURRENCY_SECONDS", "60")),
    )


# ---------------------------------------------------------------- the run


def run(*, own_database: bool = False, size=None, requests: int = REQUESTS, warmup: int = WARMUP) -> dict:
    import django
    from django.core.management import call_command
    from django.db import connection

    from inspraak.demo.generator import build_big_region, build_meeting_cycle, build_national

    started = time.perf_counter()
    original_name = connection.settings_dict["NAME"]
    if own_database:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    dataset = build_national(size)
    dataset["big_region"] = build_big_region(
        municipalities=350 if size is None else 12, members=100 if size is None else 10
    )
    dataset["meeting_cycle"] = build_meeting_cycle(items=20, documents=60, topics=500 if size is None else 30)
    from inspraak.payments.bench import build_payments_year

    dataset["payments_year"] = build_payments_year()
    from inspraak.consultations.bench import build_consultation

    dataset["consultation"] = build_consultation(
        answers=400_000 if size is None else 2_000, municipalities=350 if size is None else 12
    )
    built = time.perf_counter()
    subject, pages = measure_pages(requests=requests, warmup=warmup)
    measured = time.perf_counter()
    from inspraak.consultations.bench import one_off_downloads

    downloads = one_off_downloads()
    concurrency = _consultation_concurrency(own_database)
    report = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": connection.vendor,
        "database_version": ".".join(str(p) for p in connection.Database.sqlite_version_info)
        if connection.vendor == "sqlite"
        else str(connection.pg_version if connection.vendor == "postgresql" else ""),
        "machine": platform.machine(),
        "requests_per_page": requests,
        "warmup_requests": warmup,
        "timing": "wall time of Django's test client per request (no network, no web server)",
        "first_load": "HTML + the static files it references (CSS, JS, icons); gzip level 9",
        "dataset": dataset,
        "migrate_seconds": round(migrated - started, 2),
        "dataset_build_seconds": round(built - migrated, 2),
        "measure_seconds": round(measured - built, 2),
        "measured": subject,
        "pages": pages,
        "consultation_downloads_timed_once": downloads,
        "consultation_concurrency": concurrency,
    }
    if own_database:
        connection.creation.destroy_test_db(original_name, verbosity=0)
    return report


def main() -> dict:
    own_database = setup_django()
    report = run(own_database=own_database)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    REPORT_FILE.write_text(text + "\n")
    print(text)
    print(f"\nReport written to {REPORT_FILE.relative_to(ROOT)}", file=sys.stderr)
    return report


if __name__ == "__main__":
    main()
