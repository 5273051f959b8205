"""Pure rules of answering a consultation (no ORM, the clock passed in): the invitation code's shape, whether the
consultation takes answers now, and the check of one respondent's answers.

Answers travel in two shapes:
- ``answers``: question id (as a string) → an option id (single choice), a list of option ids (multiple choice) or a
  scale value 1–5 (0 = "weet ik niet"); as stored on ``Response.answers``;
- ``texts``: question id (int) → the open text (short or long answer), stored as ``TextAnswer`` rows.
A draft keeps both in one dict (texts as strings under their question id); ``split_draft`` separates them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from inspraak.consultations.models import (
    DONT_KNOW,
    LONG_TEXT_MAX,
    SCALE_MAX,
    SCALE_MIN,
    SHORT_TEXT_MAX,
    ConsultationStatus,
    QuestionKind,
)

# ----------------------------------------------------------------------------------------------- codes

# No 0/O and 1/I: they look alike on paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
_CODE_RE = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
_TYPED_SEPARATORS = re.compile(r"[\s\-–—_.]+")


def normalise_code(typed: str) -> str:
    """What someone typed, as stored: upper case, spaces and dashes removed (``abcd-ef23`` → ``ABCDEF23``)."""
    return _TYPED_SEPARATORS.sub("", typed or "").upper()


def code_shape(code: str) -> str:
    """ "ok" for a well-formed (normalised) code; "length" for too short or too long; "characters" for a character
    that is never in a code (0, O, 1, I, other signs). Says nothing about whether the code exists."""
    if len(code) != CODE_LENGTH:
        return "length"
    if not _CODE_RE.match(code):
        return "characters"
    return "ok"


def show_code(code: str) -> str:
    """A stored code as printed: ``ABCD-EF23``."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


# ----------------------------------------------------------------------------------------------- the period

OPEN = "open"
NOT_YET = "not_yet"
CLOSED = "closed"


def answering_state(*, status: str, opens_at: datetime.datetime, closes_at: datetime.datetime, now) -> str:
    """Whether a consultation takes online answers at ``now``: OPEN, NOT_YET (a concept, or before the opening
    time) or CLOSED (closed, published, or after the closing time)."""
    if status in (ConsultationStatus.CLOSED, ConsultationStatus.PUBLISHED) or now >= closes_at:
        return CLOSED
    if status == ConsultationStatus.DRAFT or now < opens_at:
        return NOT_YET
    return OPEN


def takes_paper(status: str) -> bool:
    """Paper forms are typed in while open and after closing (they arrive late), never before or once published."""
    return status in (ConsultationStatus.OPEN, ConsultationStatus.CLOSED)


# ----------------------------------------------------------------------------------------------- answers

REQUIRED = "required"
NOT_AN_OPTION = "option"
SCALE = "scale"
TOO_LONG = "too_long"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class QuestionRule:
    """What the check needs of one question."""

    id: int
    kind: str
    required: bool = False
    option_ids: frozenset[int] = frozenset()
    dont_know: bool = True

    @property
    def is_text(self) -> bool:
        return self.kind in (QuestionKind.SHORT, QuestionKind.LONG)

    @property
    def max_length(self) -> int:
        return SHORT_TEXT_MAX if self.kind == QuestionKind.SHORT else LONG_TEXT_MAX


def question_rules(questions: Iterable) -> list[QuestionRule]:
    """QuestionRules of Question objects whose options were fetched with them (no queries)."""
    return [
        QuestionRule(
            id=q.pk,
            kind=q.kind,
            required=q.required,
            option_ids=frozenset(o.pk for o in q.options.all()),
            dont_know=q.dont_know,
        )
        for q in questions
    ]


def _as_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _choice(rule: QuestionRule, value) -> tuple[object, str | None]:
    if rule.kind == QuestionKind.SINGLE:
        option = _as_int(value)
        return (option, None) if option in rule.option_ids else (None, NOT_AN_OPTION)
    if rule.kind == QuestionKind.MULTIPLE:
        values = value if isinstance(value, list | tuple) else [value]
        chosen: list[int] = []
        for item in values:
            option = _as_int(item)
            if option not in rule.option_ids:
                return None, NOT_AN_OPTION
            if option not in chosen:
                chosen.append(option)
        return chosen, None
    # scale
    number = _as_int(value)
    if number is None or not (SCALE_MIN <= number <= SCALE_MAX or (number == DONT_KNOW and rule.dont_know)):
        return None, SCALE
    return number, None


def check_answers(
    rules: Iterable[QuestionRule],
    answers: Mapping[str, object],
    texts: Mapping[int, str],
    *,
    check_required: bool = True,
) -> tuple[dict[str, object], dict[int, str], dict[int, str]]:
    """Check and normalise the answers to ``rules`` (the questions of a page, or of the whole consultation).

    Returns ``(answers, texts, errors)``: the answers as stored (ints, lists of ints; unanswered questions left out),
    the non-empty texts (stripped), and per question id an error code: REQUIRED (a required question left open; only
    with ``check_required``), NOT_AN_OPTION (an option that is not in the list), SCALE (out of 1–5, or "weet ik niet"
    where it is not offered), TOO_LONG (more than SHORT_TEXT_MAX or LONG_TEXT_MAX characters). An answer to a
    question that is not in ``rules`` gives UNKNOWN under that id (0 when the id is not a number)."""
    rules = list(rules)
    known = {rule.id for rule in rules}
    clean: dict[str, object] = {}
    clean_texts: dict[int, str] = {}
    errors: dict[int, str] = {}
    for raw_id in answers:
        question_id = _as_int(raw_id)
        if question_id not in known:
            errors[question_id or 0] = UNKNOWN
    for raw_id in texts:
        question_id = _as_int(raw_id)
        if question_id not in known:
            errors[question_id or 0] = UNKNOWN
    text_by_id = {_as_int(k): v for k, v in texts.items()}
    for rule in rules:
        if rule.is_text:
            text = (text_by_id.get(rule.id) or "").strip()
            if len(text) > rule.max_length:
                errors[rule.id] = TOO_LONG
            elif text:
                clean_texts[rule.id] = text
            elif rule.required and check_required:
                errors[rule.id] = REQUIRED
            continue
        value = answers.get(str(rule.id), answers.get(rule.id))  # type: ignore[call-overload]
        if _empty(value):
            if rule.required and check_required:
                errors[rule.id] = REQUIRED
            continue
        normalised, error = _choice(rule, value)
        if error:
            errors[rule.id] = error
        else:
            clean[str(rule.id)] = normalised
    return clean, clean_texts, errors


def split_draft(
    rules: Iterable[QuestionRule], stored: Mapping[str, object]
) -> tuple[dict[str, object], dict[int, str]]:
    """A draft's one dict as (answers, texts)."""
    text_ids = {rule.id for rule in rules if rule.is_text}
    answers: dict[str, object] = {}
    texts: dict[int, str] = {}
    for raw_id, value in stored.items():
        question_id = _as_int(raw_id)
        if question_id in text_ids:
            texts[question_id] = str(value or "")
        else:
            answers[str(raw_id)] = value
    return answers, texts


def join_draft(answers: Mapping[str, object], texts: Mapping[int, str]) -> dict[str, object]:
    """(answers, texts) as a draft's one dict."""
    return {**answers, **{str(k): v for k, v in texts.items()}}
