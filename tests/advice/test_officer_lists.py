"""The officer dashboard's open requests and advice awaiting a response: the first few with the total and a link,
the full lists on paged pages of their own (same order, same scope), and a fixed number of queries."""

from __future__ import annotations

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from inspraak.advice import selectors
from inspraak.advice.models import Advice, AdviceRequest, AdviceStatus, RequestStatus, Response
from inspraak.policy import selectors as policy_selectors
from tests.advice.data import new_proposal, new_request
from tests.policy.data import policy, sent_advice
from tests.quality.html import assert_valid_html
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
D = datetime.timedelta
TODAY = timezone.localdate
WORLD_DATA = (policy,)
SHOWN = selectors.DASHBOARD_LIST_SIZE
PER_PAGE = selectors.LIST_PAGE_SIZE
ROW = re.compile(r'<tr class="utrecht-table__row">\s*<th scope="row" class="utrecht-table__cell">(.*?)</th>', re.S)


def _url(name, world, **query):
    url = reverse(name, args=[world.region.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def _titles(html: str) -> list[str]:
    """The row headers of the tables on the page (the proposal title or the advice subject, without the link)."""
    return [re.sub(r"<[^>]+>|\s*\(ongevraagd\)", "", cell).strip() for cell in ROW.findall(html)]


def _open_requests(world, n, *, municipality=None, prefix="Aanvraag"):
    """``n`` open requests of the client panel, each on its own proposal, deadlines from far to near."""
    made = []
    for k in range(n):
        proposal = new_proposal(world, title=f"{prefix} {k:02d}", municipality=municipality)
        made.append(new_request(world, proposal, requested_on=TODAY() - D(days=5), deadline=TODAY() + D(days=60 - k)))
    return made


def _awaiting(world, n, *, body=None, prefix="Advies"):
    """``n`` sent advices of the client panel about GR proposals, without a response, sent on different days."""
    body = body or world.body
    return [
        sent_advice(body, sent_on=TODAY() - D(days=k * 3), recommendations=0, subject=f"{prefix} {k:02d}")
        for k in range(n)
    ]


def _login(client, world, actor="officer_region"):
    client.force_login(world.user(actor))


# ---------------------------------------------------------------- the dashboard: the first ones, the total, a link


def test_the_dashboard_shows_the_earliest_open_requests_with_the_total_and_a_link(client, world):
    policy(world)
    _open_requests(world, 14)
    expected = [
        r.proposal.title
        for r in AdviceRequest.objects.filter(status=RequestStatus.OPEN, proposal__region=world.region)
        .select_related("proposal")
        .order_by("deadline", "pk")
    ]
    assert len(expected) == 15  # the 14 above and the policy data's request
    _login(client, world)
    html = client.get(_url("advice:officer_dashboard", world)).content.decode()
    section = _section(html, "aanvragen")
    assert "Open adviesaanvragen (15)" in section
    assert _titles(section) == expected[:SHOWN]
    assert f"De {SHOWN} aanvragen met de vroegste uiterste datum" in section
    assert f'href="{_url("advice:officer_open_requests", world)}"' in section
    assert "Alle 15 open adviesaanvragen bekijken" in section


def test_the_dashboard_shows_the_advice_due_first_with_the_total_and_a_link(client, world):
    policy(world)
    made = _awaiting(world, 13)
    # An old one with a short response period set by hand: the stored due date decides the order.
    Advice.objects.filter(pk=made[0].pk).update(response_due=TODAY() - D(days=400))
    _login(client, world)
    html = client.get(_url("advice:officer_dashboard", world)).content.decode()
    section = _section(html, "reacties")
    scope = policy_selectors.scope_for(world.user("officer_region"), world.region)
    expected = [item.advice.subject for item in selectors.awaiting_page(scope, page=1).rows]
    total = selectors.count_awaiting(scope)
    assert total == 14  # the 13 above and the policy data's sent advice (the unsolicited one is Zeedorp's)
    assert f"Advies ontvangen, reactie nodig ({total})" in section
    assert _titles(section) == expected[:SHOWN]
    assert expected[0] == "Advies 00"
    assert f'href="{_url("advice:officer_awaiting", world)}"' in section
    assert f"Alle {total} adviezen zonder reactie bekijken" in section


def test_a_short_list_is_shown_whole_without_a_link(client, world):
    policy(world)
    _login(client, world, "officer_municipality")
    html = client.get(_url("advice:officer_dashboard", world)).content.decode()
    requests, awaiting = _section(html, "aanvragen"), _section(html, "reacties")
    assert "Open adviesaanvragen (1)" in requests and "1 aanvraag wacht op advies" in requests
    assert _url("advice:officer_open_requests", world) not in requests
    assert "Advies ontvangen, reactie nodig (2)" in awaiting and "2 adviezen wachten op een reactie" in awaiting
    assert _url("advice:officer_awaiting", world) not in awaiting


def test_empty_lists_say_so(client, world):
    policy(world)
    AdviceRequest.objects.update(status=RequestStatus.WITHDRAWN)
    for advice in Advice.objects.filter(status=AdviceStatus.SENT, response__isnull=True):
        Response.objects.create(advice=advice, responded_on=TODAY())
    _login(client, world)
    html = client.get(_url("advice:officer_dashboard", world)).content.decode()
    assert "Open adviesaanvragen (0)" in html and "Er staan geen adviesaanvragen open." in html
    assert "Advies ontvangen, reactie nodig (0)" in html and "Er wacht geen advies op een reactie." in html
    for name in ("advice:officer_open_requests", "advice:officer_awaiting"):
        response = client.get(_url(name, world))
        assert response.status_code == 200
        assert "Pagina 1" not in response.content.decode()


# ---------------------------------------------------------------- the full lists: paged, same order


def test_the_open_requests_page_pages_through_every_request_in_deadline_order(client, world):
    policy(world)
    _open_requests(world, PER_PAGE + 5)
    expected = [
        r.proposal.title
        for r in AdviceRequest.objects.filter(status=RequestStatus.OPEN, proposal__region=world.region)
        .select_related("proposal")
        .order_by("deadline", "pk")
    ]
    _login(client, world)
    first = client.get(_url("advice:officer_open_requests", world)).content.decode()
    assert _titles(first) == expected[:PER_PAGE]
    assert "Pagina 1 van 2" in first and 'href="?pagina=2"' in first and "Volgende" in first
    assert f"{len(expected)} aanvragen wachten op advies" in first
    second = client.get(_url("advice:officer_open_requests", world, pagina=2)).content.decode()
    assert _titles(second) == expected[PER_PAGE:]
    assert "Pagina 2 van 2" in second and 'href="?pagina=1"' in second and "Vorige" in second
    assert "<title>Open adviesaanvragen – pagina 2" in second
    # Each row links to the request's officer page; the columns of the dashboard.
    request = AdviceRequest.objects.get(proposal__title=expected[0])
    assert f'href="{reverse("advice:officer_request", args=[world.region.slug, request.pk])}"' in first
    assert "Uiterste datum" in first and "Gevraagd op" in first
    # A page number that is not one: the first page; one past the end: the last.
    assert (
        _titles(client.get(_url("advice:officer_open_requests", world, pagina="onzin")).content.decode())
        == (expected[:PER_PAGE])
    )
    assert (
        _titles(client.get(_url("advice:officer_open_requests", world, pagina=9)).content.decode())
        == (expected[PER_PAGE:])
    )


def test_the_awaiting_page_pages_through_every_advice_in_due_order(client, world):
    policy(world)
    _awaiting(world, PER_PAGE + 3)
    scope = policy_selectors.scope_for(world.user("officer_region"), world.region)
    advices = Advice.objects.filter(
        region=world.region, status=AdviceStatus.SENT, response__isnull=True
    ).select_related("body")
    # The order the officer sees is the Python due date (response_due_of), earliest first: the database sorts the
    # same on the stored date.
    expected = [
        a.subject
        for a in sorted(
            (a for a in advices if a.subject != "Ongevraagd advies over brieven"),  # Zeedorp's, not the GR's
            key=lambda a: (selectors.response_due_of(a), a.pk),
        )
    ]
    assert selectors.count_awaiting(scope) == len(expected) == PER_PAGE + 4
    _login(client, world)
    first = client.get(_url("advice:officer_awaiting", world)).content.decode()
    second = client.get(_url("advice:officer_awaiting", world, pagina=2)).content.decode()
    assert _titles(first) == expected[:PER_PAGE] and _titles(second) == expected[PER_PAGE:]
    assert "Pagina 1 van 2" in first and 'href="?pagina=2"' in first
    assert f"{len(expected)} adviezen wachten op een reactie" in first
    assert "dagen te laat" in first  # the oldest are overdue
    # The GR officer may respond to each of these: the subject links to the response form.
    oldest = Advice.objects.get(subject=expected[0])
    assert f'href="{reverse("advice:response", args=[world.region.slug, oldest.pk])}"' in first


def test_the_beheerder_reads_the_lists_without_response_links(client, world):
    data = policy(world)
    _login(client, world, "admin")
    html = client.get(_url("advice:officer_awaiting", world)).content.decode()
    assert data.sent_advice.subject in html and data.unsolicited.subject in html  # the whole region
    assert reverse("advice:response", args=[world.region.slug, data.sent_advice.pk]) not in html


def test_the_long_lists_are_valid_html(client, world, tmp_path):
    policy(world)
    _open_requests(world, PER_PAGE + 1)
    _awaiting(world, PER_PAGE + 1)
    _login(client, world)
    pages = {
        "dashboard": client.get(_url("advice:officer_dashboard", world)).content,
        "open requests, page 2": client.get(_url("advice:officer_open_requests", world, pagina=2)).content,
        "awaiting, page 1": client.get(_url("advice:officer_awaiting", world)).content,
    }
    assert_valid_html(pages, tmp_path)


# ---------------------------------------------------------------- scope


def test_a_municipal_officer_sees_only_their_municipality_on_the_full_lists(client, world):
    data = policy(world)
    _open_requests(world, 2, prefix="Regionaal")
    _open_requests(world, 2, municipality=world.municipality_2, prefix="Andere gemeente")
    _open_requests(world, 2, municipality=world.municipality, prefix="Zeedorp")
    _awaiting(world, 2, prefix="Regionaal advies")
    _awaiting(world, 2, body=world.municipal_body, prefix="Zeedorp advies")
    _login(client, world, "officer_municipality")
    requests = _titles(client.get(_url("advice:officer_open_requests", world)).content.decode())
    assert sorted(requests) == sorted(["Zeedorp 00", "Zeedorp 01", data.proposal.title])
    html = client.get(_url("advice:officer_awaiting", world)).content.decode()
    assert "U ziet de adviezen voor: Zeedorp." in html
    assert sorted(_titles(html)) == sorted(
        ["Zeedorp advies 00", "Zeedorp advies 01", data.sent_advice.subject, data.unsolicited.subject]
    )
    # The GR officer: every proposal of the region, but not a municipal body's unsolicited advice without one.
    _login(client, world, "officer_region")
    requests = _titles(client.get(_url("advice:officer_open_requests", world)).content.decode())
    assert len(requests) == 7
    awaiting = _titles(client.get(_url("advice:officer_awaiting", world)).content.decode())
    assert "Zeedorp advies 00" not in awaiting and "Regionaal advies 00" in awaiting


def test_answered_withdrawn_and_other_region_rows_stay_off_the_lists(client, world):
    data = policy(world)
    answered, kept = _awaiting(world, 2, prefix="Beantwoord")
    Response.objects.create(advice=answered, responded_on=TODAY())
    (withdrawn,) = _open_requests(world, 1, prefix="Ingetrokken")
    AdviceRequest.objects.filter(pk=withdrawn.pk).update(status=RequestStatus.WITHDRAWN)
    other = sent_advice(world.other_body, subject="Advies uit een andere regio", recommendations=0)
    _login(client, world)
    awaiting = client.get(_url("advice:officer_awaiting", world)).content.decode()
    assert kept.subject in awaiting and answered.subject not in awaiting and other.subject not in awaiting
    requests = client.get(_url("advice:officer_open_requests", world)).content.decode()
    assert "Ingetrokken 00" not in requests and data.proposal.title in requests


# ---------------------------------------------------------------- a fixed number of queries


def _grow(world):
    def grow():
        _open_requests(world, PER_PAGE + 2, prefix="Meer")
        # Zeedorp's too fill more than a page: page 2 exists for the municipal officer as well.
        _open_requests(world, PER_PAGE, municipality=world.municipality, prefix="Meer Zeedorp")
        _awaiting(world, PER_PAGE + 2, prefix="Meer advies")
        _awaiting(world, PER_PAGE, body=world.municipal_body, prefix="Meer Zeedorp advies")

    return grow


@pytest.mark.parametrize("actor", ["officer_region", "officer_municipality", "admin"])
@pytest.mark.parametrize("name", ["advice:officer_open_requests", "advice:officer_awaiting"])
def test_the_full_lists_run_a_fixed_number_of_queries(client, world, actor, name):
    policy(world)
    _login(client, world, actor)
    # the session with the person and their roles, region (+ the officer's municipalities), the page's rows with
    # the total
    expected = 4 if actor == "officer_municipality" else 3
    assert_constant_queries(client, _url(name, world), _grow(world), expected=expected)
    assert_constant_queries(client, _url(name, world, pagina=2), lambda: None, expected=expected)
    # A page number past the end: the count, then the last page.
    assert_constant_queries(client, _url(name, world, pagina=9), lambda: None, expected=expected + 2)


@pytest.mark.parametrize("actor", ["officer_region", "officer_municipality", "admin"])
def test_the_dashboard_runs_a_fixed_number_of_queries_with_long_lists(client, world, actor):
    policy(world)
    _login(client, world, actor)
    # the session with the person and their roles, region (+ municipalities); the agenda's page with its bodies and
    # total; per list: its first rows with the total
    expected = 6 if actor == "officer_municipality" else 5
    assert_constant_queries(client, _url("advice:officer_dashboard", world), _grow(world), expected=expected)
    html = client.get(_url("advice:officer_dashboard", world)).content.decode()
    assert len(_titles(_section(html, "aanvragen"))) == SHOWN and len(_titles(_section(html, "reacties"))) == SHOWN


# ---------------------------------------------------------------- every sent advice has its due date stored


def test_the_migration_stores_the_due_date_a_sent_advice_lacked(world):
    data = policy(world)
    Advice.objects.filter(pk=data.sent_advice.pk).update(response_due=None)
    migration = importlib.import_module("inspraak.advice.migrations.0011_sent_advice_has_response_due")
    migration.fill_response_due(apps, None)
    stored = Advice.objects.select_related("body").get(pk=data.sent_advice.pk)
    assert stored.response_due == stored.sent_on + D(weeks=world.body.response_period_weeks)
    assert Advice.objects.get(pk=data.unsolicited.pk).response_due == data.unsolicited.response_due
    assert Advice.objects.get(pk=data.draft_advice.pk).response_due is None  # not sent: no due date
