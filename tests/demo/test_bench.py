"""bench/run.py, bench/grow.py and bench/table.py: the measuring, the tenfold growth and the README table work on a
tiny data set (the full run is `make bench`)."""

from __future__ import annotations

import pytest
from django.db.models import F
from django.test import Client

from bench import grow, run, table
from inspraak.demo.generator import NationalSize, build_national


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 31)]
    assert run.percentile(values, 0.95) == 29.0
    assert run.percentile(values, 0.5) == 15.0
    assert run.percentile([4.0], 0.95) == 4.0
    assert run.percentile([3.0, 1.0, 2.0], 1.0) == 3.0


def test_a_slow_page_gets_fewer_timed_requests_but_never_fewer_than_seven():
    assert run._requests_for(0.005, 30, 10) == 30
    assert run._requests_for(0.5, 30, 10) == 20
    assert run._requests_for(4.0, 30, 10) == 7
    assert run._requests_for(4.0, 3, 10) == 3
    assert run._requests_for(4.0, 30, 0) == 30


@pytest.mark.django_db
def test_measure_reports_time_as_a_multiple_of_the_bare_view_and_the_compressed_first_load():
    result = run.measure(Client(), "/", requests=3, warmup=1)
    assert result["status"] == 200
    assert result["requests"] == 3
    assert 0 < result["median_ms"] <= result["p95_ms"]
    assert 0 < result["bare_median_ms"] <= result["bare_p95_ms"]
    assert result["ratio_median"] == pytest.approx(result["median_ms"] / result["bare_median_ms"], rel=0.02)
    # Computed afresh, against the bare view requested beside those requests (not the one measured before them).
    afresh = result["afresh"]
    assert afresh["requests"] > 0 and afresh["median_ms"] > 0 and afresh["bare_median_ms"] > 0
    assert afresh["ratio_median"] == pytest.approx(afresh["median_ms"] / afresh["bare_median_ms"], rel=0.02)
    assert result["queries"] >= 0
    assert "/static/inspraak/inspraak.css" in result["assets"]
    assert result["first_load_requests"] == 1 + len(result["assets"]) <= 3
    # The page as the browser gets it: gzip by the application, plus the static files compressed.
    assert result["compressed"] is True
    assert result["html_bytes_gzip"] < result["html_bytes"]
    assert result["first_load_bytes_raw"] > result["html_bytes"]
    assert result["html_bytes_gzip"] < result["first_load_bytes_gzip"] < result["first_load_bytes_raw"]


@pytest.mark.django_db
def test_a_page_that_does_not_answer_200_is_reported_not_timed():
    result = run.measure(Client(), "/r/bestaat-niet/", requests=3, warmup=1)
    assert result["status"] == 404
    assert "median_ms" not in result


@pytest.mark.django_db
def test_the_bare_floor_is_measured_with_and_without_middleware():
    floor = run.bare_floor(requests=2, warmup=1)
    assert floor["without_middleware"]["requests"] == 6
    assert floor["without_middleware"]["median_ms"] > 0
    assert floor["full_middleware_anonymous"]["median_ms"] > 0


@pytest.mark.django_db
def test_every_key_page_is_measured_on_a_tiny_data_set():
    from inspraak.payments.bench import build_payments_year

    build_national(NationalSize.tiny())
    build_payments_year()
    subject, pages = run.measure_pages(requests=2, warmup=1)
    assert subject["region_municipalities"] >= 3  # the biggest region is measured
    assert {"home", "region public page", "login", "dashboard (lid)", "people list", "audit log"} <= set(pages)
    assert {"claims to decide (secretaris)", "yearly statement (lid)", "payment batch (financien)"} <= set(pages)
    for label, result in pages.items():
        if "note" in result and result["note"].startswith("skipped"):
            continue
        assert result["status"] == 200, label
        assert result["queries"] > 0 or label.startswith("login"), label
        assert result["first_load_bytes_gzip"] > 0
        assert result["ratio_median"] > 0, label
    assert pages["people list"]["list_page"] and not pages["login"]["list_page"]
    # A logged-in page is also compared with the bare view through its own client (session, user, device).
    assert pages["people list"]["logged_in"] and pages["people list"]["ratio_median_same_client"] > 0
    assert not pages["home"]["logged_in"] and "ratio_median_same_client" not in pages["home"]


@pytest.mark.django_db
def test_growing_tenfold_copies_the_national_data_with_its_links():
    from inspraak.accounts.models import RoleAssignment, User
    from inspraak.advice.models import Advice, Recommendation
    from inspraak.audit.models import AuditEvent
    from inspraak.policy.models import Proposal
    from inspraak.regions.models import Region

    build_national(NationalSize.tiny())
    kept = Region.objects.order_by("pk").first()
    kept_people = User.objects.filter(role_assignments__region=kept).distinct().count()
    before = {m: m.objects.count() for m in (Proposal, Advice, Recommendation, AuditEvent)}
    last_advice, last_proposal = Advice.objects.latest("pk").pk, Proposal.objects.latest("pk").pk
    people_before = User.objects.count()

    grown = grow.grow(factor=3, keep_regions=[kept.pk])

    assert grown["errors"] == {}
    for model, count in before.items():
        assert model.objects.count() == 3 * count, model
    # A copy keeps its body and points at the copy of its proposal, in the same region, with its recommendations.
    copies = Advice.objects.filter(pk__gt=last_advice)
    assert copies.count() == 2 * before[Advice]
    assert not copies.filter(proposal_id__lte=last_proposal).exists()
    assert not copies.exclude(proposal__region=F("body__region")).exists()
    assert Recommendation.objects.filter(advice__in=copies).count() == 2 * before[Recommendation]
    # People of the kept region are not copied; the others are, with their roles, under new addresses.
    assert User.objects.filter(role_assignments__region=kept).distinct().count() == kept_people
    assert User.objects.count() > people_before
    emails = [e for e in User.objects.values_list("email", flat=True) if e]
    assert len(emails) == len(set(emails))
    assert RoleAssignment.objects.filter(user__created_in_region__isnull=False).count() > 0
    # A row added afterwards gets a fresh id (the id sequences moved past the copies).
    highest = Recommendation.objects.latest("pk").pk
    added = Recommendation.objects.create(advice=copies.first(), number=99, text="Na de groei.")
    assert added.pk > highest
    assert grow.analyze() >= 0


@pytest.mark.django_db
def test_a_tiny_run_reports_ratios_growth_and_a_summary_and_prints_the_table():
    saved = []
    report = run.run(
        scale="tiny", requests=1, warmup=1, migrate=False, serve=False, downloads=False, settle=False, save=saved.append
    )
    assert report["complete"] and len(saved) >= 5  # written after every phase
    pages = report["pages"]
    assert report["growth_10x"]["errors"] == {}
    assert report["growth_10x"]["dataset_after"]["advices"] >= 10 * report["dataset"]["advices"]
    lists = [label for label, page in pages.items() if page.get("list_page")]
    assert {"advice register (first page)", "people list", "audit log", "topic list with 500 topics (lid)"} <= set(
        lists
    )
    for label in lists:
        assert pages[label]["growth"] > 0, label
        assert pages[label]["growth_afresh"] > 0, label
        assert pages[label]["growth_vs_bare"] > 0 and pages[label]["growth_afresh_vs_bare"] > 0, label
        assert pages[label]["afresh"]["queries"] >= pages[label]["queries"], label  # kept values save queries
        assert pages[label]["at_10x"]["queries"] == pages[label]["queries"], label
    assert report["bare_floor"]["interleaved_full_middleware"]["median_ms"] > 0
    summary = report["summary"]
    assert set(summary) == {"first_load", "requests", "time", "growth"}
    assert summary["growth"]["passes"] + summary["growth"]["misses"] == len(lists)
    text = table.table(report)
    assert text.startswith("| page | median ms | × bare |")
    assert "| advice register (first page) |" in text
    assert "60 KiB" in text
    short = table.table(report, short=True)
    assert "| advice register (first page) |" in short and "| audit log |" not in short
    assert "miss:" not in short  # the budgets as counts only


def test_the_bench_waits_until_new_data_has_settled_so_kept_pages_are_measured_kept():
    import datetime

    from inspraak.audit.cache import SETTLE_SECONDS

    now = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
    assert run.settle_seconds(None, now) == 0
    assert run.settle_seconds(now, now) == SETTLE_SECONDS + 1
    assert run.settle_seconds(now - datetime.timedelta(seconds=30), now) == SETTLE_SECONDS - 29
    assert run.settle_seconds(now - datetime.timedelta(days=1), now) == 0


@pytest.mark.django_db(transaction=True)
def test_after_bulk_loading_postgresql_is_vacuumed_and_analysed_outside_a_transaction():
    """Outside a transaction (the bench itself) PostgreSQL gets VACUUM (ANALYZE), so index-only scans find a
    visibility map and autovacuum does not start while pages are measured; SQLite gets ANALYZE."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert grow.analyze() >= 0

    expected = "VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE"
    assert [q["sql"] for q in captured.captured_queries] == [expected]


def test_the_growth_budget_judges_each_page_against_the_bare_view_measured_beside_it():
    """A machine twice as slow in the 10x phase doubles every plain ratio; the multiples of the bare view hold."""
    drifted = {"growth": 2.0, "growth_afresh": 2.1, "growth_vs_bare": 1.02, "growth_afresh_vs_bare": 1.05}
    grows = {"growth": 1.2, "growth_afresh": 1.9, "growth_vs_bare": 1.1, "growth_afresh_vs_bare": 1.7}
    old_report = {"growth": 1.3, "growth_afresh": 1.6}

    assert run.growth_figures(drifted) == (1.02, 1.05)
    assert run.growth_figures(grows) == (1.1, 1.7)
    assert run.growth_figures(old_report) == (1.3, 1.6)
    base = {"median_ms": 5.0, "list_page": True, "content_type": "application/json"}
    verdict = run.summary({"a": base | drifted, "b": base | grows})["growth"]
    assert verdict["pass"] == ["a"] and [m["page"] for m in verdict["miss"]] == ["b"]
