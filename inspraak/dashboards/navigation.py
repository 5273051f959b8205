"""The main navigation, by role. Built from the cached RoleSet: no queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from inspraak.regions.permissions import can_open_management


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    # Value for aria-current: "page" on the item's own page, "true" inside its section, "" elsewhere.
    current: str = ""


def _current(path: str, url: str) -> str:
    if path == url:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


def nav_items_for(request) -> list[NavItem]:
    """Mijn overzicht for everyone logged in, Beheer for beheerders, Mijn account for everyone logged in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = [(_("Mijn overzicht"), reverse("dashboards:dashboard"))]
    if can_open_management(user):
        items.append((_("Beheer"), reverse("dashboards:manage_home")))
    items.append((_("Mijn account"), reverse("accounts:account")))
    return [NavItem(label, url, _current(request.path, url)) for label, url in items]
