"""Reads of the consultation's results part. The numbers come only from ``Tally`` counters and ``CodeBatch`` counts:
the same few queries for 10 or 400,000 answers. Every breakdown goes through the small-group rule
(rules/results.py: ``suppress``) before anything leaves this module."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Prefetch, Sum
from django.http import Http404
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from inspraak.advice.models import AdviceRequest, RequestStatus
from inspraak.consultations.models import (
    CHOICE_KINDS,
    SCALE_MAX,
    SCALE_MIN,
    TALLY_DONT_KNOW,
    TALLY_TEXT_REMOVED,
    TALLY_TEXT_SHOWN,
    TEXT_KINDS,
    Channel,
    CodeBatch,
    Consultation,
    ConsultationStatus,
    Finding,
    Option,
    Question,
    QuestionKind,
    Response,
    Tally,
    TallyTotal,
    TextAnswer,
    TextStatus,
)
from inspraak.consultations.rules import results as rules
from inspraak.consultations.selectors import Questionnaire, consultation_in
from inspraak.regions.models import Body, Municipality

UNKNOWN = 0  # Tally.municipality_id of an answer without a municipality (open link)
OTHERS = "overige"  # the key of the combined hidden groups
TEXTS_SHOWN = 10  # moderated open answers shown per question on the results pages

SMALL = "small"  # fewer than 5: "minder dan 5"
PROTECTING = "protecting"  # hidden to protect a small group: "niet getoond"


@dataclass
class Count:
    """One number as a page shows it: ``count`` and ``percent`` are None when ``hidden`` ("small" or
    "protecting")."""

    label: str
    count: int | None
    percent: Decimal | None = None
    hidden: str = ""
    key: object = None

    @property
    def text(self) -> str:
        if self.hidden == SMALL:
            return _("minder dan 5")
        if self.hidden == PROTECTING:
            return _("niet getoond")
        return "" if self.count is None else str(self.count)

    @property
    def percent_text(self) -> str:
        """ "12,3%" as ``floatformat:"1"`` writes the percentage in the active language (a table of ten questions
        without a filter per cell), or "" without one."""
        if self.percent is None:
            return ""
        return rules.percent_text(self.percent, decimal_sign=get_format("DECIMAL_SEPARATOR"))


@dataclass
class GroupRow:
    """One municipality (or "overige gemeenten") of one question: how many answered, the counts per choice, the
    mean of a scale."""

    key: object
    label: str
    hidden: str
    answered: int | None
    cells: list[Count]
    mean: Decimal | None = None


@dataclass
class QuestionResult:
    question: object
    answered: int | None  # None when the totals are hidden
    rows: list[Count]  # per option, or per scale value 1–5
    dont_know: Count | None = None
    mean: Decimal | None = None
    groups: list[GroupRow] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # moderated open answers (a few)
    texts_shown: int = 0  # how many moderated texts there are to show
    texts_pending: int = 0
    chosen: GroupRow | None = None  # the one group picked on the page ("Bekijk de antwoorden per gemeente")

    @property
    def is_choice(self) -> bool:
        return self.question.kind in CHOICE_KINDS

    @property
    def is_scale(self) -> bool:
        return self.question.kind == QuestionKind.SCALE

    @property
    def is_text(self) -> bool:
        return self.question.kind in TEXT_KINDS


@dataclass
class MunicipalityRow:
    key: int
    label: str
    respondents: Count
    issued: int
    used: Count
    rate: Decimal | None
    # The four cells as the page writes them (answers, codes issued, codes used, response rate), made once here: a
    # table of 350 municipalities is then written without a filter or a translation per cell.
    texts: tuple[str, str, str, str] = ("", "", "", "")


@dataclass
class Results:
    consultation: Consultation
    respondents: int
    total_hidden: bool
    questionnaire: Questionnaire
    questions: list[QuestionResult]
    municipalities: list[MunicipalityRow]
    others: Count | None  # "overige gemeenten" together, when it may be shown
    channels: list[Count]
    issued: int
    used: Count
    rate: Decimal | None
    municipality_labels: dict  # key → label (only shown municipalities; hidden ones become "overige gemeenten")
    hidden_municipalities: frozenset
    any_hidden: bool
    # The groups that may be picked for a per-question breakdown on the page: (value in ``?gemeente=``, label).
    choices: list[tuple[str, str]] = field(default_factory=list)
    values: dict = field(default_factory=dict)  # every accepted ``?gemeente=`` value (slug, id) → group key
    hidden_kinds: dict = field(default_factory=dict)  # group key → SMALL / PROTECTING for the hidden groups
    sizes: dict = field(default_factory=dict)  # group key → respondents
    chosen: tuple | None = None  # (key, label) of the group broken down per question, after ``add_group``

    @property
    def respondents_text(self) -> str:
        return _("minder dan 5") if self.total_hidden else str(self.respondents)


def _hidden_kind(suppression: rules.Suppression, key) -> str:
    """ "" when the group is shown, else why it is hidden."""
    if not suppression.hidden(key):
        return ""
    return PROTECTING if key in suppression.protecting else SMALL


def _hidden_kinds(suppression: rules.Suppression) -> tuple[dict, str]:
    """``_hidden_kind`` of every group at once: (group → SMALL / PROTECTING, the kind of any other group), for the
    loops over hundreds of municipalities."""
    kinds = dict.fromkeys(suppression.small, SMALL) | dict.fromkeys(suppression.protecting, PROTECTING)
    return kinds, SMALL if suppression.total_hidden else ""


def _count(label: str, count: int, whole: int | None, hidden: str = "", key=None) -> Count:
    if hidden:
        return Count(label=label, count=None, hidden=hidden, key=key)
    return Count(label=label, count=count, percent=rules.percent(count, whole or 0), key=key)


def _choice_keys(question) -> list[tuple[int, str]]:
    if question.kind in CHOICE_KINDS:
        return [(option.pk, option.label) for option in question.options.all()]
    if question.kind == QuestionKind.SCALE:
        labels = {SCALE_MIN: question.scale_low_label, SCALE_MAX: question.scale_high_label}
        return [
            (value, f"{value} ({labels[value]})" if labels.get(value) else str(value))
            for value in range(SCALE_MIN, SCALE_MAX + 1)
        ]
    return []


def _question_result(question, counts, per_group, groups, suppression, labels, hidden_total) -> QuestionResult:
    """``counts``: choice → count (all municipalities); ``per_group``: municipality → choice → count, or None for
    no breakdown per municipality (the pages: one group is added later with ``add_group``)."""
    q_counts = counts
    answered = q_counts.get(0, 0)
    keys = _choice_keys(question)
    total_hidden = SMALL if hidden_total else ""
    rows = [_count(label, q_counts.get(key, 0), answered, total_hidden, key) for key, label in keys]
    dont_know = None
    mean = None
    if question.kind == QuestionKind.SCALE:
        if question.dont_know or q_counts.get(TALLY_DONT_KNOW):
            dont_know = _count(_("weet ik niet"), q_counts.get(TALLY_DONT_KNOW, 0), answered, total_hidden)
        if not hidden_total:
            mean = rules.mean({key: q_counts.get(key, 0) for key, _label in keys})
    group_rows = []
    hidden_sum: dict[int, int] = defaultdict(int)
    for group in groups if per_group is not None else ():
        hidden = _hidden_kind(suppression, group)
        mine = per_group.get(group, {})
        if hidden:
            for choice, n in mine.items():
                hidden_sum[choice] += n
            group_rows.append(GroupRow(key=group, label=labels[group], hidden=hidden, answered=None, cells=[]))
            continue
        group_rows.append(_group_row(question, group, labels[group], mine, keys))
    if per_group is not None and suppression.others is not None and not hidden_total:
        group_rows.append(_group_row(question, OTHERS, _("Overige gemeenten"), hidden_sum, keys))
    return QuestionResult(
        question=question,
        answered=None if hidden_total else answered,
        rows=rows,
        dont_know=dont_know,
        mean=mean,
        groups=group_rows,
    )


def _group_row(question, key, label, mine, keys) -> GroupRow:
    answered = mine.get(0, 0)
    cells = [_count(choice_label, mine.get(choice, 0), answered, key=choice) for choice, choice_label in keys]
    mean = None
    if question.kind == QuestionKind.SCALE:
        cells.append(_count(_("weet ik niet"), mine.get(TALLY_DONT_KNOW, 0), answered, key=TALLY_DONT_KNOW))
        mean = rules.mean({choice: mine.get(choice, 0) for choice, _label in keys})
    return GroupRow(key=key, label=label, hidden="", answered=answered, cells=cells, mean=mean)


def _municipality_names(region_names: dict[int, tuple[str, str]], ids) -> dict[int, tuple[str, str]]:
    """id → (name, slug) of ``ids``, from the names of the consultation's region (``_read_counters``: a consultation
    asks the municipalities of its own region, so they are read by the region, one indexed condition, not a list of
    350 ids to bind); an id of another region (none in practice) costs one more query."""
    names = {pk: region_names[pk] for pk in ids if pk in region_names}
    missing = set(ids) - set(names)
    if missing:
        names.update(
            (pk, (name, slug))
            for pk, name, slug in Municipality.objects.filter(pk__in=missing).values_list("pk", "name", "slug")
        )
    return names


UNKNOWN_VALUE = "niet-opgegeven"  # ``?gemeente=`` of the open-link answers without a municipality


def _answer_counts(consultation, municipality_ids=None) -> dict[int, dict[int, int]]:
    """question → choice → count, of all municipalities (their totals: a few dozen rows) or of ``municipality_ids``
    only (their own counters). 1 query."""
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    if municipality_ids is None:
        rows = TallyTotal.objects.filter(consultation=consultation).exclude(question_id=0)
        for question_id, choice, n in rows.values_list("question_id", "choice", "count"):
            counts[question_id][choice] += n
        return counts
    rows = Tally.objects.filter(consultation=consultation, municipality_id__in=list(municipality_ids))
    for question_id, choice, n in (
        rows.exclude(question_id=0).values_list("question_id", "choice").annotate(n=Sum("count")).order_by()
    ):
        counts[question_id][choice] += n
    return counts


@dataclass
class _Counters:
    """What ``_read_counters`` read in one statement."""

    counts: dict  # question → choice → count, all municipalities (TallyTotal; empty without ``totals``)
    respondents_by: dict  # municipality → respondents (Tally, question 0)
    channel_sizes: dict  # channel → respondents
    used_by: dict  # municipality → codes used (online with a code, or on paper)
    issued_by: dict  # municipality → codes issued (CodeBatch)
    names: dict  # id → (name, slug) of every municipality of the consultation's region
    texts: dict  # question → the first TEXTS_SHOWN moderated open answers
    options: list  # every Option of the consultation's questions
    asked: frozenset  # the municipalities the consultation asks


# The parts of ``_read_counters``' statement: (kind, number, choice, count, text, text) each.
_TOTALS, _RESPONDENTS, _CHANNELS, _ISSUED, _NAMES, _TEXTS, _OPTIONS, _ASKED = range(1, 9)


def _counters_sql(totals: bool, text_parts: int) -> str:
    qn = connection.ops.quote_name
    tally, total, batch = (qn(m._meta.db_table) for m in (Tally, TallyTotal, CodeBatch))
    municipality, text = qn(Municipality._meta.db_table), qn(TextAnswer._meta.db_table)
    option, question = qn(Option._meta.db_table), qn(Question._meta.db_table)
    asked = qn(Consultation.municipalities.through._meta.db_table)
    cid, mid, qid, count = qn("consultation_id"), qn("municipality_id"), qn("question_id"), qn("count")
    parts = []
    if totals:
        parts.append(
            f"SELECT {_TOTALS}, {qid}, {qn('choice')}, {count}, NULL, NULL FROM {total} "  # noqa: S608
            f"WHERE {cid} = %s AND {qid} <> 0"
        )
    parts += [
        # Respondents per municipality (and how many of them used a code, online or on paper), and per channel:
        # summed here, a few hundred rows instead of a row per municipality and channel.
        f"SELECT {_RESPONDENTS}, {mid}, SUM(CASE WHEN {qn('channel')} IN (%s, %s) THEN {count} ELSE 0 END), "  # noqa: S608
        f"SUM({count}), NULL, NULL FROM {tally} WHERE {cid} = %s AND {qid} = 0 AND {qn('choice')} = 0 GROUP BY {mid}",
        f"SELECT {_CHANNELS}, NULL, NULL, SUM({count}), {qn('channel')}, NULL FROM {tally} "  # noqa: S608
        f"WHERE {cid} = %s AND {qid} = 0 AND {qn('choice')} = 0 GROUP BY {qn('channel')}",
        f"SELECT {_ISSUED}, {mid}, NULL, SUM({count}), NULL, NULL FROM {batch} WHERE {cid} = %s GROUP BY {mid}",  # noqa: S608
        f"SELECT {_NAMES}, {qn('id')}, NULL, NULL, {qn('name')}, {qn('slug')} FROM {municipality} "  # noqa: S608
        f"WHERE {qn('region_id')} = %s",
        f"SELECT {_OPTIONS}, {qid}, {qn('id')}, {qn('position')}, {qn('label')}, NULL FROM {option} "  # noqa: S608
        f"WHERE {qid} IN (SELECT {qn('id')} FROM {question} WHERE {cid} = %s)",
        f"SELECT {_ASKED}, {mid}, NULL, NULL, NULL, NULL FROM {asked} WHERE {cid} = %s",  # noqa: S608
    ]
    # Per text question an index range read up to TEXTS_SHOWN rows (consultation_text_question): a LIMITed subquery
    # in FROM (valid on PostgreSQL and SQLite; the ORM cannot slice the parts of a union on SQLite).
    parts += [
        f"SELECT {_TEXTS}, {qid}, NULL, NULL, {qn('text')}, CAST({qn('id')} AS VARCHAR(36)) FROM (SELECT {qid}, "  # noqa: S608
        f"{qn('id')}, {qn('text')} FROM {text} WHERE {cid} = %s AND {qid} = %s AND {qn('status')} = %s "
        f"AND {qn('text')} <> '' ORDER BY {qn('id')} LIMIT {TEXTS_SHOWN}) AS q{n}"
        for n in range(text_parts)
    ]
    return " UNION ALL ".join(parts)


def _read_counters(consultation, *, totals: bool, text_question_ids) -> _Counters:
    """The counters of a results page, the issued codes, the names of the region's municipalities and the first
    moderated open answers: one statement of indexed reads (a UNION ALL written out, because composing it with the
    ORM cost more than running it), the same for 10 or 400,000 answers."""
    params: list = [consultation.pk] if totals else []
    params += [Channel.CODE, Channel.PAPER, consultation.pk, consultation.pk, consultation.pk, consultation.region_id]
    params += [consultation.pk, consultation.pk]
    for question_id in text_question_ids:
        params += [consultation.pk, question_id, TextStatus.SHOWN]
    with connection.cursor() as cursor:
        cursor.execute(_counters_sql(totals, len(text_question_ids)), params)
        rows = cursor.fetchall()
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    respondents_by: dict[int, int] = defaultdict(int)
    channel_sizes: dict[str, int] = dict.fromkeys(Channel.values, 0)
    used_by: dict[int, int] = defaultdict(int)
    issued_by: dict[int, int] = {}
    names: dict[int, tuple[str, str]] = {}
    found_texts: list[tuple[int, str, str]] = []
    options: list[Option] = []
    asked: set[int] = set()
    for kind, key, choice, n, text, more in rows:
        if kind == _TOTALS:
            counts[key][choice] += n
        elif kind == _RESPONDENTS:
            respondents_by[key] += int(n)
            if choice:
                used_by[key] += int(choice)
        elif kind == _CHANNELS:
            channel_sizes[text] = channel_sizes.get(text, 0) + int(n)
        elif kind == _ISSUED:
            issued_by[key] = int(n)
        elif kind == _NAMES:
            names[key] = (text, more)
        elif kind == _TEXTS:
            found_texts.append((key, more, text))
        elif kind == _ASKED:
            asked.add(key)
        else:
            options.append(Option(id=choice, question_id=key, position=n, label=text))
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, _id, text in sorted(found_texts):  # a union keeps no order: by question, then by id
        texts[question_id].append(text)
    return _Counters(counts, respondents_by, channel_sizes, used_by, issued_by, names, texts, options, frozenset(asked))


def _attach_options(questions: dict, options: list) -> None:
    """Each question's options in their order, where ``question.options.all()`` finds them without a query (as
    ``prefetch_related`` leaves them)."""
    mine: dict[int, list] = defaultdict(list)
    for item in sorted(options, key=lambda o: (o.position, o.pk)):
        mine[item.question_id].append(item)
    for question in questions.values():
        found = question.options.all()
        found._result_cache = mine.get(question.pk, [])
        found._prefetch_done = True
        question._prefetched_objects_cache = {"options": found}


def results(consultation: Consultation, *, texts: bool = True, breakdown: bool = True) -> Results:
    """Everything the results pages and exports show. 2–3 queries whatever the number of answers: the questions (1)
    and one statement (``_read_counters``) for their options, the counters, the issued codes, the municipality names
    and, with ``texts``, the first moderated open answers (at most ``TEXTS_SHOWN`` per question; how many there are
    comes from the counters); with ``breakdown`` one more for the counters per municipality. ``questionnaire`` of the
    result has the questions (with their options) but no sections.

    ``breakdown``: every question also per municipality (``QuestionResult.groups``: the exports and the API). The
    pages pass False: per question only the totals, and at most one group added with ``add_group`` (1 query), so a
    consultation of 350 municipalities stays a light page."""
    questions = {q.pk: q for q in Question.objects.filter(consultation=consultation)}  # in the questionnaire's order
    text_ids = [pk for pk, q in questions.items() if q.kind in TEXT_KINDS] if texts else []
    counters = _read_counters(consultation, totals=not breakdown, text_question_ids=text_ids)
    _attach_options(questions, counters.options)
    found = Questionnaire(sections=[], questions=questions)  # the results read the questions only
    counts: dict[int, dict[int, int]] = counters.counts
    per_group: dict[int, dict[int, dict[int, int]]] | None = None
    if breakdown:
        per_group = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
        rows = (
            Tally.objects.filter(consultation=consultation)
            .exclude(question_id=0)
            .values_list("question_id", "choice", "municipality_id")
            .annotate(n=Sum("count"))
            .order_by()
        )
        for question_id, choice, municipality_id, n in rows:
            counts[question_id][choice] += n
            per_group[question_id][municipality_id][choice] += n
    respondents_by = counters.respondents_by
    channel_sizes = counters.channel_sizes
    used_by = counters.used_by
    issued_by = counters.issued_by
    asked = set(counters.asked)
    ids = asked | {m for m in respondents_by if m} | set(issued_by)
    names = _municipality_names(counters.names, ids)
    groups = sorted((m for m in ids if m in names), key=lambda m: names[m][0])
    labels: dict[object, str] = {m: names[m][0] for m in groups}
    if respondents_by.get(UNKNOWN):
        groups.append(UNKNOWN)
        labels[UNKNOWN] = _("Gemeente niet opgegeven")
    sizes = {m: respondents_by.get(m, 0) for m in groups}
    suppression = rules.suppress(sizes)
    respondents = sum(sizes.values())
    hidden_total = suppression.total_hidden

    question_results = [
        _question_result(
            q,
            counts.get(q.pk, {}),
            None if per_group is None else per_group.get(q.pk, {}),
            groups,
            suppression,
            labels,
            hidden_total,
        )
        for q in found.questions.values()
    ]
    if texts:
        _add_texts(question_results, counts, counters.texts)

    used_suppression = rules.suppress({m: used_by.get(m, 0) for m in groups if m != UNKNOWN})
    words = {SMALL: _("minder dan 5"), PROTECTING: _("niet getoond")}
    decimal_sign = get_format("DECIMAL_SEPARATOR")
    municipality_rows = []
    kind_of, kind_else = _hidden_kinds(suppression)
    used_kind_of, used_kind_else = _hidden_kinds(used_suppression)
    for m in groups:
        label = labels[m]
        size = sizes[m]
        hidden = kind_of.get(m, kind_else)
        used_hidden = used_kind_of.get(m, used_kind_else)
        issued = issued_by.get(m, 0)
        used = used_by.get(m, 0)
        rate = None if used_hidden or m == UNKNOWN else rules.rate(used, issued)
        municipality_rows.append(
            MunicipalityRow(
                key=m,
                label=label,
                # No percentages here: per municipality the pages, exports and API show counts and the rate.
                respondents=Count(label, None, hidden=hidden, key=m) if hidden else Count(label, size, key=m),
                issued=issued,
                used=Count(label, None, hidden=used_hidden, key=m) if used_hidden else Count(label, used, key=m),
                rate=rate,
                texts=(
                    words[hidden] if hidden else str(size),
                    str(issued),
                    words[used_hidden] if used_hidden else str(used),
                    rules.percent_text(rate, decimal_sign=decimal_sign),
                ),
            )
        )
    others = None
    if suppression.others is not None:
        others = _count(_("Overige gemeenten"), suppression.others, respondents, key=OTHERS)

    channel_suppression = rules.suppress(channel_sizes)
    channels = [
        _count(
            str(Channel(c).label),
            channel_sizes[c],
            respondents,
            _hidden_kind(channel_suppression, c),
            c,
        )
        for c in Channel.values
    ]
    issued_total = sum(issued_by.values())
    used_total = sum(used_by.values())
    used_total_hidden = SMALL if rules.is_small(used_total) else ""
    return Results(
        consultation=consultation,
        respondents=respondents,
        total_hidden=hidden_total,
        questionnaire=found,
        questions=question_results,
        municipalities=municipality_rows,
        others=others,
        channels=channels,
        issued=issued_total,
        used=_count(_("Gebruikte codes"), used_total, issued_total, used_total_hidden),
        rate=None if used_total_hidden else rules.rate(used_total, issued_total),
        municipality_labels={m: labels[m] for m in groups if suppression.shown(m)},
        hidden_municipalities=frozenset(m for m in groups if suppression.hidden(m)),
        any_hidden=suppression.any_hidden or channel_suppression.any_hidden or used_suppression.any_hidden,
        **_group_choices(groups, names, labels, sizes, suppression),
    )


def _group_choices(groups, names, labels, sizes, suppression) -> dict:
    """What may be picked for a breakdown per question: every shown group with respondents, then "overige
    gemeenten" when the rule shows it; and every value ``?gemeente=`` accepts (slug or id; hidden groups too, so the
    page can say kindly why they are not shown)."""
    values: dict[str, object] = {}
    for m in groups:
        if m == UNKNOWN:
            values[UNKNOWN_VALUE] = UNKNOWN
        else:
            values[names[m][1]] = m
            values[str(m)] = m
    choices = [
        (UNKNOWN_VALUE if m == UNKNOWN else names[m][1], labels[m]) for m in groups if sizes[m] and suppression.shown(m)
    ]
    if suppression.others is not None:
        values[OTHERS] = OTHERS
        choices.append((OTHERS, _("Overige gemeenten")))
    hidden_kinds = {m: _hidden_kind(suppression, m) for m in groups if suppression.hidden(m)}
    return {"choices": choices, "values": values, "hidden_kinds": hidden_kinds, "sizes": sizes}


# Why a ``?gemeente=`` value cannot be shown (the view words it)
NOT_FOUND = "not_found"  # no group of this consultation
NO_ANSWERS = "no_answers"  # nobody of this group answered


def pick_group(found: Results, value: str) -> tuple[object, str]:
    """The group ``?gemeente=value`` asks for, and "" — or None and why not: ``NOT_FOUND``, ``NO_ANSWERS``,
    ``SMALL`` (fewer than 5) or ``PROTECTING`` (hidden to protect a small group). No queries."""
    key = found.values.get((value or "").strip().lower())
    if key is None:
        return None, NOT_FOUND
    if key == OTHERS:
        return OTHERS, ""
    if key in found.hidden_kinds:
        return key, found.hidden_kinds[key]
    if not found.sizes.get(key):
        return key, NO_ANSWERS
    return key, ""


def add_group(consultation: Consultation, found: Results, key) -> None:
    """Break every question down for one group (a shown municipality, "not given" or "overige gemeenten"): sets
    ``chosen`` of ``found`` and of each question. The group must be pickable (``pick_group`` gave no reason). 1
    query."""
    if key == OTHERS:
        ids, label = found.hidden_municipalities, _("Overige gemeenten")
    else:
        ids, label = {key}, found.municipality_labels[key]
    counts = _answer_counts(consultation, ids)
    found.chosen = (key, label)
    for result in found.questions:
        if result.is_text or result.answered is None:
            continue
        mine = counts.get(result.question.pk, {})
        result.chosen = _group_row(result.question, key, label, mine, _choice_keys(result.question))


def _add_texts(question_results, counts, texts: dict[int, list[str]]) -> None:
    """A few moderated open answers per text question (``texts``: the first ``TEXTS_SHOWN`` in the order of their
    random id, read by ``_read_counters``), and how many are shown and still to check, from the counters in
    ``counts``. No queries."""
    for result in question_results:
        if not result.is_text:
            continue
        mine = counts.get(result.question.pk, {})
        result.texts_shown = mine.get(TALLY_TEXT_SHOWN, 0)
        checked = result.texts_shown + mine.get(TALLY_TEXT_REMOVED, 0)
        result.texts_pending = max(mine.get(0, 0) - checked, 0)
        result.texts = texts.get(result.question.pk, [])


# ---------------------------------------------------------------- moderation, public lists, findings


def texts_to_check(consultation, *, limit: int = 50) -> tuple[list[TextAnswer], int]:
    """The open answers still to check (oldest question first, random order within: the id is random), at most
    ``limit``, and how many there are in all. 2 queries."""
    pending = TextAnswer.objects.filter(consultation=consultation, status=TextStatus.PENDING)
    rows = list(pending.select_related("question").order_by("question__position", "question_id", "id")[:limit])
    return rows, pending.count()


def text_to_check(consultation, pk) -> TextAnswer | None:
    return (
        TextAnswer.objects.filter(consultation=consultation, pk=pk, status=TextStatus.PENDING)
        .select_related("question")
        .first()
    )


def public_consultations(region) -> tuple[list[Consultation], list[Consultation]]:
    """The region's consultations the public sees: open ones and past ones (closed or published), never concepts.
    1 query."""
    rows = list(
        Consultation.objects.filter(region=region)
        .exclude(status=ConsultationStatus.DRAFT)
        .select_related("body")
        .order_by("-closes_at", "-pk")
    )
    return [c for c in rows if c.status == ConsultationStatus.OPEN], [
        c for c in rows if c.status != ConsultationStatus.OPEN
    ]


def findings(consultation) -> list[Finding]:
    """What was passed on from this consultation, with the topic (and its group) or the advice request. 1 query."""
    return list(
        Finding.objects.filter(consultation=consultation).select_related(
            "topic", "topic__body", "advice_request", "advice_request__proposal", "created_by"
        )
    )


@dataclass(frozen=True)
class ShownBody:
    name: str
    slug: str


@dataclass(frozen=True)
class ShownTopic:
    pk: int
    title: str
    body: ShownBody


@dataclass(frozen=True)
class ShownProposal:
    title: str


@dataclass(frozen=True)
class ShownRequest:
    proposal: ShownProposal


@dataclass(frozen=True)
class ShownFinding:
    """A finding as the results pages and the PDF report show it (consultations/results/_findings.html)."""

    text: str
    topic: ShownTopic | None
    advice_request: ShownRequest | None


def findings_shown(consultation) -> list[ShownFinding]:
    """What was passed on from this consultation, as the pages show it: the text, the topic (title, group) or the
    advice request (its proposal's title). 1 query of the few columns shown (``findings`` loads five models)."""
    rows = Finding.objects.filter(consultation=consultation).values_list(
        "text",
        "topic_id",
        "topic__title",
        "topic__body__name",
        "topic__body__slug",
        "advice_request_id",
        "advice_request__proposal__title",
    )
    return [
        ShownFinding(
            text=text,
            topic=None if topic_id is None else ShownTopic(topic_id, title, ShownBody(body_name, body_slug)),
            advice_request=None if request_id is None else ShownRequest(ShownProposal(proposal_title)),
        )
        for text, topic_id, title, body_name, body_slug, request_id, proposal_title in rows
    ]


def finding_of_topic(topic) -> Finding | None:
    """The finding a topic came from ("Komt uit raadpleging …"), with its consultation and region. 1 query."""
    return Finding.objects.filter(topic=topic).select_related("consultation", "consultation__region").first()


def answer_rows(consultation):
    """Every stored answer (no id, no date) with its moderated open texts, in random order (the id is random):
    streamed in chunks for the answer-level export. 2 queries per 2,000 answers."""
    return (
        Response.objects.filter(consultation=consultation)
        .only("municipality_id", "answers")
        .order_by("id")
        .prefetch_related(
            Prefetch(
                "texts",
                queryset=TextAnswer.objects.filter(status=TextStatus.SHOWN).only("response_id", "question_id", "text"),
            )
        )
        .iterator(chunk_size=2000)
    )


def finding_targets(region) -> tuple[list, list]:
    """The groups of ``region`` (for a finding as a topic) and its open advice requests (for a finding attached to
    one), with proposal and group. 2 queries."""
    bodies = list(Body.objects.filter(region=region).order_by("name"))
    requests = list(
        AdviceRequest.objects.filter(body__region=region, status=RequestStatus.OPEN)
        .select_related("proposal", "body")
        .order_by("deadline", "pk")
    )
    return bodies, requests


def published_consultations(region) -> list[Consultation]:
    """The region's consultations with published results, newest first, each with ``respondents`` (from the
    counters). 2 queries."""
    rows = list(
        Consultation.objects.filter(region=region, status=ConsultationStatus.PUBLISHED)
        .select_related("body")
        .order_by("-published_on", "-pk")
    )
    totals = dict(
        Tally.objects.filter(consultation__in=rows, question_id=0, choice=0)
        .values_list("consultation_id")
        .annotate(n=Sum("count"))
        .values_list("consultation_id", "n")
        .order_by()
    )
    for row in rows:
        row.region = region
        row.respondents = totals.get(row.pk, 0)
    return rows


def published_consultation(region, pk) -> Consultation:
    """A consultation of ``region`` with published results (404 otherwise), with ``municipality_ids``. 2 queries."""
    found = consultation_in(region, pk)
    if found.status != ConsultationStatus.PUBLISHED:
        raise Http404
    return found


def findings_of_request(advice_request) -> list[Finding]:
    """The findings attached to an advice request, with their consultation and region, oldest first. 1 query."""
    return list(
        Finding.objects.filter(advice_request=advice_request)
        .select_related("consultation", "consultation__region")
        .order_by("created_at", "pk")
    )
