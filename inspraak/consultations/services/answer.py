"""Writes of answering a consultation (ADR 30): submitting an answer (by code, on paper, by the open link), drafts of
someone who stops halfway, and invitation codes.

Anonymity: a submitted answer keeps no code, no user, no address and no time (``submitted_on`` is a date; the id is
a random UUID). An online submit therefore writes **no audit row** (the row's time and target would date the
answer); a paper entry writes one row about the consultation (who typed in a form, not which answer it became).
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from inspraak.audit.services import audit_record
from inspraak.consultations import rules as shared_rules
from inspraak.consultations import services as shared
from inspraak.consultations.models import (
    Channel,
    CodeBatch,
    Consultation,
    ConsultationEvent,
    ConsultationStatus,
    Draft,
    InvitationCode,
    OpenLinkUse,
    Response,
    TextAnswer,
)
from inspraak.consultations.rules import answer as rules
from inspraak.core.errors import ServiceError

if TYPE_CHECKING:
    from inspraak.consultations.selectors import Questionnaire
    from inspraak.regions.models import Municipality


class AnswerError(ServiceError):
    """A refused answer. Codes: "invalid" (``errors``: question id → rules.answer error code), "not_yet" (not open
    yet), "closed" (closed or past the closing time; paper: published), "used" (the code was used: online or on
    paper), "wrong_code" (no such code in this consultation), "no_code" (code or paper channel without a code),
    "no_open_link" (the consultation has no open link), "open_used" (this browser already answered by the open
    link), "municipality" (a municipality the consultation does not ask), "count" (a number of codes out of range)."""


def _check_period(consultation: Consultation, channel: str, now) -> None:
    if channel == Channel.PAPER:
        if not rules.takes_paper(consultation.status):
            raise AnswerError("not_yet" if consultation.status == ConsultationStatus.DRAFT else "closed")
        return
    state = rules.answering_state(
        status=consultation.status, opens_at=consultation.opens_at, closes_at=consultation.closes_at, now=now
    )
    if state != rules.OPEN:
        raise AnswerError(state)


def _lock_code(consultation: Consultation, code) -> InvitationCode:
    """The code's row, locked until the transaction ends (PostgreSQL: a second submit of the same code waits here
    and then sees it used)."""
    rows = InvitationCode.objects.select_for_update()
    if isinstance(code, InvitationCode):
        found = rows.filter(pk=code.pk, consultation=consultation).first()
    else:
        found = rows.filter(code=rules.normalise_code(str(code)), consultation=consultation).first()
    if found is None:
        raise AnswerError("wrong_code")
    if found.used:
        raise AnswerError("used")
    return found


@transaction.atomic
def submit_response(
    *,
    consultation: Consultation,
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    texts: Mapping[int, str],
    municipality: Municipality | None,
    channel: str,
    code: InvitationCode | str | None = None,
    browser_key: str | None = None,
    today: datetime.date,
    now: datetime.datetime | None = None,
    language: str = "",
    by=None,
) -> None:
    """Store one complete answer: a Response (+ a TextAnswer per open text), the tally counters, and for a code the
    code marked used; the draft is deleted and the consultation marked ``has_answers``. All in one transaction.

    ``channel`` CODE and PAPER need ``code`` (an InvitationCode of this consultation, or the code as typed); the
    answer's municipality is then the code's (``municipality`` is ignored). OPEN needs ``browser_key`` (the keyed
    hash of the browser's token) and takes ``municipality`` as chosen (or None). One answer per code is guaranteed
    by the database: the code row is locked and then marked used with a conditional update, so of two racing
    submits exactly one stores an answer and the other gets "used". Likewise one open-link answer per browser
    (a unique OpenLinkUse). A used code or browser is refused before anything else is checked ("used" /
    "open_used" win over "closed" and "invalid"): a double tap on "Versturen" gets "already sent, thank you".
    ``by``: the staff member who typed in a paper form (audited). A paper form may leave a
    required question blank (the form is what the person sent; refusing it would lose the rest)."""
    now = now or timezone.now()
    # Who answers comes first, under the lock: a code (or a browser) that has answered already is told so, whatever
    # else is wrong. A second tap on "Versturen" finds the draft gone (empty answers) and must hear "already sent,
    # thank you", not "questions not filled in". A refusal below rolls all of this back (one transaction).
    draft_filter: dict = {}
    if channel in (Channel.CODE, Channel.PAPER):
        if code is None:
            raise AnswerError("no_code")
        found = _lock_code(consultation, code)
        if InvitationCode.objects.filter(pk=found.pk, used=False).update(used=True) != 1:
            raise AnswerError("used")
        municipality_id = found.municipality_id
        draft_filter = {"code_id": found.pk}
    elif channel == Channel.OPEN:
        if not consultation.open_link:
            raise AnswerError("no_open_link")
        if not browser_key:
            raise AnswerError("open_used")
        try:
            with transaction.atomic():
                OpenLinkUse.objects.create(consultation=consultation, browser_key=browser_key)
        except IntegrityError:
            raise AnswerError("open_used") from None
        if municipality is not None and not _asks(consultation, municipality):
            raise AnswerError("municipality")
        municipality_id = municipality.pk if municipality else None
        draft_filter = {"browser_key": browser_key}
    else:
        raise AnswerError("no_code")
    _check_period(consultation, channel, now)
    checked, clean_texts, errors = rules.check_answers(
        rules.question_rules(questionnaire.questions.values()),
        answers,
        texts,
        check_required=channel != Channel.PAPER,
    )
    if errors:
        raise AnswerError("invalid", errors=errors)

    response = Response.objects.create(
        consultation=consultation,
        municipality_id=municipality_id,
        channel=channel,
        language=language[:10],
        submitted_on=today,
        answers=checked,
    )
    TextAnswer.objects.bulk_create(
        TextAnswer(
            consultation=consultation,
            response=response,
            question_id=question_id,
            municipality_id=municipality_id,
            text=text,
        )
        for question_id, text in sorted(clean_texts.items())
    )
    shared.add_to_tallies(
        consultation_id=consultation.pk,
        municipality_id=municipality_id,
        channel=channel,
        keys=shared_rules.tally_keys(questionnaire.kinds, checked, texts=clean_texts.keys()),
    )
    Draft.objects.filter(consultation=consultation, **draft_filter).delete()
    if not consultation.has_answers:
        Consultation.objects.filter(pk=consultation.pk, has_answers=False).update(has_answers=True)
        consultation.has_answers = True
    if channel == Channel.PAPER:
        audit_record(
            actor=by,
            action="consultation.paper_entry",
            target=consultation,
            region=consultation.region,
            label=f"raadpleging #{consultation.pk}",
        )


def _asks(consultation: Consultation, municipality: Municipality) -> bool:
    """Whether the consultation asks the clients of ``municipality`` (no municipalities chosen: the whole region)."""
    ids = getattr(consultation, "municipality_ids", None)
    if ids is None:
        ids = frozenset(consultation.municipalities.values_list("pk", flat=True))
    return municipality.pk in ids if ids else municipality.region_id == consultation.region_id


# ----------------------------------------------------------------------------------------------- drafts


@transaction.atomic
def save_draft(
    *,
    consultation: Consultation,
    answers: Mapping[str, object],
    texts: Mapping[int, str],
    section_reached: int,
    question_ids: Iterable[int] = (),
    code: InvitationCode | None = None,
    browser_key: str | None = None,
    language: str | None = None,
) -> Draft:
    """Keep the answers so far of someone who has not submitted yet (every "Volgende" and "Vorige"), tied to their
    code or to their browser's key: coming back with the code continues where they were. The answers to
    ``question_ids`` (the page they sent) are replaced, so an answer taken away is gone. No audit row: a respondent
    is not a user, and the draft is deleted at submit."""
    if code is not None:
        draft, _created = Draft.objects.select_for_update().get_or_create(
            code=code, defaults={"consultation": consultation}
        )
    elif browser_key:
        draft, _created = Draft.objects.select_for_update().get_or_create(
            browser_key=browser_key, defaults={"consultation": consultation}
        )
    else:
        raise AnswerError("no_code")
    replaced = {str(pk) for pk in question_ids}
    kept = {key: value for key, value in draft.answers.items() if key not in replaced}
    draft.answers = {**kept, **rules.join_draft(answers, texts)}
    draft.section_reached = max(draft.section_reached, section_reached)
    if language is not None:
        draft.language = language[:10]
    draft.save()
    return draft


@transaction.atomic
def choose_language(*, consultation: Consultation, language: str, code=None, browser_key=None) -> Draft:
    """The language the respondent chose ("" = Dutch), kept on their draft."""
    return save_draft(
        consultation=consultation,
        answers={},
        texts={},
        section_reached=0,
        code=code,
        browser_key=browser_key,
        language=language,
    )


# ----------------------------------------------------------------------------------------------- codes

CODE_MAX_PER_BATCH = 50_000
_INSERT_CHUNK = 1_000


def _new_codes(count: int) -> set[str]:
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(secrets.choice(rules.CODE_ALPHABET) for _ in range(rules.CODE_LENGTH)))
    return found


def _free(codes: set[str]) -> set[str]:
    """The codes of ``codes`` that no consultation uses yet (a few queries of at most 900 codes)."""
    listed = sorted(codes)
    taken: set[str] = set()
    for start in range(0, len(listed), 900):
        taken.update(InvitationCode.objects.filter(code__in=listed[start : start + 900]).values_list("code", flat=True))
    return codes - taken


@transaction.atomic
def generate_codes(*, consultation: Consultation, municipality: Municipality, count: int, by) -> CodeBatch:
    """Make ``count`` one-time codes for the clients of ``municipality`` (a CodeBatch). Codes are 8 characters from
    rules.CODE_ALPHABET, drawn with ``secrets`` (32^8 ≈ 10^12 possible codes: guessing one is hopeless, and code
    entry is rate-limited), unique over the whole site (drawn again on a clash), and written in chunks of 1,000.
    Refused: "closed" after closing, "municipality" for a municipality the consultation does not ask, "count"
    outside 1–CODE_MAX_PER_BATCH."""
    if consultation.status not in (ConsultationStatus.DRAFT, ConsultationStatus.OPEN):
        raise AnswerError("closed")
    if not _asks(consultation, municipality):
        raise AnswerError("municipality")
    if not 1 <= count <= CODE_MAX_PER_BATCH:
        raise AnswerError("count")
    batch = CodeBatch.objects.create(consultation=consultation, municipality=municipality, count=count, created_by=by)
    codes: set[str] = set()
    for _attempt in range(5):
        codes |= _free(_new_codes(count - len(codes)))
        if len(codes) == count:
            break
    rows = [
        InvitationCode(consultation=consultation, batch=batch, municipality=municipality, code=code)
        for code in sorted(codes, key=lambda _code: secrets.randbits(32))
    ]
    InvitationCode.objects.bulk_create(rows, batch_size=_INSERT_CHUNK)
    shared.record_event(
        consultation=consultation,
        kind=ConsultationEvent.Kind.CODES,
        by=by,
        note=f"{count} codes: {municipality.name}",
    )
    audit_record(
        actor=by,
        action="consultation.codes",
        target=batch,
        region=consultation.region,
        label=f"raadpleging #{consultation.pk}, {municipality.name}",
    )
    return batch
