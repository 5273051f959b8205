"""Template tags that show signals on another app's page (ADR 15: the tag's app is higher than the page's)."""

from __future__ import annotations

from django import template

from inspraak.signals import selectors

register = template.Library()


@register.inclusion_tag("signals/includes/origin.html", takes_context=True)
def signal_origin(context, topic):
    """ "Komt uit signalen": on a topic's page, the signal the topic came from with a link to the group's signals
    page. 1 query. For the topic page (topics/topic_detail.html) to load: ``{% load signals_tags %}{% signal_origin
    topic %}``; topics itself never imports signals."""
    return {"link": selectors.signal_of_topic(topic), "request": context.get("request")}
