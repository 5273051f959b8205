"""Template tags that show consultation results on another app's page (ADR 15: the tag's app is higher than the
page's)."""

from __future__ import annotations

from django import template

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
