"""Demo data for issue 12's policy side (called from generator.load_demo after the proposals exist): the region's
address for feedback reports, and the decided proposals that concerned a body but got no advice marked "besloten
zonder advies" with a reason, so the public list is not empty. Idempotent."""

from __future__ import annotations

import datetime

from django.utils import timezone

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.policy import selectors as policy_selectors
from inspraak.policy.models import Concern, DecidingBody, Proposal, ProposalStatus
from inspraak.regions.models import Body, Region

FEEDBACK_EMAIL = "terugkoppeling@waterland-oost.example"
REASON = (
    "De nieuwe regels moesten op 1 juli ingaan. De groep vergaderde pas daarna. Daarom is besloten zonder advies. "
    "De groep bespreekt het besluit in de volgende bijeenkomst."
)


TITLE = "Openingstijden van het Werkplein in de zomer"


def load_policy(*, region: Region) -> None:
    if not region.feedback_email:
        region.feedback_email = FEEDBACK_EMAIL
        region.save(update_fields=["feedback_email"])
    decided = Proposal.objects.filter(region=region, status=ProposalStatus.DECIDED, decided_without_advice=False)
    for proposal in decided:
        proposal.region = region
        if policy_selectors.lacks_advice(proposal):
            proposal.decided_without_advice = True
            proposal.no_advice_reason = REASON
            proposal.save(update_fields=["decided_without_advice", "no_advice_reason"])
    if not Proposal.objects.filter(region=region, decided_without_advice=True).exists():
        _decided_without_advice(region)


def _decided_without_advice(region: Region) -> None:
    """A GR proposal about the summer opening hours, decided last June without the panel's advice (last year, so
    this year's art. 47 column a keeps its story; last year's was already red), owned by the GR's policy officer."""
    panel = Body.objects.filter(region=region, level=Body.Level.REGION).order_by("pk").first()
    if panel is None or Proposal.objects.filter(region=region, title=TITLE).exists():
        return
    owner = (
        RoleAssignment.objects.filter(region=region, role=Role.POLICY_OFFICER, municipality__isnull=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    decided = datetime.date(timezone.localdate().year - 1, 6, 24)
    proposal = Proposal.objects.create(
        region=region,
        municipality=None,
        title=TITLE,
        description="Het Werkplein gaat in juli en augustus om 12 uur dicht. Bellen kan wel de hele dag.",
        deciding_body=DecidingBody.GR_DAILY,
        planned_decision_date=decided,
        status=ProposalStatus.DECIDED,
        decided_on=decided,
        decision_url="https://www.example.org/besluiten/openingstijden-zomer",
        decided_without_advice=True,
        no_advice_reason=REASON,
        owner=owner.user if owner else None,
        created_by=owner.user if owner else None,
    )
    Concern.objects.create(proposal=proposal, body=panel, suggested=True)
