"""Extra data of the build part: a concept consultation of the client panel with two sections, a choice question
with three choices and a translation, so moving and removing can be tried (built once per module, kept on the
world)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from inspraak.consultations.models import (
    Consultation,
    ConsultationStatus,
    Option,
    Question,
    QuestionKind,
    Section,
    Translation,
)
from tests.consultations.data import consultation_data
from tests.world import NOW


@dataclass
class BuildData:
    draft: Consultation
    first: Section
    second: Section
    choice: Question  # first in ``first``
    scale: Question  # second in ``first``
    short: Question  # only one in ``second``
    options: list[Option]
    translation: Translation


def build_data(world) -> BuildData:
    if getattr(world, "_consultation_build", None) is not None:
        return world._consultation_build
    consultation_data(world)
    draft = Consultation.objects.create(
        region=world.region,
        body=world.body,
        title="Hoe gaat het met het vervoer?",
        introduction="We willen weten hoe u reist naar werk en afspraken. Het is anoniem.",
        opens_at=NOW + datetime.timedelta(days=2),
        closes_at=NOW + datetime.timedelta(days=20),
        contact_name="Piet Bakker",
        status=ConsultationStatus.DRAFT,
        created_by=world.users["secretary"],
    )
    draft.municipalities.set([world.municipality])
    first = Section.objects.create(consultation=draft, position=0, title="Reizen")
    second = Section.objects.create(consultation=draft, position=1, title="Nog iets")
    choice = Question.objects.create(
        consultation=draft, section=first, position=0, kind=QuestionKind.SINGLE, text="Hoe reist u meestal?"
    )
    options = [
        Option.objects.create(question=choice, position=index, label=label)
        for index, label in enumerate(["Bus", "Fiets", "Auto"])
    ]
    scale = Question.objects.create(
        consultation=draft, section=first, position=1, kind=QuestionKind.SCALE, text="Hoe makkelijk is dat?"
    )
    short = Question.objects.create(
        consultation=draft, section=second, position=0, kind=QuestionKind.SHORT, text="Wat kan beter?"
    )
    translation = Translation.objects.create(
        consultation=draft, language="ar", name="العربية", right_to_left=True, texts={"title": "كيف تسافر؟"}
    )
    data = BuildData(draft, first, second, choice, scale, short, options, translation)
    world._consultation_build = data
    return data
