"""Reads for memberships and a body's composition. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from inspraak.core.links import url_filler
from inspraak.core.prepared import prepared_rows
from inspraak.core.sms import mobile_e164
from inspraak.members import rules
from inspraak.members.models import (
    SUPPORT_ROLES,
    VOTING_ROLES,
    BodyRole,
    Category,
    ConsentRecord,
    Membership,
    MembershipEvent,
    Status,
)
from inspraak.regions.models import Body, Municipality

STATUS_ORDER = {Status.ACTIVE: 0, Status.CANDIDATE: 1, Status.INVITED: 2, Status.ENDED: 3}


def composition_settings(body: Body) -> rules.CompositionSettings:
    return rules.CompositionSettings(
        min_clients=body.min_clients,
        balanced=body.level == Body.Level.REGION and body.balanced_over_municipalities,
        experienced_count_as_clients=body.experienced_count_as_clients,
        facilitator_required=body.facilitator_required,
        term_reminder_months=body.term_reminder_months,
    )


def member_facts(body_role: str, category: str, **facts) -> rules.MemberFacts:
    """What the composition rules need of one membership; its body role becomes the vote and support marks."""
    return rules.MemberFacts(
        category=category,
        has_vote=body_role in VOTING_ROLES,
        supports=body_role in SUPPORT_ROLES,
        facilitates=body_role == BodyRole.FACILITATOR,
        **facts,
    )


def _active_memberships(body_ids: list[int]):
    return (
        Membership.objects.filter(body_id__in=body_ids, status=Status.ACTIVE)
        .order_by()
        .values_list("body_id", "category", "body_role", "municipality_id", "term_end")
    )


def _member_facts_by_body(body_ids) -> dict[int, list[rules.MemberFacts]]:
    """Body id -> the facts of every active membership, without names. 1 query however many bodies (none for no
    bodies), built once per number of bodies (core.prepared: the body dashboard and the beheerder's to-do list)."""
    # Translated once, not once per membership (a body with 100 members, a beheerder's 20 bodies).
    labels = {value: str(label).lower() for value, label in Category.choices}
    facts: dict[int, list[rules.MemberFacts]] = {pk: [] for pk in body_ids}
    # The checks count and never depend on the order of the members: no ORDER BY (the model's ordering).
    rows = prepared_rows("members.member_facts", _active_memberships, body_ids=sorted(facts)) if facts else []
    marks: dict[str, tuple[bool, bool, bool]] = {}  # body role -> (has a vote, supports, facilitates): member_facts
    for body_id, category, body_role, municipality_id, term_end in rows:
        if body_role not in marks:
            marks[body_role] = (
                body_role in VOTING_ROLES,
                body_role in SUPPORT_ROLES,
                body_role == BodyRole.FACILITATOR,
            )
        label = labels[category] if category in labels else str(category).lower()
        facts[body_id].append(rules.MemberFacts(category, *marks[body_role], municipality_id, term_end, label))
    return facts


def _active_member_facts(body: Body) -> list[rules.MemberFacts]:
    """The facts of every active membership, without names. 1 query."""
    return _member_facts_by_body([body.pk])[body.pk]


def _allocate(body: Body, sizes: list[tuple[int, str, int]]) -> tuple[rules.Allocation | None, str]:
    """The seat allocation over the municipalities ``(pk, name, client group size)``, or why there is none."""
    try:
        return rules.allocate_seats(body.min_clients, body.min_seats_per_municipality, sizes), ""
    except rules.AllocationError as exc:
        return None, exc.message


def _municipality_sizes(region_id: int):
    return (
        Municipality.objects.filter(region_id=region_id).order_by("name").values_list("pk", "name", "client_group_size")
    )


def _seat_allocation(body: Body) -> tuple[rules.Allocation | None, str, list[str]]:
    """The seat allocation over the region's municipalities, or why there is none, and the municipalities whose
    client group size is unknown (counted as 0). 1 query."""
    municipalities = prepared_rows("members.seat_sizes", _municipality_sizes, region_id=body.region_id)
    unknown = [name for _pk, name, size in municipalities if size is None]
    allocation, error = _allocate(body, [(pk, name, size or 0) for pk, name, size in municipalities])
    return allocation, error, unknown


def _size_unknown(name: str) -> rules.Finding:
    message = _("Gemeente %(name)s: de omvang van de doelgroep is niet bekend, dus telt als 0") % {"name": name}
    return rules.Finding("size_unknown", rules.ATTENTION, message)


def _composition_counts(case: rules.Composition) -> dict[str, int]:
    group, clients, settings = case.group, case.clients, case.settings
    representing = [f for f in group if rules.represents_clients(f.category, settings)]
    return {
        "members": len(group),
        "clients": len(clients),
        "representatives": len(representing) - len(clients),
        "others": len(group) - len(representing),
        "voters": sum(1 for f in group if f.has_vote),
        "representing_voters": sum(1 for f in representing if f.has_vote),
    }


def body_composition(body: Body, *, today: datetime.date | None = None) -> dict:
    """The seat allocation (regional bodies with "balanced" on), the seat gaps, the findings and the counts.

    No names are loaded, so the result may be shown in aggregate on public pages. 1 query, 2 for a balanced
    regional body (its municipalities).
    """
    settings = composition_settings(body)
    facts = _active_member_facts(body)
    allocation, allocation_error, unknown = _seat_allocation(body) if settings.balanced else (None, "", [])
    case = rules.Composition(settings, tuple(facts), today or timezone.localdate(), allocation, allocation_error)
    findings = case.findings + [_size_unknown(name) for name in unknown]
    gaps = case.gaps  # worked out once: for the findings and for the table
    fails = [f for f in findings if f.fails]
    attention = [f for f in findings if not f.fails]
    return {
        "allocation": allocation,
        "allocation_error": allocation_error,
        "gaps": gaps,
        "table": rules.allocation_table(allocation, gaps),
        "findings": findings,
        "fails": fails,
        "attention": attention,
        **_folded_findings(fails, attention, unknown),
        "counts": _composition_counts(case),
    }


def _folded_findings(fails: list[rules.Finding], attention: list[rules.Finding], unknown_names: list[str]) -> dict:
    """What the page lists: one line per finding, except that more than MOST_SHORT findings about single
    municipalities (too few clients; size unknown) fold into one line each (a body serving 350 municipalities)."""
    short = [f for f in fails if f.code == "municipality_short"]
    unknown = [f for f in attention if f.code == "size_unknown"]
    fold_short = len(short) > rules.MOST_SHORT
    fold_unknown = len(unknown) > rules.MOST_SHORT
    fails_listed = [f for f in fails if not (fold_short and f.code == "municipality_short")]
    return {
        "fails_listed": fails_listed,
        "fails_count": len(fails_listed) + fold_short,
        "short_folded": len(short) if fold_short else 0,
        "attention_listed": [f for f in attention if not (fold_unknown and f.code == "size_unknown")],
        "unknown_folded": len(unknown) if fold_unknown else 0,
        "unknown_names": ", ".join(unknown_names) if fold_unknown else "",
    }


class MemberRow(NamedTuple):
    """One membership as the member list shows it, every cell made once per list (``member_list``)."""

    pk: int
    status: str
    display_name: str  # the typed name of an invitation until the person confirmed (Membership.display_name)
    url: str  # its page
    role_label: str
    category_label: str
    municipality_name: str  # "" without a municipality
    term_end_text: str  # d-m-yyyy
    term_expired: bool  # active past its term end
    expired_invitation: bool
    status_label: str


def member_list(body: Body, *, status: str = "", today: datetime.date | None = None) -> list[MemberRow]:
    """The memberships of a body as the member list shows them (MemberRow); open ones first. 1 query.

    Read as plain values, not as models, and each row's cells made once per list (a body of 100 members, issue 15)."""
    rows = Membership.objects.filter(body=body).order_by()
    if status:
        rows = rows.filter(status=status)
    today = today or timezone.localdate()
    now = timezone.now()
    roles, categories, statuses = (
        {value: str(label) for value, label in choices.choices} for choices in (BodyRole, Category, Status)
    )
    member_url = url_filler("members:detail", "pk", region=body.region.slug, body=body.slug)
    result = [
        MemberRow(
            pk=pk,
            status=row_status,
            display_name=invited_name if row_status == Status.INVITED and invited_name else name,
            url=member_url(pk),
            role_label=roles.get(body_role, body_role),
            category_label=categories.get(category, category),
            municipality_name=municipality or "",
            term_end_text=f"{term_end.day}-{term_end.month}-{term_end.year}",
            term_expired=row_status == Status.ACTIVE and term_end < today,
            expired_invitation=row_status == Status.INVITED and rules.invitation_expired(created_at, now),
            status_label=statuses.get(row_status, row_status),
        )
        for pk, row_status, invited_name, name, body_role, category, municipality, term_end, created_at in (
            rows.values_list(
                "pk",
                "status",
                "invited_name",
                "user__name",
                "body_role",
                "category",
                "municipality__name",
                "term_end",
                "created_at",
            )
        )
    ]
    # Sorted on the name staff see: an invitation must not sit where the account's own name would put it.
    result.sort(key=lambda m: (STATUS_ORDER.get(m.status, 9), m.display_name, m.pk))
    return result


def named_members(body: Body) -> tuple[list[Membership], int]:
    """What a member sees: active members who agreed to show their name, and how many others there are. 1 query."""
    rows = list(
        Membership.objects.filter(body=body, status=Status.ACTIVE)
        .select_related("user", "municipality")
        .order_by("user__name", "pk")
    )
    shown = [m for m in rows if m.consent_named_to_members]
    return shown, len(rows) - len(shown)


def municipality_choices(body: Body):
    """The municipalities a member of ``body`` can live in (its region's), by name: for the membership form."""
    return Municipality.objects.filter(region_id=body.region_id).order_by("name")


def membership_in(body: Body, pk: int) -> Membership:
    """A membership of ``body`` (already scoped to the user) with person and municipality. 1 query."""
    membership = Membership.objects.select_related("user", "municipality").filter(body=body, pk=pk).first()
    if membership is None:
        raise Http404
    membership.body = body
    return membership


def with_account_scope(membership: Membership) -> Membership:
    """Adds to ``membership.user`` what the code-letter rule needs: ``role_scopes`` ((role, region id, body id) of
    every role) and ``data_region_ids`` (every region holding data about the person, as the data export). 3 queries
    plus one per privacy part that reports regions."""
    from inspraak.accounts.models import RoleAssignment
    from inspraak.core import privacy_registry as registry

    user = membership.user
    user.role_scopes = frozenset(RoleAssignment.objects.filter(user=user).values_list("role", "region_id", "body_id"))
    user.data_region_ids = frozenset({r for _role, r, _body in user.role_scopes} | registry.data_region_ids(user))
    return membership


def open_invitation(user, pk: int) -> Membership:
    """The person's own membership ``pk`` that waits for their answer; otherwise 404. 1 query."""
    membership = (
        Membership.objects.select_related("body", "body__region")
        .filter(pk=pk, user_id=user.pk, status=Status.INVITED)
        .first()
    )
    if membership is None:
        raise Http404
    membership.user = user
    return membership


def invitation_application_pk(membership: Membership) -> int | None:
    """The recruitment application this invitation was made from, if any (to invite again from there). 1 query."""
    return membership.applications.values_list("pk", flat=True).first()


def open_invitations(user) -> list[Membership]:
    """Every membership that waits for this person's answer, for their overview. 1 query."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.select_related("body", "body__region")
        .filter(user_id=user.pk, status=Status.INVITED)
        .order_by("pk")
    )


def membership_history(membership: Membership) -> dict:
    """The status and detail history and every consent statement (``consent_asked``: the kinds with an answer). 2
    queries."""
    consents = list(
        ConsentRecord.objects.filter(membership=membership).select_related("recorded_by").order_by("at", "pk")
    )
    return {
        "events": list(MembershipEvent.objects.filter(membership=membership).select_related("by").order_by("at", "pk")),
        "consents": consents,
        "consent_asked": {c.kind for c in consents},
    }


def last_sms(membership: Membership):
    """The latest text message to the member about this body's region (its delivery state, without its text), or
    None. 1 query."""
    from inspraak.core.models import OutgoingSms

    return (
        OutgoingSms.objects.filter(person_id=membership.user_id, region_id=membership.body.region_id)
        .only("pk", "status", "created_at", "sent_at", "last_error")
        .order_by("-pk")
        .first()
    )


def sms_numbers(body_ids) -> dict[tuple[int, int], str]:
    """(body id, user id) -> the mobile number (E.164) of every active member of these bodies who wants SMS
    reminders and has a Dutch mobile number. 1 query."""
    rows = Membership.objects.filter(body_id__in=list(body_ids), status=Status.ACTIVE, sms_consent=True).values_list(
        "body_id", "user_id", "contact_phone"
    )
    numbers = {}
    for body_id, user_id, phone in rows:
        if number := mobile_e164(phone):
            numbers[(body_id, user_id)] = number
    return numbers


def own_membership(user, body: Body) -> Membership | None:
    """The person's open membership of ``body``, if any. 1 query."""
    membership = (
        Membership.objects.select_related("municipality")
        .filter(body=body, user=user)
        .exclude(status=Status.ENDED)
        .first()
    )
    if membership is not None:
        membership.body = body
        membership.user = user
    return membership


# ---------------------------------------------------------------- JSON (documented in docs/api.md)


def composition_json(body: Body, *, today: datetime.date | None = None) -> dict:
    """The public part: aggregate numbers, the allocation with its arithmetic, and the findings. 1-2 queries."""
    data = body_composition(body, today=today)
    allocation = data["allocation"]
    gaps = {gap.key: gap for gap in data["gaps"]}
    return {
        "body": {"region": body.region.slug, "slug": body.slug, "name": body.name, "level": body.level},
        "meets_all_rules": not data["findings"],
        "counts": data["counts"],
        "findings": [{"code": f.code, "severity": f.severity, "message": f.message} for f in data["findings"]],
        "allocation": None
        if allocation is None
        else {
            "seats": allocation.seats,
            "minimum_per_municipality": allocation.minimum,
            "remaining": allocation.remaining,
            "total_client_group": allocation.total_size,
            "municipalities": [
                {
                    "name": share.name,
                    "client_group": share.size,
                    "quota": round(float(share.quota), 4),
                    "minimum": share.minimum,
                    "whole_part": share.floor,
                    "largest_remainder_seat": bool(share.extra),
                    "seats": share.seats,
                    "client_members": gaps[share.key].actual,
                    "shortfall": gaps[share.key].shortfall,
                    "surplus": gaps[share.key].surplus,
                }
                for share in allocation.shares
            ],
        },
        "allocation_error": data["allocation_error"] or None,
    }


def memberships_json(body: Body) -> list[dict]:
    """Open memberships without names or contact data, for people who may see the composition. 1 query."""
    rows = (
        Membership.objects.filter(body=body).exclude(status=Status.ENDED).select_related("municipality").order_by("pk")
    )
    return [
        {
            "id": m.pk,
            "status": m.status,
            "body_role": m.body_role,
            "category": m.category,
            "has_vote": m.has_vote,
            "municipality": m.municipality.name if m.municipality else None,
            "term_start": m.term_start.isoformat(),
            "term_end": m.term_end.isoformat(),
            "term_number": m.term_number,
        }
        for m in rows
    ]


# Categories whose members are clients (or were): their names are private unless they agreed to be named publicly.
CLIENT_CATEGORIES = (Category.CLIENT, Category.EXPERIENCED)


def private_client_names(body: Body) -> list[str]:
    """Names that a public text of ``body`` must not contain (see inspraak.core.names for how they are matched).

    Every client member (also a former one) of any body in the body's region who did not agree to be named publicly,
    unless they did agree as a client of ``body`` itself; and people with a member role in the region without any
    membership there (unknown, so private). Erased people have no name left. 2 queries.
    """
    from inspraak.accounts.models import Role, RoleAssignment

    private: dict[int, str] = {}
    public_here: set[int] = set()
    with_membership: set[int] = set()
    rows = Membership.objects.filter(body__region_id=body.region_id, user__erased_at__isnull=True).values_list(
        "user_id", "user__name", "body_id", "category", "consent_named_publicly"
    )
    for user_id, name, body_id, category, consent in rows:
        with_membership.add(user_id)
        if category not in CLIENT_CATEGORIES:
            continue
        if not consent:
            private[user_id] = name
        elif body_id == body.pk:
            public_here.add(user_id)
    roles = RoleAssignment.objects.filter(
        region_id=body.region_id, role=Role.MEMBER, user__erased_at__isnull=True
    ).values_list("user_id", "user__name")
    for user_id, name in roles:
        if user_id not in with_membership:
            private[user_id] = name
    return sorted({name for user_id, name in private.items() if user_id not in public_here and name.strip()})


def _regions_sizes(region_ids: list[int]):
    return (
        Municipality.objects.filter(region_id__in=region_ids)
        .order_by("name")
        .values_list("region_id", "pk", "name", "client_group_size")
    )


def composition_fails(bodies: list[Body], *, today: datetime.date | None = None) -> dict[int, list[rules.Finding]]:
    """For many bodies at once (the beheerder's to-do list): body id -> the composition findings that fail, the same
    rules as ``body_composition``. 2 queries however many bodies: the active memberships and the municipalities
    (each built once per number of bodies and regions: core.prepared)."""
    today = today or timezone.localdate()
    facts = _member_facts_by_body([body.pk for body in bodies])
    balanced_regions = {b.region_id for b in bodies if composition_settings(b).balanced}
    sizes: dict[int, list[tuple[int, str, int]]] = {region_id: [] for region_id in balanced_regions}
    if bodies:  # always 1 query (also without balanced bodies), so the count does not depend on the settings
        region_ids = sorted({b.region_id for b in bodies})
        for region_id, pk, name, size in prepared_rows("members.regions_sizes", _regions_sizes, region_ids=region_ids):
            if region_id in sizes:
                sizes[region_id].append((pk, name, size or 0))
    fails: dict[int, list[rules.Finding]] = {}
    for body in bodies:
        settings = composition_settings(body)
        allocation, allocation_error = _allocate(body, sizes[body.region_id]) if settings.balanced else (None, "")
        findings = rules.composition_findings(
            settings, facts[body.pk], today=today, allocation=allocation, allocation_error=allocation_error
        )
        fails[body.pk] = [f for f in findings if f.fails]
    return fails
