"""Every permission decision about expense claims.

Who claims: a member of the group, for themself. Who enters a claim from paper: the group's secretary. Who decides:
the group's secretary and the region's finance role (financiën), never on their own claim. Who sees a claim and its
receipt: the member whose claim it is, the group's secretary, the region's finance role and its beheerder (who may
look, not decide). The facilitator and policy officers do not see claims: what a member spends is not theirs to know.
"""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.claims import rules


def can_claim(user, body) -> bool:
    """Claim costs and see one's own claims: a member of the group."""
    return Role.MEMBER in roles_of(user).roles_in_body(body.pk)


def _is_secretary(user, body) -> bool:
    return Role.SECRETARY in roles_of(user).roles_in_body(body.pk)


def _is_finance(user, region_id: int) -> bool:
    return region_id in roles_of(user).finance_region_ids


def can_enter_for_member(user, body) -> bool:
    """Enter a claim a member sent on paper, phoned in or brought: the group's secretary."""
    return _is_secretary(user, body)


def can_decide_claims(user, body) -> bool:
    """Approve or reject the group's claims: its secretary and the region's finance role."""
    return _is_secretary(user, body) or _is_finance(user, body.region_id)


def can_view_claims(user, body) -> bool:
    """The list of the group's claims with who claimed: those who decide, and the region's beheerder."""
    return can_decide_claims(user, body) or body.region_id in roles_of(user).admin_region_ids


def can_view_region_claims(user, region) -> bool:
    """The claims of every group of the region: the finance role and the beheerder."""
    roles = roles_of(user)
    return region.pk in roles.finance_region_ids or region.pk in roles.admin_region_ids


def can_view_claim(user, claim) -> bool:
    """One claim and its receipt: the member whose claim it is, and who sees the group's claims."""
    return claim.user_id == getattr(user, "pk", None) or can_view_claims(user, claim.body)


def can_decide(user, claim) -> bool:
    """Decide on this claim now: it waits for a decision, and it is not the decider's own."""
    return (
        claim.status in rules.DECIDABLE
        and claim.user_id != getattr(user, "pk", None)
        and can_decide_claims(user, claim.body)
    )


def can_change(user, claim) -> bool:
    """Change or withdraw the claim: the member whose claim it is, while it is still "ingediend"."""
    return claim.user_id == getattr(user, "pk", None) and claim.status in rules.EDITABLE and can_claim(user, claim.body)
