"""Reads of the audit log, always scoped to one region. Fixed number of queries."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from inspraak.audit.labels import action_label, field_labels, type_label
from inspraak.audit.models import AuditEvent

PAGE_SIZE = 50


def audit_page(region, *, page: str | int | None, action: str = "", target_type: str = "") -> Page:
    """One page of the region's log, newest first, with plain-Dutch labels. 2 queries (count + rows)."""
    events = (
        AuditEvent.objects.filter(region=region)
        .select_related("actor")
        .only("at", "action", "target_type", "target_id", "target_label", "changed_fields", "actor__name")
        .order_by("-at", "-id")
    )
    if action:
        events = events.filter(action=action)
    if target_type:
        events = events.filter(target_type=target_type)
    result = Paginator(events, PAGE_SIZE).get_page(page)
    for event in result.object_list:
        event.action_label = action_label(event.action)
        event.type_label = type_label(event.target_type)
        event.field_labels = field_labels(event.target_type, event.changed_fields or [])
    return result


def audit_filter_choices(region) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The actions and object types that occur in the region's log, as (code, label) pairs. 1 query."""
    rows = set(AuditEvent.objects.filter(region=region).values_list("action", "target_type").distinct())
    actions = sorted({(a, action_label(a)) for a, _ in rows}, key=lambda pair: pair[1].lower())
    types = sorted({(t, type_label(t)) for _, t in rows}, key=lambda pair: pair[1].lower())
    return actions, types
