"""Reads for the public advice register: sent advice and what was done with it, and the timeline of a proposal.

Only advice with status "verzonden" is ever read here; drafts, adopted-but-unsent advice and comments never are.
Nothing personal is loaded: no officer, author or member, only bodies, municipalities and the region. Every
function runs a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inspraak.advice.models import (
    Advice,
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    Recommendation,
    RequestStatus,
)
from inspraak.audit.cache import TIMEOUT_SECONDS, RegionCache, newest_audit_subqueries
from inspraak.policy import rules
from inspraak.policy.models import Concern, Proposal, ProposalEvent, ProposalStatus
from inspraak.regions.changes import TOKEN_PK
from inspraak.regions.models import Body, ChangeToken, Municipality, Region

PAGE_SIZE = 25
API_PAGE_SIZE = 25
GR = "hele-regio"  # the "municipality" filter value for proposals of the whole region

# Response states of a sent advice (filter values and JSON codes)
RECEIVED = "ontvangen"
WAITING = "wacht"
OVERDUE = "te_laat"
RESPONSE_STATES = (RECEIVED, WAITING, OVERDUE)


def response_state_label(code: str) -> str:
    if code == RECEIVED:
        return _("Reactie ontvangen")
    if code == WAITING:
        return _("Wacht op reactie")
    if code == OVERDUE:
        return _("Reactie te laat")
    raise KeyError(code)


# Badge modifiers (utrecht-badge-status--*): the badge always carries a word, the colour only adds to it.
_TIMELINESS_TONE = {
    rules.ON_TIME: "safe",
    rules.LATE: "danger",
    rules.NOT_ASKED: "danger",
    rules.NOT_YET_ASKED: "warning",
}
_RESPONSE_TONE = {RECEIVED: "safe", WAITING: "neutral", OVERDUE: "danger"}
_VERDICT_TONE = {"overgenomen": "safe", "deels": "warning", "niet": "neutral"}


def timeliness_tone(timeliness: rules.Timeliness | None) -> str:
    return _TIMELINESS_TONE.get(timeliness.code, "neutral") if timeliness else "neutral"


# ---------------------------------------------------------------- the region and its cache


# What the filter choices (the municipalities and bodies) are kept on: the change token of regions, municipalities and
# bodies (regions/changes.py: it changes with every save and delete) and their highest ids (a bulk create sends no
# signal), as the home page's region cards (ADR 31). No settle window: the token row is written in the transaction.
def _places_version() -> dict:
    return {
        "places_token": Subquery(ChangeToken.objects.filter(pk=TOKEN_PK).values("token")[:1]),
        "places_municipality": Subquery(Municipality.objects.order_by("-pk").values("pk")[:1]),
        "places_body": Subquery(Body.objects.order_by("-pk").values("pk")[:1]),
    }


@functools.cache
def _region_sql() -> tuple[str, tuple, int]:
    """The SQL of the region with a given slug, its newest audit row and what the filter choices are kept on, made
    by the ORM once per process: building it (five subqueries) costs several times running it, and the public pages
    read it on every request. The slug is unique: no order (Region's default ordering by name would add a sort to
    the plan). Returns the SQL, its parameters and where the slug goes in them."""
    sql, params = (
        Region.objects.filter(slug=_SLUG)
        .annotate(**newest_audit_subqueries(), **_places_version())
        .order_by()[:1]
        .query.sql_with_params()
    )
    if params.count(_SLUG) != 1:
        raise RuntimeError(params)
    return sql, params, params.index(_SLUG)


_SLUG = "-slug-"  # not a slug (slugs never start with a dash): a stand-in for the one asked


def region_and_cache(slug: str, *, today: datetime.date) -> tuple[Region, RegionCache]:
    """Any region (the register is public) and its cache for this request (ADR 31), keyed on the region's newest
    audit row read in the same query, as is what the filter choices are kept on (``kept_filter_choices``). 404 for
    an unknown slug. 1 query."""
    sql, params, at = _region_sql()
    found = list(Region.objects.raw(sql, [*params[:at], slug, *params[at + 1 :]]))
    if not found:
        raise Http404
    region = found[0]
    return region, RegionCache.of_annotated(region, today=today)


# ---------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    """Validated filters of the register (see forms.RegisterFilterForm). Empty values filter nothing."""

    municipality: Municipality | None = None
    gr_only: bool = False  # only advice on proposals of the whole region (or of a regional body without one)
    body: Body | None = None
    year: int | None = None
    kind: str = ""
    response: str = ""


_BODY_FIELDS = (
    "id",
    "name",
    "slug",
    "level",
    "region_id",
    "advice_period_weeks",
    "response_period_weeks",
    "municipality__id",
    "municipality__name",
    "municipality__slug",
)

_BODY_OWN_FIELDS = (*(f for f in _BODY_FIELDS if not f.startswith("municipality__")), "municipality")


def kept_filter_choices(region: Region) -> dict:
    """``filter_choices``, kept in the cache until a region, municipality or body changes (a region read by
    ``region_and_cache`` holds the version): 0 queries then, else 2."""
    if getattr(region, "places_token", None) is None:  # no token row yet: nothing may be kept
        return filter_choices(region)
    key = f"register:choices:{region.pk}:{region.places_token}-{region.places_municipality}-{region.places_body}"
    choices = cache.get(key)
    if choices is None:
        choices = filter_choices(region)
        cache.set(key, choices, TIMEOUT_SECONDS)
    return choices


def filter_choices(region: Region) -> dict:
    """The region's municipalities and bodies for the filter form. 2 queries. The bodies come with what a page of
    the register shows of them (``register_page(..., places=...)`` takes them instead of joining them per row)."""
    municipalities = list(Municipality.objects.filter(region=region).only("pk", "name", "slug").order_by("name"))
    bodies = list(Body.objects.filter(region=region).only(*_BODY_OWN_FIELDS).order_by("name", "pk"))
    by_pk = {municipality.pk: municipality for municipality in municipalities}
    for body in bodies:  # a municipal body's municipality is one of the region's (read as usual if it is not)
        if body.municipality_id in by_pk:
            body.municipality = by_pk[body.municipality_id]
    return {"municipalities": municipalities, "bodies": bodies}


def _sent(region: Region):
    return Advice.objects.filter(region=region, status=AdviceStatus.SENT)


def _filtered(region: Region, filters: Filters, *, today: datetime.date):
    """The region's sent advice matching ``filters``, as conditions on ``advice_advice`` alone that its indexes
    serve: the stored region and municipality (see Advice.set_place) and the stored date of the response."""
    rows = _sent(region)
    if filters.municipality is not None:
        rows = rows.filter(municipality=filters.municipality)
    elif filters.gr_only:
        rows = rows.filter(municipality__isnull=True)
    if filters.body is not None:
        rows = rows.filter(body=filters.body)
    if filters.year is not None:
        rows = rows.filter(
            sent_on__gte=datetime.date(filters.year, 1, 1), sent_on__lte=datetime.date(filters.year, 12, 31)
        )
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.response == RECEIVED:
        rows = rows.filter(responded_on__isnull=False)
    elif filters.response == WAITING:
        rows = rows.filter(responded_on__isnull=True).filter(Q(response_due__isnull=True) | Q(response_due__gte=today))
    elif filters.response == OVERDUE:
        rows = rows.filter(responded_on__isnull=True, response_due__lt=today)
    return rows


_RELATED = (
    "body",
    "body__municipality",
    "request",
    "request__proposal",
    "request__proposal__municipality",
    "proposal",
    "proposal__municipality",
    "response",
)
_PROPOSAL_FIELDS = (
    "id",
    "title",
    "region_id",
    "status",
    "planned_decision_date",
    "decided_on",
    "decision_url",
    "deciding_body",
    "municipality__id",
    "municipality__name",
    "municipality__slug",
)


def _under(prefix: str, fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{prefix}__{field}" for field in fields)


_ONLY = (
    *("id", "kind", "subject", "text", "status", "adopted_on", "adopted_how", "sent_on", "response_due"),
    *("follow_up", "follow_up_on"),
    *_under("body", _BODY_FIELDS),
    *_under("request", ("id", "requested_on", "deadline", "status")),
    *_under("request__proposal", _PROPOSAL_FIELDS),
    *_under("proposal", _PROPOSAL_FIELDS),
    *_under("response", ("id", "responded_on", "mentioned_in_decision", "sent_to_council", "summary")),
)


# A page whose bodies and municipalities come from the region's (filter_choices): only these four are joined.
_PAGE_RELATED = ("request", "request__proposal", "proposal", "response")
_PAGE_PROPOSAL_FIELDS = (*(f for f in _PROPOSAL_FIELDS if not f.startswith("municipality__")), "municipality")
_PAGE_ONLY = (
    *(f for f in _ONLY if not f.startswith(("body__", "request__proposal__", "proposal__"))),
    "body",
    *_under("request__proposal", _PAGE_PROPOSAL_FIELDS),
    *_under("proposal", _PAGE_PROPOSAL_FIELDS),
)


# The timeline's advice: its proposal and requests are read before them.
_TIMELINE_ONLY = (
    *(f for f in _ONLY if not f.startswith(("request__", "proposal__"))),
    "request",
    "proposal",
)


def _recommendations() -> Prefetch:
    return Prefetch(
        "recommendations",
        queryset=Recommendation.objects.select_related("verdict").order_by("number", "pk"),
        to_attr="public_recommendations",
    )


def _public_rows(region: Region, filters: Filters, *, today: datetime.date):
    return _with_related(_filtered(region, filters, today=today)).order_by("-sent_on", "-pk")


def _with_related(rows):
    return rows.select_related(*_RELATED).only(*_ONLY).prefetch_related(_recommendations())


def _page_ids(region: Region, filters: Filters, *, today: datetime.date):
    """The ids of the matching advice, newest first: the query to count and to slice a page from (on one table)."""
    return _filtered(region, filters, today=today).order_by("-sent_on", "-pk").values_list("pk", flat=True)


def _fill(page: Page, region: Region, today: datetime.date, places: dict | None = None) -> Page:
    """Replace the page's ids (read here: one query on ``advice_advice`` alone) by their advice with what is shown,
    decorated: 3 queries (ids, rows, recommendations with their verdicts), none for an empty register. The ids are
    read first on purpose: as a subquery (``id IN (SELECT … LIMIT 25)``) PostgreSQL joins every advice of the
    country before it applies the 25 ids (more relations than join_collapse_limit, so the semi-join comes last).

    ``places`` (``filter_choices(region)``, read already for the filter form): the region's bodies and
    municipalities are taken from there instead of being joined to every row (half the joins: a query that is
    planned faster, and no scan of the bodies of the whole country)."""
    if not page.paginator.count:
        page.object_list = []
        return page
    ids = list(page.object_list)
    if places is None:
        rows = Advice.objects.filter(pk__in=ids).select_related(*_RELATED).only(*_ONLY)
    else:
        rows = Advice.objects.filter(pk__in=ids).select_related(*_PAGE_RELATED).only(*_PAGE_ONLY)
    rows = list(rows.order_by("-sent_on", "-pk"))
    if places is not None:
        _place(rows, places)
    _attach_recommendations(rows)
    page.object_list = [_decorate(advice, region, today) for advice in rows]
    return page


def _attach_recommendations(rows: list[Advice]) -> None:
    """Each advice's ``public_recommendations`` with their verdicts, by one plain query (what prefetch_related
    reads, without its machinery); none for no rows."""
    by_advice: dict[int, list[Recommendation]] = {advice.pk: [] for advice in rows}
    if not by_advice:
        return
    for recommendation in (
        Recommendation.objects.filter(advice_id__in=list(by_advice)).select_related("verdict").order_by("number", "pk")
    ):
        by_advice[recommendation.advice_id].append(recommendation)
    for advice in rows:
        advice.public_recommendations = by_advice[advice.pk]


def _place(rows: list[Advice], places: dict) -> None:
    """Give each advice its body and each of their proposals its municipality from the region's (``places``); one
    that is not there (never, while the stored region is right) is read as usual."""
    bodies = {body.pk: body for body in places["bodies"]}
    municipalities = {municipality.pk: municipality for municipality in places["municipalities"]}
    for advice in rows:
        body = bodies.get(advice.body_id)
        if body is not None:
            advice.body = body
        for proposal in (advice.proposal if advice.proposal_id else None, _request_proposal(advice)):
            if proposal is not None and proposal.municipality_id is not None:
                municipality = municipalities.get(proposal.municipality_id)
                if municipality is not None:
                    proposal.municipality = municipality
            elif proposal is not None:
                proposal.municipality = None


def _request_proposal(advice: Advice):
    return advice.request.proposal if advice.request_id and advice.request.proposal_id else None


def _decorate(advice: Advice, region: Region, today: datetime.date) -> Advice:
    """Adds what the pages, CSV and JSON show: the proposal, where it applies, timeliness and the response state."""
    advice.body.region = region
    request = advice.request if advice.request_id else None
    proposal = advice.proposal if advice.proposal_id else (request.proposal if request else None)
    if proposal is not None:
        proposal.region = region
    advice.public_proposal = proposal
    advice.decided = proposal is not None and proposal.status == ProposalStatus.DECIDED
    if proposal is not None:
        advice.where = proposal.municipality
    else:
        advice.where = advice.body.municipality
    advice.where_label = advice.where.name if advice.where else _("Hele regio (%(name)s)") % {"name": region.name}
    advice.timeliness = None
    if request is not None and proposal is not None:
        advice.timeliness = rules.request_timeliness(
            request.requested_on,
            advice.body.advice_period_weeks,
            rules.decision_date(proposal.planned_decision_date, proposal.decided_on),
        )
    due = advice.response_due
    if due is None and advice.sent_on is not None:
        due = rules.response_due(advice.sent_on, advice.body.response_period_weeks)
    advice.due = due
    response = _response(advice)
    advice.public_response = response
    if response is not None:
        advice.response_code = RECEIVED
        advice.days_late = rules.response_overdue(due, response.responded_on, today)
    else:
        advice.days_late = rules.response_overdue(due, None, today)
        advice.response_code = OVERDUE if advice.days_late > 0 else WAITING
    advice.response_label = response_state_label(advice.response_code)
    advice.response_tone = _RESPONSE_TONE[advice.response_code]
    advice.timeliness_tone = timeliness_tone(advice.timeliness)
    if not hasattr(advice, "public_recommendations"):
        advice.public_recommendations = []
    for recommendation in advice.public_recommendations:
        recommendation.public_verdict = _verdict(recommendation)
        if recommendation.public_verdict is not None:
            recommendation.verdict_tone = _VERDICT_TONE.get(recommendation.public_verdict.verdict, "neutral")
    return advice


def _response(advice: Advice):
    try:
        return advice.response
    except Advice.response.RelatedObjectDoesNotExist:
        return None


def _verdict(recommendation: Recommendation):
    try:
        return recommendation.verdict
    except Recommendation.verdict.RelatedObjectDoesNotExist:
        return None


def register_page(
    region: Region, filters: Filters, *, page, today: datetime.date | None = None, places: dict | None = None
) -> Page:
    """One page (25) of the region's sent advice, newest first, decorated for display. 4 queries: the count and the
    page's 25 ids on ``advice_advice`` alone, then those rows with their joins, and their recommendations with the
    verdicts; 1 when nothing matches. The filters and the order are served by the indexes of Advice, so the cost
    does not grow with the size of the region or of the country. ``places``: the region's bodies and municipalities
    as ``filter_choices`` read them (then not joined to the rows)."""
    today = today or timezone.localdate()
    result = Paginator(_page_ids(region, filters, today=today), PAGE_SIZE).get_page(page)
    return _fill(result, region, today, places)


class PageOutOfRange(Exception):
    pass


def api_page(region: Region, filters: Filters, *, page: int, today: datetime.date | None = None) -> Page:
    """Like register_page, but a page that does not exist is an error instead of the nearest page."""
    today = today or timezone.localdate()
    paginator = Paginator(_page_ids(region, filters, today=today), API_PAGE_SIZE, allow_empty_first_page=True)
    if page < 1 or page > paginator.num_pages:
        raise PageOutOfRange
    return _fill(paginator.page(page), region, today)


def register_rows(region: Region, filters: Filters, *, today: datetime.date | None = None) -> Iterator[Advice]:
    """Every matching sent advice, decorated, read in chunks (for the streamed CSV). 2 queries per 1,000 rows."""
    today = today or timezone.localdate()
    for advice in _public_rows(region, filters, today=today).iterator(chunk_size=1000):
        yield _decorate(advice, region, today)


def sent_advice(region: Region, pk: int, *, today: datetime.date | None = None) -> Advice:
    """One sent advice of the region, decorated; anything else (a draft, another region) is a 404. 2 queries."""
    today = today or timezone.localdate()
    advice = _public_rows(region, Filters(), today=today).filter(pk=pk).first()
    if advice is None:
        raise Http404
    return _decorate(advice, region, today)


# ---------------------------------------------------------------- the timeline of one proposal


@dataclass
class BodyLine:
    """One body a proposal concerns (or that was asked): when it was asked, how timely, and what came of it."""

    body: Body
    concerned: bool
    request: AdviceRequest | None
    timeliness: rules.Timeliness | None
    advice: Advice | None
    state: str  # what came of it, in plain Dutch

    @property
    def tone(self) -> str:
        return timeliness_tone(self.timeliness)


@dataclass
class Moment:
    """One dated step on the timeline."""

    on: datetime.date
    kind: str  # request, declined, advice, response, date_moved, withdrawn, decided
    text: str
    detail: str = ""
    url: str = ""
    body: Body | None = None


def proposal_timeline(region: Region, pk: int, *, today: datetime.date | None = None) -> dict:
    """The public timeline of a proposal of ``region``. 404 for a proposal without a request, without sent advice
    and not decided (still being prepared), and for a proposal of another region. 7 queries."""
    today = today or timezone.localdate()
    proposal = (
        Proposal.objects.select_related("municipality")
        .defer("owner", "created_by", "decision_reminder_sent_for", "decision_file")
        .filter(region=region, pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    proposal.region = region
    requests = list(
        AdviceRequest.objects.filter(proposal=proposal)
        .select_related("body", "body__municipality")
        .only(
            *("id", "proposal_id", "questions", "requested_on", "deadline", "status", "decline_reason"),
            *_under("body", _BODY_FIELDS),
        )
        .order_by("requested_on", "pk")
    )
    by_request = {request.pk: request for request in requests}
    for request in requests:
        request.body.region = region
        request.proposal = proposal
    # The advice about the proposal, or answering one of its requests: two indexed conditions (no join in the OR).
    # Their requests and the proposal are the ones read above (not joined again); an advice of another proposal
    # that answers one of these requests (never, while the services keep them together) reads its own as usual.
    rows = list(
        _sent(region)
        .filter(Q(proposal=proposal) | Q(request_id__in=list(by_request)))
        .select_related("body", "body__municipality", "response")
        .only(*_TIMELINE_ONLY)
        .order_by("-sent_on", "-pk")
    )
    for advice in rows:
        if advice.request_id in by_request:
            advice.request = by_request[advice.request_id]
        if advice.proposal_id == proposal.pk:
            advice.proposal = proposal
    _attach_recommendations(rows)
    advices = [_decorate(advice, region, today) for advice in rows]
    if not requests and not advices and proposal.status != ProposalStatus.DECIDED:
        raise Http404
    concerns = list(
        Concern.objects.filter(proposal=proposal)
        .select_related("body", "body__municipality")
        .only("id", "proposal_id", "body_id", *_under("body", _BODY_FIELDS))
        .order_by("body__name", "pk")
    )
    events = list(
        ProposalEvent.objects.filter(
            Q(kind=ProposalEvent.Kind.DATE_MOVED)
            | Q(kind=ProposalEvent.Kind.STATUS, to_status=ProposalStatus.WITHDRAWN),
            proposal=proposal,
        )
        .only("pk", "proposal_id", "kind", "at", "old_date", "new_date", "to_status", "note")
        .order_by("at", "pk")
    )
    for concern in concerns:
        concern.body.region = region
    decision_on = rules.decision_date(proposal.planned_decision_date, proposal.decided_on)
    decided = proposal.status == ProposalStatus.DECIDED
    lines = _body_lines(proposal, concerns, requests, advices, decision_on=decision_on, decided=decided, today=today)
    moments = _moments(proposal, requests, advices, events)
    return {
        "proposal": proposal,
        "where_label": proposal.municipality.name
        if proposal.municipality
        else _("Hele regio (%(name)s)") % {"name": region.name},
        "decision_on": decision_on,
        "decided": decided,
        "lines": lines,
        "requests": requests,
        "advices": advices,
        "moments": moments,
        "date_moves": [e for e in events if e.kind == ProposalEvent.Kind.DATE_MOVED],
    }


def _current_request(requests: list[AdviceRequest]) -> AdviceRequest | None:
    """The request that counts for a body: the latest one that was not withdrawn."""
    live = [r for r in requests if r.status != RequestStatus.WITHDRAWN]
    return live[-1] if live else None


def _body_lines(proposal, concerns, requests, advices, *, decision_on, decided, today) -> list[BodyLine]:
    bodies: dict[int, Body] = {}
    concerned: set[int] = set()
    for concern in concerns:
        bodies[concern.body_id] = concern.body
        concerned.add(concern.body_id)
    by_body: dict[int, list[AdviceRequest]] = {}
    for request in requests:
        bodies.setdefault(request.body_id, request.body)
        by_body.setdefault(request.body_id, []).append(request)
    solicited = {a.request_id: a for a in advices if a.request_id}
    lines = []
    for body_id, body in sorted(bodies.items(), key=lambda item: (item[1].name, item[0])):
        request = _current_request(by_body.get(body_id, []))
        advice = solicited.get(request.pk) if request else None
        timeliness = None
        if proposal.status != ProposalStatus.WITHDRAWN or request is not None:
            timeliness = rules.concern_timeliness(
                requested_on=request.requested_on if request else None,
                advice_period_weeks=body.advice_period_weeks,
                decision_on=decision_on,
                decided=decided,
                today=today,
            )
        lines.append(
            BodyLine(
                body=body,
                concerned=body_id in concerned,
                request=request,
                timeliness=timeliness,
                advice=advice,
                state=_line_state(proposal, request, advice),
            )
        )
    return lines


def _line_state(proposal, request, advice) -> str:
    if advice is not None:
        return _("Advies gegeven op %(date)s") % {"date": _date(advice.sent_on)}
    if request is None:
        if proposal.status == ProposalStatus.WITHDRAWN:
            return _("Niet gevraagd: het voorstel is ingetrokken")
        return _("Geen advies gevraagd")
    if request.status == RequestStatus.DECLINED:
        return _("De groep ziet af van advies")
    if request.status == RequestStatus.ANSWERED:
        return _("Advies gegeven, nog niet openbaar")
    return _("De groep werkt aan het advies")


def _date(value: datetime.date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def _moments(proposal, requests, advices, events) -> list[Moment]:
    moments: list[Moment] = []
    for request in requests:
        on, name, body = request.requested_on, {"body": request.body.name}, request.body
        moments.append(Moment(on, "request", _("Advies gevraagd aan %(body)s") % name, request.questions, body=body))
        if request.status == RequestStatus.DECLINED:
            text = _("%(body)s ziet af van advies") % name
            moments.append(Moment(on, "declined", text, request.decline_reason, body=body))
        elif request.status == RequestStatus.WITHDRAWN:
            text = _("De adviesaanvraag aan %(body)s is ingetrokken") % name
            moments.append(Moment(on, "withdrawn", text, body=body))
    for advice in advices:
        text = (
            _("Ongevraagd advies van %(body)s")
            if advice.kind == AdviceKind.UNSOLICITED
            else _("Advies van %(body)s verzonden")
        ) % {"body": advice.body.name}
        moments.append(
            Moment(on=advice.sent_on, kind="advice", text=text, detail=advice.subject, url=advice_url(advice))
        )
        if advice.public_response is not None:
            moments.append(
                Moment(
                    on=advice.public_response.responded_on,
                    kind="response",
                    text=_("Reactie op het advies van %(body)s") % {"body": advice.body.name},
                    detail=advice.public_response.summary,
                    url=advice_url(advice),
                )
            )
    for event in events:
        on = timezone.localdate(event.at)
        if event.kind == ProposalEvent.Kind.DATE_MOVED:
            text = _("Datum van het besluit verschoven van %(old)s naar %(new)s") % {
                "old": _date(event.old_date),
                "new": _date(event.new_date),
            }
            moments.append(Moment(on=on, kind="date_moved", text=text, detail=event.note))
        else:
            moments.append(Moment(on=on, kind="withdrawn", text=_("Het voorstel is ingetrokken"), detail=event.note))
    if proposal.status == ProposalStatus.DECIDED and proposal.decided_on:
        moments.append(
            Moment(
                on=proposal.decided_on,
                kind="decided",
                text=_("Besluit genomen door: %(who)s") % {"who": proposal.get_deciding_body_display()},
                url=proposal.decision_url,
            )
        )
    order = {"request": 0, "declined": 1, "withdrawn": 1, "advice": 2, "response": 3, "date_moved": 4, "decided": 5}
    moments.sort(key=lambda m: (m.on, order.get(m.kind, 9)))
    return moments


def advice_url(advice: Advice) -> str:
    return reverse("register:advice", kwargs={"region": advice.body.region.slug, "pk": advice.pk})


def proposal_url(proposal: Proposal) -> str:
    return reverse("register:proposal", kwargs={"region": proposal.region.slug, "pk": proposal.pk})


# ---------------------------------------------------------------- decided without advice


def decided_without_advice_page(region: Region, *, page) -> Page:
    """One page (25) of the region's proposals decided while no concerned body had given advice (the officer
    confirmed it and gave the reason), newest decision first, each with its municipality and ``body_names`` (the
    bodies it concerned). 3 queries (count, rows, bodies), 1 when there is none."""
    rows = (
        Proposal.objects.filter(region=region, status=ProposalStatus.DECIDED, decided_without_advice=True)
        .select_related("municipality")
        .prefetch_related(Prefetch("concerns", queryset=Concern.objects.select_related("body").order_by("body__name")))
        .order_by("-decided_on", "-pk")
    )
    result = Paginator(rows, PAGE_SIZE).get_page(page)
    for proposal in result.object_list:
        proposal.region = region
        proposal.body_names = [concern.body.name for concern in proposal.concerns.all()]
    return result
