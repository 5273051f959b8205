"""Breadcrumbs of the people pages (core.breadcrumbs.manage_trail plus Personen), shared with privacy and twofactor."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from inspraak.core.breadcrumbs import Step, manage_trail


def people_trail(region, *steps: Step) -> list[dict]:
    """Beheer › region › Personen › ``steps``."""
    return manage_trail(region, (_("Personen"), reverse("accounts:people", args=[region.slug])), *steps)


def person_trail(region, person, *steps: Step) -> list[dict]:
    """Beheer › region › Personen › the person › ``steps``."""
    return people_trail(region, (person.name, reverse("accounts:person", args=[region.slug, person.pk])), *steps)
