"""Reads for agendas, documents, invitations and replies. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields

from django.db.models import FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.agenda.models import NEED_FLAGS, AgendaItem, Invitation, ItemSource, MeetingDocument, Reply
from inspraak.agenda.permissions import OPEN_STATUSES, PUBLISHED_STATUSES
from inspraak.core import names
from inspraak.core.documents import kind_for_content_type
from inspraak.core.prepared import fields_of, instances, prepared_rows
from inspraak.core.readability import from_score
from inspraak.meetings import rules as meeting_rules
from inspraak.meetings import selectors as meeting_selectors
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members import selectors as member_selectors
from inspraak.members.models import Membership
from inspraak.members.models import Status as MembershipStatus
from inspraak.regions.models import Body, Municipality
from inspraak.topics.models import Topic, TopicStatus


@dataclass(frozen=True)
class Timeliness:
    on_time: bool
    days_late: int


def timeliness(document: MeetingDocument, meeting: Meeting, body: Body, *, meeting_on=None) -> Timeliness:
    """``meeting_on``: the meeting's local date, when the caller has it already (an agenda of 60 documents)."""
    on_time, late = meeting_rules.document_timeliness(
        available_on=timezone.localtime(document.available_at).date(),
        meeting_on=meeting_on or timezone.localtime(meeting.starts_at).date(),
        days_before=body.documents_days_before,
    )
    return Timeliness(on_time, late)


def published_meeting(body: Body, pk: int) -> Meeting:
    """A meeting whose agenda is public (published, held or minutes approved); otherwise 404. 1 query."""
    meeting = meeting_selectors.meeting_in(body, pk)
    if meeting.status not in PUBLISHED_STATUSES:
        raise Http404
    return meeting


# Which documents each kind of reader sees (``documents`` of meeting_agenda).
_SHOWN_DOCUMENTS = {
    "all": Q(),
    "members": Q(documents__for_members=True) | Q(documents__public=True),
    "public": Q(documents__public=True),
}
_SOURCES = dict(ItemSource.choices)


@dataclass(frozen=True)
class AgendaMunicipality:
    pk: int
    name: str


@dataclass(eq=False)
class AgendaLine:
    """An item as the agenda pages show it (members', supporters' and the public one). The fields up to
    ``requested_by_municipality_id`` are the AgendaItem columns read, in this order; then ``requested_by_municipality``
    (with ``name``, or None), ``meeting``, ``shown_documents``, ``late_count`` and ``readability``. Plain attributes:
    an agenda of 20 items and 60 documents makes no model instances."""

    pk: int
    meeting_id: int
    position: int
    title: str
    summary: str
    summary_readability: int | None
    source: str
    theme: str
    starts_at: datetime.time | None
    presenter: str
    requested_by_municipality_id: int | None
    requested_by_municipality: AgendaMunicipality | None = None
    meeting: Meeting | None = None
    shown_documents: list[AgendaDocumentLine] = field(default_factory=list)
    late_count: int = 0

    def __post_init__(self):
        self.id = self.pk
        self.readability = from_score(self.summary_readability)

    def get_source_display(self) -> str:
        return str(_SOURCES.get(self.source, self.source))


@dataclass(eq=False)
class AgendaDocumentLine:
    """A document as the agenda pages show it. The fields up to ``available_at`` are the MeetingDocument columns
    read, in this order; then its ``item``, ``readability``, ``extension`` and (for who edits the agenda)
    ``timeliness``. Plain attributes."""

    pk: int
    item_id: int
    title: str
    content_type: str
    size: int
    summary: str
    summary_readability: int | None
    for_members: bool
    public: bool
    available_at: datetime.datetime
    item: AgendaLine | None = None

    def __post_init__(self):
        self.id = self.pk
        self.readability = from_score(self.summary_readability)
        kind = kind_for_content_type(self.content_type)
        self.extension = kind.extension if kind else ""


def _columns(line_class, last: str) -> tuple[str, ...]:
    """The model columns a line class holds: its fields up to ``last``."""
    names = [item.name for item in fields(line_class)]
    return tuple(names[: names.index(last) + 1])


_ITEM_COLUMNS = _columns(AgendaLine, "requested_by_municipality_id")
_DOCUMENT_COLUMNS = _columns(AgendaDocumentLine, "available_at")


def _agenda_lines(documents: str):
    def build(meeting: int):
        return (
            AgendaItem.objects.filter(meeting_id=meeting)
            .annotate(shown=FilteredRelation("documents", condition=_SHOWN_DOCUMENTS[documents]))
            .order_by("position", "pk", "shown__available_at", "shown__id")
            .values_list(
                *_ITEM_COLUMNS,
                "requested_by_municipality__name",
                *(f"shown__{name}" for name in _DOCUMENT_COLUMNS),
            )
        )

    return build


def meeting_agenda(meeting: Meeting, *, documents: str = "members", with_timeliness: bool = False) -> dict:
    """The items in order (``AgendaLine``) with their municipality and documents (``AgendaDocumentLine``). 1 query
    (core.prepared): the items joined to the documents the reader may see.

    ``documents``: "all" (supporters and officers), "members" (documents for members and public ones) or "public"
    (public documents only). With ``with_timeliness`` each document carries ``timeliness`` and each item
    ``late_count``; the result holds ``late_total``.
    """
    lines = prepared_rows(("agenda.meeting_agenda", documents), _agenda_lines(documents), meeting=meeting.pk)
    items: list[AgendaLine] = []
    width = len(_ITEM_COLUMNS)
    late_total = 0
    zone = timezone.get_current_timezone()
    meeting_on = meeting.starts_at.astimezone(zone).date()
    days_before = meeting.body.documents_days_before
    item = None
    for line in lines:
        if item is None or item.pk != line[0]:
            item = AgendaLine(*line[:width], meeting=meeting)
            if item.requested_by_municipality_id is not None:
                item.requested_by_municipality = AgendaMunicipality(item.requested_by_municipality_id, line[width])
            items.append(item)
        if line[width + 1] is None:
            continue  # an item without documents (for this reader)
        document = AgendaDocumentLine(*line[width + 1 :], item=item)
        item.shown_documents.append(document)
        if with_timeliness:
            on_time, late = meeting_rules.document_timeliness(
                available_on=document.available_at.astimezone(zone).date(),
                meeting_on=meeting_on,
                days_before=days_before,
            )
            document.timeliness = Timeliness(on_time, late)
            if not on_time and document.for_members:
                item.late_count += 1
                late_total += 1
    return {"items": items, "late_total": late_total}


def item_in(meeting: Meeting, pk: int) -> AgendaItem:
    """1 query."""
    item = AgendaItem.objects.filter(meeting=meeting, pk=pk).select_related("topic").first()
    if item is None:
        raise Http404
    item.meeting = meeting
    return item


def document_in(body: Body, pk: int) -> MeetingDocument:
    """A document of one of ``body``'s meetings, with its item and meeting. 1 query."""
    document = (
        MeetingDocument.objects.filter(item__meeting__body=body, pk=pk).select_related("item", "item__meeting").first()
    )
    if document is None:
        raise Http404
    document.item.meeting.body = body
    return document


def topics_for_agenda(meeting: Meeting) -> QuerySet[Topic]:
    """Topics that can become an item of this meeting (a lazy queryset for a form, 1 query when read): open topics
    of the body, and topics already put on this meeting that have no item yet (those first)."""
    return (
        Topic.objects.filter(body_id=meeting.body_id, agenda_item__isnull=True)
        .filter(Q(status=TopicStatus.SUBMITTED) | Q(status=TopicStatus.ON_AGENDA, meeting=meeting))
        .order_by("status", "-submitted_at", "-pk")
    )


def open_meetings(body: Body) -> QuerySet[Meeting]:
    """Meetings whose agenda can still change, soonest first (a lazy queryset for a form, 1 query when read)."""
    return Meeting.objects.filter(body=body, status__in=OPEN_STATUSES, ends_at__gte=timezone.now()).order_by(
        "starts_at", "pk"
    )


def region_municipalities(body: Body) -> QuerySet[Municipality]:
    """The region's municipalities (a lazy queryset for a form, 1 query when read)."""
    return Municipality.objects.filter(region_id=body.region_id).order_by("name")


def advice_request_for(body: Body, pk: int):
    """An advice request to ``body`` with its proposal. 1 query."""
    from inspraak.advice.models import AdviceRequest

    request = AdviceRequest.objects.filter(body=body, pk=pk).select_related("proposal").first()
    if request is None:
        raise Http404
    request.body = body
    return request


def advice_request_meetings(request) -> set[int]:
    """The meetings this advice request is on already. 1 query."""
    return set(AgendaItem.objects.filter(advice_request=request).values_list("meeting_id", flat=True))


# ---------------------------------------------------------------- invitations and replies


def _invitation_lines(meeting: int):
    from inspraak.core.models import OutgoingEmail

    delivery = (
        OutgoingEmail.objects.filter(purpose=Invitation.EMAIL_PURPOSE, object_id=OuterRef("pk"))
        .order_by("-pk")
        .values("status")
    )
    return (
        Invitation.objects.filter(meeting_id=meeting)
        .annotate(delivery=Subquery(delivery[:1]))
        .order_by("user__name", "pk")
        .values_list("channel", "delivery", "user__name")
    )


def invitation_counts(meeting: Meeting) -> dict:
    """How many members were invited by email and by letter, how many emails are still on their way, and who did
    not get theirs (delivery failed for good: the secretary can try again, call or write). 1 query (core.prepared)."""
    from inspraak.core.models import OutgoingEmail

    rows = prepared_rows("agenda.invitation_counts", _invitation_lines, meeting=meeting.pk)
    counts = {Invitation.Channel.EMAIL: 0, Invitation.Channel.LETTER: 0}
    pending, failed = 0, []
    for channel, status, name in rows:
        counts[channel] = counts.get(channel, 0) + 1
        pending += status == OutgoingEmail.Status.QUEUED
        if status == OutgoingEmail.Status.FAILED:
            failed.append(name)
    return {
        "emails": counts[Invitation.Channel.EMAIL],
        "letters": counts[Invitation.Channel.LETTER],
        "pending": pending,
        "failed": failed,
    }


def _reply_of(meeting: int, user: int):
    return Reply.objects.filter(meeting_id=meeting, user_id=user).order_by().values_list(*fields_of(Reply))[:1]


def own_reply(meeting: Meeting, user) -> Reply | None:
    """The person's reply to the meeting, or None. 1 query (core.prepared: every agenda page of a member)."""
    found = instances(Reply, prepared_rows("agenda.own_reply", _reply_of, meeting=meeting.pk, user=user.pk))
    return found[0] if found else None


NEED_FIELDS = NEED_FLAGS


def _member_rows(body_id: int):
    return RoleAssignment.objects.filter(body_id=body_id, role=Role.MEMBER, user__is_active=True)


def _contact_phone():
    """The phone number on the member's open membership of the body, as an annotation (the secretary calls)."""
    return Subquery(
        Membership.objects.filter(body_id=OuterRef("body_id"), user_id=OuterRef("user_id"))
        .exclude(status=MembershipStatus.ENDED)
        .order_by("-pk")
        .values("contact_phone")[:1]
    )


def reply_overview(meeting: Meeting, *, with_names: bool) -> dict:
    """Counts per answer and per need, how many replies have needs still to arrange, and (``with_names``) who
    replied what (how it reached the body, who recorded it, what was arranged) and who did not reply yet, with
    their phone number. 2 queries.

    Without names no person is loaded at all.
    """
    reply_rows = Reply.objects.filter(meeting=meeting).order_by("pk")
    member_rows = _member_rows(meeting.body_id)
    if with_names:
        reply_rows = reply_rows.select_related("user", "recorded_by", "arranged_by")
        member_rows = (
            member_rows.select_related("user").annotate(phone=_contact_phone()).order_by("user__name", "user_id")
        )
    else:
        member_rows = member_rows.only("user_id")
    replies, members = list(reply_rows), list(member_rows)
    answers = {value: 0 for value in Reply.Answer.values}
    needs = dict.fromkeys(NEED_FIELDS, 0)
    needs["needs_other"] = 0
    to_arrange = 0
    for reply in replies:
        answers[reply.answer] += 1
        if reply.answer == Reply.Answer.NO:
            continue
        for name in NEED_FIELDS:
            needs[name] += int(getattr(reply, name))
        needs["needs_other"] += int(bool(reply.needs_other))
        to_arrange += int(reply.has_needs and reply.arranged_at is None)
    replied = {reply.user_id for reply in replies}
    result = {
        "answers": [(value, label, answers[value]) for value, label in Reply.Answer.choices],
        "needs": [
            (name, Reply._meta.get_field(name).verbose_name, needs[name]) for name in (*NEED_FIELDS, "needs_other")
        ],
        "not_replied": len({m.user_id for m in members} - replied),
        "total": len({m.user_id for m in members}),
        "to_arrange": to_arrange,
    }
    if with_names:
        result["replies"] = sorted(replies, key=lambda r: (r.user.name, r.pk))
        missing: dict[int, RoleAssignment] = {}
        for row in members:
            if row.user_id not in replied:
                row.user.phone = row.phone
                missing.setdefault(row.user_id, row.user)
        result["missing"] = list(missing.values())
    return result


def is_member(body: Body, user) -> bool:
    """An active member of the body (who can reply to its invitations). 1 query."""
    return _member_rows(body.pk).filter(user_id=user.pk).exists()


def member_in(meeting: Meeting, pk: int):
    """An active member of the meeting's body, with their phone number (``phone``) and reply (``reply``, or None),
    for recording a reply on their behalf; 404 for anyone else. 2 queries."""
    row = (
        _member_rows(meeting.body_id)
        .filter(user_id=pk)
        .select_related("user")
        .annotate(phone=_contact_phone())
        .order_by("pk")
        .first()
    )
    if row is None:
        raise Http404
    person = row.user
    person.phone = row.phone
    person.reply = Reply.objects.filter(meeting=meeting, user=person).select_related("recorded_by").first()
    return person


def reply_in(meeting: Meeting, pk: int) -> Reply:
    """A reply to this meeting, with its member; 404 for another meeting's. 1 query."""
    reply = Reply.objects.filter(meeting=meeting, pk=pk).select_related("user", "arranged_by", "recorded_by").first()
    if reply is None:
        raise Http404
    return reply


# ---------------------------------------------------------------- compliance


@dataclass(frozen=True)
class LateDocument:
    document: MeetingDocument
    meeting: Meeting
    days_late: int


def late_documents(body: Body, year: int) -> list[LateDocument]:
    """Documents for members that came later than ``Body.documents_days_before`` days before their meeting, for
    the meetings of ``body`` in ``year`` that were not cancelled (art. 47 e). 1 query."""
    documents = (
        MeetingDocument.objects.filter(item__meeting__body=body, item__meeting__starts_at__year=year, for_members=True)
        .exclude(item__meeting__status=MeetingStatus.CANCELLED)
        .select_related("item", "item__meeting")
        .defer("page_text")
        .order_by("item__meeting__starts_at", "item__position", "available_at", "pk")
    )
    late = []
    for document in documents:
        meeting = document.item.meeting
        meeting.body = body
        result = timeliness(document, meeting, body)
        if not result.on_time:
            late.append(LateDocument(document, meeting, result.days_late))
    return late


def meeting_agenda_titles(meeting: Meeting) -> list[AgendaItem]:
    """Only the titles and times, in order (for the meeting page). 1 query."""
    return list(
        AgendaItem.objects.filter(meeting=meeting).only("position", "title", "starts_at").order_by("position", "pk")
    )


def names_in_public_agenda(meeting: Meeting) -> list[str]:
    """The words of the agenda's public texts (item titles, explanations and presenters; titles, summaries and
    page texts of public documents) that name a client who did not agree to be named publicly
    (inspraak.core.names). 4 queries."""
    texts: list[str] = []
    for title, summary, presenter in AgendaItem.objects.filter(meeting=meeting).values_list(
        "title", "summary", "presenter"
    ):
        texts += [title, summary, presenter]
    for title, summary, page_text in MeetingDocument.objects.filter(item__meeting=meeting, public=True).values_list(
        "title", "summary", "page_text"
    ):
        texts += [title, summary, page_text]
    return names.fragments(texts, member_selectors.private_client_names(meeting.body))
