"""The rows of the claims list for who decides, written once per page in Python with every value escaped, instead
of a dozen template tags and two includes per claim: one reverse() for the detail links, the translated labels
looked up once per page. The markup is the one ``claims/list.html`` wrote per claim before (same HTML)."""

from __future__ import annotations

import datetime
from html import escape as _escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from inspraak.claims.models import ClaimKind, ClaimStatus
from inspraak.core.links import url_template
from inspraak.core.money import euro

_BADGE = {
    ClaimStatus.APPROVED: "active",
    ClaimStatus.PAID: "safe",
    ClaimStatus.REJECTED: "danger",
    ClaimStatus.SUBMITTED: "warning",
}


def escape(value) -> str:
    """Django's escape (the same five characters), without its SafeString round trip."""
    return _escape(str(value), quote=True)


def _cell(label: str, extra: str = "") -> str:
    return f'<td class="utrecht-table__cell{extra}" data-label="{label}">'


class ClaimRows:
    """Writes the table rows of one page of claims (``selectors.ClaimPage.rows``) for ``region``; ``bodies``
    ({id: body}) names each claim's group, shown in a column when ``whole_region``."""

    def __init__(self, region_slug: str, bodies: dict, *, whole_region: bool):
        self.detail_url = url_template("claims:detail", "body", "pk", region=region_slug)
        self.bodies = bodies
        self.whole_region = whole_region
        self.kinds = {value: escape(label) for value, label in ClaimKind.choices}
        self.statuses = {
            value: f'<span class="utrecht-badge-status utrecht-badge-status--{_BADGE.get(value, "neutral")}">'
            f"{escape(label)}</span>\n"
            for value, label in ClaimStatus.choices
        }
        self.receipt = {True: escape(_("ja")), "removed": escape(_("niet meer bewaard")), False: escape(_("geen"))}
        self.meeting = _("bijeenkomst van %(day)s")
        self.training = _("training %(title)s, %(day)s")
        self.group = _cell(escape(_("Groep")))
        self.day = _cell(escape(_("Datum")))
        self.kind = _cell(escape(_("Soort")))
        self.amount = _cell(escape(_("Bedrag")), " inspraak-num")
        self.proof = _cell(escape(_("Bon")))
        self.status = _cell(escape(_("Status")))

    @staticmethod
    def _date(moment: datetime.datetime) -> str:
        return escape(date_format(timezone.localtime(moment), "j F Y"))

    def row(self, row) -> str:
        pk, body_id, name, spent_on, kind, meeting_at, training_title, training_at, amount, receipt, removed, status = (
            row
        )
        body = self.bodies[body_id]
        what = self.kinds.get(kind, escape(kind))
        if meeting_at is not None:
            what += "<br>" + self.meeting % {"day": self._date(meeting_at)} + "\n"
        elif training_at is not None:
            what += "<br>" + self.training % {"title": escape(training_title), "day": self._date(training_at)} + "\n"
        proof = self.receipt[True] if receipt else self.receipt["removed"] if removed else self.receipt[False]
        group = f"{self.group}{escape(body.name)}</td>" if self.whole_region else ""
        return (
            '\n    <tr class="utrecht-table__row">\n'
            '      <th scope="row" class="utrecht-table__cell"><a class="utrecht-link" '
            f'href="{escape(self.detail_url(body.slug, pk))}">{escape(name)}</a></th>\n'
            f"      {group}\n"
            f"      {self.day}{spent_on.day}-{spent_on.month}-{spent_on.year}</td>\n"
            f"      {self.kind}{what}</td>\n"
            f"      {self.amount}{escape(euro(amount))}</td>\n"
            f"      {self.proof}{proof}</td>\n"
            f"      {self.status}{self.statuses.get(status, escape(status))}</td>\n"
            "    </tr>\n  "
        )

    def html(self, rows) -> SafeString:
        return mark_safe("".join(self.row(row) for row in rows))  # noqa: S308 (every value escaped above)
