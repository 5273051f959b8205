"""Writes for agendas, documents, invitations and replies.

Each is keyword-only and atomic, writes one audit row (labels never hold names) and queues emails after commit.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.accounts.permissions import code_login_fits
from inspraak.accounts.services import IssuedCode, login_code_issue
from inspraak.agenda import rules, selectors
from inspraak.agenda.models import NEED_FLAGS, AgendaItem, Invitation, ItemSource, MeetingDocument, Reply
from inspraak.agenda.permissions import OPEN_STATUSES
from inspraak.audit.services import audit_record
from inspraak.core import documents, files, names
from inspraak.core.channels import ON_BEHALF, Channel
from inspraak.core.errors import ServiceError
from inspraak.core.links import absolute_url
from inspraak.core.mail import queue_email
from inspraak.core.readability import score_of
from inspraak.core.versioning import claim_version
from inspraak.letters import notices
from inspraak.letters.models import Letter as PaperLetter
from inspraak.letters.notices import Told
from inspraak.letters.services import LetterError, letter_add, notify_member
from inspraak.letters.services import letters_print as paper_letters_print
from inspraak.meetings import ics
from inspraak.meetings import selectors as meeting_selectors
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.meetings.services import meeting_set_status
from inspraak.members import selectors as member_selectors
from inspraak.topics.models import Theme, TopicStatus
from inspraak.topics.services import TopicError, topic_put_on_agenda

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.advice.models import AdviceRequest
    from inspraak.topics.models import Topic

# The invitation: email (subject, text) and, for members without email, the paper letter (letters app).
INVITATION_TEMPLATE = "agenda/email/invitation"
ITEM_FIELDS = ("title", "summary", "starts_at", "presenter", "source", "requested_by_municipality", "theme")
# Sources a person chooses in the item form; topics and advice requests have their own action.
FREE_SOURCES = (
    ItemSource.FACILITATOR,
    ItemSource.SECRETARY,
    ItemSource.GR,
    ItemSource.MUNICIPALITY,
    ItemSource.AGREEMENTS,
)


class AgendaError(ServiceError):
    """A step that does not fit; ``code`` says which (the views' ``ERRORS``). ``client_named`` carries
    ``fragments``: the words that name a client, as written."""


def _check_public_item(meeting: Meeting, *texts: str) -> None:
    """Once the agenda is public, an item's title, explanation and presenter must not name a client who did not
    agree to be named publicly (inspraak.core.names)."""
    if meeting.status == MeetingStatus.PLANNED:
        return
    found = names.fragments(texts, member_selectors.private_client_names(meeting.body))
    if found:
        raise AgendaError("client_named", fragments=found)


def _label(meeting: Meeting) -> str:
    return f"agenda bijeenkomst #{meeting.pk} – {meeting.body.name}"


def _check_open(meeting: Meeting) -> None:
    if meeting.status not in OPEN_STATUSES:
        raise AgendaError("closed")


_score = score_of


def _audit(action: str, *, by, target, meeting: Meeting, changed_fields=()) -> None:
    audit_record(
        actor=by,
        action=action,
        target=target,
        region=meeting.body.region,
        changed_fields=changed_fields,
        label=_label(meeting),
    )


# ---------------------------------------------------------------- items


def _next_position(meeting: Meeting) -> int:
    return (AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0) + 1


def _create_item(*, meeting: Meeting, by: User, title: str, source: str, **fields: Any) -> AgendaItem:
    title = title.strip()
    if not title:
        raise AgendaError("empty")
    summary = (fields.pop("summary", "") or "").strip()
    _check_public_item(meeting, title, summary, fields.get("presenter", ""))
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=_next_position(meeting),
        title=title,
        summary=summary,
        summary_readability=_score(summary),
        source=source,
        created_by=by,
        **fields,
    )
    _audit("agenda.item_add", by=by, target=item, meeting=meeting)
    item.told = _tell_agenda_changed(meeting, by=by, added=item.title)
    return item


def _tell_agenda_changed(meeting: Meeting, *, by: User | None, added: str = "", removed: str = "") -> Told | None:
    """After an item is added to or removed from a published agenda, every member gets the whole current agenda:
    an email, or a letter (a pending agenda letter for this meeting is replaced, so a member on paper gets one
    letter with the latest agenda). One message per added or removed item; editing an item's text tells nobody.
    None while the agenda is not published (the invitation carries the agenda)."""
    if meeting.status != MeetingStatus.AGENDA_PUBLISHED:
        return None
    return notices.tell_members(
        body=meeting.body,
        people=meeting_selectors.body_people(meeting.body, roles=[Role.MEMBER]),
        kind=PaperLetter.Kind.AGENDA_CHANGED,
        template_prefix="agenda/email/agenda_changed",
        context={
            "meeting": meeting,
            "items": list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk")),
            "added": added,
            "removed": removed,
            "url": agenda_url(meeting),
        },
        path=reverse("agenda:agenda", args=[meeting.body.region.slug, meeting.body.slug, meeting.pk]),
        object_id=meeting.pk,
        by=by,
    )


@transaction.atomic
def item_add(
    *,
    meeting: Meeting,
    title: str,
    source: str,
    by: User,
    summary: str = "",
    starts_at: datetime.time | None = None,
    presenter: str = "",
    requested_by_municipality=None,
    theme: str = "",
) -> AgendaItem:
    """An item from the facilitator or secretary, requested by the GR or a municipality, or earlier agreements."""
    _check_open(meeting)
    if source not in FREE_SOURCES:
        raise AgendaError("source")
    if theme and theme not in Theme.values:
        raise AgendaError("theme")
    if source == ItemSource.MUNICIPALITY:
        if requested_by_municipality is None or requested_by_municipality.region_id != meeting.body.region_id:
            raise AgendaError("municipality")
    else:
        requested_by_municipality = None
    return _create_item(
        meeting=meeting,
        by=by,
        title=title,
        source=source,
        summary=summary,
        starts_at=starts_at,
        presenter=presenter.strip(),
        requested_by_municipality=requested_by_municipality,
        theme=theme,
    )


@transaction.atomic
def item_add_topic(
    *,
    meeting: Meeting,
    topic: Topic,
    by: User,
    summary: str = "",
    starts_at: datetime.time | None = None,
    presenter: str = "",
) -> AgendaItem:
    """A member's topic as an item. An open topic is put on this meeting in the same step (the member is told)."""
    _check_open(meeting)
    if topic.body_id != meeting.body_id:
        raise AgendaError("topic")
    if AgendaItem.objects.filter(topic=topic).exists():
        raise AgendaError("topic_has_item")
    if topic.status == TopicStatus.SUBMITTED:
        topic_put_on_agenda(topic=topic, meeting=meeting, by=by)
    elif not (topic.status == TopicStatus.ON_AGENDA and topic.meeting_id == meeting.pk):
        raise AgendaError("topic")
    return _create_item(
        meeting=meeting,
        by=by,
        title=topic.title,
        source=ItemSource.TOPIC,
        summary=summary,
        starts_at=starts_at,
        presenter=presenter.strip(),
        topic=topic,
        theme=topic.theme,  # the item takes the topic's theme
    )


# What a refused agenda step means for the topic handling form (topics.views.ERRORS).
_TOPIC_CODES = {"closed": "meeting", "topic": "not_open", "topic_has_item": "not_open", "client_named": "client_named"}


@transaction.atomic
def topic_on_agenda_with_item(*, topic: Topic, meeting: Meeting, by: User) -> AgendaItem:
    """The topic handling form's "op de agenda" in one step (registered in ``topics.services.AGENDA_STEPS``): the
    topic goes on the meeting and the agenda gets its item, unless the item is already there. Refusals come as
    ``TopicError`` with the topic form's codes."""
    existing = AgendaItem.objects.filter(topic=topic, meeting=meeting).first()
    if existing is not None:
        return existing
    try:
        return item_add_topic(meeting=meeting, topic=topic, by=by)
    except AgendaError as error:
        raise TopicError(_TOPIC_CODES.get(error.code, "meeting"), **error.params) from error


@transaction.atomic
def agenda_item_from_request(*, request: AdviceRequest, meeting: Meeting, by: User) -> AgendaItem:
    """Put an advice request to this body on a meeting's agenda in one action. Refused when it is already there."""
    from inspraak.advice.models import RequestStatus

    _check_open(meeting)
    if request.body_id != meeting.body_id or request.status != RequestStatus.OPEN:
        raise AgendaError("request")
    if AgendaItem.objects.filter(meeting=meeting, advice_request=request).exists():
        raise AgendaError("request_on_agenda")
    proposal = request.proposal
    return _create_item(
        meeting=meeting,
        by=by,
        title=proposal.title[:200],
        source=ItemSource.ADVICE_REQUEST,
        advice_request=request,
        requested_by_municipality=proposal.municipality,
    )


@transaction.atomic
def item_update(*, item: AgendaItem, by: User, version: int | None = None, **fields: Any) -> AgendaItem:
    """Change an item, based on ``version`` (StaleEdit when someone else saved it since; None: no check)."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    meeting = item.meeting
    _check_open(meeting)
    # The source of a topic or advice request item stays what it is.
    if "source" in fields and (
        item.source in (ItemSource.TOPIC, ItemSource.ADVICE_REQUEST) or fields["source"] not in FREE_SOURCES
    ):
        fields.pop("source")
    source = fields.get("source", item.source)
    if source != ItemSource.MUNICIPALITY and item.source != ItemSource.ADVICE_REQUEST:
        fields["requested_by_municipality"] = None
    elif source == ItemSource.MUNICIPALITY and fields.get("requested_by_municipality", 1) is None:
        raise AgendaError("municipality")
    for key in ("title", "summary", "presenter"):
        if key in fields:
            fields[key] = (fields[key] or "").strip()
    if "title" in fields and not fields["title"]:
        raise AgendaError("empty")
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    if not changed:
        return item
    _check_public_item(meeting, *(fields[key] for key in ("title", "summary", "presenter") if key in changed))
    for name in changed:
        setattr(item, name, fields[name])
    if "summary" in changed:
        item.summary_readability = _score(item.summary)
        changed.append("summary_readability")
    claim_version(item, version)
    item.save(update_fields=changed)
    _audit("agenda.item_update", by=by, target=item, meeting=meeting, changed_fields=changed)
    return item


@transaction.atomic
def item_move(*, item: AgendaItem, direction: str, by: User) -> AgendaItem:
    """Swap with the item above ("up") or below ("down"). At the top or bottom nothing changes."""
    meeting = item.meeting
    _check_open(meeting)
    items = list(AgendaItem.objects.select_for_update(of=("self",)).filter(meeting=meeting).order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1 if direction == "down" else None
    if target is None:
        raise AgendaError("direction")
    if not 0 <= target < len(items):
        return item
    mine, other = items[index], items[target]
    first, second = mine.position, other.position
    # Through 0 (never used: positions start at 1), because (meeting, position) is unique.
    AgendaItem.objects.filter(pk=mine.pk).update(position=0)
    AgendaItem.objects.filter(pk=other.pk).update(position=first)
    AgendaItem.objects.filter(pk=mine.pk).update(position=second)
    item.position = second
    _audit("agenda.item_move", by=by, target=item, meeting=meeting, changed_fields=["position"])
    return item


@transaction.atomic
def item_remove(*, item: AgendaItem, by: User) -> Told | None:
    """Remove an item with its documents; later items move up. A topic stays on this meeting and can be added
    again. On a published agenda the members get the new agenda: returns how many were told (None: nobody needed
    telling)."""
    meeting = item.meeting
    _check_open(meeting)
    names = [doc.file.name for doc in item.documents.all() if doc.file]
    pk, position = item.pk, item.position
    item.delete()
    item.pk = pk
    for later in AgendaItem.objects.filter(meeting=meeting, position__gt=position).order_by("position"):
        AgendaItem.objects.filter(pk=later.pk).update(position=later.position - 1)
    _audit("agenda.item_remove", by=by, target=item, meeting=meeting)
    storage = MeetingDocument._meta.get_field("file").storage
    transaction.on_commit(lambda: [files.delete(storage, name) for name in names])
    return _tell_agenda_changed(meeting, by=by, removed=item.title)


# ---------------------------------------------------------------- documents


@transaction.atomic
def document_add(
    *,
    item: AgendaItem,
    title: str,
    by: User,
    data: bytes | documents.CheckedDocument | None = None,
    page_text: str = "",
    summary: str = "",
    for_members: bool = True,
    public: bool = False,
) -> MeetingDocument:
    """A file (checked on content: PDF, DOCX, ODT or UTF-8 text, at most 10 MB) or a page written in Inspraak.

    ``data`` is the form's ``CheckedDocument`` (not sniffed again) or plain bytes (checked here). The file is stored
    under a generated name. ``available_at`` is now: the timeliness rule compares it with the meeting day.
    """
    meeting = item.meeting
    _check_open(meeting)
    title, page_text, summary = title.strip(), page_text.strip(), summary.strip()
    if not title:
        raise AgendaError("empty")
    if bool(data) == bool(page_text):
        raise AgendaError("file_or_text")
    if for_members and not summary:
        raise AgendaError("summary")
    if public:  # readable by everyone once the agenda is published
        _check_public_item(meeting, title, summary, page_text)
    document = MeetingDocument(
        item=item,
        title=title,
        page_text=page_text,
        summary=summary,
        summary_readability=_score(summary),
        for_members=for_members,
        public=public,
        available_at=timezone.now(),
        uploaded_by=by,
    )
    if data:
        size = len(data.data if isinstance(data, documents.CheckedDocument) else data)
        if size > documents.MAX_DOCUMENT_BYTES:
            raise AgendaError("too_large")
        checked = documents.check_document(data)  # sniffs only bytes that no form has checked yet
        if checked is None:
            raise AgendaError("file_type")
        document.content_type = checked.kind.content_type
        document.size = size
        try:
            files.save(document.file, f"{uuid.uuid4().hex}.{checked.kind.extension}", checked.data)
        except files.StorageFailed as exc:
            raise AgendaError("storage") from exc
    else:
        document.content_type = "text/html"
        document.size = len(page_text.encode())
    try:
        document.save()
    except Exception:
        if document.file:
            files.delete(document.file.storage, document.file.name)
        raise
    _audit("agenda.document_add", by=by, target=document, meeting=meeting)
    return document


@transaction.atomic
def document_remove(*, document: MeetingDocument, by: User) -> None:
    meeting = document.item.meeting
    _check_open(meeting)
    name = document.file.name if document.file else ""
    pk = document.pk
    document.delete()
    document.pk = pk
    _audit("agenda.document_remove", by=by, target=document, meeting=meeting)
    if name:
        storage = MeetingDocument._meta.get_field("file").storage
        transaction.on_commit(lambda: files.delete(storage, name))


# ---------------------------------------------------------------- publishing and invitations


@dataclass(frozen=True)
class Invited:
    emails: int
    letters: int


def agenda_url(meeting: Meeting) -> str:
    return absolute_url("agenda:agenda", meeting.body.region.slug, meeting.body.slug, meeting.pk)


def reply_url(meeting: Meeting) -> str:
    return absolute_url("agenda:reply", meeting.body.region.slug, meeting.body.slug, meeting.pk)


def reply_path(meeting: Meeting) -> str:
    """The reply page as a path: a paper letter prints it as a short code (core.shortlinks)."""
    return reverse("agenda:reply", args=[meeting.body.region.slug, meeting.body.slug, meeting.pk])


def _items(meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))


def _email_context(meeting: Meeting, person: User, *, items: list[AgendaItem] | None = None) -> dict:
    return {
        "meeting": meeting,
        "body": meeting.body,
        "person": person,
        "items": _items(meeting) if items is None else items,
        "url": agenda_url(meeting),
        "reply_url": reply_url(meeting),
    }


@transaction.atomic
def invitations_send(*, meeting: Meeting, by: User | None) -> Invited:
    """Invite every member who has no invitation for this meeting yet: by email with the meeting as a calendar
    file (METHOD:REQUEST), or, without email, by a letter waiting in the body's post queue (letters app; the
    secretary prints it). Each invitation is recorded."""
    if meeting.status != MeetingStatus.AGENDA_PUBLISHED:
        raise AgendaError("not_published")
    already = set(Invitation.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    members = [m for m in meeting_selectors.body_people(meeting.body, roles=[Role.MEMBER]) if m.pk not in already]
    if not members:
        return Invited(0, 0)
    calendar = ics.meeting_calendar(meeting, method="REQUEST", url=agenda_url(meeting), with_online_link=True).decode()
    items = _items(meeting)
    emails = letters = 0
    for person in members:
        channel = Invitation.Channel.EMAIL if person.email else Invitation.Channel.LETTER
        invitation = Invitation.objects.create(meeting=meeting, user=person, channel=channel, sequence=meeting.sequence)
        sent = notify_member(
            person=person,
            body=meeting.body,
            kind=PaperLetter.Kind.INVITATION,
            template_prefix=INVITATION_TEMPLATE,
            context=_email_context(meeting, person, items=items),
            path=reply_path(meeting),
            ics=calendar,
            ics_method="REQUEST",
            purpose=Invitation.EMAIL_PURPOSE,
            object_id=invitation.pk,
            by=by,
        )
        if sent == "email":
            emails += 1
        else:
            letters += 1
    audit_record(
        actor=by,
        action="agenda.invite",
        target=meeting,
        region=meeting.body.region,
        label=f"{_label(meeting)} – {emails} e-mail, {letters} brief",
    )
    return Invited(emails, letters)


@transaction.atomic
def invitations_retry(*, meeting: Meeting, by: User) -> int:
    """Try the invitation emails of this meeting that failed for good again. Returns how many."""
    from inspraak.core import outbox
    from inspraak.core.selectors import emails_about

    ids = Invitation.objects.filter(meeting=meeting, channel=Invitation.Channel.EMAIL).values_list("pk", flat=True)
    failed = [
        email for email in emails_about(Invitation.EMAIL_PURPOSE, ids).values() if email.status == email.Status.FAILED
    ]
    for email in failed:
        outbox.retry(email=email, by=by)
    return len(failed)


@transaction.atomic
def agenda_publish(*, meeting: Meeting, by: User) -> Invited:
    """Publish the agenda (the meeting moves to "agenda gepubliceerd", kept as history) and invite the members."""
    if meeting.status != MeetingStatus.PLANNED:
        raise AgendaError("not_planned")
    if not AgendaItem.objects.filter(meeting=meeting).exists():
        raise AgendaError("no_items")
    found = selectors.names_in_public_agenda(meeting)
    if found:  # the agenda becomes public: no client named without consent
        raise AgendaError("client_named", fragments=found)
    meeting_set_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED, by=by)
    return invitations_send(meeting=meeting, by=by)


@dataclass(frozen=True)
class Letter:
    """One invitation letter as printed from the meeting page: the paper letter in its batch, and the login code
    printed on it this time (``code``) or the code of an earlier letter that still works (``earlier_code``)."""

    person: User
    address: str
    code: IssuedCode | None
    earlier_code: bool = False  # the code on an earlier letter for this meeting still works: use that one
    letter: PaperLetter | None = None


def code_allowed(person: User, body, role_rows: set[tuple[str, int, int | None]]) -> bool:
    """A new login code on an invitation letter only for someone who never logged in and fits the printed-code rule
    for this body's secretary (accounts.permissions.code_login_fits: no email or password, made in this region,
    only "lid" of this body, no data in another region). One query for the data regions, only for those."""
    if person.email or person.last_login is not None or not person.is_active:
        return False
    if person.is_staff or person.is_superuser:
        return False
    from inspraak.core.privacy_registry import data_region_ids

    regions = {region_id for _role, region_id, _body in role_rows} | data_region_ids(person)
    return code_login_fits(
        person, role_scopes=role_rows, data_region_ids=regions, region_id=body.region_id, body_id=body.pk
    )


def _letter_for_failed_email(meeting: Meeting, invitation: Invitation, items, by: User) -> PaperLetter:
    """The invitation as a paper letter for a member whose email did not arrive (they have an address, so
    ``notify_member`` would email again): the same templates as a letter."""
    context = {"site_url": settings.SITE_URL, **_email_context(meeting, invitation.user, items=items)}
    return letter_add(
        person=invitation.user,
        body=meeting.body,
        kind=PaperLetter.Kind.INVITATION,
        subject=render_to_string(f"{INVITATION_TEMPLATE}_subject.txt", context),
        text=render_to_string(f"{INVITATION_TEMPLATE}_letter.txt", context),
        path=reply_path(meeting),
        object_id=invitation.pk,
        by=by,
    )


@transaction.atomic
def letters_print(*, meeting: Meeting, by: User) -> list[Letter]:
    """Print this meeting's invitation letters that wait in the body's post queue, as one batch of the letters app
    (so the post page lists it and can print it again, ADR 21). Members whose invitation email did not arrive (the
    mail server refused it, or every try failed) get the letter too. Members who never logged in get a new login
    code on it (their old code stops working), unless a code printed on an earlier letter for this meeting still
    works: printing never revokes codes already posted; that letter says to use the earlier code. The plain code is
    on this print only; a reprint of the batch says "use the code from your earlier letter". Returns [] when no
    invitation letter of this meeting waits. A fixed number of queries plus, per member without email who never
    logged in, one for the data regions and two writes for a new code."""
    now = timezone.now()
    from inspraak.core.models import OutgoingEmail

    # Members invited by letter, and members whose invitation email failed for good: they get the letter too.
    delivery = (
        OutgoingEmail.objects.filter(purpose=Invitation.EMAIL_PURPOSE, object_id=OuterRef("pk"))
        .order_by("-pk")
        .values("status")
    )
    invitations = list(
        Invitation.objects.filter(meeting=meeting)
        .annotate(delivery=Subquery(delivery[:1]))
        .filter(Q(channel=Invitation.Channel.LETTER) | Q(delivery=OutgoingEmail.Status.FAILED))
        .select_related("user", "letter_code")
        .order_by("user__name", "pk")
    )
    if not invitations:
        return []
    by_pk = {invitation.pk: invitation for invitation in invitations}
    queued = set(
        PaperLetter.objects.filter(
            kind=PaperLetter.Kind.INVITATION, object_id__in=by_pk, body=meeting.body
        ).values_list("object_id", flat=True)
    )
    missing = [invitation for invitation in invitations if invitation.pk not in queued]
    if missing:  # a failed email (or an invitation from before the post queue): queue its letter now
        items = _items(meeting)
        for invitation in missing:
            _letter_for_failed_email(meeting, invitation, items, by)
    pending = list(
        PaperLetter.objects.filter(
            kind=PaperLetter.Kind.INVITATION, object_id__in=by_pk, body=meeting.body, batch__isnull=True
        ).values_list("pk", flat=True)
    )
    if not pending:
        return []
    try:
        batch = paper_letters_print(body=meeting.body, by=by, letter_ids=pending)
    except LetterError:  # someone printed them on the post page a moment ago
        return []
    printed = list(PaperLetter.objects.filter(batch=batch).order_by("pk"))
    ids = [letter.user_id for letter in printed]
    roles: dict[int, set[tuple[str, int, int | None]]] = {}
    for user_id, role, region_id, body_id in RoleAssignment.objects.filter(user_id__in=ids).values_list(
        "user_id", "role", "region_id", "body_id"
    ):
        roles.setdefault(user_id, set()).add((role, region_id, body_id))
    region = meeting.body.region
    letters = []
    for paper in printed:
        invitation = by_pk[paper.object_id]
        person = invitation.user
        code, earlier = None, False
        if code_allowed(person, meeting.body, roles.get(person.pk, set())):
            posted = invitation.letter_code
            if posted is not None and posted.revoked_at is None and posted.expires_at > now:
                earlier = True
            else:
                code = login_code_issue(person=person, region=region, by=by)
                invitation.letter_code_id = code.pk
                invitation.save(update_fields=["letter_code"])
            paper.login_code_id = invitation.letter_code_id
            paper.save(update_fields=["login_code"])
        letters.append(Letter(person=person, address=paper.address, code=code, earlier_code=earlier, letter=paper))
    letters.sort(key=lambda letter: (letter.person.name.lower(), letter.letter.pk))
    audit_record(
        actor=by,
        action="agenda.letters",
        target=meeting,
        region=region,
        label=f"{_label(meeting)} – {len(letters)} brieven",
    )
    return letters


def _sms_reminder_text(meeting: Meeting) -> str:
    """The SMS reminder: plain Dutch, one message (160 GSM-7 characters) where it fits, with the short link to the
    reply page and the body's phone number. Leaves out the place, the phone number, then the body's name, when the
    text would be longer."""
    from django.template.loader import render_to_string
    from django.urls import reverse

    from inspraak.core import sms
    from inspraak.core.shortlinks import short_link, short_url

    path = reverse("agenda:reply", args=[meeting.body.region.slug, meeting.body.slug, meeting.pk])
    context = {"meeting": meeting, "body_name": meeting.body.name, "link": short_url(short_link(path))}
    phone = meeting.body.contact_phone
    texts = [
        render_to_string("agenda/sms/reminder.txt", {**context, **extra})
        for extra in (
            {"place": meeting.place_name, "phone": phone},
            {"phone": phone},
            {},
            {"body_name": ""},
        )
    ]
    return sms.first_fitting(texts)


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind members of a published meeting that starts within two days: an email for every email invitation, and
    an SMS for every member who asked for one and has a mobile number (invited by email or by letter). Each once per
    invitation: claimed with one UPDATE of its own mark (``reminder_sent_at``, ``sms_reminder_sent_at``), so two
    workers never send the same one. Members who said they will not come get none. Returns the number sent."""
    from inspraak.core import sms

    now = now or timezone.now()
    today = timezone.localdate(now)
    candidates = list(
        Invitation.objects.filter(
            Q(channel=Invitation.Channel.EMAIL, reminder_sent_at__isnull=True) | Q(sms_reminder_sent_at__isnull=True),
            meeting__status=MeetingStatus.AGENDA_PUBLISHED,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + datetime.timedelta(days=rules.REMINDER_DAYS_BEFORE + 1),
            user__is_active=True,
        )
        .select_related("meeting", "meeting__body", "meeting__body__region", "user")
        .order_by("meeting_id", "pk")
    )
    declined = set(
        Reply.objects.filter(answer=Reply.Answer.NO, meeting__starts_at__gt=now).values_list("meeting_id", "user_id")
    )
    numbers = member_selectors.sms_numbers({i.meeting.body_id for i in candidates}) if sms.enabled() else {}
    sent = 0
    for invitation in candidates:
        meeting = invitation.meeting
        if not rules.reminder_due(meeting_on=timezone.localtime(meeting.starts_at).date(), today=today):
            continue
        if (meeting.pk, invitation.user_id) in declined:
            continue
        wants_email = (
            invitation.channel == Invitation.Channel.EMAIL
            and invitation.reminder_sent_at is None
            and invitation.user.email
        )
        if wants_email:
            with transaction.atomic():
                claimed = Invitation.objects.filter(pk=invitation.pk, reminder_sent_at__isnull=True).update(
                    reminder_sent_at=now
                )
                if claimed:
                    queue_email(
                        to=invitation.user.email,
                        template_prefix="agenda/email/reminder",
                        context=_email_context(meeting, invitation.user),
                    )
                    audit_record(
                        actor=None,
                        action="agenda.reminder",
                        target=invitation,
                        region=meeting.body.region,
                        label=_label(meeting),
                    )
                    sent += 1
        number = numbers.get((meeting.body_id, invitation.user_id))
        if number and invitation.sms_reminder_sent_at is None:
            with transaction.atomic():
                claimed = Invitation.objects.filter(pk=invitation.pk, sms_reminder_sent_at__isnull=True).update(
                    sms_reminder_sent_at=now
                )
                if claimed:
                    sms.queue_sms(
                        person=invitation.user,
                        to=number,
                        text=_sms_reminder_text(meeting),
                        purpose=Invitation.SMS_PURPOSE,
                        object_id=invitation.pk,
                        region=meeting.body.region_id,
                    )
                    audit_record(
                        actor=None,
                        action="agenda.sms_reminder",
                        target=invitation,
                        region=meeting.body.region,
                        label=_label(meeting),
                    )
                    sent += 1
    return sent


# ---------------------------------------------------------------- replies

NEEDS = (*NEED_FLAGS, "needs_other")
# The outbox purpose of the "geregeld" email (object_id: the reply).
NEEDS_PURPOSE = "agenda.needs_arranged"


def _check_can_reply(meeting: Meeting, answer: str) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise AgendaError("cancelled")
    if meeting.status not in OPEN_STATUSES or meeting.ends_at <= timezone.now():
        raise AgendaError("held")
    if answer not in Reply.Answer.values:
        raise AgendaError("answer")


def _store_reply(
    *, meeting: Meeting, member: User, answer: str, needs: dict[str, Any], channel: str, by: User
) -> Reply:
    """Create or replace the member's reply. What was arranged for the needs stays only while the needs stay the
    same. One audit row: who wrote it (the member, or who recorded it for them) and which fields changed."""
    unknown = set(needs) - set(NEEDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    _check_can_reply(meeting, answer)
    values: dict[str, Any] = {name: needs.get(name, "" if name == "needs_other" else False) for name in NEEDS}
    values["needs_other"] = (values["needs_other"] or "").strip()[:300]
    for name in NEED_FLAGS:
        values[name] = bool(values[name])
    recorded_by = None if channel == Channel.ONLINE else by
    new = {"answer": answer, **values, "channel": channel, "recorded_by_id": getattr(recorded_by, "pk", None)}
    reply = Reply.objects.select_for_update().filter(meeting=meeting, user=member).first()
    if reply is None:
        reply = Reply.objects.create(
            meeting=meeting, user=member, answer=answer, channel=channel, **values, recorded_by=recorded_by
        )
        changed = ()
        action = "agenda.reply" if channel == Channel.ONLINE else "agenda.reply_record"
    else:
        before = {name: getattr(reply, name) for name in new}
        changed = [name.removesuffix("_id") for name in new if before[name] != new[name]]
        if reply.arranged_at is not None and rules.needs_changed(
            {name: before[name] for name in NEEDS}, {name: new[name] for name in NEEDS}
        ):
            reply.arranged_at, reply.arranged_by, reply.arranged_note = None, None, ""
            changed += ["arranged_at", "arranged_by", "arranged_note"]
        for name, value in new.items():
            setattr(reply, name, value)
        reply.save()
        action = "agenda.reply_change" if channel == Channel.ONLINE else "agenda.reply_record"
    label = _label(meeting) if channel == Channel.ONLINE else f"{_label(meeting)} – {channel}"
    audit_record(actor=by, action=action, target=reply, region=meeting.body.region, changed_fields=changed, label=label)
    return reply


@transaction.atomic
def reply_save(*, meeting: Meeting, user: User, answer: str, **needs: Any) -> Reply:
    """A member's answer (comes / does not come / does not know yet) and what they need to come, online. It replaces
    an answer recorded for them earlier. Refused for a meeting that was held or cancelled."""
    return _store_reply(meeting=meeting, member=user, answer=answer, needs=needs, channel=Channel.ONLINE, by=user)


@transaction.atomic
def reply_record(*, meeting: Meeting, member: User, answer: str, channel: str, by: User, **needs: Any) -> Reply:
    """The secretary or facilitator records a reply a member gave by phone, on paper or in person (``channel``),
    with the needs. Refused for someone who is not an active member of the body ("not_member"), for a channel other
    than telefoon, brief or persoonlijk ("channel"), and for a meeting that was held or cancelled."""
    if channel not in ON_BEHALF:
        raise AgendaError("channel")
    if member.pk == by.pk or not selectors.is_member(meeting.body, member):
        raise AgendaError("not_member")
    return _store_reply(meeting=meeting, member=member, answer=answer, needs=needs, channel=channel, by=by)


def needs_path(meeting: Meeting) -> str:
    """Where the member sees their reply and what was arranged (relative, for the letter's short code)."""
    return reverse("agenda:reply", args=[meeting.body.region.slug, meeting.body.slug, meeting.pk])


@transaction.atomic
def reply_arrange(*, reply: Reply, note: str, by: User) -> str:
    """Mark the needs of a reply as arranged ("geregeld"), with a short note of what was arranged ("Taxi haalt u om
    13:15 op"). The member is told by email, or by a letter the secretary prints; returns "email" or "letter".
    Marking again with another note tells the member again. Refused: no needs ("no_needs"), an empty note
    ("arranged_note"), a meeting that was held or cancelled."""
    reply = Reply.objects.select_for_update().select_related("meeting__body__region", "user").get(pk=reply.pk)
    meeting = reply.meeting
    note = " ".join(note.split())[:300]
    if not reply.has_needs:
        raise AgendaError("no_needs")
    if not note:
        raise AgendaError("arranged_note")
    _check_can_reply(meeting, reply.answer)
    changed = ["arranged_at", "arranged_by", "arranged_note"] if reply.arranged_at is None else ["arranged_note"]
    reply.arranged_at, reply.arranged_by, reply.arranged_note = timezone.now(), by, note
    reply.save(update_fields=["arranged_at", "arranged_by", "arranged_note", "updated_at"])
    audit_record(
        actor=by,
        action="agenda.needs_arranged",
        target=reply,
        region=meeting.body.region,
        changed_fields=changed,
        label=_label(meeting),
    )
    return notify_member(
        person=reply.user,
        body=meeting.body,
        kind=PaperLetter.Kind.NEEDS,
        template_prefix="agenda/email/needs_arranged",
        context={"meeting": meeting, "note": note, "url": reply_url(meeting)},
        path=needs_path(meeting),
        purpose=NEEDS_PURPOSE,
        object_id=reply.pk,
        by=by,
    )
