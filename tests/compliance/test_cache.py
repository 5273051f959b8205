"""The matrix pages at national scale: a summary first, 25 rows a page, a filter on what does not meet, and the
matrix kept in the cache until the region changes (its newest audit row is in the key: inspraak.audit.cache)."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from inspraak.audit.cache import SETTLE_SECONDS, RegionCache
from inspraak.compliance import present, selectors, services
from tests.compliance.data import compliance_data
from tests.factories import MunicipalityFactory
from tests.quality.queries import count_queries

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<th scope="row" class="utrecht-table__header-cell"><a class="utrecht-link" href="[^"]*">([^<]+)</a>')


def _url(world, name="matrix", **kwargs):
    return reverse(f"compliance:{name}", kwargs={"region": world.region.slug, **kwargs})


def _many(world, n):
    for k in range(n):
        MunicipalityFactory(
            region=world.region, name=f"Gemeente {k:02d}", slug=f"gemeente-{k:02d}", cbs_code=f"GM7{k:03d}"
        )


def _rows(html: str) -> list[str]:
    """The names in the first column of the matrix table (the summary table has no links)."""
    return ROW.findall(html)


def _later(minutes: int):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def test_the_matrix_page_holds_25_rows_and_links_to_the_next(client, world):
    compliance_data(world)
    _many(world, 30)  # 32 municipalities and the GR: 33 rows
    first = client.get(_url(world)).content.decode()
    assert _rows(first) == ["Hele regio (GR)", "Duinstad", *[f"Gemeente {k:02d}" for k in range(23)]]
    assert "Rij 1 tot en met 25 van 33" in first and "Pagina 1 van 2" in first
    assert "jaar=2026&amp;pagina=2" in first  # Volgende
    assert "Hele regio (GR) – Gemeente 22" in first and "Gemeente 23 – Zeedorp" in first  # each page by its rows
    second = client.get(_url(world), {"jaar": "2026", "pagina": "2"}).content.decode()
    assert _rows(second) == [*[f"Gemeente {k:02d}" for k in range(23, 30)], "Zeedorp"]
    assert "Rij 26 tot en met 33 van 33" in second and "Vorige" in second


def test_the_summary_counts_every_row_per_status_and_the_filter_shows_only_what_does_not_meet(client, world):
    compliance_data(world)
    today = timezone.localdate()
    table = present.matrix_tables(
        world.region, years=[2026], today=today, cache=RegionCache(world.region, today=today)
    )[0]
    attention = [row.label for row in table.rows if row.attention]
    assert attention and len(attention) < len(table.rows)
    html = client.get(_url(world)).content.decode()
    assert "In het kort" in html
    assert f"Bij {len(attention)} van de {len(table.rows)} (de gemeenten en de regio zelf)" in html
    assert f"Toon alleen waar iets niet voldoet ({len(attention)})" in html
    only = client.get(_url(world), {"jaar": "2026", "niet": "alles"}).content.decode()
    assert _rows(only) == attention
    assert "U ziet alleen de gemeenten waar iets niet voldoet." in only and "Toon alle gemeenten" in only
    assert _rows(client.get(_url(world), {"niet": "onzin"}).content.decode()) == [row.label for row in table.rows]


def test_a_count_of_voldoet_niet_in_the_summary_leads_to_only_those_municipalities(client, world):
    compliance_data(world)
    matrix = selectors.region_matrix(world.region, year=2026, today=timezone.localdate())
    failing_a = [row.label for row in matrix.rows if row.cells["a"].status == "voldoet_niet"]
    assert failing_a
    html = client.get(_url(world)).content.decode()
    assert f'href="{_url(world)}?jaar=2026&amp;niet=a#gemeenten">{len(failing_a)}<span' in html
    only = client.get(_url(world), {"jaar": "2026", "niet": "a"}).content.decode()
    assert _rows(only) == failing_a
    assert "U ziet alleen de gemeenten die niet voldoen bij: a. Advies, op tijd gevraagd." in only


def test_the_summary_table_has_a_line_per_column_with_the_rows_per_status(client, world):
    compliance_data(world)
    matrix = selectors.region_matrix(world.region, year=2026, today=timezone.localdate())
    html = client.get(_url(world)).content.decode()
    summary = html.split('id="summary-caption"', 1)[1].split("</table>", 1)[0]
    for column, label in matrix.columns:
        counts = matrix.counts(column)
        line = summary.split(f">{label}</th>", 1)[1].split("</tr>", 1)[0]
        assert re.findall(r"<td[^>]*>(?:<a[^>]*>)?(\d+)", line) == [
            str(counts[s]) for s in ("voldoet", "deels", "voldoet_niet", "geen_gegevens")
        ]


def test_a_computed_matrix_is_kept_until_the_region_changes_through_a_service(client, world):
    compliance_data(world)
    url = _url(world)
    count_queries(client, url)
    assert count_queries(client, url) == 2  # the region and its newest audit row
    with _later(1):
        services.settings_save(
            region=world.region,
            by=world.user("admin"),
            version=0,
            topic_answer_weeks=3,
            full_share=80,
            partial_share=40,
        )
        # Just changed: computed afresh on every request until the change has settled.
        assert "binnen 3 weken een antwoord" in client.get(url).content.decode()
        assert count_queries(client, url) > 2
    with _later(1 + SETTLE_SECONDS // 60 + 1):
        assert "binnen 3 weken een antwoord" in client.get(url).content.decode()
        assert count_queries(client, url) == 2


def test_the_csv_and_json_of_a_kept_matrix_are_the_bytes_of_a_computed_one(client, world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "inspraak.example"]
    compliance_data(world)
    csv_url = _url(world, "csv") + "?jaar=2026"
    json_url = reverse("api:matrix", kwargs={"region": world.region.slug, "year": 2026})
    computed = (client.get(csv_url).content, client.get(json_url).content)
    kept = (client.get(csv_url).content, client.get(json_url).content)
    assert computed == kept
    assert count_queries(client, json_url) == 2
    cache.clear()
    assert client.get(json_url).content == computed[1]
    assert (
        client.get(json_url, HTTP_HOST="inspraak.example")
        .json()["rows"][0]["url"]
        .startswith("http://inspraak.example/")
    )


def test_the_cache_key_moves_with_the_newest_audit_row_the_language_and_the_day(world):
    from django.utils import translation

    from inspraak.audit.services import audit_record

    today = timezone.localdate()
    before = RegionCache(world.region, today=today)
    with _later(1):
        audit_record(actor=None, action="test.change", target=world.region, region=world.region)
    with _later(5):
        after = RegionCache(world.region, today=today)
        assert after.settled and after.prefix != before.prefix
        assert RegionCache(world.region, today=today + datetime.timedelta(days=1)).prefix != after.prefix
        with translation.override("en"):
            assert RegionCache(world.region, today=today).prefix != after.prefix


def test_a_value_is_not_kept_while_the_newest_change_may_still_be_committing(world):
    from inspraak.audit.services import audit_record

    today = timezone.localdate()
    audit_record(actor=None, action="test.change", target=world.region, region=world.region)
    fresh = RegionCache(world.region, today=today)
    assert not fresh.settled
    calls = []
    assert fresh.get("x", lambda: calls.append(1) or 1) == 1
    assert fresh.get("x", lambda: calls.append(1) or 1) == 1
    assert len(calls) == 2  # computed each time, never stored
    with _later(SETTLE_SECONDS // 60 + 1):
        settled = RegionCache(world.region, today=today)
        assert settled.settled
        settled.get("x", lambda: calls.append(1) or 1)
        settled.get("x", lambda: calls.append(1) or 1)
        assert len(calls) == 3


def test_the_kept_csv_and_json_travel_gzipped_once_compressed(client, world):
    import gzip

    compliance_data(world)
    for url in (_url(world, "csv"), reverse("api:matrix", kwargs={"region": world.region.slug, "year": 2026})):
        plain = client.get(url)
        zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
        assert gzip.decompress(zipped.content) == plain.content
        assert "Content-Encoding" not in plain


def test_a_filter_that_matches_no_row_says_so():
    from django.template.loader import render_to_string

    from inspraak.compliance.rules import COLUMNS, MEETS, Thresholds

    rows = tuple(present.TableRow(f"Gemeente {k}", f"/g/{k}/", (MEETS,) * len(COLUMNS), "<tr></tr>") for k in range(3))
    table = present.MatrixTable(2026, Thresholds(), rows)
    page = present.table_page(table, page=None, only="a", base_url="/r/x/art-47/?jaar=2026")
    assert page.total == 0 and page.only_label == "a. Advies, op tijd gevraagd"
    html = render_to_string(
        "compliance/includes/matrix_page_table.html", {"table": page, "matrix": table, "columns": []}
    )
    assert "Er is geen gemeente die hier past." in html


# ---------------------------------------------------------------- "is the client heard?" kept, its votes read afresh


def _contributors_line(heard) -> str:
    return f"{heard.contributors} van de {heard.client_members} cliënten deden iets"


def test_a_vote_cast_or_taken_back_after_the_pages_were_kept_shows_at_once(client, world):
    """Issue 15: "is the client heard?" is kept with the region's other values, but votes are not audited: the
    body page and the evidence page count them afresh, so a vote cast or taken back shows on the next request."""
    from inspraak.topics import services as topic_services
    from tests.compliance.data import days, topic
    from tests.factories import MembershipFactory, UserFactory

    data = compliance_data(world)
    body = world.municipal_body  # serves Zeedorp
    clients = [UserFactory(name=f"Cliënt {i}") for i in range(5)]
    for user in clients:
        MembershipFactory(body=body, user=user, municipality=world.municipality)
    subject = topic(body, world.user("member"), submitted_on=days(-20), title="Stemmen")
    pages = [
        reverse("dashboards:body", kwargs={"region": world.region.slug, "body": body.slug}),
        _url(world, "municipality_evidence", municipality="zeedorp") + f"?jaar={data.year}",
    ]

    def shown() -> str:
        heard = selectors.body_heard(body, year=data.year)
        assert heard.contributors is not None
        for url in pages:
            client.get(url)
            assert count_queries(client, url) <= 3  # kept: only the votes are read again
            assert _contributors_line(heard) in client.get(url).content.decode()
        return _contributors_line(heard)

    before = shown()
    topic_services.topic_vote(topic=subject, user=clients[0])
    assert shown() != before
    topic_services.topic_unvote(topic=subject, user=clients[0])
    assert shown() == before


def test_a_kept_body_page_is_the_page_computed(client, world):
    compliance_data(world)
    url = reverse("dashboards:body", kwargs={"region": world.region.slug, "body": world.body.slug})
    computed = client.get(url).content.decode()
    assert count_queries(client, url) <= 3
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert token.sub("", client.get(url).content.decode()) == token.sub("", computed)
