"""The respondent's pages at /mee/: code entry, language, one page per section with drafts, check, submit; the
open link; the staff's test run."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inspraak.consultations.models import (
    Channel,
    ConsultationStatus,
    Draft,
    InvitationCode,
    OpenLinkUse,
    Response,
    Tally,
    TextAnswer,
    Translation,
)
from inspraak.consultations.views import answer as views
from tests.consultations.data import consultation_data
from tests.consultations.data_answer import real_code
from tests.quality.queries import assert_constant_queries  # noqa: F401 - used below
from tests.world import NOW

WORLD_DATA = [consultation_data]
ENTER = reverse("consultations:enter_code")


def _start(client, code):
    return client.post(ENTER, {"code": f"{code[:4].lower()}-{code[4:]}"})


def _section(pk, number):
    return reverse("consultations:answer_section", kwargs={"pk": pk, "number": number})


def _first_page(data, *, single=0):
    q = data.questions
    return {
        f"q{q['single'].pk}": str(q["single"].options.all()[single].pk),
        f"q{q['multiple'].pk}": [str(o.pk) for o in q["multiple"].options.all()[:2]],
        f"q{q['scale'].pk}": "4",
        "volgende": "1",
    }


def _second_page(data, long="De brieven zijn te moeilijk."):
    q = data.questions
    return {f"q{q['short'].pk}": "Kortere brieven", f"q{q['long'].pk}": long, "volgende": "1"}


def _respondents(consultation, channel=None):
    rows = Tally.objects.filter(consultation=consultation, question_id=0, choice=0)
    if channel:
        rows = rows.filter(channel=channel)
    return sum(rows.values_list("count", flat=True))


def test_the_qr_code_fills_in_the_code_and_the_person_still_presses_the_button(client, world):
    consultation_data(world)
    page = client.get(ENTER, {"code": "zeda2345"})
    assert page.status_code == 200
    html = page.content.decode()
    shown = "ZEDA-2345"
    assert f'value="{shown}"' in html
    assert "<script" not in html


def test_a_client_answers_stops_halfway_comes_back_with_the_code_and_submits(client, world, django_app=None):
    data = consultation_data(world)
    gr = data.gr
    code_row = real_code(data)
    code = code_row.code
    before = _respondents(gr, Channel.CODE)

    started = _start(client, code)
    assert started.status_code == 302
    assert started["Location"] == reverse("consultations:answer_start", kwargs={"pk": gr.pk})
    intro = client.get(started["Location"])
    assert "Beginnen" in intro.content.decode()
    begun = client.post(started["Location"], {"language": ""})
    assert begun["Location"] == _section(gr.pk, 1)
    page = client.get(_section(gr.pk, 1))
    assert "Deel 1 van 2" in page.content.decode()
    saved = client.post(_section(gr.pk, 1), _first_page(data))
    assert saved["Location"] == _section(gr.pk, 2)
    draft = Draft.objects.get(code__code="ZEDA2345")
    assert draft.answers[str(data.questions["scale"].pk)] == 4

    # Stops; comes back on another phone with the code: continues where they were, answers kept.
    other = client.__class__()
    again = _start(other, code)
    assert again.status_code == 302
    intro = other.get(again["Location"]).content.decode()
    assert "Verder waar ik was" in intro
    resumed = other.post(again["Location"], {"language": ""})
    assert resumed["Location"] == _section(gr.pk, 2)
    first = other.get(_section(gr.pk, 1)).content.decode()
    scale = data.questions["scale"].pk
    assert f'id="id_q{scale}_3" checked' in first

    done = other.post(_section(gr.pk, 2), _second_page(data))
    assert done["Location"] == reverse("consultations:answer_check", kwargs={"pk": gr.pk})
    check = other.get(done["Location"]).content.decode()
    assert "De brieven zijn te moeilijk." in check
    sent = other.post(done["Location"])
    assert sent["Location"] == reverse("consultations:answer_done", kwargs={"pk": gr.pk})
    assert "Dank u wel" in other.get(sent["Location"]).content.decode()

    assert _respondents(gr, Channel.CODE) == before + 1
    assert InvitationCode.objects.get(code="ZEDA2345").used
    assert not Draft.objects.filter(code__code="ZEDA2345").exists()
    assert TextAnswer.objects.filter(consultation=gr, text="De brieven zijn te moeilijk.").count() == 1

    # The code cannot be used again: it says so, kindly.
    used = _start(client.__class__(), code)
    assert used.status_code == 200
    assert "al gebruikt" in used.content.decode()


def test_a_required_question_left_open_keeps_the_page_and_what_was_typed(client, world):
    data = consultation_data(world)
    code = real_code(data)
    _start(client, code.code)
    posted = _second_page(data, long="")
    posted[f"q{data.questions['short'].pk}"] = "Mijn getypte tekst"
    page = client.post(_section(data.gr.pk, 2), posted)
    assert page.status_code == 400
    html = page.content.decode()
    assert "Deze vraag moet u beantwoorden." in html
    assert "Mijn getypte tekst" in html


def test_ten_thousand_characters_in_a_short_answer_get_a_message_and_stay(client, world):
    data = consultation_data(world)
    code = real_code(data)
    _start(client, code.code)
    posted = _second_page(data)
    posted[f"q{data.questions['short'].pk}"] = "x" * 10_000
    page = client.post(_section(data.gr.pk, 2), posted)
    assert page.status_code == 400
    html = page.content.decode()
    assert "te lang: 10000 tekens" in html
    assert "x" * 10_000 in html
    assert 'maxlength="' not in html


def test_an_option_that_is_not_in_the_list_gets_a_message(client, world):
    data = consultation_data(world)
    code = real_code(data)
    _start(client, code.code)
    posted = _first_page(data)
    posted[f"q{data.questions['single'].pk}"] = "999999"
    posted[f"q{data.questions['scale'].pk}"] = "9"
    page = client.post(_section(data.gr.pk, 1), posted)
    assert page.status_code == 400
    html = page.content.decode()
    assert "Kies een antwoord uit de lijst." in html


def test_back_keeps_the_answers_without_requiring(client, world):
    data = consultation_data(world)
    code = real_code(data)
    _start(client, code.code)
    posted = {f"q{data.questions['short'].pk}": "Alvast dit", "vorige": "1"}
    back = client.post(_section(data.gr.pk, 2), posted)
    assert back["Location"] == _section(data.gr.pk, 1)
    draft = Draft.objects.get(code__code="ZEDA2345")
    assert draft.answers[str(data.questions["short"].pk)] == "Alvast dit"


def test_submitting_with_a_required_question_open_sends_back_to_that_page(client, world):
    data = consultation_data(world)
    code = real_code(data)
    _start(client, code.code)
    client.post(_section(data.gr.pk, 1), _first_page(data))
    check = client.post(reverse("consultations:answer_check", kwargs={"pk": data.gr.pk}))
    assert check.status_code == 400
    assert _section(data.gr.pk, 2) in check.content.decode()
    assert not InvitationCode.objects.get(code="ZEDA2345").used


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("ABCD-EF0O", "Er zit geen O, 0, I of 1 in"),
        ("ABC", "Een code heeft 8 letters en cijfers"),
        ("ZZZZ-ZZZZ", "Met deze code lukt het niet"),
    ],
)
def test_mistyped_and_unknown_codes_get_distinct_kind_messages(client, world, typed, says):
    consultation_data(world)
    page = client.post(ENTER, {"code": typed})
    assert page.status_code == 400
    html = page.content.decode()
    assert says in html
    assert typed in html


def test_a_code_of_a_closed_or_not_yet_open_consultation_says_so(client, world):
    data = consultation_data(world)
    data.gr.closes_at = NOW - datetime.timedelta(minutes=1)
    data.gr.opens_at = NOW - datetime.timedelta(days=3)
    data.gr.save()
    real_code(data)
    page = _start(client, "ZEDA2345")
    assert "gesloten" in page.content.decode()
    data.gr.status = ConsultationStatus.OPEN
    data.gr.opens_at = NOW + datetime.timedelta(days=1)
    data.gr.closes_at = NOW + datetime.timedelta(days=3)
    data.gr.save()
    page = _start(client, "ZEDA2345")
    assert "nog niet open" in page.content.decode()


def test_an_answer_after_closing_is_refused_and_the_code_stays_free(client, world):
    data = consultation_data(world)
    code = real_code(data)
    _start(client, code.code)
    client.post(_section(data.gr.pk, 1), _first_page(data))
    client.post(_section(data.gr.pk, 2), _second_page(data))
    data.gr.status = ConsultationStatus.CLOSED
    data.gr.save()
    page = client.post(reverse("consultations:answer_check", kwargs={"pk": data.gr.pk}))
    assert "gesloten" in page.content.decode()
    assert not InvitationCode.objects.get(code="ZEDA2345").used


def test_code_entry_is_rate_limited_per_address(client, world, monkeypatch):
    consultation_data(world)
    monkeypatch.setattr(views, "CODE_ATTEMPTS", views.ratelimit.Limit("consultation-code:test", 2))
    for _attempt in range(2):
        assert client.post(ENTER, {"code": "ZZZZ-ZZZZ"}).status_code == 400
    assert client.post(ENTER, {"code": "ZZZZ-ZZZZ"}).status_code == 429


def test_the_pages_without_a_code_send_to_the_code_page(client, world):
    data = consultation_data(world)
    page = client.get(_section(data.gr.pk, 1))
    assert page["Location"] == ENTER


def test_a_translation_is_chosen_and_right_to_left_is_marked(client, world):
    data = consultation_data(world)
    section = data.gr.sections.first()
    Translation.objects.create(
        consultation=data.gr,
        language="ar",
        name="العربية",
        right_to_left=True,
        texts={f"section:{section.pk}:title": "عن الرسائل", f"question:{data.questions['single'].pk}:text": "سؤال"},
    )
    code = real_code(data)
    _start(client, code.code)
    start = client.get(reverse("consultations:answer_start", kwargs={"pk": data.gr.pk})).content.decode()
    assert "العربية" in start
    client.post(reverse("consultations:answer_start", kwargs={"pk": data.gr.pk}), {"language": "ar"})
    html = client.get(_section(data.gr.pk, 1)).content.decode()
    assert 'lang="ar" dir="rtl"' in html, html[html.find("inhoud") :][:3000]
    assert "عن الرسائل" in html and "سؤال" in html
    assert data.questions["multiple"].text in html  # not translated: the Dutch text


def test_the_open_link_lets_a_browser_answer_once(client, world):
    data = consultation_data(world)
    before = _respondents(data.gr, Channel.OPEN)
    start = reverse("consultations:open_start", kwargs={"pk": data.gr.pk})
    assert client.get(start).status_code == 200
    begun = client.post(start)
    assert begun["Location"] == reverse("consultations:answer_start", kwargs={"pk": data.gr.pk})
    assert views.OPEN_COOKIE in begun.cookies
    client.post(begun["Location"], {"language": ""})
    client.post(_section(data.gr.pk, 1), _first_page(data))
    client.post(_section(data.gr.pk, 2), _second_page(data))
    check_url = reverse("consultations:answer_check", kwargs={"pk": data.gr.pk})
    assert "In welke gemeente woont u?" in client.get(check_url).content.decode()
    sent = client.post(check_url, {"m-municipality": str(world.municipality_2.pk)})
    assert sent["Location"] == reverse("consultations:answer_done", kwargs={"pk": data.gr.pk})
    assert _respondents(data.gr, Channel.OPEN) == before + 1
    assert (
        Response.objects.filter(consultation=data.gr, channel=Channel.OPEN).get().municipality == world.municipality_2
    )
    token = begun.cookies[views.OPEN_COOKIE].value
    assert not OpenLinkUse.objects.filter(browser_key=token).exists()  # only a keyed hash is kept
    again = client.get(start)
    assert "al ingevuld" in again.content.decode()


def test_no_open_link_without_the_owners_choice(client, world):
    data = consultation_data(world)
    page = client.get(reverse("consultations:open_start", kwargs={"pk": data.published.pk}))
    assert page.status_code == 404


def test_a_test_run_is_never_stored_or_counted_and_says_so(client, world):
    data = consultation_data(world)
    client.force_login(world.users["officer_region"])
    before = (Response.objects.count(), _respondents(data.gr), Draft.objects.count())
    url = reverse("consultations:test_run", kwargs={"region": world.region.slug, "pk": data.gr.pk})
    assert client.get(url).status_code == 200
    begun = client.post(url)
    assert begun["Location"] == reverse("consultations:answer_start", kwargs={"pk": data.gr.pk})
    client.post(begun["Location"], {"language": ""})
    page = client.get(_section(data.gr.pk, 1)).content.decode()
    assert "Proef: telt niet mee." in page
    client.post(_section(data.gr.pk, 1), _first_page(data))
    client.post(_section(data.gr.pk, 2), _second_page(data))
    finished = client.post(reverse("consultations:answer_check", kwargs={"pk": data.gr.pk}))
    assert finished["Location"] == reverse(
        "consultations:detail", kwargs={"region": world.region.slug, "pk": data.gr.pk}
    )
    assert (Response.objects.count(), _respondents(data.gr), Draft.objects.count()) == before


def test_a_test_run_works_on_a_concept(client, world):
    data = consultation_data(world)
    client.force_login(world.users["secretary"])
    url = reverse("consultations:test_run", kwargs={"region": world.region.slug, "pk": data.body_draft.pk})
    client.post(url)
    page = client.get(_section(data.body_draft.pk, 1))
    assert page.status_code == 200
    assert "Hoe vond u de sfeer?" in page.content.decode()


def test_the_section_page_runs_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    data = consultation_data(world)
    code = real_code(data)
    _start(client, code.code)
    with django_assert_max_num_queries(14):
        assert client.get(_section(data.gr.pk, 1)).status_code == 200


def test_an_english_translation_also_turns_the_pages_own_words_english(client, world):
    data = consultation_data(world)
    Translation.objects.create(consultation=data.gr, language="en", name="English", texts={})
    real_code(data)
    _start(client, "ZEDA2345")
    client.post(reverse("consultations:answer_start", kwargs={"pk": data.gr.pk}), {"language": "en"})
    html = client.get(_section(data.gr.pk, 1)).content.decode()
    assert '<html lang="en"' in html
    assert 'lang="en" dir="ltr"' in html
