"""Demo of issue 12's replies by phone, letter and in person: for the December meeting, Tom Visser's reply given by
phone (he comes and needs a place without stairs, arranged: a letter waits to be printed) and Yasmina Ouali's reply
given on paper (she may come and needs childcare, not arranged yet). Kees Jansen is left without a reply, so the
walkthrough can record his call itself. Idempotent.

Call after ``load_record`` (the December agenda is published there)::

    from inspraak.demo.phone import load_phone

    load_phone(panel=panel, secretary=people["Ingrid Bakker"], facilitator=people["Samir Haddou"], members=people)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspraak.agenda.models import Reply
from inspraak.meetings.models import Meeting, MeetingStatus

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body


def load_phone(*, panel: Body, secretary: User, facilitator: User, members: dict[str, User]) -> None:
    from inspraak.agenda import services as agenda

    december = Meeting.objects.filter(body=panel, title="Decemberbijeenkomst").first()
    if december is None or december.status != MeetingStatus.AGENDA_PUBLISHED:
        return
    tom, yasmina = members.get("Tom Visser"), members.get("Yasmina Ouali")
    if tom is not None and not Reply.objects.filter(meeting=december, user=tom).exists():
        reply = agenda.reply_record(
            meeting=december,
            member=tom,
            answer=Reply.Answer.YES,
            channel="telefoon",
            by=secretary,
            needs_accessible_venue=True,
        )
        agenda.reply_arrange(
            reply=reply, note="U kunt met de lift naar zaal 2. De lift is naast de ingang.", by=secretary
        )
    if yasmina is not None and not Reply.objects.filter(meeting=december, user=yasmina).exists():
        agenda.reply_record(
            meeting=december,
            member=yasmina,
            answer=Reply.Answer.MAYBE,
            channel="brief",
            by=facilitator,
            needs_childcare=True,
        )
