"""The rows of the beheerder's long tables (the municipalities and bodies of a region, the audit log), written once per
row as escaped HTML instead of a handful of template tags per row: the translated texts looked up once per page, the
links made by the selectors (one reverse() per table). The markup is the one the templates wrote before, byte for
byte (tests/regions/test_present.py compares the two)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from html import escape as _escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from inspraak.regions.models import Body


def escape(value) -> str:
    """Django's escape (the same five characters), without its SafeString round trip."""
    return _escape(str(value), quote=True)


def short_date(value: datetime.date | None) -> str:
    """``value|date:"j-n-Y"``."""
    return "" if value is None else f"{value.day}-{value.month}-{value.year:04d}"


def row(cells: Iterable[str]) -> str:
    """One ``<tr>`` as the templates' loops wrote it (with the whitespace around it)."""
    return '\n    <tr class="utrecht-table__row">\n' + "\n".join(cells) + "\n    </tr>\n  "


def cell(label: str, content: str) -> str:
    return f'      <td class="utrecht-table__cell" data-label="{label}">{content}</td>'


def _heading(url: str, name: str) -> str:
    return (
        f'      <th scope="row" class="utrecht-table__header-cell"><a class="utrecht-link" href="{escape(url)}">'
        f"{escape(name)}</a></th>"
    )


def municipality_rows(municipalities: Iterable) -> SafeString:
    """The ``<tr>`` of each municipality on the manage region page (``selectors.MunicipalityRow``)."""
    cbs, size, own = escape(_("CBS-code")), escape(_("Aantal cliënten (peildatum)")), escape(_("Eigen groepen"))
    unknown = escape(_("onbekend"))
    rows = []
    for m in municipalities:
        counted = (
            unknown if m.client_group_size is None else f"{m.client_group_size} ({short_date(m.client_group_date)})"
        )
        rows.append(
            row(
                (
                    _heading(m.edit_url, m.name),
                    cell(cbs, escape(m.cbs_code)),
                    cell(size, counted),
                    cell(own, str(m.n_bodies)),
                )
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped above)


def body_rows(bodies: Iterable) -> SafeString:
    """The ``<tr>`` of each body on the manage region page (``selectors.BodyRow``)."""
    kind_label, for_label, members_label = escape(_("Soort")), escape(_("Werkt voor")), escape(_("Leden"))
    view_label, whole_region, overview = escape(_("Bekijken")), escape(_("hele regio")), escape(_("Overzicht"))
    overview_of = _("Overzicht: %(name)s")
    kinds = {value: escape(label) for value, label in Body.Kind.choices}
    rows = []
    for b in bodies:
        name = escape(b.name)
        where = whole_region if b.municipality_name is None else escape(b.municipality_name)
        rows.append(
            row(
                (
                    _heading(b.edit_url, b.name),
                    cell(kind_label, kinds.get(b.kind) or escape(b.kind)),
                    cell(for_label, where),
                    cell(members_label, str(b.n_members)),
                    cell(
                        view_label,
                        f'<a class="utrecht-link" href="{escape(b.dashboard_url)}" '
                        f'aria-label="{overview_of % {"name": name}}">{overview}</a>',
                    ),
                )
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped above)


def audit_rows(events: Iterable) -> SafeString:
    """The ``<tr>`` of each event on the audit log page (``audit.selectors.LogRow``)."""
    when, who, what = escape(_("Wanneer")), escape(_("Wie")), escape(_("Wat"))
    kind, thing, changed = escape(_("Soort")), escape(_("Object")), escape(_("Gewijzigd"))
    system = escape(_("systeem"))
    return mark_safe(  # noqa: S308 (every value escaped here)
        "".join(
            row(
                (
                    cell(when, f'<time datetime="{escape(e.at_iso)}">{escape(e.at_text)}</time>'),
                    cell(who, system if e.actor_name is None else escape(e.actor_name)),
                    cell(what, escape(e.action_label)),
                    cell(kind, escape(e.type_label)),
                    cell(thing, escape(e.target_label)),
                    cell(changed, escape(e.field_labels)),
                )
            )
            for e in events
        )
    )


def options(choices: Iterable[tuple[str, str]], chosen: str) -> SafeString:
    """The ``<option>`` of each (value, label) pair, the chosen one selected (a select of a filter form)."""
    return mark_safe(  # noqa: S308 (every value escaped here)
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>{escape(label)}</option>'
            for value, label in choices
        )
    )
