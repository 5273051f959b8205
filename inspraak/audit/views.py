from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from inspraak.audit import selectors
from inspraak.audit.labels import action_label
from inspraak.audit.permissions import can_view_audit
from inspraak.regions.selectors import region_for_user


@login_required
def log(request, region):
    region = region_for_user(request.user, region)
    if not can_view_audit(request.user, region):
        raise PermissionDenied
    action = request.GET.get("handeling", "")
    target_type = request.GET.get("soort", "")
    page = selectors.audit_page(region, page=request.GET.get("pagina"), action=action, target_type=target_type)
    for event in page.object_list:
        event.action_label = action_label(event.action)
    actions, types = selectors.audit_filter_choices(region)
    return render(
        request,
        "audit/log.html",
        {
            "region": region,
            "page": page,
            "actions": [(a, action_label(a)) for a in actions],
            "types": types,
            "action": action,
            "target_type": target_type,
            "breadcrumbs": [
                {"label": _("Beheer"), "url": reverse("regions:manage_home")},
                {"label": region.name, "url": reverse("regions:manage_region", args=[region.slug])},
                {"label": _("Logboek"), "url": ""},
            ],
        },
    )
