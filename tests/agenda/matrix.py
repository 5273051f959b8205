from inspraak.accounts.models import LoginCode, Role, RoleAssignment
from inspraak.agenda.models import AgendaItem, Invitation, MeetingDocument, Reply
from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingEmail
from inspraak.meetings.models import Meeting, MeetingStatus
from tests.agenda.data import LETTER_MEMBER, STAFF_NOTE, agenda
from tests.factories import UserFactory
from tests.matrix import PUBLIC, ViewCase, allow, to

VIEWERS = allow("admin", "officer_region", "secretary", "facilitator", "member")
STAFF_VIEWERS = allow("admin", "officer_region", "secretary", "facilitator")
MANAGERS = allow("admin", "secretary", "facilitator")


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _planned(w):
    return {**_body(w), "meeting": agenda(w).planned.pk}


def _published(w):
    return {**_body(w), "meeting": agenda(w).published.pk}


def _failed_invitations(w):
    """The published meeting, whose invitation emails failed for good."""
    agenda(w)
    OutgoingEmail.objects.filter(purpose=Invitation.EMAIL_PURPOSE).update(status="failed")
    return _published(w)


def _new_member(w):
    """The published meeting, and a member who joined after the invitations went out."""
    agenda(w)
    newcomer = UserFactory(email="nieuw-lid@example.org", name="Nieuw Lid")
    RoleAssignment.objects.create(user=newcomer, role=Role.MEMBER, region=w.region, body=w.body)
    return _published(w)


def _deliveries(w):
    return list(OutgoingEmail.objects.values_list("pk", "status").order_by("pk")), AuditEvent.objects.count()


def _item(w):
    return {**_planned(w), "pk": agenda(w).first.pk}


def _second(w):
    return {**_planned(w), "pk": agenda(w).second.pk}


def _doc(name):
    return lambda w: {**_body(w), "pk": getattr(agenda(w), name).pk}


def _public_meeting(w):
    return {**_body(w), "pk": agenda(w).published.pk}


def _request(w):
    return {**_body(w), "pk": agenda(w).advice_request.pk}


def _state(w):
    agenda(w)
    return (
        list(AgendaItem.objects.values_list("pk", "meeting_id", "position", "title", "summary").order_by("pk")),
        list(MeetingDocument.objects.values_list("pk", "title").order_by("pk")),
        list(Meeting.objects.values_list("pk", "status").order_by("pk")),
        list(Invitation.objects.values_list("pk", "user_id").order_by("pk")),
        list(Reply.objects.values_list("pk", "answer", "needs_childcare", "channel", "arranged_note").order_by("pk")),
        LoginCode.objects.count(),
        AuditEvent.objects.count(),
    )


def _item_form(w):
    return {"title": "Wachttijden", "source": "gemeente", "requested_by_municipality": w.municipality.pk}


def _position(item):
    return AgendaItem.objects.get(pk=item.pk).position


def _invited(w):
    return Invitation.objects.filter(meeting=agenda(w).published, user__email="nieuw-lid@example.org").exists()


def _retried(w):
    return not OutgoingEmail.objects.filter(purpose=Invitation.EMAIL_PURPOSE, status="failed").exists()


def _letter_code(w):
    return Invitation.objects.get(meeting=agenda(w).published, user=agenda(w).letter_member).letter_code_id is not None


SECRET_NAME = lambda w: "Geheime Cliënt"  # noqa: E731
# Who records replies for members and marks needs arranged: the body's secretary and facilitator (they see names).
RECORDERS = allow("secretary", "facilitator")


def _record(w):
    """Record the reply of the member without email (who has not replied yet) to the published meeting."""
    return {**_published(w), "member": agenda(w).letter_member.pk}


def _arrange(w):
    """Mark arranged the needs of Geheime Cliënt's reply (travel costs, interpreter) to the published meeting."""
    return {**_published(w), "pk": Reply.objects.get(meeting=agenda(w).published, user=w.client).pk}


CASES = [
    ViewCase("agenda:agenda", VIEWERS, _planned, secret=lambda w: STAFF_NOTE),
    ViewCase("agenda:item_new", MANAGERS, _planned),
    ViewCase(
        "agenda:item_new",
        MANAGERS,
        _planned,
        method="post",
        data=_item_form,
        unchanged=_state,
        changed=lambda w: AgendaItem.objects.filter(meeting=agenda(w).planned, title="Wachttijden").exists(),
        redirect=to("agenda:agenda", _planned),
    ),
    ViewCase("agenda:item_topic", MANAGERS, _planned, secret=lambda w: "Brieven zijn te moeilijk"),
    ViewCase(
        "agenda:item_topic",
        MANAGERS,
        _planned,
        method="post",
        data=lambda w: {"topic": agenda(w).topic.pk, "summary": "Brieven zijn moeilijk."},
        unchanged=_state,
        changed=lambda w: AgendaItem.objects.filter(meeting=agenda(w).planned, topic=agenda(w).topic).exists(),
        redirect=to("agenda:agenda", _planned),
    ),
    ViewCase("agenda:item_edit", MANAGERS, _item),
    ViewCase(
        "agenda:item_edit",
        MANAGERS,
        _item,
        method="post",
        data=lambda w: {"title": "Brieven", "source": "secretaris", "summary": "Nieuw."},
        unchanged=_state,
        changed=lambda w: AgendaItem.objects.get(pk=agenda(w).first.pk).title == "Brieven",
        redirect=to("agenda:agenda", _planned),
    ),
    ViewCase(
        "agenda:item_move",
        MANAGERS,
        _second,
        method="post",
        data=lambda w: {"richting": "up"},
        unchanged=_state,
        changed=lambda w: _position(agenda(w).second) < _position(agenda(w).first),
        redirect=to("agenda:agenda", _planned),
    ),
    ViewCase("agenda:item_remove", MANAGERS, _second),
    ViewCase(
        "agenda:item_remove",
        MANAGERS,
        _second,
        method="post",
        unchanged=_state,
        changed=lambda w: not AgendaItem.objects.filter(pk=agenda(w).second.pk).exists(),
        redirect=to("agenda:agenda", _planned),
    ),
    ViewCase("agenda:document_new", MANAGERS, _item),
    ViewCase(
        "agenda:document_new",
        MANAGERS,
        _item,
        method="post",
        data=lambda w: {"title": "Notitie", "page_text": "Tekst.", "summary": "Kort.", "for_members": "on"},
        unchanged=_state,
        changed=lambda w: MeetingDocument.objects.filter(title="Notitie").exists(),
        redirect=to("agenda:agenda", _planned),
    ),
    ViewCase("agenda:document", VIEWERS, _doc("member_doc"), html=False),
    ViewCase("agenda:document", VIEWERS, _doc("page_doc"), id="page"),
    ViewCase(
        "agenda:document",
        STAFF_VIEWERS,
        _doc("staff_doc"),
        id="staff",
        secret=lambda w: "voorbereiding",
    ),
    ViewCase("agenda:document", PUBLIC, _doc("public_doc"), id="public", html=False),
    ViewCase("agenda:document_remove", MANAGERS, _doc("page_doc")),
    ViewCase(
        "agenda:document_remove",
        MANAGERS,
        _doc("page_doc"),
        method="post",
        unchanged=_state,
        changed=lambda w: not MeetingDocument.objects.filter(pk=agenda(w).page_doc.pk).exists(),
        redirect=to("agenda:agenda", _planned),
    ),
    ViewCase("agenda:publish", MANAGERS, _planned),
    ViewCase(
        "agenda:publish",
        MANAGERS,
        _planned,
        method="post",
        unchanged=_state,
        changed=lambda w: Meeting.objects.get(pk=agenda(w).planned.pk).status == MeetingStatus.AGENDA_PUBLISHED,
        redirect=to("agenda:agenda", _planned),
    ),
    ViewCase(
        "agenda:invite",
        MANAGERS,
        _new_member,
        method="post",
        unchanged=_state,
        changed=_invited,
        redirect=to("agenda:agenda", _published),
    ),
    ViewCase(
        "agenda:invitations_retry",
        MANAGERS,
        _failed_invitations,
        method="post",
        unchanged=_deliveries,
        changed=_retried,
        redirect=to("agenda:agenda", _published),
    ),
    ViewCase(
        "agenda:letters",
        allow("admin", "secretary"),
        _published,
        method="post",
        unchanged=_state,
        changed=_letter_code,
        status=200,  # the printable letters
    ),
    ViewCase("agenda:reply", allow("member"), _planned),
    ViewCase(
        "agenda:reply",
        allow("member"),
        _planned,
        method="post",
        data=lambda w: {"answer": "komt", "needs_childcare": "on"},
        unchanged=_state,
        changed=lambda w: Reply.objects.filter(
            meeting=agenda(w).planned, user=w.user("member"), answer="komt"
        ).exists(),
        redirect=to("agenda:reply", _planned),
    ),
    ViewCase("agenda:replies", MANAGERS, _published, secret=SECRET_NAME),
    # Issue 12: a reply given by phone, on paper or in person, recorded for a member; needs marked "geregeld".
    ViewCase("agenda:reply_record", RECORDERS, _record, secret=lambda w: LETTER_MEMBER),
    ViewCase(
        "agenda:reply_record",
        RECORDERS,
        _record,
        method="post",
        data=lambda w: {"answer": "komt", "channel": "telefoon", "needs_childcare": "on"},
        unchanged=_state,
        changed=lambda w: Reply.objects.filter(
            meeting=agenda(w).published, user=agenda(w).letter_member, channel="telefoon"
        ).exists(),
        redirect=to("agenda:replies", _published),
    ),
    ViewCase("agenda:reply_arrange", RECORDERS, _arrange, secret=SECRET_NAME),
    ViewCase(
        "agenda:reply_arrange",
        RECORDERS,
        _arrange,
        method="post",
        data=lambda w: {"note": "Een taxi haalt u om 13:15 op."},
        unchanged=_state,
        changed=lambda w: Reply.objects.filter(
            meeting=agenda(w).published, user=w.client, arranged_note="Een taxi haalt u om 13:15 op."
        ).exists(),
        redirect=to("agenda:replies", _published),
    ),
    ViewCase("agenda:from_request", MANAGERS, _request),
    ViewCase(
        "agenda:from_request",
        MANAGERS,
        _request,
        method="post",
        data=lambda w: {"meeting": agenda(w).planned.pk},
        unchanged=_state,
        changed=lambda w: AgendaItem.objects.filter(
            meeting=agenda(w).planned, advice_request=agenda(w).advice_request
        ).exists(),
        redirect=to("agenda:agenda", _planned),
    ),
]
