"""Daily reminders of the advice cycle (``manage.py send_advice_reminders``, see docs/deployment.md).

1. A request's deadline is near (``WINDOW_DAYS`` before, request still open): the body's secretaries and
   facilitators.
2. A sent advice has no response and the response is due within ``WINDOW_DAYS`` or overdue: the request's contact
   officer, or without one the policy officers in scope. When the response is overdue, the body's secretaries hear
   it too. Two moments, each once: "due soon" and "overdue" (``Advice.response_reminder_sent_on`` on or before the
   due date means only the first was sent).
3. A proposal's decision date is near (within the longest advice period of its concerned bodies plus
   ``WINDOW_DAYS``) and a concerned body was not asked yet: the proposal's owner (or, without one, the officers in
   scope). Once per planned date; again only when the date moves earlier (``Proposal.decision_reminder_sent_for``).

Emails name bodies, proposals and dates, never a client. These are services: each item is marked in the same
transaction that queues its emails (with an audit row for the mark, without a person: the system sends), so a crash
never sends a reminder twice and a rollback sends nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.advice.models import Advice, AdviceRequest, AdviceStatus, RequestStatus
from inspraak.advice.services import advice_label, request_label
from inspraak.audit.services import audit_record
from inspraak.core.mail import queue_email
from inspraak.policy import rules
from inspraak.policy.models import Proposal, ProposalStatus
from inspraak.regions.models import Body

WINDOW_DAYS = 7
OPEN_PROPOSAL = (ProposalStatus.PREPARING, ProposalStatus.ADVICE_REQUESTED, ProposalStatus.ADVICE_RECEIVED)


def _audit_mark(target, action: str, field: str, region, label: str) -> None:
    """The audit row of a reminder's mark: no actor (the daily run), the field that was set."""
    audit_record(actor=None, action=action, target=target, region=region, changed_fields=[field], label=label)


def _usable(user) -> bool:
    return user is not None and user.is_active and bool(user.email)


class _Addresses:
    """Email addresses of body roles and policy officers, loaded with one query for all the items of a run."""

    def __init__(self, *, body_ids: Iterable[int] = (), region_ids: Iterable[int] = ()):
        self.body: dict[tuple[int, str], list[str]] = defaultdict(list)
        self.gr: dict[int, list[str]] = defaultdict(list)
        self.municipality: dict[int, list[str]] = defaultdict(list)
        query = Q(body_id__in=set(body_ids), role__in=[Role.SECRETARY, Role.FACILITATOR]) | Q(
            region_id__in=set(region_ids), role=Role.POLICY_OFFICER
        )
        rows = (
            RoleAssignment.objects.filter(query, user__is_active=True, user__email__isnull=False)
            .exclude(user__email="")
            .order_by("pk")
            .values_list("role", "region_id", "municipality_id", "body_id", "user__email")
        )
        for role, region_id, municipality_id, body_id, email in rows:
            if role == Role.POLICY_OFFICER:
                target = self.municipality[municipality_id] if municipality_id else self.gr[region_id]
            else:
                target = self.body[(body_id, role)]
            if email not in target:
                target.append(email)

    def of_body(self, body_id: int, *roles: str) -> list[str]:
        return list(dict.fromkeys(email for role in roles for email in self.body[(body_id, role)]))

    def officers(self, region_id: int, municipality_id: int | None) -> list[str]:
        """Officers of the municipality; else (or when it has none) the GR officers of the region."""
        return (municipality_id and self.municipality[municipality_id]) or self.gr[region_id]


# ---------------------------------------------------------------- 1. the request deadline is near


def deadline_reminders_due(*, today: datetime.date) -> list[AdviceRequest]:
    """Open requests whose deadline is within the window and that had no reminder yet."""
    return list(
        AdviceRequest.objects.filter(
            status=RequestStatus.OPEN,
            deadline_reminder_sent_on__isnull=True,
            deadline__gte=today,
            deadline__lte=today + datetime.timedelta(days=WINDOW_DAYS),
        )
        .select_related("body", "body__region", "proposal")
        .order_by("deadline", "pk")
    )


def deadline_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell the body's secretaries and facilitators that a request's deadline is near. Returns the requests."""
    today = today or timezone.localdate()
    due = deadline_reminders_due(today=today)
    addresses = _Addresses(body_ids=[r.body_id for r in due])
    for request in due:
        body = request.body
        context = {
            "body": body,
            "proposal_title": request.proposal.title,
            "deadline": request.deadline,
            "days": (request.deadline - today).days,
            "path": reverse(
                "advice:request_detail", kwargs={"region": body.region.slug, "body": body.slug, "pk": request.pk}
            ),
        }
        with transaction.atomic():
            for to in addresses.of_body(body.pk, Role.SECRETARY, Role.FACILITATOR):
                queue_email(to=to, template_prefix="advice/email/reminder_deadline", context=context)
            request.deadline_reminder_sent_on = today
            request.save(update_fields=["deadline_reminder_sent_on"])
            _audit_mark(
                request, "advice_request.reminder", "deadline_reminder_sent_on", body.region, request_label(request)
            )
    return len(due)


# ---------------------------------------------------------------- 2. the response is due or overdue


def response_reminders_due(*, today: datetime.date) -> list[Advice]:
    """Sent advice without a response, due within the window or overdue, that still needs its reminder: the first
    one (none sent yet) or the overdue one (only a reminder from before the due date was sent)."""
    window_end = today + datetime.timedelta(days=WINDOW_DAYS)
    return list(
        Advice.objects.filter(
            status=AdviceStatus.SENT,
            response__isnull=True,
            response_due__isnull=False,
            response_due__lte=window_end,
        )
        .filter(
            Q(response_reminder_sent_on__isnull=True)
            | Q(response_reminder_sent_on__lte=F("response_due"), response_due__lt=today)
        )
        .select_related("body", "body__region", "request", "request__contact", "request__proposal", "proposal")
        .order_by("response_due", "pk")
    )


def response_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the officers of a response that is due soon or overdue; the body's secretaries hear of an overdue
    one. Returns the number of advices reminded about."""
    today = today or timezone.localdate()
    due = response_reminders_due(today=today)
    addresses = _Addresses(body_ids=[a.body_id for a in due], region_ids=[a.body.region_id for a in due])
    for advice in due:
        body = advice.body
        request = advice.request
        proposal = request.proposal if request else advice.proposal
        overdue = rules.response_overdue(advice.response_due, None, today)
        context = {
            "body": body,
            "subject": advice.subject,
            "proposal_title": proposal.title if proposal else "",
            "sent_on": advice.sent_on,
            "due": advice.response_due,
            "days_left": max((advice.response_due - today).days, 0),
            "overdue": overdue,
        }
        if request is not None and _usable(request.contact):
            officers = [request.contact.email]
        else:
            officers = addresses.officers(body.region_id, body.municipality_id)
        region_slug = body.region.slug
        officer_path = reverse("advice:response", kwargs={"region": region_slug, "pk": advice.pk})
        body_path = reverse("advice:detail", kwargs={"region": region_slug, "body": body.slug, "pk": advice.pk})
        with transaction.atomic():
            for to in officers:
                queue_email(
                    to=to, template_prefix="advice/email/reminder_response", context={**context, "path": officer_path}
                )
            if overdue:
                for to in addresses.of_body(body.pk, Role.SECRETARY):
                    queue_email(
                        to=to,
                        template_prefix="advice/email/reminder_response_overdue",
                        context={**context, "path": body_path},
                    )
            advice.response_reminder_sent_on = today
            advice.save(update_fields=["response_reminder_sent_on"])
            _audit_mark(advice, "advice.reminder", "response_reminder_sent_on", body.region, advice_label(advice))
    return len(due)


# ---------------------------------------------------------------- 3. the decision is near, a body was not asked


@dataclass(frozen=True)
class DecisionReminder:
    proposal: Proposal
    not_asked: list[tuple[Body, rules.Timeliness]]


def decision_reminders_due(*, today: datetime.date) -> list[DecisionReminder]:
    """Open proposals whose planned decision is within the longest advice period of their concerned bodies plus
    the window, with at least one concerned body that has no request; not yet reminded for this date (or the
    date moved earlier since)."""
    horizon = today + datetime.timedelta(weeks=52, days=WINDOW_DAYS)  # no body's advice period is longer
    proposals = (
        Proposal.objects.filter(
            status__in=OPEN_PROPOSAL,
            decided_on__isnull=True,
            planned_decision_date__gte=today,
            planned_decision_date__lte=horizon,
            concerns__isnull=False,
        )
        .filter(
            Q(decision_reminder_sent_for__isnull=True) | Q(decision_reminder_sent_for__gt=F("planned_decision_date"))
        )
        .distinct()
        .select_related("region", "owner")
        .prefetch_related("concerns__body", "requests")
        .order_by("planned_decision_date", "pk")
    )
    due = []
    for proposal in proposals:
        bodies = [concern.body for concern in proposal.concerns.all()]
        longest = max(body.advice_period_weeks for body in bodies)
        if proposal.planned_decision_date > today + datetime.timedelta(weeks=longest, days=WINDOW_DAYS):
            continue
        asked = {r.body_id for r in proposal.requests.all() if r.status != RequestStatus.WITHDRAWN}
        not_asked = [
            (
                body,
                rules.concern_timeliness(
                    requested_on=None,
                    advice_period_weeks=body.advice_period_weeks,
                    decision_on=proposal.planned_decision_date,
                    decided=False,
                    today=today,
                ),
            )
            for body in sorted(bodies, key=lambda b: (b.name, b.pk))
            if body.pk not in asked
        ]
        if not_asked:
            due.append(DecisionReminder(proposal, not_asked))
    return due


def decision_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell a proposal's owner that its decision is near while a concerned body was not asked for advice yet.
    Returns the number of proposals reminded about."""
    today = today or timezone.localdate()
    due = decision_reminders_due(today=today)
    needs_officers = [item.proposal.region_id for item in due if not _usable(item.proposal.owner)]
    addresses = _Addresses(region_ids=needs_officers) if needs_officers else None
    for item in due:
        proposal = item.proposal
        if _usable(proposal.owner):
            recipients = [proposal.owner.email]
        else:
            recipients = addresses.officers(proposal.region_id, proposal.municipality_id)
        context = {
            "proposal_title": proposal.title,
            "decision_on": proposal.planned_decision_date,
            "days": (proposal.planned_decision_date - today).days,
            "not_asked": [{"name": body.name, "message": timeliness.message} for body, timeliness in item.not_asked],
            "path": reverse("advice:proposal", kwargs={"region": proposal.region.slug, "pk": proposal.pk}),
        }
        with transaction.atomic():
            for to in recipients:
                queue_email(to=to, template_prefix="advice/email/reminder_decision", context=context)
            proposal.decision_reminder_sent_for = proposal.planned_decision_date
            proposal.save(update_fields=["decision_reminder_sent_for"])
            _audit_mark(
                proposal, "proposal.reminder", "decision_reminder_sent_for", proposal.region, f"voorstel #{proposal.pk}"
            )
    return len(due)


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """All three reminders of the day. Returns how many items each one reported."""
    today = today or timezone.localdate()
    return {
        "deadline": deadline_reminders_send(today=today),
        "response": response_reminders_send(today=today),
        "decision": decision_reminders_send(today=today),
    }
