"""Pure rules of building a consultation: the order of things, the state steps and what a translation covers. No
ORM, no clock."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from inspraak.consultations.models import CHOICE_KINDS, ConsultationStatus, QuestionKind

UP = "omhoog"
DOWN = "omlaag"

MIN_OPTIONS = 2
MAX_OPTIONS = 20

# The steps this part takes: concept → open → gesloten. Publishing is the results part's.
STEPS = {
    ConsultationStatus.DRAFT: (ConsultationStatus.OPEN,),
    ConsultationStatus.OPEN: (ConsultationStatus.CLOSED,),
    ConsultationStatus.CLOSED: (),
    ConsultationStatus.PUBLISHED: (),
}

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


def moved(ids: Sequence[int], item: int, direction: str) -> list[int]:
    """``ids`` in their current order with ``item`` moved one place up or down (unchanged at either end)."""
    order = list(ids)
    if item not in order or direction not in (UP, DOWN):
        return order
    index = order.index(item)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    return order


def can_step(current: str, to: str) -> bool:
    return to in STEPS.get(current, ())


@dataclass(frozen=True)
class QuestionShape:
    """What opening needs to know of one question."""

    kind: str
    options: int


def opening_problems(questions: Iterable[QuestionShape], closes_at=None, now=None) -> list[str]:
    """Why a concept cannot open yet (error codes), empty when it can: a closing moment still to come, at least one
    question, and every choice question with at least two choices."""
    questions = list(questions)
    problems = []
    if closes_at is not None and now is not None and closes_at <= now:
        problems.append("closes_passed")
    if not questions:
        problems.append("no_questions")
    if any(q.kind in CHOICE_KINDS and q.options < MIN_OPTIONS for q in questions):
        problems.append("too_few_options")
    return problems


def clean_labels(lines: Iterable[str]) -> list[str]:
    """Choice labels from lines of text: trimmed, empty lines left out."""
    return [line.strip() for line in lines if line and line.strip()]


def duplicate_labels(labels: Iterable[str]) -> list[str]:
    """Labels that occur more than once (case-insensitive), in first-seen order."""
    seen: set[str] = set()
    double: list[str] = []
    for label in labels:
        key = label.casefold()
        if key in seen and label not in double:
            double.append(label)
        seen.add(key)
    return double


def normal_language(code: str) -> str:
    return (code or "").strip().lower().replace("_", "-")


def valid_language(code: str) -> bool:
    """A language code such as en, ar, tr, pl or pt-br; not Dutch (the source language)."""
    code = normal_language(code)
    return bool(LANGUAGE_CODE.match(code)) and code.split("-")[0] != "nl"


@dataclass(frozen=True)
class TextItem:
    """One text to translate: its key in Translation.texts, what it is, the Dutch text, and whether it is long."""

    key: str
    what: str
    dutch: str
    long: bool = False


def translation_items(consultation, sections) -> list[TextItem]:
    """Every non-empty Dutch text of the consultation that a respondent reads, in reading order, with the keys
    documented on Translation. ``sections`` each with ``questions`` (each with ``options``) as plain lists or
    prefetched managers."""
    items = [
        TextItem("title", "title", consultation.title),
        TextItem("introduction", "introduction", consultation.introduction, long=True),
    ]
    for section in sections:
        items.append(TextItem(f"section:{section.pk}:title", "section_title", section.title))
        if section.introduction:
            items.append(
                TextItem(f"section:{section.pk}:introduction", "section_introduction", section.introduction, True)
            )
        for question in _all(section.questions):
            items.append(TextItem(f"question:{question.pk}:text", "question", question.text))
            if question.help_text:
                items.append(TextItem(f"question:{question.pk}:help_text", "help_text", question.help_text))
            if question.kind == QuestionKind.SCALE:
                for end in ("scale_low_label", "scale_high_label"):
                    if getattr(question, end):
                        items.append(TextItem(f"question:{question.pk}:{end}", end, getattr(question, end)))
            if question.kind in CHOICE_KINDS:
                for option in _all(question.options):
                    items.append(TextItem(f"option:{option.pk}", "option", option.label))
    return items


def _all(related) -> list:
    return list(related.all()) if hasattr(related, "all") else list(related)


def translated_share(items: Sequence[TextItem], texts: dict) -> tuple[int, int]:
    """(translated, total) of ``items`` in ``texts``."""
    done = sum(1 for item in items if (texts.get(item.key) or "").strip())
    return done, len(items)
