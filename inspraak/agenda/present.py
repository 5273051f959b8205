"""The agenda page's items and documents written once in Python: the URLs (one reverse() per kind of link), the
translated texts, times and dates, and each item's card as HTML (every value escaped), byte for byte as the page's
template wrote them, so a page of 20 items and 60 documents renders its items as one string."""

from __future__ import annotations

from html import escape  # as Django's escape (the same entities), without its lazy-string wrapper

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.agenda.models import ItemSource
from inspraak.core.links import url_filler
from inspraak.topics.models import Theme


def agenda_items(items, meeting, *, can_manage: bool, can_edit: bool, csrf: str = "") -> str:
    """Everything the agenda page writes per item and per document, made here once: the URLs (one reverse() per
    kind of link), the translated texts, times and dates, and the items' cards as HTML (every value escaped), as
    the page's template wrote them. The page of 20 items and 60 documents then renders its items as one string.
    ``csrf``: the form token for the move buttons (with ``can_edit``)."""
    body = meeting.body
    place = {"region": body.region.slug, "body": body.slug}
    document_url = url_filler("agenda:document", "pk", **place)
    texts = _Texts(can_manage=can_manage)
    actions = _Actions(meeting, place, csrf) if can_edit else None
    cards = []
    last = len(items) - 1
    for index, item in enumerate(items):
        documents = [_document(doc, document_url, texts, actions) for doc in item.shown_documents]
        cards.append(_card(item, _meta(item, texts), documents, texts, actions, first=index == 0, last=index == last))
    return mark_safe("".join(cards))  # noqa: S308 (every value escaped)


class _Texts:
    """The translated texts of the cards, looked up once per page (the plural forms once per number)."""

    def __init__(self, *, can_manage: bool):
        self.can_manage = can_manage
        self.presenter, self.explained, self.page = (
            _("Inleiding: %(who)s"),
            _("Uitleg: %(label)s (score %(score)s)."),
            _("pagina"),
        )
        self.public, self.not_for_members, self.on_time = _("openbaar"), _("niet voor de leden"), _("op tijd")
        self.since, self.summary = _("Beschikbaar sinds %(date)s"), _("Samenvatting: %(label)s (score %(score)s)")
        self.sources = {value: escape(str(label)) for value, label in ItemSource.choices}
        self.themes = {value: escape(str(label)) for value, label in Theme.choices}
        self.zone = timezone.get_current_timezone()
        self._days_late: dict[int, str] = {}

    def days_late(self, n: int) -> str:
        text = self._days_late.get(n)
        if text is None:
            text = self._days_late[n] = ngettext("%(n)s dag te laat", "%(n)s dagen te laat", n) % {"n": n}
        return text


class _Actions:
    """The links and buttons of who may change the agenda: one URL pattern per kind, the translated labels with the
    title for screen readers (``%(title)s`` inside a visually hidden span, our own markup) and the form token."""

    def __init__(self, meeting, place: dict, csrf: str):
        on_agenda = {**place, "meeting": meeting.pk}
        self.document_new_url = url_filler("agenda:document_new", "pk", **on_agenda)
        self.edit_url = url_filler("agenda:item_edit", "pk", **on_agenda)
        self.move_url = url_filler("agenda:item_move", "pk", **on_agenda)
        self.remove_url = url_filler("agenda:item_remove", "pk", **on_agenda)
        self.remove_document_url = url_filler("agenda:document_remove", "pk", **place)
        self.document_new_label = _('Stuk toevoegen<span class="inspraak-visually-hidden"> bij %(title)s</span>')
        self.edit_label = _('Aanpassen<span class="inspraak-visually-hidden">: %(title)s</span>')
        self.up_label = _('Omhoog<span class="inspraak-visually-hidden">: %(title)s</span>')
        self.down_label = _('Omlaag<span class="inspraak-visually-hidden">: %(title)s</span>')
        self.remove_label = _('Van de agenda halen<span class="inspraak-visually-hidden">: %(title)s</span>')
        self.remove_document_label = _('Verwijder<span class="inspraak-visually-hidden"> %(title)s</span>')
        self.token = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf)}">'


def _meta(item, texts: _Texts) -> str:
    """The line under the item's title: time, source, municipality, presenter and theme."""
    meta = [f"{item.starts_at:%H:%M} · "] if item.starts_at else []
    meta.append(texts.sources.get(item.source) or escape(item.source))
    if item.requested_by_municipality:
        meta.append(f" ({escape(item.requested_by_municipality.name)})")
    if item.presenter:
        meta.append(" · " + escape(texts.presenter % {"who": item.presenter}))
    if item.theme:
        badge = "utrecht-badge-status utrecht-badge-status--neutral"
        meta.append(f' <span class="{badge}">{texts.themes.get(item.theme) or escape(item.theme)}</span>')
    return "".join(meta)


def _document(doc, document_url, texts: _Texts, actions: _Actions | None) -> str:
    """One document's line: the link with its kind and size, the summary, and for who manages the agenda since
    when it is there, whether it came on time, its readability and (who may change it) the remove link."""
    kind = f"{doc.extension.upper()}, {filesizeformat(doc.size)}" if doc.extension else texts.page
    flags = (f" – {texts.public}" if doc.public else "") + ("" if doc.for_members else f" – {texts.not_for_members}")
    line = [
        f'<a class="utrecht-link" href="{document_url(doc.pk)}">{escape(doc.title)}</a> '
        f"({escape(kind)}){escape(flags)}\n      ",
        f"<br>{escape(doc.summary)}" if doc.summary else "",
        "\n      ",
    ]
    if texts.can_manage:
        available = doc.available_at.astimezone(texts.zone)
        state = texts.since % {"date": f"{available.day}-{available.month}-{available.year}"}
        timeliness = getattr(doc, "timeliness", None)
        if timeliness is not None and not timeliness.on_time:
            state = f"{escape(state)}: <strong>{escape(texts.days_late(timeliness.days_late))}</strong>"
        else:
            state = escape(f"{state}: {texts.on_time}" if timeliness is not None else state)
        if doc.readability:
            state += ". " + escape(texts.summary % {"label": doc.readability.label, "score": doc.readability.score})
        line.append(f'<br><span class="inspraak-muted">{state}</span>\n      ')
        if actions is not None:
            label = actions.remove_document_label % {"title": escape(doc.title)}
            line.append(f' <a class="utrecht-link" href="{actions.remove_document_url(doc.pk)}">{label}</a>')
    return "".join(line)


def _linebreaksbr(text: str) -> str:
    """Django's ``linebreaksbr`` filter on a plain str: escaped, each line break a <br>."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def _card(item, meta: str, documents: list[str], texts: _Texts, actions: _Actions | None, *, first: bool, last: bool):
    """One item's card, byte for byte as the page's loop wrote it."""
    title = escape(item.title)
    html = [
        f'\n<li id="punt-{item.pk}" class="inspraak-card inspraak-card--wide">\n'
        f'  <h3 class="utrecht-heading-3">{item.position}. {title}</h3>\n'
        f'  <p class="utrecht-paragraph inspraak-card__meta">{meta}</p>\n  '
    ]
    if item.summary:
        html.append(f'<p class="utrecht-paragraph">{_linebreaksbr(item.summary)}</p>')
    html.append("\n  ")
    if texts.can_manage and item.readability:
        explained = texts.explained % {"label": item.readability.label, "score": item.readability.score}
        html.append(f'<p class="utrecht-paragraph inspraak-muted">{escape(explained)}</p>')
    html.append("\n  ")
    if texts.can_manage and item.late_count:
        n = item.late_count
        late = ngettext("%(n)s stuk te laat", "%(n)s stukken te laat", n) % {"n": n}
        html.append(f'<p class="utrecht-paragraph"><strong>{escape(late)}</strong></p>')
    html.append("\n  ")
    if documents:
        html.append('\n  <ul class="utrecht-unordered-list">\n  ')
        html += [f"\n    <li>{line}\n    </li>\n  " for line in documents]
        html.append("\n  </ul>\n  ")
    html.append("\n  ")
    if actions is not None:
        named = {"title": title}
        form = f'<form method="post" action="{actions.move_url(item.pk)}" class="inspraak-inline-form">{actions.token}'
        button = '<button type="submit" class="utrecht-button utrecht-button--secondary-action">'
        html.append(
            '\n  <div class="inspraak-actions">\n'
            f'    <a class="utrecht-link" href="{actions.document_new_url(item.pk)}">'
            f"{actions.document_new_label % named}</a>\n"
            f'    <a class="utrecht-link" href="{actions.edit_url(item.pk)}">{actions.edit_label % named}</a>\n    '
        )
        if not first:
            up = actions.up_label % named
            html.append(f'{form}<input type="hidden" name="richting" value="up">{button}{up}</button></form>')
        html.append("\n    ")
        if not last:
            down = actions.down_label % named
            html.append(f'{form}<input type="hidden" name="richting" value="down">{button}{down}</button></form>')
        html.append(
            f'\n    <a class="utrecht-link" href="{actions.remove_url(item.pk)}">{actions.remove_label % named}</a>\n'
            "  </div>\n  "
        )
    html.append("\n</li>\n")
    return "".join(html)
