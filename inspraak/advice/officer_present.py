"""The rows of the policy officer's tables (the policy agenda, the open requests, the advice awaiting a response),
written once per row as escaped HTML instead of a dozen template tags per row: one reverse() per kind of link, the
translated texts looked up once per page and each date written once. The markup is the one the templates wrote
before (same HTML); the rows come from ``selectors.dashboard``, ``open_requests_page`` and ``awaiting_page``, with
their ``url`` (and ``can_respond``) set by the view."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from html import escape as _escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.advice.models import AdviceKind
from inspraak.policy.models import ProposalStatus
from inspraak.regions.models import Region


def escape(value) -> str:
    """Django's escape (the same five characters), without its SafeString round trip."""
    return _escape(str(value), quote=True)


def date(value: datetime.date) -> str:
    """``value|date:"j-n-Y"``."""
    return f"{value.day}-{value.month}-{value.year:04d}"


def _cell(label: str) -> str:
    return f'      <td class="utrecht-table__cell" data-label="{label}">'


class OfficerPresenter:
    """Writes the rows of one page's tables: the texts that are the same for every row made once."""

    def __init__(self, region: Region):
        self.region = region
        # get_status_display(), once per page (each call hashes every lazy label)
        self._statuses = {value: escape(label) for value, label in ProposalStatus.choices}
        self._plural: dict[tuple[str, int], str] = {}

    def _n(self, singular: str, plural: str, n: int) -> str:
        """A {% blocktranslate count n=... %} text, looked up once per page and number."""
        key = (singular, n)
        text = self._plural.get(key)
        if text is None:
            text = self._plural[key] = ngettext(singular, plural, n) % {"n": n}
        return text

    # ------------------------------------------------------------ the policy agenda (the dashboard)

    def agenda_rows(self, proposals: Iterable, proposal_url) -> SafeString:
        """The ``<tr>`` of each proposal on the policy agenda (``selectors.AgendaRow``)."""
        for_label, status_label = escape(_("Voor")), escape(_("Status"))
        decision_label, bodies_label = escape(_("Besluit")), escape(_("Advies van de groepen"))
        the_region, no_body = escape(_("De regio (GR)")), escape(_("Geen groep (met reden)"))
        decided_on, planned_on = _("besloten op %(date)s"), _("gepland op %(date)s")
        messages: dict[object, str] = {}
        lines = []
        for p in proposals:
            where = the_region if p.municipality_name is None else escape(p.municipality_name)
            status = self._statuses.get(p.status) or escape(p.status)
            if p.decided_on:
                decision = decided_on % {"date": date(p.decided_on)}
            else:
                decision = planned_on % {"date": date(p.planned_decision_date)}
            if p.bodies:
                items = []
                for body in p.bodies:
                    timeliness = body.timeliness
                    message = messages.get(timeliness)
                    if message is None:
                        message = messages[timeliness] = escape(timeliness.message)
                    if not timeliness.ok:
                        message = f"<strong>{message}</strong>"
                    items.append(f"<li>{escape(body.name)}: {message}</li>")
                bodies = f'<ul class="utrecht-unordered-list">{"".join(items)}</ul>'
            elif p.no_bodies_reason:
                bodies = no_body
            else:
                bodies = "–"
            lines.append(
                '\n    <tr class="utrecht-table__row">\n'
                '      <th scope="row" class="utrecht-table__cell"><a class="utrecht-link" '
                f'href="{proposal_url(p.pk)}">{escape(p.title)}</a></th>\n'
                f"{_cell(for_label)}{where}</td>\n"
                f"{_cell(status_label)}{status}</td>\n"
                f"{_cell(decision_label)}{decision}</td>\n"
                f'      <td class="utrecht-table__cell inspraak-cell--full" data-label="{bodies_label}">{bodies}</td>\n'
                "    </tr>\n  "
            )
        return mark_safe("".join(lines))  # noqa: S308 (every value escaped)

    # ------------------------------------------------------------ open requests

    def open_request_rows(self, rows: Iterable) -> SafeString:
        """The ``<tr>`` of each open request (``selectors.OpenRequestRow``)."""
        body_label, asked_label = escape(_("Groep")), escape(_("Gevraagd op"))
        deadline_label, passed = escape(_("Uiterste datum")), escape(_("verlopen"))
        lines = []
        for r in rows:
            if r.deadline_passed:
                left = f"<strong>({passed})</strong>"
            else:
                left = f"({self._n('nog %(n)s dag', 'nog %(n)s dagen', r.days_left)})"
            lines.append(
                '\n    <tr class="utrecht-table__row">\n'
                '      <th scope="row" class="utrecht-table__cell"><a class="utrecht-link" '
                f'href="{r.url}">{escape(r.proposal_title)}</a></th>\n'
                f"{_cell(body_label)}{escape(r.body_name)}</td>\n"
                f"{_cell(asked_label)}{date(r.requested_on)}</td>\n"
                f"{_cell(deadline_label)}{date(r.deadline)} {left}</td>\n"
                "    </tr>\n  "
            )
        return mark_safe("".join(lines))  # noqa: S308 (every value escaped)

    # ------------------------------------------------------------ advice awaiting a response

    def awaiting_rows(self, items: Iterable) -> SafeString:
        """The ``<tr>`` of each advice awaiting a response (``selectors.AwaitingResponse``), after the blank line
        the template wrote before them."""
        body_label, sent_label = escape(_("Groep")), escape(_("Ontvangen op"))
        due_label, unsolicited = escape(_("Reactie uiterlijk")), escape(_("ongevraagd"))
        lines = ["\n  "]
        for item in items:
            advice = item.advice
            subject = escape(advice.subject)
            if item.can_respond:
                subject = f'<a class="utrecht-link" href="{item.url}">{subject}</a>'
            if advice.kind == AdviceKind.UNSOLICITED:
                subject += f" ({unsolicited})"
            due = date(item.due) if item.due else "–"
            if item.overdue_days:
                late = self._n("%(n)s dag te laat", "%(n)s dagen te laat", item.overdue_days)
                due += f" <strong>({late})</strong>"
            lines.append(
                '\n    <tr class="utrecht-table__row">\n'
                f'      <th scope="row" class="utrecht-table__cell">{subject}</th>\n'
                f"{_cell(body_label)}{escape(advice.body_name)}</td>\n"
                f"{_cell(sent_label)}{date(advice.sent_on)}</td>\n"
                f"{_cell(due_label)}{due}</td>\n"
                "    </tr>\n  "
            )
        return mark_safe("".join(lines))  # noqa: S308 (every value escaped)
