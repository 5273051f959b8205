"""Reads for the body's side of the advice cycle. Every function runs a fixed number of queries, whatever the
number of rows. Callers pass a body already scoped to the user (``regions.selectors.body_for_user``)."""

from __future__ import annotations

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.advice.models import Advice, AdviceComment, AdviceEvent, AdviceStatus, Recommendation
from inspraak.core import names
from inspraak.members import selectors as member_selectors
from inspraak.policy import rules
from inspraak.policy.models import AdviceRequest, Proposal, ProposalStatus, RequestDocument, RequestStatus
from inspraak.regions.models import Body

# Badge modifiers (utrecht-badge-status--*): the badge always carries a word, the colour only adds to it.
NOT_SENT = (AdviceStatus.DRAFT, AdviceStatus.ADOPTED)
TIMELINESS_TONE = {rules.ON_TIME: "safe", rules.LATE: "danger"}


def field_label(name: str) -> str:
    """'subject' -> 'onderwerp'; the recommendations are rows of their own."""
    if name == "recommendations":
        return str(_("aanbevelingen"))
    try:
        return str(Advice._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def names_in_public_text(advice: Advice) -> list[str]:
    """The words of the advice's public texts (subject, text, recommendations) that name a client who did not agree
    to be named publicly (inspraak.core.names), as written. 3 queries."""
    texts = [advice.subject, advice.text, *Recommendation.objects.filter(advice=advice).values_list("text", flat=True)]
    return names.fragments(texts, member_selectors.private_client_names(advice.body))


def has_response(advice: Advice) -> bool:
    try:
        return advice.response is not None
    except Advice.response.RelatedObjectDoesNotExist:
        return False


def response_of(advice: Advice):
    try:
        return advice.response
    except Advice.response.RelatedObjectDoesNotExist:
        return None


def _advice_of(request: AdviceRequest) -> Advice | None:
    try:
        return request.advice
    except AdviceRequest.advice.RelatedObjectDoesNotExist:
        return None


# ---------------------------------------------------------------- requests to the body


def _decorate_request(request: AdviceRequest, body: Body, today: datetime.date) -> AdviceRequest:
    """Adds the days left until the deadline, the timeliness of the request and the advice answering it."""
    request.body = body
    proposal = request.proposal
    proposal.region = body.region
    request.days_left = (request.deadline - today).days
    request.days_past = max(-request.days_left, 0)
    request.timeliness = rules.request_timeliness(
        request.requested_on,
        body.advice_period_weeks,
        rules.decision_date(proposal.planned_decision_date, proposal.decided_on),
    )
    request.timeliness_tone = TIMELINESS_TONE.get(request.timeliness.code, "neutral")
    request.answer = _advice_of(request)
    request.is_open = request.status == RequestStatus.OPEN
    return request


def _requests(body: Body):
    return (
        AdviceRequest.objects.filter(body=body)
        .exclude(status=RequestStatus.WITHDRAWN)
        .select_related("proposal", "proposal__municipality", "advice")
    )


def body_requests(body: Body, *, today: datetime.date | None = None) -> dict:
    """The body's requests: the open ones by deadline, then the others (answered, declined) newest first.
    Withdrawn requests are left out. 1 query."""
    today = today or timezone.localdate()
    rows = [_decorate_request(r, body, today) for r in _requests(body).order_by("deadline", "pk")]
    closed = sorted((r for r in rows if not r.is_open), key=lambda r: (r.requested_on, r.pk), reverse=True)
    return {"open_requests": [r for r in rows if r.is_open], "closed_requests": closed}


def request_in(body: Body, pk: int, *, today: datetime.date | None = None) -> AdviceRequest:
    """One request to ``body`` (withdrawn ones too, so a link keeps working) with its proposal, advice and contact.
    1 query."""
    request = (
        AdviceRequest.objects.filter(body=body, pk=pk)
        .select_related("proposal", "proposal__municipality", "advice", "contact")
        .first()
    )
    if request is None:
        raise Http404
    return _decorate_request(request, body, today or timezone.localdate())


def request_documents(request: AdviceRequest) -> list[RequestDocument]:
    """The draft documents sent with the request. 1 query."""
    return list(RequestDocument.objects.filter(request=request).order_by("uploaded_at", "pk"))


# ---------------------------------------------------------------- advice of the body


def body_advices(body: Body) -> dict:
    """The body's advice with its number of recommendations and the response (if any), grouped: drafts, adopted but
    not sent, sent (newest first). 1 query."""
    rows = list(
        Advice.objects.filter(body=body)
        .select_related("response", "proposal", "request__proposal")
        .annotate(n_recommendations=Count("recommendations"))
        .order_by("-sent_on", "-pk")
    )
    for advice in rows:
        advice.body = body
        advice.got_response = has_response(advice)
    return {
        "drafts": [a for a in rows if a.status == AdviceStatus.DRAFT],
        "adopted": [a for a in rows if a.status == AdviceStatus.ADOPTED],
        "sent": [a for a in rows if a.status == AdviceStatus.SENT],
    }


def advice_in(body: Body, pk: int) -> Advice:
    """One advice of ``body`` with its request, proposal and response. 1 query."""
    advice = (
        Advice.objects.filter(body=body, pk=pk)
        .select_related("request", "request__proposal", "request__contact", "proposal", "response")
        .first()
    )
    if advice is None:
        raise Http404
    advice.body = body
    return advice


def advice_page(advice: Advice, *, with_comments: bool) -> dict:
    """What the advice page shows: the recommendations with their verdicts, the history and (for the body only)
    the comments. 2 queries, 3 with comments."""
    recommendations = list(
        Recommendation.objects.filter(advice=advice).select_related("verdict").order_by("number", "pk")
    )
    for recommendation in recommendations:
        try:
            recommendation.answer = recommendation.verdict
        except Recommendation.verdict.RelatedObjectDoesNotExist:
            recommendation.answer = None
    events = list(AdviceEvent.objects.filter(advice=advice).select_related("by").order_by("at", "pk"))
    for event in events:
        event.field_labels = [field_label(name) for name in event.changed_fields or []]
    data = {
        "recommendations": recommendations,
        "events": events,
        "response": response_of(advice),
        "comments": [],
    }
    if with_comments:
        data["comments"] = list(
            AdviceComment.objects.filter(advice=advice).select_related("author").order_by("at", "pk")
        )
    return data


def recommendation_texts(advice: Advice) -> list[str]:
    """1 query."""
    return list(Recommendation.objects.filter(advice=advice).order_by("number", "pk").values_list("text", flat=True))


def proposals_for_body(body: Body):
    """Proposals an unsolicited advice may be about: those of the body's region that are not withdrawn; for a body
    of one municipality, that municipality's and the GR's. A lazy queryset (a form runs it once)."""
    proposals = Proposal.objects.filter(region_id=body.region_id).exclude(status=ProposalStatus.WITHDRAWN)
    if body.municipality_id:
        proposals = proposals.filter(Q(municipality_id=body.municipality_id) | Q(municipality__isnull=True))
    return proposals.order_by("planned_decision_date", "pk")


def officer_emails(advice: Advice) -> list[str]:
    """Email addresses of the active policy officers in scope of an advice: the GR officers of the region, and the
    officers of the municipality it is about (see permissions.advice_municipality_id). 1 query."""
    from inspraak.advice.permissions import advice_municipality_id

    municipality_id = advice_municipality_id(advice)
    scope = Q(municipality__isnull=True)
    if municipality_id is not None:
        scope |= Q(municipality_id=municipality_id)
    rows = (
        RoleAssignment.objects.filter(scope, role=Role.POLICY_OFFICER, region_id=advice.body.region_id)
        .filter(user__is_active=True, user__email__isnull=False)
        .exclude(user__email="")
        .order_by("pk")
        .values_list("user__email", flat=True)
    )
    return list(dict.fromkeys(rows))


# ---------------------------------------------------------------- the body dashboard


def body_advice_summary(body: Body, *, today: datetime.date | None = None) -> dict:
    """For the body dashboard: open requests (with days left and timeliness), drafts (not sent yet: concept or
    vastgesteld), sent advice awaiting a response, and sent advice whose response is overdue (with the days).
    2 queries."""
    today = today or timezone.localdate()
    open_requests = [
        _decorate_request(r, body, today)
        for r in _requests(body).filter(status=RequestStatus.OPEN).order_by("deadline", "pk")
    ]
    advices = list(
        Advice.objects.filter(body=body)
        .filter(
            Q(status__in=[AdviceStatus.DRAFT, AdviceStatus.ADOPTED])
            | Q(status=AdviceStatus.SENT, response__isnull=True)
        )
        .order_by("response_due", "pk")
        .only("pk", "body_id", "subject", "status", "sent_on", "response_due", "version")
    )
    drafts, awaiting, overdue = [], [], []
    for advice in advices:
        advice.body = body
        if advice.status != AdviceStatus.SENT:
            drafts.append(advice)
            continue
        due = advice.response_due or rules.response_due(advice.sent_on, body.response_period_weeks)
        advice.due = due
        advice.days_overdue = rules.response_overdue(due, None, today)
        advice.days_left = max((due - today).days, 0)
        (overdue if advice.days_overdue else awaiting).append(advice)
    return {
        "body": body,
        "open_requests": open_requests,
        "drafts": drafts,
        "awaiting": awaiting,
        "overdue": overdue,
    }
