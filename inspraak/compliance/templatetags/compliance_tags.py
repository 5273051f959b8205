"""Template tags that put the art. 47 picture on other apps' pages.

    {% load compliance_tags %}
    {% client_heard body %}      on dashboards/body_detail.html (the public body page): this year's numbers
    {% matrix_url region [municipality] %}   the address of the matrix or of a municipality's evidence

Public data only (counts, never a person); ``client_heard`` runs 4 queries, ``matrix_url`` none.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import timezone

from inspraak.compliance import selectors

register = template.Library()


@register.inclusion_tag("compliance/includes/heard.html")
def client_heard(body, year: int | None = None, level: int = 2):
    """ "Is the client heard?" for ``body`` in ``year`` (default: this year). 4 queries."""
    year = year or timezone.localdate().year
    return {"heard": selectors.body_heard(body, year=year), "level": level}


@register.simple_tag
def matrix_url(region, municipality=None) -> str:
    """The region's matrix, or one municipality's evidence page."""
    if municipality is None:
        return reverse("compliance:matrix", kwargs={"region": region.slug})
    return reverse(
        "compliance:municipality_evidence", kwargs={"region": region.slug, "municipality": municipality.slug}
    )
