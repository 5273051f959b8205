"""The body rows of the seat-allocation table (members/_composition.html).

    {% load allocation_tags %}
    {% allocation_rows composition.table.rows %}

A body that serves 350 municipalities has 350 rows of 8 cells. The same rows as a ``{% for %}`` in the template
cost about 25 times as much (a context lookup and a render per value, 16 per row), so they are made here with one
string per row (issue 15). Every value is escaped; the strings come from ``rules.allocation_table``.
"""

from __future__ import annotations

from html import escape  # the standard library's: Django's lazy-aware wrapper costs 3 times as much per value

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


class _Escaped(dict):
    """value -> escape(value), each distinct value escaped once: most cells of a long table repeat (the minimum, the
    remainder seat, small counts, the words for a gap), and a dict lookup costs a tenth of escape()."""

    def __missing__(self, value: str) -> str:
        self[value] = escaped = escape(value)
        return escaped


@register.simple_tag
def allocation_rows(rows) -> SafeString:
    """``<tr>`` per AllocationRow: the municipality as row header, each other cell with its column name in
    ``data-label`` (the stacked phone layout, frontend/tables.css)."""
    e = _Escaped()
    size, minimum, quota, extra, seats, actual, gap = (
        e[label]
        for label in (
            _("Doelgroep"),
            _("Minimum"),
            _("Quotum"),
            _("Restzetel"),
            _("Zetels"),
            _("Cliënten nu"),
            _("Tekort of overschot"),
        )
    )
    return mark_safe(  # noqa: S308 - every value below is escaped
        "".join(
            f'<tr><th scope="row">{escape(r.name)}</th><td data-label="{size}">{e[r.size]}</td>'
            f'<td data-label="{minimum}">{e[r.minimum]}</td><td data-label="{quota}">{e[r.quota]}</td>'
            f'<td data-label="{extra}">{e[r.extra]}</td>'
            f'<td data-label="{seats}"><strong>{e[r.seats]}</strong></td>'
            f'<td data-label="{actual}">{e[r.actual]}</td>'
            f'<td class="inspraak-cell--full" data-label="{gap}">{e[r.gap]}</td></tr>\n'
            for r in rows
        )
    )


@register.filter
def grouped(value) -> str:
    """A whole number with the thousands marked as the language writes them (6.931.999; in English 6,931,999)."""
    return number_format(value, use_l10n=True, force_grouping=True)
