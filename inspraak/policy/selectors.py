"""Reads for the officer's side of the advice cycle, scoped to what the user may see, with a fixed number of
queries whatever the number of proposals, requests or advices."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.accounts.roles import roles_of
from inspraak.advice.models import Advice, AdviceStatus, Recommendation
from inspraak.policy import rules
from inspraak.policy.models import AdviceRequest, Concern, Proposal, ProposalEvent, ProposalStatus, RequestStatus
from inspraak.regions.models import Body, Municipality

FIELD_LABELS = {
    "title": _("titel"),
    "description": _("korte beschrijving"),
    "kind": _("soort"),
    "owner": _("eigenaar"),
    "deciding_body": _("wie besluit"),
    "planned_decision_date": _("geplande datum van het besluit"),
    "no_bodies_reason": _("waarom geen adviesorgaan"),
    "concerned_bodies": _("groepen"),
}

# ---------------------------------------------------------------- scope


@dataclass(frozen=True)
class Scope:
    """What a person sees of one region's policy agenda."""

    region: object
    whole_region: bool = False  # GR officer or beheerder: every proposal of the region
    admin: bool = False
    gr_officer: bool = False
    municipalities: tuple = ()  # municipalities of this region the person is an officer of

    @property
    def municipality_ids(self) -> frozenset[int]:
        return frozenset(m.pk for m in self.municipalities)

    @property
    def officer(self) -> bool:
        return self.gr_officer or bool(self.municipalities)


def scope_for(user, region) -> Scope:
    """The person's scope in ``region``. 0 queries, or 1 for an officer of a municipality."""
    roles = roles_of(user)
    municipalities: tuple = ()
    if roles.officer_municipality_ids:
        municipalities = tuple(
            Municipality.objects.filter(region=region, pk__in=roles.officer_municipality_ids).order_by("name")
        )
        for municipality in municipalities:
            municipality.region = region
    admin = region.pk in roles.admin_region_ids
    gr_officer = region.pk in roles.officer_region_ids
    return Scope(
        region=region,
        whole_region=admin or gr_officer,
        admin=admin,
        gr_officer=gr_officer,
        municipalities=municipalities,
    )


def _proposal_filter(scope: Scope) -> Q:
    if scope.whole_region:
        return Q(region=scope.region)
    return Q(region=scope.region, municipality_id__in=scope.municipality_ids)


def _advice_filter(scope: Scope) -> Q:
    """Advice the person may respond to (or, as beheerder, read): about a proposal in scope, or unsolicited without
    a proposal from a regional body (GR officers) or from a body of their municipality."""
    in_region = Q(body__region=scope.region)
    if scope.admin:
        return in_region
    without_proposal = Q(proposal__isnull=True, request__isnull=True)
    wanted = Q(proposal__municipality_id__in=scope.municipality_ids) | Q(
        request__proposal__municipality_id__in=scope.municipality_ids
    )
    wanted |= without_proposal & Q(body__municipality_id__in=scope.municipality_ids)
    if scope.gr_officer:
        wanted |= Q(proposal__isnull=False) | Q(request__isnull=False)
        wanted |= without_proposal & Q(body__level=Body.Level.REGION)
    return in_region & wanted


# ---------------------------------------------------------------- lookups


def proposal_in(region, pk: int) -> Proposal:
    """A proposal of ``region`` with its municipality and owner. 1 query."""
    proposal = Proposal.objects.select_related("municipality", "owner").filter(region=region, pk=pk).first()
    if proposal is None:
        raise Http404
    proposal.region = region
    return proposal


def request_in(region, pk: int) -> AdviceRequest:
    """An advice request of ``region`` with its proposal, body and contact. 1 query."""
    advice_request = (
        AdviceRequest.objects.select_related("proposal", "proposal__municipality", "body", "contact")
        .filter(proposal__region=region, pk=pk)
        .first()
    )
    if advice_request is None:
        raise Http404
    advice_request.proposal.region = region
    advice_request.body.region = region
    return advice_request


def advice_in(region, pk: int) -> Advice:
    """An advice of ``region`` with its body, request, proposal and existing response. 1 query."""
    advice = (
        Advice.objects.select_related(
            "body", "body__municipality", "proposal", "request", "request__proposal", "response"
        )
        .filter(body__region=region, pk=pk)
        .first()
    )
    if advice is None:
        raise Http404
    advice.body.region = region
    return advice


def recommendations_of(advice: Advice) -> list[Recommendation]:
    """The numbered recommendations with any verdict already given. 1 query."""
    return list(Recommendation.objects.filter(advice=advice).select_related("verdict").order_by("number", "pk"))


# ---------------------------------------------------------------- bodies a proposal can concern


def candidate_bodies(region, municipality) -> list[Body]:
    """Bodies a proposal for ``municipality`` (None: the GR) can concern: the regional bodies and, for a municipal
    proposal, that municipality's bodies; for a GR proposal every body of the region. 1 query."""
    bodies = Body.objects.filter(region=region).select_related("municipality")
    if municipality is not None:
        bodies = bodies.filter(Q(level=Body.Level.REGION) | Q(municipality=municipality))
    result = list(bodies.order_by("level", "name"))
    for body in result:
        body.region = region
    return result


def suggested_body_ids(bodies: list[Body], municipality) -> set[int]:
    """Which of ``bodies`` the rules suggest for a proposal of ``municipality`` (None: the GR). 0 queries."""
    facts = [
        rules.BodyFacts(
            key=body.pk,
            level=body.level,
            municipality_key=body.municipality_id,
            covers_participatiewet=body.covers_participatiewet,
            topic_scope=body.topic_scope,
        )
        for body in bodies
    ]
    return set(rules.suggest_bodies(municipality_key=municipality.pk if municipality else None, bodies=facts))


def region_municipalities(region) -> list[Municipality]:
    """All municipalities of a region, by name. 1 query."""
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    for municipality in municipalities:
        municipality.region = region
    return municipalities


def askable_bodies(proposal: Proposal) -> tuple[list[Body], set[int]]:
    """The concerned bodies, and the ids of those with an open (not withdrawn) request on this proposal. 2 queries."""
    asked = set(
        AdviceRequest.objects.filter(proposal=proposal)
        .exclude(status=RequestStatus.WITHDRAWN)
        .values_list("body_id", flat=True)
    )
    bodies = [c.body for c in concerns_of(proposal)]
    for body in bodies:
        body.region = proposal.region
    return bodies, asked


def concerns_of(proposal: Proposal) -> list[Concern]:
    """The bodies a proposal concerns. 1 query."""
    return list(Concern.objects.filter(proposal=proposal).select_related("body").order_by("body__name"))


# ---------------------------------------------------------------- timeliness


@dataclass
class BodyTimeliness:
    body: Body
    timeliness: rules.Timeliness
    request: AdviceRequest | None

    def __iter__(self):  # unpacks as (body, timeliness, request)
        return iter((self.body, self.timeliness, self.request))


def _timeliness_rows(proposal, concerns, requests, today) -> list[BodyTimeliness]:
    by_body = {r.body_id: r for r in requests if r.status != RequestStatus.WITHDRAWN}
    decision_on = rules.decision_date(proposal.planned_decision_date, proposal.decided_on)
    decided = proposal.status == ProposalStatus.DECIDED
    rows = []
    for concern in concerns:
        body = concern.body
        advice_request = by_body.get(body.pk)
        timeliness = rules.concern_timeliness(
            requested_on=advice_request.requested_on if advice_request else None,
            advice_period_weeks=body.advice_period_weeks,
            decision_on=decision_on,
            decided=decided,
            today=today,
        )
        rows.append(BodyTimeliness(body, timeliness, advice_request))
    return rows


def proposal_timeliness(proposal: Proposal, *, today: datetime.date | None = None) -> list[BodyTimeliness]:
    """Per concerned body: (body, Timeliness, request or None). 2 queries."""
    today = today or timezone.localdate()
    concerns = concerns_of(proposal)
    requests = list(AdviceRequest.objects.filter(proposal=proposal).exclude(status=RequestStatus.WITHDRAWN))
    return _timeliness_rows(proposal, concerns, requests, today)


def proposals_timeliness(
    proposals: list[Proposal], *, today: datetime.date | None = None, requests: list[AdviceRequest] | None = None
) -> dict[int, list[BodyTimeliness]]:
    """The bulk variant for a list page: proposal id -> rows. 2 queries (1 when ``requests`` are given)."""
    today = today or timezone.localdate()
    ids = [p.pk for p in proposals]
    concerns: dict[int, list[Concern]] = {pk: [] for pk in ids}
    for concern in Concern.objects.filter(proposal_id__in=ids).select_related("body").order_by("body__name"):
        concerns[concern.proposal_id].append(concern)
    if requests is None:
        requests = list(AdviceRequest.objects.filter(proposal_id__in=ids).exclude(status=RequestStatus.WITHDRAWN))
    by_proposal: dict[int, list[AdviceRequest]] = {pk: [] for pk in ids}
    for advice_request in requests:
        by_proposal.setdefault(advice_request.proposal_id, []).append(advice_request)
    return {p.pk: _timeliness_rows(p, concerns[p.pk], by_proposal[p.pk], today) for p in proposals}


# ---------------------------------------------------------------- dashboard


@dataclass
class AwaitingResponse:
    advice: Advice
    due: datetime.date | None
    overdue_days: int
    can_respond: bool = False


@dataclass
class Dashboard:
    proposals: list[Proposal] = field(default_factory=list)
    page: object = None  # the Paginator page of proposals (25 a page: active ones first)
    open_requests: list[AdviceRequest] = field(default_factory=list)
    awaiting: list[AwaitingResponse] = field(default_factory=list)


def response_due_of(advice: Advice) -> datetime.date | None:
    """The stored due date, or the sent date plus the body's response period."""
    if advice.response_due:
        return advice.response_due
    if advice.sent_on:
        return rules.response_due(advice.sent_on, advice.body.response_period_weeks)
    return None


DASHBOARD_PAGE_SIZE = 25


def dashboard(scope: Scope, *, today: datetime.date | None = None, page: object = 1) -> Dashboard:
    """The officer's proposals (25 a page: those still in play first, by planned decision date) with timeliness per
    body, every open request, and sent advice without a response. 6 queries, whatever the data."""
    today = today or timezone.localdate()
    closed = Case(
        When(status__in=[ProposalStatus.DECIDED, ProposalStatus.WITHDRAWN], then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    ordered = (
        Proposal.objects.filter(_proposal_filter(scope))
        .select_related("municipality")
        .annotate(closed=closed)
        .order_by("closed", "planned_decision_date", "pk")
    )
    page_obj = Paginator(ordered, DASHBOARD_PAGE_SIZE).get_page(page)
    proposals = list(page_obj.object_list)
    by_pk = {p.pk: p for p in proposals}
    for proposal in proposals:
        proposal.region = scope.region
    requests = list(
        AdviceRequest.objects.filter(proposal_id__in=list(by_pk))
        .exclude(status=RequestStatus.WITHDRAWN)
        .select_related("body")
        .order_by("deadline", "pk")
    )
    for advice_request in requests:
        advice_request.proposal = by_pk[advice_request.proposal_id]
    timeliness = proposals_timeliness(proposals, today=today, requests=requests)
    for proposal in proposals:
        proposal.timeliness_rows = timeliness[proposal.pk]
        proposal.flags = [row for row in proposal.timeliness_rows if not row.timeliness.ok]
    open_requests = list(
        AdviceRequest.objects.filter(
            status=RequestStatus.OPEN, proposal__in=Proposal.objects.filter(_proposal_filter(scope))
        )
        .select_related("body", "proposal", "proposal__municipality")
        .order_by("deadline", "pk")
    )
    for advice_request in open_requests:
        advice_request.proposal.region = scope.region
        advice_request.deadline_passed = advice_request.deadline < today
        advice_request.days_left = (advice_request.deadline - today).days
    advices = (
        Advice.objects.filter(_advice_filter(scope), status=AdviceStatus.SENT, response__isnull=True)
        .select_related("body", "proposal", "request__proposal")
        .order_by("response_due", "sent_on", "pk")
    )
    awaiting = []
    for advice in advices:
        advice.body.region = scope.region
        due = response_due_of(advice)
        awaiting.append(AwaitingResponse(advice, due, rules.response_overdue(due, None, today)))
    awaiting.sort(key=lambda a: (a.due or datetime.date.max, a.advice.pk))
    return Dashboard(proposals=proposals, page=page_obj, open_requests=open_requests, awaiting=awaiting)


# ---------------------------------------------------------------- proposal page


def proposal_page(proposal: Proposal, *, today: datetime.date | None = None) -> dict:
    """Everything on a proposal's officer page: timeliness per body, requests with documents, advice and history.
    6 queries."""
    today = today or timezone.localdate()
    requests = list(
        AdviceRequest.objects.filter(proposal=proposal)
        .select_related("body", "contact")
        .prefetch_related("documents")
        .order_by("requested_on", "pk")
    )
    for advice_request in requests:
        advice_request.proposal = proposal
        advice_request.body.region = proposal.region
    concerns = concerns_of(proposal)
    advices = list(
        Advice.objects.filter(Q(proposal=proposal) | Q(request__proposal=proposal))
        .select_related("body", "response")
        .order_by("sent_on", "pk")
    )
    for advice in advices:
        advice.body.region = proposal.region
        advice.due = response_due_of(advice) if advice.status == AdviceStatus.SENT else None
        responded = advice.response.responded_on if hasattr(advice, "response") else None
        advice.overdue_days = rules.response_overdue(advice.due, responded, today) if advice.due else 0
    events = list(ProposalEvent.objects.filter(proposal=proposal).select_related("by").order_by("at", "pk"))
    for event in events:
        event.field_labels = [str(FIELD_LABELS.get(name, name)) for name in event.changed_fields or []]
    return {
        "timeliness": _timeliness_rows(proposal, concerns, requests, today),
        "requests": requests,
        "advices": advices,
        "events": events,
        "concerns": concerns,
    }


def request_page(advice_request: AdviceRequest) -> dict:
    """The documents and the advice of one request. 2 queries."""
    documents = list(advice_request.documents.order_by("uploaded_at", "pk"))
    advice = Advice.objects.filter(request=advice_request).select_related("response").first()
    return {"documents": documents, "advice": advice}


def document_of(advice_request: AdviceRequest, pk: int):
    document = advice_request.documents.filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def body_contacts(body: Body, roles=(Role.SECRETARY, Role.FACILITATOR)) -> list:
    """Active people with an email address who hold one of ``roles`` in ``body``, once each. 1 query."""
    rows = (
        RoleAssignment.objects.filter(body=body, role__in=roles, user__is_active=True)
        .exclude(user__email__isnull=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    seen, people = set(), []
    for row in rows:
        if row.user_id not in seen:
            seen.add(row.user_id)
            people.append(row.user)
    return people


def owner_choices(region, municipality) -> list:
    """People who can own a proposal for ``municipality`` (None: the GR): the GR's policy officers and, for a
    municipal proposal, that municipality's officers. 1 query."""
    rows = RoleAssignment.objects.filter(region=region, role=Role.POLICY_OFFICER, user__is_active=True)
    if municipality is None:
        rows = rows.filter(municipality__isnull=True)
    else:
        rows = rows.filter(Q(municipality__isnull=True) | Q(municipality=municipality))
    seen, people = set(), []
    for row in rows.select_related("user").order_by("user__name", "user_id"):
        if row.user_id not in seen:
            seen.add(row.user_id)
            people.append(row.user)
    return people
