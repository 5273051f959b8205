"""Reads of the annual report. The content is computed live from the data of the year, for one body or summed over
every body of a region, with a fixed number of queries whatever the number of bodies or rows (ADR 18).

Nothing here returns a person's name: composition and attendance are counts, topics and advice are counted by
status (sent advice, already public in the register, is listed by its subject).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Count, Min, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from inspraak.advice.models import Advice, AdviceKind, AdviceRequest, AdviceStatus, Recommendation, RequestStatus
from inspraak.agenda.models import AgendaItem, MeetingDocument
from inspraak.annualreports import rules
from inspraak.annualreports.models import AnnualReport, AnnualReportEvent, ReportStatus
from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.compliance import selectors as compliance_selectors
from inspraak.meetings import rules as meeting_rules
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members import rules as member_rules
from inspraak.members import selectors as member_selectors
from inspraak.members.models import SUPPORT_ROLES, Category, Membership, Status
from inspraak.payments.models import AllowancePayment
from inspraak.policy import rules as policy_rules
from inspraak.policy.models import Concern, ProposalStatus
from inspraak.records.models import Attendance
from inspraak.recruitment.models import Vacancy, VacancySeat
from inspraak.regions.models import Body, Region
from inspraak.signals import rules as signal_rules
from inspraak.signals import selectors as signal_selectors
from inspraak.support.models import SupportScheme
from inspraak.topics.models import Theme, Topic, TopicStatus
from inspraak.training.models import Training, TrainingStatus

HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)

# ---------------------------------------------------------------- reports


def body_reports(body: Body) -> list[AnnualReport]:
    """Every report of ``body``, newest year first. 1 query."""
    reports = list(AnnualReport.objects.filter(body=body).order_by("-year"))
    for report in reports:
        report.body = body
        report.region = body.region
    return reports


def region_reports(region: Region) -> list[AnnualReport]:
    """Every report of the region itself (not of its bodies), newest year first. 1 query."""
    reports = list(AnnualReport.objects.filter(region=region, body__isnull=True).order_by("-year"))
    for report in reports:
        report.region = region
    return reports


def body_report(body: Body, year: int) -> AnnualReport:
    """The report of ``body`` for ``year``; 404 when it was not started. 1 query."""
    report = AnnualReport.objects.filter(body=body, year=year).first()
    if report is None:
        raise Http404
    report.body = body
    report.region = body.region
    return report


def region_report(region: Region, year: int) -> AnnualReport:
    """The report of the region itself for ``year``; 404 when it was not started. 1 query."""
    report = AnnualReport.objects.filter(region=region, body__isnull=True, year=year).first()
    if report is None:
        raise Http404
    report.region = region
    return report


def published_body_report(region_slug: str, body_slug: str, year: int) -> AnnualReport:
    """A published body report for the public pages; 404 for anything else. 1 query."""
    report = (
        AnnualReport.objects.select_related("region", "body", "body__municipality")
        .filter(
            region__slug=region_slug,
            body__slug=body_slug,
            body__region__slug=region_slug,
            year=year,
            status=ReportStatus.PUBLISHED,
        )
        .first()
    )
    if report is None:
        raise Http404
    report.body.region = report.region
    return report


def published_region_report(region_slug: str, year: int) -> AnnualReport:
    """A published region report for the public pages; 404 for anything else. 1 query."""
    report = (
        AnnualReport.objects.select_related("region")
        .filter(region__slug=region_slug, body__isnull=True, year=year, status=ReportStatus.PUBLISHED)
        .first()
    )
    if report is None:
        raise Http404
    return report


def published_reports(region: Region) -> list[AnnualReport]:
    """The published reports of the region and its bodies: newest year first, the region's own report first within
    a year, then the bodies by name. 1 query."""
    reports = list(
        AnnualReport.objects.filter(region=region, status=ReportStatus.PUBLISHED)
        .select_related("body")
        .order_by("-year", "body__name")
    )
    reports.sort(key=lambda r: (-r.year, r.body_id is not None, r.body.name if r.body else ""))
    for report in reports:
        report.region = region
        if report.body is not None:
            report.body.region = region
    return reports


def report_history(report: AnnualReport) -> list[AnnualReportEvent]:
    """The history of ``report`` with who did it. 1 query."""
    return list(report.events.select_related("by").order_by("at", "pk"))


def body_first_year(body: Body) -> int:
    """The first year with data of ``body``: when it was added, its first meeting or first membership. 1 query."""
    found = Body.objects.filter(pk=body.pk).aggregate(
        meeting=Min("meetings__starts_at"), member=Min("memberships__term_start")
    )
    return _first_year(body.created_at, found)


def region_first_year(region: Region) -> int:
    """The first year with data of any body of ``region`` (or the region's own start). 1 query."""
    found = Body.objects.filter(region=region).aggregate(
        created=Min("created_at"), meeting=Min("meetings__starts_at"), member=Min("memberships__term_start")
    )
    return _first_year(region.created_at, found)


def _first_year(created: datetime.datetime, found: dict) -> int:
    years = [timezone.localtime(created).year]
    for value in found.values():
        if isinstance(value, datetime.datetime):
            years.append(timezone.localtime(value).year)
        elif isinstance(value, datetime.date):
            years.append(value.year)
    return min(years)


def private_names(report: AnnualReport) -> list[str]:
    """Names the report's public texts must not contain (members.selectors.private_client_names). For a region
    report: every client in the region who did not agree to be named publicly in any of their groups. 2 queries."""
    if report.body_id is not None:
        return member_selectors.private_client_names(report.body)
    # No body: nobody is "public here", so a client who declined in any body of the region stays private.
    return member_selectors.private_client_names(SimpleNamespace(region_id=report.region_id, pk=None))


# ---------------------------------------------------------------- content


@dataclass
class Line:
    """One row of a small table: a label and a number."""

    label: str
    count: int


@dataclass
class Composition:
    members: int = 0  # members of the group (supporters not counted) at the end of the period
    clients: int = 0
    joined: int = 0
    left: int = 0
    by_category: list[Line] = field(default_factory=list)
    by_municipality: list[Line] = field(default_factory=list)
    vacancies: int = 0
    seats_sought: int = 0


@dataclass
class BodyMeetings:
    name: str
    held: int
    minimum: int

    @property
    def short(self) -> bool:
        return self.held < self.minimum


@dataclass
class Meetings:
    held: int = 0
    cancelled: int = 0
    planned: int = 0  # still to come this year
    minimum: int = 0  # the minimum of the rules (summed over bodies for a region)
    with_attendance: int = 0  # held meetings with attendance recorded
    average_present: int | None = None
    average_excused: int | None = None
    minutes_approved: int = 0
    per_body: list[BodyMeetings] = field(default_factory=list)


@dataclass
class ThemeLine:
    """One practical theme: topics submitted in the year and agenda items of the year's held meetings."""

    label: str
    topics: int
    items: int


@dataclass
class Topics:
    submitted: int = 0
    by_status: list[Line] = field(default_factory=list)
    by_theme: list[ThemeLine] = field(default_factory=list)  # themes with at least one topic or item
    discussed: int = 0  # on the agenda, discussed or handled
    answered: int = 0
    waiting: int = 0


@dataclass
class AdviceItem:
    subject: str
    kind: str
    sent_on: datetime.date
    body_name: str
    responded: bool
    days_overdue: int


@dataclass
class AdviceSection:
    sent: int = 0
    solicited: int = 0
    unsolicited: int = 0
    responded: int = 0
    recommendations: int = 0
    adopted: int = 0
    partly: int = 0
    not_adopted: int = 0
    no_answer: int = 0
    items: list[AdviceItem] = field(default_factory=list)


@dataclass
class Timeliness:
    decided: int = 0  # (proposal, body) pairs decided in the year
    on_time: int = 0
    late: int = 0
    not_asked: int = 0
    responses_on_time: int = 0  # advice answered by its due date
    responses_late: int = 0  # advice answered after the due date, or not answered and overdue now
    documents: int = 0
    documents_on_time: int = 0

    @property
    def documents_late(self) -> int:
        return self.documents - self.documents_on_time

    @property
    def documents_share(self) -> int | None:
        return rules.share(self.documents_on_time, self.documents)


@dataclass
class SchemeLine:
    body_name: str
    scheme: SupportScheme | None  # None: the group had no support scheme that year


@dataclass
class Support:
    """Art. 47 b: what the members received (ADR 18, issue 13). Money is summed over all members: no person's
    amounts."""

    schemes: list[SchemeLine] = field(default_factory=list)
    claims: int = 0  # expense claims made for costs of the year (withdrawn ones not counted)
    claims_paid_back: int = 0  # approved or paid
    claims_rejected: int = 0
    claims_open: int = 0
    reimbursed: Decimal = Decimal("0.00")  # the amount of the approved and paid claims
    allowances: Decimal = Decimal("0.00")  # volunteer allowances approved for the months of the year
    allowance_members: int = 0  # how many members got an allowance
    trainings_held: int = 0
    trainings_planned: int = 0
    training_participants: int = 0  # sign-ups recorded as "was er" at held trainings

    @property
    def without_scheme(self) -> int:
        return sum(1 for line in self.schemes if line.scheme is None)


@dataclass
class Content:
    year: int
    until: datetime.date
    year_over: bool
    body_count: int
    composition: Composition
    meetings: Meetings
    topics: Topics
    advice: AdviceSection
    timeliness: Timeliness
    support: Support


def report_content(report: AnnualReport, *, today: datetime.date | None = None) -> Content:
    """The sections of ``report``, live from the data of its year. 11 queries (13 for a region report: its bodies),
    whatever the number of bodies, members, meetings or documents."""
    today = today or timezone.localdate()
    if report.body_id is not None:
        bodies = [report.body]
    else:
        bodies = list(Body.objects.filter(region_id=report.region_id).order_by("name"))
    return _content(bodies, report.year, today)


def _content(bodies: list[Body], year: int, today: datetime.date) -> Content:
    until = rules.counted_until(year, today)
    ids = [b.pk for b in bodies]
    advice = _advice(ids, year, today)
    timeliness = _timeliness(bodies, ids, year, today)
    timeliness.responses_late = sum(1 for item in advice.items if item.days_overdue)
    timeliness.responses_on_time = sum(1 for item in advice.items if item.responded and not item.days_overdue)
    return Content(
        year=year,
        until=until,
        year_over=rules.year_over(year, today),
        body_count=len(bodies),
        composition=_composition(bodies, ids, year, until),
        meetings=_meetings(bodies, ids, year, today),
        topics=_topics(ids, year),
        advice=advice,
        timeliness=timeliness,
        support=_support(bodies, ids, year, today),
    )


def _support(bodies, ids, year, today) -> Support:
    """4 queries: the support schemes of the year, the expense claims by status, the allowances approved for the
    year, the trainings of the year with their participants."""
    result = Support()
    schemes = {s.body_id: s for s in SupportScheme.objects.filter(body_id__in=ids, year=year)}
    result.schemes = [SchemeLine(body.name, schemes.get(body.pk)) for body in bodies]
    rows = (
        ExpenseClaim.objects.filter(body_id__in=ids, spent_on__year=year)
        .exclude(status=ClaimStatus.WITHDRAWN)
        .values("status")
        .annotate(n=Count("pk"), total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        result.claims += row["n"]
        if row["status"] in (ClaimStatus.APPROVED, ClaimStatus.PAID):
            result.claims_paid_back += row["n"]
            result.reimbursed += row["total"] or Decimal("0.00")
        elif row["status"] == ClaimStatus.REJECTED:
            result.claims_rejected += row["n"]
        else:
            result.claims_open += row["n"]
    allowances = AllowancePayment.objects.filter(body_id__in=ids, month__year=year).aggregate(
        total=Sum("amount"), members=Count("user", distinct=True)
    )
    result.allowances = allowances["total"] or Decimal("0.00")
    result.allowance_members = allowances["members"] or 0
    now = timezone.now()
    trainings = (
        Training.objects.filter(body_id__in=ids, starts_at__year=year, status=TrainingStatus.PLANNED)
        .annotate(present=Count("signups", filter=Q(signups__attended=True)))
        .values_list("starts_at", "present")
    )
    for starts_at, present in trainings:
        if starts_at <= now:
            result.trainings_held += 1
            result.training_participants += present
        else:
            result.trainings_planned += 1
    return result


def _composition(bodies, ids, year, until) -> Composition:
    """3 queries: memberships, municipality names, vacancies."""
    by_body = {b.pk: b for b in bodies}
    rows = (
        Membership.objects.filter(body_id__in=ids, status__in=(Status.ACTIVE, Status.ENDED))
        .exclude(body_role__in=SUPPORT_ROLES)
        .values_list("body_id", "category", "municipality__name", "term_start", "term_number", "ended_on")
    )
    result = Composition()
    categories: Counter[str] = Counter()
    municipalities: Counter[str] = Counter()
    for body_id, category, municipality, term_start, term_number, ended_on in rows:
        if term_start.year == year and term_number == 1:
            result.joined += 1
        if ended_on is not None and ended_on.year == year:
            result.left += 1
        if not rules.member_on(term_start=term_start, ended_on=ended_on, day=until):
            continue
        result.members += 1
        categories[category] += 1
        municipalities[municipality or _("Niet bekend")] += 1
        settings = member_selectors.composition_settings(by_body[body_id])
        if member_rules.counts_as_client(category, settings):
            result.clients += 1
    labels = dict(Category.choices)
    result.by_category = [Line(str(labels[c]), n) for c, n in categories.items() if c in labels]
    result.by_category.sort(key=lambda line: (-line.count, line.label))
    result.by_municipality = sorted((Line(name, n) for name, n in municipalities.items()), key=lambda x: x.label)
    vacancies = Vacancy.objects.filter(body_id__in=ids, created_at__year=year).aggregate(n=Count("pk"))
    seats = VacancySeat.objects.filter(vacancy__body_id__in=ids, vacancy__created_at__year=year).aggregate(
        n=Sum("seats")
    )
    result.vacancies = vacancies["n"] or 0
    result.seats_sought = seats["n"] or 0
    return result


def _meetings(bodies, ids, year, today) -> Meetings:
    """2 queries: meetings of the year, attendance of the held ones."""
    result = Meetings(minimum=sum(b.min_meetings_per_year for b in bodies))
    held_ids: list[int] = []
    held_per_body: Counter[int] = Counter()
    rows = Meeting.objects.filter(body_id__in=ids, starts_at__year=year).values_list("pk", "body_id", "status")
    for pk, body_id, status in rows:
        if status in HELD:
            result.held += 1
            held_ids.append(pk)
            held_per_body[body_id] += 1
            if status == MeetingStatus.MINUTES_APPROVED:
                result.minutes_approved += 1
        elif status == MeetingStatus.CANCELLED:
            result.cancelled += 1
        else:
            result.planned += 1
    present: Counter[int] = Counter()
    excused: Counter[int] = Counter()
    recorded: set[int] = set()
    for meeting_id, presence in Attendance.objects.filter(meeting_id__in=held_ids).values_list(
        "meeting_id", "presence"
    ):
        recorded.add(meeting_id)
        if presence == Attendance.Presence.PRESENT:
            present[meeting_id] += 1
        elif presence == Attendance.Presence.EXCUSED:
            excused[meeting_id] += 1
    result.with_attendance = len(recorded)
    result.average_present = rules.average(present[m] for m in recorded)
    result.average_excused = rules.average(excused[m] for m in recorded)
    if len(bodies) > 1:
        result.per_body = [BodyMeetings(b.name, held_per_body[b.pk], b.min_meetings_per_year) for b in bodies]
    return result


TOPIC_DISCUSSED = (TopicStatus.ON_AGENDA, TopicStatus.DISCUSSED, TopicStatus.DONE)


def _topics(ids, year) -> Topics:
    """2 queries: the topics submitted in the year, by status, theme and whether they have an answer; the agenda
    items of the year's held meetings by theme."""
    rows = (
        Topic.objects.filter(body_id__in=ids, submitted_at__year=year)
        .values("status", "theme")
        .annotate(n=Count("pk"), answered=Count("pk", filter=~Q(answer="")))
    )
    result = Topics()
    counts: Counter[str] = Counter()
    topic_themes: Counter[str] = Counter()
    for row in rows:
        counts[row["status"]] += row["n"]
        topic_themes[row["theme"]] += row["n"]
        result.answered += row["answered"]
    item_themes: Counter[str] = Counter(
        dict(
            AgendaItem.objects.filter(meeting__body_id__in=ids, meeting__starts_at__year=year, meeting__status__in=HELD)
            .values("theme")
            .annotate(n=Count("pk"))
            .values_list("theme", "n")
        )
    )
    result.by_theme = [
        ThemeLine(str(label), topic_themes[theme], item_themes[theme])
        for theme, label in [*Theme.choices, ("", _("Nog geen thema"))]
        if topic_themes[theme] or item_themes[theme]
    ]
    labels = dict(TopicStatus.choices)
    result.submitted = sum(counts.values())
    result.by_status = [Line(str(labels[s]), counts[s]) for s in TopicStatus.values if counts[s]]
    result.discussed = sum(counts[s] for s in TOPIC_DISCUSSED)
    result.waiting = counts[TopicStatus.SUBMITTED]
    return result


def _advice(ids, year, today) -> AdviceSection:
    """2 queries: the advice sent in the year (with its response), and the verdict per recommendation."""
    sent = (
        Advice.objects.filter(body_id__in=ids, status=AdviceStatus.SENT, sent_on__year=year)
        .select_related("response", "body")
        .only("subject", "kind", "sent_on", "response_due", "body__name", "response__responded_on")
        .order_by("sent_on", "pk")
    )
    result = AdviceSection()
    for advice in sent:
        response = getattr(advice, "response", None)
        responded_on = response.responded_on if response is not None else None
        result.sent += 1
        if advice.kind == AdviceKind.SOLICITED:
            result.solicited += 1
        else:
            result.unsolicited += 1
        if response is not None:
            result.responded += 1
        result.items.append(
            AdviceItem(
                subject=advice.subject,
                kind=advice.get_kind_display(),
                sent_on=advice.sent_on,
                body_name=advice.body.name,
                responded=response is not None,
                days_overdue=policy_rules.response_overdue(advice.response_due, responded_on, today),
            )
        )
    verdicts = Recommendation.objects.filter(
        advice__body_id__in=ids, advice__status=AdviceStatus.SENT, advice__sent_on__year=year
    ).values_list("verdict__verdict", flat=True)
    for verdict in verdicts:
        result.recommendations += 1
        if verdict == "overgenomen":
            result.adopted += 1
        elif verdict == "deels":
            result.partly += 1
        elif verdict == "niet":
            result.not_adopted += 1
        else:
            result.no_answer += 1
    return result


def _timeliness(bodies, ids, year, today) -> Timeliness:
    """3 queries: concerns of proposals decided in the year, their requests, and the agenda documents."""
    result = Timeliness()
    by_body = {b.pk: b for b in bodies}
    concerns = list(
        Concern.objects.filter(
            body_id__in=ids, proposal__status=ProposalStatus.DECIDED, proposal__decided_on__year=year
        ).select_related("proposal")
    )
    requests = {
        (r.proposal_id, r.body_id): r
        for r in AdviceRequest.objects.filter(
            proposal_id__in={c.proposal_id for c in concerns}, body_id__in=ids
        ).exclude(status=RequestStatus.WITHDRAWN)
    }
    for concern in concerns:
        proposal = concern.proposal
        request = requests.get((proposal.pk, concern.body_id))
        timeliness = policy_rules.concern_timeliness(
            requested_on=request.requested_on if request else None,
            advice_period_weeks=by_body[concern.body_id].advice_period_weeks,
            decision_on=policy_rules.decision_date(proposal.planned_decision_date, proposal.decided_on),
            decided=True,
            today=today,
        )
        result.decided += 1
        if timeliness.code == policy_rules.ON_TIME:
            result.on_time += 1
        elif timeliness.code == policy_rules.LATE:
            result.late += 1
        else:
            result.not_asked += 1
    documents = (
        MeetingDocument.objects.filter(
            item__meeting__body_id__in=ids, item__meeting__starts_at__year=year, for_members=True
        )
        .exclude(item__meeting__status=MeetingStatus.CANCELLED)
        .values_list("available_at", "item__meeting__starts_at", "item__meeting__body_id")
    )
    for available_at, starts_at, body_id in documents:
        on_time, _late = meeting_rules.document_timeliness(
            available_on=timezone.localtime(available_at).date(),
            meeting_on=timezone.localtime(starts_at).date(),
            days_before=by_body[body_id].documents_days_before,
        )
        result.documents += 1
        result.documents_on_time += on_time
    return result


# ---------------------------------------------------------------- art. 47 (from the compliance app)


@dataclass
class Signals:
    """Signals from practice in the report's year (KTO, complaints, objections), summed over the municipalities the
    report covers. Aggregated numbers, never a person."""

    complaints: int | None = None
    objections: int | None = None
    upheld: int = 0
    rejected: int = 0
    withdrawn: int = 0
    kto_score: Decimal | None = None
    kto_respondents: int = 0
    quarters: int = 0

    @property
    def any(self) -> bool:
        return self.complaints is not None or self.objections is not None or self.kto_score is not None


def signals_part(report: AnnualReport) -> Signals | None:
    """The year's signals of the report's scope (a region, or the municipalities a group serves); None when the
    region does not publish its signals (ADR 29: the GR chooses; a report may be published). 2-3 queries."""
    if not signal_selectors.is_public(report.region):
        return None
    found = signal_selectors.year_summary(region=report.region, year=report.year, body=report.body)
    result = Signals()
    if complaints := found.get(signal_rules.COMPLAINTS):
        result.complaints = complaints["count"]
        result.quarters = max(result.quarters, complaints["quarters"])
    if objections := found.get(signal_rules.OBJECTIONS):
        result.objections = objections["count"]
        result.upheld = objections.get("upheld", 0)
        result.rejected = objections.get("rejected", 0)
        result.withdrawn = objections.get("withdrawn", 0)
        result.quarters = max(result.quarters, objections["quarters"])
    if kto := found.get(signal_rules.KTO):
        result.kto_score = kto.get("score")
        result.kto_respondents = kto.get("respondents", 0)
        result.quarters = max(result.quarters, kto["quarters"])
    return result


def compliance_parts(report: AnnualReport, *, today: datetime.date) -> dict:
    """The art. 47 matrix and "is the client heard?" of the report's year, from inspraak.compliance (ADR 17).

    A body report shows the matrix rows of the municipalities the body serves (a regional body: all of them, and the
    GR row) and the body's "is the client heard?"; a region report the whole matrix (per body, "heard" would cost
    queries per body: the region report leaves it to the bodies' own reports). 15 queries (22 for a body report).
    """
    matrix = compliance_selectors.region_matrix(report.region, year=report.year, today=today)
    if report.body_id is None:
        return {"matrix": matrix, "heard": None}
    body = report.body
    if body.municipality_id is not None:
        rows = [
            row for row in matrix.rows if row.municipality is not None and row.municipality.pk == body.municipality_id
        ]
        matrix = dataclasses.replace(matrix, rows=rows)
    return {"matrix": matrix, "heard": compliance_selectors.body_heard(body, year=report.year)}
