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


def _hidden(text: str, title: str):
    """A translated link text with the item's or document's title for screen readers (``%(title)s`` inside a
    visually hidden span in ``text``); ``title`` already escaped."""
    return mark_safe(text % {"title": title})  # noqa: S308 (our own translated markup, the title escaped)


def agenda_items(items, meeting, *, can_manage: bool, can_edit: bool, csrf: str = "") -> str:
    """Everything the agenda page writes per item and per document, made here once: the URLs (one reverse() per
    kind of link), the translated texts, times and dates, and the items' cards as HTML (every value escaped), as
    the page's template wrote them. The page of 20 items and 60 documents then renders its items as one string.
    ``csrf``: the form token for the move buttons (with ``can_edit``)."""
    body = meeting.body
    place = {"region": body.region.slug, "body": body.slug}
    document_url = url_filler("agenda:document", "pk", **place)
    remove_document_url = url_filler("agenda:document_remove", "pk", **place)
    on_agenda = {**place, "meeting": meeting.pk}
    item_urls = {
        "document_new_url": url_filler("agenda:document_new", "pk", **on_agenda),
        "edit_url": url_filler("agenda:item_edit", "pk", **on_agenda),
        "move_url": url_filler("agenda:item_move", "pk", **on_agenda),
        "remove_url": url_filler("agenda:item_remove", "pk", **on_agenda),
    }
    labels = {
        "document_new_label": _('Stuk toevoegen<span class="inspraak-visually-hidden"> bij %(title)s</span>'),
        "edit_label": _('Aanpassen<span class="inspraak-visually-hidden">: %(title)s</span>'),
        "up_label": _('Omhoog<span class="inspraak-visually-hidden">: %(title)s</span>'),
        "down_label": _('Omlaag<span class="inspraak-visually-hidden">: %(title)s</span>'),
        "remove_label": _('Van de agenda halen<span class="inspraak-visually-hidden">: %(title)s</span>'),
    }
    presenter, explained, page = _("Inleiding: %(who)s"), _("Uitleg: %(label)s (score %(score)s)."), _("pagina")
    public, not_for_members, on_time = _("openbaar"), _("niet voor de leden"), _("op tijd")
    since, summary = _("Beschikbaar sinds %(date)s"), _("Samenvatting: %(label)s (score %(score)s)")
    remove = _('Verwijder<span class="inspraak-visually-hidden"> %(title)s</span>')
    token = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf)}">'
    sources = {value: escape(str(label)) for value, label in ItemSource.choices}
    themes = {value: escape(str(label)) for value, label in Theme.choices}
    cards = []
    last = len(items) - 1
    for index, item in enumerate(items):
        meta = [f"{item.starts_at:%H:%M} · "] if item.starts_at else []
        meta.append(sources.get(item.source, escape(item.source)))
        if item.requested_by_municipality:
            meta.append(f" ({escape(item.requested_by_municipality.name)})")
        if item.presenter:
            meta.append(" · " + escape(presenter % {"who": item.presenter}))
        if item.theme:
            badge = "utrecht-badge-status utrecht-badge-status--neutral"
            meta.append(f' <span class="{badge}">{themes.get(item.theme, escape(item.theme))}</span>')
        item.meta_html = mark_safe("".join(meta))  # noqa: S308 (every value escaped)
        if can_manage and item.readability:
            item.readability_text = explained % {"label": item.readability.label, "score": item.readability.score}
        if can_manage and item.late_count:
            n = item.late_count
            item.late_text = ngettext("%(n)s stuk te laat", "%(n)s stukken te laat", n) % {"n": n}
        if can_edit:
            title = escape(item.title)
            for key, url in item_urls.items():
                setattr(item, key, url(item.pk))
            for key, text in labels.items():
                setattr(item, key, _hidden(text, title))
        for doc in item.shown_documents:
            kind = f"{doc.extension.upper()}, {filesizeformat(doc.size)}" if doc.extension else page
            flags = (f" – {public}" if doc.public else "") + ("" if doc.for_members else f" – {not_for_members}")
            line = [
                f'<a class="utrecht-link" href="{document_url(doc.pk)}">{escape(doc.title)}</a> '
                f"({escape(kind)}){escape(flags)}\n      ",
                f"<br>{escape(doc.summary)}" if doc.summary else "",
                "\n      ",
            ]
            if can_manage:
                available = timezone.localtime(doc.available_at)
                state = since % {"date": f"{available.day}-{available.month}-{available.year}"}
                timeliness = getattr(doc, "timeliness", None)
                if timeliness is not None and not timeliness.on_time:
                    n = timeliness.days_late
                    late = ngettext("%(n)s dag te laat", "%(n)s dagen te laat", n) % {"n": n}
                    state = f"{escape(state)}: <strong>{escape(late)}</strong>"
                else:
                    state = escape(f"{state}: {on_time}" if timeliness is not None else state)
                if doc.readability:
                    state += ". " + escape(summary % {"label": doc.readability.label, "score": doc.readability.score})
                line.append(f'<br><span class="inspraak-muted">{state}</span>\n      ')
                if can_edit:
                    label = _hidden(remove, escape(doc.title))
                    line.append(f' <a class="utrecht-link" href="{remove_document_url(doc.pk)}">{label}</a>')
            doc.html = mark_safe("".join(line))  # noqa: S308 (every value escaped)
        cards.append(_card(item, token, can_edit=can_edit, first=index == 0, last=index == last))
    return mark_safe("".join(cards))  # noqa: S308 (every value escaped)


def _linebreaksbr(text: str) -> str:
    """Django's ``linebreaksbr`` filter on a plain str: escaped, each line break a <br>."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def _card(item, token: str, *, can_edit: bool, first: bool, last: bool) -> str:
    """One item's card, byte for byte as the page's loop wrote it."""
    html = [
        f'\n<li id="punt-{item.pk}" class="inspraak-card inspraak-card--wide">\n'
        f'  <h3 class="utrecht-heading-3">{item.position}. {escape(item.title)}</h3>\n'
        f'  <p class="utrecht-paragraph inspraak-card__meta">{item.meta_html}</p>\n  '
    ]
    if item.summary:
        html.append(f'<p class="utrecht-paragraph">{_linebreaksbr(item.summary)}</p>')
    html.append("\n  ")
    if text := getattr(item, "readability_text", ""):
        html.append(f'<p class="utrecht-paragraph inspraak-muted">{escape(str(text))}</p>')
    html.append("\n  ")
    if text := getattr(item, "late_text", ""):
        html.append(f'<p class="utrecht-paragraph"><strong>{escape(str(text))}</strong></p>')
    html.append("\n  ")
    if item.shown_documents:
        html.append('\n  <ul class="utrecht-unordered-list">\n  ')
        html += [f"\n    <li>{doc.html}\n    </li>\n  " for doc in item.shown_documents]
        html.append("\n  </ul>\n  ")
    html.append("\n  ")
    if can_edit:
        form = f'<form method="post" action="{item.move_url}" class="inspraak-inline-form">{token}'
        button = '<button type="submit" class="utrecht-button utrecht-button--secondary-action">'
        html.append(
            '\n  <div class="inspraak-actions">\n'
            f'    <a class="utrecht-link" href="{item.document_new_url}">{item.document_new_label}</a>\n'
            f'    <a class="utrecht-link" href="{item.edit_url}">{item.edit_label}</a>\n    '
        )
        if not first:
            html.append(
                f'{form}<input type="hidden" name="richting" value="up">{button}{item.up_label}</button></form>'
            )
        html.append("\n    ")
        if not last:
            html.append(
                f'{form}<input type="hidden" name="richting" value="down">{button}{item.down_label}</button></form>'
            )
        html.append(f'\n    <a class="utrecht-link" href="{item.remove_url}">{item.remove_label}</a>\n  </div>\n  ')
    html.append("\n</li>\n")
    return "".join(html)
