from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingEmail
from inspraak.records.models import (
    Agreement,
    Attendance,
    FeedbackRecommendation,
    FeedbackReport,
    Minutes,
    MinutesStatus,
)
from tests.matrix import ViewCase, allow, to
from tests.records.data import MINUTES_TEXT, records

VIEWERS = allow("admin", "officer_region", "secretary", "facilitator", "member")
SECRETARIES = allow("admin", "secretary")
SUPPORTERS = allow("admin", "secretary", "facilitator")
WRITERS = allow("admin", "facilitator")
REACTORS = allow("officer_region", "secretary")


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _held(w):
    return {**_body(w), "pk": records(w).held.pk}


def _unshared(w):
    """The held meeting, its minutes not shared yet."""
    Minutes.objects.filter(meeting=records(w).held).update(shared_at=None, status=MinutesStatus.DRAFT)
    return _held(w)


def _closed(w):
    return {**_body(w), "pk": records(w).closed.pk}


def _agreement(w):
    return {**_body(w), "pk": records(w).agreement.pk}


def _state(w):
    return (
        list(Attendance.objects.values_list("pk", "user_id", "presence").order_by("pk")),
        list(Minutes.objects.values_list("pk", "status", "version", "public", "text").order_by("pk")),
        list(Agreement.objects.values_list("pk", "status", "description").order_by("pk")),
        list(FeedbackReport.objects.values_list("pk", "sent_on", "views_text").order_by("pk")),
        list(FeedbackRecommendation.objects.values_list("pk", "text", "reaction").order_by("pk")),
        AuditEvent.objects.count(),
    )


def _failed_delivery(w):
    """The closed meeting, whose email to the GR failed for good."""
    OutgoingEmail.objects.filter(purpose="feedback_report", object_id=records(w).report.pk).update(status="failed")
    return _closed(w)


def _deliveries(w):
    return list(OutgoingEmail.objects.values_list("pk", "status").order_by("pk")), AuditEvent.objects.count()


def _minutes_form(w):
    return {"text": "Nieuw verslag", "public_text": "", "approve_by": "", "version": records(w).minutes.version}


def _feedback_form(w):
    return {"topics_text": "Brieven", "views_text": "Nieuwe mening", "recommendations": "Eén\nTwee"}


def _reactions(w):
    return {"aanbeveling-2-reaction": "niet", "aanbeveling-2-reaction_text": "Te duur."}


def _minutes_of(meeting):
    return Minutes.objects.get(meeting=meeting)


def _present(w):
    return Attendance.objects.filter(
        meeting=records(w).held, user=w.client, presence=Attendance.Presence.PRESENT
    ).exists()


def _report_of(meeting):
    return FeedbackReport.objects.get(meeting=meeting)


def _resent(w):
    return OutgoingEmail.objects.get(purpose="feedback_report", object_id=records(w).report.pk).status != "failed"


def _reacted(w):
    return (
        _report_of(records(w).closed).recommendations.get(number=2).reaction
        == FeedbackRecommendation.Reaction.NOT_ADOPTED
    )


SECRET = lambda w: MINUTES_TEXT  # noqa: E731
CLIENT_NAME = lambda w: "Geheime Cliënt"  # noqa: E731

CASES = [
    ViewCase("records:attendance", SECRETARIES, _held, secret=CLIENT_NAME),
    ViewCase(
        "records:attendance",
        SECRETARIES,
        _held,
        method="post",
        data=lambda w: {f"aanwezig_{w.client.pk}": "aanwezig"},
        unchanged=_state,
        changed=_present,
        redirect=to("records:minutes", _held),
    ),
    ViewCase("records:minutes", VIEWERS, _held, secret=SECRET),
    ViewCase("records:minutes_edit", SECRETARIES, _held, secret=SECRET),
    ViewCase(
        "records:minutes_edit",
        SECRETARIES,
        _held,
        method="post",
        data=_minutes_form,
        unchanged=_state,
        changed=lambda w: _minutes_of(records(w).held).text == "Nieuw verslag",
        redirect=to("records:minutes", _held),
    ),
    ViewCase(
        "records:minutes_share",
        SECRETARIES,
        _unshared,
        method="post",
        unchanged=_state,
        changed=lambda w: _minutes_of(records(w).held).status == MinutesStatus.SHARED,
        redirect=to("records:minutes", _held),
    ),
    ViewCase("records:minutes_approve", SECRETARIES, _held),
    ViewCase(
        "records:minutes_approve",
        SECRETARIES,
        _held,
        method="post",
        data=lambda w: {"how": "termijn"},
        unchanged=_state,
        changed=lambda w: _minutes_of(records(w).held).status == MinutesStatus.APPROVED,
        redirect=to("records:minutes", _held),
    ),
    ViewCase(
        "records:minutes_public",
        SECRETARIES,
        _closed,
        method="post",
        data=lambda w: {"public": "0"},
        unchanged=_state,
        changed=lambda w: not _minutes_of(records(w).closed).public,
        redirect=to("records:minutes", _closed),
    ),
    ViewCase("records:agreements", VIEWERS, _body),
    ViewCase("records:agreement", VIEWERS, _agreement),
    ViewCase(
        "records:agreement",
        SUPPORTERS,
        _agreement,
        method="post",
        data=lambda w: {"status": "gedaan", "note": ""},
        unchanged=_state,
        changed=lambda w: Agreement.objects.get(pk=records(w).agreement.pk).status == Agreement.Status.DONE,
        redirect=to("records:agreement", _agreement),
    ),
    ViewCase("records:agreement_new", SUPPORTERS, _held),
    ViewCase(
        "records:agreement_new",
        SUPPORTERS,
        _held,
        method="post",
        data=lambda w: {"description": "Bellen met team Inkomen", "owner": "Secretaris"},
        unchanged=_state,
        changed=lambda w: Agreement.objects.filter(description="Bellen met team Inkomen").exists(),
        redirect=to("records:minutes", _held),
    ),
    ViewCase("records:feedback", VIEWERS, _closed),
    ViewCase("records:feedback_edit", WRITERS, _held),
    ViewCase(
        "records:feedback_edit",
        WRITERS,
        _held,
        method="post",
        data=_feedback_form,
        unchanged=_state,
        changed=lambda w: _report_of(records(w).held).views_text == "Nieuwe mening",
        redirect=to("records:feedback", _held),
    ),
    ViewCase("records:feedback_send", WRITERS, _held),
    ViewCase(
        "records:feedback_send",
        WRITERS,
        _held,
        method="post",
        data=lambda w: {"to": "beleid@gr.example.org"},
        unchanged=_state,
        changed=lambda w: _report_of(records(w).held).sent_on is not None,
        redirect=to("records:feedback", _held),
    ),
    ViewCase(
        "records:feedback_resend",
        WRITERS,
        _failed_delivery,
        method="post",
        unchanged=_deliveries,
        changed=_resent,
        redirect=to("records:feedback", _closed),
    ),
    ViewCase("records:feedback_reactions", REACTORS, _closed),
    ViewCase(
        "records:feedback_reactions",
        REACTORS,
        _closed,
        method="post",
        data=_reactions,
        unchanged=_state,
        changed=_reacted,
        redirect=to("records:feedback", _closed),
    ),
]
