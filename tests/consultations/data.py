"""Consultations for the consultation tests, on top of tests/world.py, built on first use and kept on the world.

- ``gr``: a GR consultation of the region, open (since yesterday, for two weeks), asking Zeedorp and the second
  municipality. Two sections, one question of every kind (the long text is required). Codes: 10 for Zeedorp
  (``codes["zeedorp"]``), 3 for the second municipality. Answers: 7 by code from Zeedorp, 2 by code from the second
  municipality (fewer than 5: suppressed), 1 on paper from Zeedorp; ``used_code`` is used, ``free_code`` is not.
  Open text answers: 2 to check, 1 shown.
- ``body_draft``: a concept consultation of the client panel (the secretary's), one section, one question.
- ``published``: a GR consultation with published results and "wat doen we ermee".
- ``other``: an open consultation of the other region (never shown in this region).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from inspraak.consultations import rules, services
from inspraak.consultations.models import (
    Channel,
    CodeBatch,
    Consultation,
    ConsultationStatus,
    InvitationCode,
    Option,
    Question,
    QuestionKind,
    Response,
    Section,
    TextAnswer,
    TextStatus,
)
from inspraak.consultations.services.results import recount_texts
from tests.world import NOW, TODAY

# The alphabet of real codes (no 0, O, 1, I): the test codes can be typed like real ones.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class ConsultationData:
    gr: Consultation
    body_draft: Consultation
    published: Consultation
    other: Consultation
    questions: dict[str, Question] = field(default_factory=dict)  # kind name → question of ``gr``
    codes: dict[str, list[InvitationCode]] = field(default_factory=dict)
    used_code: InvitationCode | None = None
    free_code: InvitationCode | None = None


def _consultation(region, *, title, status, body=None, municipalities=(), by=None, **extra) -> Consultation:
    consultation = Consultation.objects.create(
        region=region,
        body=body,
        title=title,
        introduction="We willen weten wat u van de brieven vindt. Uw antwoord is anoniem.",
        opens_at=extra.pop("opens_at", NOW - datetime.timedelta(days=1)),
        closes_at=extra.pop("closes_at", NOW + datetime.timedelta(days=14)),
        contact_name="Sanne de Wit",
        contact_phone="0229 123 456",
        status=status,
        created_by=by,
        **extra,
    )
    consultation.municipalities.set(municipalities)
    return consultation


def _questions(consultation) -> dict[str, Question]:
    first = Section.objects.create(consultation=consultation, position=0, title="Over de brieven")
    second = Section.objects.create(consultation=consultation, position=1, title="Uw ideeën")
    made = {}
    spec = [
        ("single", first, QuestionKind.SINGLE, "Begrijpt u de brieven van de gemeente?", ["Ja", "Soms", "Nee"]),
        ("multiple", first, QuestionKind.MULTIPLE, "Hoe krijgt u de brieven het liefst?", ["Post", "E-mail", "App"]),
        ("scale", first, QuestionKind.SCALE, "Welk cijfer geeft u de brieven?", []),
        ("short", second, QuestionKind.SHORT, "Wat is het eerste dat beter moet?", []),
        ("long", second, QuestionKind.LONG, "Wat wilt u nog zeggen?", []),
    ]
    for position, (name, section, kind, text, options) in enumerate(spec):
        question = Question.objects.create(
            consultation=consultation,
            section=section,
            position=position,
            kind=kind,
            text=text,
            required=name == "long",
            scale_low_label="Heel slecht" if kind == QuestionKind.SCALE else "",
            scale_high_label="Heel goed" if kind == QuestionKind.SCALE else "",
        )
        for index, label in enumerate(options):
            Option.objects.create(question=question, position=index, label=label)
        made[name] = question
    return made


def _codes(consultation, municipality, count, prefix, by) -> list[InvitationCode]:
    batch = CodeBatch.objects.create(consultation=consultation, municipality=municipality, count=count, created_by=by)
    return [
        InvitationCode.objects.create(
            consultation=consultation,
            batch=batch,
            municipality=municipality,
            code=f"{prefix}HJ{ALPHABET[index // 32]}{ALPHABET[index % 32]}",
        )
        for index in range(count)
    ]


def submit(consultation, questions, *, municipality, channel, single=0, scale=4, long="Graag kortere zinnen."):
    """One stored answer with its tallies and open texts, as the answering part stores it."""
    options = {name: list(q.options.all()) for name, q in questions.items()}
    answers = {
        str(questions["single"].pk): options["single"][single].pk,
        str(questions["multiple"].pk): [options["multiple"][0].pk, options["multiple"][2].pk],
        str(questions["scale"].pk): scale,
    }
    response = Response.objects.create(
        consultation=consultation,
        municipality=municipality,
        channel=channel,
        submitted_on=TODAY,
        answers=answers,
    )
    TextAnswer.objects.create(
        consultation=consultation,
        response=response,
        question=questions["long"],
        municipality=municipality,
        text=long,
    )
    kinds = {q.pk: q.kind for q in questions.values()}
    services.add_to_tallies(
        consultation_id=consultation.pk,
        municipality_id=municipality.pk if municipality else None,
        channel=channel,
        keys=rules.tally_keys(kinds, answers, texts=[questions["long"].pk]),
    )
    return response


def consultation_data(world) -> ConsultationData:
    if getattr(world, "_consultations", None) is not None:
        return world._consultations
    officer = world.users["officer_region"]
    secretary = world.users["secretary"]
    gr = _consultation(
        world.region,
        title="Hoe duidelijk zijn onze brieven?",
        status=ConsultationStatus.OPEN,
        municipalities=[world.municipality, world.municipality_2],
        by=officer,
        open_link=True,
        has_answers=True,
    )
    questions = _questions(gr)
    zeedorp = _codes(gr, world.municipality, 10, "ZEED", officer)
    second = _codes(gr, world.municipality_2, 3, "DUNA", officer)
    for index in range(7):
        submit(gr, questions, municipality=world.municipality, channel=Channel.CODE, single=index % 3)
    for _index in range(2):
        submit(gr, questions, municipality=world.municipality_2, channel=Channel.CODE, scale=2)
    submit(gr, questions, municipality=world.municipality, channel=Channel.PAPER, scale=0)
    InvitationCode.objects.filter(pk__in=[c.pk for c in zeedorp[:8]] + [c.pk for c in second[:2]]).update(used=True)
    texts = list(TextAnswer.objects.filter(consultation=gr).order_by("pk")[:3])
    TextAnswer.objects.filter(pk__in=[t.pk for t in texts[2:]]).update(status=TextStatus.SHOWN)
    TextAnswer.objects.filter(consultation=gr).exclude(pk__in=[t.pk for t in texts]).update(status=TextStatus.SHOWN)
    recount_texts(consultation=gr)  # the statuses were set directly: the counters of checked texts follow

    body_draft = _consultation(
        world.region,
        title="Wat vindt u van de bijeenkomsten?",
        status=ConsultationStatus.DRAFT,
        body=world.body,
        municipalities=[world.municipality, world.municipality_2],
        by=secretary,
    )
    section = Section.objects.create(consultation=body_draft, position=0, title="De bijeenkomsten")
    Question.objects.create(
        consultation=body_draft, section=section, position=0, kind=QuestionKind.SCALE, text="Hoe vond u de sfeer?"
    )

    published = _consultation(
        world.region,
        title="Werk en inkomen: wat vindt u belangrijk?",
        status=ConsultationStatus.PUBLISHED,
        municipalities=[world.municipality],
        by=officer,
        opens_at=NOW - datetime.timedelta(days=60),
        closes_at=NOW - datetime.timedelta(days=30),
        outcome="We maken de brieven korter en testen ze met het cliëntenpanel.",
        published_on=TODAY - datetime.timedelta(days=10),
        has_answers=True,
    )
    published_questions = _questions(published)
    for index in range(6):
        submit(published, published_questions, municipality=world.municipality, channel=Channel.CODE, single=index % 3)
    TextAnswer.objects.filter(consultation=published).update(status=TextStatus.SHOWN)
    recount_texts(consultation=published)

    other = _consultation(
        world.other_region,
        title="Raadpleging van de andere regio",
        status=ConsultationStatus.OPEN,
        municipalities=[world.other_municipality],
    )
    _questions(other)
    _codes(other, world.other_municipality, 2, "ANDR", None)

    data = ConsultationData(
        gr=gr,
        body_draft=body_draft,
        published=published,
        other=other,
        questions=questions,
        codes={"zeedorp": zeedorp, "second": second},
        used_code=zeedorp[0],
        free_code=zeedorp[9],
    )
    world._consultations = data
    return data
