"""Pure rules shared by the parts of consultations: no ORM, no clock."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from inspraak.consultations.models import DONT_KNOW, TALLY_DONT_KNOW, QuestionKind

RESPONDENTS = (0, 0)  # the Tally key of "one more respondent"


def tally_keys(kinds: Mapping[int, str], answers: Mapping[str, object], texts: Iterable[int] = ()) -> list[tuple]:
    """The (question_id, choice) Tally keys one submitted answer adds 1 to, sorted (so concurrent submits lock the
    counters in the same order and cannot deadlock).

    ``kinds``: question id → QuestionKind; ``answers``: as stored on Response.answers (question id as a string → an
    option id, a list of option ids, or a scale value, 0 = "weet ik niet"); ``texts``: ids of text questions that got
    a non-empty answer. Unknown questions are ignored: validation happens before."""
    keys = {RESPONDENTS}
    for raw_id, value in answers.items():
        question_id = int(raw_id)
        kind = kinds.get(question_id)
        if kind is None or value is None or value == [] or value == "":
            continue
        keys.add((question_id, 0))
        if kind == QuestionKind.MULTIPLE:
            keys.update((question_id, int(option)) for option in value)
        elif kind == QuestionKind.SCALE:
            keys.add((question_id, TALLY_DONT_KNOW if int(value) == DONT_KNOW else int(value)))
        elif kind == QuestionKind.SINGLE:
            keys.add((question_id, int(value)))
    keys.update((question_id, 0) for question_id in texts)
    return sorted(keys)
