"""Public pages about regions, municipalities and bodies, and the beheerder's screens to manage them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from inspraak.regions import permissions, selectors, services
from inspraak.regions.forms import BodyForm, MunicipalityForm, RegionCreateForm, RegionForm

# ---------------------------------------------------------------- public pages


def region_detail(request, region):
    region, municipalities, bodies = selectors.region_public(region)
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "municipalities": municipalities,
            "regional_bodies": [b for b in bodies if not b.municipality_id],
            "municipal_bodies": [b for b in bodies if b.municipality_id],
            "breadcrumbs": [{"label": region.name, "url": ""}],
        },
    )


def municipality_detail(request, region, municipality):
    municipality, bodies = selectors.municipality_public(region, municipality)
    region = municipality.region
    return render(
        request,
        "regions/municipality_detail.html",
        {
            "region": region,
            "municipality": municipality,
            "bodies": bodies,
            "breadcrumbs": [
                {"label": region.name, "url": region.get_absolute_url()},
                {"label": municipality.name, "url": ""},
            ],
        },
    )


def body_detail(request, region, body):
    body = selectors.body_by_slugs(region, body)
    return render(
        request,
        "regions/body_detail.html",
        {
            "region": body.region,
            "body": body,
            "can_view_dashboard": permissions.can_view_body_dashboard(request.user, body),
            "breadcrumbs": [
                {"label": body.region.name, "url": body.region.get_absolute_url()},
                {"label": body.name, "url": ""},
            ],
        },
    )


# ---------------------------------------------------------------- management


def _manage_crumbs(region=None, *more):
    crumbs = [{"label": _("Beheer"), "url": reverse("regions:manage_home")}]
    if region is not None:
        crumbs.append({"label": region.name, "url": reverse("regions:manage_region", args=[region.slug])})
    crumbs.extend({"label": label, "url": url} for label, url in more)
    crumbs[-1]["url"] = ""
    return crumbs


def _managed_region(request, slug):
    region = selectors.region_for_user(request.user, slug)
    if not (request.user.is_superuser or permissions.can_manage_region(request.user, region)):
        raise PermissionDenied
    return region


@login_required
def manage_home(request):
    if not permissions.can_open_management(request.user):
        raise PermissionDenied
    return render(
        request,
        "regions/manage_home.html",
        {
            "regions": selectors.managed_regions(request.user),
            "can_create_region": permissions.can_create_region(request.user),
            "breadcrumbs": _manage_crumbs(),
        },
    )


@login_required
def region_new(request):
    if not permissions.can_create_region(request.user):
        raise PermissionDenied
    form = RegionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region = services.region_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("De regio is aangemaakt."))
        return redirect("regions:manage_region", region=region.slug)
    return render(
        request,
        "regions/form_page.html",
        {
            "form": form,
            "title": _("Nieuwe regio"),
            "submit": _("Regio aanmaken"),
            "breadcrumbs": _manage_crumbs(None, (_("Nieuwe regio"), "")),
        },
    )


@login_required
def manage_region(request, region):
    region = _managed_region(request, region)
    return render(
        request,
        "regions/manage_region.html",
        {"region": region, **selectors.region_overview(region), "breadcrumbs": _manage_crumbs(region)},
    )


@login_required
def region_edit(request, region):
    region = _managed_region(request, region)
    form = RegionForm(request.POST or None, instance=region)
    if request.method == "POST" and form.is_valid():
        services.region_update(region=selectors.region_by_slug(region.slug), by=request.user, **form.cleaned_data)
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("regions:manage_region", region=region.slug)
    return render(
        request,
        "regions/form_page.html",
        {
            "form": form,
            "title": _("Instellingen van de regio"),
            "intro": _("De regels hieronder gelden als standaard voor nieuwe organen."),
            "submit": _("Opslaan"),
            "breadcrumbs": _manage_crumbs(region, (_("Instellingen"), "")),
        },
    )


@login_required
def municipality_new(request, region):
    region = _managed_region(request, region)
    form = MunicipalityForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        services.municipality_create(region=region, by=request.user, **form.cleaned_data)
        messages.success(request, _("De gemeente is toegevoegd."))
        return redirect("regions:manage_region", region=region.slug)
    return render(
        request,
        "regions/form_page.html",
        {
            "form": form,
            "title": _("Gemeente toevoegen"),
            "submit": _("Gemeente toevoegen"),
            "breadcrumbs": _manage_crumbs(region, (_("Gemeente toevoegen"), "")),
        },
    )


@login_required
def municipality_edit(request, region, municipality):
    region = _managed_region(request, region)
    municipality = selectors.municipality_in(region, municipality)
    form = MunicipalityForm(request.POST or None, instance=municipality, region=region)
    if request.method == "POST" and form.is_valid():
        services.municipality_update(
            municipality=selectors.municipality_in(region, municipality.slug), by=request.user, **form.cleaned_data
        )
        messages.success(request, _("De gemeente is opgeslagen."))
        return redirect("regions:manage_region", region=region.slug)
    return render(
        request,
        "regions/form_page.html",
        {
            "form": form,
            "title": _("Gemeente %(name)s bewerken") % {"name": municipality.name},
            "submit": _("Opslaan"),
            "delete_url": reverse("regions:municipality_delete", args=[region.slug, municipality.slug]),
            "breadcrumbs": _manage_crumbs(region, (municipality.name, "")),
        },
    )


@login_required
def body_new(request, region):
    region = _managed_region(request, region)
    form = BodyForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        services.body_create(region=region, by=request.user, **form.cleaned_data)
        messages.success(request, _("Het orgaan is toegevoegd."))
        return redirect("regions:manage_region", region=region.slug)
    return render(
        request,
        "regions/form_page.html",
        {
            "form": form,
            "title": _("Orgaan toevoegen"),
            "submit": _("Orgaan toevoegen"),
            "breadcrumbs": _manage_crumbs(region, (_("Orgaan toevoegen"), "")),
        },
    )


@login_required
def body_edit(request, region, body):
    region = _managed_region(request, region)
    body = selectors.body_in(region, body)
    form = BodyForm(request.POST or None, instance=body, region=region)
    if request.method == "POST" and form.is_valid():
        services.body_update(body=selectors.body_in(region, body.slug), by=request.user, **form.cleaned_data)
        messages.success(request, _("Het orgaan is opgeslagen."))
        return redirect("regions:manage_region", region=region.slug)
    return render(
        request,
        "regions/form_page.html",
        {
            "form": form,
            "title": _("%(name)s bewerken") % {"name": body.name},
            "submit": _("Opslaan"),
            "delete_url": reverse("regions:body_delete", args=[region.slug, body.slug]),
            "breadcrumbs": _manage_crumbs(region, (body.name, "")),
        },
    )


def _confirm_delete(request, region, obj, delete):
    if request.method == "POST":
        try:
            delete()
        except services.InUseError:
            messages.error(
                request,
                _("%(name)s kan niet worden verwijderd: er zijn nog gegevens aan gekoppeld, zoals organen of rollen.")
                % {"name": obj},
            )
            return redirect("regions:manage_region", region=region.slug)
        messages.success(request, _("%(name)s is verwijderd.") % {"name": obj})
        return redirect("regions:manage_region", region=region.slug)
    return render(
        request,
        "regions/confirm_delete.html",
        {"object": obj, "region": region, "breadcrumbs": _manage_crumbs(region, (_("Verwijderen"), ""))},
    )


@login_required
def municipality_delete(request, region, municipality):
    region = _managed_region(request, region)
    municipality = selectors.municipality_in(region, municipality)
    return _confirm_delete(
        request, region, municipality, lambda: services.municipality_delete(municipality=municipality, by=request.user)
    )


@login_required
def body_delete(request, region, body):
    region = _managed_region(request, region)
    body = selectors.body_in(region, body)
    return _confirm_delete(request, region, body, lambda: services.body_delete(body=body, by=request.user))


@login_required
def body_dashboard(request, region, body):
    body = selectors.body_for_user(request.user, region, body)
    if not permissions.can_view_body_dashboard(request.user, body):
        raise PermissionDenied
    return render(
        request,
        "regions/body_dashboard.html",
        {
            "region": body.region,
            "body": body,
            **selectors.body_support(body),
            "can_manage": permissions.can_manage_region(request.user, body.region),
            "breadcrumbs": [
                {"label": _("Mijn overzicht"), "url": reverse("core:dashboard")},
                {"label": body.name, "url": ""},
            ],
        },
    )
