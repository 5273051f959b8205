"""The results as rows for the CSV and XLSX exports, and the anonymous answer-level rows. No queries of its own:
it reads Results (selectors/results.py) or streamed answers. Hidden groups ("minder dan 5", and the groups hidden to
protect them) are left out; "overige gemeenten" stands in for them when the rule allows it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from inspraak.consultations.models import DONT_KNOW, QuestionKind
from inspraak.consultations.views import results_xlsx as xlsx
from inspraak.core.spreadsheet import safe_row

SCALE_DONT_KNOW = "weet ik niet"


def _number(value):
    return "" if value is None else value


def result_rows(found, *, groups: bool = True) -> Iterator[list]:
    """One header line, then per question: the whole group, each shown municipality and "overige gemeenten" (unless
    ``groups`` is False), one line per choice (count and percentage of those who answered the question). Percentages
    with a decimal point."""
    yield [_("vraag"), _("soort"), _("groep"), _("keuze"), _("aantal"), _("procent"), _("gemiddelde")]
    if found.total_hidden:
        return
    for result in found.questions:
        question = result.question
        kind = question.get_kind_display()
        if result.is_text:
            yield [question.text, kind, _("Iedereen"), _("beantwoord"), result.answered, "", ""]
            continue
        mean = _number(result.mean)
        yield [question.text, kind, _("Iedereen"), _("beantwoord"), result.answered, "", mean]
        rows = list(result.rows) + ([result.dont_know] if result.dont_know else [])
        for count in rows:
            yield [question.text, kind, _("Iedereen"), count.label, count.count, _number(count.percent), ""]
        for group in result.groups if groups else ():
            if group.hidden:
                continue
            yield [question.text, kind, group.label, _("beantwoord"), group.answered, "", _number(group.mean)]
            for cell in group.cells:
                yield [question.text, kind, group.label, cell.label, cell.count, _number(cell.percent), ""]


def municipality_rows(found) -> Iterator[list]:
    yield [_("gemeente"), _("antwoorden"), _("codes uitgegeven"), _("codes gebruikt"), _("respons (%)")]
    for row in found.municipalities:
        yield [
            row.label,
            "" if row.respondents.hidden else row.respondents.count,
            row.issued,
            "" if row.used.hidden else row.used.count,
            _number(row.rate),
        ]
    if found.others is not None:
        yield [found.others.label, found.others.count, "", "", ""]


def channel_rows(found) -> Iterator[list]:
    yield [_("manier"), _("antwoorden")]
    for count in found.channels:
        yield [count.label, "" if count.hidden else count.count]


def note(found) -> str:
    if found.total_hidden:
        return _("Minder dan 5 mensen deden mee: de aantallen staan er niet in.")
    if found.any_hidden:
        return _(
            "Groepen van minder dan 5 mensen staan er niet in, en soms ook een andere groep, zodat de kleine groep "
            "niet uit te rekenen is."
        )
    return ""


def wide_municipality_rows(found) -> Iterator[list]:
    """The "Per gemeente" sheet: one line per shown municipality (and "overige gemeenten"), with its respondents,
    codes and response rate, then per question the number who answered, per choice the count and, for a scale, the
    mean. One line per group instead of one per group, question and choice: about 350 lines instead of 20,000 for a
    national consultation, and easy to filter or chart in a spreadsheet. Hidden groups are left out."""
    questions = [r for r in found.questions if not r.is_text] if not found.total_hidden else []
    header = [_("gemeente"), _("antwoorden"), _("codes uitgegeven"), _("codes gebruikt"), _("respons (%)")]
    layout = []  # per question: (its groups by key, the labels of its cells in order, has a mean)
    for result in questions:
        text = result.question.text
        labels = [count.label for count in [*result.rows, *([result.dont_know] if result.dont_know else [])]]
        has_mean = result.question.kind == QuestionKind.SCALE
        header += [f"{text}: {_('beantwoord')}", *[f"{text}: {label}" for label in labels]]
        if has_mean:
            header.append(f"{text}: {_('gemiddelde')}")
        layout.append(({group.key: group for group in result.groups}, labels, has_mean))
    yield header
    lines = [
        (row.key, row.label, row.respondents, row.issued, row.used, row.rate)
        for row in found.municipalities
        if not row.respondents.hidden
    ]
    if found.others is not None:
        lines.append((found.others.key, found.others.label, found.others, "", None, None))
    for key, label, respondents, issued, used, rate in lines:
        line = [label, respondents.count, issued, "" if used is None or used.hidden else used.count, _number(rate)]
        for groups, labels, has_mean in layout:
            group = groups.get(key)
            if group is None or group.hidden:
                line += [""] * (1 + len(labels) + has_mean)
                continue
            cells = {cell.label: cell.count for cell in group.cells}
            line += [group.answered, *[cells.get(label, 0) for label in labels]]
            if has_mean:
                line.append(_number(group.mean))
        yield line


def xlsx_bytes(found, title: str) -> bytes:
    """An XLSX file with the results per question, per municipality (one line each), per way of answering, and a
    sheet "Over"."""
    note_rows = [[], [note(found)]] if note(found) else []
    sheets = [
        (_("Resultaten"), [*result_rows(found, groups=False), *note_rows]),
        (_("Per gemeente"), [*wide_municipality_rows(found), *note_rows]),
        (_("Per manier"), [*channel_rows(found), *note_rows]),
        (_("Over"), [[title], [_("Aantal mensen dat meedeed"), found.respondents_text]]),
    ]
    return xlsx.workbook([(name, [safe_row(row) for row in rows]) for name, rows in sheets])


def answer_header(questions) -> list[str]:
    return [_("gemeente"), *[q.text for q in questions]]


def answer_row(response, questions, options: dict, municipality_label) -> list:
    """One anonymous answer: the municipality (or "overige gemeenten"), then each question's answer as text. Open
    answers only when they were checked and shown."""
    texts = {t.question_id: t.text for t in response.texts.all()}
    row = [municipality_label(response.municipality_id)]
    for question in questions:
        value = response.answers.get(str(question.pk))
        if question.kind in (QuestionKind.SHORT, QuestionKind.LONG):
            row.append(texts.get(question.pk, ""))
        elif value is None or value == "" or value == []:
            row.append("")
        elif question.kind == QuestionKind.MULTIPLE:
            row.append(", ".join(options.get(int(v), "?") for v in value))
        elif question.kind == QuestionKind.SCALE:
            row.append(SCALE_DONT_KNOW if int(value) == DONT_KNOW else int(value))
        else:
            row.append(options.get(int(value), "?"))
    return safe_row(row)


def answer_lines(found, responses: Iterable, writer) -> Iterator[str]:
    questions = list(found.questionnaire.questions.values())
    options = {o.pk: o.label for q in questions for o in q.options.all()}
    labels = found.municipality_labels
    others = _("overige gemeenten")
    unknown = _("niet opgegeven")

    def municipality_label(municipality_id):
        if municipality_id in labels:
            return labels[municipality_id]
        if municipality_id is None and 0 in labels:
            return unknown
        return others

    yield writer.writerow(answer_header(questions))
    for response in responses:
        yield writer.writerow(answer_row(response, questions, options, municipality_label))
