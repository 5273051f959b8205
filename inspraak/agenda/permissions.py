"""Every permission decision about agendas, documents, invitations and replies."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.meetings.models import MeetingStatus
from inspraak.meetings.permissions import can_manage_meetings, can_view_meetings

# The agenda counts as published (for the public) from this status on; a cancelled meeting has no public agenda.
PUBLISHED_STATUSES = (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
# The agenda can still change while the meeting has not been held or cancelled.
OPEN_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED)


def can_view_agenda(user, body) -> bool:
    """The agenda with its documents for members: the body's people, policy officers in scope, the beheerder."""
    return can_view_meetings(user, body)


def can_edit_agenda(user, body) -> bool:
    """Build the agenda, upload documents, publish and invite: secretary, facilitator and beheerder."""
    return can_manage_meetings(user, body)


def can_change_agenda(user, meeting) -> bool:
    """Add, change, move and remove items and documents: who edits the agenda, until the meeting is held or
    cancelled."""
    return can_edit_agenda(user, meeting.body) and meeting.status in OPEN_STATUSES


def can_publish_agenda(user, meeting) -> bool:
    """Publish the agenda and invite the members: who edits the agenda, once, while the meeting is planned."""
    return can_edit_agenda(user, meeting.body) and meeting.status == MeetingStatus.PLANNED


def can_view_staff_documents(user, body) -> bool:
    """Documents not meant for members (preparation notes): everyone who may see the agenda except members only."""
    if not can_view_agenda(user, body):
        return False
    roles = roles_of(user)
    if can_edit_agenda(user, body) or body.region_id in roles.officer_region_ids:
        return True
    return bool(body.municipality_id and body.municipality_id in roles.officer_municipality_ids)


def is_public_document(document, meeting) -> bool:
    return bool(document.public and meeting.status in PUBLISHED_STATUSES)


def can_view_document(user, document, meeting, body) -> bool:
    """Public documents of a published agenda: everyone. Others only to the people who may see the agenda."""
    if is_public_document(document, meeting):
        return True
    if document.for_members:
        return can_view_agenda(user, body)
    return can_view_staff_documents(user, body)


def can_reply(user, body) -> bool:
    """Say whether one comes, and what one needs to come: members of the body."""
    return Role.MEMBER in roles_of(user).roles_in_body(body.pk)


def can_view_replies(user, body) -> bool:
    """The replies with the counts per need: secretary, facilitator and beheerder."""
    return can_manage_meetings(user, body)


def can_see_reply_names(user, body) -> bool:
    """Who replied what and needs what: only the body's secretary and facilitator (the beheerder sees counts)."""
    return bool(roles_of(user).roles_in_body(body.pk) & {Role.SECRETARY, Role.FACILITATOR})


def can_record_replies(user, body) -> bool:
    """Record a reply and needs a member gave by phone, on paper or in person, and mark needs "geregeld": the body's
    secretary and facilitator (who see the names). A member never records for another member."""
    return can_see_reply_names(user, body)


def reply_open(meeting, *, now) -> bool:
    """Replies can still be given or changed: the meeting is planned or published and has not ended."""
    return meeting.status in OPEN_STATUSES and meeting.ends_at > now


def can_record_reply(user, meeting, *, now) -> bool:
    """Record a reply for a member of this meeting, or mark needs arranged: who records replies, while replies are
    open."""
    return can_record_replies(user, meeting.body) and reply_open(meeting, now=now)


def can_print_letters(user, body) -> bool:
    """Invitation letters with new login codes for members without email: the secretary and the beheerder."""
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or Role.SECRETARY in roles.roles_in_body(body.pk)
