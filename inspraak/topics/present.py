"""The topics page's rows written once in Python, byte for byte as its template's loops wrote them: the person's own
topics, their votes, the open topics' cards with their vote forms, and the supporters' table of 50 rows. Every value
is escaped (html.escape: the same entities as Django's escape); texts are translated once per page."""

from __future__ import annotations

from html import escape

from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from inspraak.topics.models import TopicStatus


def _safe(parts: list[str]) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 (every value escaped)


def _linebreaksbr(text: str) -> str:
    """Django's ``linebreaksbr`` filter on a plain str: escaped, each line break a <br>."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def _csrf(token: str) -> str:
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'


def _date(value, fmt: str) -> str:
    return escape(date_filter(timezone.localtime(value), fmt))


def mine(topics) -> SafeString:
    """The person's own topics (``url`` and ``status_label`` set by the view)."""
    rows = []
    for t in topics:
        extra = ""
        if t.status == TopicStatus.ON_AGENDA and t.meeting_starts_at:
            extra = f" ({_date(t.meeting_starts_at, 'j F')})"
        elif t.status == TopicStatus.FORWARDED:
            extra = f" ({escape(t.forwarded_to_name)})"
        rows.append(
            f'<li><a class="utrecht-link" href="{t.url}">{escape(t.title)}</a>: '
            f"<strong>{escape(t.status_label)}</strong>{extra}</li>"
        )
    return _safe(rows)


def my_votes(topics, open_page, token: str) -> SafeString:
    """The open topics the person voted on, each with a form to take the vote back (no JavaScript needed)."""
    unvote = escape(_("Stem weghalen"))
    number = open_page.number if open_page else None
    return _safe(
        [
            f'<li>{escape(t.title)} <form method="post" action="{t.vote_url}" class="inspraak-inline-form">'
            f'{_csrf(token)}<input type="hidden" name="weg" value="1"><input type="hidden" name="naar" '
            f'value="stemmen"><input type="hidden" name="pagina" value="{number}"><button type="submit" '
            f'class="inspraak-link-button">{unvote}<span class="inspraak-visually-hidden">: {escape(t.title)}'
            "</span></button></form></li>"
            for t in topics
        ]
    )


def open_cards(topics, open_page, token: str, *, voted, votes_left: int) -> SafeString:
    """One page of open topics as cards, each with its vote (or take-back) form."""
    voted_label, unvote, vote = escape(_("U stemde hierop")), escape(_("Stem weghalen")), escape(_("Stem hierop"))
    disabled = "" if votes_left else " disabled"
    form_start = f'">{_csrf(token)}<input type="hidden" name="pagina" value="{open_page.number}">\n    '
    cards = []
    for t in topics:
        title = escape(t.title)
        if t.pk in voted:
            button = (
                f'<p class="utrecht-paragraph"><strong>✓ {voted_label}</strong></p><input type="hidden" name="weg" '
                f'value="1"><button type="submit" class="utrecht-button utrecht-button--secondary-action">{unvote}'
                f'<span class="inspraak-visually-hidden">: {title}</span></button>\n    '
            )
        else:
            button = (
                f'<button type="submit" class="utrecht-button utrecht-button--primary-action"{disabled}>{vote}'
                f'<span class="inspraak-visually-hidden">: {title}</span></button>'
            )
        cards.append(
            f'<li class="inspraak-card" id="onderwerp-{t.pk}">\n  <h3 class="utrecht-heading-3">{title}</h3>\n'
            f'  <p class="utrecht-paragraph">{_linebreaksbr(t.description)}</p>\n'
            f'  <form method="post" action="{t.vote_url}{form_start}{button}\n  </form>\n</li>'
        )
    return _safe(cards)


def table_rows(topics) -> SafeString:
    """The supporters' table rows (``url``, ``status_label``, ``theme_label``, ``entered_by`` set by the view)."""
    votes, person, status = escape(_("Stemmen")), escape(_("Van")), escape(_("Status"))
    client, stale = escape(_("cliënt")), escape(_("Wacht te lang op een antwoord"))
    rows = []
    for t in topics:
        head = f'<a class="utrecht-link" href="{t.url}">{escape(t.title)}</a>'
        if t.theme_label:
            head += f' <span class="utrecht-badge-status utrecht-badge-status--neutral">{escape(t.theme_label)}</span>'
        if t.stale:
            head += f"<br><strong>{stale}</strong>"
        who = escape(t.person_name)
        if t.from_client:
            who += f" ({client})"
        if t.on_behalf_of_id:
            passed_on = t.passed_on
            who += "<br>" + (f"{escape(str(passed_on))}, " if passed_on else "") + escape(t.entered_by)
        state = escape(t.status_label)
        if t.meeting_starts_at and t.status == TopicStatus.ON_AGENDA:
            state += f"<br>{_date(t.meeting_starts_at, 'j-n-Y')}"
        rows.append(
            '\n    <tr class="utrecht-table__row">\n'
            f'      <th scope="row" class="utrecht-table__cell">{head}</th>\n'
            f'      <td class="utrecht-table__cell inspraak-num" data-label="{votes}">{t.votes_count}</td>\n'
            f'      <td class="utrecht-table__cell" data-label="{person}">{who}</td>\n'
            f'      <td class="utrecht-table__cell" data-label="{status}">{state}</td>\n'
            "    </tr>\n  "
        )
    return _safe(rows)
