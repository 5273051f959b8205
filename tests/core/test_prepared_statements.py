"""On PostgreSQL a query a connection runs again becomes a prepared statement, planned once (ADR 0033)."""

import pytest
from django.conf import settings
from django.db import connection

from inspraak.core.dbtime import planned_for_their_values
from inspraak.regions.models import Region
from inspraak.regions.selectors import region_by_slug
from tests.factories import RegionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"),
]


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        return [row[0] for row in cursor.fetchall()]


def test_a_query_run_again_on_a_connection_is_prepared_and_gives_the_same_rows():
    regions = RegionFactory.create_batch(2)
    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
    found = [region_by_slug(region.slug) for region in regions * 3]
    assert [r.pk for r in found] == [r.pk for r in regions * 3]
    assert any('"regions_region"' in statement and "slug" in statement for statement in _prepared_statements())


def test_each_connection_keeps_as_many_prepared_statements_as_configured():
    connection.ensure_connection()
    assert connection.connection.prepared_max == settings.DB_PREPARED_MAX


def test_a_report_planned_for_its_values_is_never_prepared_and_the_connection_prepares_again_after():
    regions = RegionFactory.create_batch(2)

    def report():  # a query no other test runs
        return [Region.objects.filter(slug=r.slug, name=r.name).values_list("pk", flat=True)[0] for r in regions * 3]

    connection.ensure_connection()
    threshold = connection.connection.prepare_threshold
    before = set(_prepared_statements())
    with planned_for_their_values():
        assert report() == [region.pk for region in regions * 3]
    assert set(_prepared_statements()) == before
    assert connection.connection.prepare_threshold == threshold
    report()
    assert any('"regions_region"."name" =' in statement for statement in set(_prepared_statements()) - before)
