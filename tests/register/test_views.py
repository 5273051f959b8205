"""The public advice register: only sent advice, filters, pages, the proposal timeline, CSV and JSON."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from inspraak.advice.models import AdviceKind, RequestStatus, Verdict
from inspraak.policy.models import Concern, ProposalStatus
from inspraak.register.selectors import PAGE_SIZE
from tests.quality.queries import assert_constant_queries
from tests.register.data import (
    OTHER_REGION_SUBJECT,
    SECRETS,
    ask,
    days,
    proposal,
    register_data,
    respond,
    sent_advice,
)

pytestmark = pytest.mark.django_db


# The JSON moved to inspraak.api (ADR 19); the former register:api_* URLs redirect there (tests/api).
API_NAMES = {"api_advices": "api:advices", "api_proposal": "api:proposal"}


def _url(world, name, **kwargs):
    return reverse(API_NAMES.get(name, f"register:{name}"), kwargs={"region": world.region.slug, **kwargs})


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode()


def _ids(client, world, **params) -> set[int]:
    response = client.get(_url(world, "api_advices"), params)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def _many(world, n, *, body=None, subject="Advies nummer"):
    body = body or world.body
    for i in range(n):
        advice = sent_advice(
            world,
            body,
            subject=f"{subject} {i:03d}",
            sent_on=days(-200 - i),
            recommendations=["Een aanbeveling.", "Nog een."],
        )
        respond(advice, responded_on=days(-150 - i), verdicts=[(Verdict.ADOPTED, ""), (Verdict.PARTLY, "Deels.")])


# ---------------------------------------------------------------- what is public, and what never is


def test_the_register_lists_sent_advice_of_this_region_only(client, world):
    data = register_data(world)
    html = client.get(_url(world, "index")).content.decode()
    for advice in (data.advice, data.late_advice, data.unsolicited):
        assert advice.subject in html
    assert "3 adviezen gevonden." in html
    assert OTHER_REGION_SUBJECT not in html
    assert _ids(client, world) == {data.advice.pk, data.late_advice.pk, data.unsolicited.pk}


def _public_urls(world, data) -> list[str]:
    urls = [
        _url(world, "index"),
        _url(world, "index") + "?gemeente=zeedorp",
        _url(world, "index") + "?reactie=wacht&soort=gevraagd",
        _url(world, "csv"),
        _url(world, "api_advices"),
    ]
    for advice in (data.advice, data.late_advice, data.unsolicited):
        urls.append(_url(world, "advice", pk=advice.pk))
    for item in (data.decided, data.late, data.open_proposal):
        urls.append(_url(world, "proposal", pk=item.pk))
        urls.append(_url(world, "api_proposal", pk=item.pk))
    return urls


def test_no_draft_comment_or_unsent_advice_and_no_names_on_any_public_page(client, world):
    data = register_data(world)
    names = [world.user(actor).name for actor in ("officer_municipality", "secretary", "member")]
    names.append(world.client.name)
    for url in _public_urls(world, data):
        response = client.get(url)
        assert response.status_code == 200, url
        text = _body(response)
        for secret in (*SECRETS, *names):
            assert secret not in text, f"{url} shows {secret!r}"
            assert json.dumps(secret)[1:-1] not in text, f"{url} shows {secret!r} (JSON-escaped)"


@pytest.mark.parametrize("which", ["draft", "adopted", "other_advice"])
def test_an_unsent_advice_or_one_of_another_region_is_not_found(client, world, which):
    advice = getattr(register_data(world), which)
    assert client.get(_url(world, "advice", pk=advice.pk)).status_code == 404


def test_an_advice_of_another_region_is_public_in_its_own_region(client, world):
    data = register_data(world)
    url = reverse("register:advice", kwargs={"region": world.other_region.slug, "pk": data.other_advice.pk})
    assert OTHER_REGION_SUBJECT in client.get(url).content.decode()


def test_unknown_region_is_not_found(client, world):
    for name in ("register:index", "register:csv", "api:advices"):
        assert client.get(reverse(name, kwargs={"region": "bestaat-niet"})).status_code == 404


# ---------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"gemeente": "zeedorp"}, {"advice", "unsolicited"}),
        ({"gemeente": "duinstad"}, set()),
        ({"gemeente": "hele-regio"}, {"late_advice"}),
        ({"orgaan": "asd-zeedorp"}, {"unsolicited"}),
        ({"orgaan": "clientenpanel"}, {"advice", "late_advice"}),
        ({"soort": "ongevraagd"}, {"unsolicited"}),
        ({"soort": "gevraagd"}, {"advice", "late_advice"}),
        ({"reactie": "ontvangen"}, {"advice"}),
        ({"reactie": "wacht"}, {"late_advice"}),
        ({"reactie": "te_laat"}, {"unsolicited"}),
        ({"gemeente": "zeedorp", "soort": "gevraagd", "reactie": "ontvangen"}, {"advice"}),
    ],
)
def test_filters(client, world, params, expected):
    data = register_data(world)
    assert _ids(client, world, **params) == {getattr(data, name).pk for name in expected}
    html = client.get(_url(world, "index"), params).content.decode()
    for name in expected:
        assert getattr(data, name).subject in html
    for name in {"advice", "late_advice", "unsolicited"} - expected:
        assert getattr(data, name).subject not in html


def test_year_filter(client, world):
    data = register_data(world)
    old = sent_advice(world, world.body, subject="Advies uit 2020", sent_on=datetime.date(2020, 12, 31))
    sent_advice(world, world.body, subject="Advies uit 2021", sent_on=datetime.date(2021, 1, 1))
    assert _ids(client, world, jaar="2020") == {old.pk}
    assert data.advice.pk in _ids(client, world, jaar=str(data.advice.sent_on.year))


def test_a_wrong_filter_gets_a_dutch_message_next_to_the_field_and_keeps_the_rest(client, world):
    data = register_data(world)
    response = client.get(_url(world, "index"), {"jaar": "1999", "soort": "ongevraagd"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_jaar_error"' in html and "Kies een jaar uit de lijst." in html
    assert '<option value="ongevraagd" selected>' in html
    assert data.unsolicited.subject in html and data.advice.subject not in html


def test_a_wrong_filter_in_the_api_is_a_400_with_the_message(client, world):
    register_data(world)
    response = client.get(_url(world, "api_advices"), {"gemeente": "bestaat-niet"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid-params"] == [{"name": "gemeente", "reason": "Kies een gemeente uit de lijst."}]


def test_the_page_number_alone_is_no_filter(client, world):
    register_data(world)
    html = client.get(_url(world, "index"), {"pagina": "1"}).content.decode()
    assert "foutmeldingen" not in html and "Toon alle adviezen" not in html


# ---------------------------------------------------------------- pages and query counts


def test_pagination_keeps_the_filters(client, world):
    register_data(world)
    _many(world, PAGE_SIZE + 3)
    url = _url(world, "index")
    first = client.get(url, {"orgaan": "clientenpanel"}).content.decode()
    assert "Pagina 1 van 2" in first
    assert "orgaan=clientenpanel&amp;pagina=2" in first
    assert first.count('class="inspraak-card inspraak-card--wide"') == PAGE_SIZE
    second = client.get(url, {"orgaan": "clientenpanel", "pagina": "2"}).content.decode()
    assert second.count('class="inspraak-card inspraak-card--wide"') == 2 + 3  # panel advice: 2 + 28 = 30


def _uncached(grow):
    """``grow``, then an empty cache: the factories write no audit rows, so a kept page would not see them."""

    def run():
        grow()
        cache.clear()

    return run


def test_register_query_count_does_not_grow(client, world):
    register_data(world)
    url = _url(world, "index")
    # region (with its newest audit row), municipalities, bodies, count, the page's ids (on the advice table alone),
    # advice rows, recommendations with verdicts
    count = assert_constant_queries(client, url, _uncached(lambda: _many(world, 40)), expected=7)
    cache.clear()  # the filter choices are kept for the region's other pages: measured here afresh each time
    assert assert_constant_queries(client, url + "?pagina=2", _uncached(lambda: _many(world, 5, subject="Meer")), count)
    cache.clear()
    assert assert_constant_queries(
        client,
        url + "?gemeente=zeedorp&reactie=ontvangen",
        _uncached(lambda: _many(world, 5, subject="Nog meer")),
        count,
    )


def test_api_query_count_does_not_grow(client, world):
    register_data(world)
    count = assert_constant_queries(client, _url(world, "api_advices"), lambda: _many(world, 40), expected=7)
    assert count == 7


def test_advice_page_query_count_does_not_grow(client, world):
    data = register_data(world)
    url = _url(world, "advice", pk=data.advice.pk)

    def grow():
        for n in range(3, 8):
            data.advice.recommendations.create(number=n, text=f"Aanbeveling {n}")

    # region (with its newest audit row), advice, recommendations
    assert_constant_queries(client, url, _uncached(grow), expected=3)


def test_timeline_query_count_does_not_grow(client, world):
    data = register_data(world)
    url = _url(world, "proposal", pk=data.decided.pk)

    def grow():
        for body in (world.municipal_body,):
            request = ask(world, data.decided, body, requested_on=days(-90))
            advice = sent_advice(
                world, body, subject="Nog een advies", request=request, proposal=data.decided, sent_on=days(-50)
            )
            respond(advice, responded_on=days(-30))
        sent_advice(world, world.body, subject="Ongevraagd erbij", proposal=data.decided, sent_on=days(-40))

    # region (with its newest audit row), proposal, requests, advice, recommendations, concerns, date moves
    assert_constant_queries(client, url, _uncached(grow), expected=7)


# ---------------------------------------------------------------- the advice page


def test_advice_page_shows_what_was_advised_and_what_was_done(client, world):
    data = register_data(world)
    html = client.get(_url(world, "advice", pk=data.advice.pk)).content.decode()
    assert "U adviseerde, wij deden" in html
    assert "Schrijf brieven in eenvoudige taal." in html and "Overgenomen" in html
    assert "Niet overgenomen" in html and "Dat kost te veel tijd." in html
    assert "Op tijd gevraagd" in html
    assert "https://zeedorp.example.org/besluiten/1" in html
    assert "Het advies staat in het besluit." in html


def test_every_text_of_an_advice_is_escaped_on_the_register_and_the_advice_page(client, world):
    register_data(world)
    evil = "<script>alert(\"x\")</script> & 'quote'"
    advice = sent_advice(
        world, world.body, subject=f"Onderwerp {evil}", sent_on=days(-3), text=f"Tekst {evil}", recommendations=[evil]
    )
    respond(advice, responded_on=days(-1), verdicts=[(Verdict.PARTLY, f"Reden {evil}")])
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quote&#x27;"
    pages = [_url(world, "index"), _url(world, "advice", pk=advice.pk)]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script>" not in html, url
        assert f"Onderwerp {escaped}" in html and f"Reden {escaped}" in html, url
        assert f"Tekst {escaped}" in html, url


def test_overdue_response_says_how_late(client, world):
    data = register_data(world)
    html = client.get(_url(world, "advice", pk=data.unsolicited.pk)).content.decode()
    assert "Reactie te laat" in html and "18 dagen te laat" in html


# ---------------------------------------------------------------- the timeline of a proposal


def test_timeline_shows_not_asked_for_a_concerned_body_after_the_decision(client, world):
    data = register_data(world)
    html = client.get(_url(world, "proposal", pk=data.decided.pk)).content.decode()
    assert "Niet gevraagd: besloten zonder advies te vragen" in html
    assert "Op tijd gevraagd" in html
    assert "Advies gevraagd aan Cliëntenpanel Noordkust" in html
    assert "De raad vergadert later." in html
    assert "Besluit genomen door: Gemeenteraad" in html
    body = client.get(_url(world, "api_proposal", pk=data.decided.pk)).json()
    lines = {line["slug"]: line for line in body["bodies"]}
    assert lines["asd-zeedorp"]["timeliness"]["code"] == "niet_gevraagd"
    assert lines["asd-zeedorp"]["requested_on"] is None
    assert lines["clientenpanel"]["timeliness"]["code"] == "op_tijd"
    assert lines["clientenpanel"]["advice_id"] == data.advice.pk


def test_timeline_shows_a_late_request_with_the_days_short(client, world):
    data = register_data(world)
    html = client.get(_url(world, "proposal", pk=data.late.pk)).content.decode()
    assert "Te laat gevraagd: 7 dagen te weinig om advies te geven" in html
    assert "Hele regio (Regio Noordkust)" in html


def test_timeline_before_the_decision_shows_not_yet_asked(client, world):
    data = register_data(world)
    Concern.objects.create(proposal=data.open_proposal, body=world.municipal_body)
    html = client.get(_url(world, "proposal", pk=data.open_proposal.pk)).content.decode()
    assert "Nog niet gevraagd: nog 18 dagen om op tijd te vragen" in html  # 60 days minus 6 weeks
    assert "De groep werkt aan het advies" in html and "advies uiterlijk" in html


def test_a_declined_request_shows_its_reason(client, world):
    data = register_data(world)
    ask(
        world,
        data.late,
        world.municipal_body,
        requested_on=days(-20),
        status=RequestStatus.DECLINED,
        decline_reason="Geen tijd deze maand.",
    )
    html = client.get(_url(world, "proposal", pk=data.late.pk)).content.decode()
    assert "De groep ziet af van advies" in html and "Geen tijd deze maand." in html


@pytest.mark.parametrize("name", ["proposal", "api_proposal"])
def test_a_proposal_still_in_preparation_is_not_public(client, world, name):
    data = register_data(world)
    assert client.get(_url(world, name, pk=data.preparing.pk)).status_code == 404
    assert client.get(_url(world, name, pk=data.other.pk)).status_code == 404  # another region's


def test_a_decided_proposal_without_any_request_is_public(client, world):
    register_data(world)
    item = proposal(
        world,
        title="Zonder advies besloten",
        status=ProposalStatus.DECIDED,
        decided_on=days(-1),
        planned_decision_date=days(-1),
    )
    Concern.objects.create(proposal=item, body=world.body)
    html = client.get(_url(world, "proposal", pk=item.pk)).content.decode()
    assert "Niet gevraagd: besloten zonder advies te vragen" in html


def test_proposal_get_absolute_url_is_the_timeline(world):
    data = register_data(world)
    assert data.decided.get_absolute_url() == _url(world, "proposal", pk=data.decided.pk)


# ---------------------------------------------------------------- CSV


def _csv(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    assert response.streaming
    raw = b"".join(response.streaming_content)
    return response, raw


def test_csv_is_utf8_with_a_bom_for_excel_and_an_attachment(client, world):
    data = register_data(world)
    response, raw = _csv(client, _url(world, "csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="adviesregister-noordkust-')
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["nummer", "onderwerp", "soort", "groep", "gemeente of regio"]
    assert "op tijd gevraagd" in rows[0] and "reactie" in rows[0] and "link naar het besluit" in rows[0]
    assert len(rows) == 4
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    first = by_id[str(data.advice.pk)]
    assert first["op tijd gevraagd"] == "ja" and first["reactie"] == "Reactie ontvangen"
    assert first["overgenomen"] == "1" and first["niet overgenomen"] == "1"
    assert first["link naar het besluit"] == "https://zeedorp.example.org/besluiten/1"
    assert "Niet overgenomen: Dat kost te veel tijd." in first["aanbevelingen en reacties"]
    assert by_id[str(data.late_advice.pk)]["op tijd gevraagd"] == "nee"


def test_csv_uses_the_filters(client, world):
    data = register_data(world)
    _response, raw = _csv(client, _url(world, "csv"), {"soort": "ongevraagd"})
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [str(data.unsolicited.pk)]


def test_csv_neutralises_formulas(client, world):
    register_data(world)
    sent_advice(world, world.body, subject='=HYPERLINK("http://kwaad.example")', sent_on=days(-1))
    _response, raw = _csv(client, _url(world, "csv"))
    assert "'=HYPERLINK" in raw.decode("utf-8-sig")


def test_csv_runs_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    register_data(world)
    _many(world, 30)
    with django_assert_max_num_queries(6):
        _csv(client, _url(world, "csv"))


# ---------------------------------------------------------------- JSON


def test_api_shape(client, world):
    data = register_data(world)
    body = client.get(_url(world, "api_advices"), {"soort": "gevraagd"}).json()
    assert set(body) == {"region", "filters", "count", "page", "pages", "page_size", "next", "previous", "results"}
    assert body["region"] == {"slug": "noordkust", "name": "Regio Noordkust"}
    assert body["filters"]["soort"] == "gevraagd" and body["filters"]["gemeente"] is None
    assert (body["count"], body["page"], body["pages"], body["next"], body["previous"]) == (2, 1, 1, None, None)
    item = next(r for r in body["results"] if r["id"] == data.advice.pk)
    assert set(item) == {
        "id",
        "url",
        "kind",
        "subject",
        "text",
        "body",
        "applies_to",
        "proposal",
        "request",
        "adopted_on",
        "adopted_how",
        "sent_on",
        "response_due",
        "response_state",
        "response_days_late",
        "response",
        "recommendations",
        "follow_up",
        "decision",
    }
    assert item["kind"] == AdviceKind.SOLICITED
    assert item["url"] == "http://testserver" + _url(world, "advice", pk=data.advice.pk)
    assert item["applies_to"] == {"level": "gemeente", "slug": "zeedorp", "name": "Zeedorp"}
    assert item["request"]["timeliness"]["code"] == "op_tijd"
    assert item["response_state"] == "ontvangen"
    assert item["recommendations"][1] == {
        "number": 2,
        "text": "Bel voordat een uitkering stopt.",
        "verdict": {"code": "niet", "label": "Niet overgenomen", "reason": "Dat kost te veel tijd."},
    }
    assert item["decision"] == {"decided_on": data.decided.decided_on.isoformat(), "url": data.decided.decision_url}
    assert item["proposal"]["api_url"].endswith(_url(world, "api_proposal", pk=data.decided.pk))


def test_api_pages(client, world):
    register_data(world)
    _many(world, PAGE_SIZE + 1)
    url = _url(world, "api_advices")
    first = client.get(url, {"orgaan": "clientenpanel"}).json()
    assert (first["count"], first["pages"], len(first["results"])) == (PAGE_SIZE + 3, 2, PAGE_SIZE)
    assert first["next"] == "http://testserver" + url + "?orgaan=clientenpanel&pagina=2"
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 3 and second["previous"].endswith("pagina=1")
    assert client.get(url, {"pagina": "99"}).status_code == 404
    assert client.get(url, {"pagina": "twee"}).status_code == 400


def test_api_of_an_empty_region_has_one_empty_page(client, world):
    body = client.get(_url(world, "api_advices")).json()
    assert (body["count"], body["pages"], body["results"]) == (0, 1, [])


def test_api_is_public_and_cached(client, world):
    register_data(world)
    response = client.get(_url(world, "api_advices"))
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Type"] == "application/json"
