"""The register's pages keep their content in the cache until the region changes (ADR 31: the region's newest audit
row, the language and the day are in the key; the filters and the page too): 1 query then, and never older than the
region's latest change made through a service."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from inspraak.advice import services as advice_services
from inspraak.advice.models import Verdict
from inspraak.audit.cache import SETTLE_SECONDS
from tests.quality.queries import count_queries
from tests.register.data import register_data

pytestmark = pytest.mark.django_db

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _url(world, name="index", **kwargs):
    return reverse(f"register:{name}", kwargs={"region": world.region.slug, **kwargs})


def _later(minutes: int):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def _html(client, url, **extra) -> str:
    response = client.get(url, **extra)
    assert response.status_code == 200
    return _TOKEN.sub("", response.content.decode())


@pytest.mark.parametrize("query", ["", "?gemeente=zeedorp&jaar=2026", "?orgaan=clientenpanel&reactie=wacht"])
def test_a_kept_register_page_is_the_computed_page_in_one_query(client, world, query):
    register_data(world)
    url = _url(world) + query
    computed = _html(client, url)
    assert count_queries(client, url) == 1  # the region with its newest audit row
    assert _html(client, url) == computed


def test_a_kept_timeline_is_the_computed_timeline_in_one_query(client, world):
    data = register_data(world)
    url = _url(world, "proposal", pk=data.decided.pk)
    computed = _html(client, url)
    assert count_queries(client, url) == 1
    assert _html(client, url) == computed
    assert f"<title>{data.decided.title} – " in computed
    assert client.get(_url(world, "proposal", pk=data.preparing.pk)).status_code == 404  # not kept, still not shown
    assert client.get(_url(world, "proposal", pk=data.preparing.pk)).status_code == 404


def test_a_kept_advice_page_is_the_computed_page_in_one_query(client, world):
    data = register_data(world)
    url = _url(world, "advice", pk=data.advice.pk)
    computed = _html(client, url)
    assert count_queries(client, url) == 1
    assert _html(client, url) == computed
    assert f"<title>{data.advice.subject} – " in computed
    assert client.get(_url(world, "advice", pk=data.draft.pk)).status_code == 404  # not kept, still not shown
    assert client.get(_url(world, "advice", pk=data.draft.pk)).status_code == 404


def test_each_language_page_and_filter_is_kept_apart(client, world):
    register_data(world)
    url = _url(world)
    dutch = _html(client, url)
    client.cookies["django_language"] = "en"
    english = _html(client, url)
    assert "Hier staan alle adviezen" in dutch and "Hier staan alle adviezen" not in english
    client.cookies["django_language"] = "nl"
    assert _html(client, url) == dutch
    assert "Advies over de bijstandsregels" in dutch
    assert "Advies over de bijstandsregels" not in _html(client, url + "?reactie=wacht")
    assert "Advies over de bijstandsregels" in _html(client, url + "?reactie=ontvangen")


def test_the_filter_choices_are_kept_for_the_other_filters_and_pages(client, world):
    register_data(world)
    url = _url(world)
    _html(client, url)
    computed = _html(client, url + "?reactie=wacht")
    assert count_queries(client, url + "?reactie=te_laat") == 5  # the region, the count, ids, rows, recommendations
    cache.clear()
    assert _html(client, url + "?reactie=wacht") == computed


def test_kept_filter_choices_follow_every_change_of_a_body_at_once(client, world):
    register_data(world)
    url = _url(world)
    _html(client, url)
    world.body.name = "Het nieuwe cliëntenpanel"
    world.body.save()  # the change token of regions, municipalities and bodies moves (no settle window)
    html = _html(client, url + "?reactie=wacht")
    assert ">Het nieuwe cliëntenpanel</option>" in html


@pytest.mark.parametrize(
    "query",
    [
        "?jaar=1999",
        "?gemeente=nergens",
        "?gemeente=" + "x%20" * 200,
        "?pagina=99",
        "?pagina=1&x=1",
        "?jaar=2026&jaar=2025",
    ],
)
def test_a_wrong_filter_an_unknown_parameter_or_a_page_that_does_not_exist_is_not_kept(client, world, query):
    register_data(world)
    url = _url(world) + query
    computed = _html(client, url)
    assert count_queries(client, url) > 1  # computed afresh (7, or 4 when nothing matches)
    assert _html(client, url) == computed


def test_a_change_through_a_service_shows_at_once(client, world):
    data = register_data(world)
    url = _url(world)
    timeline = _url(world, "proposal", pk=data.late.pk)
    before = _html(client, url)
    assert "Wacht op reactie" in before
    assert count_queries(client, url) == 1
    assert count_queries(client, timeline) in (1, 7)
    _html(client, timeline)
    assert count_queries(client, timeline) == 1
    with _later(1):
        [recommendation] = data.late_advice.recommendations.all()
        advice_services.response_record(
            advice=data.late_advice,
            by=world.user("officer_region"),
            responded_on=timezone.localdate(),
            verdicts={recommendation.pk: (Verdict.ADOPTED, "")},
            summary="We doen het.",
        )
        # Just changed: computed afresh on every request until the change has settled.
        assert _html(client, url) != before
        assert "We doen het." in _html(client, timeline)
        assert count_queries(client, url) == 5  # the filter choices are kept on their own version
    with _later(1 + SETTLE_SECONDS // 60 + 1):
        after = _html(client, url)
        assert after != before
        assert count_queries(client, url) == 1
        assert _html(client, url) == after
        assert "We doen het." in _html(client, timeline)
        assert count_queries(client, timeline) == 1
        advice = _url(world, "advice", pk=data.late_advice.pk)
        assert "We doen het." in _html(client, advice)
        assert count_queries(client, advice) == 1


def test_the_next_day_is_computed_afresh(client, world):
    register_data(world)
    url = _url(world)
    _html(client, url)
    assert count_queries(client, url) == 1
    with _later(24 * 60):
        assert count_queries(client, url) == 7
        assert count_queries(client, url) == 1
