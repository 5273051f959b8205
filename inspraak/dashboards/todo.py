"""Reads for the to-do list on 'Mijn overzicht' (ADR 0023): per role the things that need this person, each with a
plain Dutch text that names the date, a deadline (or None), the page where it is done, and a kind.

Few queries, and a fixed number whatever the data size. What can be counted per body or per region is counted in
the one query that loads the person's bodies or regions anyway (``body_annotations``, ``region_annotations``, used
by selectors.py): letters to print, claims waiting and last month's allowances (secretary), the meetings of this
year (beheerder), failed emails and missing caps (beheerder), everything of the finance role. The rest is one query
per table for all the person's bodies and roles together, split afterwards:

- meetings (secretary and facilitator: documents, minutes, replies missing, needs, feedback reports to write): 1
- topics (member: answers on their topics; facilitator: new topics): 1
- sent feedback reports waiting for the GR's reaction (facilitator, GR policy officer): 1
- member: invitations without an answer, draft advice: 2; secretary: agreements overdue: 1
- policy officer: requests to send and responses due (advice selectors): 2
- beheerder: the composition of their bodies (members selectors): 2, vacancies to draw: 1
- the consultations a secretary, facilitator, policy officer or beheerder runs: 1

each only when the person holds a role that needs it. Links are built with ``reverse()`` once per kind of page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.accounts.models import Role
from inspraak.advice import selectors as advice_selectors
from inspraak.advice.models import AdviceStatus
from inspraak.agenda.models import NEEDS_TO_ARRANGE, Invitation, Reply
from inspraak.audit.cache import RegionCache
from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.consultations.models import ConsultationStatus, TextStatus
from inspraak.core.dbtime import read_moment
from inspraak.core.links import url_template
from inspraak.core.models import OutgoingEmail
from inspraak.core.prepared import fields_of, instances, prepared_rows, sql_literal
from inspraak.letters.models import Letter
from inspraak.meetings import rules as meeting_rules
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members import selectors as member_selectors
from inspraak.payments.models import AllowancePayment, PaymentBatch
from inspraak.policy import rules as policy_rules
from inspraak.policy.selectors import Scope
from inspraak.records import models as record_models
from inspraak.records import rules as record_rules
from inspraak.records.models import Agreement, Attendance, FeedbackRecommendation, FeedbackReport, MinutesStatus
from inspraak.recruitment.models import Vacancy
from inspraak.regions.models import Body, Municipality, Region
from inspraak.support import rules as support_rules
from inspraak.support.models import AllowanceMode, SupportScheme, VolunteerCap
from inspraak.topics import rules as topic_rules
from inspraak.topics.models import Topic, TopicStatus

OPEN_MEETING = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED)
DONE_MEETING = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
# An answer on a member's topic stays on their list this long (there is no "read" mark).
ANSWER_SHOWN_DAYS = 14
# Held meetings whose minutes or feedback report are still to be written stay on the list this long; older gaps
# show on the art. 47 overview and in the annual report.
WRITE_WINDOW_DAYS = 90
# The secretary sees the documents of a meeting this many days before the day they are due.
DOCUMENTS_WARN_DAYS = 14
# The facilitator's list names this many new topics per group (the oldest, due first); one more line counts the rest.
NEW_TOPICS_SHOWN = 5


class Kind:
    INVITATION = "uitnodiging"
    ADVICE_DRAFT = "conceptadvies"
    TOPIC_ANSWER = "antwoord"
    TOPIC_NEW = "onderwerp"
    REPLIES_MISSING = "antwoorden"
    FEEDBACK_WRITE = "terugkoppeling"
    GR_REACTION = "reactie_gr"
    DOCUMENTS = "stukken"
    MINUTES = "verslag"
    LETTERS = "brieven"
    AGREEMENT = "afspraak"
    NEEDS = "regelen"
    REQUEST = "adviesaanvraag"
    RESPONSE = "reactie"
    MEETING_MINIMUM = "bijeenkomsten"
    COMPOSITION = "samenstelling"
    DRAW = "loting"
    EMAIL = "email"
    CLAIMS = "declaraties"
    ALLOWANCES = "vergoedingen"
    PAYMENTS = "betalingen"
    CAPS = "maximum"
    CONSULTATION_TEXTS = "raadpleging_nakijken"
    CONSULTATION_PUBLISH = "raadpleging_publiceren"


@dataclass(frozen=True)
class TodoItem:
    text: str
    deadline: datetime.date | None
    url: str
    kind: str
    # The deadline has passed (set by ``todo_sections``, which knows today; the page marks the item 'Te laat').
    late: bool = False

    def overdue(self, today: datetime.date) -> bool:
        return self.deadline is not None and self.deadline < today


@dataclass
class TodoSection:
    """The to-do list of one role (in one body, for body roles)."""

    title: str
    role: str
    items: list[TodoItem] = field(default_factory=list)
    body: Body | None = None

    @property
    def items_html(self) -> SafeString:
        """The items as 'Mijn overzicht' lists them, one ``<li>`` each (what a ``{% for %}`` over ``items`` made, at a
        fraction of the cost: a beheerder's list has dozens). Every value escaped as the template would."""
        badge = conditional_escape(_("Te laat"))
        late = f' <span class="utrecht-badge-status utrecht-badge-status--warning">{badge}</span>'
        return mark_safe(  # noqa: S308 - every value below is escaped
            "".join(
                f'<li><a class="utrecht-link" href="{conditional_escape(item.url)}">{conditional_escape(item.text)}</a>'
                f"{late if item.late else ''}</li>\n  "
                for item in self.items
            )
        )


def sort_key(item: TodoItem) -> tuple:
    """Most urgent first: the soonest deadline (overdue ones first of all), items without a deadline last. Use with
    the stable ``sorted``: items with the same deadline keep the order they were read in (oldest meeting first)."""
    return (item.deadline is None, item.deadline or datetime.date.max)


def _ordered(items: list[TodoItem], today: datetime.date) -> list[TodoItem]:
    """Most urgent first, the overdue ones marked ``late``."""
    return [replace(item, late=True) if item.overdue(today) else item for item in sorted(items, key=sort_key)]


def day(value: datetime.date | datetime.datetime) -> str:
    """'10 december' (and the year when it is not this year)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return date_format(value, "j F" if value.year == timezone.localdate().year else "j F Y")


class Links:
    """The links of one to-do list: ``core.links.url_template`` once per page name and set of arguments, then the
    slugs and ids are filled in (a list has many links to a few kinds of page)."""

    def __init__(self) -> None:
        self._templates: dict[tuple, Callable[..., str]] = {}

    def __call__(self, name: str, **kwargs) -> str:
        key = (name, *kwargs)
        template = self._templates.get(key)
        if template is None:
            template = self._templates[key] = url_template(name, *kwargs)
        return template(*kwargs.values())

    def body(self, name: str, body: Body, **kwargs) -> str:
        return self(name, region=body.region.slug, body=body.slug, **kwargs)


def _meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def _count_of(rows, by: str = "meeting") -> Coalesce:
    """How many of ``rows`` (a queryset correlated with the outer row through the field ``by``: the meeting, the
    body or the region) there are, as a subquery."""
    counted = rows.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _only_where(condition: Q | None, expression, default, output_field):
    """``expression`` for the rows that meet ``condition``, else ``default`` (the database skips the subquery). No
    condition: the expression for every row (cheaper to build, for queries whose rows all need it or are few)."""
    if condition is None:
        return expression
    return Case(When(condition, then=expression), default=Value(default), output_field=output_field)


def _by_body(items: list[tuple[int, TodoItem]]) -> dict[int, list[TodoItem]]:
    grouped: dict[int, list[TodoItem]] = {}
    for body_id, item in items:
        grouped.setdefault(body_id, []).append(item)
    return grouped


def _last_month(today: datetime.date) -> datetime.date:
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def _local_month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``month`` and of the month after, in local time (a range an index can serve)."""
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    start = datetime.datetime.combine(month, datetime.time.min)
    end = datetime.datetime.combine(following, datetime.time.min)
    return timezone.make_aware(start), timezone.make_aware(end)


# ---------------------------------------------------------------- counted on the rows that are loaded anyway


@dataclass(frozen=True)
class Counted:
    """Counts to annotate on a query that loads rows anyway, in the form ``core.prepared`` needs: ``shape`` (what
    shapes the SQL, for the key), ``values`` (what goes into it) and ``make(values)``, the annotations built from
    ``values`` (the real ones or stand-ins). ``names``: the annotations in the order ``make`` gives them."""

    shape: tuple
    values: dict
    make: Callable[[dict], dict]
    names: tuple[str, ...]


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``year`` and of the year after, in local time (what ``__year`` filters on, as values)."""
    start = datetime.datetime(year, 1, 1)
    return timezone.make_aware(start), timezone.make_aware(start.replace(year=year + 1))


def body_annotations(roles, *, today: datetime.date) -> Counted:
    """What the to-do list counts per body, to annotate on the query that loads the person's bodies: for the
    secretary (their own bodies) the letters to print, the claims waiting for a decision and last month's
    allowances; for the beheerder (the bodies of their regions) the meetings of this year. Counted only for the
    bodies it is meant for when the query also loads the bodies of whole regions for another role (otherwise the
    few extra rows cost less than the condition)."""
    whole_regions = roles.admin_region_ids | roles.officer_region_ids
    secretary_ids = sorted(roles.body_ids(Role.SECRETARY))
    only_mine = bool(secretary_ids) and bool(whole_regions or roles.officer_municipality_ids)
    elsewhere = bool((roles.officer_region_ids - roles.admin_region_ids) or roles.officer_municipality_ids)
    only_theirs = bool(roles.admin_region_ids) and elsewhere
    month = _last_month(today)
    values: dict = {}
    names: list[str] = []
    if secretary_ids:
        start, end = _local_month_bounds(month)
        values |= {"month": month, "month_start": start, "month_end": end}
        if only_mine:
            values["secretary_ids"] = secretary_ids
        names += [
            "todo_letters",
            "todo_claims",
            "todo_allowance_mode",
            "todo_allowance_present",
            "todo_allowance_approved",
        ]
    if roles.admin_region_ids:
        values["year_start"], values["year_end"] = _year_bounds(today.year)
        if only_theirs:
            values["admin_region_ids"] = sorted(roles.admin_region_ids)
        names += ["todo_year_meetings", "todo_year_held"]

    def make(v: dict) -> dict:
        annotations = {}
        if secretary_ids:
            mine = Q(pk__in=v["secretary_ids"]) if only_mine else None
            # Waiting to be printed: not in a batch yet (as letters.selectors.pending_count counts them).
            letters = Letter.objects.filter(body=OuterRef("pk"), batch__isnull=True)
            claims = ExpenseClaim.objects.filter(body=OuterRef("pk"), status=ClaimStatus.SUBMITTED)
            # The year is in the shape, not a value: the ORM gives a value for an integer field a type of its own on
            # PostgreSQL, which core.prepared cannot place.
            mode = SupportScheme.objects.filter(body=OuterRef("pk"), year=month.year).values("allowance_mode")[:1]
            present = Attendance.objects.filter(
                meeting__body=OuterRef("pk"),
                meeting__starts_at__gte=v["month_start"],
                meeting__starts_at__lt=v["month_end"],
                presence=Attendance.Presence.PRESENT,
            )
            approved = AllowancePayment.objects.filter(body=OuterRef("pk"), month=v["month"])
            annotations |= {
                "todo_letters": _only_where(mine, _count_of(letters, "body"), 0, IntegerField()),
                "todo_claims": _only_where(mine, _count_of(claims, "body"), 0, IntegerField()),
                "todo_allowance_mode": _only_where(mine, Subquery(mode), None, CharField()),
                "todo_allowance_present": _only_where(mine, Exists(present), False, BooleanField()),
                "todo_allowance_approved": _only_where(mine, Exists(approved), True, BooleanField()),
            }
        if roles.admin_region_ids:
            theirs = Q(region_id__in=v["admin_region_ids"]) if only_theirs else None
            this_year = Meeting.objects.filter(
                body=OuterRef("pk"), starts_at__gte=v["year_start"], starts_at__lt=v["year_end"]
            )
            counted = this_year.exclude(status=MeetingStatus.CANCELLED)
            held = this_year.filter(status__in=DONE_MEETING)
            annotations |= {
                "todo_year_meetings": _only_where(theirs, _count_of(counted, "body"), 0, IntegerField()),
                "todo_year_held": _only_where(theirs, _count_of(held, "body"), 0, IntegerField()),
            }
        return annotations

    shape = (month.year if secretary_ids else None, only_mine, bool(roles.admin_region_ids), only_theirs)
    return Counted(shape, values, make, tuple(names))


def region_annotations(roles, *, today: datetime.date) -> Counted:
    """What the to-do list counts per region, to annotate on the query that loads the person's regions (their
    admin, finance and GR policy officer regions: a few rows, so each count is made for all of them): for the
    beheerder the emails that did not arrive and whether the caps of the volunteer allowance are entered (``todo_cap_0``
    and ``todo_cap_1`` for the years of ``cap_years_needed``, in order: ``cap_years_entered`` reads them); for the
    finance role the claims waiting, the approved money not yet in a payment and the payments not marked paid."""
    values: dict = {}
    names: list[str] = []
    cap_years = support_rules.cap_years_needed(today) if roles.admin_region_ids else []
    if roles.admin_region_ids:
        names += ["todo_failed_emails", *(f"todo_cap_{number}" for number in range(len(cap_years)))]
    if roles.finance_region_ids:
        names += ["todo_claims_waiting", "todo_claims_ready", "todo_allowances_ready", "todo_unpaid"]

    def make(v: dict) -> dict:
        annotations = {}
        if roles.admin_region_ids:
            failed = OutgoingEmail.objects.filter(region=OuterRef("pk"), status=OutgoingEmail.Status.FAILED)
            annotations["todo_failed_emails"] = _count_of(failed, "region")
            for number, year in enumerate(cap_years):  # in the shape (as the year in ``body_annotations``)
                caps = VolunteerCap.objects.filter(region=OuterRef("pk"), year=year)
                annotations[f"todo_cap_{number}"] = Exists(caps)
        if roles.finance_region_ids:
            waiting = ExpenseClaim.objects.filter(body__region=OuterRef("pk"), status=ClaimStatus.SUBMITTED)
            claims = ExpenseClaim.objects.filter(
                body__region=OuterRef("pk"), status=ClaimStatus.APPROVED, payment_item__isnull=True
            )
            # Not in a batch: among the unpaid ones (only a batch marks an allowance paid), so the years of paid
            # allowances are not read (index allowance_unpaid).
            allowances = AllowancePayment.objects.filter(
                body__region=OuterRef("pk"), paid_on__isnull=True, payment_item__isnull=True
            )
            unpaid = PaymentBatch.objects.filter(region=OuterRef("pk"), paid_on__isnull=True)
            annotations |= {
                "todo_claims_waiting": _count_of(waiting, "body__region"),
                "todo_claims_ready": _count_of(claims, "body__region"),
                "todo_allowances_ready": _count_of(allowances, "body__region"),
                "todo_unpaid": _count_of(unpaid, "region"),
            }
        return annotations

    shape = (bool(roles.admin_region_ids), tuple(cap_years), bool(roles.finance_region_ids))
    return Counted(shape, values, make, tuple(names))


def cap_years_entered(region: Region, today: datetime.date) -> dict[int, bool]:
    """Year -> whether the cap of the volunteer allowance is entered, of the years ``cap_years_needed`` on
    ``today``, as ``region_annotations`` counted them on the region."""
    years = support_rules.cap_years_needed(today)
    return {year: getattr(region, f"todo_cap_{number}") for number, year in enumerate(years)}


# ---------------------------------------------------------------- one query per table for several roles


def _upcoming(meeting: Meeting, now: datetime.datetime) -> bool:
    return meeting.status in OPEN_MEETING and meeting.starts_at > now


def _meetings(secretary_ids, facilitator_ids, *, now: datetime.datetime) -> list[Meeting]:
    """The meetings the secretary and the facilitator of these bodies work on: those still to come, those held in
    the last WRITE_WINDOW_DAYS days and those whose minutes wait for approval, oldest first, each with its minutes
    (or None) and what each role needs counted (replies missing and feedback reports for the facilitator, needs to
    arrange for the secretary). 1 query, built once per shape (core.prepared)."""
    names: tuple[str, ...] = ("n_missing", "has_report", "has_sent_report") if facilitator_ids else ()
    if secretary_ids:
        names += ("n_needs",)
    minutes_columns = [f"minutes__{name}" for name in fields_of(record_models.Minutes)]

    def build(body_ids, now, window):
        annotations = {}
        if facilitator_ids:
            replied = Reply.objects.filter(meeting=OuterRef("meeting"), user=OuterRef("user"))
            missing = Invitation.objects.filter(meeting=OuterRef("pk")).exclude(Exists(replied))
            reports = FeedbackReport.objects.filter(meeting=OuterRef("pk"))
            annotations |= {
                "n_missing": _count_of(missing),
                "has_report": Exists(reports),
                "has_sent_report": Exists(reports.filter(sent_on__isnull=False)),
            }
        if secretary_ids:
            annotations["n_needs"] = _count_of(Reply.objects.filter(NEEDS_TO_ARRANGE, meeting=OuterRef("pk")))
        return (
            Meeting.objects.filter(body_id__in=body_ids)
            .filter(
                Q(status__in=OPEN_MEETING, starts_at__gt=now)
                | Q(status__in=DONE_MEETING, starts_at__gte=window)
                | Q(status=MeetingStatus.HELD, minutes__status=MinutesStatus.SHARED)
            )
            .annotate(**annotations)
            .order_by("starts_at", "pk")
            .values_list(*fields_of(Meeting), *names, *minutes_columns)
        )

    rows = prepared_rows(
        ("todo.meetings", bool(secretary_ids), bool(facilitator_ids)),
        build,
        body_ids=sorted(set(secretary_ids) | set(facilitator_ids)),
        now=now,
        window=now - datetime.timedelta(days=WRITE_WINDOW_DAYS),
    )
    meetings = instances(Meeting, rows)
    at = len(fields_of(Meeting))
    minutes_model = record_models.Minutes
    of_meeting = minutes_model._meta.get_field("meeting")
    for meeting, row in zip(meetings, rows, strict=True):
        for offset, name in enumerate(names):
            setattr(meeting, name, row[at + offset])
        # As select_related("minutes") leaves them: the minutes (or None) cached on the meeting, and back.
        minutes_at = at + len(names)
        minutes = instances(minutes_model, [row], offset=minutes_at)[0] if row[minutes_at] is not None else None
        of_meeting.remote_field.set_cached_value(meeting, minutes)
        if minutes is not None:
            of_meeting.set_cached_value(minutes, meeting)
    return meetings


# The topics of ``_topics``, written out (built with the ORM on every dashboard, the ORs and the subquery of the last
# step cost several times their run in the database), as Topic.Meta.ordering orders them. ``{wanted}``: placeholders
# only (``{last_step}``: the subquery above). Standard SQL.
_LAST_STEP_SQL = (
    '(SELECT e."at" FROM "topics_topicevent" e WHERE e."topic_id" = t."id" ORDER BY e."at" DESC, e."id" DESC LIMIT 1)'
)
_TOPICS_SQL = (
    'SELECT t."id", t."body_id", t."title", t."submitted_by_id", t."on_behalf_of_id", t."status", t."answer", '
    't."submitted_at", {last_step} FROM "topics_topic" t WHERE {wanted} ORDER BY t."submitted_at" DESC, t."id" DESC'
)
_TOPIC_FIELDS = ("id", "body_id", "title", "submitted_by_id", "on_behalf_of_id", "status", "answer", "submitted_at")


def _topics(user, member_ids, facilitator_ids, *, now: datetime.datetime) -> list[Topic]:
    """The member's own topics answered in the last ANSWER_SHOWN_DAYS days and the new topics the facilitator
    answers, newest first, each with the moment of its last step (``answered_at``). 1 query (none without these
    roles)."""
    wanted, params = [], []
    if member_ids:
        bodies_in, body_params = _in('t."body_id"', sorted(member_ids))
        wanted.append(
            '((t."on_behalf_of_id" = %s OR (t."on_behalf_of_id" IS NULL AND t."submitted_by_id" = %s)) '
            f'AND {bodies_in} AND t."answer" <> %s AND {_LAST_STEP_SQL} >= %s)'
        )
        shown_from = now - datetime.timedelta(days=ANSWER_SHOWN_DAYS)
        params += [user.pk, user.pk, *body_params, "", connection.ops.adapt_datetimefield_value(shown_from)]
    if facilitator_ids:
        bodies_in, body_params = _in('t."body_id"', sorted(facilitator_ids))
        wanted.append(f'({bodies_in} AND t."status" = %s)')
        params += [*body_params, TopicStatus.SUBMITTED]
    if not wanted:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_TOPICS_SQL.format(last_step=_LAST_STEP_SQL, wanted=" OR ".join(wanted)), params)
        rows = cursor.fetchall()
    topics = []
    for row in rows:
        topic = Topic.from_db(connection.alias, _TOPIC_FIELDS, (*row[:7], read_moment(row[7])))
        topic.answered_at = read_moment(row[8])
        topics.append(topic)
    return topics


def _reports_waiting(facilitator_ids, officer_region_ids) -> list[FeedbackReport]:
    """Sent feedback reports with recommendations the GR did not react to yet: of the facilitator's bodies and of
    the GR policy officer's regions. 1 query (none without these roles)."""
    wanted = Q(pk__in=[])
    if facilitator_ids:
        wanted |= Q(meeting__body_id__in=sorted(facilitator_ids))
    if officer_region_ids:
        wanted |= Q(meeting__body__region_id__in=sorted(officer_region_ids))
    open_recommendation = FeedbackRecommendation.objects.filter(report=OuterRef("pk"), reaction="")
    return list(
        FeedbackReport.objects.filter(wanted, sent_on__isnull=False)
        .filter(Exists(open_recommendation))
        .select_related("meeting")
    )


def _gr_reactions(reports, bodies: dict[int, Body], body_ids, *, today: datetime.date, overdue_only: bool):
    """(report, body, due day) of the ``reports`` of these bodies (optionally only those overdue)."""
    rows = []
    for report in reports:
        if report.meeting.body_id not in body_ids:
            continue
        body = bodies[report.meeting.body_id]
        due = policy_rules.response_due(report.sent_on, body.response_period_weeks)
        if overdue_only and due >= today:
            continue
        rows.append((report, body, due))
    return rows


# ---------------------------------------------------------------- member


# The member's two queries, written out (built with the ORM on every dashboard, their joins and NOT EXISTS cost
# several times their run in the database). ``{bodies}``: placeholders only. Standard SQL.
# Invitations to meetings still to come that the member did not answer yes or no to (a 'maybe' stays on the list).
_MEMBER_INVITATIONS_SQL = (
    'SELECT i."meeting_id", m."body_id", m."starts_at" FROM "agenda_invitation" i '
    'INNER JOIN "meetings_meeting" m ON m."id" = i."meeting_id" '
    'WHERE i."user_id" = %s AND {bodies} AND m."status" IN (%s, %s) AND m."ends_at" > %s '
    'AND NOT EXISTS (SELECT 1 FROM "agenda_reply" r WHERE r."meeting_id" = i."meeting_id" AND r."user_id" = %s '
    'AND r."answer" <> %s) ORDER BY i."id"'
)
# The draft status is written in (core.prepared.sql_literal), so the partial index advice_draft_body serves it.
# Draft advice of the member's bodies they did not comment on yet, with the deadline of its request (as
# Advice.Meta.ordering orders them).
_MEMBER_DRAFTS_SQL = (
    'SELECT a."id", a."body_id", a."subject", q."deadline" FROM "advice_advice" a '
    'LEFT OUTER JOIN "advice_advicerequest" q ON q."id" = a."request_id" '
    'WHERE {bodies} AND a."status" = {draft} AND NOT EXISTS (SELECT 1 FROM "advice_advicecomment" c '
    'WHERE c."advice_id" = a."id" AND c."author_id" = %s) ORDER BY a."sent_on" DESC, a."id" DESC'
)


def member_items(
    user, body_ids, bodies: dict[int, Body], topics: list[Topic], *, now: datetime.datetime, links: Links
) -> dict[int, list[TodoItem]]:
    """Invitations without an answer, draft advice to comment on, new answers on their topics. 2 queries."""
    items: list[tuple[int, TodoItem]] = []
    bodies_in, body_params = _in('m."body_id"', sorted(body_ids))
    db_now = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(
            _MEMBER_INVITATIONS_SQL.format(bodies=bodies_in),
            [user.pk, *body_params, *OPEN_MEETING, db_now, user.pk, Reply.Answer.MAYBE],
        )
        invitations = cursor.fetchall()
        cursor.execute(
            _MEMBER_DRAFTS_SQL.format(
                bodies=bodies_in.replace('m."body_id"', 'a."body_id"'), draft=sql_literal(AdviceStatus.DRAFT)
            ),
            [*body_params, user.pk],
        )
        drafts = cursor.fetchall()
    for meeting_id, body_id, starts_at in invitations:
        starts_at = read_moment(starts_at)
        text = _("U bent uitgenodigd voor %(date)s: laat weten of u komt") % {"date": day(starts_at)}
        url = links.body("agenda:reply", bodies[body_id], meeting=meeting_id)
        items.append((body_id, TodoItem(text, timezone.localtime(starts_at).date(), url, Kind.INVITATION)))

    for pk, body_id, subject, deadline in drafts:
        if deadline:
            text = _("Conceptadvies ‘%(subject)s’: zeg wat u ervan vindt, vóór %(date)s") % {
                "subject": subject,
                "date": day(deadline),
            }
        else:
            text = _("Conceptadvies ‘%(subject)s’: zeg wat u ervan vindt") % {"subject": subject}
        url = links.body("advice:detail", bodies[body_id], pk=pk)
        items.append((body_id, TodoItem(text, deadline or None, url, Kind.ADVICE_DRAFT)))

    shown_from = now - datetime.timedelta(days=ANSWER_SHOWN_DAYS)
    for topic in topics:
        own = topic.on_behalf_of_id == user.pk or (topic.on_behalf_of_id is None and topic.submitted_by_id == user.pk)
        if not (
            topic.body_id in body_ids and own and topic.answer and topic.answered_at and topic.answered_at >= shown_from
        ):
            continue
        text = _("Er is een antwoord op uw onderwerp ‘%(title)s’ (%(date)s)") % {
            "title": topic.title,
            "date": day(topic.answered_at),
        }
        url = links.body("topics:detail", bodies[topic.body_id], pk=topic.pk)
        items.append((topic.body_id, TodoItem(text, None, url, Kind.TOPIC_ANSWER)))
    return _by_body(items)


# ---------------------------------------------------------------- facilitator


def facilitator_items(
    body_ids,
    bodies: dict[int, Body],
    *,
    topics: list[Topic],
    meetings: list[Meeting],
    reports: list[FeedbackReport],
    now: datetime.datetime,
    today: datetime.date,
    links: Links,
) -> dict[int, list[TodoItem]]:
    """New topics to answer, replies missing, feedback reports to write, GR reactions overdue. No queries of its
    own (the topics, meetings and reports are read for all roles at once)."""
    items: list[tuple[int, TodoItem]] = []
    new_topics: dict[int, list[Topic]] = {}
    for topic in topics:
        if topic.body_id in body_ids and topic.status == TopicStatus.SUBMITTED:
            new_topics.setdefault(topic.body_id, []).append(topic)
    for body_id, waiting in new_topics.items():
        body = bodies[body_id]
        cycle = datetime.timedelta(days=topic_rules.cycle_days(body.min_meetings_per_year))
        # The oldest first: they are due first. Past NEW_TOPICS_SHOWN one line counts the rest and opens the list.
        waiting.sort(key=lambda topic: (topic.submitted_at, topic.pk))
        for topic in waiting[:NEW_TOPICS_SHOWN]:
            due = timezone.localtime(topic.submitted_at).date() + cycle
            text = _("Nieuw onderwerp ‘%(title)s’: geef een antwoord vóór %(date)s") % {
                "title": topic.title,
                "date": day(due),
            }
            items.append((body_id, TodoItem(text, due, links.body("topics:detail", body, pk=topic.pk), Kind.TOPIC_NEW)))
        rest = waiting[NEW_TOPICS_SHOWN:]
        if rest:
            due = timezone.localtime(rest[0].submitted_at).date() + cycle
            text = ngettext(
                "Nog %(n)s nieuw onderwerp: geef een antwoord, het eerste vóór %(date)s",
                "Nog %(n)s nieuwe onderwerpen: geef een antwoord, het eerste vóór %(date)s",
                len(rest),
            ) % {"n": len(rest), "date": day(due)}
            url = links.body("topics:list", body) + "?" + urlencode({"status": TopicStatus.SUBMITTED}) + "#alle"
            items.append((body_id, TodoItem(text, due, url, Kind.TOPIC_NEW)))

    for meeting in meetings:
        if meeting.body_id not in body_ids or not _upcoming(meeting, now) or not meeting.n_missing:
            continue
        n = meeting.n_missing
        text = ngettext(
            "Bijeenkomst %(date)s: %(n)s lid liet nog niet weten of hij of zij komt",
            "Bijeenkomst %(date)s: %(n)s leden lieten nog niet weten of ze komen",
            n,
        ) % {"date": day(meeting.starts_at), "n": n}
        url = links.body("agenda:replies", bodies[meeting.body_id], meeting=meeting.pk)
        items.append((meeting.body_id, TodoItem(text, _meeting_day(meeting), url, Kind.REPLIES_MISSING)))

    window = now - datetime.timedelta(days=WRITE_WINDOW_DAYS)
    for meeting in meetings:
        if (
            meeting.body_id not in body_ids
            or meeting.status not in DONE_MEETING
            or meeting.starts_at < window
            or meeting.has_sent_report
        ):
            continue
        body = bodies[meeting.body_id]
        if meeting.has_report:
            text = _("Terugkoppeling van %(date)s: stuur hem naar de GR") % {"date": day(meeting.starts_at)}
            url = links.body("records:feedback", body, pk=meeting.pk)
        else:
            text = _("Bijeenkomst van %(date)s: schrijf de terugkoppeling voor de GR") % {
                "date": day(meeting.starts_at)
            }
            url = links.body("records:feedback_edit", body, pk=meeting.pk)
        items.append((meeting.body_id, TodoItem(text, None, url, Kind.FEEDBACK_WRITE)))

    for report, body, due in _gr_reactions(reports, bodies, body_ids, today=today, overdue_only=True):
        text = _("Terugkoppeling van %(meeting)s: de GR had uiterlijk %(date)s moeten reageren") % {
            "meeting": day(report.meeting.starts_at),
            "date": day(due),
        }
        url = links.body("records:feedback", body, pk=report.meeting_id)
        items.append((body.pk, TodoItem(text, due, url, Kind.GR_REACTION)))
    return _by_body(items)


# ---------------------------------------------------------------- secretary


# The secretary's overdue agreements, written out (as Agreement.Meta.ordering orders them). ``{bodies}``: placeholders
# only. Standard SQL.
_AGREEMENTS_SQL = (
    'SELECT "id", "body_id", "description", "owner", "due_on", "status" FROM "records_agreement" '
    'WHERE {bodies} AND "status" = %s AND "due_on" < %s ORDER BY "status", "due_on", "id"'
)
_AGREEMENT_FIELDS = ("id", "body_id", "description", "owner", "due_on", "status")


def secretary_items(
    bodies: list[Body], meetings: list[Meeting], *, now: datetime.datetime, today: datetime.date, links: Links
) -> dict[int, list[TodoItem]]:
    """Documents due, minutes to write or approve, letters to print, agreements overdue, needs to arrange, expense
    claims to decide, last month's allowances to approve. 1 query (agreements); the meetings are read for all roles
    at once and the rest is counted on the bodies (``body_annotations``)."""
    by_pk = {b.pk: b for b in bodies}
    items: list[tuple[int, TodoItem]] = []
    for meeting in meetings:
        if meeting.body_id not in by_pk or meeting.status != MeetingStatus.PLANNED or meeting.starts_at <= now:
            continue
        body = by_pk[meeting.body_id]
        due = _meeting_day(meeting) - datetime.timedelta(days=body.documents_days_before)
        if (due - today).days > DOCUMENTS_WARN_DAYS:
            continue
        text = _("Bijeenkomst %(meeting)s: zet de agenda en de stukken online, uiterlijk %(date)s") % {
            "meeting": day(meeting.starts_at),
            "date": day(due),
        }
        url = links.body("agenda:agenda", body, meeting=meeting.pk)
        items.append((meeting.body_id, TodoItem(text, due, url, Kind.DOCUMENTS)))

    window = now - datetime.timedelta(days=WRITE_WINDOW_DAYS)
    for meeting in meetings:
        if meeting.body_id not in by_pk or meeting.status != MeetingStatus.HELD:
            continue
        body = by_pk[meeting.body_id]
        minutes = getattr(meeting, "minutes", None)
        if minutes is not None and minutes.status == MinutesStatus.SHARED:
            if minutes.approve_by:
                text = _("Verslag van %(meeting)s: stel het vast (reageren kan tot %(date)s)") % {
                    "meeting": day(meeting.starts_at),
                    "date": day(minutes.approve_by),
                }
            else:
                text = _("Verslag van %(meeting)s: stel het vast") % {"meeting": day(meeting.starts_at)}
            item = TodoItem(text, minutes.approve_by, links.body("records:minutes", body, pk=meeting.pk), Kind.MINUTES)
        elif meeting.starts_at < window:
            continue
        elif minutes is None or minutes.status == MinutesStatus.DRAFT:
            text = _("Bijeenkomst van %(meeting)s: schrijf het verslag en deel het met de leden") % {
                "meeting": day(meeting.starts_at)
            }
            item = TodoItem(text, None, links.body("records:minutes_edit", body, pk=meeting.pk), Kind.MINUTES)
        else:
            continue
        items.append((meeting.body_id, item))

    for body in bodies:
        n = body.todo_letters
        if n:
            text = ngettext(
                "%(n)s brief om te printen en te versturen", "%(n)s brieven om te printen en te versturen", n
            ) % {"n": n}
            items.append((body.pk, TodoItem(text, today, links.body("letters:body", body), Kind.LETTERS)))

    bodies_in, body_params = _in('"body_id"', list(by_pk))
    with connection.cursor() as cursor:
        cursor.execute(
            _AGREEMENTS_SQL.format(bodies=bodies_in),
            [*body_params, Agreement.Status.OPEN, connection.ops.adapt_datefield_value(today)],
        )
        agreements = [Agreement.from_db(connection.alias, _AGREEMENT_FIELDS, row) for row in cursor.fetchall()]
    for agreement in agreements:
        if not record_rules.is_overdue(status=agreement.status, due_on=agreement.due_on, today=today):
            continue
        text = _("Afspraak ‘%(text)s’ (%(owner)s): had klaar moeten zijn op %(date)s") % {
            "text": _short(agreement.description),
            "owner": agreement.owner,
            "date": day(agreement.due_on),
        }
        url = links.body("records:agreement", by_pk[agreement.body_id], pk=agreement.pk)
        items.append((agreement.body_id, TodoItem(text, agreement.due_on, url, Kind.AGREEMENT)))

    for meeting in meetings:
        if meeting.body_id not in by_pk or not _upcoming(meeting, now) or not meeting.n_needs:
            continue
        n = meeting.n_needs
        text = ngettext(
            "Bijeenkomst %(date)s: %(n)s lid heeft iets nodig om te komen. Regel het",
            "Bijeenkomst %(date)s: %(n)s leden hebben iets nodig om te komen. Regel het",
            n,
        ) % {"date": day(meeting.starts_at), "n": n}
        url = links.body("agenda:replies", by_pk[meeting.body_id], meeting=meeting.pk)
        items.append((meeting.body_id, TodoItem(text, _meeting_day(meeting), url, Kind.NEEDS)))

    for body in bodies:
        if body.todo_claims:
            items.append((body.pk, _claims_item(body.todo_claims, links.body("claims:list", body), today)))
    items += _allowances_to_approve(bodies, today=today, links=links)
    return _by_body(items)


def _claims_item(n: int, url: str, today: datetime.date) -> TodoItem:
    # A claim counts as handled on time within four weeks (art. 47 matrix, column b): the list says how many wait.
    text = ngettext("%(n)s declaratie wacht op een besluit", "%(n)s declaraties wachten op een besluit", n) % {"n": n}
    return TodoItem(text, None, url, Kind.CLAIMS)


def _allowances_to_approve(bodies: list[Body], *, today: datetime.date, links: Links) -> list[tuple[int, TodoItem]]:
    """Last month's allowances, for bodies whose scheme pays per meeting (and had members present at a meeting last
    month) or per month, with no allowance approved for that month yet (counted on the bodies)."""
    month = _last_month(today)
    result = []
    for body in bodies:
        if body.todo_allowance_approved:
            continue
        mode = body.todo_allowance_mode
        if not (mode == AllowanceMode.PER_MONTH or (mode == AllowanceMode.PER_MEETING and body.todo_allowance_present)):
            continue
        text = _("Vergoedingen van %(month)s: kijk ze na en keur ze goed") % {"month": date_format(month, "F Y")}
        url = links.body("payments:allowance_month", body, year=month.year, month=month.month)
        result.append((body.pk, TodoItem(text, None, url, Kind.ALLOWANCES)))
    return result


# ---------------------------------------------------------------- finance


def finance_items(regions: list[Region], *, today: datetime.date, links: Links) -> dict[int, list[TodoItem]]:
    """Per region: expense claims waiting for a decision, approved money not yet in a payment batch, batches not
    marked paid. No queries (counted on the regions: ``region_annotations``)."""
    items: list[tuple[int, TodoItem]] = []
    for region in regions:
        if region.todo_claims_waiting:
            url = links("claims:region_list", region=region.slug)
            items.append((region.pk, _claims_item(region.todo_claims_waiting, url, today)))
        ready = region.todo_claims_ready + region.todo_allowances_ready
        if ready:
            text = ngettext(
                "%(n)s goedgekeurd bedrag staat klaar voor een betaling",
                "%(n)s goedgekeurde bedragen staan klaar voor een betaling",
                ready,
            ) % {"n": ready}
            url = links("payments:region_batches", region=region.slug)
            items.append((region.pk, TodoItem(text, None, url, Kind.PAYMENTS)))
        n_unpaid = region.todo_unpaid
        if n_unpaid:
            text = ngettext(
                "%(n)s betaling is nog niet als betaald gemarkeerd",
                "%(n)s betalingen zijn nog niet als betaald gemarkeerd",
                n_unpaid,
            ) % {"n": n_unpaid}
            url = links("payments:region_batches", region=region.slug)
            items.append((region.pk, TodoItem(text, None, url, Kind.PAYMENTS)))
    return _by_body(items)


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# ---------------------------------------------------------------- policy officer


def officer_scopes(roles) -> list[Scope]:
    """The officer's scope per region, without queries (only ids are needed to filter)."""
    municipalities = tuple(Municipality(pk=pk) for pk in sorted(roles.officer_municipality_ids))
    scopes = []
    for region_id in sorted(roles.region_ids):
        gr_officer = region_id in roles.officer_region_ids
        if gr_officer or municipalities:
            scopes.append(
                Scope(region=region_id, whole_region=gr_officer, gr_officer=gr_officer, municipalities=municipalities)
            )
    return scopes


def officer_items(
    roles, bodies: dict[int, Body], reports: list[FeedbackReport], *, today: datetime.date, links: Links
) -> list[TodoItem]:
    """Requests to send in time, responses due, feedback reports awaiting the GR's reaction. 2 queries (the reports
    are read for all roles at once)."""
    scopes = officer_scopes(roles)
    items: list[TodoItem] = []
    for row in advice_selectors.unasked_concerns(scopes):
        if row.ask_by < today:
            text = _("Vraag %(body)s om advies over ‘%(title)s’: dat had uiterlijk %(date)s gemoeten") % {
                "body": row.body.name,
                "title": row.proposal.title,
                "date": day(row.ask_by),
            }
        else:
            text = _("Vraag %(body)s om advies over ‘%(title)s’, uiterlijk %(date)s") % {
                "body": row.body.name,
                "title": row.proposal.title,
                "date": day(row.ask_by),
            }
        url = links("advice:request_new", region=row.proposal.region.slug, pk=row.proposal.pk)
        items.append(TodoItem(text, row.ask_by, url, Kind.REQUEST))
    for awaiting in advice_selectors.awaiting_responses(scopes):
        advice = awaiting.advice
        if awaiting.due:
            text = _("Reageer op het advies ‘%(subject)s’ van %(body)s, uiterlijk %(date)s") % {
                "subject": advice.subject,
                "body": advice.body.name,
                "date": day(awaiting.due),
            }
        else:
            text = _("Reageer op het advies ‘%(subject)s’ van %(body)s") % {
                "subject": advice.subject,
                "body": advice.body.name,
            }
        url = links("advice:response", region=advice.body.region.slug, pk=advice.pk)
        items.append(TodoItem(text, awaiting.due, url, Kind.RESPONSE))
    if roles.officer_region_ids:
        in_regions = {pk for pk, body in bodies.items() if body.region_id in roles.officer_region_ids}
        for report, body, due in _gr_reactions(reports, bodies, in_regions, today=today, overdue_only=False):
            text = _("Terugkoppeling van %(body)s (%(meeting)s): leg de reactie van de GR vast, uiterlijk %(date)s") % {
                "body": body.name,
                "meeting": day(report.meeting.starts_at),
                "date": day(due),
            }
            url = links.body("records:feedback_reactions", body, pk=report.meeting_id)
            items.append(TodoItem(text, due, url, Kind.GR_REACTION))
    return items


# ---------------------------------------------------------------- consultations


# The query of ``consultation_items``, written out (built with the ORM on every dashboard, its join and counted
# subquery cost several times their run in the database). ``{owned}``: placeholders only. Standard SQL.
_CONSULTATIONS_SQL = (
    'SELECT c."id", c."title", c."status", c."closes_at", c."body_id", c."region_id", r."slug", '
    '(SELECT COUNT(*) FROM "consultations_textanswer" t WHERE t."consultation_id" = c."id" AND t."status" = %s) '
    'FROM "consultations_consultation" c INNER JOIN "regions_region" r ON r."id" = c."region_id" '
    'WHERE ({owned}) AND c."status" IN (%s, %s) ORDER BY c."closes_at", c."id"'
)


def _in(column: str, values) -> tuple[str, list]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def consultation_items(roles, body_ids, *, today: datetime.date, links: Links) -> list[tuple[tuple, TodoItem]]:
    """Consultations the person runs (ADR 30) that need them: open texts to check, closed but results not published.
    Keyed by owner: ("body", id) for a group's consultation, ("region", id) for the GR's. 1 query (none when the
    person runs none)."""
    regions = roles.officer_region_ids | roles.admin_region_ids
    owned, params = [], []
    if body_ids:
        condition, values = _in('c."body_id"', sorted(body_ids))
        owned.append(condition)
        params += values
    if regions:
        condition, values = _in('c."region_id"', sorted(regions))
        owned.append(f'(c."body_id" IS NULL AND {condition})')
        params += values
    if not owned:
        return []
    sql = _CONSULTATIONS_SQL.format(owned=" OR ".join(owned))
    with connection.cursor() as cursor:
        cursor.execute(sql, [TextStatus.PENDING, *params, ConsultationStatus.OPEN, ConsultationStatus.CLOSED])
        rows = cursor.fetchall()
    items: list[tuple[tuple, TodoItem]] = []
    for pk, title, status, closes_at, body_id, region_id, region_slug, pending in rows:
        owner = ("body", body_id) if body_id else ("region", region_id)
        if pending:
            text = ngettext(
                "Kijk %(count)d open antwoord na van de raadpleging ‘%(title)s’",
                "Kijk %(count)d open antwoorden na van de raadpleging ‘%(title)s’",
                pending,
            ) % {"count": pending, "title": _short(title)}
            url = links("consultations:moderation", region=region_slug, pk=pk)
            items.append((owner, TodoItem(text, None, url, Kind.CONSULTATION_TEXTS)))
        if status == ConsultationStatus.CLOSED:
            closed_on = timezone.localdate(read_moment(closes_at))
            text = _(
                "De raadpleging ‘%(title)s’ is gesloten op %(date)s: publiceer de resultaten en wat u ermee doet"
            ) % {"title": _short(title), "date": day(closed_on)}
            url = links("consultations:publish", region=region_slug, pk=pk)
            items.append((owner, TodoItem(text, None, url, Kind.CONSULTATION_PUBLISH)))
    return items


# ---------------------------------------------------------------- beheerder


def _year_statuses(body: Body, year: int) -> list[tuple[str, datetime.date]]:
    """This year's meetings of the body as the year-plan rule reads them, from the counts on the body: held (or
    minutes approved) ones and the other ones that are not cancelled (the rule only looks at status and year)."""
    first = datetime.date(year, 1, 1)
    held = body.todo_year_held
    return [(MeetingStatus.HELD, first)] * held + [(MeetingStatus.PLANNED, first)] * (body.todo_year_meetings - held)


# Closed vacancies of the beheerder's regions with a seat not drawn yet, written out (as Vacancy.Meta.ordering orders
# them). ``{regions}``: placeholders only. Standard SQL.
_VACANCIES_SQL = (
    'SELECT v."id", v."body_id", v."title", v."closes_on" FROM "recruitment_vacancy" v '
    'INNER JOIN "regions_body" b ON b."id" = v."body_id" '
    'WHERE {regions} AND v."closes_on" < %s AND v."status" <> %s AND EXISTS (SELECT 1 FROM "recruitment_vacancyseat" s '
    'WHERE s."vacancy_id" = v."id" AND NOT EXISTS (SELECT 1 FROM "recruitment_draw" d '
    'WHERE d."vacancy_id" = s."vacancy_id" AND d."municipality_id" = s."municipality_id")) '
    'ORDER BY v."created_at" DESC, v."id" DESC'
)
_VACANCY_FIELDS = ("id", "body_id", "title", "closes_on")


_COMPOSITION_FAILS = "members:composition_fails"


def _kept_composition_fails(regions: list[Region], bodies: list[Body], *, today: datetime.date) -> dict[int, list]:
    """Body id -> the composition findings that fail (``members.selectors.composition_fails``), kept per region in
    the region's cache (ADR 31: keyed on its newest audit row, the language and the date; every change of a
    membership, a municipality's client group or a body's rules writes an audit row of the region), as the body
    dashboard keeps its composition. The regions not kept are checked together: 2 queries, or none."""
    kept = {region.pk: RegionCache.of_annotated(region, today=today) for region in regions}
    of_region: dict[int, list[Body]] = {region.pk: [] for region in regions}
    for body in bodies:
        of_region[body.region_id].append(body)
    fails: dict[int, list] = {}
    missing: list[int] = []
    for region_id, region_bodies in of_region.items():
        found = kept[region_id].peek(_COMPOSITION_FAILS)
        # (a body that is not in the kept value, written without an audit row: checked afresh with its region)
        if found is None or any(b.pk not in found for b in region_bodies):
            missing.append(region_id)
        else:
            fails |= found
    if missing:
        fresh = member_selectors.composition_fails([b for r in missing for b in of_region[r]], today=today)
        fails |= fresh
        for region_id in missing:
            kept[region_id].put(_COMPOSITION_FAILS, {b.pk: fresh[b.pk] for b in of_region[region_id]})
    return fails


def admin_items(
    regions: list[Region], bodies: list[Body], *, today: datetime.date, links: Links
) -> dict[int, list[TodoItem]]:
    """Bodies below the meeting minimum or failing their composition, vacancies to draw, emails that did not
    arrive, the legal caps of the volunteer allowance not entered. ``bodies``: those of the ``regions``, by name
    within each region; ``regions`` read with their newest audit row (``audit.cache.newest_audit_subqueries``). 1
    query (the vacancies) when every region's composition check is kept, else 3; the rest is counted on the bodies
    and the regions."""
    region_ids = [r.pk for r in regions]
    items: list[tuple[int, TodoItem]] = []
    fails = _kept_composition_fails(regions, bodies, today=today)
    for body in bodies:
        warning = meeting_rules.year_plan_warning(
            min_per_year=body.min_meetings_per_year,
            year=today.year,
            statuses=_year_statuses(body, today.year),
            today=today,
        )
        if warning:
            text = _("%(body)s: %(warning)s. Plan er meer, vóór 31 december") % {"body": body.name, "warning": warning}
            url = links.body("meetings:year_plan", body)
            items.append((body.region_id, TodoItem(text, datetime.date(today.year, 12, 31), url, Kind.MEETING_MINIMUM)))
        if fails[body.pk]:
            text = _("%(body)s: de samenstelling klopt niet. %(finding)s") % {
                "body": body.name,
                "finding": fails[body.pk][0].message,
            }
            items.append((body.region_id, TodoItem(text, None, links.body("members:list", body), Kind.COMPOSITION)))

    by_pk = {b.pk: b for b in bodies}
    regions_in, region_params = _in('b."region_id"', region_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            _VACANCIES_SQL.format(regions=regions_in),
            [*region_params, connection.ops.adapt_datefield_value(today), Vacancy.Status.DONE],
        )
        vacancies = [Vacancy.from_db(connection.alias, _VACANCY_FIELDS, row) for row in cursor.fetchall()]
    for vacancy in vacancies:
        body = by_pk[vacancy.body_id]
        text = _("Vacature ‘%(title)s’ (%(body)s) is gesloten op %(date)s: doe de loting") % {
            "title": vacancy.title,
            "body": body.name,
            "date": day(vacancy.closes_on),
        }
        url = links.body("recruitment:vacancy_detail", body, pk=vacancy.pk)
        items.append((body.region_id, TodoItem(text, None, url, Kind.DRAW)))

    for region in regions:
        n = region.todo_failed_emails
        if n:
            text = ngettext(
                "%(n)s e-mail is niet aangekomen: kijk wat er mis ging",
                "%(n)s e-mails zijn niet aangekomen: kijk wat er mis ging",
                n,
            ) % {"n": n}
            url = links("regions:email_failures", region=region.slug)
            items.append((region.pk, TodoItem(text, today, url, Kind.EMAIL)))

    # The legal caps of the volunteer allowance: data the beheerder enters per year (ADR 26).
    for region in regions:
        for year, entered in cap_years_entered(region, today).items():
            if entered:
                continue
            text = _("Vul het maximum van de vrijwilligersvergoeding voor %(year)s in") % {"year": year}
            url = links("support:cap_new", region=region.slug) + f"?jaar={year}"
            items.append((region.pk, TodoItem(text, None, url, Kind.CAPS)))
    return _by_body(items)


# ---------------------------------------------------------------- together


def todo_sections(
    user,
    roles,
    *,
    bodies: list[Body],
    loaded_bodies: list[Body],
    admin_regions: list[Region] = (),
    finance_regions: list[Region] = (),
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
    links: Links | None = None,
) -> list[TodoSection]:
    """The to-do list of every role the person holds: a section per body role (per body), one for the policy
    officer and one per region for the beheerder and the finance role. Items most urgent first.

    ``bodies``: the person's own bodies (with ``my_roles``); ``loaded_bodies``: every body the dashboard loaded (own,
    of their admin regions, of the regions they are policy officer of), annotated with ``body_annotations``;
    ``admin_regions`` and ``finance_regions`` annotated with ``region_annotations``."""
    now = now or timezone.now()
    today = today or timezone.localdate()
    links = links or Links()
    by_pk = {b.pk: b for b in loaded_bodies}
    member_ids = {b.pk for b in bodies if Role.MEMBER in b.my_roles}
    facilitator_ids = {b.pk for b in bodies if Role.FACILITATOR in b.my_roles}
    secretary_bodies = [b for b in bodies if Role.SECRETARY in b.my_roles]
    secretary_ids = {b.pk for b in secretary_bodies}
    meetings = _meetings(secretary_ids, facilitator_ids, now=now) if secretary_ids or facilitator_ids else []
    topics = _topics(user, member_ids, facilitator_ids, now=now) if member_ids or facilitator_ids else []
    reports = (
        _reports_waiting(facilitator_ids, roles.officer_region_ids)
        if facilitator_ids or roles.officer_region_ids
        else []
    )
    by_role = {
        Role.MEMBER: member_items(user, member_ids, by_pk, topics, now=now, links=links) if member_ids else {},
        Role.FACILITATOR: facilitator_items(
            facilitator_ids, by_pk, topics=topics, meetings=meetings, reports=reports, now=now, today=today, links=links
        )
        if facilitator_ids
        else {},
        Role.SECRETARY: secretary_items(secretary_bodies, meetings, now=now, today=today, links=links)
        if secretary_bodies
        else {},
    }
    titles = {
        Role.SECRETARY: _("Als secretaris van %(body)s"),
        Role.FACILITATOR: _("Als gespreksleider van %(body)s"),
        Role.MEMBER: _("Als lid van %(body)s"),
    }
    consultation_bodies = secretary_ids | facilitator_ids
    consultation_todo: dict[tuple, list[TodoItem]] = {}
    if consultation_bodies or roles.officer_region_ids or roles.admin_region_ids:
        for owner, item in consultation_items(roles, consultation_bodies, today=today, links=links):
            consultation_todo.setdefault(owner, []).append(item)
    for body in bodies:
        # A group's consultation: on the secretary's list, or the facilitator's when the person is not its secretary.
        role = Role.SECRETARY if Role.SECRETARY in body.my_roles else Role.FACILITATOR
        if body.pk in consultation_bodies:
            by_role[role].setdefault(body.pk, []).extend(consultation_todo.get(("body", body.pk), []))
    sections = []
    for body in bodies:
        for role in body.my_roles:
            items = _ordered(by_role[role].get(body.pk, []), today)
            sections.append(TodoSection(titles[role] % {"body": body.name}, role, items, body))
    if roles.officer_region_ids or roles.officer_municipality_ids:
        items = officer_items(roles, by_pk, reports, today=today, links=links)
        for region_id in roles.officer_region_ids:
            items += consultation_todo.get(("region", region_id), [])
        sections.append(TodoSection(_("Als beleidsmedewerker"), Role.POLICY_OFFICER, _ordered(items, today)))
    if admin_regions:
        admin_ids = {r.pk for r in admin_regions}
        admin_bodies = [b for b in loaded_bodies if b.region_id in admin_ids]
        per_region = admin_items(list(admin_regions), admin_bodies, today=today, links=links)
        for region in admin_regions:
            # A GR consultation is on the policy officer's list; the beheerder gets it when they are not one.
            if region.pk not in roles.officer_region_ids:
                per_region.setdefault(region.pk, []).extend(consultation_todo.get(("region", region.pk), []))
            items = _ordered(per_region.get(region.pk, []), today)
            sections.append(TodoSection(_("Als beheerder van %(region)s") % {"region": region.name}, Role.ADMIN, items))
    if finance_regions:
        per_region = finance_items(list(finance_regions), today=today, links=links)
        for region in finance_regions:
            items = _ordered(per_region.get(region.pk, []), today)
            sections.append(
                TodoSection(_("Als financiën van %(region)s") % {"region": region.name}, Role.FINANCE, items)
            )
    return sections
