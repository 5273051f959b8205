"""The privacy parts of what a person did in the bodies: invitations and replies (agenda), topics and votes, comments
on draft advice, attendance, and the texts of others that name the person.

Registered from PrivacyConfig.ready() (contrib.register_parts), like accounts and members, so the domain apps stay
untouched. Every exporter runs a fixed number of queries and returns only the person's own data.

What erasure does per model, and why:

* ``agenda.Reply`` and ``agenda.Invitation``: deleted. A reply holds the needs to come (travel costs, childcare,
  interpreter, accessible place, free text: may be health data), how it reached the body (online, or by phone,
  letter or in person, recorded by a supporter) and what was arranged for the needs (``arranged_note``, may be
  health data too: deleted with the reply); an invitation only says that and how the person was invited. Neither
  is needed once the person is gone; the meeting's counts lose one person.
* ``topics.TopicVote``: deleted (the joint priorities lose one vote, as when the member takes the vote back).
* ``topics.Topic`` (the person's own: entered by them or for them): the description, the person's own story, is
  replaced. A topic that was put on an agenda keeps its title and answer (they are part of the meeting record, maybe
  public); the author link stays, to the anonymised account. Other topics also lose their title and answer (both are
  about the person's question only). The notes in the topic's history are emptied.
* ``advice.AdviceComment``: the text is replaced and the author detached (the advice keeps that there was a comment).
* ``records.Attendance``: deleted (the minutes' text says who was there; the count of a past meeting drops by one).
* Texts written by others that name the person (minutes, feedback reports, agreements, agendas, documents, advice,
  other people's topics) are **not** changed automatically: the erase page lists them with links, so the secretary
  can redact them by hand (automatic editing of minutes would change an approved record).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inspraak.core import names
from inspraak.core import privacy_registry as registry

if TYPE_CHECKING:
    from inspraak.accounts.models import User

# What replaces a text the person wrote, or a text about the person only (stored as data, so not translated).
TEXT_REMOVED = "Tekst verwijderd op verzoek (AVG)."
TOPIC_TITLE_REMOVED = "Onderwerp van een oud-lid (tekst verwijderd)"


def _audit(user: User, part: str, counts: dict[str, int]) -> None:
    """One audit row per part that changed something: the counts per kind of row, never values or names."""
    changed = [kind for kind, count in counts.items() if count]
    if not changed:
        return
    from inspraak.audit.services import audit_record

    audit_record(
        actor=registry.acting_user(),
        action="person.erase_part",
        target=user,
        changed_fields=changed,
        label=f"persoon #{user.pk}: {part} (" + ", ".join(f"{kind} {counts[kind]}" for kind in changed) + ")",
    )


def _meeting_fields(meeting) -> dict:
    return {
        "meeting": meeting.title or gettext("Bijeenkomst"),
        "body": meeting.body.name,
        "date": timezone.localtime(meeting.starts_at).date(),
    }


# ---------------------------------------------------------------- agenda: invitations and replies


def export_agenda(user: User) -> dict:
    """Invitations (how and when) and replies (the answer and every need). 2 queries."""
    from inspraak.agenda.models import Invitation, Reply

    invitations = Invitation.objects.filter(user=user).select_related("meeting__body").order_by("sent_at", "id")
    replies = Reply.objects.filter(user=user).select_related("meeting__body").order_by("meeting__starts_at", "id")
    need_fields = ("needs_travel_costs", "needs_childcare", "needs_interpreter", "needs_accessible_venue")
    return {
        "invitations": [
            {
                **_meeting_fields(i.meeting),
                "channel": i.get_channel_display(),
                "sent_at": i.sent_at,
                "reminder_sent_at": i.reminder_sent_at,
            }
            for i in invitations
        ],
        "replies": [
            {
                **_meeting_fields(r.meeting),
                "answer": r.get_answer_display(),
                "needs": [str(Reply._meta.get_field(name).verbose_name) for name in need_fields if getattr(r, name)],
                "needs_other": r.needs_other,
                "channel": str(r.passed_on),
                "recorded_for_you": r.recorded_by_id is not None,
                "arranged_at": r.arranged_at,
                "arranged_note": r.arranged_note,
                "updated_at": r.updated_at,
            }
            for r in replies
        ],
    }


def agenda_region_ids(user: User) -> set[int]:
    from inspraak.agenda.models import Invitation, Reply

    replies = Reply.objects.filter(user=user).values_list("meeting__body__region_id", flat=True)
    invitations = Invitation.objects.filter(user=user).values_list("meeting__body__region_id", flat=True)
    return set(replies) | set(invitations)


def erase_agenda(user: User) -> None:
    from inspraak.agenda.models import Invitation, Reply

    replies, _n = Reply.objects.filter(user=user).delete()
    invitations, _n = Invitation.objects.filter(user=user).delete()
    _audit(user, "agenda", {"replies": replies, "invitations": invitations})


MEETING_LABELS = {"meeting": _("Bijeenkomst"), "body": _("Groep"), "date": _("Datum")}
AGENDA_LABELS = {
    **MEETING_LABELS,
    "invitations": _("Uitnodigingen"),
    "replies": _("Uw antwoorden: komt u, en wat heeft u nodig"),
    "channel": _("Hoe"),
    "sent_at": _("Verstuurd op"),
    "reminder_sent_at": _("Herinnering verstuurd op"),
    "answer": _("Antwoord"),
    "needs": _("Wat u nodig heeft"),
    "needs_other": _("Iets anders dat u nodig heeft"),
    "recorded_for_you": _("Voor u ingevuld door de secretaris of de gespreksleider"),
    "arranged_at": _("Geregeld op"),
    "arranged_note": _("Wat er voor u geregeld is"),
    "updated_at": _("Laatst gewijzigd"),
}

# ---------------------------------------------------------------- topics and votes


def _own_topics(user: User):
    from inspraak.topics.models import Topic

    return Topic.objects.filter(Q(on_behalf_of=user) | Q(submitted_by=user, on_behalf_of__isnull=True))


def export_topics(user: User) -> dict:
    """The person's topics (also those a secretary entered for them) and their votes. 2 queries."""
    from inspraak.topics.models import TopicVote

    topics = _own_topics(user).select_related("body").order_by("submitted_at", "id")
    votes = TopicVote.objects.filter(user=user).select_related("topic__body").order_by("at", "id")
    return {
        "topics": [
            {
                "body": t.body.name,
                "title": t.title,
                "description": t.description,
                "entered_for_you": t.on_behalf_of_id == user.pk and t.submitted_by_id != user.pk,
                "channel": str(t.passed_on),
                "submitted_at": t.submitted_at,
                "status": t.get_status_display(),
                "answer": t.answer,
            }
            for t in topics
        ],
        "votes": [{"topic": v.topic.title, "body": v.topic.body.name, "at": v.at} for v in votes],
    }


def topic_region_ids(user: User) -> set[int]:
    from inspraak.topics.models import TopicVote

    topics = _own_topics(user).values_list("body__region_id", flat=True)
    votes = TopicVote.objects.filter(user=user).values_list("topic__body__region_id", flat=True)
    return set(topics) | set(votes)


def erase_topics(user: User) -> None:
    from inspraak.topics.models import TopicEvent, TopicVote

    votes, _n = TopicVote.objects.filter(user=user).delete()
    own = _own_topics(user)
    on_agenda = own.filter(Q(meeting__isnull=False) | Q(agenda_item__isnull=False))
    kept_titles = on_agenda.exclude(description=TEXT_REMOVED).update(description=TEXT_REMOVED)
    others = own.exclude(pk__in=on_agenda.values("pk")).exclude(title=TOPIC_TITLE_REMOVED)
    replaced = others.exclude(answer="").update(
        title=TOPIC_TITLE_REMOVED, description=TEXT_REMOVED, answer=TEXT_REMOVED, readability_score=None
    )
    replaced += others.filter(answer="").update(
        title=TOPIC_TITLE_REMOVED, description=TEXT_REMOVED, readability_score=None
    )
    notes = TopicEvent.objects.filter(topic__in=own.values("pk")).exclude(note="").update(note="")
    _audit(user, "topics", {"votes": votes, "texts": kept_titles + replaced, "titles": replaced, "notes": notes})


TOPIC_LABELS = {
    "topics": _("Onderwerpen die u aanmeldde"),
    "body": _("Groep"),
    "title": _("Onderwerp"),
    "description": _("Uitleg"),
    "entered_for_you": _("Voor u aangemeld door de secretaris"),
    "channel": _("Hoe u het doorgaf"),
    "submitted_at": _("Aangemeld op"),
    "answer": _("Antwoord"),
    "votes": _("Uw stemmen"),
    "topic": _("Onderwerp"),
}

# ---------------------------------------------------------------- comments on draft advice


def export_comments(user: User) -> list[dict]:
    """The person's comments on draft advice. 1 query."""
    from inspraak.advice.models import AdviceComment

    rows = AdviceComment.objects.filter(author=user).select_related("advice__body").order_by("at", "id")
    return [{"advice": c.advice.subject, "body": c.advice.body.name, "text": c.text, "at": c.at} for c in rows]


def comment_region_ids(user: User) -> set[int]:
    from inspraak.advice.models import AdviceComment

    return set(AdviceComment.objects.filter(author=user).values_list("advice__body__region_id", flat=True))


def erase_comments(user: User) -> None:
    from inspraak.advice.models import AdviceComment

    count = AdviceComment.objects.filter(author=user).update(text=TEXT_REMOVED, author=None)
    _audit(user, "advice", {"comments": count})


COMMENT_LABELS = {
    "advice": _("Advies"),
    "body": _("Groep"),
    "text": _("Uw opmerking"),
}

# ---------------------------------------------------------------- attendance


def export_attendance(user: User) -> list[dict]:
    """Whether the person was at each meeting. 1 query."""
    from inspraak.records.models import Attendance

    rows = Attendance.objects.filter(user=user).select_related("meeting__body").order_by("meeting__starts_at", "id")
    return [{**_meeting_fields(a.meeting), "presence": a.get_presence_display()} for a in rows]


def attendance_region_ids(user: User) -> set[int]:
    from inspraak.records.models import Attendance

    return set(Attendance.objects.filter(user=user).values_list("meeting__body__region_id", flat=True))


def erase_attendance(user: User) -> None:
    from inspraak.records.models import Attendance

    count, _n = Attendance.objects.filter(user=user).delete()
    _audit(user, "records", {"attendance": count})


ATTENDANCE_LABELS = {**MEETING_LABELS, "presence": _("Aanwezig")}

# ---------------------------------------------------------------- texts of others that name the person


@dataclass(frozen=True)
class Mention:
    """A text written by someone else that names the person: where it is, and a link to redact it."""

    kind: str
    title: str
    body: str
    date: object
    url: str


@dataclass(frozen=True)
class _Scan:
    """Where to look for a name: a model, its text fields, the path to its body, and how to show and link a row."""

    model: str
    fields: tuple[str, ...]
    body_path: str  # "meeting__body"
    kind: Any
    title: Callable[[Any], str]
    date: Callable[[Any], Any]
    url_name: str
    url_pk: Callable[[Any], dict]


def _pk(path: str) -> Callable[[Any], dict]:
    return lambda row: {"pk": attrgetter(path)(row)}


SCANS = (
    _Scan("records.Minutes", ("text", "public_text"), "meeting__body", _("Verslag"),
          attrgetter("meeting.title"), attrgetter("meeting.starts_at"), "records:minutes", _pk("meeting_id")),
    _Scan("records.FeedbackReport", ("topics_text", "views_text", "agreements_text"), "meeting__body",
          _("Terugkoppeling aan de GR"), attrgetter("meeting.title"), attrgetter("meeting.starts_at"),
          "records:feedback", _pk("meeting_id")),
    _Scan("records.Agreement", ("description", "owner", "note"), "body", _("Afspraak"),
          lambda a: a.description[:80], attrgetter("created_at"), "records:agreement", _pk("pk")),
    _Scan("agenda.AgendaItem", ("title", "summary", "presenter"), "meeting__body", _("Agendapunt"),
          attrgetter("title"), attrgetter("meeting.starts_at"), "agenda:agenda",
          lambda i: {"meeting": i.meeting_id}),
    _Scan("agenda.MeetingDocument", ("title", "summary", "page_text"), "item__meeting__body", _("Stuk bij de agenda"),
          attrgetter("title"), attrgetter("available_at"), "agenda:document", _pk("pk")),
    _Scan("advice.Advice", ("subject", "text", "follow_up"), "body", _("Advies"),
          attrgetter("subject"), attrgetter("created_at"), "advice:detail", _pk("pk")),
    _Scan("advice.Recommendation", ("text",), "advice__body", _("Aanbeveling in een advies"),
          attrgetter("advice.subject"), attrgetter("advice.created_at"), "advice:detail", _pk("advice_id")),
    _Scan("topics.Topic", ("title", "description", "answer"), "body", _("Onderwerp van een ander lid"),
          attrgetter("title"), attrgetter("submitted_at"), "topics:detail", _pk("pk")),
)  # fmt: skip


def _surname_filter(fields: tuple[str, ...], name: str) -> Q:
    """A cheap database pre-filter: the last word of the name as written or without diacritics, in any field."""
    words = name.split()
    variants = {words[-1], names.normalise(words[-1])} if words else set()
    query = Q(pk__in=[])
    for field in fields:
        for variant in variants:
            query |= Q(**{f"{field}__icontains": variant})
    return query


def texts_naming(user: User, region_ids: set[int] | frozenset[int]) -> list[Mention]:
    """Texts in ``region_ids`` written by others that name ``user`` (inspraak.core.names.refers_to), oldest first.
    One query per entry of SCANS (8), whatever the number of texts."""
    from django.apps import apps

    name = (user.name or "").strip()
    if user.erased_at is not None or not name or not region_ids:
        return []
    found: list[Mention] = []
    for scan in SCANS:
        model = apps.get_model(scan.model)
        rows = (
            model.objects.filter(**{f"{scan.body_path}__region_id__in": region_ids})
            .filter(_surname_filter(scan.fields, name))
            .select_related(f"{scan.body_path}__region")
        )
        if scan.model == "topics.Topic":  # the person's own topics are erased, not listed
            rows = rows.exclude(Q(on_behalf_of=user) | Q(submitted_by=user, on_behalf_of__isnull=True))
        for row in rows:
            if any(names.refers_to(getattr(row, field) or "", name) for field in scan.fields):
                body = attrgetter(scan.body_path.replace("__", "."))(row)
                url = reverse(scan.url_name, kwargs={"region": body.region.slug, "body": body.slug, **scan.url_pk(row)})
                found.append(Mention(str(scan.kind), scan.title(row) or "", body.name, scan.date(row), url))
    return sorted(found, key=lambda m: (m.date, m.kind, m.title))


def export_mentions(user: User) -> list[dict]:
    """Where texts of others (minutes, agendas, advice, …) name the person, in the regions holding their data."""
    mentions = texts_naming(user, registry.data_region_ids(user))
    return [
        {"kind": m.kind, "title": m.title, "body": m.body, "date": timezone.localtime(m.date).date()} for m in mentions
    ]


def erase_mentions(user: User) -> None:
    """Nothing automatic: the erase page lists these texts so they can be redacted by hand (see the module)."""


MENTION_LABELS = {
    "kind": _("Soort tekst"),
    "title": _("Titel"),
    "body": _("Groep"),
    "date": _("Datum"),
}

# ---------------------------------------------------------------- models whose user link is a staff record

STAFF_RECORD = "covered: no personal data beyond the actor link, kept as staff record"
COVERED = {
    "admin.LogEntry": "the platform operator's actions in the technical admin (staff only); rows about the person "
    "lose their label at erasure (erase_admin_log)",
    "members.MembershipEvent": f"{STAFF_RECORD}: who changed a membership; the history itself is the members part",
    "members.ConsentRecord": f"{STAFF_RECORD}: who recorded a consent statement; the statements are in the members "
    "part (proof of a withdrawal)",
    "recruitment.Vacancy": f"{STAFF_RECORD}: who opened the vacancy",
    "recruitment.Draw": f"{STAFF_RECORD}: who ran the draw (numbers only)",
    "recruitment.ApplicationEvent": f"{STAFF_RECORD}: who changed an application; reasons are emptied by the "
    "recruitment part",
    "policy.Proposal": f"{STAFF_RECORD}: the officer who owns or created the proposal (work data)",
    "policy.ProposalEvent": f"{STAFF_RECORD}: who changed the proposal",
    "advice.AdviceRequest": f"{STAFF_RECORD}: the officer who is the contact or created the request (work data)",
    "advice.RequestDocument": f"{STAFF_RECORD}: who uploaded the document",
    "advice.Advice": f"{STAFF_RECORD}: who created the draft; names in the text are listed for redaction",
    "advice.AdviceEvent": f"{STAFF_RECORD}: who changed the advice (field names only)",
    "advice.Response": f"{STAFF_RECORD}: the officer who recorded the response",
    "meetings.Meeting": f"{STAFF_RECORD}: who planned the meeting",
    "meetings.MeetingEvent": f"{STAFF_RECORD}: who changed the meeting",
    "topics.TopicEvent": f"{STAFF_RECORD}: who moved a topic; notes of the person's own topics are emptied by the "
    "topics part",
    "agenda.AgendaItem": f"{STAFF_RECORD}: who added the item; names in the text are listed for redaction",
    "agenda.MeetingDocument": f"{STAFF_RECORD}: who uploaded the document; names in the text are listed for redaction",
    "records.Minutes": f"{STAFF_RECORD}: who wrote the minutes; names in the text are listed for redaction",
    "records.Agreement": f"{STAFF_RECORD}: who wrote down the agreement; names are listed for redaction",
    "records.FeedbackReport": f"{STAFF_RECORD}: who wrote the report; names are listed for redaction",
    "records.RecordEvent": f"{STAFF_RECORD}: who took a step in the meeting record",
    "bylaws.Bylaw": f"{STAFF_RECORD}: who recorded a verordening",
    "bylaws.BylawEvent": f"{STAFF_RECORD}: who changed a verordening",
    "annualreports.AnnualReport": f"{STAFF_RECORD}: who started and published the annual report (texts name no client)",
    "annualreports.AnnualReportEvent": f"{STAFF_RECORD}: who changed the annual report",
    "audit.AuditEvent": "the audit log (actor id, never a name); the person's own actions are in the accounts part",
}


def erase_admin_log(user: User) -> None:
    """Rows of the technical admin's log about the person carry ``str(person)`` as label: replace it by a number."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(type(user)), object_id=str(user.pk)).update(
        object_repr=f"persoon #{user.pk}"
    )


# name, title, exporter, eraser, regions, labels, order, models
PARTS = (
    ("agenda", _("Uitnodigingen en antwoorden"), export_agenda, erase_agenda, agenda_region_ids, AGENDA_LABELS, 30,
     ("agenda.Invitation", "agenda.Reply")),
    ("topics", _("Onderwerpen en stemmen"), export_topics, erase_topics, topic_region_ids, TOPIC_LABELS, 40,
     ("topics.Topic", "topics.TopicVote")),
    ("advice", _("Opmerkingen bij concept-adviezen"), export_comments, erase_comments, comment_region_ids,
     COMMENT_LABELS, 50, ("advice.AdviceComment",)),
    ("records", _("Aanwezigheid bij bijeenkomsten"), export_attendance, erase_attendance, attendance_region_ids,
     ATTENDANCE_LABELS, 60, ("records.Attendance",)),
    ("mentions", _("Teksten van anderen die uw naam noemen"), export_mentions, erase_mentions, None, MENTION_LABELS,
     90, ()),
)  # fmt: skip


def register_parts() -> None:
    for name, title, exporter, eraser, regions, labels, order, models in PARTS:
        registry.register(
            name, title=title, exporter=exporter, eraser=eraser, regions=regions, labels=labels, order=order,
            models=models,
        )  # fmt: skip
    for label, reason in COVERED.items():
        registry.cover(label, reason=reason)
