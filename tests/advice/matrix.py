from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inspraak.advice.models import Advice, AdviceComment, AdviceEvent, AdviceKind, AdviceRequest, AdviceStatus
from tests.advice.data import COMMENT_TEXT, DRAFT_SUBJECT, PDF_BYTES, advice_data
from tests.advice.matrix_officer import CASES as OFFICER_CASES
from tests.matrix import ViewCase, allow, to

WORKERS = allow("admin", "secretary", "facilitator")
BODY = WORKERS | {"member"}
# A sent advice about a Zeedorp proposal: the GR officers and Zeedorp's officer see it too.
SENT_READERS = BODY | {"officer_region", "officer_municipality"}


def _body(w):
    advice_data(w)
    return {"region": w.region.slug, "body": w.body.slug}


def _open_request(w):
    return {**_body(w), "pk": advice_data(w).open_request.pk}


def _draft(w):
    return {**_body(w), "pk": advice_data(w).draft.pk}


def _adopted(w):
    return {**_body(w), "pk": advice_data(w).adopted.pk}


def _sent(w):
    return {**_body(w), "pk": advice_data(w).sent.pk}


def _state(w):
    return (
        list(AdviceRequest.objects.values_list("status", "decline_reason").order_by("pk")),
        list(
            Advice.objects.values_list("status", "version", "subject", "attachment", "follow_up", "sent_on").order_by(
                "pk"
            )
        ),
        AdviceComment.objects.count(),
        AdviceEvent.objects.count(),
    )


def _advice_data(w):
    return {"subject": "Ons advies", "text": "Toelichting", "count": 2, "rec_1": "Eerste", "rec_2": "Tweede"}


def _edit_data(w):
    return {**_advice_data(w), "version": advice_data(w).draft.version}


def _pdf(w):
    return {"file": SimpleUploadedFile("advies.pdf", PDF_BYTES, content_type="application/pdf")}


def _draft_secret(w):
    return COMMENT_TEXT


def _advice(name):
    return lambda w: Advice.objects.get(pk=getattr(advice_data(w), name).pk)


CASES = [
    ViewCase("advice:requests", BODY, _body, secret=lambda w: advice_data(w).proposal.title),
    ViewCase("advice:request_detail", BODY, _open_request, secret=lambda w: advice_data(w).open_request.questions),
    ViewCase("advice:request_decline", WORKERS, _open_request),
    ViewCase(
        "advice:request_decline",
        WORKERS,
        _open_request,
        method="post",
        data=lambda w: {"reason": "Wij hebben geen tijd."},
        unchanged=_state,
        changed=lambda w: (
            AdviceRequest.objects.get(pk=advice_data(w).open_request.pk).decline_reason == "Wij hebben geen tijd."
        ),
        redirect=to("advice:request_detail", _open_request),
    ),
    ViewCase("advice:request_advice", WORKERS, _open_request),
    ViewCase(
        "advice:request_advice",
        WORKERS,
        _open_request,
        method="post",
        data=_advice_data,
        unchanged=_state,
        changed=lambda w: Advice.objects.filter(request=advice_data(w).open_request, subject="Ons advies").exists(),
        redirect=to("advice:detail", lambda w: {**_body(w), "pk": Advice.objects.latest("pk").pk}),
    ),
    ViewCase("advice:list", BODY, _body, secret=lambda w: DRAFT_SUBJECT),
    ViewCase("advice:new", WORKERS, _body),
    ViewCase(
        "advice:new",
        WORKERS,
        _body,
        method="post",
        data=_advice_data,
        unchanged=_state,
        changed=lambda w: Advice.objects.filter(
            body=w.body, kind=AdviceKind.UNSOLICITED, subject="Ons advies"
        ).exists(),
        redirect=to("advice:detail", lambda w: {**_body(w), "pk": Advice.objects.latest("pk").pk}),
    ),
    ViewCase("advice:detail", BODY, _draft, secret=_draft_secret),
    ViewCase("advice:detail", SENT_READERS, _sent, id="verzonden", secret=lambda w: "Dank voor het advies"),
    ViewCase("advice:edit", WORKERS, _draft, secret=lambda w: DRAFT_SUBJECT),
    ViewCase(
        "advice:edit",
        WORKERS,
        _draft,
        method="post",
        data=_edit_data,
        unchanged=_state,
        changed=lambda w: _advice("draft")(w).subject == "Ons advies",
        redirect=to("advice:detail", _draft),
    ),
    ViewCase(
        "advice:comment",
        BODY,
        _draft,
        method="post",
        data=lambda w: {"text": "Goed zo"},
        unchanged=_state,
        changed=lambda w: AdviceComment.objects.filter(text="Goed zo").exists(),
        redirect=to("advice:detail", _draft),
    ),
    ViewCase("advice:adopt", WORKERS, _draft),
    ViewCase(
        "advice:adopt",
        WORKERS,
        _draft,
        method="post",
        data=lambda w: {"adopted_on": timezone.localdate().isoformat(), "adopted_how": "vergadering"},
        unchanged=_state,
        changed=lambda w: _advice("draft")(w).status == AdviceStatus.ADOPTED,
        redirect=to("advice:detail", _draft),
    ),
    ViewCase("advice:send", WORKERS, _adopted),
    ViewCase(
        "advice:send",
        WORKERS,
        _adopted,
        method="post",
        unchanged=_state,
        changed=lambda w: _advice("adopted")(w).status == AdviceStatus.SENT,
        redirect=to("advice:detail", _adopted),
    ),
    ViewCase("advice:attachment_upload", WORKERS, _draft),
    ViewCase(
        "advice:attachment_upload",
        WORKERS,
        _draft,
        method="post",
        data=_pdf,
        unchanged=_state,
        changed=lambda w: bool(_advice("draft")(w).attachment),
        redirect=to("advice:detail", _draft),
    ),
    ViewCase("advice:attachment", SENT_READERS, _sent, html=False),
    ViewCase("advice:follow_up", WORKERS, _sent),
    ViewCase(
        "advice:follow_up",
        WORKERS,
        _sent,
        method="post",
        data=lambda w: {"text": "Jammer dat punt 2 niet is overgenomen."},
        unchanged=_state,
        changed=lambda w: (
            Advice.objects.get(pk=advice_data(w).sent.pk).follow_up == "Jammer dat punt 2 niet is overgenomen."
        ),
        redirect=to("advice:detail", _sent),
    ),
    *OFFICER_CASES,
]
