"""The main navigation, by role. Built from the cached RoleSet: no queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from inspraak.accounts.roles import roles_of


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool = False


def nav_items_for(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    roles = roles_of(user)
    items = [(_("Mijn overzicht"), reverse("core:dashboard"))]
    if roles.admin_region_ids or user.is_superuser:
        items.append((_("Beheer"), reverse("regions:manage_home")))
    items.append((_("Mijn account"), reverse("accounts:account")))
    path = request.path
    return [NavItem(label, url, current=path.startswith(url)) for label, url in items]
