"""``{% meeting_agenda meeting %}``: the agenda block on the meeting page (titles, links, the member's reply)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from inspraak.agenda import permissions, selectors

register = template.Library()


@register.inclusion_tag("agenda/_meeting_agenda.html", takes_context=True)
def meeting_agenda(context, meeting) -> dict:
    """2 queries (the items; the member's own reply). The meeting's body must be loaded already."""
    request = context.get("request")
    user = getattr(request, "user", None)
    body = meeting.body
    can_reply = permissions.can_reply(user, body)
    return {
        "agenda_meeting": meeting,
        "agenda_body": body,
        "agenda_items": selectors.meeting_agenda_titles(meeting),
        "agenda_can_edit": permissions.can_edit_agenda(user, body),
        "agenda_can_reply": can_reply,
        "agenda_reply_open": meeting.status in permissions.OPEN_STATUSES and meeting.ends_at > timezone.now(),
        "agenda_reply": selectors.own_reply(meeting, user) if can_reply else None,
    }
