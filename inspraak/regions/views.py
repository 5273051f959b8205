"""Public pages about regions, municipalities and bodies, the body page for its people, and the beheerder's screens."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inspraak.accounts.models import Role
from inspraak.accounts.permissions import can_manage_people
from inspraak.accounts.roles import roles_of
from inspraak.advice import permissions as advice_permissions
from inspraak.advice import selectors as advice_selectors
from inspraak.audit.permissions import can_view_audit
from inspraak.core.versioning import StaleEdit
from inspraak.members import permissions as member_permissions
from inspraak.members import selectors as member_selectors
from inspraak.recruitment.permissions import can_view_vacancies
from inspraak.regions import permissions, selectors, services
from inspraak.regions.forms import BodyForm, MunicipalityForm, RegionCreateForm, RegionForm
from inspraak.topics.permissions import can_handle_topics, can_take_part

# ---------------------------------------------------------------- public pages (no personal data of clients)


@require_http_methods(["GET", "HEAD"])
def region_detail(request, region):
    data = selectors.region_public(region)
    region = data["region"]
    return render(
        request,
        "regions/region_detail.html",
        {**data, "breadcrumbs": [{"label": region.name, "url": ""}]},
    )


@require_http_methods(["GET", "HEAD"])
def municipality_detail(request, region, municipality):
    data = selectors.municipality_public(region, municipality)
    region, municipality = data["region"], data["municipality"]
    return render(
        request,
        "regions/municipality_detail.html",
        {
            **data,
            "breadcrumbs": [
                {"label": region.name, "url": region.get_absolute_url()},
                {"label": municipality.name, "url": ""},
            ],
        },
    )


@require_http_methods(["GET", "HEAD"])
def body_detail(request, region, body):
    body = selectors.body_by_slugs(region, body)
    return render(
        request,
        "regions/body_detail.html",
        {
            "region": body.region,
            "body": body,
            "composition": member_selectors.body_composition(body),
            "can_view_dashboard": permissions.can_view_body_dashboard(request.user, body),
            "breadcrumbs": [
                {"label": body.region.name, "url": body.region.get_absolute_url()},
                {"label": body.name, "url": ""},
            ],
        },
    )


# ---------------------------------------------------------------- the body's own page


@login_required
@require_http_methods(["GET", "HEAD"])
def body_dashboard(request, region, body):
    body = selectors.body_for_user(request.user, region, body)
    if not permissions.can_view_body_dashboard(request.user, body):
        raise PermissionDenied
    labels = dict(Role.choices)
    my_roles = [labels[r] for r in sorted(roles_of(request.user).roles_in_body(body.pk))]
    return render(
        request,
        "regions/body_dashboard.html",
        {
            "region": body.region,
            "body": body,
            **selectors.body_support(body),
            "my_roles": my_roles,
            "composition": member_selectors.body_composition(body)
            if member_permissions.can_view_composition(request.user, body)
            else None,
            "advice_summary": advice_selectors.body_advice_summary(body)
            if advice_permissions.can_view_body_advice(request.user, body)
            else None,
            "can_view_members": member_permissions.can_view_member_list(request.user, body),
            "can_manage_members": member_permissions.can_manage_members(request.user, body),
            "is_member": Role.MEMBER in roles_of(request.user).roles_in_body(body.pk),
            "can_view_vacancies": can_view_vacancies(request.user, body),
            "can_take_part": can_take_part(request.user, body) or can_handle_topics(request.user, body),
            "can_manage": permissions.can_manage_region(request.user, body.region),
            "can_manage_people": can_manage_people(request.user, body.region),
            "can_support": permissions.can_support_body(request.user, body),
            "breadcrumbs": [
                {"label": _("Mijn overzicht"), "url": reverse("core:dashboard")},
                {"label": body.name, "url": ""},
            ],
        },
    )


# ---------------------------------------------------------------- management


def _manage_crumbs(region=None, *more: tuple[str, str]) -> list[dict]:
    crumbs = [{"label": _("Beheer"), "url": reverse("regions:manage_home")}]
    if region is not None:
        crumbs.append({"label": region.name, "url": reverse("regions:manage_region", args=[region.slug])})
    crumbs.extend({"label": label, "url": url} for label, url in more)
    crumbs[-1]["url"] = ""
    return crumbs


def _managed_region(request, slug: str):
    """The region from the URL: 404 outside the person's regions, 403 without the right to manage it."""
    region = selectors.region_for_user(request.user, slug)
    if not permissions.can_manage_region(request.user, region):
        raise PermissionDenied
    return region


def _form_page(request, form, *, title: str, submit: str, crumbs: list[dict], region=None, **extra):
    return render(
        request,
        "regions/form_page.html",
        {"form": form, "title": title, "submit": submit, "breadcrumbs": crumbs, "region": region, **extra},
    )


@login_required
@require_http_methods(["GET", "HEAD"])
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
@require_http_methods(["GET", "HEAD", "POST"])
def region_new(request):
    if not permissions.can_create_region(request.user):
        raise PermissionDenied
    form = RegionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region = services.region_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("De regio is aangemaakt. Voeg nu de gemeenten toe."))
        return redirect("regions:manage_region", region=region.slug)
    return _form_page(
        request,
        form,
        title=_("Nieuwe regio"),
        submit=_("Regio aanmaken"),
        crumbs=_manage_crumbs(None, (_("Nieuwe regio"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def manage_region(request, region):
    region = _managed_region(request, region)
    return render(
        request,
        "regions/manage_region.html",
        {
            "region": region,
            **selectors.region_overview(region),
            "can_manage_people": can_manage_people(request.user, region),
            "can_view_audit": can_view_audit(request.user, region),
            "breadcrumbs": _manage_crumbs(region),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def region_edit(request, region):
    region = _managed_region(request, region)
    # The form validates a copy, so ``region`` keeps its stored values for the service to compare with
    # (and for the page title when the input has errors).
    form = RegionForm(request.POST or None, instance=copy.copy(region))
    if request.method == "POST" and form.is_valid():
        try:
            services.region_update(region=region, by=request.user, version=form.posted_version, **form.cleaned_data)
        except StaleEdit as stale:
            form.mark_stale(stale)
        else:
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect("regions:manage_region", region=region.slug)
    return _form_page(
        request,
        form,
        title=_("Instellingen van de regio"),
        intro=_("De regels hieronder zijn de standaard voor nieuwe organen. Bestaande organen veranderen niet mee."),
        submit=_("Opslaan"),
        region=region,
        crumbs=_manage_crumbs(region, (_("Instellingen"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def municipality_new(request, region):
    region = _managed_region(request, region)
    form = MunicipalityForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        municipality = services.municipality_create(region=region, by=request.user, **form.cleaned_data)
        messages.success(request, _("Gemeente %(name)s is toegevoegd.") % {"name": municipality.name})
        return redirect("regions:manage_region", region=region.slug)
    return _form_page(
        request,
        form,
        title=_("Gemeente toevoegen"),
        submit=_("Gemeente toevoegen"),
        region=region,
        crumbs=_manage_crumbs(region, (_("Gemeente toevoegen"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def municipality_edit(request, region, municipality):
    region = _managed_region(request, region)
    municipality = selectors.municipality_in(region, municipality)
    name = municipality.name
    form = MunicipalityForm(request.POST or None, instance=copy.copy(municipality), region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.municipality_update(
                municipality=municipality, by=request.user, version=form.posted_version, **form.cleaned_data
            )
        except StaleEdit as stale:
            form.mark_stale(stale)
        else:
            messages.success(request, _("Gemeente %(name)s is opgeslagen.") % {"name": form.cleaned_data["name"]})
            return redirect("regions:manage_region", region=region.slug)
    return _form_page(
        request,
        form,
        title=_("Gemeente %(name)s bewerken") % {"name": name},
        submit=_("Opslaan"),
        delete_url=reverse("regions:municipality_delete", args=[region.slug, municipality.slug]),
        delete_label=_("Gemeente verwijderen"),
        region=region,
        crumbs=_manage_crumbs(region, (name, "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_new(request, region):
    region = _managed_region(request, region)
    form = BodyForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        body = services.body_create(region=region, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s is toegevoegd.") % {"name": body.name})
        return redirect("regions:manage_region", region=region.slug)
    return _form_page(
        request,
        form,
        title=_("Orgaan toevoegen"),
        intro=_("De regels staan al ingevuld met de standaard van de regio. U kunt ze voor dit orgaan aanpassen."),
        submit=_("Orgaan toevoegen"),
        region=region,
        crumbs=_manage_crumbs(region, (_("Orgaan toevoegen"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_edit(request, region, body):
    region = _managed_region(request, region)
    body = selectors.body_in(region, body)
    name = body.name
    form = BodyForm(request.POST or None, instance=copy.copy(body), region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_update(body=body, by=request.user, version=form.posted_version, **form.cleaned_data)
        except StaleEdit as stale:
            form.mark_stale(stale)
        else:
            messages.success(request, _("%(name)s is opgeslagen.") % {"name": form.cleaned_data["name"]})
            return redirect("regions:manage_region", region=region.slug)
    return _form_page(
        request,
        form,
        title=_("%(name)s bewerken") % {"name": name},
        submit=_("Opslaan"),
        delete_url=reverse("regions:body_delete", args=[region.slug, body.slug]),
        delete_label=_("Orgaan verwijderen"),
        region=region,
        crumbs=_manage_crumbs(region, (name, "")),
    )


def _confirm_delete(request, region, obj, *, dependents, delete, edit_url: str):
    """GET: a confirmation page (or why it cannot be removed). POST: remove, or refuse with a clear message."""
    if request.method == "POST":
        try:
            delete()
        except services.InUseError:
            messages.error(
                request,
                _("%(name)s is niet verwijderd: er zijn nog organen of personen aan gekoppeld.") % {"name": obj},
            )
            return redirect(request.path)
        messages.success(request, _("%(name)s is verwijderd.") % {"name": obj})
        return redirect("regions:manage_region", region=region.slug)
    return render(
        request,
        "regions/confirm_delete.html",
        {
            "object": obj,
            "region": region,
            "dependents": dependents(),
            "edit_url": edit_url,
            "breadcrumbs": _manage_crumbs(region, (str(obj), edit_url), (_("Verwijderen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def municipality_delete(request, region, municipality):
    region = _managed_region(request, region)
    municipality = selectors.municipality_in(region, municipality)
    return _confirm_delete(
        request,
        region,
        municipality,
        dependents=lambda: selectors.municipality_dependents(municipality),
        delete=lambda: services.municipality_delete(municipality=municipality, by=request.user),
        edit_url=reverse("regions:municipality_edit", args=[region.slug, municipality.slug]),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_delete(request, region, body):
    region = _managed_region(request, region)
    body = selectors.body_in(region, body)
    return _confirm_delete(
        request,
        region,
        body,
        dependents=lambda: selectors.body_dependents(body),
        delete=lambda: services.body_delete(body=body, by=request.user),
        edit_url=reverse("regions:body_edit", args=[region.slug, body.slug]),
    )
