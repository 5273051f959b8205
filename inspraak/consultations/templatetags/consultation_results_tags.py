"""Template tags that show consultation results on another app's page (ADR 15: the tag's app is higher than the
page's)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.consultations.models import QuestionKind
from inspraak.consultations.rules.results import escape, escape_all
from inspraak.consultations.selectors import results as selectors

register = template.Library()


@register.inclusion_tag("consultations/results/origin.html")
def consultation_origin(topic):
    """ "Komt uit raadpleging …": on a topic's page, the consultation the topic came from, with a link to its public
    page once the results are published. 1 query. For the topic page (topics/topic_detail.html) to load:
    ``{% load consultation_results_tags %}{% consultation_origin topic %}``; topics itself never imports
    consultations."""
    return {"finding": selectors.finding_of_topic(topic)}


@register.inclusion_tag("consultations/results/request_findings.html")
def consultation_findings(advice_request):
    """ "Uit raadplegingen": on an advice request's page, the findings of consultations attached to it, each with a
    link to the consultation's public page once its results are published. 1 query. For the request page
    (advice/request_detail.html) to load; advice itself never imports consultations."""
    return {"findings": selectors.findings_of_request(advice_request)}


# The long lists of a results page are written here in one go, from texts the selector made once per row
# (MunicipalityRow.texts): a template loop over 350 municipalities with a lookup and a filter per cell costs more than
# the whole rest of the page. The markup is the same as the template's would be.


@register.simple_tag
def municipality_rows(rows) -> str:
    """The body rows of the "per gemeente" table (consultations/results/_results.html)."""
    labels = [escape(_(word)) for word in ("Antwoorden", "Codes uitgedeeld", "Codes gebruikt", "Respons")]
    cells = "".join(f'<td data-label="{label}">{{}}</td>' for label in labels)
    row = '<tr><th scope="row">{}</th>' + cells + "</tr>"
    values = escape_all(value for r in rows for value in (r.label, *r.texts))
    return mark_safe(  # noqa: S308 (every value is escaped)
        "\n  ".join(row.format(*values[k : k + 5]) for k in range(0, len(values), 5))
    )


@register.simple_tag
def group_options(choices, chosen) -> str:
    """The ``<option>``s of "Bekijk de antwoorden per gemeente", the chosen one selected."""
    values = escape_all(text for choice in choices for text in choice)
    return mark_safe(  # noqa: S308 (every value is escaped)
        "".join(
            f'<option value="{values[k]}"{" selected" if value == chosen else ""}>{values[k + 1]}</option>'
            for k, (value, _label) in zip(range(0, len(values), 2), choices, strict=True)
        )
    )


def _decimal(value) -> str:
    """A mean as ``floatformat:"1"`` writes it ("3,2")."""
    return f"{value:.1f}".replace(".", get_format("DECIMAL_SEPARATOR"))


def _answers(n: int) -> str:
    return ngettext("%(n)s antwoord", "%(n)s antwoorden", n) % {"n": n}


def _rows(counts, row: str) -> str:
    return "".join(row.format(escape(c.label), escape(c.text), escape(c.percent_text)) for c in counts)


def _chart(chart, key, title: str) -> str:
    """One question's bars (views/results_chart.py) in an SVG figure; the table next to it has the same numbers."""
    return (
        f'\n<figure class="inspraak-chart__panel">\n  <svg class="inspraak-chart__svg" viewBox="0 0 {chart.width} '
        f'{chart.height}" role="img" aria-labelledby="chart-{key}-title" aria-describedby="chart-{key}-desc" '
        f'focusable="false">\n    <title id="chart-{key}-title">{escape(title)}</title>\n    '
        f'<desc id="chart-{key}-desc">{escape(chart.description)}</desc>\n    {chart.bars_svg}\n  </svg>\n</figure>\n'
    )


def _text_answers(result, public: bool) -> str:
    if result.texts:
        items = "".join(f"<li>{linebreaksbr(text, autoescape=True)}</li>" for text in result.texts)
        part = f'<ul class="utrecht-unordered-list">{items}</ul>\n  '
        if result.texts_shown > len(result.texts):
            told = _("Hier staan %(shown)s van de %(total)s nagekeken antwoorden.") % {
                "shown": len(result.texts),
                "total": result.texts_shown,
            }
            part += f'<p class="utrecht-paragraph inspraak-muted">{told}</p>'
        part += "\n  "
    else:
        part = (
            f'<p class="utrecht-paragraph">{escape(_("Er zijn nog geen nagekeken antwoorden om te laten zien."))}</p>'
        )
    pending = ""
    if not public and result.texts_pending:
        n = result.texts_pending
        told = ngettext(
            "%(n)s antwoord moet nog worden nagekeken.", "%(n)s antwoorden moeten nog worden nagekeken.", n
        ) % {"n": n}
        pending = f'<p class="utrecht-paragraph">{told}</p>'
    return f"\n  {part}\n  {pending}\n"


def _numbers(result, head: str, row: str) -> str:
    q = result.question
    pk = q.pk
    chart = _chart(result.chart, pk, q.text) if getattr(result, "chart", None) else ""
    rows = _rows(result.rows, row)
    dont_know = _rows([result.dont_know], row) if result.dont_know else ""
    several = (
        f'<p class="utrecht-paragraph inspraak-muted">'
        f"{escape(_('Mensen konden meer dan één antwoord kiezen. Samen is het daarom meer dan 100%.'))}</p>"
        if q.kind == QuestionKind.MULTIPLE
        else ""
    )
    title = _("Antwoorden op: %(text)s") % {"text": escape(q.text)}
    html = (
        f'\n<div class="inspraak-chart">{chart}\n<div>\n<p class="utrecht-paragraph inspraak-table-title" '
        f'id="tabel-{pk}">{title}</p>\n<div class="inspraak-table-wrap" role="region" aria-labelledby="tabel-{pk}" '
        f'tabindex="0">\n<table class="utrecht-table inspraak-table--numbers" aria-labelledby="tabel-{pk}">\n  {head}\n'
        f'  <tbody class="utrecht-table__body">\n  {rows}\n  {dont_know}\n  </tbody>\n</table>\n</div>\n{several}\n'
        f"</div>\n</div>\n"
    )
    g = result.chosen
    if g:
        about = _("Antwoorden uit %(name)s") % {"name": escape(g.label)}
        if g.answered is not None:
            about += " · " + _answers(g.answered)
        if g.mean is not None:
            about += " · " + _("gemiddeld %(mean)s") % {"mean": _decimal(g.mean)}
        html += (
            f'\n<p class="utrecht-paragraph inspraak-table-title" id="tabel-{pk}-gemeente">{about}</p>\n'
            f'<div class="inspraak-table-wrap" role="region" aria-labelledby="tabel-{pk}-gemeente" tabindex="0">\n'
            f'<table class="utrecht-table inspraak-table--numbers" aria-labelledby="tabel-{pk}-gemeente">\n  {head}\n'
            f'  <tbody class="utrecht-table__body">\n  {_rows(g.cells, row)}\n  </tbody>\n</table>\n</div>\n'
        )
    return html + "\n"


@register.simple_tag
def question_sections(found, public) -> str:
    """A ``<section>`` per question: the kind, how many answered and the mean; then the first checked open answers,
    or "minder dan 5", or the chart with its table (and the table of the group picked on the page). Written in one go
    with the column headers and words translated once: ten questions through the template engine cost more than the
    rest of the page. The markup is the same as the template's was."""
    cells = [escape(_(word)) for word in ("Antwoord", "Aantal", "Procent")]
    head = (
        '<thead class="utrecht-table__header"><tr class="utrecht-table__row">'
        + "".join(f'<th scope="col" class="utrecht-table__header-cell">{cell}</th>' for cell in cells)
        + "</tr></thead>"
    )
    row = (
        '<tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">{}</th>'
        '<td class="utrecht-table__cell">{}</td><td class="utrecht-table__cell">{}</td></tr>'
    )
    small = f'\n  <p class="utrecht-paragraph">{escape(_("minder dan 5"))}</p>\n'
    parts = []
    for number, result in enumerate(found.questions, start=1):
        q = result.question
        meta = escape(q.get_kind_display())
        if result.answered is not None:
            meta += " · " + _answers(result.answered)
        if result.mean is not None:
            meta += " · " + _("gemiddeld %(mean)s") % {"mean": _decimal(result.mean)}
        if result.is_text:
            body = _text_answers(result, bool(public))
        elif result.answered is None:
            body = small
        else:
            body = _numbers(result, head, row)
        parts.append(
            f'\n<section aria-labelledby="vraag-{q.pk}">\n<h2 class="utrecht-heading-2" id="vraag-{q.pk}">{number}. '
            f'{escape(q.text)}</h2>\n<p class="utrecht-paragraph inspraak-muted">{meta}</p>\n{body}\n</section>\n'
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value is escaped)
