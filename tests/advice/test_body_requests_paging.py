"""Issue 15: "Adviesaanvragen" of a body (advice.selectors.body_requests) shows 25 open and 25 earlier requests a
page, each list continued by keyset (?na= for the open ones by deadline, ?eerder= for the earlier ones, newest
first), with a fixed number of queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.advice.models import AdviceRequest, RequestStatus
from tests.advice.data import new_proposal
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("advice:requests", kwargs={"region": world.region.slug, "body": world.body.slug})


def _requests(world, n, *, status, prefix):
    today = timezone.localdate()
    for i in range(n):
        proposal = new_proposal(world, title=f"{prefix} {i:02}")
        AdviceRequest.objects.create(
            proposal=proposal,
            body=world.body,
            questions="?",
            contact=world.user("officer_region"),
            requested_on=today - datetime.timedelta(days=100 + i // 2),  # two a day: the cursor orders by id too
            deadline=today + datetime.timedelta(days=10 + i // 2),
            status=status,
            decline_reason="Geen tijd" if status == RequestStatus.DECLINED else "",
        )


def _titles(html: str, prefix: str) -> list[str]:
    return re.findall(rf">({prefix} \d\d)</a>", html)


def test_the_open_requests_show_25_a_page_and_link_to_the_next(client, world):
    _requests(world, 30, status=RequestStatus.OPEN, prefix="Open")
    client.force_login(world.user("secretary"))
    first = client.get(_url(world)).content.decode()
    assert _titles(first, "Open") == [f"Open {i:02}" for i in range(25)]
    assert "30 open aanvragen" in first
    following = re.search(r'href="(\?na=[0-9-]+)">Volgende open aanvragen', first)
    assert following and "Naar de eerste open aanvragen" not in first
    second = client.get(_url(world) + following.group(1)).content.decode()
    assert _titles(second, "Open") == [f"Open {i:02}" for i in range(25, 30)]
    assert "Volgende open aanvragen" not in second and 'href="?">Naar de eerste open aanvragen' in second


def test_the_earlier_requests_show_25_a_page_newest_first_and_link_to_older_ones(client, world):
    _requests(world, 28, status=RequestStatus.ANSWERED, prefix="Eerder")
    _requests(world, 2, status=RequestStatus.WITHDRAWN, prefix="Weg")
    client.force_login(world.user("secretary"))
    first = client.get(_url(world)).content.decode()
    # Newest first: requested_on descending, the later-made one first on the same day.
    expected = sorted(range(28), key=lambda i: (i // 2, -i))
    assert _titles(first, "Eerder") == [f"Eerder {i:02}" for i in expected[:25]]
    older = re.search(r'href="(\?eerder=[0-9-]+)">Oudere aanvragen', first)
    assert older
    second = client.get(_url(world) + older.group(1)).content.decode()
    rest = _titles(second, "Eerder")
    assert len(rest) == 3 and not set(rest) & set(_titles(first, "Eerder"))
    assert set(rest) | set(_titles(first, "Eerder")) == {f"Eerder {i:02}" for i in range(28)}
    assert "Oudere aanvragen" not in second and "Naar de nieuwste eerdere aanvragen" in second
    assert "Weg 0" not in first + second


def test_a_broken_cursor_shows_the_first_page(client, world):
    _requests(world, 27, status=RequestStatus.OPEN, prefix="Open")
    client.force_login(world.user("secretary"))
    for cursor in ("x", "2026-1", "20261340-5"):
        html = client.get(_url(world) + f"?na={cursor}&eerder={cursor}").content.decode()
        assert len(_titles(html, "Open")) == 25 and "Naar de eerste open aanvragen" not in html


def test_a_later_page_runs_a_fixed_number_of_queries(client, world):
    _requests(world, 27, status=RequestStatus.OPEN, prefix="Open")
    _requests(world, 27, status=RequestStatus.ANSWERED, prefix="Eerder")
    client.force_login(world.user("secretary"))
    first = client.get(_url(world)).content.decode()
    na = re.search(r'href="\?na=([0-9-]+)"', first).group(1)
    eerder = re.search(r'href="\?eerder=([0-9-]+)"', first).group(1)

    def grow():
        _requests(world, 30, status=RequestStatus.OPEN, prefix="Meer")
        _requests(world, 30, status=RequestStatus.DECLINED, prefix="Ouder")

    assert_constant_queries(client, _url(world) + f"?na={na}&eerder={eerder}", grow)
