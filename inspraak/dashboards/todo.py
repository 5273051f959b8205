"""Reads for the to-do list on 'Mijn overzicht' (ADR 0023): per role the things that need this person, each with a
plain Dutch text that names the date, a deadline (or None), the page where it is done, and a kind.

A fixed number of queries whatever the data size: every read below loads the rows of all the person's bodies (or
regions) at once and splits them afterwards: member 3, facilitator 4, secretary 7, policy officer 3, beheerder 8,
finance 2 (each only when the person holds the role), and 1 for the consultations a secretary, facilitator, policy
officer or beheerder runs.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.accounts.models import Role
from inspraak.advice import selectors as advice_selectors
from inspraak.advice.models import Advice, AdviceComment, AdviceStatus
from inspraak.agenda.models import NEEDS_TO_ARRANGE, Invitation, Reply
from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.consultations.models import Consultation, ConsultationStatus, TextStatus
from inspraak.core.models import OutgoingEmail
from inspraak.letters import selectors as letter_selectors
from inspraak.meetings import rules as meeting_rules
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members import selectors as member_selectors
from inspraak.payments.models import AllowancePayment, PaymentBatch
from inspraak.policy import rules as policy_rules
from inspraak.policy.selectors import Scope
from inspraak.records import rules as record_rules
from inspraak.records.models import Agreement, Attendance, FeedbackRecommendation, FeedbackReport, MinutesStatus
from inspraak.recruitment.models import Draw, Vacancy, VacancySeat
from inspraak.regions.models import Body, Municipality, Region
from inspraak.support import rules as support_rules
from inspraak.support.models import AllowanceMode, SupportScheme, VolunteerCap
from inspraak.topics import rules as topic_rules
from inspraak.topics.models import Topic, TopicEvent, TopicStatus

OPEN_MEETING = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED)
# An answer on a member's topic stays on their list this long (there is no "read" mark).
ANSWER_SHOWN_DAYS = 14
# Held meetings whose minutes or feedback report are still to be written stay on the list this long; older gaps
# show on the art. 47 overview and in the annual report.
WRITE_WINDOW_DAYS = 90
# The secretary sees the documents of a meeting this many days before the day they are due.
DOCUMENTS_WARN_DAYS = 14


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

    def overdue(self, today: datetime.date) -> bool:
        return self.deadline is not None and self.deadline < today


@dataclass
class TodoSection:
    """The to-do list of one role (in one body, for body roles)."""

    title: str
    role: str
    items: list[TodoItem] = field(default_factory=list)
    body: Body | None = None


def sort_key(item: TodoItem) -> tuple:
    """Most urgent first: the soonest deadline (overdue ones first of all), items without a deadline last. Use with
    the stable ``sorted``: items with the same deadline keep the order they were read in (oldest meeting first)."""
    return (item.deadline is None, item.deadline or datetime.date.max)


def day(value: datetime.date | datetime.datetime) -> str:
    """'10 december' (and the year when it is not this year)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return date_format(value, "j F" if value.year == timezone.localdate().year else "j F Y")


def _body_url(name: str, body: Body, **kwargs) -> str:
    return reverse(name, kwargs={"region": body.region.slug, "body": body.slug, **kwargs})


def _meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def _upcoming(body_ids, now: datetime.datetime):
    """The meetings of these bodies still to come (planned or with a published agenda)."""
    return Meeting.objects.filter(body_id__in=body_ids, status__in=OPEN_MEETING, starts_at__gt=now)


def _count_of(rows, by: str = "meeting") -> Coalesce:
    """How many of ``rows`` (a queryset correlated with the outer row through the field ``by``: the meeting, or
    the region) there are, as a subquery."""
    counted = rows.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _by_body(items: list[tuple[int, TodoItem]]) -> dict[int, list[TodoItem]]:
    grouped: dict[int, list[TodoItem]] = {}
    for body_id, item in items:
        grouped.setdefault(body_id, []).append(item)
    return grouped


# ---------------------------------------------------------------- member


def member_items(user, body_ids, *, now: datetime.datetime) -> dict[int, list[TodoItem]]:
    """Invitations without an answer, draft advice to comment on, new answers on their topics. 3 queries."""
    items: list[tuple[int, TodoItem]] = []
    answered = Reply.objects.filter(meeting=OuterRef("meeting"), user=user).exclude(answer=Reply.Answer.MAYBE)
    invitations = (
        Invitation.objects.filter(
            user=user, meeting__body_id__in=body_ids, meeting__status__in=OPEN_MEETING, meeting__ends_at__gt=now
        )
        .exclude(Exists(answered))
        .select_related("meeting", "meeting__body", "meeting__body__region")
    )
    for invitation in invitations:
        meeting = invitation.meeting
        text = _("U bent uitgenodigd voor %(date)s: laat weten of u komt") % {"date": day(meeting.starts_at)}
        url = reverse(
            "agenda:reply",
            kwargs={"region": meeting.body.region.slug, "body": meeting.body.slug, "meeting": meeting.pk},
        )
        items.append((meeting.body_id, TodoItem(text, _meeting_day(meeting), url, Kind.INVITATION)))

    commented = AdviceComment.objects.filter(advice=OuterRef("pk"), author=user)
    drafts = (
        Advice.objects.filter(body_id__in=body_ids, status=AdviceStatus.DRAFT)
        .exclude(Exists(commented))
        .select_related("body", "body__region", "request")
    )
    for advice in drafts:
        deadline = advice.request.deadline if advice.request else None
        if deadline:
            text = _("Conceptadvies ‘%(subject)s’: zeg wat u ervan vindt, vóór %(date)s") % {
                "subject": advice.subject,
                "date": day(deadline),
            }
        else:
            text = _("Conceptadvies ‘%(subject)s’: zeg wat u ervan vindt") % {"subject": advice.subject}
        url = _body_url("advice:detail", advice.body, pk=advice.pk)
        items.append((advice.body_id, TodoItem(text, deadline, url, Kind.ADVICE_DRAFT)))

    last_step = TopicEvent.objects.filter(topic=OuterRef("pk")).order_by("-at", "-pk").values("at")[:1]
    topics = (
        Topic.objects.filter(Q(on_behalf_of=user) | Q(on_behalf_of__isnull=True, submitted_by=user))
        .filter(body_id__in=body_ids)
        .exclude(answer="")
        .annotate(answered_at=Subquery(last_step))
        .filter(answered_at__gte=now - datetime.timedelta(days=ANSWER_SHOWN_DAYS))
        .select_related("body", "body__region")
    )
    for topic in topics:
        text = _("Er is een antwoord op uw onderwerp ‘%(title)s’ (%(date)s)") % {
            "title": topic.title,
            "date": day(topic.answered_at),
        }
        url = _body_url("topics:detail", topic.body, pk=topic.pk)
        items.append((topic.body_id, TodoItem(text, None, url, Kind.TOPIC_ANSWER)))
    return _by_body(items)


# ---------------------------------------------------------------- facilitator


def _gr_reactions(bodies_q: Q, *, today: datetime.date, overdue_only: bool):
    """Sent feedback reports with recommendations the GR did not react to yet, with their due day. 1 query."""
    open_recommendation = FeedbackRecommendation.objects.filter(report=OuterRef("pk"), reaction="")
    reports = (
        FeedbackReport.objects.filter(bodies_q, sent_on__isnull=False)
        .filter(Exists(open_recommendation))
        .select_related("meeting", "meeting__body", "meeting__body__region")
    )
    rows = []
    for report in reports:
        body = report.meeting.body
        due = policy_rules.response_due(report.sent_on, body.response_period_weeks)
        if overdue_only and due >= today:
            continue
        rows.append((report, body, due))
    return rows


def facilitator_items(body_ids, *, now: datetime.datetime, today: datetime.date) -> dict[int, list[TodoItem]]:
    """New topics to answer, replies missing, feedback reports to write, GR reactions overdue. 4 queries."""
    items: list[tuple[int, TodoItem]] = []
    topics = Topic.objects.filter(body_id__in=body_ids, status=TopicStatus.SUBMITTED).select_related(
        "body", "body__region"
    )
    for topic in topics:
        submitted = timezone.localtime(topic.submitted_at).date()
        due = submitted + datetime.timedelta(days=topic_rules.cycle_days(topic.body.min_meetings_per_year))
        text = _("Nieuw onderwerp ‘%(title)s’: geef een antwoord vóór %(date)s") % {
            "title": topic.title,
            "date": day(due),
        }
        items.append(
            (topic.body_id, TodoItem(text, due, _body_url("topics:detail", topic.body, pk=topic.pk), Kind.TOPIC_NEW))
        )

    replied = Reply.objects.filter(meeting=OuterRef("meeting"), user=OuterRef("user"))
    missing = Invitation.objects.filter(meeting=OuterRef("pk")).exclude(Exists(replied))
    meetings = (
        _upcoming(body_ids, now)
        .annotate(n_missing=_count_of(missing))
        .filter(n_missing__gt=0)
        .select_related("body", "body__region")
    )
    for meeting in meetings:
        n = meeting.n_missing
        text = ngettext(
            "Bijeenkomst %(date)s: %(n)s lid liet nog niet weten of hij of zij komt",
            "Bijeenkomst %(date)s: %(n)s leden lieten nog niet weten of ze komen",
            n,
        ) % {"date": day(meeting.starts_at), "n": n}
        url = _body_url("agenda:replies", meeting.body, meeting=meeting.pk)
        items.append((meeting.body_id, TodoItem(text, _meeting_day(meeting), url, Kind.REPLIES_MISSING)))

    sent_report = FeedbackReport.objects.filter(meeting=OuterRef("pk"), sent_on__isnull=False)
    unwritten = (
        Meeting.objects.filter(body_id__in=body_ids, status__in=[MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED])
        .filter(starts_at__gte=now - datetime.timedelta(days=WRITE_WINDOW_DAYS))
        .exclude(Exists(sent_report))
        .order_by("starts_at", "pk")
        .select_related("body", "body__region")
        .annotate(has_report=Exists(FeedbackReport.objects.filter(meeting=OuterRef("pk"))))
    )
    for meeting in unwritten:
        if meeting.has_report:
            text = _("Terugkoppeling van %(date)s: stuur hem naar de GR") % {"date": day(meeting.starts_at)}
            url = _body_url("records:feedback", meeting.body, pk=meeting.pk)
        else:
            text = _("Bijeenkomst van %(date)s: schrijf de terugkoppeling voor de GR") % {
                "date": day(meeting.starts_at)
            }
            url = _body_url("records:feedback_edit", meeting.body, pk=meeting.pk)
        items.append((meeting.body_id, TodoItem(text, None, url, Kind.FEEDBACK_WRITE)))

    for report, body, due in _gr_reactions(Q(meeting__body_id__in=body_ids), today=today, overdue_only=True):
        text = _("Terugkoppeling van %(meeting)s: de GR had uiterlijk %(date)s moeten reageren") % {
            "meeting": day(report.meeting.starts_at),
            "date": day(due),
        }
        url = _body_url("records:feedback", body, pk=report.meeting_id)
        items.append((body.pk, TodoItem(text, due, url, Kind.GR_REACTION)))
    return _by_body(items)


# ---------------------------------------------------------------- secretary


def secretary_items(bodies: list[Body], *, now: datetime.datetime, today: datetime.date) -> dict[int, list[TodoItem]]:
    """Documents due, minutes to write or approve, letters to print, agreements overdue, needs to arrange, expense
    claims to decide, last month's allowances to approve. 7 queries."""
    body_ids = [b.pk for b in bodies]
    items: list[tuple[int, TodoItem]] = []
    planned = Meeting.objects.filter(
        body_id__in=body_ids,
        status=MeetingStatus.PLANNED,
        starts_at__gt=now,
    ).select_related("body", "body__region")
    for meeting in planned:
        due = _meeting_day(meeting) - datetime.timedelta(days=meeting.body.documents_days_before)
        if (due - today).days > DOCUMENTS_WARN_DAYS:
            continue
        text = _("Bijeenkomst %(meeting)s: zet de agenda en de stukken online, uiterlijk %(date)s") % {
            "meeting": day(meeting.starts_at),
            "date": day(due),
        }
        url = _body_url("agenda:agenda", meeting.body, meeting=meeting.pk)
        items.append((meeting.body_id, TodoItem(text, due, url, Kind.DOCUMENTS)))

    held = (
        Meeting.objects.filter(body_id__in=body_ids, status=MeetingStatus.HELD)
        .filter(
            Q(minutes__status=MinutesStatus.SHARED) | Q(starts_at__gte=now - datetime.timedelta(days=WRITE_WINDOW_DAYS))
        )
        .select_related("body", "body__region", "minutes")
        .order_by("starts_at", "pk")
    )
    for meeting in held:
        minutes = getattr(meeting, "minutes", None)
        if minutes is not None and minutes.status == MinutesStatus.SHARED:
            if minutes.approve_by:
                text = _("Verslag van %(meeting)s: stel het vast (reageren kan tot %(date)s)") % {
                    "meeting": day(meeting.starts_at),
                    "date": day(minutes.approve_by),
                }
            else:
                text = _("Verslag van %(meeting)s: stel het vast") % {"meeting": day(meeting.starts_at)}
            item = TodoItem(
                text, minutes.approve_by, _body_url("records:minutes", meeting.body, pk=meeting.pk), Kind.MINUTES
            )
        elif minutes is None or minutes.status == MinutesStatus.DRAFT:
            text = _("Bijeenkomst van %(meeting)s: schrijf het verslag en deel het met de leden") % {
                "meeting": day(meeting.starts_at)
            }
            item = TodoItem(text, None, _body_url("records:minutes_edit", meeting.body, pk=meeting.pk), Kind.MINUTES)
        else:
            continue
        items.append((meeting.body_id, item))

    pending = letter_selectors.pending_counts(bodies)
    for body in bodies:
        n = pending.get(body.pk, 0)
        if n:
            text = ngettext(
                "%(n)s brief om te printen en te versturen", "%(n)s brieven om te printen en te versturen", n
            ) % {"n": n}
            items.append((body.pk, TodoItem(text, today, _body_url("letters:body", body), Kind.LETTERS)))

    agreements = Agreement.objects.filter(
        body_id__in=body_ids, status=Agreement.Status.OPEN, due_on__lt=today
    ).select_related("body", "body__region")
    for agreement in agreements:
        if not record_rules.is_overdue(status=agreement.status, due_on=agreement.due_on, today=today):
            continue
        text = _("Afspraak ‘%(text)s’ (%(owner)s): had klaar moeten zijn op %(date)s") % {
            "text": _short(agreement.description),
            "owner": agreement.owner,
            "date": day(agreement.due_on),
        }
        url = _body_url("records:agreement", agreement.body, pk=agreement.pk)
        items.append((agreement.body_id, TodoItem(text, agreement.due_on, url, Kind.AGREEMENT)))

    to_arrange = Reply.objects.filter(NEEDS_TO_ARRANGE, meeting=OuterRef("pk"))
    meetings = (
        _upcoming(body_ids, now)
        .annotate(n_needs=_count_of(to_arrange))
        .filter(n_needs__gt=0)
        .select_related("body", "body__region")
    )
    for meeting in meetings:
        n = meeting.n_needs
        text = ngettext(
            "Bijeenkomst %(date)s: %(n)s lid heeft iets nodig om te komen. Regel het",
            "Bijeenkomst %(date)s: %(n)s leden hebben iets nodig om te komen. Regel het",
            n,
        ) % {"date": day(meeting.starts_at), "n": n}
        url = _body_url("agenda:replies", meeting.body, meeting=meeting.pk)
        items.append((meeting.body_id, TodoItem(text, _meeting_day(meeting), url, Kind.NEEDS)))

    by_pk = {b.pk: b for b in bodies}
    for body_id, n in _claims_waiting(body_ids):
        items.append((body_id, _claims_item(n, _body_url("claims:list", by_pk[body_id]), today)))
    items += _allowances_to_approve(by_pk, today=today)
    return _by_body(items)


def _claims_waiting(body_ids) -> list[tuple[int, int]]:
    """(body pk, number of submitted claims) for the bodies with any. 1 query."""
    return list(
        ExpenseClaim.objects.filter(body_id__in=body_ids, status=ClaimStatus.SUBMITTED)
        .values("body_id")
        .annotate(n=Count("pk"))
        .values_list("body_id", "n")
        .order_by()
    )


def _claims_item(n: int, url: str, today: datetime.date) -> TodoItem:
    # A claim counts as handled on time within four weeks (art. 47 matrix, column b): the list says how many wait.
    text = ngettext("%(n)s declaratie wacht op een besluit", "%(n)s declaraties wachten op een besluit", n) % {"n": n}
    return TodoItem(text, None, url, Kind.CLAIMS)


def _allowances_to_approve(bodies: dict[int, Body], *, today: datetime.date) -> list[tuple[int, TodoItem]]:
    """Last month's allowances, for bodies whose scheme pays per meeting (and had members present at a meeting last
    month) or per month, with no allowance approved for that month yet. 1 query."""
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    mode = SupportScheme.objects.filter(body=OuterRef("pk"), year=month.year).values("allowance_mode")[:1]
    present = Attendance.objects.filter(
        meeting__body=OuterRef("pk"),
        meeting__starts_at__year=month.year,
        meeting__starts_at__month=month.month,
        presence=Attendance.Presence.PRESENT,
    )
    approved = AllowancePayment.objects.filter(body=OuterRef("pk"), month=month)
    rows = (
        Body.objects.filter(pk__in=list(bodies))
        .annotate(mode=Subquery(mode), has_present=Exists(present), has_approved=Exists(approved))
        .filter(has_approved=False)
        .filter(Q(mode=AllowanceMode.PER_MONTH) | Q(mode=AllowanceMode.PER_MEETING, has_present=True))
        .values_list("pk", flat=True)
    )
    result = []
    for body_id in rows:
        text = _("Vergoedingen van %(month)s: kijk ze na en keur ze goed") % {"month": date_format(month, "F Y")}
        url = _body_url("payments:allowance_month", bodies[body_id], year=month.year, month=month.month)
        result.append((body_id, TodoItem(text, None, url, Kind.ALLOWANCES)))
    return result


# ---------------------------------------------------------------- finance


def finance_items(region_ids, *, today: datetime.date) -> dict[int, list[TodoItem]]:
    """Per region: expense claims waiting for a decision, approved money not yet in a payment batch, batches not
    marked paid. 2 queries."""
    items: list[tuple[int, TodoItem]] = []
    waiting = (
        ExpenseClaim.objects.filter(body__region_id__in=region_ids, status=ClaimStatus.SUBMITTED)
        .values("body__region_id", "body__region__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in waiting:
        url = reverse("claims:region_list", kwargs={"region": row["body__region__slug"]})
        items.append((row["body__region_id"], _claims_item(row["n"], url, today)))
    unbatched_claims = ExpenseClaim.objects.filter(
        body__region_id=OuterRef("pk"), status=ClaimStatus.APPROVED, payment_item__isnull=True
    )
    unbatched_allowances = AllowancePayment.objects.filter(body__region_id=OuterRef("pk"), payment_item__isnull=True)
    unpaid = PaymentBatch.objects.filter(region_id=OuterRef("pk"), paid_on__isnull=True)
    rows = (
        Region.objects.filter(pk__in=region_ids)
        .annotate(
            n_claims=_count_of(unbatched_claims, "body__region"),
            n_allowances=_count_of(unbatched_allowances, "body__region"),
            n_unpaid=_count_of(unpaid, "region"),
        )
        .values_list("pk", "slug", "n_claims", "n_allowances", "n_unpaid")
    )
    for region_id, slug, n_claims, n_allowances, n_unpaid in rows:
        ready = n_claims + n_allowances
        if ready:
            text = ngettext(
                "%(n)s goedgekeurd bedrag staat klaar voor een betaling",
                "%(n)s goedgekeurde bedragen staan klaar voor een betaling",
                ready,
            ) % {"n": ready}
            url = reverse("payments:region_batches", kwargs={"region": slug})
            items.append((region_id, TodoItem(text, None, url, Kind.PAYMENTS)))
        if n_unpaid:
            text = ngettext(
                "%(n)s betaling is nog niet als betaald gemarkeerd",
                "%(n)s betalingen zijn nog niet als betaald gemarkeerd",
                n_unpaid,
            ) % {"n": n_unpaid}
            url = reverse("payments:region_batches", kwargs={"region": slug})
            items.append((region_id, TodoItem(text, None, url, Kind.PAYMENTS)))
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


def officer_items(roles, *, today: datetime.date) -> list[TodoItem]:
    """Requests to send in time, responses due, feedback reports awaiting the GR's reaction. 3 queries."""
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
        url = reverse("advice:request_new", kwargs={"region": row.proposal.region.slug, "pk": row.proposal.pk})
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
        url = reverse("advice:response", kwargs={"region": advice.body.region.slug, "pk": advice.pk})
        items.append(TodoItem(text, awaiting.due, url, Kind.RESPONSE))
    if roles.officer_region_ids:
        bodies_q = Q(meeting__body__region_id__in=roles.officer_region_ids)
        for report, body, due in _gr_reactions(bodies_q, today=today, overdue_only=False):
            text = _("Terugkoppeling van %(body)s (%(meeting)s): leg de reactie van de GR vast, uiterlijk %(date)s") % {
                "body": body.name,
                "meeting": day(report.meeting.starts_at),
                "date": day(due),
            }
            url = _body_url("records:feedback_reactions", body, pk=report.meeting_id)
            items.append(TodoItem(text, due, url, Kind.GR_REACTION))
    return items


# ---------------------------------------------------------------- consultations


def consultation_items(roles, body_ids, *, today: datetime.date) -> list[tuple[tuple, TodoItem]]:
    """Consultations the person runs (ADR 30) that need them: open texts to check, closed but results not published.
    Keyed by owner: ("body", id) for a group's consultation, ("region", id) for the GR's. 1 query."""
    regions = roles.officer_region_ids | roles.admin_region_ids
    owned = Q(body_id__in=list(body_ids)) | Q(body__isnull=True, region_id__in=list(regions))
    rows = (
        Consultation.objects.filter(owned, status__in=(ConsultationStatus.OPEN, ConsultationStatus.CLOSED))
        .select_related("region")
        .annotate(pending=Count("text_answers", filter=Q(text_answers__status=TextStatus.PENDING)))
        .order_by("closes_at", "pk")
    )
    items: list[tuple[tuple, TodoItem]] = []
    for consultation in rows:
        owner = ("body", consultation.body_id) if consultation.body_id else ("region", consultation.region_id)
        kwargs = {"region": consultation.region.slug, "pk": consultation.pk}
        if consultation.pending:
            text = ngettext(
                "Kijk %(count)d open antwoord na van de raadpleging ‘%(title)s’",
                "Kijk %(count)d open antwoorden na van de raadpleging ‘%(title)s’",
                consultation.pending,
            ) % {"count": consultation.pending, "title": _short(consultation.title)}
            url = reverse("consultations:moderation", kwargs=kwargs)
            items.append((owner, TodoItem(text, None, url, Kind.CONSULTATION_TEXTS)))
        if consultation.status == ConsultationStatus.CLOSED:
            closed_on = timezone.localdate(consultation.closes_at)
            text = _(
                "De raadpleging ‘%(title)s’ is gesloten op %(date)s: publiceer de resultaten en wat u ermee doet"
            ) % {"title": _short(consultation.title), "date": day(closed_on)}
            url = reverse("consultations:publish", kwargs=kwargs)
            items.append((owner, TodoItem(text, None, url, Kind.CONSULTATION_PUBLISH)))
    return items


# ---------------------------------------------------------------- beheerder


def admin_items(region_ids, *, today: datetime.date) -> dict[int, list[TodoItem]]:
    """Bodies below the meeting minimum or failing their composition, vacancies to draw, emails that did not
    arrive, the legal caps of the volunteer allowance not entered. 8 queries."""
    items: list[tuple[int, TodoItem]] = []
    bodies = list(Body.objects.filter(region_id__in=region_ids).select_related("region").order_by("name"))
    statuses: dict[int, list[tuple[str, datetime.date]]] = {b.pk: [] for b in bodies}
    for body_id, status, starts_at in Meeting.objects.filter(
        body_id__in=list(statuses), starts_at__year=today.year
    ).values_list("body_id", "status", "starts_at"):
        statuses[body_id].append((status, timezone.localtime(starts_at).date()))
    fails = member_selectors.composition_fails(bodies, today=today)
    for body in bodies:
        warning = meeting_rules.year_plan_warning(
            min_per_year=body.min_meetings_per_year, year=today.year, statuses=statuses[body.pk], today=today
        )
        if warning:
            text = _("%(body)s: %(warning)s. Plan er meer, vóór 31 december") % {"body": body.name, "warning": warning}
            url = _body_url("meetings:year_plan", body)
            items.append((body.region_id, TodoItem(text, datetime.date(today.year, 12, 31), url, Kind.MEETING_MINIMUM)))
        if fails[body.pk]:
            text = _("%(body)s: de samenstelling klopt niet. %(finding)s") % {
                "body": body.name,
                "finding": fails[body.pk][0].message,
            }
            items.append((body.region_id, TodoItem(text, None, _body_url("members:list", body), Kind.COMPOSITION)))

    drawn = Draw.objects.filter(vacancy=OuterRef("vacancy"), municipality=OuterRef("municipality"))
    undrawn = VacancySeat.objects.filter(vacancy=OuterRef("pk")).exclude(Exists(drawn))
    vacancies = (
        Vacancy.objects.filter(body__region_id__in=region_ids, closes_on__lt=today)
        .exclude(status=Vacancy.Status.DONE)
        .filter(Exists(undrawn))
        .select_related("body", "body__region")
    )
    for vacancy in vacancies:
        text = _("Vacature ‘%(title)s’ (%(body)s) is gesloten op %(date)s: doe de loting") % {
            "title": vacancy.title,
            "body": vacancy.body.name,
            "date": day(vacancy.closes_on),
        }
        url = _body_url("recruitment:vacancy_detail", vacancy.body, pk=vacancy.pk)
        items.append((vacancy.body.region_id, TodoItem(text, None, url, Kind.DRAW)))

    failed = (
        OutgoingEmail.objects.filter(region_id__in=region_ids, status=OutgoingEmail.Status.FAILED)
        .values("region_id", "region__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in failed:
        n = row["n"]
        text = ngettext(
            "%(n)s e-mail is niet aangekomen: kijk wat er mis ging",
            "%(n)s e-mails zijn niet aangekomen: kijk wat er mis ging",
            n,
        ) % {"n": n}
        url = reverse("regions:email_failures", kwargs={"region": row["region__slug"]})
        items.append((row["region_id"], TodoItem(text, today, url, Kind.EMAIL)))

    # The legal caps of the volunteer allowance: data the beheerder enters per year (ADR 26).
    needed = support_rules.cap_years_needed(today)
    entered = set(
        VolunteerCap.objects.filter(region_id__in=region_ids, year__in=needed).values_list("region_id", "year")
    )
    for region in Region.objects.filter(pk__in=region_ids).only("pk", "slug") if needed else ():
        for year in needed:
            if (region.pk, year) in entered:
                continue
            text = _("Vul het maximum van de vrijwilligersvergoeding voor %(year)s in") % {"year": year}
            url = reverse("support:cap_new", kwargs={"region": region.slug}) + f"?jaar={year}"
            items.append((region.pk, TodoItem(text, None, url, Kind.CAPS)))
    return _by_body(items)


# ---------------------------------------------------------------- together


def todo_sections(
    user, roles, bodies: list[Body], admin_regions: list[Region], finance_regions: list[Region] = ()
) -> list[TodoSection]:
    """The to-do list of every role the person holds: a section per body role (per body), one for the policy
    officer and one per region for the beheerder. Items most urgent first."""
    now = timezone.now()
    today = timezone.localdate()
    member_ids = [b.pk for b in bodies if Role.MEMBER in b.my_roles]
    facilitator_ids = [b.pk for b in bodies if Role.FACILITATOR in b.my_roles]
    secretary_bodies = [b for b in bodies if Role.SECRETARY in b.my_roles]
    by_role = {
        Role.MEMBER: member_items(user, member_ids, now=now) if member_ids else {},
        Role.FACILITATOR: facilitator_items(facilitator_ids, now=now, today=today) if facilitator_ids else {},
        Role.SECRETARY: secretary_items(secretary_bodies, now=now, today=today) if secretary_bodies else {},
    }
    titles = {
        Role.SECRETARY: _("Als secretaris van %(body)s"),
        Role.FACILITATOR: _("Als gespreksleider van %(body)s"),
        Role.MEMBER: _("Als lid van %(body)s"),
    }
    consultation_bodies = {b.pk for b in bodies if {Role.SECRETARY, Role.FACILITATOR} & set(b.my_roles)}
    consultation_todo: dict[tuple, list[TodoItem]] = {}
    if consultation_bodies or roles.officer_region_ids or roles.admin_region_ids:
        for owner, item in consultation_items(roles, consultation_bodies, today=today):
            consultation_todo.setdefault(owner, []).append(item)
    for body in bodies:
        # A group's consultation: on the secretary's list, or the facilitator's when the person is not its secretary.
        role = Role.SECRETARY if Role.SECRETARY in body.my_roles else Role.FACILITATOR
        if body.pk in consultation_bodies:
            by_role[role].setdefault(body.pk, []).extend(consultation_todo.get(("body", body.pk), []))
    sections = []
    for body in bodies:
        for role in body.my_roles:
            items = sorted(by_role[role].get(body.pk, []), key=sort_key)
            sections.append(TodoSection(titles[role] % {"body": body.name}, role, items, body))
    if roles.officer_region_ids or roles.officer_municipality_ids:
        items = officer_items(roles, today=today)
        for region_id in roles.officer_region_ids:
            items += consultation_todo.get(("region", region_id), [])
        sections.append(TodoSection(_("Als beleidsmedewerker"), Role.POLICY_OFFICER, sorted(items, key=sort_key)))
    if admin_regions:
        per_region = admin_items([r.pk for r in admin_regions], today=today)
        for region in admin_regions:
            # A GR consultation is on the policy officer's list; the beheerder gets it when they are not one.
            if region.pk not in roles.officer_region_ids:
                per_region.setdefault(region.pk, []).extend(consultation_todo.get(("region", region.pk), []))
            items = sorted(per_region.get(region.pk, []), key=sort_key)
            sections.append(TodoSection(_("Als beheerder van %(region)s") % {"region": region.name}, Role.ADMIN, items))
    if finance_regions:
        per_region = finance_items([r.pk for r in finance_regions], today=today)
        for region in finance_regions:
            items = sorted(per_region.get(region.pk, []), key=sort_key)
            sections.append(
                TodoSection(_("Als financiën van %(region)s") % {"region": region.name}, Role.FINANCE, items)
            )
    return sections
