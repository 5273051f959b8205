"""Writes of building a consultation: the consultation itself, its sections, questions and choices (and their order),
its translations and the state steps concept → open → gesloten. Each is atomic, appends history where the
consultation changes and writes one audit row.

After the first real answer (``has_answers``) only text fixes are allowed: anything that changes what an answer
means (a question's kind, required, "weet ik niet", adding, removing or reordering questions, sections or choices,
dropping a municipality) is refused with ``BuildError("locked")``. The row of the consultation is locked first, so a
structural change and the first answer (which sets ``has_answers``) never cross."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from inspraak.audit.services import audit_record
from inspraak.consultations.models import (
    CHOICE_KINDS,
    Consultation,
    ConsultationEvent,
    ConsultationStatus,
    Draft,
    Option,
    Question,
    QuestionKind,
    Section,
    Translation,
)
from inspraak.consultations.rules import build as rules
from inspraak.consultations.services import record_event
from inspraak.core.errors import ServiceError
from inspraak.core.readability import score_of
from inspraak.core.versioning import claim_version

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body, Municipality, Region


class BuildError(ServiceError):
    """A building step that does not fit; ``code`` says which (the views' ``ERRORS``)."""


FIELDS = (
    "title",
    "introduction",
    "opens_at",
    "closes_at",
    "contact_name",
    "contact_phone",
    "contact_email",
    "open_link",
)
QUESTION_TEXTS = ("text", "help_text", "scale_low_label", "scale_high_label")
QUESTION_STRUCTURE = ("kind", "required", "dont_know")


def _label(consultation: Consultation) -> str:
    return f"raadpleging #{consultation.pk}"


def _audit(by, action: str, consultation: Consultation, target=None, changed: Iterable[str] = ()) -> None:
    audit_record(
        actor=by,
        action=action,
        target=target or consultation,
        region=consultation.region,
        changed_fields=changed,
        label=_label(consultation),
    )


def _lock(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def _may_fix_texts(locked: Consultation) -> None:
    if locked.status == ConsultationStatus.PUBLISHED:
        raise BuildError("published")


def _may_change_structure(locked: Consultation) -> None:
    """Structural changes: only before the first answer and never after closing."""
    if locked.has_answers:
        raise BuildError("locked")
    if locked.status not in (ConsultationStatus.DRAFT, ConsultationStatus.OPEN):
        raise BuildError("closed")


def _check(values: dict, municipalities: Sequence) -> None:
    if not values["title"] or not values["introduction"] or not values["contact_name"]:
        raise BuildError("empty")
    if values["closes_at"] <= values["opens_at"]:
        raise BuildError("closes_before_opens")
    if not municipalities:
        raise BuildError("no_municipalities")


def _clean(values: dict) -> dict:
    return {
        name: (value.strip() if isinstance(value, str) else value) for name, value in values.items() if name in FIELDS
    }


# ---------------------------------------------------------------- the consultation


@transaction.atomic
def consultation_create(
    *,
    region: Region,
    body: Body | None,
    by: User,
    municipalities: Sequence[Municipality],
    title: str,
    introduction: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    contact_name: str,
    contact_phone: str = "",
    contact_email: str = "",
    open_link: bool = False,
) -> Consultation:
    """A new consultation in concept, owned by the GR (``body`` None) or by ``body``."""
    values = _clean(locals())
    _check(values, municipalities)
    if body is not None and body.region_id != region.pk:
        raise BuildError("other_region")
    if any(m.region_id != region.pk for m in municipalities):
        raise BuildError("other_region")
    consultation = Consultation.objects.create(
        region=region,
        body=body,
        created_by=by,
        introduction_readability=score_of(values["introduction"]),
        **values,
    )
    consultation.municipalities.set(municipalities)
    record_event(
        consultation=consultation, kind=ConsultationEvent.Kind.CREATED, by=by, to_status=ConsultationStatus.DRAFT
    )
    _audit(by, "consultation.create", consultation)
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    by: User,
    version: int | None = None,
    municipalities: Sequence[Municipality] | None = None,
    **values,
) -> list[str]:
    """Change the consultation's own fields (StaleEdit when someone saved since ``version``). After the first answer
    a municipality can be added but not dropped. Returns the changed field names."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown consultation fields: {sorted(unknown)}")
    locked = _lock(consultation)
    _may_fix_texts(locked)
    merged = {name: getattr(locked, name) for name in FIELDS} | _clean(values)
    current = set(
        Consultation.municipalities.through.objects.filter(consultation=locked).values_list(
            "municipality_id", flat=True
        )
    )
    wanted = current if municipalities is None else {m.pk for m in municipalities}
    if municipalities is not None and any(m.region_id != locked.region_id for m in municipalities):
        raise BuildError("other_region")
    _check(merged, wanted)
    if locked.has_answers and current - wanted:
        raise BuildError("locked_municipalities")
    changed = [name for name in FIELDS if getattr(locked, name) != merged[name]]
    if wanted != current:
        changed.append("municipalities")
    claim_version(locked, version)
    consultation.version = locked.version
    if not changed:
        return []
    for name in FIELDS:
        setattr(consultation, name, merged[name])
    update = [name for name in changed if name != "municipalities"]
    if "introduction" in changed:
        consultation.introduction_readability = score_of(merged["introduction"])
        update.append("introduction_readability")
    if update:
        consultation.save(update_fields=update)
    if "municipalities" in changed:
        consultation.municipalities.set(list(municipalities))
        consultation.municipality_ids = frozenset(wanted)
    record_event(consultation=consultation, kind=ConsultationEvent.Kind.CHANGED, by=by, changed_fields=changed)
    _audit(by, "consultation.update", consultation, changed=changed)
    return changed


@transaction.atomic
def consultation_set_status(*, consultation: Consultation, to: str, by: User, note: str = "") -> None:
    """One state step: concept → open (needs a closing moment still to come, at least one question, and two choices
    for every choice question), open → gesloten (the drafts of people who did not submit are deleted). Publishing is
    the results part's."""
    locked = _lock(consultation)
    if not rules.can_step(locked.status, to):
        raise BuildError("step")
    if to == ConsultationStatus.OPEN:
        shapes = [
            rules.QuestionShape(kind=kind, options=n)
            for kind, n in Question.objects.filter(consultation=locked)
            .annotate(n=Count("options"))
            .values_list("kind", "n")
        ]
        problems = rules.opening_problems(shapes, closes_at=locked.closes_at, now=timezone.now())
        if problems:
            raise BuildError(problems[0])
    previous = locked.status
    Consultation.objects.filter(pk=locked.pk).update(status=to)
    if to == ConsultationStatus.CLOSED:
        # Answers of people who stopped halfway are not kept after closing (ADR 30).
        Draft.objects.filter(consultation=locked).delete()
    consultation.status = to
    record_event(
        consultation=consultation,
        kind=ConsultationEvent.Kind.STATUS,
        by=by,
        from_status=previous,
        to_status=to,
        note=note,
    )
    _audit(by, f"consultation.status.{to}", consultation, changed=["status"])


# ---------------------------------------------------------------- sections


def _renumber(model, ids: Sequence[int]) -> None:
    rows = list(model.objects.filter(pk__in=ids))
    by_pk = {row.pk: row for row in rows}
    for position, pk in enumerate(ids):
        by_pk[pk].position = position
    model.objects.bulk_update(rows, ["position"])


@transaction.atomic
def section_create(*, consultation: Consultation, by: User, title: str, introduction: str = "") -> Section:
    locked = _lock(consultation)
    _may_change_structure(locked)
    if not title.strip():
        raise BuildError("empty_section")
    last = Section.objects.filter(consultation=locked).order_by("-position").values_list("position", flat=True).first()
    section = Section.objects.create(
        consultation=locked,
        position=0 if last is None else last + 1,
        title=title.strip(),
        introduction=introduction.strip(),
    )
    _audit(by, "consultation.section.create", consultation, target=section)
    return section


@transaction.atomic
def section_update(*, section: Section, by: User, title: str, introduction: str = "") -> list[str]:
    """A text fix: allowed until the results are published."""
    locked = _lock(section.consultation)
    _may_fix_texts(locked)
    if not title.strip():
        raise BuildError("empty_section")
    values = {"title": title.strip(), "introduction": introduction.strip()}
    changed = [name for name, value in values.items() if getattr(section, name) != value]
    if changed:
        for name in changed:
            setattr(section, name, values[name])
        section.save(update_fields=changed)
        _audit(by, "consultation.section.update", section.consultation, target=section, changed=changed)
    return changed


@transaction.atomic
def section_delete(*, section: Section, by: User) -> None:
    """Remove a section with its questions (before the first answer only)."""
    consultation = section.consultation
    locked = _lock(consultation)
    _may_change_structure(locked)
    _audit(by, "consultation.section.delete", consultation, target=section)
    section.delete()


@transaction.atomic
def section_move(*, section: Section, by: User, direction: str) -> None:
    consultation = section.consultation
    locked = _lock(consultation)
    _may_change_structure(locked)
    ids = list(Section.objects.filter(consultation=locked).order_by("position", "pk").values_list("pk", flat=True))
    order = rules.moved(ids, section.pk, direction)
    if order != ids:
        _renumber(Section, order)
        _audit(by, "consultation.section.move", consultation, target=section, changed=["position"])


# ---------------------------------------------------------------- questions and choices


def _check_question(kind: str, text: str, labels: Sequence[str]) -> None:
    if kind not in QuestionKind.values:
        raise BuildError("kind")
    if not text.strip():
        raise BuildError("empty_question")
    if kind in CHOICE_KINDS:
        if len(labels) < rules.MIN_OPTIONS:
            raise BuildError("too_few_options")
        if len(labels) > rules.MAX_OPTIONS:
            raise BuildError("too_many_options")
        if rules.duplicate_labels(labels):
            raise BuildError("double_options")


def _readability(text: str, help_text: str) -> int | None:
    return score_of(" ".join(part for part in (text.strip(), help_text.strip()) if part))


@transaction.atomic
def question_create(
    *,
    section: Section,
    by: User,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = False,
    scale_low_label: str = "",
    scale_high_label: str = "",
    dont_know: bool = True,
    options: Sequence[str] = (),
) -> Question:
    """A new question at the end of ``section``, with its choices (choice questions: 2 to 20)."""
    consultation = section.consultation
    locked = _lock(consultation)
    _may_change_structure(locked)
    labels = rules.clean_labels(options) if kind in CHOICE_KINDS else []
    _check_question(kind, text, labels)
    last = Question.objects.filter(section=section).order_by("-position").values_list("position", flat=True).first()
    scale = kind == QuestionKind.SCALE
    question = Question.objects.create(
        consultation=locked,
        section=section,
        position=0 if last is None else last + 1,
        kind=kind,
        text=text.strip(),
        help_text=help_text.strip(),
        required=required,
        scale_low_label=scale_low_label.strip() if scale else "",
        scale_high_label=scale_high_label.strip() if scale else "",
        dont_know=dont_know if scale else True,
        readability=_readability(text, help_text),
    )
    Option.objects.bulk_create(
        [Option(question=question, position=index, label=label) for index, label in enumerate(labels)]
    )
    _audit(by, "consultation.question.create", consultation, target=question)
    return question


@transaction.atomic
def question_update(
    *,
    question: Question,
    by: User,
    text: str,
    help_text: str = "",
    scale_low_label: str = "",
    scale_high_label: str = "",
    option_labels: dict[int, str] | None = None,
    kind: str | None = None,
    required: bool | None = None,
    dont_know: bool | None = None,
    new_options: Sequence[str] = (),
    removed_options: Iterable[int] = (),
) -> list[str]:
    """Change a question. Text fixes (its text, help, scale words, the wording of a choice) are allowed until the
    results are published; changing its kind, required or "weet ik niet", adding or removing choices only before
    the first answer. ``None`` leaves a structural value as it is. Returns the changed field names."""
    consultation = question.consultation
    locked = _lock(consultation)
    _may_fix_texts(locked)
    options = list(Option.objects.filter(question=question).order_by("position", "pk"))
    labels = {o.pk: o.label for o in options}
    option_labels = {pk: label.strip() for pk, label in (option_labels or {}).items() if pk in labels}
    removed = {pk for pk in removed_options if pk in labels}
    added = rules.clean_labels(new_options)
    structure = {
        "kind": question.kind if kind is None else kind,
        "required": question.required if required is None else required,
        "dont_know": question.dont_know if dont_know is None else dont_know,
    }
    changed_structure = [name for name in QUESTION_STRUCTURE if getattr(question, name) != structure[name]]
    if changed_structure or removed or added:
        _may_change_structure(locked)
    if any(not label for pk, label in option_labels.items() if pk not in removed):
        raise BuildError("empty_option")
    kind = structure["kind"]
    final_labels = [option_labels.get(o.pk, o.label) for o in options if o.pk not in removed] + added
    if kind not in CHOICE_KINDS:
        final_labels = []
    _check_question(kind, text, final_labels)
    texts = {
        "text": text.strip(),
        "help_text": help_text.strip(),
        "scale_low_label": scale_low_label.strip() if kind == QuestionKind.SCALE else "",
        "scale_high_label": scale_high_label.strip() if kind == QuestionKind.SCALE else "",
    }
    changed = [name for name in QUESTION_TEXTS if getattr(question, name) != texts[name]] + changed_structure
    for name, value in {**texts, **structure}.items():
        setattr(question, name, value)
    if changed:
        question.readability = _readability(question.text, question.help_text)
        question.save(update_fields=[*changed, "readability"])
    relabelled = [
        o for o in options if o.pk not in removed and o.pk in option_labels and o.label != option_labels[o.pk]
    ]
    for option in relabelled:
        option.label = option_labels[option.pk]
    if relabelled:
        Option.objects.bulk_update(relabelled, ["label"])
        changed.append("options")
    if kind not in CHOICE_KINDS and options:
        removed = set(labels)
    if removed:
        Option.objects.filter(pk__in=removed).delete()
        changed.append("options_removed")
    if added and kind in CHOICE_KINDS:
        start = max((o.position for o in options), default=-1) + 1
        Option.objects.bulk_create(
            [Option(question=question, position=start + index, label=label) for index, label in enumerate(added)]
        )
        changed.append("options_added")
    if changed:
        _audit(by, "consultation.question.update", consultation, target=question, changed=changed)
    return changed


@transaction.atomic
def question_delete(*, question: Question, by: User) -> None:
    consultation = question.consultation
    locked = _lock(consultation)
    _may_change_structure(locked)
    _audit(by, "consultation.question.delete", consultation, target=question)
    question.delete()


@transaction.atomic
def question_move(*, question: Question, by: User, direction: str) -> None:
    """Move a question one place up or down. At the top of its section it moves to the end of the section before;
    at the bottom to the start of the next one."""
    consultation = question.consultation
    locked = _lock(consultation)
    _may_change_structure(locked)
    ids = list(
        Question.objects.filter(section_id=question.section_id).order_by("position", "pk").values_list("pk", flat=True)
    )
    order = rules.moved(ids, question.pk, direction)
    if order != ids:
        _renumber(Question, order)
    else:
        sections = list(
            Section.objects.filter(consultation=locked).order_by("position", "pk").values_list("pk", flat=True)
        )
        index = sections.index(question.section_id)
        target = index - 1 if direction == rules.UP else index + 1
        if not 0 <= target < len(sections) or direction not in (rules.UP, rules.DOWN):
            return
        others = list(
            Question.objects.filter(section_id=sections[target]).order_by("position", "pk").values_list("pk", flat=True)
        )
        question.section_id = sections[target]
        question.save(update_fields=["section"])
        _renumber(Question, [*others, question.pk] if direction == rules.UP else [question.pk, *others])
    _audit(by, "consultation.question.move", consultation, target=question, changed=["position"])


@transaction.atomic
def option_move(*, option: Option, by: User, direction: str) -> None:
    question = option.question
    consultation = question.consultation
    locked = _lock(consultation)
    _may_change_structure(locked)
    ids = list(Option.objects.filter(question=question).order_by("position", "pk").values_list("pk", flat=True))
    order = rules.moved(ids, option.pk, direction)
    if order != ids:
        _renumber(Option, order)
        _audit(by, "consultation.option.move", consultation, target=question, changed=["options"])


# ---------------------------------------------------------------- translations


@transaction.atomic
def translation_create(
    *, consultation: Consultation, by: User, language: str, name: str, right_to_left: bool = False
) -> Translation:
    locked = _lock(consultation)
    _may_fix_texts(locked)
    language = rules.normal_language(language)
    if not rules.valid_language(language):
        raise BuildError("language")
    if not name.strip():
        raise BuildError("language_name")
    try:
        with transaction.atomic():
            translation = Translation.objects.create(
                consultation=locked, language=language, name=name.strip(), right_to_left=right_to_left
            )
    except IntegrityError:
        raise BuildError("language_exists") from None
    _audit(by, "consultation.translation.create", consultation, target=translation)
    return translation


@transaction.atomic
def translation_update(
    *, translation: Translation, by: User, name: str, right_to_left: bool, texts: dict[str, str], keys: Iterable[str]
) -> list[str]:
    """Store the translated texts of ``keys`` (the texts the consultation has now; others are dropped). An empty
    text falls back to Dutch for the respondent."""
    consultation = translation.consultation
    locked = _lock(consultation)
    _may_fix_texts(locked)
    if not name.strip():
        raise BuildError("language_name")
    keys = list(keys)
    cleaned = {key: (texts.get(key) or "").strip() for key in keys}
    cleaned = {key: value for key, value in cleaned.items() if value}
    changed = []
    if translation.name != name.strip():
        changed.append("name")
    if translation.right_to_left != right_to_left:
        changed.append("right_to_left")
    if translation.texts != cleaned:
        changed.append("texts")
    if changed:
        translation.name = name.strip()
        translation.right_to_left = right_to_left
        translation.texts = cleaned
        translation.save(update_fields=changed)
        _audit(by, "consultation.translation.update", consultation, target=translation, changed=changed)
    return changed


@transaction.atomic
def translation_delete(*, translation: Translation, by: User) -> None:
    consultation = translation.consultation
    locked = _lock(consultation)
    _may_fix_texts(locked)
    _audit(by, "consultation.translation.delete", consultation, target=translation)
    translation.delete()


def consultations_close_due(*, now: datetime.datetime) -> int:
    """Close every open consultation whose closing moment has passed (the hourly job). Each one in its own
    transaction, with the same step (and history) as the owner's "Sluiten", by nobody. Returns how many."""
    closed = 0
    for consultation in Consultation.objects.filter(status=ConsultationStatus.OPEN, closes_at__lte=now).select_related(
        "region"
    ):
        try:
            consultation_set_status(
                consultation=consultation, to=ConsultationStatus.CLOSED, by=None, note=gettext("Sluitdatum voorbij")
            )
        except BuildError:
            continue  # someone closed it meanwhile
        closed += 1
    return closed
