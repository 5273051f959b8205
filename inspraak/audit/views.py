"""The audit log page of a region, for its beheerder."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inspraak.audit import selectors
from inspraak.audit.permissions import can_view_audit
from inspraak.regions.selectors import region_for_user


@login_required
@require_http_methods(["GET", "HEAD"])
def log(request, region):
    region = region_for_user(request.user, region)
    if not can_view_audit(request.user, region):
        raise PermissionDenied
    actions, types = selectors.audit_filter_choices(region)
    # Only filter on values that occur; anything else is ignored rather than giving an empty or broken page.
    action = request.GET.get("handeling", "")
    action = action if action in {code for code, _label in actions} else ""
    target_type = request.GET.get("soort", "")
    target_type = target_type if target_type in {code for code, _label in types} else ""
    page = selectors.audit_page(region, page=request.GET.get("pagina"), action=action, target_type=target_type)
    return render(
        request,
        "audit/log.html",
        {
            "region": region,
            "page": page,
            "actions": actions,
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
