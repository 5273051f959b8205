"""Template tags that put the art. 47 picture on other apps' pages.

    {% load compliance_tags %}
    {% matrix_url region [municipality] %}   the address of the matrix or of a municipality's evidence (no query)

"Is the client heard?" on another page: ``compliance.present.heard`` (kept in the region's cache), shown with
compliance/includes/heard.html.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def matrix_url(region, municipality=None) -> str:
    """The region's matrix, or one municipality's evidence page."""
    if municipality is None:
        return reverse("compliance:matrix", kwargs={"region": region.slug})
    return reverse(
        "compliance:municipality_evidence", kwargs={"region": region.slug, "municipality": municipality.slug}
    )
