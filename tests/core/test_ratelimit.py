"""The shared rate limiter: counters in the database per keyed hash, fixed windows, clean-up."""

from datetime import UTC, datetime, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from inspraak.core import ratelimit
from inspraak.core.models import RateLimitCounter

pytestmark = pytest.mark.django_db

LIMIT = ratelimit.Limit("test:address", 3)
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=UTC)


def test_counts_up_to_the_limit_then_refuses():
    assert [ratelimit.hit(LIMIT, "198.51.100.7", now=NOW) for _ in range(5)] == [True] * 3 + [False] * 2
    assert ratelimit.is_exceeded(LIMIT, "198.51.100.7", now=NOW)
    # One row for the key and window, whatever the number of hits.
    assert RateLimitCounter.objects.get().count == 5


def test_keys_scopes_and_windows_are_counted_apart():
    for _ in range(3):
        ratelimit.hit(LIMIT, "198.51.100.7", now=NOW)
    assert ratelimit.hit(LIMIT, "198.51.100.8", now=NOW)
    assert ratelimit.hit(ratelimit.Limit("test:other", 3), "198.51.100.7", now=NOW)
    assert ratelimit.hit(LIMIT, "198.51.100.7", now=NOW + timedelta(hours=1))
    assert not ratelimit.is_exceeded(LIMIT, "198.51.100.9", now=NOW)


def test_the_table_holds_no_addresses():
    ratelimit.hit(LIMIT, "198.51.100.7", now=NOW)
    row = RateLimitCounter.objects.get()
    assert "198.51.100.7" not in row.key_hash and len(row.key_hash) == 64
    assert row.window_start == datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def test_prune_deletes_old_windows_only():
    ratelimit.hit(LIMIT, "a", now=NOW - timedelta(days=3))
    ratelimit.hit(LIMIT, "a", now=NOW)
    out = StringIO()
    with mock.patch("inspraak.core.ratelimit.timezone.now", return_value=NOW):
        call_command("prune_rate_limits", stdout=out)
    assert "Deleted 1 rate-limit counters." in out.getvalue()
    assert RateLimitCounter.objects.count() == 1
