"""The rows of the member list (members/member_list.html).

    {% load member_tags %}
    {% member_rows memberships %}

A body of 100 members has 100 rows of 6 cells; as a ``{% for %}`` in the template each row cost a dozen lookups and
renders (issue 15). Here each row is one string, the column names translated once per list. Every value is escaped;
the rows come from ``selectors.member_list`` (MemberRow: each cell a ready string)."""

from __future__ import annotations

from html import escape  # the standard library's: Django's lazy-aware wrapper costs 3 times as much per value

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def member_rows(memberships) -> SafeString:
    """A ``<tr>`` per membership, the markup the list's ``{% for %}`` loop wrote before (with its white space)."""
    role, category, municipality, term, status, expired, invitation_expired = (
        escape(label)
        for label in (
            _("Rol"),
            _("Categorie"),
            _("Woongemeente"),
            _("Termijn tot"),
            _("Status"),
            _("verlopen"),
            _("Uitnodiging verlopen"),
        )
    )
    expired = f" <strong>({expired})</strong>"
    invitation_expired = f"<strong>{invitation_expired}</strong>"
    cell = '\n      <td class="utrecht-table__cell" data-label='
    return mark_safe(  # noqa: S308 - every value below is escaped
        "".join(
            '\n    <tr class="utrecht-table__row">\n      <th scope="row" class="utrecht-table__cell">'
            f'<a class="utrecht-link" href="{escape(m.url)}">{escape(m.display_name)}</a></th>'
            f'{cell}"{role}">{escape(m.role_label)}</td>'
            f'{cell}"{category}">{escape(m.category_label)}</td>'
            f'{cell}"{municipality}">{escape(m.municipality_name) if m.municipality_name else "–"}</td>'
            f'{cell}"{term}">{escape(m.term_end_text)}{expired if m.term_expired else ""}</td>'
            f'{cell}"{status}">{invitation_expired if m.expired_invitation else escape(m.status_label)}</td>'
            "\n    </tr>\n  "
            for m in memberships
        )
    )
