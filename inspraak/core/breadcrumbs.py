"""Breadcrumbs: the trail of links above a page's heading (templates/includes/breadcrumbs.html).

A trail is a list of ``{"label": ..., "url": ...}``; the last step is the page itself and gets no link.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

Step = tuple[str, str]


def trail(*steps: Step) -> list[dict]:
    """The given (label, url) steps; the last one is the current page, so its link is dropped."""
    crumbs = [{"label": label, "url": url} for label, url in steps]
    if crumbs:
        crumbs[-1]["url"] = ""
    return crumbs


def dashboard_trail(*steps: Step) -> list[dict]:
    """``Mijn overzicht`` followed by ``steps``."""
    return trail((_("Mijn overzicht"), reverse("dashboards:dashboard")), *steps)


def body_trail(body, *steps: Step) -> list[dict]:
    """``Mijn overzicht`` › the body's dashboard › ``steps``. ``body.region`` should be loaded (select_related)."""
    return dashboard_trail(
        (body.name, reverse("dashboards:body_dashboard", args=[body.region.slug, body.slug])),
        *steps,
    )


def manage_trail(region=None, *steps: Step) -> list[dict]:
    """``Beheer`` › the region's beheer page (when given) › ``steps``."""
    head: list[Step] = [(_("Beheer"), reverse("dashboards:manage_home"))]
    if region is not None:
        head.append((region.name, reverse("regions:manage_region", args=[region.slug])))
    return trail(*head, *steps)
