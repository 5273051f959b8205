"""make bench: build a national-scale data set and report per key page the median and p95 server time,
the number of SQL queries and the first-load bytes, as JSON (bench/report.json and stdout).

Not a test: it never fails on numbers. Uses its own SQLite file unless DATABASE_URL is set.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_FILE = ROOT / "bench" / "bench.sqlite3"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
WARMUP = 3


def setup_django() -> None:
    if "DATABASE_URL" not in os.environ:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB_FILE}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def static_bytes(html: str) -> tuple[int, int]:
    """Raw and gzip sizes of the stylesheets and scripts the page links to (served from our static files)."""
    import re

    from django.contrib.staticfiles import finders

    raw = compressed = 0
    for ref in re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js|svg))"', html):
        path = finders.find(ref)
        if path:
            data = Path(path).read_bytes()
            raw += len(data)
            compressed += len(gzip.compress(data, 9))
    return raw, compressed


def measure(client, url: str, requests: int = REQUESTS) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        response = client.get(url)
    if response.status_code != 200:
        return {"url": url, "status": response.status_code}
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    html = response.content.decode()
    css_raw, css_gz = static_bytes(html)
    times.sort()
    return {
        "url": url,
        "status": response.status_code,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
        "queries": len(ctx.captured_queries),
        "html_bytes": len(response.content),
        "first_load_bytes_raw": len(response.content) + css_raw,
        "first_load_bytes_gzip": len(gzip.compress(response.content, 9)) + css_gz,
    }


def key_pages():
    """(name, url, user) for every key page, on the biggest region of the data set."""
    from django.db.models import Count
    from django.urls import reverse

    from inspraak.accounts.models import Role, RoleAssignment
    from inspraak.regions.models import Body, Region

    region = Region.objects.annotate(n=Count("municipalities")).order_by("-n", "pk").first()
    municipality = region.municipalities.order_by("pk").first()
    body = Body.objects.filter(region=region, level=Body.Level.REGION).first()

    def holder(role, **scope):
        return RoleAssignment.objects.filter(role=role, region=region, **scope).select_related("user").first().user

    admin = holder(Role.ADMIN)
    secretary = holder(Role.SECRETARY, body=body)
    member = holder(Role.MEMBER, body=body)
    r = {"region": region.slug}
    return region, [
        ("home", reverse("core:home"), None),
        ("region public page", reverse("regions:region", kwargs=r), None),
        ("municipality public page", municipality.get_absolute_url(), None),
        ("body public page", body.get_absolute_url(), None),
        ("login", reverse("accounts:login"), None),
        ("dashboard (beheerder)", reverse("core:dashboard"), admin),
        ("dashboard (secretaris)", reverse("core:dashboard"), secretary),
        ("dashboard (lid)", reverse("core:dashboard"), member),
        ("body dashboard (lid)", reverse("regions:body_dashboard", kwargs={**r, "body": body.slug}), member),
        ("manage region", reverse("regions:manage_region", kwargs=r), admin),
        ("people list", reverse("accounts:people", kwargs=r), admin),
        ("audit log", reverse("audit:log", kwargs=r), admin),
    ]


def main() -> dict:
    setup_django()
    import django
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from inspraak.demo.generator import build_national

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    dataset = build_national()
    built = time.perf_counter()

    region, pages = key_pages()
    results = {}
    for name, url, user in pages:
        client = Client()
        if user is not None:
            client.force_login(user)
        results[name] = measure(client, url)
    report = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": connection.vendor,
        "requests_per_page": REQUESTS,
        "dataset": dataset,
        "dataset_build_seconds": round(built - migrated, 2),
        "migrate_seconds": round(migrated - started, 2),
        "measured_region": {"slug": region.slug, "municipalities": region.municipalities.count()},
        "pages": results,
    }
    out = ROOT / "bench" / "report.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return report


if __name__ == "__main__":
    main()
