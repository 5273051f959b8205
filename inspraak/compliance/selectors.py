"""Reads of the art. 47 matrix and "is the client heard?" (ADR 17). Public data only: counts, proposals, bodies and
meetings; never a person.

Every function runs a fixed number of queries whatever the number of municipalities, bodies, proposals, topics or
documents: the facts of a region are read in one query per kind, and the statuses are decided in Python by
``inspraak.compliance.rules``. What thousands of rows share is counted in the database (topics, documents, claims,
and the whole matrix's advice column: ``_advice_tally``), each held by tests to the rule it counts.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, DateField, F, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.db.models.lookups import GreaterThan
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from inspraak.advice.models import Advice, AdviceComment, AdviceRequest, AdviceStatus, Recommendation, RequestStatus
from inspraak.agenda.models import MeetingDocument, Reply
from inspraak.bylaws import selectors as bylaw_selectors
from inspraak.claims.models import ExpenseClaim
from inspraak.compliance import rules
from inspraak.compliance.models import MatrixSettings
from inspraak.compliance.rules import _
from inspraak.core.dbtime import planned_for_their_values
from inspraak.core.links import url_filler
from inspraak.core.prepared import InChoices
from inspraak.core.sqldates import DaysBetween
from inspraak.meetings import rules as meeting_rules
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members import rules as member_rules
from inspraak.members import selectors as member_selectors
from inspraak.members.models import Membership
from inspraak.policy import rules as policy_rules
from inspraak.policy.models import Concern, Proposal, ProposalStatus
from inspraak.records.models import Attendance
from inspraak.regions.models import Body, Municipality, Region
from inspraak.support.models import AllowanceMode, SupportScheme
from inspraak.topics.models import Topic, TopicStatus, TopicVote
from inspraak.training.models import Training, TrainingStatus

HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
PLANNED_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED)
PUBLIC_MEETING_STATUSES = (MeetingStatus.AGENDA_PUBLISHED, *HELD_STATUSES)
CHART_YEARS = 5

TONES = {rules.MEETS: "safe", rules.PARTLY: "warning", rules.FAILS: "danger", rules.NO_DATA: "neutral"}


# ---------------------------------------------------------------- the promised interface (brief, ADR 17)


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Cell:
    status: str  # rules.STATUSES
    summary: str
    numbers: dict[str, int | None] = field(default_factory=dict)
    evidence: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    short: str = ""  # a few words for the table cell ("3 van 4 op tijd", "niet geregeld")

    @property
    def label(self) -> str:
        return rules.status_label(self.status)

    @property
    def tone(self) -> str:
        return TONES[self.status]


@dataclass
class Row:
    municipality: Municipality | None  # None: the GR row
    label: str
    cells: dict[str, Cell]  # keys rules.COLUMNS
    url: str = ""  # the evidence page
    detail: Evidence | None = None  # only from municipality_matrix / gr_matrix

    @property
    def ordered_cells(self) -> list[tuple[str, Cell]]:
        return [(column, self.cells[column]) for column in rules.COLUMNS]

    @property
    def labelled_cells(self) -> list[tuple[str, str, Cell]]:
        """(column, its short name, cell), in column order."""
        return [(column, rules.column_short_label(column), self.cells[column]) for column in rules.COLUMNS]


@dataclass
class Matrix:
    region: Region
    year: int
    rows: list[Row]
    settings: rules.Thresholds

    @property
    def columns(self) -> list[tuple[str, str]]:
        return [(column, rules.column_label(column)) for column in rules.COLUMNS]

    def counts(self, column: str) -> dict[str, int]:
        counts = dict.fromkeys(rules.STATUSES, 0)
        for row in self.rows:
            counts[row.cells[column].status] += 1
        return counts


@dataclass
class Share:
    """A group split in clients and others; ``clients``/``others`` are None when the group is small."""

    total: int  # topics, or attendances
    people: int  # different people in the group
    clients: int | None
    others: int | None
    small: bool

    @property
    def client_percent(self) -> int | None:
        return None if self.clients is None else rules.percent(self.clients, self.total)


@dataclass
class Heard:
    body: Body
    year: int
    topics: Share  # topics submitted by client members versus other members
    presence: Share  # attendances at held meetings: client members versus others
    client_members: int  # client members who were members in the year
    contributors: int | None  # of those, how many did something (None when small)
    contributors_small: bool
    recommendations: dict[str, int]  # overgenomen, deels, niet, geen_reactie
    median_days_to_answer: int | None
    answered_topics: int

    @property
    def small(self) -> bool:
        return self.topics.small or self.presence.small or self.contributors_small

    @property
    def recommendation_total(self) -> int:
        return sum(self.recommendations.values())


@dataclass
class ProposalLine:
    title: str
    url: str
    decided_on: datetime.date
    concerns: list[tuple[str, str, str, str]]  # (body name, short label, timeliness text, tone)
    worst: str  # policy_rules code: the worst timeliness of its concerns ("" when none)
    responses_overdue: int


@dataclass
class BodyLine:
    body: Body
    url: str
    minimum: int
    held: int
    planned: int
    cancelled: int
    meets: bool
    meetings: list[tuple[datetime.date, str, str]]  # (day, status text, public url or "")
    topics: dict[str, int]
    documents: dict[str, int]
    # b: a support scheme this year, the members' expense claims (decided on time?) and trainings held
    has_scheme: bool = False
    claims: dict[str, int] = field(default_factory=dict)
    trainings: int = 0


@dataclass
class Evidence:
    proposals: list[ProposalLine]
    bodies: list[BodyLine]
    heard: list[Heard]
    bylaw_findings: list[str]


# ---------------------------------------------------------------- settings


def matrix_settings(region: Region) -> MatrixSettings | None:
    """The stored settings, or None (the defaults apply). 1 query."""
    return MatrixSettings.objects.filter(region=region).first()


def thresholds(region: Region) -> rules.Thresholds:
    found = matrix_settings(region)
    return found.thresholds() if found is not None else rules.Thresholds()


def settings_for_form(region: Region) -> MatrixSettings:
    """The stored settings or an unsaved row with the defaults and version 0 (for the edit form: a second first
    save is then stale). 1 query."""
    return matrix_settings(region) or MatrixSettings(region=region, version=0)


# ---------------------------------------------------------------- years


def years_with_data(region: Region, *, today: datetime.date) -> list[int]:
    """The years from the first with data (a decided proposal, a meeting or a topic) up to this year, newest
    first. 1 query."""
    firsts = (
        Region.objects.filter(pk=region.pk)
        .annotate(
            proposal=Subquery(
                Proposal.objects.filter(region=OuterRef("pk"), decided_on__isnull=False)
                .order_by("decided_on")
                .values("decided_on")[:1]
            ),
            meeting=Subquery(
                Meeting.objects.filter(body__region=OuterRef("pk")).order_by("starts_at").values("starts_at")[:1]
            ),
            topic=Subquery(
                Topic.objects.filter(body__region=OuterRef("pk")).order_by("submitted_at").values("submitted_at")[:1]
            ),
        )
        .values_list("proposal", "meeting", "topic")
        .first()
    ) or ()
    years = [v.year if isinstance(v, datetime.date) else v for v in firsts if v is not None]
    first = min([y for y in years if y <= today.year], default=today.year)
    return list(range(today.year, first - 1, -1))


def year_choice(value, years: list[int], *, today: datetime.date) -> int:
    """The ``?jaar=`` value when it is one of ``years``, otherwise this year."""
    try:
        year = int(str(value))
    except (TypeError, ValueError):
        return today.year
    return year if year in years else today.year


# ---------------------------------------------------------------- facts


class _Decided(NamedTuple):
    """What the matrix reads of a decided proposal (a plain row: thousands per region at national scale)."""

    pk: int
    title: str
    municipality_id: int | None
    planned_decision_date: datetime.date
    decided_on: datetime.date


@dataclass
class _Facts:
    region: Region
    today: datetime.date
    thresholds: rules.Thresholds
    municipalities: list[Municipality]
    bodies: dict[int, Body]
    bylaws: bylaw_selectors.RegionFacts
    proposals: list[_Decided]  # one row's evidence only (the whole matrix counts: advice_tally)
    concerns: dict[int, list[tuple[int, datetime.date | None]]]  # proposal pk -> (body pk, live request's date)
    advices: dict[int, list[dict]]  # proposal pk -> sent advice rows
    meetings: list[dict]
    topics: list[tuple]  # (body pk, submitter pk, local day submitted, local day answered or None, topics)
    documents: list[tuple]  # (body pk, local meeting day, local day available, member documents)
    schemes: set[tuple[int, int]]  # (body pk, year) with a support scheme that offers something
    claims: list[tuple]  # (body pk, local day submitted, local day decided or None, claims)
    trainings: list[dict]
    stats: dict[int, dict] = field(default_factory=dict)  # year -> {body pk: _BodyStats}, see _stats
    body_urls: dict[int, str] = field(default_factory=dict)
    serving: dict[object, list[Body]] = field(default_factory=dict)  # municipality pk (None: GR) -> bodies
    proposals_by_row: dict | None = None
    checks: dict[tuple[int, object], object] = field(default_factory=dict)  # (year, municipality pk) -> check
    texts: dict[object, object] = field(default_factory=dict)  # bylaw key -> BylawFacts
    urls: dict = field(default_factory=dict)  # see _urls
    # (requested on, advice period in weeks, decision date) -> the timeliness of a concern, see _proposal_lines
    timeliness: dict[tuple, tuple] = field(default_factory=dict)
    # The whole matrix: (municipality pk or None, year) -> the advice column counted in the database, see _advice_tally
    advice_tally: dict[tuple[object, int], _AdviceTally] | None = None

    def check(self, year: int, municipality_pk):
        """The verordening check of a municipality at the end of ``year`` (or today, this year)."""
        key = (year, municipality_pk)
        if key not in self.checks:
            on = min(datetime.date(year, 12, 31), self.today)
            self.checks[key] = self.bylaws.check(municipality_pk, on=on)
        return self.checks[key]

    def text(self, key):
        """The facts of a verordening by its key (title, minimum meetings), or None."""
        if not self.texts:
            self.texts = {text.key: text for texts in self.bylaws.texts.values() for text in texts}
        return self.texts.get(key)


def _urls(region: Region) -> dict:
    """The addresses the rows link to, each reversed once."""
    slug = region.slug
    return {
        "region_evidence": reverse("compliance:region_evidence", kwargs={"region": slug}),
        "municipality_evidence": url_filler("compliance:municipality_evidence", "municipality", region=slug),
        "municipality": url_filler("regions:municipality", "municipality", region=slug),
        "bylaw": url_filler("bylaws:public_detail", "pk", region=slug),
        "proposal": url_filler("register:proposal", "pk", region=slug),
        "body": url_filler("dashboards:body", "body", region=slug),
    }


def _day_range(first_year: int, last_year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)


def _days(field: str, first: datetime.date, last: datetime.date) -> dict:
    """``field`` (a date and time) on a local day from ``first`` up to and including ``last``, as a plain range
    (an index and the planner's row estimates work on it; ``__date`` casts every row)."""
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min))
    return {f"{field}__gte": start, f"{field}__lt": end}


def _local_date(value, tz=None) -> datetime.date:
    """The local date of ``value``. In a loop pass ``tz``, the current time zone read once: converting with it costs
    an eighth of ``timezone.localtime``, which looks the zone up again for every value (thousands of topic and
    meeting times per page)."""
    if value.tzinfo is None:
        return value.date()
    return value.astimezone(tz or timezone.get_current_timezone()).date()


def _serving(bodies: dict[int, Body], municipality: Municipality | None) -> list[Body]:
    """The bodies that serve a municipality (the regional ones and its own) or, for None, the GR (the regional
    ones); only bodies that cover the Participatiewet."""
    result = []
    for body in bodies.values():
        if not body.covers_participatiewet:
            continue
        regional = body.level == Body.Level.REGION or body.municipality_id is None
        if regional or (municipality is not None and body.municipality_id == municipality.pk):
            result.append(body)
    return sorted(result, key=lambda b: (b.name, b.pk))


def _live_request_date() -> Subquery:
    """The date of a concern's live request: the one not withdrawn (at most one per body: request_one_open_per_body),
    for a queryset of concerns. One probe per concern in that partial index (proposal, body), which holds the date
    (INCLUDE); with concern_unique both are read from the indexes alone. The status is written into the SQL, so that
    a plan for any values (a prepared statement) can use the index too."""
    return Subquery(
        AdviceRequest.objects.filter(proposal_id=OuterRef("proposal_id"), body_id=OuterRef("body_id"))
        .exclude(InChoices("status", [RequestStatus.WITHDRAWN]))
        .order_by()
        .values("requested_on")[:1]
    )


# The numbers of the advice column (a), in the order the CSV and the API give them.
_ADVICE_NUMBERS = ("besloten", "op_tijd", "te_laat", "niet_gevraagd", "reactie_te_laat")


def _decided(region: Region, first: datetime.date, last: datetime.date) -> dict:
    """The conditions of the proposals of ``region`` decided from ``first`` up to and including ``last``."""
    return {"region": region, "status": ProposalStatus.DECIDED, "decided_on__gte": first, "decided_on__lte": last}


@dataclass
class _AdviceTally:
    """The advice column of one row and year of the whole matrix, counted in the database (``_advice_tally``)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_ADVICE_NUMBERS, 0))
    flagged: dict[int, tuple[datetime.date, str]] = field(default_factory=dict)  # pk -> (decided on, title)

    def links(self, proposal_url) -> list[Link]:
        """The proposals asked too late or not at all, in the order they were decided."""
        ordered = sorted(self.flagged.items(), key=lambda item: (item[1][0], item[0]))
        return [Link(title, proposal_url(pk)) for pk, (_on, title) in ordered]


def _advice_tally(
    region: Region, body_ids: list[int], first: datetime.date, last: datetime.date, *, today: datetime.date
) -> dict[tuple[object, int], _AdviceTally]:
    """The advice column of every row (municipality pk, None: the GR) and year of the whole matrix, for the proposals
    decided from ``first`` up to and including ``last`` (``body_ids``: the bodies of the region), counted in the
    database in 3 queries instead of a line per proposal in Python:

    - the decided proposals per row and year;
    - per concern (a body of the region) the days from its live request to the decision less the body's advice
      period: ``policy_rules.request_timeliness`` on time when that is 0 or more, late below it; no request: not
      asked. A row per concern, with the proposal's title for the links to those asked too late or not at all;
    - the sent advice on these proposals whose response is overdue today (``policy_rules.response_overdue``; without
      a stored due date the body's response period after sending), per row and year.

    The evidence of one row decides the same per proposal in Python (``_proposal_lines``); the tests hold both to the
    same numbers and links, around every boundary of the rules."""
    result: dict[tuple[object, int], _AdviceTally] = defaultdict(_AdviceTally)
    decided = _decided(region, first, last)
    # Concerns and advice join their proposal with the same conditions (its columns are read too).
    joined = {f"proposal__{name}": value for name, value in decided.items()}
    for municipality_id, year, n in (
        Proposal.objects.filter(**decided)
        .order_by()
        .annotate(year=ExtractYear("decided_on"))
        .values_list("municipality_id", "year")
        .annotate(n=Count("*"))
    ):
        result[(municipality_id, int(year))].counts["besloten"] = n

    margin = DaysBetween(F("proposal__decided_on"), _live_request_date()) - F("body__advice_period_weeks") * 7
    for municipality_id, year, proposal_id, title, decided_on, days in (
        Concern.objects.filter(body_id__in=body_ids, **joined)
        .annotate(year=ExtractYear("proposal__decided_on"), margin=margin)
        .order_by()
        .values_list(
            "proposal__municipality_id", "year", "proposal_id", "proposal__title", "proposal__decided_on", "margin"
        )
    ):
        tally = result[(municipality_id, int(year))]
        if days is not None and days >= 0:
            tally.counts[_TIMELINESS_COUNTS[policy_rules.ON_TIME]] += 1
            continue
        tally.counts[_TIMELINESS_COUNTS[policy_rules.NOT_ASKED if days is None else policy_rules.LATE]] += 1
        tally.flagged[proposal_id] = (decided_on, title)

    answered_or_today = Coalesce(F("responded_on"), Value(today, output_field=DateField()))
    overdue = Q(response_due__isnull=False) & Q(GreaterThan(DaysBetween(answered_or_today, F("response_due")), 0))
    overdue |= Q(response_due__isnull=True, sent_on__isnull=False, body__region=region) & Q(
        GreaterThan(DaysBetween(answered_or_today, F("sent_on")), F("body__response_period_weeks") * 7)
    )
    for municipality_id, year, n in (
        Advice.objects.filter(status=AdviceStatus.SENT, **joined)
        .filter(overdue)
        .annotate(year=ExtractYear("proposal__decided_on"))
        .order_by()
        .values_list("proposal__municipality_id", "year")
        .annotate(n=Count("*"))
    ):
        result[(municipality_id, int(year))].counts["reactie_te_laat"] = n
    return result


def _load(
    region: Region,
    *,
    first_year: int,
    last_year: int,
    today: datetime.date,
    only: Municipality | None = None,
    gr_only: bool = False,
) -> _Facts:
    """Every fact of the region for the years ``first_year``..``last_year``: 14 queries, whatever the number of
    years, municipalities, bodies, texts, proposals, meetings, topics or documents. ``only``/``gr_only`` narrow the
    facts to one row (its proposals, and the bodies that serve it); ``only`` then costs 13 (its municipality is
    known)."""
    start, end = _day_range(first_year, last_year)
    found = matrix_settings(region)
    limits = found.thresholds() if found is not None else rules.Thresholds()
    if gr_only:
        municipalities = []
    elif only is not None:
        municipalities = [only]
    else:
        municipalities = list(Municipality.objects.filter(region=region).order_by("name", "pk"))
    for municipality in municipalities:
        municipality.region = region
    if gr_only:
        bylaws = bylaw_selectors.region_facts(region, municipality_pk=None)
    elif only is not None:
        bylaws = bylaw_selectors.region_facts(region, municipality_pk=only.pk)
    else:
        bylaws = bylaw_selectors.region_facts(region)
    bodies = {body.pk: body for body in bylaws.bodies}

    # The facts of the bodies that matter: every body of the region, or only those serving the one row.
    # By their ids, not by a join on the region: the planner then knows how many rows each body has (one body may
    # hold thousands of topics and claims) and counts them with a hash instead of a sort.
    def of_bodies(queryset, path: str):
        serving = bodies.values() if only is None and not gr_only else _serving(bodies, only)
        return queryset.filter(**{f"{path}_id__in": [b.pk for b in serving]})

    decided = Proposal.objects.filter(**_decided(region, start, end))
    if only is not None:
        decided = decided.filter(municipality=only)
    elif gr_only:
        decided = decided.filter(municipality__isnull=True)
    proposals: list[_Decided] = []
    concerns: dict[int, list[tuple[int, datetime.date | None]]] = defaultdict(list)
    advices: dict[int, list[dict]] = defaultdict(list)
    advice_tally = None
    if only is None and not gr_only:
        # The whole matrix counts in the database; only the proposals asked too late or not at all come one by one.
        with planned_for_their_values():
            advice_tally = _advice_tally(region, list(bodies), start, end, today=today)
    else:
        # The evidence of one row: a line per proposal. Its concerns and advice are read with the same condition as
        # a subquery: no list of thousands of ids sent back to the database.
        keys = decided.order_by().values("pk")
        proposals = [
            _Decided(*values)
            for values in decided.order_by("decided_on", "pk").values_list(
                "id", "title", "municipality_id", "planned_decision_date", "decided_on"
            )
        ]
    if proposals:
        # A proposal's bodies in the order they were named, each with the date of its live request.
        for proposal_id, body_id, requested_on in (
            Concern.objects.filter(proposal_id__in=keys)
            .annotate(live_requested_on=_live_request_date())
            .order_by("pk")
            .values_list("proposal_id", "body_id", "live_requested_on")
        ):
            concerns[proposal_id].append((body_id, requested_on))

        # The sent advice on these proposals (an advice on a request names its proposal too:
        # advice_request_names_proposal), with the date of its response as stored on the row.
        for row in (
            Advice.objects.filter(proposal_id__in=keys, status=AdviceStatus.SENT)
            .order_by()
            .values("body_id", "proposal_id", "sent_on", "response_due", "responded_on")
        ):
            advices[row["proposal_id"]].append(row)

    meetings = list(
        of_bodies(Meeting.objects, "body")
        .filter(**_days("starts_at", start, end))
        .order_by("starts_at", "pk")
        .values("pk", "body_id", "status", "starts_at")
    )
    tz = timezone.get_current_timezone()
    for row in meetings:
        row["day"] = _local_date(row["starts_at"], tz)
    topics = _topic_tally(
        of_bodies(Topic.objects, "body").filter(forwarded_from__isnull=True, **_days("submitted_at", start, end))
    )
    # Member documents counted per body, local meeting day and local day available: the rule needs no more.
    documents = list(
        of_bodies(MeetingDocument.objects, "item__meeting__body")
        .filter(
            for_members=True,
            **_days("item__meeting__starts_at", start, min(end, today)),
        )
        .exclude(item__meeting__status=MeetingStatus.CANCELLED)
        .order_by()
        .values_list(
            "item__meeting__body_id",
            TruncDate("item__meeting__starts_at"),
            TruncDate("available_at"),
        )
        .annotate(n=Count("pk"))
    )
    schemes = {
        (body_id, year)
        for body_id, year in of_bodies(SupportScheme.objects, "body")
        .filter(year__gte=first_year, year__lte=last_year)
        .filter(
            ~Q(allowance_mode=AllowanceMode.NONE)
            | Q(travel_public_transport=True)
            | Q(travel_km_rate__isnull=False)
            | Q(childcare=True)
            | Q(other_costs=True)
        )
        .values_list("body_id", "year")
    }
    # Expense claims counted per body, local day submitted and local day decided (None: open): COUNT(*), so that
    # claim_body_created (body, created_at; decided_at INCLUDEd) answers from the index alone.
    claims = list(
        of_bodies(ExpenseClaim.objects, "body")
        .filter(**_days("created_at", start, end))
        .order_by()
        .values_list("body_id", TruncDate("created_at"), TruncDate("decided_at"))
        .annotate(n=Count("*"))
    )
    trainings = list(
        of_bodies(Training.objects, "body")
        .filter(status=TrainingStatus.PLANNED, **_days("starts_at", start, min(end, today)))
        .order_by()
        .values("body_id", "starts_at")
    )
    urls = _urls(region)
    return _Facts(
        urls=urls,
        schemes=schemes,
        claims=claims,
        trainings=trainings,
        body_urls={pk: urls["body"](body.slug) for pk, body in bodies.items()},
        region=region,
        today=today,
        thresholds=limits,
        municipalities=municipalities,
        bodies=bodies,
        bylaws=bylaws,
        proposals=proposals,
        concerns=concerns,
        advices=advices,
        advice_tally=advice_tally,
        meetings=meetings,
        topics=topics,
        documents=documents,
    )


# ---------------------------------------------------------------- one row


def _gr_label(region: Region) -> str:
    return _("Hele regio (GR)")


def _row_url(facts: _Facts, municipality: Municipality | None, year: int) -> str:
    if municipality is None:
        url = facts.urls["region_evidence"]
    else:
        url = facts.urls["municipality_evidence"](municipality.slug)
    return f"{url}?jaar={year}"


def _bylaw_url(facts: _Facts, municipality: Municipality | None, bylaw_key) -> str:
    """The public page of the verordening (bylaws app), or the municipality page without one."""
    if bylaw_key is not None:
        return facts.urls["bylaw"](bylaw_key)
    if municipality is None:
        return facts.region.get_absolute_url()
    return facts.urls["municipality"](municipality.slug)


def _bylaw_cell(facts: _Facts, municipality: Municipality | None, year: int):
    if municipality is None:
        return (
            Cell(
                rules.NO_DATA,
                rules.bylaw_summary(rules.NO_DATA, gr=True),
                notes=[_("Art. 47 vraagt een verordening van elke gemeenteraad, niet van de GR.")],
                short=_("niet nodig voor de GR"),
            ),
            None,
        )
    check = facts.check(year, municipality.pk)
    status = rules.bylaw_status(meets=check.meets)
    codes = [finding.code for finding in check.failures]
    notes = [finding.message for finding in check.failures]
    notes += [finding.message for finding in check.points]
    if check.bylaw_key is not None:
        text = facts.text(check.bylaw_key)
        label = (text.title if text is not None else "") or _("De verordening")
    else:
        label = _("Gemeente %(name)s") % {"name": municipality.name}
    cell = Cell(
        status,
        rules.bylaw_summary(status, codes=codes, outdated=check.outdated),
        numbers={"aandachtspunten": len(check.points)},
        evidence=[Link(label, _bylaw_url(facts, municipality, check.bylaw_key))],
        notes=notes,
        short=rules.bylaw_short(codes, outdated=check.outdated),
    )
    return cell, check


def _with_regulation(cell: Cell, check, letter: str) -> Cell:
    """Element ``letter``: not regulated in the verordening (or none) → voldoet niet, the practice numbers kept."""
    regulated = None if check is None else check.regulated(letter)
    status = rules.element_status(regulated=regulated, practice=cell.status)
    if regulated is False:
        cell.notes.insert(0, str(rules.NOT_REGULATED_NOTE))
        cell.summary = _("Niet geregeld in de verordening.") + " " + cell.summary
        cell.short = str(rules.NOT_REGULATED_NOTE)
    cell.status = status
    return cell


_TIMELINESS_COUNTS = {
    policy_rules.ON_TIME: "op_tijd",
    policy_rules.LATE: "te_laat",
    policy_rules.NOT_ASKED: "niet_gevraagd",
}
_TIMELINESS_RANK = {policy_rules.NOT_ASKED: 3, policy_rules.LATE: 2, policy_rules.ON_TIME: 1}


def _timeliness(facts: _Facts, requested_on, weeks: int, decision_on: datetime.date) -> tuple:
    """(code, counts key or None, rank, few words, message, tone) of a concern of a decided proposal, decided once
    per (request date, advice period, decision date): thousands of proposals share a few of those."""
    key = (requested_on, weeks, decision_on)
    found = facts.timeliness.get(key)
    if found is None:
        timeliness = policy_rules.concern_timeliness(
            requested_on=requested_on,
            advice_period_weeks=weeks,
            decision_on=decision_on,
            decided=True,
            today=facts.today,
        )
        code = timeliness.code
        found = facts.timeliness[key] = (
            code,
            _TIMELINESS_COUNTS.get(code),
            _TIMELINESS_RANK.get(code, 0),
            rules.timeliness_label(code),
            timeliness.message,
            "safe" if code == policy_rules.ON_TIME else "danger",
        )
    return found


_FLAGGED = (policy_rules.LATE, policy_rules.NOT_ASKED)


def _proposal_lines(facts: _Facts, proposals: list[_Decided]) -> tuple[list[ProposalLine], dict[str, int], list[Link]]:
    """The evidence of one row: a line per proposal with the timeliness of each body it concerns, the counts, and the
    links to those asked too late or not at all. The whole matrix counts the same in the database
    (``_advice_tally``)."""
    today = facts.today
    counts = dict.fromkeys(_ADVICE_NUMBERS, 0) | {"besloten": len(proposals)}
    lines: list[ProposalLine] = []
    flagged: list[Link] = []
    bodies = facts.bodies
    proposal_url = facts.urls["proposal"]
    for proposal in proposals:
        decision_on = policy_rules.decision_date(proposal.planned_decision_date, proposal.decided_on)
        concerns = []
        worst, worst_rank = "", 0
        for body_id, requested_on in facts.concerns.get(proposal.pk, ()):
            body = bodies.get(body_id)
            if body is None:
                continue
            code, key, rank, label, message, tone = _timeliness(
                facts, requested_on, body.advice_period_weeks, decision_on
            )
            if key:
                counts[key] += 1
            if rank > worst_rank:
                worst, worst_rank = code, rank
            concerns.append((body.name, label, message, tone))
        overdue = 0
        for advice in facts.advices.get(proposal.pk, ()):
            body = bodies.get(advice["body_id"])
            due = advice["response_due"]
            if due is None and advice["sent_on"] is not None and body is not None:
                due = policy_rules.response_due(advice["sent_on"], body.response_period_weeks)
            if policy_rules.response_overdue(due, advice["responded_on"], today) > 0:
                overdue += 1
        counts["reactie_te_laat"] += overdue
        url = proposal_url(proposal.pk)
        if worst in _FLAGGED:
            flagged.append(Link(proposal.title, url))
        lines.append(
            ProposalLine(
                title=proposal.title,
                url=url,
                decided_on=proposal.decided_on,
                concerns=concerns,
                worst=worst,
                responses_overdue=overdue,
            )
        )
    return lines, counts, flagged


def _advice_cell(flagged: list[Link], counts: dict[str, int]) -> Cell:
    status = rules.advice_status(
        decided=counts["besloten"],
        on_time=counts["op_tijd"],
        late=counts["te_laat"],
        not_asked=counts["niet_gevraagd"],
    )
    notes = []
    if counts["reactie_te_laat"]:
        late = counts["reactie_te_laat"]
        notes.append(
            ngettext("Bij %(n)s advies kwam de reactie te laat.", "Bij %(n)s adviezen kwam de reactie te laat.", late)
            % {"n": late}
        )
    return Cell(
        status,
        rules.advice_summary(
            status,
            decided=counts["besloten"],
            on_time=counts["op_tijd"],
            late=counts["te_laat"],
            not_asked=counts["niet_gevraagd"],
        ),
        numbers=dict(counts),
        evidence=flagged,
        notes=notes,
        short=_("geen besluiten")
        if status == rules.NO_DATA
        else rules.short_count(counts["op_tijd"], counts["op_tijd"] + counts["te_laat"] + counts["niet_gevraagd"]),
    )


@dataclass
class _BodyStats:
    """What one body did in one year (computed once per year for every body of the region)."""

    meetings: list[dict] = field(default_factory=list)
    topics: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("ingediend", "geteld", "op_tijd", "te_laat", "te_lang_open"), 0)
    )
    documents: dict[str, int] = field(default_factory=lambda: {"geteld": 0, "op_tijd": 0, "te_laat": 0})
    claims: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("ingediend", "geteld", "op_tijd", "te_laat", "te_lang_open"), 0)
    )
    trainings: int = 0


def _stats(facts: _Facts, year: int) -> dict[int, _BodyStats]:
    """Per body: its meetings, topic outcomes and document timeliness in ``year``. One pass over the facts, kept on
    ``facts`` so that every row (the GR and each municipality share the regional bodies) reads the same numbers."""
    if year in facts.stats:
        return facts.stats[year]
    today = facts.today
    weeks = facts.thresholds.topic_answer_weeks
    stats: dict[int, _BodyStats] = defaultdict(_BodyStats)
    tz = timezone.get_current_timezone()
    for meeting in facts.meetings:
        if meeting["day"].year == year:
            stats[meeting["body_id"]].meetings.append(meeting)
    for body_id, _who, submitted_on, answered_on, n in facts.topics:
        if submitted_on.year != year:
            continue
        outcome = rules.topic_outcome(submitted_on=submitted_on, answered_on=answered_on, weeks=weeks, today=today)
        numbers = stats[body_id].topics
        numbers["ingediend"] += n
        if outcome != rules.NOT_COUNTED:
            numbers["geteld"] += n
            numbers[outcome] += n
    for body_id, meeting_on, available_on, n in facts.documents:
        body = facts.bodies.get(body_id)
        if body is None or meeting_on.year != year:
            continue
        on_time, _late = meeting_rules.document_timeliness(
            available_on=available_on, meeting_on=meeting_on, days_before=body.documents_days_before
        )
        numbers = stats[body.pk].documents
        numbers["geteld"] += n
        numbers["op_tijd" if on_time else "te_laat"] += n
    for body_id, submitted_on, decided_on, n in facts.claims:
        if submitted_on.year != year:
            continue
        outcome = rules.claim_outcome(submitted_on=submitted_on, decided_on=decided_on, today=today)
        numbers = stats[body_id].claims
        numbers["ingediend"] += n
        if outcome != rules.NOT_COUNTED:
            numbers["geteld"] += n
            numbers[outcome] += n
    for training in facts.trainings:
        if _local_date(training["starts_at"], tz).year == year:
            stats[training["body_id"]].trainings += 1
    facts.stats[year] = stats
    return stats


def _body_lines(
    facts: _Facts, bodies: list[Body], year: int, bylaw_minimum: int | None, *, detail: bool = False
) -> list[BodyLine]:
    """A line per serving body; with ``detail`` the list of its meetings with their public links."""
    stats = _stats(facts, year)
    lines = []
    for body in bodies:
        own = stats[body.pk] if body.pk in stats else _BodyStats()
        held = sum(1 for m in own.meetings if m["status"] in HELD_STATUSES)
        planned = sum(1 for m in own.meetings if m["status"] in PLANNED_STATUSES)
        cancelled = sum(1 for m in own.meetings if m["status"] == MeetingStatus.CANCELLED)
        minimum = rules.meeting_minimum(body.min_meetings_per_year, bylaw_minimum)
        meeting_list = []
        for m in own.meetings if detail else ():
            url = ""
            if m["status"] in PUBLIC_MEETING_STATUSES:
                url = reverse(
                    "publicmeetings:meeting",
                    kwargs={"region": facts.region.slug, "body": body.slug, "pk": m["pk"]},
                )
            meeting_list.append((m["day"], MeetingStatus(m["status"]).label, url))
        lines.append(
            BodyLine(
                body=body,
                url=facts.body_urls[body.pk],
                minimum=minimum,
                held=held,
                planned=planned,
                cancelled=cancelled,
                meets=rules.meets_minimum(
                    held=held, planned=planned, minimum=minimum, current_year=year == facts.today.year
                ),
                meetings=meeting_list,
                topics=dict(own.topics),
                documents=dict(own.documents),
                has_scheme=(body.pk, year) in facts.schemes,
                claims=dict(own.claims),
                trainings=own.trainings,
            )
        )
    return lines


def _meetings_cell(facts: _Facts, lines: list[BodyLine], year: int) -> Cell:
    on_schedule = sum(1 for line in lines if line.meets)
    status = rules.meetings_status(bodies=len(lines), meeting_minimum=on_schedule)
    cell = Cell(
        status,
        rules.meetings_summary(status, bodies=len(lines), meeting_minimum=on_schedule),
        numbers={
            "groepen": len(lines),
            "groepen_genoeg": on_schedule,
            "gehouden": sum(line.held for line in lines),
            "gepland": sum(line.planned for line in lines) if year == facts.today.year else 0,
            "geannuleerd": sum(line.cancelled for line in lines),
        },
        evidence=[Link(line.body.name, line.url) for line in lines if not line.meets],
        short=_("%(ok)s van %(n)s groepen") % {"ok": on_schedule, "n": len(lines)} if lines else _("geen groep"),
    )
    if year == facts.today.year and lines:
        cell.notes.append(_("Dit jaar tellen geplande bijeenkomsten mee: “op schema”."))
    return cell


def _support_cell(facts: _Facts, lines: list[BodyLine], year: int) -> Cell:
    with_scheme = sum(1 for line in lines if line.has_scheme)
    numbers = dict.fromkeys(("ingediend", "geteld", "op_tijd", "te_laat", "te_lang_open"), 0)
    for line in lines:
        for key in numbers:
            numbers[key] += line.claims.get(key, 0)
    region_has_data = any(key[1] == year for key in facts.schemes)
    status = rules.support_status(
        region_has_data=region_has_data,
        bodies=len(lines),
        with_scheme=with_scheme,
        counted=numbers["geteld"],
        in_time=numbers["op_tijd"],
        thresholds=facts.thresholds,
    )
    summary = rules.support_summary(
        status, bodies=len(lines), with_scheme=with_scheme, counted=numbers["geteld"], in_time=numbers["op_tijd"]
    )
    if status == rules.NO_DATA:
        return Cell(status, summary, short=_("niet bijgehouden"))
    cell = Cell(
        status,
        summary,
        numbers={
            "groepen": len(lines),
            "groepen_met_regeling": with_scheme,
            "declaraties_ingediend": numbers["ingediend"],
            "declaraties_geteld": numbers["geteld"],
            "declaraties_op_tijd": numbers["op_tijd"],
            "declaraties_te_laat": numbers["te_laat"] + numbers["te_lang_open"],
            "trainingen": sum(line.trainings for line in lines),
        },
        evidence=[Link(line.body.name, line.url) for line in lines if not line.has_scheme],
        short=_("%(ok)s van %(n)s groepen") % {"ok": with_scheme, "n": len(lines)} if lines else _("geen groep"),
    )
    cell.notes.append(
        _("Een declaratie telt als op tijd behandeld binnen %(days)s dagen.") % {"days": rules.CLAIM_DECISION_DAYS}
    )
    return cell


def _topics_cell(facts: _Facts, lines: list[BodyLine]) -> Cell:
    numbers = dict.fromkeys(("ingediend", "geteld", "op_tijd", "te_laat", "te_lang_open"), 0)
    for line in lines:
        for key in numbers:
            numbers[key] += line.topics.get(key, 0)
    numbers["nog_niet_geteld"] = numbers["ingediend"] - numbers["geteld"]
    status = rules.share_status(counted=numbers["geteld"], ok=numbers["op_tijd"], thresholds=facts.thresholds)
    return Cell(
        status,
        rules.topics_summary(
            status, counted=numbers["geteld"], in_time=numbers["op_tijd"], weeks=facts.thresholds.topic_answer_weeks
        ),
        numbers=numbers,
        evidence=[
            Link(line.body.name, line.url)
            for line in lines
            if line.topics.get("te_laat", 0) + line.topics.get("te_lang_open", 0)
        ],
        short=rules.short_count(numbers["op_tijd"], numbers["geteld"]),
    )


def _documents_cell(facts: _Facts, lines: list[BodyLine]) -> Cell:
    numbers = {"geteld": 0, "op_tijd": 0, "te_laat": 0}
    for line in lines:
        for key in numbers:
            numbers[key] += line.documents.get(key, 0)
    status = rules.share_status(counted=numbers["geteld"], ok=numbers["op_tijd"], thresholds=facts.thresholds)
    return Cell(
        status,
        rules.documents_summary(status, counted=numbers["geteld"], on_time=numbers["op_tijd"]),
        numbers=numbers,
        evidence=[Link(line.body.name, line.url) for line in lines if line.documents.get("te_laat", 0)],
        short=rules.short_count(numbers["op_tijd"], numbers["geteld"]),
    )


def _proposals_by_row(facts: _Facts) -> dict[tuple[object, int], list[_Decided]]:
    """The decided proposals by (municipality pk or None, year), indexed once."""
    if facts.proposals_by_row is None:
        index: dict[tuple[object, int], list[_Decided]] = defaultdict(list)
        for proposal in facts.proposals:
            index[(proposal.municipality_id, proposal.decided_on.year)].append(proposal)
        facts.proposals_by_row = index
    return facts.proposals_by_row


def _row(
    facts: _Facts, municipality: Municipality | None, year: int, *, detail: bool = False
) -> tuple[Row, list[ProposalLine], list]:
    region = facts.region
    bylaw_cell, check = _bylaw_cell(facts, municipality, year)
    key = None if municipality is None else municipality.pk
    if facts.advice_tally is None:  # the evidence of one row
        lines, counts, flagged = _proposal_lines(facts, _proposals_by_row(facts).get((key, year), []))
    else:
        tally = facts.advice_tally.get((key, year)) or _AdviceTally()
        lines, counts, flagged = [], tally.counts, tally.links(facts.urls["proposal"])
    text = facts.text(check.bylaw_key) if check is not None else None
    bylaw_minimum = text.min_meetings_per_year if text is not None else None
    key = None if municipality is None else municipality.pk
    if key not in facts.serving:
        facts.serving[key] = _serving(facts.bodies, municipality)
    body_lines = _body_lines(facts, facts.serving[key], year, bylaw_minimum, detail=detail)
    cells = {
        "verordening": bylaw_cell,
        "a": _with_regulation(_advice_cell(flagged, counts), check, "a"),
        "b": _with_regulation(_support_cell(facts, body_lines, year), check, "b"),
        "c": _with_regulation(_meetings_cell(facts, body_lines, year), check, "c"),
        "d": _with_regulation(_topics_cell(facts, body_lines), check, "d"),
        "e": _with_regulation(_documents_cell(facts, body_lines), check, "e"),
    }
    row = Row(
        municipality=municipality,
        label=_gr_label(region) if municipality is None else municipality.name,
        cells=cells,
        url=_row_url(facts, municipality, year),
    )
    return row, lines, body_lines


# ---------------------------------------------------------------- public selectors


def region_matrix(region: Region, *, year: int, today: datetime.date) -> Matrix:
    """The matrix of ``region`` for ``year``: the GR row, then every municipality by name. 14 queries."""
    return matrices(region, years=[year], today=today)[0]


def matrices(region: Region, *, years: list[int], today: datetime.date) -> list[Matrix]:
    """The matrix of each of ``years`` (for the chart), oldest first. 14 queries, whatever the number of years."""
    if not years:
        return []
    years = sorted(years)
    facts = _load(region, first_year=years[0], last_year=years[-1], today=today)
    result = []
    with rules.one_language():
        for year in years:
            rows = [_row(facts, None, year)[0]]
            rows += [_row(facts, municipality, year)[0] for municipality in facts.municipalities]
            result.append(Matrix(region=region, year=year, rows=rows, settings=facts.thresholds))
    return result


def _detailed(facts: _Facts, municipality: Municipality | None, year: int) -> Row:
    with rules.one_language():
        row, lines, body_lines = _row(facts, municipality, year, detail=True)
    findings = [] if municipality is None else list(row.cells["verordening"].notes)
    row.detail = Evidence(proposals=lines, bodies=body_lines, heard=[], bylaw_findings=findings)
    return row


def evidence(
    region: Region, municipality: Municipality | None, *, year: int, today: datetime.date
) -> tuple[Row, dict[int, HeardTopics]]:
    """The row of one municipality (None: the GR) with its evidence (``row.detail``: proposals with their
    timeliness, the serving bodies with their meetings, topics and documents, the verordening findings) but without
    "is the client heard?" (``with_heard``), and the topics of its serving bodies for that. 13 queries (the GR: 14)."""
    if municipality is None:
        facts = _load(region, first_year=year, last_year=year, today=today, gr_only=True)
    else:
        facts = _load(region, first_year=year, last_year=year, today=today, only=municipality)
    row = _detailed(facts, municipality, year)
    serving = {line.body.pk for line in row.detail.bodies}
    return row, {pk: tally for pk, tally in heard_topics(facts.topics, year=year).items() if pk in serving}


def with_heard(row: Row, *, year: int, topics: dict[int, HeardTopics]) -> Row:
    """``row`` (from ``evidence``) with "is the client heard?" of its serving bodies. 3 queries."""
    row.detail.heard = bodies_heard([line.body for line in row.detail.bodies], year=year, topics=topics)
    return row


def municipality_matrix(region: Region, municipality: Municipality, *, year: int, today: datetime.date) -> Row:
    """One municipality's row with its evidence (``row.detail``): proposals with their timeliness, the serving
    bodies with their meetings, topics and documents, and "is the client heard?" per body. 16 queries."""
    row, topics = evidence(region, municipality, year=year, today=today)
    return with_heard(row, year=year, topics=topics)


def gr_matrix(region: Region, *, year: int, today: datetime.date) -> Row:
    """The GR row with its evidence (proposals of the whole region, the regional bodies). 17 queries."""
    row, topics = evidence(region, None, year=year, today=today)
    return with_heard(row, year=year, topics=topics)


def municipality_by_slugs(region_slug: str, slug: str) -> Municipality:
    """A municipality with its region (public pages), 404 when either is unknown. 1 query."""
    municipality = Municipality.objects.select_related("region").filter(region__slug=region_slug, slug=slug).first()
    if municipality is None:
        raise Http404
    return municipality


# ---------------------------------------------------------------- is the client heard?


def _share(client_items: int, other_items: int, people: int) -> Share:
    small = rules.is_small(people)
    return Share(
        total=client_items + other_items,
        people=people,
        clients=None if small else client_items,
        others=None if small else other_items,
        small=small,
    )


_PRESENT, _ACTION, _VOTE = 1, 0, 2


@dataclass
class HeardTopics:
    """The topics of one body submitted in a year, as "is the client heard?" reads them: per submitter how many,
    and per number of days until the answer how many (the first step out of "ingediend"). Its size follows the
    number of members and of different answer times, not the number of topics."""

    submitters: dict[int, int] = field(default_factory=dict)  # member pk -> topics submitted (by or on behalf of)
    days: dict[int, int] = field(default_factory=dict)  # days until the answer -> topics


def _topic_tally(topics) -> list[tuple]:
    """The topics of the queryset ``topics`` counted in the database per body, submitter (on behalf of whom, else
    who submitted), local day submitted and local day answered (the first step out of "ingediend"; None: not yet):
    rows (body pk, submitter pk, submitted on, answered on, topics). Their number follows the bodies, members and
    days, not the topics. The ORM builds the row per topic (its first answer joined from its events, as before);
    the count around it is written out (ADR 0032): the ORM cannot group the rows of a grouped query again, and a
    subquery per topic for its first answer cost several times the join."""
    per_topic = (
        topics.order_by()
        .values("pk", "body_id", "submitted_by_id", "on_behalf_of_id", "submitted_at")
        .annotate(
            answered_at=Min(
                "events__at",
                filter=Q(events__from_status=TopicStatus.SUBMITTED) & ~Q(events__to_status=TopicStatus.SUBMITTED),
            )
        )
    )
    inner, inner_params = per_topic.query.sql_with_params()
    qn, tzname = connection.ops.quote_name, timezone.get_current_timezone_name()
    submitted, submitted_params = connection.ops.datetime_cast_date_sql(f"x.{qn('submitted_at')}", (), tzname)
    answered, answered_params = connection.ops.datetime_cast_date_sql(f"x.{qn('answered_at')}", (), tzname)
    sql = (
        f"SELECT x.{qn('body_id')}, COALESCE(x.{qn('on_behalf_of_id')}, x.{qn('submitted_by_id')}), "  # noqa: S608
        f"{submitted}, {answered}, COUNT(*) FROM ({inner}) x GROUP BY 1, 2, 3, 4"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*submitted_params, *answered_params, *inner_params])
        rows = cursor.fetchall()
    return [(body, who, _as_date(on), _as_date(answered), n) for body, who, on, answered, n in rows]


def _as_date(value) -> datetime.date | None:
    """A day as the database gives it (PostgreSQL: a date; SQLite: its ISO text)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def heard_topics(rows, *, year: int) -> dict[int, HeardTopics]:
    """The topics submitted in ``year`` of ``rows`` (``_topic_tally``'s rows), per body pk."""
    result: dict[int, HeardTopics] = defaultdict(HeardTopics)
    for body_id, who, submitted_on, answered_on, n in rows:
        if submitted_on.year != year:
            continue
        tally = result[body_id]
        tally.submitters[who] = tally.submitters.get(who, 0) + n
        if answered_on is not None:
            days = (answered_on - submitted_on).days
            tally.days[days] = tally.days.get(days, 0) + n
    return dict(result)


@dataclass(frozen=True)
class HeardBase:
    """ "Is the client heard?" of one body and year (``heard``, complete when read) with what a later read needs to
    count the votes afresh (votes are not audited, so a kept value cannot know of a vote cast or taken back since;
    ``fresh_heard``): the client members of the year and those of them who did something other than voting."""

    heard: Heard
    clients: frozenset[int]
    acted: frozenset[int]  # clients who submitted a topic, commented on a draft advice or replied to an invitation


def bodies_heard(bodies: list[Body], *, year: int, topics: dict[int, HeardTopics] | None = None) -> list[Heard]:
    """ "Is the client heard?" for each of ``bodies`` in ``year``. 4 queries (none without bodies), 3 when
    ``topics`` holds the topics of ``bodies`` in ``year`` already read (``heard_topics``)."""
    return [base.heard for base in heard_bases(bodies, year=year, topics=topics)]


def heard_bases(bodies: list[Body], *, year: int, topics: dict[int, HeardTopics] | None = None) -> list[HeardBase]:
    """``bodies_heard`` with, per body, what ``fresh_heard`` needs to count the votes again later. 4 queries (none
    without bodies), 3 with ``topics``."""
    if not bodies:
        return []
    ids = [b.pk for b in bodies]
    start, end = _day_range(year, year)
    # Who was a member in the year, and whether as a client (the latest membership in the body decides).
    category: dict[tuple[int, int], str] = {}
    for body_id, user_id, cat in (
        Membership.objects.filter(body_id__in=ids, term_start__lte=end, term_end__gte=start)
        .exclude(ended_on__lt=start)
        .exclude(status__in=("uitgenodigd", "kandidaat"))
        .order_by("term_start", "pk")
        .values_list("body_id", "user_id", "category")
    ):
        category[(body_id, user_id)] = cat
    settings = {b.pk: member_selectors.composition_settings(b) for b in bodies}

    def client(body_id: int, user_id) -> bool:
        cat = category.get((body_id, user_id))
        return cat is not None and member_rules.counts_as_client(cat, settings[body_id])

    if topics is None:
        topics = heard_topics(
            _topic_tally(
                Topic.objects.filter(body_id__in=ids, forwarded_from__isnull=True, **_days("submitted_at", start, end))
            ),
            year=year,
        )
    # How often each member was present at a held meeting, and who did something in the year: voted, commented on
    # a draft advice, replied to an invitation. One query; a row per member and kind, however many votes.
    present_rows = (
        Attendance.objects.filter(
            meeting__body_id__in=ids,
            meeting__status__in=HELD_STATUSES,
            **_days("meeting__starts_at", start, end),
            presence=Attendance.Presence.PRESENT,
        )
        .order_by()
        .values("meeting__body_id", "user_id")
        .annotate(kind=Value(_PRESENT), n=Count("pk"))
        .values_list("meeting__body_id", "user_id", "kind", "n")
    )

    def did(queryset, body: str, user: str, kind: int = _ACTION):
        return (
            queryset.order_by().annotate(kind=Value(kind), n=Value(0)).values_list(body, user, "kind", "n").distinct()
        )

    votes = did(
        TopicVote.objects.filter(topic__body_id__in=ids, **_days("at", start, end)),
        "topic__body_id",
        "user_id",
        _VOTE,
    )
    comments = did(
        AdviceComment.objects.filter(advice__body_id__in=ids, **_days("at", start, end), author__isnull=False),
        "advice__body_id",
        "author_id",
    )
    replies = did(
        Reply.objects.filter(meeting__body_id__in=ids, **_days("meeting__starts_at", start, end)),
        "meeting__body_id",
        "user_id",
    )
    verdicts = Recommendation.objects.filter(
        advice__body_id__in=ids, advice__status=AdviceStatus.SENT, advice__sent_on__gte=start, advice__sent_on__lte=end
    ).values_list("advice__body_id", "verdict__verdict")

    present: dict[int, dict] = defaultdict(dict)  # body pk -> {user pk: times present}
    acted: dict[int, set] = defaultdict(set)  # body pk -> clients who did something other than voting
    voted: dict[int, set] = defaultdict(set)  # body pk -> clients who voted
    for body_id, user_id, kind, times in present_rows.union(votes, comments, replies):
        if kind == _PRESENT:
            present[body_id][user_id] = times
        elif client(body_id, user_id):
            (voted if kind == _VOTE else acted)[body_id].add(user_id)
    recommendations: dict[int, dict[str, int]] = {
        pk: {"overgenomen": 0, "deels": 0, "niet": 0, "geen_reactie": 0} for pk in ids
    }
    for body_id, verdict in verdicts:
        recommendations[body_id][verdict or "geen_reactie"] += 1

    result = []
    for body in bodies:
        pk = body.pk
        tally = topics.get(pk) or HeardTopics()
        client_topics = other_topics = 0
        for who, n in tally.submitters.items():
            if client(pk, who):
                client_topics += n
                acted[pk].add(who)
            else:
                other_topics += n
        own_present = present[pk]
        times_present = sum(own_present.values())
        client_present = sum(times for user, times in own_present.items() if client(pk, user))
        clients = frozenset(u for (b, u) in category if b == pk and client(b, u))
        small = rules.is_small(len(clients))
        heard = Heard(
            body=body,
            year=year,
            topics=_share(client_topics, other_topics, len(tally.submitters)),
            presence=_share(client_present, times_present - client_present, len(own_present)),
            client_members=len(clients),
            contributors=None if small else len(acted[pk] | voted[pk]),
            contributors_small=small,
            recommendations=recommendations[pk],
            median_days_to_answer=rules.median_days_counted(tally.days),
            answered_topics=sum(tally.days.values()),
        )
        result.append(HeardBase(heard, clients, frozenset(acted[pk])))
    return result


def fresh_heard(bases: list[HeardBase], *, year: int) -> list[Heard]:
    """The ``heard`` of each of ``bases`` (read earlier, perhaps kept in the cache) with its client contributors
    counted again with the votes as they are now: the clients who acted otherwise, and those of the others who
    voted in ``year``. 1 query, none when no body has clients left to look at (small groups show no number)."""
    left = {base.heard.body.pk: base.clients - base.acted for base in bases if base.heard.contributors is not None}
    candidates = set().union(*left.values()) if left else set()
    if not candidates:
        return [base.heard for base in bases]
    voted: dict[int, set] = defaultdict(set)
    for body_id, user_id in _votes_of(list(left), sorted(candidates), year=year):
        if user_id in left[body_id]:
            voted[body_id].add(user_id)
    return [
        base.heard
        if base.heard.contributors is None
        else replace(base.heard, contributors=len(base.acted) + len(voted[base.heard.body.pk]))
        for base in bases
    ]


def _votes_of(body_ids: list[int], user_ids: list[int], *, year: int) -> list[tuple[int, int]]:
    """(body pk, user pk) of each of ``user_ids`` who voted in ``year`` on a topic of one of ``body_ids``. 1 query,
    written out: it runs on every kept public body and evidence page, and built with the ORM it cost several times
    the query itself (standard SQL: PostgreSQL and SQLite; the tests of "is the client heard?" run it)."""
    qn = connection.ops.quote_name
    vote, topic = qn(TopicVote._meta.db_table), qn(Topic._meta.db_table)
    v_topic, v_user, v_at = (qn(TopicVote._meta.get_field(name).column) for name in ("topic", "user", "at"))
    t_id, t_body = (qn(Topic._meta.get_field(name).column) for name in ("id", "body"))
    first, last = _day_range(year, year)
    bounds = _days("at", first, last)
    sql = (
        f"SELECT DISTINCT {topic}.{t_body}, {vote}.{v_user} FROM {vote} "  # noqa: S608 names from the models
        f"INNER JOIN {topic} ON {topic}.{t_id} = {vote}.{v_topic} "
        f"WHERE {topic}.{t_body} IN ({', '.join(['%s'] * len(body_ids))}) "
        f"AND {vote}.{v_user} IN ({', '.join(['%s'] * len(user_ids))}) "
        f"AND {vote}.{v_at} >= %s AND {vote}.{v_at} < %s"
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [*body_ids, *user_ids, adapt(bounds["at__gte"]), adapt(bounds["at__lt"])])
        return cursor.fetchall()


def body_heard(body: Body, *, year: int) -> Heard:
    """ "Is the client heard?" for one body in ``year``. 7 queries."""
    return bodies_heard([body], year=year)[0]
