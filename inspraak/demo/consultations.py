"""Demo data for digital consultations (issue 14) in Waterland-Oost.

- A closed GR consultation "Hoe gaat het met de hulp bij werk en inkomen?" (10 questions in 3 parts) with its results
  published, "wat doen we ermee" written and one finding put on the client panel's topic list. About 600 answers:
  Havenstad and Polderveen by letter code and on paper, Kreekdorp only 3 (fewer than 5: the results show "minder dan
  5" there). Codes were sent to all three municipalities (the letters can be printed from the codes page); the open
  texts were read: most shown, one edited to remove a name, a few left out.
- An open consultation of the client panel "Wat vindt u van het nieuwe Werkplein?" (5 questions in 2 parts, also in
  English, open link allowed) with codes for the three municipalities: four answers so far (through the answering
  service, as a respondent would send them), their open texts still to be checked, and one person who stopped halfway.

The lead calls it from load_demo after the people, the panel and the cycle exist::

    from inspraak.demo.consultations import load_consultations

    load_consultations(region=region, panel=panel, officer=people["Fatima El Amrani"],
                       secretary=people["Ingrid Bakker"])

Bulk through ``consultations.bench.load_answers`` (bulk_create + ``services.add_counts``): well under a second.
Idempotent: a consultation that exists (by title in the region) is left as it is.
"""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction

from inspraak.consultations.bench import Plan, load_answers, make_questionnaire, new_code
from inspraak.consultations.models import (
    Channel,
    CodeBatch,
    Consultation,
    ConsultationEvent,
    ConsultationStatus,
    Draft,
    Finding,
    InvitationCode,
    QuestionKind,
    TextAnswer,
    TextStatus,
    Translation,
)
from inspraak.demo.story import story_day

CLOSED_TITLE = "Hoe gaat het met de hulp bij werk en inkomen?"
OPEN_TITLE = "Wat vindt u van het nieuwe Werkplein?"
# Answers of the closed consultation per municipality: (by code, on paper). Kreekdorp: fewer than 5.
CLOSED_ANSWERS = {"Havenstad": (301, 41), "Polderveen": (222, 29), "Kreekdorp": (3, 0)}
CLOSED_CODES = {"Havenstad": 1500, "Polderveen": 1100, "Kreekdorp": 350}
OPEN_CODES = {"Havenstad": 400, "Polderveen": 300, "Kreekdorp": 100}
OUTCOME = (
    "Bedankt voor uw antwoorden. Bijna 600 mensen deden mee. Dit doen we ermee:\n\n"
    "1. De brieven worden korter en in gewone woorden. Het cliëntenpanel leest nieuwe brieven eerst mee.\n"
    "2. Wie belt, krijgt binnen twee werkdagen antwoord. Dat houden we bij.\n"
    "3. Iedereen krijgt een vaste klantmanager. In Havenstad begint dat in maart 2027."
)
FINDING = (
    "Veel mensen vinden de brieven moeilijk. Op de vraag 'Hoe duidelijk zijn de brieven?' gaf bijna een derde een 1 "
    "of een 2. Wil het cliëntenpanel meelezen met de nieuwe brieven?"
)
EDITED_TEXT = "Mijn klantmanager [naam weggehaald] belde niet terug. Ik wachtte drie weken."

OPEN_QUESTIONS = [
    (
        "Uw bezoek aan het Werkplein",
        [
            (QuestionKind.SINGLE, "Bent u al op het nieuwe Werkplein geweest?", ("Ja", "Nee", "Weet ik niet"), True),
            (
                QuestionKind.SCALE,
                "Hoe makkelijk vond u de weg in het gebouw?",
                ("Heel moeilijk", "Heel makkelijk"),
                False,
            ),
            (
                QuestionKind.MULTIPLE,
                "Waarvoor kwam u?",
                ("Een afspraak", "Een vraag stellen", "Een cursus", "Hulp met de computer", "Iets anders"),
                False,
            ),
        ],
    ),
    (
        "Uw ideeën",
        [
            (QuestionKind.SCALE, "Voelde u zich welkom?", ("Helemaal niet", "Helemaal wel"), False),
            (QuestionKind.LONG, "Wat kan beter aan het Werkplein?", (), False),
        ],
    ),
]
ENGLISH = {
    "title": "What do you think of the new Werkplein?",
    "introduction": (
        "The municipalities opened a new Werkplein: one building for help with work and income. The client panel "
        "wants to know what you think of it. It takes about 3 minutes. Your answer is anonymous."
    ),
}
ENGLISH_QUESTIONS = [
    "Have you been to the new Werkplein yet?",
    "How easy was it to find your way in the building?",
    "Why did you come?",
    "Did you feel welcome?",
    "What could be better at the Werkplein?",
]


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo("Europe/Amsterdam"))


def _event(consultation, kind, by, day, **status) -> None:
    event = ConsultationEvent.objects.create(consultation=consultation, kind=kind, by=by, **status)
    ConsultationEvent.objects.filter(pk=event.pk).update(at=_at(day, 10))


def _text_status(rng: random.Random) -> str:
    return TextStatus.SHOWN if rng.random() < 0.9 else TextStatus.REMOVED


@transaction.atomic
def load_consultations(*, region, panel, officer, secretary) -> dict[str, Consultation]:
    """The demo's two consultations in ``region`` (see the module docstring). Returns them by "closed"/"open"."""
    municipalities = {m.name: m for m in region.municipalities.all()}
    return {
        "closed": _closed(region, panel, officer, secretary, municipalities),
        "open": _open(region, panel, secretary, municipalities),
    }


def _closed(region, panel, officer, secretary, municipalities) -> Consultation:
    existing = Consultation.objects.filter(region=region, title=CLOSED_TITLE).first()
    if existing is not None:
        return existing
    opens, closes, published = (story_day(datetime.date(2026, m, d)) for m, d in ((9, 7), (10, 5), (10, 29)))
    consultation = Consultation.objects.create(
        region=region,
        title=CLOSED_TITLE,
        introduction=(
            "Wij willen weten hoe het gaat met de hulp bij werk en inkomen. Wat gaat goed? Wat kan beter? "
            "Invullen duurt ongeveer 3 minuten. Uw antwoord is anoniem: niemand kan zien wat u invulde. "
            "Het heeft geen gevolgen voor uw uitkering. In november leest u hier wat we met de antwoorden doen."
        ),
        opens_at=_at(opens),
        closes_at=_at(closes, 23),
        contact_name="Fatima El Amrani",
        contact_phone="0299 123 450",
        contact_email="raadpleging@waterland-oost.example",
        status=ConsultationStatus.PUBLISHED,
        has_answers=True,
        outcome=OUTCOME,
        published_on=published,
        created_by=officer,
    )
    consultation.municipalities.set(municipalities.values())
    questions = make_questionnaire(consultation)
    plan = {}
    for name, (by_code, on_paper) in CLOSED_ANSWERS.items():
        plan[(municipalities[name].pk, Channel.CODE)] = by_code
        if on_paper:
            plan[(municipalities[name].pk, Channel.PAPER)] = on_paper
    days = [opens + datetime.timedelta(days=k) for k in range((closes - opens).days + 1)]
    load_answers(
        consultation,
        questions,
        Plan(plan),
        days=days,
        seed=600,
        text_share=0.15,
        text_status=_text_status,
        codes_issued={municipalities[name].pk: n for name, n in CLOSED_CODES.items()},
    )
    # One open text named the client's klantmanager: the owner took the name out before showing it.
    edited = TextAnswer.objects.filter(consultation=consultation, status=TextStatus.SHOWN).order_by("pk").first()
    if edited is not None:
        TextAnswer.objects.filter(pk=edited.pk).update(text=EDITED_TEXT)
    _event(consultation, ConsultationEvent.Kind.CREATED, officer, opens - datetime.timedelta(days=21))
    _event(consultation, ConsultationEvent.Kind.CODES, officer, opens - datetime.timedelta(days=14))
    _event(consultation, ConsultationEvent.Kind.STATUS, officer, opens, from_status="concept", to_status="open")
    _event(consultation, ConsultationEvent.Kind.PAPER, officer, closes, note="70 papieren formulieren ingevoerd")
    _event(consultation, ConsultationEvent.Kind.STATUS, officer, closes, from_status="open", to_status="gesloten")
    _event(consultation, ConsultationEvent.Kind.MODERATED, officer, closes + datetime.timedelta(days=7))
    _event(
        consultation,
        ConsultationEvent.Kind.STATUS,
        officer,
        published,
        from_status="gesloten",
        to_status="gepubliceerd",
    )
    _finding(consultation, panel, officer, secretary, published)
    return consultation


def _finding(consultation, panel, officer, secretary, day) -> None:
    from inspraak.topics.services import topic_submit

    topic = topic_submit(
        body=panel,
        title="Meelezen met de nieuwe brieven over werk en inkomen",
        description=f"Uit de raadpleging '{consultation.title}': {FINDING}",
        by=officer,
    )
    Finding.objects.create(consultation=consultation, text=FINDING, topic=topic, created_by=officer)
    _event(consultation, ConsultationEvent.Kind.FINDING, officer, day, note=topic.title)


def _open(region, panel, secretary, municipalities) -> Consultation:
    existing = Consultation.objects.filter(region=region, title=OPEN_TITLE).first()
    if existing is not None:
        return existing
    opens, closes = story_day(datetime.date(2026, 11, 23)), story_day(datetime.date(2026, 12, 21))
    consultation = Consultation.objects.create(
        region=region,
        body=panel,
        title=OPEN_TITLE,
        introduction=(
            "De gemeenten openden een nieuw Werkplein: één gebouw voor hulp bij werk en inkomen. Het cliëntenpanel "
            "wil weten wat u ervan vindt. Invullen duurt ongeveer 3 minuten. Uw antwoord is anoniem."
        ),
        opens_at=_at(opens),
        closes_at=_at(closes, 23),
        contact_name="Ingrid Bakker",
        contact_phone="0299 123 456",
        contact_email="clientenpanel@waterland-oost.example",
        open_link=True,
        status=ConsultationStatus.OPEN,
        created_by=secretary,
    )
    consultation.municipalities.set(municipalities.values())
    questions = make_questionnaire(consultation, OPEN_QUESTIONS)
    texts = dict(ENGLISH)
    for question, english in zip(questions, ENGLISH_QUESTIONS, strict=True):
        texts[f"question:{question.pk}:text"] = english
    Translation.objects.create(consultation=consultation, language="en", name="English", texts=texts)
    rng = random.Random(1114)
    taken = set(InvitationCode.objects.values_list("code", flat=True))
    codes = {}
    for name, count in OPEN_CODES.items():
        municipality = municipalities[name]
        batch = CodeBatch.objects.create(
            consultation=consultation, municipality=municipality, count=count, created_by=secretary
        )
        codes[name] = InvitationCode.objects.bulk_create(
            InvitationCode(consultation=consultation, batch=batch, municipality=municipality, code=new_code(rng, taken))
            for _ in range(count)
        )
    _event(consultation, ConsultationEvent.Kind.CREATED, secretary, opens - datetime.timedelta(days=10))
    _event(consultation, ConsultationEvent.Kind.CODES, secretary, opens - datetime.timedelta(days=7))
    _event(consultation, ConsultationEvent.Kind.STATUS, secretary, opens, from_status="concept", to_status="open")
    _answer_a_few(consultation, questions, codes, municipalities, opens, secretary)
    # Someone from Polderveen stopped after the first part: the code brings them back there.
    first, scale = questions[0], questions[1]
    Draft.objects.create(
        consultation=consultation,
        code=codes["Polderveen"][1],
        answers={str(first.pk): first.options.all()[0].pk, str(scale.pk): 4},
        section_reached=1,
    )
    return consultation


def _answer_a_few(consultation, questions, codes, municipalities, opens, secretary) -> None:
    """Four answers through the answering service, as respondents send them (their texts wait to be checked)."""
    from inspraak.consultations.selectors import questionnaire
    from inspraak.consultations.services.answer import submit_response

    shape = questionnaire(consultation)
    been, ease, why, welcome, better = questions
    yes, no = (o.pk for o in list(been.options.all())[:2])
    reasons = [o.pk for o in why.options.all()]
    answers = [
        (
            "Havenstad",
            Channel.CODE,
            {been: yes, ease: 4, why: [reasons[0]], welcome: 5},
            "Er is geen lift bij ingang B.",
        ),
        ("Havenstad", Channel.CODE, {been: yes, ease: 2, why: [reasons[1], reasons[3]], welcome: 3}, ""),
        ("Polderveen", Channel.CODE, {been: no}, "Het is te ver weg. De bus gaat maar één keer per uur."),
        ("Havenstad", Channel.PAPER, {been: yes, ease: 0, why: [reasons[2]], welcome: 4}, ""),
    ]
    for index, (name, channel, given, text) in enumerate(answers):
        submit_response(
            consultation=consultation,
            questionnaire=shape,
            answers={str(q.pk): value for q, value in given.items()},
            texts={better.pk: text} if text else {},
            municipality=municipalities[name],
            channel=channel,
            code=codes[name][index + 2],
            today=opens + datetime.timedelta(days=index + 1),
            now=_at(opens + datetime.timedelta(days=index + 1), 12),
            by=secretary if channel == Channel.PAPER else None,
        )
