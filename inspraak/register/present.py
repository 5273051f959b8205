"""The HTML of a sent advice as the register shows it: its card in a list (the register, a proposal's timeline), its
facts and its recommendations (also on the advice's own page). Made here once per advice with every value escaped,
instead of a dozen template tags per advice and per recommendation: a page of 25 advices renders as 25 nodes, with
one reverse() per kind of link, the translated texts looked up once per page and each date formatted once.

The markup is the one the templates wrote before (same HTML); ``advice`` is decorated by ``selectors._decorate``."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from html import escape as _escape

from django.template.defaultfilters import linebreaksbr
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.advice.models import AdviceKind, Verdict
from inspraak.core.links import url_filler
from inspraak.regions.models import Region

_ITEM = '  <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{key}</dt>'
_VALUE = '<dd class="utrecht-data-list__item-value">'


def escape(value) -> str:
    """Django's escape (the same five characters), without its SafeString round trip."""
    return _escape(str(value), quote=True)


def _words(text: str, n: int) -> str:
    """``text|truncatewords:n``, escaped (Truncator.words without its lazy object)."""
    words = text.split()
    if len(words) > n:
        return escape(" ".join(words[:n]) + " …")
    return escape(" ".join(words))


class Presenter:
    """Writes the cards of one page: the links and the texts that are the same for every advice made once."""

    def __init__(self, region: Region):
        self.region = region
        self.advice_url = url_filler("register:advice", "pk", region=region.slug)
        self.proposal_url = url_filler("register:proposal", "pk", region=region.slug)
        self.body_url = url_filler("dashboards:body", "body", region=region.slug)
        self._months = {number: escape(name) for number, name in MONTHS.items()}
        # get_kind_display() and get_verdict_display(), once per page (each call hashes every lazy label)
        self._kinds = {value: escape(label) for value, label in AdviceKind.choices}
        self._verdicts = {value: escape(label) for value, label in Verdict.choices}
        texts = {
            "from": _("Van"),
            "for": _("Voor"),
            "proposal": _("Over het voorstel"),
            "asked": _("Gevraagd?"),
            "unsolicited": _("Ongevraagd advies: de groep gaf dit advies uit zichzelf"),
            "sent": _("Advies verzonden op"),
            "response": _("Reactie"),
            "decision": _("Besluit"),
            "read_decision": _("lees het besluit"),
            "no_decision": _("Dit advies hoort niet bij een besluit."),
            "advised": _("De groep adviseerde:"),
            "done": _("Wat is ermee gedaan:"),
            "no_verdict": _("Nog geen reactie."),
            "no_recommendations": _("Dit advies heeft geen losse aanbevelingen."),
        }
        self.text = {key: escape(value) for key, value in texts.items()}
        # The texts with a value in them ({% blocktranslate %}): their markup is the translation's own.
        self.asked_on = _("Advies gevraagd op %(date)s")
        self.responded_on = _("op %(date)s")
        self.due_on = _("uiterlijk %(date)s")
        self.decided_on = _("Besloten op %(date)s")
        self.planned_on = _("Nog geen besluit. Gepland op %(date)s.")
        self.read_more = _(
            'Lees het hele advies en de reactie<span class="inspraak-visually-hidden">: %(subject)s</span>'
        )

    def date(self, value: datetime.date | None) -> str:
        """``value|date:"j F Y"`` (day, the month's name in the language of the page, year), escaped."""
        if value is None:
            return ""
        return f"{value.day} {self._months[value.month]} {value.year:04d}"

    def card(self, advice, *, h: int) -> SafeString:
        """The card of an advice in a list (``<li>``), its title a heading of level ``h``."""
        url = self.advice_url(advice.pk)
        subject = escape(advice.subject)
        text = f'<p class="utrecht-paragraph">{_words(advice.text, 40)}</p>' if advice.text else ""
        kind = self._kinds.get(advice.kind) or escape(advice.get_kind_display())
        html = (
            f'<li class="inspraak-card inspraak-card--wide">\n'
            f'  <h{h} class="utrecht-heading-{h}"><a class="utrecht-link" href="{url}">{subject}</a></h{h}>\n'
            f'  <p class="utrecht-paragraph inspraak-card__meta">{kind} · '
            f"{self.date(advice.sent_on)}</p>\n"
            f"  {self.facts(advice)}\n"
            f"  {text}\n"
            f"  {self.recommendations(advice, short=True)}\n"
            f'  <p class="utrecht-paragraph"><a class="utrecht-link" href="{url}">'
            f"{self.read_more % {'subject': subject}}</a></p>\n"
            f"</li>\n"
        )
        return mark_safe(html)  # noqa: S308 (every value escaped)

    def facts(self, advice) -> SafeString:
        """The facts of an advice (``<dl>``): from whom, for where, the proposal, asked, sent, response, decision."""
        t = self.text
        body = advice.body
        lines = [
            '<dl class="utrecht-data-list">\n',
            _ITEM.format(key=t["from"]),
            f'{_VALUE}<a class="utrecht-link" href="{self.body_url(body.slug)}">{escape(body.name)}</a></dd></div>\n',
            _ITEM.format(key=t["for"]),
            f"{_VALUE}{escape(advice.where_label)}</dd></div>\n  ",
        ]
        proposal = advice.public_proposal
        if proposal is not None:
            lines += [
                _ITEM.format(key=t["proposal"]).lstrip(),
                f'{_VALUE}<a class="utrecht-link" href="{self.proposal_url(proposal.pk)}">{escape(proposal.title)}'
                "</a></dd></div>",
            ]
        lines += ["\n", _ITEM.format(key=t["asked"]), _VALUE]
        if advice.request_id:
            lines.append(self.asked_on % {"date": self.date(advice.request.requested_on)})
            if advice.timeliness:
                lines.append(
                    f' <span class="utrecht-badge-status utrecht-badge-status--{advice.timeliness_tone}">'
                    f"{escape(advice.timeliness.message)}</span>"
                )
        else:
            lines.append(t["unsolicited"])
        lines += [
            "</dd></div>\n",
            _ITEM.format(key=t["sent"]),
            f"{_VALUE}{self.date(advice.sent_on)}</dd></div>\n",
            _ITEM.format(key=t["response"]),
            f'{_VALUE}<span class="utrecht-badge-status utrecht-badge-status--{advice.response_tone}">'
            f"{escape(advice.response_label)}</span>\n    ",
        ]
        if advice.public_response:
            lines.append(self.responded_on % {"date": self.date(advice.public_response.responded_on)})
        elif advice.due:
            lines.append(self.due_on % {"date": self.date(advice.due)})
        if advice.days_late:
            n = advice.days_late
            late = ngettext("%(n)s dag te laat", "%(n)s dagen te laat", n) % {"n": n}
            lines.append(f" ({late})")
        lines += ["</dd></div>\n", _ITEM.format(key=t["decision"]), _VALUE]
        if advice.decided:
            lines.append(self.decided_on % {"date": self.date(proposal.decided_on)})
            if proposal.decision_url:
                link = escape(proposal.decision_url)
                lines.append(f': <a class="utrecht-link" href="{link}">{t["read_decision"]}</a>')
        elif proposal is not None:
            lines.append(self.planned_on % {"date": self.date(proposal.planned_decision_date)})
        else:
            lines.append(t["no_decision"])
        lines.append("</dd></div>\n</dl>\n")
        return mark_safe("".join(lines))  # noqa: S308 (every value escaped)

    def recommendations(self, advice, *, short: bool) -> SafeString:
        """The recommendations and what was done with each (``<ol>``); ``short``: their texts cut at 30 words."""
        t = self.text
        recommendations = advice.public_recommendations
        if not recommendations:
            return mark_safe(f'\n<p class="utrecht-paragraph">{t["no_recommendations"]}</p>\n\n')  # noqa: S308
        cut: Callable[[str], str] = (lambda text: _words(text, 30)) if short else _lines
        lines = ['\n<ol class="inspraak-steps">\n  ']
        for r in recommendations:
            lines.append(
                f'\n  <li value="{r.number}">\n'
                f'    <p class="utrecht-paragraph"><strong>{t["advised"]}</strong> {cut(r.text)}</p>\n'
                f'    <p class="utrecht-paragraph"><strong>{t["done"]}</strong>\n    '
            )
            verdict = r.public_verdict
            if verdict:
                lines.append(
                    f'<span class="utrecht-badge-status utrecht-badge-status--{r.verdict_tone}">'
                    f"{self._verdicts.get(verdict.verdict) or escape(verdict.get_verdict_display())}</span>"
                )
                if verdict.reason:
                    lines.append(f" {cut(verdict.reason)}")
                lines.append("\n    ")
            else:
                lines.append(t["no_verdict"])
            lines.append("</p>\n  </li>\n  ")
        lines.append("\n</ol>\n\n")
        return mark_safe("".join(lines))  # noqa: S308 (every value escaped)

    def cards(self, advices: Iterable, *, h: int) -> None:
        """Gives every advice its ``card_html``."""
        for advice in advices:
            advice.card_html = self.card(advice, h=h)


def _lines(text: str) -> str:
    return linebreaksbr(text, autoescape=True)
