from __future__ import annotations

from django.core.paginator import Paginator

from inspraak.audit.models import AuditEvent

PAGE_SIZE = 50


def audit_page(region, *, page: str | int | None, action: str = "", target_type: str = ""):
    events = AuditEvent.objects.filter(region=region).select_related("actor").order_by("-at", "-id")
    if action:
        events = events.filter(action=action)
    if target_type:
        events = events.filter(target_type=target_type)
    return Paginator(events, PAGE_SIZE).get_page(page)


def audit_filter_choices(region) -> tuple[list[str], list[str]]:
    rows = AuditEvent.objects.filter(region=region).values_list("action", "target_type").distinct()
    actions = sorted({a for a, _ in rows})
    types = sorted({t for _, t in rows})
    return actions, types
