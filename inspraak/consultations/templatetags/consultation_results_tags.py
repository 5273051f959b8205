"""Template tags that show consultation results on another app's page (ADR 15: the tag's app is higher than the
page's)."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from inspraak.consultations.rules.results import escape
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
    return mark_safe(  # noqa: S308 (every value is escaped)
        "\n  ".join(row.format(escape(r.label), *map(escape, r.texts)) for r in rows)
    )


@register.simple_tag
def group_options(choices, chosen) -> str:
    """The ``<option>``s of "Bekijk de antwoorden per gemeente", the chosen one selected."""
    return mark_safe(  # noqa: S308 (every value is escaped)
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>{escape(label)}</option>'
            for value, label in choices
        )
    )
