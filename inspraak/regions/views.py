"""Public pages about regions and municipalities, and the beheerder's screens: the region, its municipalities and
bodies, the emails that did not arrive and the audit log."""

from __future__ import annotations

import copy
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.accounts.permissions import can_manage_people
from inspraak.audit import selectors as audit_selectors
from inspraak.core import outbox
from inspraak.core import selectors as outbox_selectors
from inspraak.core.breadcrumbs import manage_trail, trail
from inspraak.core.errors import message_for
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit
from inspraak.regions import changes, permissions, present, selectors, services
from inspraak.regions.access import access_region
from inspraak.regions.forms import BodyForm, MunicipalityForm, RegionCreateForm, RegionForm

# ---------------------------------------------------------------- public pages (no personal data of clients)


# How long a region's public page is kept at most; it is renewed at once when a region, municipality or body changes.
REGION_PAGE_SECONDS = 24 * 60 * 60


@require_safe
def region_detail(request, region):
    """The public page of a region, where a client picks their group. Its main part shows only the region, its
    municipalities and bodies, the same for everyone: rendered without the request (no CSRF token or nonce in it) and
    kept per language under the change token of regions, municipalities and bodies (ADR 0031, as the home page's
    cards): 1 query when kept, 4 when not. An unknown region is a 404 and leaves nothing behind."""
    version = changes.version()
    key = f"region_page:{region}:{get_language()}:{version}"
    kept = cache.get(key) if version else None
    if kept is None:
        data = selectors.region_public(region)
        kept = (data["region"], render_to_string("regions/_region_main.html", data))
        if version:
            cache.set(key, kept, REGION_PAGE_SECONDS)
    region, main = kept
    return render(
        request,
        "regions/region_detail.html",
        {"region": region, "main": main, "breadcrumbs": trail((region.name, ""))},
    )


@require_safe
def municipality_detail(request, region, municipality):
    data = selectors.municipality_public(region, municipality)
    region, municipality = data["region"], data["municipality"]
    return render(
        request,
        "regions/municipality_detail.html",
        {
            **data,
            "breadcrumbs": trail((region.name, region.get_absolute_url()), (municipality.name, "")),
        },
    )


# ---------------------------------------------------------------- management

MESSAGES = {
    "cbs_code_taken": gettext_lazy("Er is in deze regio al een gemeente met deze CBS-code."),
    "in_use": gettext_lazy("%(name)s is niet verwijderd: er zijn nog groepen of personen aan gekoppeld."),
}


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
    return form_page(
        request,
        form,
        title=_("Nieuwe regio"),
        submit=_("Regio aanmaken"),
        breadcrumbs=manage_trail(None, (_("Nieuwe regio"), "")),
    )


@login_required
@require_safe
def manage_region(request, region):
    region = access_region(request, region)
    overview = selectors.region_overview(region)
    return render(
        request,
        "regions/manage_region.html",
        {
            "region": region,
            "municipalities": overview["municipalities"],
            "municipality_rows": present.municipality_rows(overview["municipalities"]),
            "bodies": overview["bodies"],
            "body_rows": present.body_rows(overview["bodies"]),
            "can_manage_people": can_manage_people(request.user, region),
            "can_view_audit": permissions.can_view_audit(request.user, region),
            "can_manage_emails": permissions.can_manage_emails(request.user, region),
            "breadcrumbs": manage_trail(region),
        },
    )


def _municipality_count(request, region) -> int:
    """For the seats check of a posted form; showing the page needs no count (and runs no query for it)."""
    return selectors.municipality_count(region) if request.method == "POST" else 0


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def region_edit(request, region):
    region = access_region(request, region)
    # The form validates a copy, so ``region`` keeps its stored values for the service to compare with
    # (and for the page title when the input has errors).
    form = RegionForm(
        request.POST or None, instance=copy.copy(region), municipality_count=_municipality_count(request, region)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.region_update(region=region, by=request.user, version=form.posted_version, **form.cleaned_data)
        except StaleEdit as stale:
            form.mark_stale(stale)
        else:
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect("regions:manage_region", region=region.slug)
    return form_page(
        request,
        form,
        title=_("Instellingen van de regio"),
        intro=_("De regels hieronder zijn de standaard voor nieuwe groepen. Bestaande groepen veranderen niet mee."),
        submit=_("Opslaan"),
        region=region,
        breadcrumbs=manage_trail(region, (_("Instellingen"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def municipality_new(request, region):
    region = access_region(request, region)
    form = MunicipalityForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            municipality = services.municipality_create(region=region, by=request.user, **form.cleaned_data)
        except services.CbsCodeTakenError as error:
            form.add_error("cbs_code", message_for(error, MESSAGES))
        else:
            messages.success(request, _("Gemeente %(name)s is toegevoegd.") % {"name": municipality.name})
            return redirect("regions:manage_region", region=region.slug)
    return form_page(
        request,
        form,
        title=_("Gemeente toevoegen"),
        submit=_("Gemeente toevoegen"),
        region=region,
        breadcrumbs=manage_trail(region, (_("Gemeente toevoegen"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def municipality_edit(request, region, municipality):
    region = access_region(request, region)
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
        except services.CbsCodeTakenError as error:
            form.add_error("cbs_code", message_for(error, MESSAGES))
        else:
            messages.success(request, _("Gemeente %(name)s is opgeslagen.") % {"name": form.cleaned_data["name"]})
            return redirect("regions:manage_region", region=region.slug)
    return form_page(
        request,
        form,
        title=_("Gemeente %(name)s bewerken") % {"name": name},
        submit=_("Opslaan"),
        delete_url=reverse("regions:municipality_delete", args=[region.slug, municipality.slug]),
        delete_label=_("Gemeente verwijderen"),
        region=region,
        breadcrumbs=manage_trail(region, (name, "")),
    )


def _body_choices(request, region) -> dict:
    return {
        "municipalities": selectors.municipality_choices(region),
        "municipality_count": _municipality_count(request, region),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_new(request, region):
    region = access_region(request, region)
    form = BodyForm(request.POST or None, region=region, **_body_choices(request, region))
    if request.method == "POST" and form.is_valid():
        body = services.body_create(region=region, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s is toegevoegd.") % {"name": body.name})
        return redirect("regions:manage_region", region=region.slug)
    return form_page(
        request,
        form,
        title=_("Groep toevoegen"),
        intro=_("De regels staan al ingevuld met de standaard van de regio. U kunt ze voor deze groep aanpassen."),
        submit=_("Groep toevoegen"),
        region=region,
        breadcrumbs=manage_trail(region, (_("Groep toevoegen"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_edit(request, region, body):
    region = access_region(request, region)
    body = selectors.body_in(region, body)
    name = body.name
    form = BodyForm(request.POST or None, instance=copy.copy(body), region=region, **_body_choices(request, region))
    if request.method == "POST" and form.is_valid():
        try:
            services.body_update(body=body, by=request.user, version=form.posted_version, **form.cleaned_data)
        except StaleEdit as stale:
            form.mark_stale(stale)
        else:
            messages.success(request, _("%(name)s is opgeslagen.") % {"name": form.cleaned_data["name"]})
            return redirect("regions:manage_region", region=region.slug)
    return form_page(
        request,
        form,
        title=_("%(name)s bewerken") % {"name": name},
        submit=_("Opslaan"),
        delete_url=reverse("regions:body_delete", args=[region.slug, body.slug]),
        delete_label=_("Groep verwijderen"),
        region=region,
        breadcrumbs=manage_trail(region, (name, "")),
    )


def _confirm_delete(request, region, obj, *, dependents, delete, edit_url: str):
    """GET: a confirmation page (or why it cannot be removed). POST: remove, or refuse with a clear message."""
    if request.method == "POST":
        try:
            delete()
        except services.InUseError as error:
            messages.error(request, message_for(error, MESSAGES))
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
            "breadcrumbs": manage_trail(region, (str(obj), edit_url), (_("Verwijderen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def municipality_delete(request, region, municipality):
    region = access_region(request, region)
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
    region = access_region(request, region)
    body = selectors.body_in(region, body)
    return _confirm_delete(
        request,
        region,
        body,
        dependents=lambda: selectors.body_dependents(body),
        delete=lambda: services.body_delete(body=body, by=request.user),
        edit_url=reverse("regions:body_edit", args=[region.slug, body.slug]),
    )


# ---------------------------------------------------------------- beheer: emails that did not arrive

EMAIL_PURPOSES = {
    "feedback_report": gettext_lazy("Terugkoppeling aan de GR"),
    "invitation": gettext_lazy("Uitnodiging voor een bijeenkomst"),
}


def mask_address(address: str) -> str:
    """Enough of an address to recognise it, not to read it: ``a***@example.org``."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def _failure_rows(region) -> list[dict]:
    return [
        {
            "pk": email.pk,
            "kind": EMAIL_PURPOSES.get(email.purpose, _("Andere e-mail")),
            "to": mask_address(email.to),
            "created_at": email.created_at,
            "attempts": email.attempts,
            "error": email.last_error or "–",
        }
        for email in outbox_selectors.failed_emails(region)
    ]


@login_required
@require_safe
def email_failures(request, region):
    """The region's emails that did not arrive, with a button to send each again. Never their text."""
    region = access_region(request, region, check=permissions.can_manage_emails)
    return render(
        request,
        "regions/email_failures.html",
        {
            "region": region,
            "rows": _failure_rows(region),
            "limit": outbox_selectors.FAILED_EMAILS_SHOWN,
            "breadcrumbs": manage_trail(region, (_("E-mails die niet aankwamen"), "")),
        },
    )


@login_required
@require_POST
def email_retry(request, region, pk):
    region = access_region(request, region, check=permissions.can_manage_emails)
    outbox.retry(email=outbox_selectors.failed_email(region, pk), by=request.user)
    messages.success(request, _("De e-mail wordt opnieuw verstuurd."))
    return redirect("regions:email_failures", region=region.slug)


# ---------------------------------------------------------------- beheer: the audit log


def _known(value: str, choices) -> str:
    """Only filter on values that occur; anything else is ignored rather than giving an empty or broken page."""
    return value if value in {code for code, _label in choices} else ""


@login_required
@require_safe
def audit_log(request, region):
    region = access_region(request, region, check=permissions.can_view_audit)
    actions, types = audit_selectors.audit_filter_choices(region)
    action = _known(request.GET.get("handeling", ""), actions)
    target_type = _known(request.GET.get("soort", ""), types)
    page = audit_selectors.audit_page(region, after=request.GET.get("na"), action=action, target_type=target_type)
    filters = {key: value for key, value in (("handeling", action), ("soort", target_type)) if value}
    return render(
        request,
        "regions/audit_log.html",
        {
            "region": region,
            "page": page,
            "rows": present.audit_rows(page.object_list),
            "action_options": present.options(actions, action),
            "type_options": present.options(types, target_type),
            # Newest first, paged by a cursor: "oudere regels" continues after the last row of this page.
            "older_url": "?" + urlencode({**filters, "na": page.older}) if page.older else "",
            "newest_url": "?" + urlencode(filters) if page.cursor else "",
            "breadcrumbs": manage_trail(region, (_("Logboek"), "")),
        },
    )
