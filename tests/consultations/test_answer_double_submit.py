"""A double tap on "Versturen": whichever way the second POST arrives (after the first one finished, or with the
session as it was before the first one stored the answers), the person sees "already sent, thank you" (the
thank-you or used page), never a 400 or 500, and nothing is stored twice. The same for the open link and the test
run. And the check page's own words (the list of problems) follow the respondent's language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import trans_real

from inspraak.consultations import selectors
from inspraak.consultations.models import Channel, InvitationCode, OpenLinkUse, Response, Tally, Translation
from inspraak.consultations.services import answer as services
from inspraak.consultations.services.answer import AnswerError
from inspraak.consultations.views import answer as views
from tests.consultations.data import consultation_data
from tests.consultations.data_answer import real_code
from tests.consultations.test_answer_flow import _first_page, _second_page, _section, _start
from tests.world import NOW, TODAY

WORLD_DATA = [consultation_data]


def _check(pk):
    return reverse("consultations:answer_check", kwargs={"pk": pk})


def _done(pk):
    return reverse("consultations:answer_done", kwargs={"pk": pk})


def _respondents(consultation):
    rows = Tally.objects.filter(consultation=consultation, question_id=0, choice=0)
    return sum(rows.values_list("count", flat=True))


def _fill_in(client, data):
    client.post(_section(data.gr.pk, 1), _first_page(data))
    client.post(_section(data.gr.pk, 2), _second_page(data))


def _keep_session(client) -> dict:
    return dict(client.session[views.SESSION])


def _restore_session(client, state: dict) -> None:
    """The second tap's request carries the session as it was before the first one finished."""
    session = client.session
    session[views.SESSION] = state
    session.pop(views.DONE, None)
    session.save()


def test_a_second_tap_after_the_first_finished_shows_the_thank_you_page_again(client, world):
    data = consultation_data(world)
    real_code(data)
    _start(client, "ZEDA2345")
    _fill_in(client, data)
    before = Response.objects.count(), _respondents(data.gr)

    first = client.post(_check(data.gr.pk))
    second = client.post(_check(data.gr.pk))

    assert first["Location"] == _done(data.gr.pk)
    assert second.status_code == 302
    assert second["Location"] == _done(data.gr.pk)
    thanks = client.get(second["Location"])
    assert thanks.status_code == 200
    assert "Dank u wel" in thanks.content.decode()
    assert "U kunt de brief met de code nu weggooien." in thanks.content.decode()
    assert (Response.objects.count(), _respondents(data.gr)) == (before[0] + 1, before[1] + 1)


def test_a_second_tap_with_the_session_from_before_says_already_sent(client, world):
    data = consultation_data(world)
    real_code(data)
    _start(client, "ZEDA2345")
    _fill_in(client, data)
    stale = _keep_session(client)
    before = Response.objects.count()

    client.post(_check(data.gr.pk))
    _restore_session(client, stale)
    second = client.post(_check(data.gr.pk))

    assert second.status_code == 200
    html = second.content.decode()
    assert "Deze code is al gebruikt. Wij hebben de antwoorden al. Dank u wel!" in html
    assert "Nog niet alle vragen" not in html
    assert Response.objects.count() == before + 1


def test_a_second_tap_that_read_the_code_as_free_but_finds_the_draft_gone_says_already_sent(client, world, monkeypatch):
    """The race of a double tap: the second request read the code before the first one committed, and the draft
    after (so it has no answers at all). A used code wins over "questions not filled in"."""
    data = consultation_data(world)
    real_code(data)
    _start(client, "ZEDA2345")
    _fill_in(client, data)
    stale_state = _keep_session(client)
    stale_code = InvitationCode.objects.get(code="ZEDA2345")
    before = Response.objects.count(), _respondents(data.gr)

    client.post(_check(data.gr.pk))
    _restore_session(client, stale_state)
    monkeypatch.setattr(views.answer_selectors, "code_by_pk", lambda consultation, pk: stale_code)
    second = client.post(_check(data.gr.pk))

    assert second.status_code == 200
    html = second.content.decode()
    assert "Deze code is al gebruikt. Wij hebben de antwoorden al. Dank u wel!" in html
    assert "Nog niet alle vragen" not in html
    assert (Response.objects.count(), _respondents(data.gr)) == (before[0] + 1, before[1] + 1)


def test_a_second_tap_on_the_open_link_says_already_sent(client, world, monkeypatch):
    data = consultation_data(world)
    begun = client.post(reverse("consultations:open_start", kwargs={"pk": data.gr.pk}))
    client.post(begun["Location"], {"language": ""})
    _fill_in(client, data)
    stale = _keep_session(client)
    before = Response.objects.filter(channel=Channel.OPEN).count()

    first = client.post(_check(data.gr.pk), {"m-municipality": ""})
    again = client.post(_check(data.gr.pk), {"m-municipality": ""})
    assert first["Location"] == again["Location"] == _done(data.gr.pk)
    assert "brief met de code" not in client.get(_done(data.gr.pk)).content.decode()  # there was no letter

    # With the session from before, and the "already answered?" read done before the first one committed.
    _restore_session(client, stale)
    monkeypatch.setattr(views.answer_selectors, "open_link_used", lambda consultation, key: False)
    raced = client.post(_check(data.gr.pk), {"m-municipality": ""})
    assert raced.status_code == 200
    assert "Op deze telefoon of computer is de vragenlijst al ingevuld." in raced.content.decode()
    assert Response.objects.filter(channel=Channel.OPEN).count() == before + 1
    assert OpenLinkUse.objects.filter(consultation=data.gr).count() == 1


def test_a_second_tap_at_the_end_of_a_test_run_goes_back_to_the_consultation(client, world):
    data = consultation_data(world)
    client.force_login(world.users["officer_region"])
    client.post(reverse("consultations:test_run", kwargs={"region": world.region.slug, "pk": data.gr.pk}))
    _fill_in(client, data)
    before = Response.objects.count()
    detail = reverse("consultations:detail", kwargs={"region": world.region.slug, "pk": data.gr.pk})
    assert client.post(_check(data.gr.pk))["Location"] == detail
    assert client.post(_check(data.gr.pk))["Location"] == detail
    assert Response.objects.count() == before


def _empty_submit(data, **overrides):
    kwargs = {
        "consultation": data.gr,
        "questionnaire": selectors.questionnaire(data.gr),
        "answers": {},
        "texts": {},
        "municipality": None,
        "channel": Channel.CODE,
        "code": data.used_code,
        "today": TODAY,
        "now": NOW,
    }
    kwargs.update(overrides)
    services.submit_response(**kwargs)


def test_a_used_code_wins_over_missing_answers_in_the_service(world):
    data = consultation_data(world)
    with pytest.raises(AnswerError) as refused:
        _empty_submit(data)
    assert refused.value.code == "used"


def test_a_used_browser_wins_over_missing_answers_in_the_service(world):
    data = consultation_data(world)
    OpenLinkUse.objects.create(consultation=data.gr, browser_key="d" * 64)
    with pytest.raises(AnswerError) as refused:
        _empty_submit(data, channel=Channel.OPEN, code=None, browser_key="d" * 64)
    assert refused.value.code == "open_used"


def test_missing_answers_leave_the_code_free_and_the_browser_unused(world):
    """Checking who answers first takes the code and the browser; a refusal gives both back (one transaction)."""
    data = consultation_data(world)
    with pytest.raises(AnswerError) as refused:
        _empty_submit(data, code=data.free_code)
    assert refused.value.code == "invalid"
    assert not InvitationCode.objects.get(pk=data.free_code.pk).used
    with pytest.raises(AnswerError) as refused:
        _empty_submit(data, channel=Channel.OPEN, code=None, browser_key="e" * 64)
    assert refused.value.code == "invalid"
    assert not OpenLinkUse.objects.filter(browser_key="e" * 64).exists()


ENGLISH = {
    "Nog niet alle vragen zijn goed ingevuld. Druk hieronder op een vraag om het te verbeteren.": (
        "Not all answers are filled in well."
    ),
    "Deze vraag moet u beantwoorden.": "You must answer this question.",
    "Uw antwoorden nakijken": "Check your answers",
    "Dank u wel!": "Thank you!",
}


@pytest.fixture
def english(monkeypatch):
    """A few English words of the answer pages (locale/ is the lead's: it may not have them yet)."""
    catalog = trans_real.translation("en")
    plain = catalog.gettext
    monkeypatch.setattr(catalog, "gettext", lambda message: ENGLISH.get(message) or plain(message))


def test_the_check_pages_problems_follow_the_chosen_language(client, world, english):
    data = consultation_data(world)
    Translation.objects.create(consultation=data.gr, language="en", name="English", texts={})
    real_code(data)
    _start(client, "ZEDA2345")
    client.post(reverse("consultations:answer_start", kwargs={"pk": data.gr.pk}), {"language": "en"})
    client.post(_section(data.gr.pk, 1), _first_page(data))

    page = client.post(_check(data.gr.pk))

    assert page.status_code == 400
    html = page.content.decode()
    assert "Check your answers" in html
    assert "Not all answers are filled in well." in html
    assert "You must answer this question." in html
    assert "Deze vraag moet u beantwoorden." not in html

    client.post(_section(data.gr.pk, 2), _second_page(data))
    sent = client.post(_check(data.gr.pk))
    assert "Thank you!" in client.get(sent["Location"]).content.decode()
