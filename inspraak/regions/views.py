from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from inspraak.accounts.roles import roles_of
from inspraak.regions.models import Body, Municipality, Region


@login_required
def manage_home(request):
    roles = roles_of(request.user)
    if not roles.admin_region_ids:
        raise PermissionDenied
    regions = Region.objects.filter(pk__in=roles.admin_region_ids)
    return render(request, "regions/manage_home.html", {"regions": regions})


def region_detail(request, region):
    region = get_object_or_404(Region, slug=region)
    return render(request, "regions/region_detail.html", {"region": region})


def municipality_detail(request, region, municipality):
    municipality = get_object_or_404(Municipality, region__slug=region, slug=municipality)
    return render(request, "regions/municipality_detail.html", {"municipality": municipality})


def body_detail(request, region, body):
    body = get_object_or_404(Body, region__slug=region, slug=body)
    return render(request, "regions/body_detail.html", {"body": body})
