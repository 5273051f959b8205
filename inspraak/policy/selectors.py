"""Reads for the policy agenda, scoped to what the user may see, with a fixed number of queries whatever the number
of proposals. The advice requests and advice about a proposal are read by the advice app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.accounts.roles import roles_of
from inspraak.members.models import Membership
from inspraak.members.models import Status as MembershipStatus
from inspraak.policy import rules
from inspraak.policy.models import Concern, Proposal, ProposalEvent
from inspraak.regions.models import Body, Municipality

FIELD_LABELS = {
    "title": _("titel"),
    "description": _("korte beschrijving"),
    "kind": _("soort"),
    "owner": _("eigenaar"),
    "deciding_body": _("wie besluit"),
    "planned_decision_date": _("geplande datum van het besluit"),
    "no_bodies_reason": _("waarom geen groep"),
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


def proposal_filter(scope: Scope) -> Q:
    """The proposals of the person's scope, as a filter."""
    if scope.whole_region:
        return Q(region=scope.region)
    return Q(region=scope.region, municipality_id__in=scope.municipality_ids)


# ---------------------------------------------------------------- lookups


def proposal_in(region, pk: int) -> Proposal:
    """A proposal of ``region`` with its municipality and owner. 1 query."""
    proposal = Proposal.objects.select_related("municipality", "owner").filter(region=region, pk=pk).first()
    if proposal is None:
        raise Http404
    proposal.region = region
    return proposal


# ---------------------------------------------------------------- bodies a proposal can concern


def with_readiness(bodies):
    """``bodies`` (a Body queryset) with the number of active members and of active secretaries and facilitators,
    so each body row can say whether it is empty (``policy.rules.body_is_empty``). Counted in the same query."""
    return bodies.annotate(
        active_members=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE), distinct=True),
        active_contacts=Count(
            "role_assignments",
            filter=Q(
                role_assignments__role__in=(Role.SECRETARY, Role.FACILITATOR),
                role_assignments__user__is_active=True,
            ),
            distinct=True,
        ),
    )


def mark_empty(bodies) -> None:
    """Set ``body.empty`` on bodies read through ``with_readiness``. 0 queries."""
    for body in bodies:
        body.empty = rules.body_is_empty(members=body.active_members, has_contact=body.active_contacts > 0)


def candidate_bodies(region, municipality) -> list[Body]:
    """Bodies a proposal for ``municipality`` (None: the GR) can concern: the regional bodies and, for a municipal
    proposal, that municipality's bodies; for a GR proposal every body of the region. Each with ``empty`` (no
    members, or no secretary and no facilitator). 1 query."""
    bodies = Body.objects.filter(region=region).select_related("municipality")
    if municipality is not None:
        bodies = bodies.filter(Q(level=Body.Level.REGION) | Q(municipality=municipality))
    result = list(with_readiness(bodies).order_by("level", "name"))
    for body in result:
        body.region = region
    mark_empty(result)
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
            empty=getattr(body, "empty", False),
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


def concerns_of(proposal: Proposal) -> list[Concern]:
    """The bodies a proposal concerns. 1 query."""
    return list(Concern.objects.filter(proposal=proposal).select_related("body").order_by("body__name"))


def concerned_bodies(proposal: Proposal) -> list[Body]:
    """The bodies a proposal concerns, by name, each with ``empty`` (see ``candidate_bodies``). 1 query."""
    bodies = list(with_readiness(Body.objects.filter(concerns__proposal=proposal)).order_by("name"))
    for body in bodies:
        body.region = proposal.region
    mark_empty(bodies)
    return bodies


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


def proposal_events(proposal: Proposal) -> list[ProposalEvent]:
    """The history of a proposal, oldest first, each with the labels of the fields it changed. 1 query."""
    events = list(ProposalEvent.objects.filter(proposal=proposal).select_related("by").order_by("at", "pk"))
    for event in events:
        event.field_labels = [str(FIELD_LABELS.get(name, name)) for name in event.changed_fields or []]
    return events


# ---------------------------------------------------------------- decided without advice

# Whether a concerned body gave advice on a proposal, whoever knows: a function (proposal) -> bool. The advice app
# adds "a concerned body sent advice about it" (AdviceConfig.ready), so the policy agenda needs no advice tables.
ADVICE_GIVEN: list[Callable[[Proposal], bool]] = []


def lacks_advice(proposal: Proposal) -> bool:
    """The proposal concerns at least one body and none of them sent advice about it: deciding it now is deciding
    without advice (the officer must confirm and say why). 1 query, plus 1 per ADVICE_GIVEN check (1 today)."""
    if not Concern.objects.filter(proposal=proposal).exists():
        return False
    return not any(check(proposal) for check in ADVICE_GIVEN)


def people_to_tell(proposal: Proposal) -> tuple[list[Membership], list]:
    """Who hears that a proposal was decided without advice: the active members of the concerned bodies (each
    person once, with the first body by name) and the bodies' secretaries and facilitators with an email address
    (each once, as (person, body)). 2 queries."""
    members, seen = [], set()
    rows = (
        Membership.objects.filter(body__concerns__proposal=proposal, status=MembershipStatus.ACTIVE)
        .select_related("user", "body")
        .order_by("body__name", "pk")
    )
    for membership in rows:
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            membership.body.region = proposal.region
            members.append(membership)
    contacts, seen_contacts = [], set()
    assignments = (
        RoleAssignment.objects.filter(
            body__concerns__proposal=proposal,
            role__in=(Role.SECRETARY, Role.FACILITATOR),
            user__is_active=True,
        )
        .exclude(user__email="")
        .exclude(user__email__isnull=True)
        .select_related("user", "body")
        .order_by("body__name", "user_id")
    )
    for row in assignments:
        if row.user_id not in seen_contacts and row.user_id not in seen:
            seen_contacts.add(row.user_id)
            row.body.region = proposal.region
            contacts.append((row.user, row.body))
    return members, contacts
