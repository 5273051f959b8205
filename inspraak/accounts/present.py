"""The rows of the people list, written once per row as escaped HTML instead of template tags per row (the texts
looked up once per page; the markup the template wrote before, byte for byte: tests/accounts/test_people_rows.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from inspraak.regions.present import cell, escape, row


def people_rows(people: Iterable) -> SafeString:
    """The ``<tr>`` of each person on the people list (``selectors.PersonRow``)."""
    name_label, roles_label, login_label = escape(_("Naam")), escape(_("Rollen")), escape(_("Inloggen met"))
    inactive = f' <span class="utrecht-badge-status">{escape(_("niet actief"))}</span>'
    by_email, by_code = escape(_("e-mail")), escape(_("code op papier"))
    return mark_safe(  # noqa: S308 (every value escaped here)
        "".join(
            row(
                (
                    cell(
                        name_label,
                        f'<a class="utrecht-link" href="{escape(p.url)}">{escape(p.name)}</a>'
                        f"{'' if p.is_active else inactive}",
                    ),
                    f'      <td class="utrecht-table__cell inspraak-cell--full" data-label="{roles_label}">'
                    f"{escape(p.roles_text)}</td>",
                    cell(login_label, by_email if p.email else by_code),
                )
            )
            for p in people
        )
    )
