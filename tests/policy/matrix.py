import datetime

from django.utils import timezone

from inspraak.advice.models import AdviceRequest, RecommendationResponse, RequestDocument, Response
from inspraak.audit.models import AuditEvent
from inspraak.policy.models import Concern, Proposal, ProposalEvent
from tests.matrix import ViewCase, allow, to
from tests.policy.data import SECRET_DESCRIPTION, TINY_PDF, policy

OFFICERS = allow("officer_region", "officer_municipality")
READERS = OFFICERS | {"admin"}
DOCUMENT_READERS = READERS | {"secretary", "facilitator", "member"}


def _region(w):
    policy(w)
    return {"region": w.region.slug}


def _proposal(w):
    return {"region": w.region.slug, "pk": policy(w).proposal.pk}


def _gr_proposal(w):
    return {"region": w.region.slug, "pk": policy(w).gr_proposal.pk}


def _decided(w):
    return {"region": w.region.slug, "pk": policy(w).decided.pk}


def _request(w):
    return {"region": w.region.slug, "pk": policy(w).request.pk}


def _document(w):
    data = policy(w)
    return {"region": w.region.slug, "request_pk": data.request.pk, "pk": data.request.documents.get().pk}


def _advice(w):
    return {"region": w.region.slug, "pk": policy(w).sent_advice.pk}


def _draft(w):
    return {"region": w.region.slug, "pk": policy(w).draft_advice.pk}


def _unsolicited(w):
    return {"region": w.region.slug, "pk": policy(w).unsolicited.pk}


def _state(w):
    return (
        list(Proposal.objects.values_list("pk", "title", "status", "planned_decision_date", "version").order_by("pk")),
        Concern.objects.count(),
        ProposalEvent.objects.count(),
        list(AdviceRequest.objects.values_list("pk", "status").order_by("pk")),
        RequestDocument.objects.count(),
        Response.objects.count(),
        RecommendationResponse.objects.count(),
        AuditEvent.objects.count(),
    )


def _secret(w):
    return SECRET_DESCRIPTION


def _proposal_data(w):
    return {
        "title": "Nieuw voorstel uit de matrix",
        "description": "Over de uitvoering.",
        "kind": "beleid",
        "owner": w.user("officer_municipality").pk,
        "deciding_body": "college",
        "planned_decision_date": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
        "bodies": [w.body.pk],
    }


def _edit_data(w):
    data = policy(w)
    return {
        **_proposal_data(w),
        "title": "Gewijzigde titel",
        "planned_decision_date": data.proposal.planned_decision_date.isoformat(),
        "bodies": [w.body.pk, w.municipal_body.pk],
        "version": Proposal.objects.get(pk=data.proposal.pk).version,  # the stored one
    }


def _status_data(w):
    return {
        "status": "ingetrokken",
        "reason": "Het college wil het anders.",
        "version": Proposal.objects.get(pk=policy(w).proposal.pk).version,
    }


def _request_data(w):
    policy(w)
    return {
        "bodies": [w.municipal_body.pk],
        "questions": "Wat vindt u ervan?",
        "requested_on": timezone.localdate().isoformat(),
        "deadline": "",
    }


def _document_data(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    policy(w)
    return {"title": "Bijlage", "file": SimpleUploadedFile("bijlage.pdf", TINY_PDF, content_type="application/pdf")}


def _response_data(w):
    advice = policy(w).sent_advice
    data = {"responded_on": timezone.localdate().isoformat(), "mentioned_in_decision": "on"}
    for rec in advice.recommendations.all():
        data[f"verdict_{rec.pk}"] = "overgenomen"
    return data


CASES = [
    ViewCase("advice:officer_dashboard", READERS, _region),
    ViewCase(
        "advice:officer_dashboard",
        READERS,
        _region,
        id="gefilterd",
        query={"zoek": "regels", "status": "open", "volgorde": "titel"},
    ),
    ViewCase("policy:proposal_new", OFFICERS, _region),
    ViewCase("policy:proposal_new", OFFICERS, _region, id="zeedorp", query={"voor": "zeedorp"}),
    ViewCase(
        "policy:proposal_new",
        OFFICERS,
        _region,
        method="post",
        data=_proposal_data,
        query={"voor": "zeedorp"},
        unchanged=_state,
        changed=lambda w: Proposal.objects.filter(title="Nieuw voorstel uit de matrix").exists(),
        redirect=to("advice:proposal", lambda w: {**_region(w), "pk": Proposal.objects.latest("pk").pk}),
    ),
    ViewCase("advice:proposal", READERS, _proposal, secret=_secret),
    ViewCase("advice:proposal", allow("admin", "officer_region"), _gr_proposal, id="gr", secret=_secret),
    ViewCase("policy:proposal_edit", OFFICERS, _proposal, secret=_secret),
    ViewCase(
        "policy:proposal_edit",
        OFFICERS,
        _proposal,
        method="post",
        data=_edit_data,
        unchanged=_state,
        changed=lambda w: Proposal.objects.get(pk=policy(w).proposal.pk).title == "Gewijzigde titel",
        redirect=to("advice:proposal", _proposal),
    ),
    ViewCase("policy:proposal_status", OFFICERS, _proposal),
    ViewCase(
        "policy:proposal_status",
        OFFICERS,
        _proposal,
        method="post",
        data=_status_data,
        unchanged=_state,
        changed=lambda w: Proposal.objects.get(pk=policy(w).proposal.pk).status == "ingetrokken",
        redirect=to("advice:proposal", _proposal),
    ),
    ViewCase("policy:decision_file", READERS, _decided, html=False),
    ViewCase("advice:request_new", OFFICERS, _proposal),
    ViewCase(
        "advice:request_new",
        OFFICERS,
        _proposal,
        method="post",
        data=_request_data,
        unchanged=_state,
        changed=lambda w: AdviceRequest.objects.filter(proposal=policy(w).proposal, body=w.municipal_body).exists(),
        redirect=to("advice:proposal", _proposal),
    ),
    ViewCase("advice:officer_request", READERS, _request),
    ViewCase(
        "advice:officer_request",
        OFFICERS,
        _request,
        method="post",
        data=_document_data,
        unchanged=_state,
        changed=lambda w: RequestDocument.objects.filter(request=policy(w).request, title="Bijlage").exists(),
        redirect=to("advice:officer_request", _request),
    ),
    ViewCase("advice:request_document", DOCUMENT_READERS, _document, html=False),
    ViewCase("advice:response", OFFICERS, _advice),
    ViewCase(
        "advice:response",
        OFFICERS,
        _advice,
        method="post",
        data=_response_data,
        unchanged=_state,
        changed=lambda w: Response.objects.filter(advice=policy(w).sent_advice).exists(),
        redirect=to("advice:proposal", _proposal),
    ),
    ViewCase("advice:response", OFFICERS, _draft, id="draft"),
    ViewCase("advice:response", allow("officer_municipality"), _unsolicited, id="unsolicited"),
]
