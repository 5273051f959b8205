"""The verordening register: the staff pages (register, record, edit, import) and the public pages."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from inspraak.audit.cache import RegionCache
from inspraak.bylaws import csvformat, permissions, present, selectors, services
from inspraak.bylaws.access import access_bylaw, access_register
from inspraak.bylaws.forms import FILE_EMPTY, FILE_TOO_LARGE, FILE_TYPE, BylawForm, ImportForm
from inspraak.bylaws.models import ELEMENT_LABELS, ELEMENTS
from inspraak.core.breadcrumbs import dashboard_trail, manage_trail, trail
from inspraak.core.documents import PDF, file_response
from inspraak.core.files import STORE_FAILED
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit
from inspraak.regions import selectors as region_selectors

# BylawError code -> (field, message)
ERRORS = {
    "municipality_out_of_region": ("municipality", gettext_lazy("Kies een gemeente uit de lijst.")),
    "body_out_of_region": ("designated_bodies", gettext_lazy("Kies groepen uit de lijst.")),
    "file_empty": ("pdf", FILE_EMPTY),
    "file_too_large": ("pdf", FILE_TOO_LARGE),
    "file_type": ("pdf", FILE_TYPE),
    "file_storage": ("pdf", STORE_FAILED),
}


def _staff_trail(region, scope, *steps):
    """The beheerder's trail runs through the region's beheer page; an officer's through "Mijn overzicht"."""
    register = (_("Verordeningen"), reverse("bylaws:register", args=[region.slug]))
    if scope.admin:
        return manage_trail(region, register, *steps)
    return dashboard_trail(register, *steps)


def _elements(bylaw) -> list[dict]:
    rows = []
    for letter in ELEMENTS:
        regulated, article, quote = bylaw.element(letter)
        rows.append(
            {
                "letter": letter,
                "label": ELEMENT_LABELS[letter],
                "regulated": regulated,
                "article": article,
                "quote": quote,
            }
        )
    return rows


def _apply_error(form, error) -> None:
    field, message = ERRORS.get(error.code, (None, _("Dit kan niet.")))
    form.add_error(field, message)


# ---------------------------------------------------------------- staff pages


@login_required
@require_safe
def register(request, region):
    """Every municipality of the region (and the GR) with the text in force today, its check and every text."""
    region, scope = access_register(request, region)
    today = timezone.localdate()
    rows = selectors.register(region, on=today)
    for row in rows:
        row.can_record = permissions.can_record_for(request.user, region, row.municipality)
    return render(
        request,
        "bylaws/register.html",
        {
            "region": region,
            "rows": rows,
            "today": today,
            "can_record": permissions.can_record_any(request.user, region, scope.municipality_ids),
            "can_import": permissions.can_import(request.user, region),
            "breadcrumbs": _staff_trail(region, scope),
        },
    )


def _form(request, region, scope, *, instance=None, initial=None):
    allow_gr = permissions.can_record_for(request.user, region, None)
    return BylawForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        initial=initial,
        region=region,
        municipalities=selectors.municipality_choices(region, scope),
        allow_gr=allow_gr,
        bodies=selectors.body_choices(region),
    )


def _check_posted_municipality(request, region) -> None:
    """A POST for a municipality of the region the person may not record for is refused (403), as the page is."""
    if request.method != "POST":
        return
    wanted = selectors.posted_municipality(region, request.POST.get("municipality", ""))
    if wanted is not selectors.UNKNOWN and not permissions.can_record_for(request.user, region, wanted):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new(request, region):
    region, scope = access_register(request, region)
    if not permissions.can_record_any(request.user, region, scope.municipality_ids):
        raise PermissionDenied
    _check_posted_municipality(request, region)
    initial = {}
    chosen = selectors.municipality_by_slug(region, request.GET.get("gemeente", ""))
    if chosen is not None and permissions.can_record_for(request.user, region, chosen):
        initial["municipality"] = chosen.pk
    form = _form(request, region, scope, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            bylaw = services.create_bylaw(region=region, by=request.user, **form.service_kwargs())
        except services.BylawError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("De verordening is vastgelegd."))
            return redirect("bylaws:detail", region=region.slug, pk=bylaw.pk)
    return form_page(
        request,
        form,
        title=_("Verordening vastleggen"),
        intro=_("Neem de gegevens over uit de tekst van de verordening. Daarna ziet u meteen of die voldoet."),
        submit=_("Vastleggen"),
        multipart=True,
        region=region,
        back_url=reverse("bylaws:register", args=[region.slug]),
        back_label=_("Terug naar de verordeningen"),
        breadcrumbs=_staff_trail(region, scope, (_("Vastleggen"), "")),
    )


@login_required
@require_safe
def detail(request, region, pk):
    bylaw, scope = access_bylaw(request, region, pk)
    today = timezone.localdate()
    return render(
        request,
        "bylaws/detail.html",
        {
            "region": bylaw.region,
            "bylaw": bylaw,
            "elements": _elements(bylaw),
            "check": selectors.bylaw_check(bylaw, on=today),
            "in_force_today": bylaw.in_force_from <= today
            and (bylaw.in_force_until is None or today <= bylaw.in_force_until),
            "today": today,
            "events": selectors.bylaw_events(bylaw),
            "can_edit": permissions.can_edit_bylaw(request.user, bylaw),
            "breadcrumbs": _staff_trail(bylaw.region, scope, (bylaw.title, "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, region, pk):
    bylaw, scope = access_bylaw(request, region, pk, edit=True)
    region = bylaw.region
    _check_posted_municipality(request, region)
    title = bylaw.title
    form = _form(request, region, scope, instance=copy.copy(bylaw))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_bylaw(bylaw=bylaw, by=request.user, version=form.posted_version, **form.service_kwargs())
        except StaleEdit as stale:
            current = stale.current
            if current is not None:
                stored = {name: getattr(current, name) for name in form.fields if hasattr(current, name)}
                stored.pop("designated_bodies", None)
                form.mark_stale(stale, stored)
            else:
                form.mark_stale(stale)
        except services.BylawError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("De verordening is opgeslagen."))
            return redirect("bylaws:detail", region=region.slug, pk=bylaw.pk)
    return form_page(
        request,
        form,
        title=_("%(title)s wijzigen") % {"title": title},
        submit=_("Opslaan"),
        multipart=True,
        region=region,
        back_url=reverse("bylaws:detail", args=[region.slug, bylaw.pk]),
        back_label=_("Terug naar de verordening"),
        breadcrumbs=_staff_trail(
            region, scope, (title, reverse("bylaws:detail", args=[region.slug, bylaw.pk])), (_("Wijzigen"), "")
        ),
    )


def _access_import(request, region):
    region, scope = access_register(request, region)
    if not permissions.can_import(request.user, region):
        raise PermissionDenied
    return region, scope


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_csv(request, region):
    region, scope = _access_import(request, region)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.import_bylaws_csv(
                region=region,
                by=request.user,
                data=form.data_bytes,
                may_record=lambda municipality: permissions.can_record_for(request.user, region, municipality),
            )
        except services.BylawError as error:
            errors = error.errors
            form.add_error(
                "bestand",
                _("Er is niets ingelezen: het bestand heeft %(n)s fouten. Ze staan hieronder.") % {"n": len(errors)}
                if len(errors) != 1
                else _("Er is niets ingelezen: het bestand heeft 1 fout. Die staat hieronder."),
            )
        else:
            count = len(result.bylaws)
            messages.success(
                request,
                _("%(n)s verordeningen zijn ingelezen.") % {"n": count}
                if count != 1
                else _("1 verordening is ingelezen."),
            )
            return redirect("bylaws:register", region=region.slug)
    return form_page(
        request,
        form,
        title=_("Verordeningen inlezen uit een CSV-bestand"),
        submit=_("Inlezen"),
        multipart=True,
        template="bylaws/import.html",
        status=400 if errors else None,
        region=region,
        errors=errors,
        columns=csvformat.COLUMNS,
        required=csvformat.REQUIRED,
        example_url=reverse("bylaws:example_csv", args=[region.slug]),
        back_url=reverse("bylaws:register", args=[region.slug]),
        back_label=_("Terug naar de verordeningen"),
        breadcrumbs=_staff_trail(region, scope, (_("Inlezen"), "")),
    )


@login_required
@require_safe
def example_csv(request, region):
    region, _scope = _access_import(request, region)
    municipalities, bodies = selectors.import_lookups(region)
    example = csvformat.example_csv(
        cbs_code=municipalities[0].cbs_code if municipalities else "GM0363",
        body_slug=bodies[0].slug if bodies else "",
    )
    response = HttpResponse(("\ufeff" + example).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="voorbeeld-verordeningen.csv"'
    return response


# ---------------------------------------------------------------- public pages (a verordening is public)


def _public_trail(region, *steps):
    return trail((region.name, region.get_absolute_url()), *steps)


@require_safe
def public_index(request, region):
    region = region_selectors.region_by_slug(region)
    today = timezone.localdate()
    overview = present.overview(region, today=today, cache=RegionCache(region, today=today))
    return render(
        request,
        "bylaws/public_index.html",
        {
            "region": region,
            "overview": present.overview_page(
                overview,
                page=request.GET.get("pagina"),
                failing_only=request.GET.get("voldoet") == "nee",
                base_url=reverse("bylaws:public_index", args=[region.slug]),
            ),
            "today": today,
            "breadcrumbs": _public_trail(region, (_("Verordeningen"), "")),
        },
    )


@require_safe
def public_detail(request, region, pk):
    region = region_selectors.region_by_slug(region)
    bylaw = selectors.bylaw_in(region, pk)
    today = timezone.localdate()
    return render(
        request,
        "bylaws/public_detail.html",
        {
            "region": region,
            "bylaw": bylaw,
            "elements": _elements(bylaw),
            "check": selectors.bylaw_check(bylaw, on=today),
            "in_force_today": bylaw.in_force_from <= today
            and (bylaw.in_force_until is None or today <= bylaw.in_force_until),
            "today": today,
            "breadcrumbs": _public_trail(
                region, (_("Verordeningen"), reverse("bylaws:public_index", args=[region.slug])), (bylaw.title, "")
            ),
        },
    )


@require_safe
def public_pdf(request, region, pk):
    region = region_selectors.region_by_slug(region)
    bylaw = selectors.bylaw_in(region, pk)
    if not bylaw.file:
        raise Http404
    return file_response(request, bylaw.file, kind=PDF, filename=f"verordening-{bylaw.pk}.pdf", private=False)
