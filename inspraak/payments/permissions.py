"""Who may see and handle money for members: allowances, payment batches, yearly statements and the budget."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of


def _is_finance(user, region_id: int) -> bool:
    return region_id in roles_of(user).finance_region_ids


def _is_secretary(user, body) -> bool:
    return Role.SECRETARY in roles_of(user).roles_in_body(body.pk)


def can_handle_allowances(user, body) -> bool:
    """See a group's allowances per month and approve them: the group's secretary and the region's finance role."""
    return _is_secretary(user, body) or _is_finance(user, body.region_id)


def can_make_batches_for_body(user, body) -> bool:
    """Put a group's approved allowances and claims in a payment batch: its secretary and the finance role."""
    return can_handle_allowances(user, body)


def can_make_region_batches(user, region) -> bool:
    """Payment batches for all groups of the region at once: the finance role."""
    return _is_finance(user, region.pk)


def can_view_batch(user, batch) -> bool:
    """A batch: the finance role of its region; a group's batch also its secretary."""
    if _is_finance(user, batch.region_id):
        return True
    return batch.body_id is not None and Role.SECRETARY in roles_of(user).roles_in_body(batch.body_id)


def can_mark_batch_paid(user, batch) -> bool:
    return batch.paid_on is None and can_view_batch(user, batch)


def can_send_statements(user, body) -> bool:
    """Send the yearly statements of a group's members (letters and emails): the group's secretary."""
    return _is_secretary(user, body)


def can_view_budget(user, body) -> bool:
    """The group's budget: its secretary, the region's finance role and beheerder."""
    if _is_secretary(user, body) or _is_finance(user, body.region_id):
        return True
    return body.region_id in roles_of(user).admin_region_ids


def can_plan_budget(user, body) -> bool:
    """The planned amounts per kind: the beheerder."""
    return body.region_id in roles_of(user).admin_region_ids


def can_add_budget_cost(user, body) -> bool:
    """Other costs (facilitator's invoice, room): the group's secretary and the beheerder."""
    return _is_secretary(user, body) or can_plan_budget(user, body)
