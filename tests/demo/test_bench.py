"""bench/run.py: the measuring functions work on a tiny data set (the full run is `make bench`)."""

from __future__ import annotations

import pytest
from django.test import Client

from bench import run
from inspraak.demo.generator import NationalSize, build_national


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 31)]
    assert run.percentile(values, 0.95) == 29.0
    assert run.percentile(values, 0.5) == 15.0
    assert run.percentile([4.0], 0.95) == 4.0
    assert run.percentile([3.0, 1.0, 2.0], 1.0) == 3.0


@pytest.mark.django_db
def test_measure_reports_time_queries_and_first_load_bytes():
    result = run.measure(Client(), "/", requests=3, warmup=1)
    assert result["status"] == 200
    assert result["requests"] == 3
    assert 0 < result["median_ms"] <= result["p95_ms"]
    assert result["queries"] >= 0
    assert "/static/inspraak/inspraak.css" in result["assets"]
    assert result["first_load_bytes_raw"] > result["html_bytes"]
    assert result["html_bytes_gzip"] < result["first_load_bytes_gzip"] < result["first_load_bytes_raw"]


@pytest.mark.django_db
def test_a_page_that_does_not_answer_200_is_reported_not_timed():
    result = run.measure(Client(), "/r/bestaat-niet/", requests=3, warmup=1)
    assert result["status"] == 404
    assert "median_ms" not in result


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
