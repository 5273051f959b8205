"""Writes for the policy agenda and advice requests. Each is atomic and leaves history and an audit row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from inspraak.audit.services import audit_record
from inspraak.policy.models import Proposal, ProposalEvent

if TYPE_CHECKING:
    from inspraak.accounts.models import User


def _label(proposal: Proposal) -> str:
    return f"voorstel #{proposal.pk}"


@transaction.atomic
def proposal_set_status(*, proposal: Proposal, status: str, by: User | None, reason: str = "") -> Proposal:
    """Move a proposal to ``status`` (appended as history). No-op when it already has that status."""
    if proposal.status == status:
        return proposal
    previous = proposal.status
    proposal.status = status
    proposal.version += 1
    proposal.save(update_fields=["status", "version"])
    ProposalEvent.objects.create(
        proposal=proposal, kind=ProposalEvent.Kind.STATUS, by=by, from_status=previous, to_status=status, reason=reason
    )
    audit_record(actor=by, action="proposal.status", target=proposal, region=proposal.region, label=_label(proposal))
    return proposal
