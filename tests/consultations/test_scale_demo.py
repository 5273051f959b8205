"""Demo data of consultations (inspraak/demo/consultations.py): realistic, small groups present, idempotent, fast."""

from __future__ import annotations

import time

import pytest
import time_machine

from inspraak.accounts.models import User
from inspraak.consultations.models import (
    Channel,
    CodeBatch,
    Consultation,
    ConsultationStatus,
    InvitationCode,
    Response,
    Tally,
    TextAnswer,
    TextStatus,
)
from inspraak.demo.consultations import CLOSED_TITLE, OPEN_TITLE, load_consultations
from inspraak.demo.generator import load_demo
from inspraak.regions.models import Body, Region
from tests.world import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    with time_machine.travel(NOW, tick=True):
        load_demo()
        region = Region.objects.get(slug="regio-waterland-oost")
        people = {u.name: u for u in User.objects.filter(role_assignments__region=region).distinct()}
        kwargs = {
            "region": region,
            "panel": Body.objects.get(region=region, level=Body.Level.REGION),
            "officer": people["Fatima El Amrani"],
            "secretary": people["Ingrid Bakker"],
        }
        started = time.perf_counter()
        made = load_consultations(**kwargs)
        seconds = time.perf_counter() - started
        yield made, kwargs, seconds


def _per_municipality(consultation) -> dict[str, int]:
    rows = Response.objects.filter(consultation=consultation).values_list("municipality__name", flat=True)
    result: dict[str, int] = {}
    for name in rows:
        result[name] = result.get(name, 0) + 1
    return result


def test_the_closed_consultation_has_about_600_answers_one_municipality_under_five(demo):
    made, _kwargs, seconds = demo
    closed = made["closed"]
    assert closed.title == CLOSED_TITLE
    assert closed.status == ConsultationStatus.PUBLISHED and closed.outcome and closed.published_on
    counts = _per_municipality(closed)
    assert 550 <= sum(counts.values()) <= 650
    assert set(counts) == {"Havenstad", "Polderveen", "Kreekdorp"}
    assert counts["Kreekdorp"] < 5 <= min(counts["Havenstad"], counts["Polderveen"])
    assert closed.questions.count() == 10
    # Codes: issued per municipality, as many used as code and paper answers (paper forms carry a code too).
    assert CodeBatch.objects.filter(consultation=closed).count() == 3
    code_and_paper = Response.objects.filter(consultation=closed, channel__in=[Channel.CODE, Channel.PAPER]).count()
    assert InvitationCode.objects.filter(consultation=closed, used=True).count() == code_and_paper
    # The counters agree with the stored answers.
    total = Tally.objects.get(
        consultation=closed,
        question_id=0,
        choice=0,
        municipality_id=closed.municipalities.get(name="Kreekdorp").pk,
        channel=Channel.CODE,
    )
    assert total.count == counts["Kreekdorp"]
    assert sum(Tally.objects.filter(consultation=closed, question_id=0).values_list("count", flat=True)) == sum(
        counts.values()
    )
    # Open texts were read: shown, one edited (name removed), some left out (emptied); none waiting.
    statuses = set(TextAnswer.objects.filter(consultation=closed).values_list("status", flat=True))
    assert statuses == {TextStatus.SHOWN, TextStatus.REMOVED}
    assert not TextAnswer.objects.filter(consultation=closed, status=TextStatus.REMOVED).exclude(text="").exists()
    assert TextAnswer.objects.filter(consultation=closed, text__contains="[naam weggehaald]").count() == 1
    finding = closed.findings.get()
    assert finding.topic.body.slug == made["open"].body.slug
    assert seconds < 10


def test_the_open_consultation_of_the_panel_has_codes_answers_and_a_draft(demo):
    made, _kwargs, _seconds = demo
    opened = made["open"]
    assert opened.title == OPEN_TITLE
    assert opened.status == ConsultationStatus.OPEN and opened.body is not None and opened.open_link
    assert opened.translations.get().language == "en"
    assert InvitationCode.objects.filter(consultation=opened).count() == 800
    assert Response.objects.filter(consultation=opened).count() == 4
    assert InvitationCode.objects.filter(consultation=opened, used=True).count() == 4
    assert TextAnswer.objects.filter(consultation=opened, status=TextStatus.PENDING).count() == 2
    assert opened.drafts.count() == 1
    opened.refresh_from_db()
    assert opened.has_answers


def test_loading_twice_adds_nothing(demo):
    _made, kwargs, _seconds = demo
    models = (Consultation, Response, TextAnswer, InvitationCode, Tally)
    before = {m.__name__: m.objects.count() for m in models}
    with time_machine.travel(NOW, tick=True):
        load_consultations(**kwargs)
    assert {m.__name__: m.objects.count() for m in models} == before
