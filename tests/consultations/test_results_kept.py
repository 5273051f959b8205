"""The results pages keep their rendered results in the cache (ADR 31, consultations/selectors/kept.py) until the
consultation's counters or its region's newest audit row change: the same page, with far fewer queries, and never
older than the latest answer or change."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from inspraak.audit.services import audit_record
from inspraak.consultations.models import Channel, Consultation
from tests.consultations.data import consultation_data, submit
from tests.factories import MunicipalityFactory
from tests.quality.queries import count_queries

pytestmark = pytest.mark.django_db

_PER_REQUEST = re.compile(r'(nonce|value)="[^"]*"')


def url(name, consultation, query=""):
    path = reverse(f"consultations:{name}", kwargs={"region": consultation.region.slug, "pk": consultation.pk})
    return path + query


def _later(minutes: int):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def _same(one: bytes, other: bytes) -> bool:
    """Equal but for the CSP nonce and the CSRF token (new per request)."""
    return _PER_REQUEST.sub("", one.decode()) == _PER_REQUEST.sub("", other.decode())


def test_the_public_page_is_kept_until_the_next_answer(client, world):
    data = consultation_data(world)
    with _later(5):
        path = url("public_detail", data.published)
        assert count_queries(client, path) == 5
        first = client.get(path).content
        assert count_queries(client, path) == 1  # kept: the consultation with the change markers only
        assert _same(client.get(path).content, first)
        assert "6 mensen deden mee" in first.decode()
        submit(data.published, data.questions, municipality=world.municipality, channel=Channel.CODE)
        assert count_queries(client, path) == 5
        assert "7 mensen deden mee" in client.get(path).content.decode()


def test_an_audited_change_shows_at_once(client, world):
    data = consultation_data(world)
    with _later(5):
        path = url("public_detail", data.published)
        client.get(path)
        assert count_queries(client, path) == 1
        Consultation.objects.filter(pk=data.published.pk).update(outcome="We schrijven kortere brieven.")
        audit_record(
            actor=world.user("officer_region"),
            action="consultation.update",
            target=data.published,
            region=world.region,
            label="test",
        )
        # The newest audit row is younger than two minutes: every request computes afresh, and shows the change.
        assert count_queries(client, path) == 5
        assert "We schrijven kortere brieven." in client.get(path).content.decode()
    with _later(10):
        client.get(path)
        assert count_queries(client, path) == 1
        assert "We schrijven kortere brieven." in client.get(path).content.decode()


def test_the_staff_results_page_keeps_only_the_results_not_what_the_person_may_do(client, world):
    data = consultation_data(world)
    with _later(5):
        client.force_login(world.user("officer_region"))
        path = url("results", data.gr)
        assert count_queries(client, path) == 5
        first = client.get(path).content
        assert count_queries(client, path) == 2  # the session with the person and their roles; the consultation with
        # the change markers
        assert _same(client.get(path).content, first)
        # Another person with other rights gets the kept results, with their own links.
        client.force_login(world.user("officer_municipality"))
        other = client.get(path).content.decode()
        assert "Open antwoorden nakijken" in first.decode() and "Open antwoorden nakijken" not in other
        assert "10 mensen deden mee" in other


def test_a_group_is_kept_per_group_and_a_typo_is_never_kept(client, world):
    data = consultation_data(world)
    third = MunicipalityFactory(region=world.region, name="Havenstad", slug="havenstad")
    data.gr.municipalities.add(third)
    for _index in range(12):
        submit(data.gr, data.questions, municipality=third, channel=Channel.CODE)
    with _later(5):
        client.force_login(world.user("officer_region"))
        for query, fresh in (("?gemeente=havenstad", 6), ("?gemeente=onzin", 5), ("?gemeente=%00", 5)):
            path = url("results", data.gr, query)
            assert count_queries(client, path) == fresh
            again = count_queries(client, path)
            assert again == (2 if query == "?gemeente=havenstad" else fresh), query
    assert not any(":onzin" in key or "\x00" in key for key in getattr(cache, "_cache", {}))


def test_a_municipal_officer_is_let_in_by_the_municipalities_asked(client, world):
    data = consultation_data(world)
    client.force_login(world.user("officer_municipality"))
    assert client.get(url("results", data.gr)).status_code == 200
    client.force_login(world.user("member"))
    assert client.get(url("results", data.gr)).status_code == 403
    wrong = reverse("consultations:results", kwargs={"region": world.region.slug, "pk": 999999})
    assert client.get(wrong).status_code == 404


def test_the_staff_page_of_published_results_says_when_and_what_we_do(client, world):
    data = consultation_data(world)
    client.force_login(world.user("officer_region"))
    html = client.get(url("results", data.published)).content.decode()
    assert "Gepubliceerd op 22 november 2026." in html
    assert data.published.outcome.splitlines()[0] in html
    assert "De openbare pagina" in html
