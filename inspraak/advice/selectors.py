"""Reads of the advice conversation, for the body (callers pass a body already scoped to the user,
``regions.selectors.body_for_user``) and for the policy officer (a region and the officer's ``policy`` scope).
Every function runs a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.advice.models import (
    Advice,
    AdviceComment,
    AdviceEvent,
    AdviceRequest,
    AdviceStatus,
    Recommendation,
    RequestDocument,
    RequestStatus,
)
from inspraak.core import names
from inspraak.core.links import url_template
from inspraak.core.paging import day_cursor, read_day_cursor
from inspraak.core.prepared import InChoices, IntLiteral, count_all, prepared_rows, sql_literal
from inspraak.members import selectors as member_selectors
from inspraak.policy import rules
from inspraak.policy import selectors as policy_selectors
from inspraak.policy.models import Concern, Proposal, ProposalStatus
from inspraak.policy.selectors import Scope
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


def _add_timing(request: AdviceRequest, body: Body, today: datetime.date) -> None:
    """Adds the days left until the deadline and the timeliness of the request (its proposal already on it)."""
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


def _decorate_request(request: AdviceRequest, body: Body, today: datetime.date) -> AdviceRequest:
    """Adds the days left until the deadline, the timeliness of the request and the advice answering it."""
    _add_timing(request, body, today)
    request.answer = _advice_of(request)
    request.is_open = request.status == RequestStatus.OPEN
    return request


def _requests(body: Body):
    return (
        AdviceRequest.objects.filter(body=body)
        .exclude(status=RequestStatus.WITHDRAWN)
        .select_related("proposal", "proposal__municipality", "advice")
    )


REQUESTS_SHOWN = 25  # open requests, and earlier ones, on one page of the body's requests


def body_requests(
    body: Body, *, today: datetime.date | None = None, open_after: str = "", closed_after: str = ""
) -> dict:
    """The body's requests, 25 a page: the open ones by deadline, then the others (answered, declined) newest first,
    each list paged by keyset (``open_after``/``closed_after``: the cursor "YYYYMMDD-pk" after the last one shown on
    the page before; the next cursors are ``open_next``/``closed_next``, "" at the end). Withdrawn requests are left
    out. 3 queries (the open page, the number of open requests, the page of earlier ones), each a LIMIT on the
    body's requests."""
    today = today or timezone.localdate()

    mine = AdviceRequest.objects.filter(body=body)
    open_rows = mine.filter(status=RequestStatus.OPEN)
    at = read_day_cursor(open_after)
    if at is not None:
        day, pk = at
        open_rows = open_rows.filter(deadline__gte=day).filter(Q(deadline__gt=day) | Q(deadline=day, pk__gt=pk))
    open_rows = list(
        open_rows.select_related("proposal", "proposal__municipality", "advice").order_by("deadline", "pk")[
            : REQUESTS_SHOWN + 1
        ]
    )
    open_count = mine.filter(status=RequestStatus.OPEN).count()
    closed = mine.filter(status__in=[RequestStatus.ANSWERED, RequestStatus.DECLINED])
    before = read_day_cursor(closed_after)
    if before is not None:
        closed = closed.filter(requested_on__lte=before[0]).filter(
            Q(requested_on__lt=before[0]) | Q(requested_on=before[0], pk__lt=before[1])
        )
    closed = list(
        closed.select_related("proposal")
        .only("pk", "status", "requested_on", "proposal__title")
        .order_by("-requested_on", "-pk")[: REQUESTS_SHOWN + 1]
    )
    shown_open = [_decorate_request(r, body, today) for r in open_rows[:REQUESTS_SHOWN]]
    shown_closed = closed[:REQUESTS_SHOWN]
    last_open, last_closed = shown_open[-1:], shown_closed[-1:]
    return {
        "open_requests": shown_open,
        "open_count": open_count,
        "open_next": day_cursor(last_open[0].deadline, last_open[0].pk) if len(open_rows) > REQUESTS_SHOWN else "",
        "open_paged": at is not None,
        "closed_requests": shown_closed,
        "closed_next": day_cursor(last_closed[0].requested_on, last_closed[0].pk)
        if len(closed) > REQUESTS_SHOWN
        else "",
        "closed_paged": before is not None,
    }


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


# The body dashboard names this many items per list (the most urgent); a line counts the rest and links to all.
SUMMARY_SHOWN = 10
_DRAFTS, _OVERDUE, _AWAITING, _UNDATED = 0, 1, 2, 3

# The two queries of ``body_advice_summary``, written out: built with the ORM (subqueries, window functions and the
# filter on them) they cost several times their run in the database on every body dashboard. Standard SQL (PostgreSQL
# and SQLite, window functions and NULLS LAST); a renamed table or column fails the summary's tests.
#
# The open requests: the first ids by the index (body, status, deadline), and the count as one subquery, so only the
# rows shown are joined to their proposal, however many requests the body has.
_SUMMARY_REQUESTS_SQL = (
    'SELECT r."id", r."proposal_id", r."requested_on", r."deadline", r."status", '
    'p."title", p."planned_decision_date", p."decided_on", '
    '(SELECT COUNT(*) FROM "advice_advicerequest" c WHERE c."body_id" = %s AND c."status" = %s) '
    'FROM "advice_advicerequest" r INNER JOIN "policy_proposal" p ON p."id" = r."proposal_id" '
    'WHERE r."id" IN (SELECT f."id" FROM "advice_advicerequest" f WHERE f."body_id" = %s AND f."status" = %s '
    'ORDER BY f."deadline", f."id" LIMIT %s) '
    'ORDER BY r."deadline", r."id"'
)


# The statuses in the advice lists' SQL are written in as literals, not passed as values (core.prepared.sql_literal):
# the partial indexes advice_awaiting_body_idx and advice_draft_body hold only rows of one status (without them the
# sent advice of a body are read from the table: 4 ms instead of 0.2 ms).
def _literal_statuses(sql: str) -> str:
    statuses = {"sent": AdviceStatus.SENT, "draft": AdviceStatus.DRAFT, "adopted": AdviceStatus.ADOPTED}
    return sql.format(**{name: sql_literal(status) for name, status in statuses.items()})


# The three advice lists in one query: each list's first SUMMARY_SHOWN rows by an index range (LIMIT inside each
# branch) and its size as a count beside it, so the rows read do not grow with the body's history: drafts (few, by the
# body index), and the sent advice without a response (the partial index advice_awaiting_body_idx: body, due date, id)
# split at today into overdue and awaiting. "Without a response" on the advice row itself (responded_on, kept by
# Response.save): no join with the response table. A sent advice without a stored due date (none since migration
# 0011) counts as awaiting, after those with a date: a branch of its own (an OR in one branch would read every
# awaiting row), joined to the awaiting list in Python. Each branch is wrapped in a SELECT of its own, so SQLite
# accepts its ORDER BY and LIMIT inside UNION ALL.
_SUMMARY_ADVICE_SQL = _literal_statuses(
    'SELECT * FROM (SELECT a."id", a."body_id", a."subject", a."status", a."sent_on", a."response_due", a."version", '
    '%s AS "which", (SELECT COUNT(*) FROM "advice_advice" a WHERE '
    'a."body_id" = %s AND a."status" IN ({draft}, {adopted})) AS "n_listed" '
    'FROM "advice_advice" a WHERE a."body_id" = %s AND a."status" IN ({draft}, {adopted}) '
    'ORDER BY a."response_due" ASC NULLS LAST, a."id" ASC LIMIT %s) "drafts" UNION ALL '
    'SELECT * FROM (SELECT a."id", a."body_id", a."subject", a."status", a."sent_on", a."response_due", a."version", '
    '%s AS "which", (SELECT COUNT(*) FROM "advice_advice" a WHERE '
    'a."body_id" = %s AND a."status" = {sent} AND a."responded_on" IS NULL AND a."response_due" < %s) AS "n_listed" '
    'FROM "advice_advice" a WHERE a."body_id" = %s AND a."status" = {sent} AND a."responded_on" IS NULL '
    'AND a."response_due" < %s '
    'ORDER BY a."response_due" ASC NULLS LAST, a."id" ASC LIMIT %s) "overdue" UNION ALL '
    'SELECT * FROM (SELECT a."id", a."body_id", a."subject", a."status", a."sent_on", a."response_due", a."version", '
    '%s AS "which", (SELECT COUNT(*) FROM "advice_advice" a WHERE '
    'a."body_id" = %s AND a."status" = {sent} AND a."responded_on" IS NULL AND a."response_due" >= %s) AS "n_listed" '
    'FROM "advice_advice" a WHERE a."body_id" = %s AND a."status" = {sent} AND a."responded_on" IS NULL '
    'AND a."response_due" >= %s '
    'ORDER BY a."response_due" ASC NULLS LAST, a."id" ASC LIMIT %s) "awaiting" UNION ALL '
    'SELECT * FROM (SELECT a."id", a."body_id", a."subject", a."status", a."sent_on", a."response_due", a."version", '
    '%s AS "which", (SELECT COUNT(*) FROM "advice_advice" a WHERE '
    'a."body_id" = %s AND a."status" = {sent} AND a."responded_on" IS NULL AND a."response_due" IS NULL) AS "n_listed" '
    'FROM "advice_advice" a WHERE a."body_id" = %s AND a."status" = {sent} AND a."responded_on" IS NULL '
    'AND a."response_due" IS NULL '
    'ORDER BY a."response_due" ASC NULLS LAST, a."id" ASC LIMIT %s) "undated"'
)


def _as_date(value) -> datetime.date | None:
    """A date column as the ORM reads it: SQLite returns text."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _days_left_text(days_left: int) -> str:
    """As advice/_days_left.html says it."""
    if days_left > 0:
        return ngettext("nog %(n)s dag", "nog %(n)s dagen", days_left) % {"n": days_left}
    if days_left == 0:
        return _("vandaag is de laatste dag")
    n = -days_left
    return ngettext("de termijn is %(n)s dag voorbij", "de termijn is %(n)s dagen voorbij", n) % {"n": n}


@dataclass(frozen=True, slots=True)
class SummaryProposal:
    """What the body dashboard shows of a request's proposal."""

    pk: int
    title: str
    planned_decision_date: datetime.date
    decided_on: datetime.date | None


@dataclass(slots=True)
class SummaryRequest:
    """An open request as the body dashboard shows it, its texts and link made once (``body_advice_summary``)."""

    pk: int
    proposal: SummaryProposal
    requested_on: datetime.date
    deadline: datetime.date
    status: str
    days_left: int
    days_past: int
    timeliness: rules.Timeliness
    timeliness_tone: str
    url: str
    due_text: str
    days_text: str
    is_open: bool = True


@dataclass(slots=True)
class SummaryAdvice:
    """An advice as the body dashboard lists it (``which``: drafts, overdue or awaiting), with its texts and link.
    For sent advice also its due date, the days overdue and the days left."""

    pk: int
    subject: str
    status: str
    sent_on: datetime.date | None
    response_due: datetime.date | None
    which: int
    n_listed: int
    url: str
    status_text: str = ""
    due: datetime.date | None = None
    days_overdue: int = 0
    days_left: int = 0
    late_text: str = ""
    due_text: str = ""


def body_advice_summary(body: Body, *, today: datetime.date | None = None) -> dict:
    """For the body dashboard: open requests (with days left and timeliness), drafts (not sent yet: concept or
    vastgesteld), sent advice awaiting a response, and sent advice whose response is overdue (with the days). Each
    list holds at most SUMMARY_SHOWN, the soonest deadline first, with its full count (``n_open``, ``n_drafts``,
    ``n_awaiting``, ``n_overdue``), so the cost does not grow with the body's history. The rows are plain
    (SummaryRequest, SummaryAdvice: no model instances) and carry what the summary shows, their texts and links made
    here. 2 queries."""
    today = today or timezone.localdate()
    db_today = connection.ops.adapt_datefield_value(today)
    # The rows' links and texts are made here, reversed once per kind of page (the body dashboard's template only
    # places them: no {% url %} or {% blocktranslate %} per row).
    slugs = {"region": body.region.slug, "body": body.slug}
    request_url = url_template("advice:request_detail", "pk", **slugs)
    advice_url = url_template("advice:detail", "pk", **slugs)
    with connection.cursor() as cursor:
        cursor.execute(_SUMMARY_REQUESTS_SQL, [body.pk, RequestStatus.OPEN, body.pk, RequestStatus.OPEN, SUMMARY_SHOWN])
        request_rows = cursor.fetchall()
        drafts = [body.pk]  # the statuses are in the SQL (_literal_statuses)
        dated = [body.pk, db_today]
        undated = [body.pk]
        cursor.execute(
            _SUMMARY_ADVICE_SQL,
            [
                *(_DRAFTS, *drafts, *drafts, SUMMARY_SHOWN),
                *(_OVERDUE, *dated, *dated, SUMMARY_SHOWN),
                *(_AWAITING, *dated, *dated, SUMMARY_SHOWN),
                *(_UNDATED, *undated, *undated, SUMMARY_SHOWN),
            ],
        )
        advice_rows = cursor.fetchall()
    day_texts: dict[datetime.date, str] = {}

    def long_day(day: datetime.date) -> str:
        if day not in day_texts:
            day_texts[day] = date_format(day, "j F Y")
        return day_texts[day]

    open_requests = []
    n_open = 0
    for pk, proposal_id, requested_on, deadline, status, title, planned, decided_on, total in request_rows:
        n_open = total
        # As SQLite returns them: the dates as the ORM would (from_db converts them).
        requested_on, deadline, planned, decided_on = (
            _as_date(day) for day in (requested_on, deadline, planned, decided_on)
        )
        days_left = (deadline - today).days
        timeliness = rules.request_timeliness(
            requested_on, body.advice_period_weeks, rules.decision_date(planned, decided_on)
        )
        open_requests.append(
            SummaryRequest(
                pk=pk,
                proposal=SummaryProposal(proposal_id, title, planned, decided_on),
                requested_on=requested_on,
                deadline=deadline,
                status=status,
                days_left=days_left,
                days_past=max(-days_left, 0),
                timeliness=timeliness,
                timeliness_tone=TIMELINESS_TONE.get(timeliness.code, "neutral"),
                url=request_url(pk),
                due_text=_("advies uiterlijk %(date)s") % {"date": long_day(deadline)},
                days_text=_days_left_text(days_left),
            )
        )
    lists: dict[int, list[SummaryAdvice]] = {_DRAFTS: [], _OVERDUE: [], _AWAITING: [], _UNDATED: []}
    counts = dict.fromkeys(lists, 0)
    status_texts = {value: str(label).lower() for value, label in AdviceStatus.choices}
    for pk, _body_id, subject, status, sent_on, response_due, _version, branch, n_listed in advice_rows:
        sent_on, response_due = _as_date(sent_on), _as_date(response_due)
        which = _AWAITING if branch == _UNDATED else branch
        advice = SummaryAdvice(pk, subject, status, sent_on, response_due, which, n_listed, advice_url(pk))
        lists[branch].append(advice)
        counts[branch] = n_listed
        if status != AdviceStatus.SENT:
            advice.status_text = status_texts.get(status, status)
            continue
        due = response_due or rules.response_due(sent_on, body.response_period_weeks)
        advice.due = due
        advice.days_overdue = rules.response_overdue(due, None, today)
        advice.days_left = max((due - today).days, 0)
        if which == _OVERDUE:
            n = advice.days_overdue
            advice.late_text = ngettext("%(n)s dag te laat", "%(n)s dagen te laat", n) % {"n": n}
        else:
            advice.due_text = _("reactie uiterlijk %(date)s") % {"date": long_day(due)}
    # Those without a due date come last in the awaiting list (NULLS LAST), as one list with one count.
    lists[_AWAITING] = (lists[_AWAITING] + lists.pop(_UNDATED))[:SUMMARY_SHOWN]
    counts[_AWAITING] += counts.pop(_UNDATED)
    for advice in lists[_AWAITING]:
        advice.n_listed = counts[_AWAITING]
    return {
        "body": body,
        "requests_url": url_template("advice:requests", **slugs)(),
        "list_url": url_template("advice:list", **slugs)(),
        "open_requests": open_requests,
        "drafts": lists[_DRAFTS],
        "awaiting": lists[_AWAITING],
        "overdue": lists[_OVERDUE],
        "n_open": n_open,
        "n_drafts": counts[_DRAFTS],
        "n_awaiting": counts[_AWAITING],
        "n_overdue": counts[_OVERDUE],
        "more_open": n_open - len(open_requests),
        "more_drafts": counts[_DRAFTS] - len(lists[_DRAFTS]),
        "more_awaiting": counts[_AWAITING] - len(lists[_AWAITING]),
        "more_overdue": counts[_OVERDUE] - len(lists[_OVERDUE]),
    }


# ================================================================ the policy officer's side


def _advice_filter(scope: Scope) -> Q:
    """Advice the person may respond to (or, as beheerder, read): about a proposal in scope, or unsolicited without
    a proposal from a regional body (GR officers) or from a body of their municipality. On the stored place of the
    advice (``Advice.region``, ``Advice.municipality``: its proposal's municipality, else its body's), so that the
    database filters on the advice table alone."""
    in_region = Q(region=scope.region)
    if scope.admin:
        return in_region
    wanted = Q(municipality_id__in=scope.municipality_ids)
    if scope.gr_officer:
        # Every proposal of the region is in a GR officer's scope; without one, the advice of a regional body.
        wanted |= Q(proposal__isnull=False) | Q(request__isnull=False) | Q(municipality__isnull=True)
    return in_region & wanted


def request_in_region(region, pk: int) -> AdviceRequest:
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


def advice_in_region(region, pk: int) -> Advice:
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


def askable_bodies(proposal: Proposal) -> tuple[list[Body], set[int]]:
    """The concerned bodies (each with ``empty``: no members, or no secretary and no facilitator), and the ids of
    those with an open (not withdrawn) request on this proposal. 2 queries."""
    asked = set(
        AdviceRequest.objects.filter(proposal=proposal)
        .exclude(status=RequestStatus.WITHDRAWN)
        .values_list("body_id", flat=True)
    )
    return policy_selectors.concerned_bodies(proposal), asked


def proposal_has_advice(proposal: Proposal) -> bool:
    """A body the proposal concerns sent advice about it (asked or not). Registered in
    ``policy.selectors.ADVICE_GIVEN`` (AdviceConfig.ready). 1 query."""
    return Advice.objects.filter(
        status=AdviceStatus.SENT, body__concerns__proposal=proposal, proposal=proposal
    ).exists()


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
    concerns = policy_selectors.concerns_of(proposal)
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
    advice: Advice | AwaitingAdvice
    due: datetime.date | None
    overdue_days: int
    can_respond: bool = False
    url: str = ""


@dataclass(slots=True)
class AwaitingAdvice:
    """What the officer's lists show of a sent advice awaiting a response, and its place (``Advice.region``,
    ``Advice.municipality``; ``about_proposal``: it has a proposal, its own or its request's) for the permission to
    record the response (``permissions.can_record_response_at``)."""

    pk: int
    subject: str
    kind: str
    sent_on: datetime.date
    body_name: str
    region_id: int
    municipality_id: int | None
    about_proposal: bool


@dataclass(slots=True)
class OpenRequestRow:
    """What the officer's lists show of an open request."""

    pk: int
    proposal_title: str
    body_name: str
    requested_on: datetime.date
    deadline: datetime.date
    deadline_passed: bool
    days_left: int
    url: str = ""


@dataclass(slots=True)
class AgendaBody:
    """A body a proposal on the policy agenda concerns, and whether it was (or can still be) asked in time."""

    name: str
    timeliness: rules.Timeliness


@dataclass(slots=True)
class AgendaRow:
    """What the policy agenda shows of a proposal: its facts and the timeliness per concerned body (by name)."""

    pk: int
    title: str
    municipality_name: str | None  # None: a proposal of the GR itself
    status: str
    decided_on: datetime.date | None
    planned_decision_date: datetime.date
    no_bodies_reason: str
    bodies: list[AgendaBody] = field(default_factory=list)


@dataclass
class Dashboard:
    proposals: list[AgendaRow] = field(default_factory=list)
    page: object = None  # the Paginator page of proposals (25 a page: active ones first)
    # The most urgent open requests and advice awaiting a response (at most DASHBOARD_LIST_SIZE each), and how
    # many there are in all (the full lists are paged on pages of their own).
    open_requests: list[OpenRequestRow] = field(default_factory=list)
    awaiting: list[AwaitingResponse] = field(default_factory=list)
    open_requests_count: int = 0
    awaiting_count: int = 0


def response_due_of(advice: Advice) -> datetime.date | None:
    """The stored due date, or the sent date plus the body's response period."""
    if advice.response_due:
        return advice.response_due
    if advice.sent_on:
        return rules.response_due(advice.sent_on, advice.body.response_period_weeks)
    return None


DASHBOARD_PAGE_SIZE = 25
DASHBOARD_LIST_SIZE = 10  # open requests and advice awaiting a response shown on the dashboard itself
LIST_PAGE_SIZE = 25  # a page of the full lists of open requests and of advice awaiting a response


@dataclass(frozen=True)
class AgendaFilters:
    """What the officer chose above the policy agenda: words in the title or description, a status ("open": not
    decided or withdrawn) and the order."""

    search: str = ""
    status: str = ""
    order: str = ""


OPEN = "open"
# Order codes -> order_by of the policy agenda; "" is the default (still in play first, by planned decision date).
AGENDA_ORDERS = {
    "": ("closed", "planned_decision_date", "pk"),
    "besluit-laatst": ("-planned_decision_date", "-pk"),
    "nieuwste": ("-created_at", "-pk"),
    "titel": ("title", "pk"),
}


# ---------------------------------------------------------------- one query per list: a page of rows and the total
# Each list of the officer's pages is one query: the ids of one page chosen on one table (ORDER BY ... LIMIT, on an
# index where the list is long), only those rows joined to what they show (read as plain values, no model objects),
# and the number of rows in all as an uncorrelated scalar subquery (run once, on the same index). Only a page number
# past the end (or below 1) costs two more queries: the count, then the last page (as Paginator.get_page does).


def _count_of(rows: QuerySet) -> Subquery:
    """``SELECT COUNT(*) FROM ... WHERE ...`` of ``rows``, to annotate on another query (evaluated once; COUNT(*):
    advice_awaiting_idx answers it from the index alone)."""
    return Subquery(rows.order_by().values(n=count_all()))


def _total_of(lines: list[tuple]) -> int:
    """The total annotated last on each line (the lines of an empty page: none)."""
    return lines[0][-1] if lines else 0


def _page_number(page: object) -> int:
    """The page number as Paginator.validate_number reads it: 1 when it is not a whole number."""
    try:
        if isinstance(page, float) and not page.is_integer():
            raise ValueError
        return int(page)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 1


def _page_of(rows: list, total: int, number: int, size: int) -> Page:
    paginator = Paginator(rows, size)
    paginator.count = total  # counted by the query that read the rows (Paginator.count is a cached property)
    return Page(rows, number, paginator)


def _one_query_page(fetch: Callable[[int], tuple[list, int]], count: Callable[[], int], page: object, size: int):
    """(Paginator page, rows) for page ``page`` of ``size`` rows; ``fetch(offset)`` reads a page's rows and the
    total in one query. A page past the end or below 1 gives the last page, as Paginator.get_page does."""
    number = _page_number(page)
    if number >= 1:
        rows, total = fetch((number - 1) * size)
        if rows or number == 1:
            return _page_of(rows, total, number, size), rows
    counted = Paginator([], size)
    counted.count = count()
    number = counted.num_pages
    rows, total = fetch((number - 1) * size)
    return _page_of(rows, total, number, size), rows


# ---------------------------------------------------------------- the policy agenda


@dataclass(frozen=True)
class _Place:
    pk: int


def _scope_shape(scope: Scope) -> tuple:
    """What of a scope shapes its queries (core.prepared): the flags; the region and municipalities are values."""
    return (scope.whole_region, scope.admin, scope.gr_officer)


def _scope_values(scope: Scope) -> dict:
    values = {"region": scope.region.pk}
    if scope.municipality_ids:
        values["municipality_ids"] = sorted(scope.municipality_ids)
    return values


def _scope_of(scope: Scope, values: dict) -> Scope:
    """``scope`` with the region and municipalities of ``values`` (stand-ins while a query is prepared)."""
    municipalities = tuple(_Place(pk) for pk in values.get("municipality_ids", ()))
    return dataclasses.replace(scope, region=values["region"], municipalities=municipalities)


def _agenda_rows(scope: Scope, filters: AgendaFilters, search: str | None = None) -> QuerySet:
    rows = Proposal.objects.filter(policy_selectors.proposal_filter(scope))
    search = filters.search if search is None else search
    if search:
        rows = rows.filter(Q(title__icontains=search) | Q(description__icontains=search))
    if filters.status == OPEN:
        rows = rows.exclude(status__in=[ProposalStatus.DECIDED, ProposalStatus.WITHDRAWN])
    elif filters.status:
        rows = rows.filter(status=filters.status)
    return rows


def _agenda_page(scope: Scope, filters: AgendaFilters, offset: int, today: datetime.date):
    """One page of the policy agenda with the total, in one query: the page's proposals (chosen by a subquery with
    ORDER BY ... LIMIT) joined to the bodies they concern (one row per concerned body, by name), each with the date
    its latest request that was not withdrawn was sent (a subquery on the request's proposal and body)."""
    closed = Case(  # the expression of proposal_agenda_idx, written out (no parameters), so a page is its range
        When(InChoices("status", [ProposalStatus.DECIDED, ProposalStatus.WITHDRAWN]), then=IntLiteral(1)),
        default=IntLiteral(0),
        output_field=IntegerField(),
    )
    order = AGENDA_ORDERS.get(filters.order, AGENDA_ORDERS[""])

    def build(**values):
        rows = _agenda_rows(_scope_of(scope, values), filters, values.get("search", ""))
        page_ids = rows.annotate(closed=closed).order_by(*order).values("pk")[offset : offset + DASHBOARD_PAGE_SIZE]
        asked_on = (
            AdviceRequest.objects.filter(proposal=OuterRef("pk"), body=OuterRef("concerns__body"))
            .exclude(status=RequestStatus.WITHDRAWN)
            .order_by("-deadline", "-pk")  # the one the proposal page counts when a body was asked twice
            .values("requested_on")[:1]
        )
        return (
            Proposal.objects.filter(pk__in=page_ids)
            .annotate(closed=closed)
            .order_by(*order, "concerns__body__name", "concerns__pk")
            .values_list(
                "pk",
                "title",
                "municipality__name",
                "status",
                "decided_on",
                "planned_decision_date",
                "no_bodies_reason",
                "concerns__body__name",
                "concerns__body__advice_period_weeks",
            )
            .annotate(asked_on=Subquery(asked_on), total=_count_of(rows))
        )

    key = ("advice.agenda", *_scope_shape(scope), filters.status, filters.order, bool(filters.search), offset)
    values = _scope_values(scope) | ({"search": filters.search} if filters.search else {})
    lines = prepared_rows(key, build, **values)
    proposals: dict[int, AgendaRow] = {}
    for pk, title, municipality, status, decided_on, planned, reason, body, weeks, asked, _total in lines:
        row = proposals.get(pk)
        if row is None:
            row = proposals[pk] = AgendaRow(pk, title, municipality, status, decided_on, planned, reason)
        if body is not None:
            timeliness = rules.concern_timeliness(
                requested_on=asked,
                advice_period_weeks=weeks,
                decision_on=rules.decision_date(planned, decided_on),
                decided=status == ProposalStatus.DECIDED,
                today=today,
            )
            row.bodies.append(AgendaBody(body, timeliness))
    return list(proposals.values()), _total_of(lines)


def dashboard(
    scope: Scope, *, today: datetime.date | None = None, page: object = 1, filters: AgendaFilters | None = None
) -> Dashboard:
    """The officer's proposals (25 a page: those still in play first, by planned decision date, unless ``filters``
    say otherwise) with timeliness per body; the first open requests (earliest deadline) and sent advice without a
    response (earliest due date), DASHBOARD_LIST_SIZE of each, with how many there are in all. 3 queries, whatever
    the data (5 for a page number past the end)."""
    today = today or timezone.localdate()
    filters = filters or AgendaFilters()
    page_obj, proposals = _one_query_page(
        lambda offset: _agenda_page(scope, filters, offset, today),
        lambda: _agenda_rows(scope, filters).count(),
        page,
        DASHBOARD_PAGE_SIZE,
    )
    open_requests, open_count = _open_request_page(scope, 0, DASHBOARD_LIST_SIZE, today)
    awaiting, awaiting_count = _awaiting_page(scope, 0, DASHBOARD_LIST_SIZE, today)
    return Dashboard(
        proposals=proposals,
        page=page_obj,
        open_requests=open_requests,
        awaiting=awaiting,
        open_requests_count=open_count,
        awaiting_count=awaiting_count,
    )


# ---------------------------------------------------------------- open requests and advice awaiting a response
# The dashboard shows the first DASHBOARD_LIST_SIZE of each; the full lists are paged (LIST_PAGE_SIZE). The open
# requests walk the index (region, status, deadline) of advice_advicerequest, which stores the proposal's region and
# municipality; the advice walks the partial index of the advice awaiting a response (region, response_due) on
# advice_advice alone.


def _open_request_filter(scope: Scope) -> Q:
    """Open requests about a proposal in the person's scope (the same proposals as on the policy agenda)."""
    wanted = Q(region=scope.region, status=RequestStatus.OPEN)
    if not scope.whole_region:
        wanted &= Q(municipality_id__in=scope.municipality_ids)
    return wanted


def count_open_requests(scope: Scope) -> int:
    """How many requests in scope wait for advice. 1 query."""
    return AdviceRequest.objects.filter(_open_request_filter(scope)).count()


def _open_request_page(scope: Scope, offset: int, size: int, today: datetime.date) -> tuple[list[OpenRequestRow], int]:
    """``size`` open requests in scope from ``offset`` on, the earliest deadline first, with their proposal's title
    and body's name, and how many there are in all. 1 query."""

    def build(**values):
        in_scope = AdviceRequest.objects.filter(_open_request_filter(_scope_of(scope, values)))
        page_ids = in_scope.order_by("deadline", "pk").values("pk")[offset : offset + size]
        return (
            AdviceRequest.objects.filter(pk__in=page_ids)
            .order_by("deadline", "pk")
            .values_list("pk", "proposal__title", "body__name", "requested_on", "deadline")
            .annotate(total=_count_of(in_scope))
        )

    lines = prepared_rows(("advice.open_requests", *_scope_shape(scope), offset, size), build, **_scope_values(scope))
    rows = []
    for pk, title, body, requested_on, deadline, _total in lines:
        days_left = (deadline - today).days
        rows.append(OpenRequestRow(pk, title, body, requested_on, deadline, deadline < today, days_left))
    return rows, _total_of(lines)


def _awaiting_filter(scope: Scope) -> Q:
    """Sent advice in scope without a response yet: on the advice's stored response date (``Advice.responded_on``,
    set with the response), the condition of the partial index ``advice_awaiting_idx`` (region, response_due), so
    the list and its count read only the advice that waits, however many were answered before. The status is written
    into the SQL (``InChoices``): a plan for any region (a prepared statement) can only use the partial index when
    its condition's value is in the query itself."""
    return _advice_filter(scope) & Q(InChoices("status", [AdviceStatus.SENT]), responded_on__isnull=True)


def count_awaiting(scope: Scope) -> int:
    """How many sent advices in scope wait for a response. 1 query."""
    return Advice.objects.filter(_awaiting_filter(scope)).count()


def _awaiting_page(scope: Scope, offset: int, size: int, today: datetime.date) -> tuple[list[AwaitingResponse], int]:
    """``size`` sent advices in scope awaiting a response from ``offset`` on, the earliest due date first, with their
    body's name, and how many there are in all. 1 query. Every sent advice has its due date stored
    (``services.advice_send``; migration 0011 filled any that lacked one), so the database orders and limits on it:
    the same order as ``response_due_of``."""

    def build(**values):
        in_scope = Advice.objects.filter(_awaiting_filter(_scope_of(scope, values)))
        order = [F("response_due").asc(nulls_last=True), F("pk").asc()]
        page_ids = in_scope.order_by(*order).values("pk")[offset : offset + size]
        return (
            Advice.objects.filter(pk__in=page_ids)
            .order_by(*order)
            .values_list(
                "pk",
                "subject",
                "kind",
                "sent_on",
                "response_due",
                "body__name",
                "body__response_period_weeks",
                "region_id",
                "municipality_id",
                "proposal_id",
                "request_id",
            )
            .annotate(total=_count_of(in_scope))
        )

    lines = prepared_rows(("advice.awaiting", *_scope_shape(scope), offset, size), build, **_scope_values(scope))
    rows = []
    for pk, subject, kind, sent_on, due, body, weeks, region_id, municipality_id, proposal_id, request_id, _n in lines:
        if due is None and sent_on:
            due = rules.response_due(sent_on, weeks)  # as response_due_of
        about_proposal = proposal_id is not None or request_id is not None
        advice = AwaitingAdvice(pk, subject, kind, sent_on, body, region_id, municipality_id, about_proposal)
        rows.append(AwaitingResponse(advice, due, rules.response_overdue(due, None, today)))
    return rows, _total_of(lines)


@dataclass
class OfficerListPage:
    """One page of a full officer list: the rows and the Paginator page (for the count and the paging links)."""

    rows: list
    page: object


def open_requests_page(scope: Scope, *, page: object = 1, today: datetime.date | None = None) -> OfficerListPage:
    """Every open request in scope, 25 a page, the earliest deadline first (the dashboard shows the first ones).
    1 query (3 for a page number past the end)."""
    today = today or timezone.localdate()
    page_obj, rows = _one_query_page(
        lambda offset: _open_request_page(scope, offset, LIST_PAGE_SIZE, today),
        lambda: count_open_requests(scope),
        page,
        LIST_PAGE_SIZE,
    )
    return OfficerListPage(rows, page_obj)


def awaiting_page(scope: Scope, *, page: object = 1, today: datetime.date | None = None) -> OfficerListPage:
    """Every sent advice in scope awaiting a response, 25 a page, the earliest due date first (the dashboard shows
    the first ones). 1 query (3 for a page number past the end)."""
    today = today or timezone.localdate()
    page_obj, rows = _one_query_page(
        lambda offset: _awaiting_page(scope, offset, LIST_PAGE_SIZE, today),
        lambda: count_awaiting(scope),
        page,
        LIST_PAGE_SIZE,
    )
    return OfficerListPage(rows, page_obj)


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
    concerns = policy_selectors.concerns_of(proposal)
    advices = list(
        # An advice on a request names the request's proposal too (advice_request_names_proposal).
        Advice.objects.filter(proposal=proposal).select_related("body", "response").order_by("sent_on", "pk")
    )
    for advice in advices:
        advice.body.region = proposal.region
        advice.due = response_due_of(advice) if advice.status == AdviceStatus.SENT else None
        responded = advice.response.responded_on if hasattr(advice, "response") else None
        advice.overdue_days = rules.response_overdue(advice.due, responded, today) if advice.due else 0
    events = policy_selectors.proposal_events(proposal)
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


# ---------------------------------------------------------------- the officer's to-do list (dashboards)


@dataclass
class UnaskedConcern:
    proposal: Proposal
    body: Body
    ask_by: datetime.date  # the last day to ask this body in time (the decision date minus its advice period)


def unasked_concerns(scopes: list[Scope]) -> list[UnaskedConcern]:
    """Bodies a proposal still in play concerns that were not asked for advice yet, in any of ``scopes``, with the
    last day to ask in time (soonest first). 1 query."""
    if not scopes:
        return []
    in_scope = Q(pk__in=[])
    for scope in scopes:
        in_scope |= policy_selectors.proposal_filter(scope)
    asked = AdviceRequest.objects.filter(proposal=OuterRef("proposal"), body=OuterRef("body")).exclude(
        status=RequestStatus.WITHDRAWN
    )
    concerns = (
        Concern.objects.filter(proposal__in=Proposal.objects.filter(in_scope))
        .exclude(proposal__status__in=[ProposalStatus.DECIDED, ProposalStatus.WITHDRAWN])
        .exclude(Exists(asked))
        .select_related("proposal", "proposal__region", "body")
    )
    rows = []
    for concern in concerns:
        decision_on = rules.decision_date(concern.proposal.planned_decision_date, concern.proposal.decided_on)
        rows.append(
            UnaskedConcern(
                concern.proposal, concern.body, decision_on - rules.advice_period(concern.body.advice_period_weeks)
            )
        )
    rows.sort(key=lambda row: (row.ask_by, row.proposal.pk, row.body.pk))
    return rows


def awaiting_responses(scopes: list[Scope]) -> list[AwaitingResponse]:
    """Sent advice without a response that the person may respond to, in any of ``scopes``, soonest due first (the
    same advice as on the officer's own dashboard). 1 query."""
    if not scopes:
        return []
    wanted = Q(pk__in=[])
    for scope in scopes:
        wanted |= _advice_filter(scope)
    advices = Advice.objects.filter(wanted, status=AdviceStatus.SENT, response__isnull=True).select_related(
        "body", "body__region"
    )
    awaiting = [AwaitingResponse(advice, response_due_of(advice), 0) for advice in advices]
    awaiting.sort(key=lambda a: (a.due or datetime.date.max, a.advice.pk))
    return awaiting
