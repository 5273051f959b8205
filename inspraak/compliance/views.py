"""The art. 47 matrix per municipality and year: public pages, CSV, and the beheerder's settings (ADR 17)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from inspraak.audit.cache import kept_response
from inspraak.compliance import permissions, present, rules, selectors, services
from inspraak.compliance.forms import MatrixSettingsForm
from inspraak.core.breadcrumbs import manage_trail, trail
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit
from inspraak.regions import selectors as region_selectors
from inspraak.regions.access import access_region


def _matrix_url(region, year: int | None = None) -> str:
    url = reverse("compliance:matrix", kwargs={"region": region.slug})
    return f"{url}?jaar={year}" if year is not None else url


def _year(request, region, today, cache):
    years = present.years(region, today=today, cache=cache)
    return selectors.year_choice(request.GET.get("jaar"), years, today=today), years


@require_safe
def matrix(request, region):
    region = region_selectors.region_by_slug(region)
    today = timezone.localdate()
    cache = present.region_cache(region, today=today)
    year, years = _year(request, region, today, cache)
    chart_years = sorted(y for y in years if y > today.year - selectors.CHART_YEARS)
    current, chart = present.table_and_chart(region, year=year, chart_years=chart_years, today=today, cache=cache)
    table = present.table_page(
        current,
        page=request.GET.get("pagina"),
        only=present.failing(request.GET.get("niet")),
        base_url=_matrix_url(region, year),
    )
    return render(
        request,
        "compliance/matrix.html",
        {
            "region": region,
            "matrix": current,
            "table": table,
            "summary": present.summary_html(current, table, cache=cache),
            "chart": chart,
            "columns": [(column, rules.column_label(column)) for column in rules.COLUMNS],
            "year": year,
            "years": [(y, _matrix_url(region, y)) for y in years],
            "csv_url": reverse("compliance:csv", kwargs={"region": region.slug}) + f"?jaar={year}",
            "can_edit_settings": permissions.can_edit_matrix_settings(request.user, region),
            "breadcrumbs": trail((region.name, region.get_absolute_url()), (_("Art. 47 in beeld"), "")),
        },
    )


def _evidence(request, region, municipality, *, cache, today, title_text):
    year, years = _year(request, region, today, cache)
    title = title_text % {"name": municipality.name if municipality else "", "year": year}
    context = {
        "region": region,
        "year": year,
        "title": title,
        "years": [(y, f"{request.path}?jaar={y}") for y in years],
        "matrix_url": _matrix_url(region, year),
        "columns": [(column, rules.column_label(column)) for column in rules.COLUMNS],
    }
    row, body = present.evidence(region, municipality, year=year, today=today, cache=cache, context=context)
    return render(
        request,
        "compliance/evidence.html",
        {
            **context,
            "row": row,
            "body": body,
            "breadcrumbs": trail(
                (region.name, region.get_absolute_url()),
                (_("Art. 47 in beeld"), _matrix_url(region, year)),
                (row.label, ""),
            ),
        },
    )


@require_safe
def municipality_evidence(request, region, municipality):
    municipality = selectors.municipality_by_slugs(region, municipality)
    region = municipality.region
    today = timezone.localdate()
    cache = present.region_cache(region, today=today)
    return _evidence(
        request, region, municipality, cache=cache, today=today, title_text=_("Art. 47 in %(name)s, %(year)s")
    )


@require_safe
def region_evidence(request, region):
    region = region_selectors.region_by_slug(region)
    today = timezone.localdate()
    cache = present.region_cache(region, today=today)
    return _evidence(
        request, region, None, cache=cache, today=today, title_text=_("Art. 47 voor de hele regio (GR), %(year)s")
    )


# ---------------------------------------------------------------- CSV


@require_safe
def csv_export(request, region):
    """The matrix of one year as CSV for Excel: one row per municipality (and the GR), UTF-8 with a BOM."""
    region = region_selectors.region_by_slug(region)
    today = timezone.localdate()
    cache = present.region_cache(region, today=today)
    year, _years = _year(request, region, today, cache)
    kept = present.matrix_csv(region, year=year, today=today, cache=cache)
    response = kept_response(request, kept, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="art-47-{region.slug}-{year}.csv"'
    return response


# ---------------------------------------------------------------- settings (beheerder)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_edit(request, region):
    region = access_region(request, region, check=permissions.can_edit_matrix_settings)
    stored = selectors.settings_for_form(region)
    form = MatrixSettingsForm(request.POST or None, instance=stored)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_save(region=region, by=request.user, version=form.posted_version, **form.cleaned_data)
        except StaleEdit as stale:
            form.mark_stale(stale)
        else:
            messages.success(request, _("De instellingen van het art. 47-overzicht zijn opgeslagen."))
            return redirect("compliance:matrix", region=region.slug)
    return form_page(
        request,
        form,
        title=_("Instellingen van het art. 47-overzicht"),
        intro=_(
            "Hiermee bepaalt u hoe streng het overzicht is voor de elementen d en e. Zonder eigen instellingen "
            "gelden de standaardwaarden: antwoord binnen 8 weken, voldoet vanaf 90 procent, deels vanaf 50 procent."
        ),
        submit=_("Opslaan"),
        region=region,
        back_url=_matrix_url(region),
        back_label=_("Terug naar het overzicht"),
        breadcrumbs=manage_trail(region, (_("Art. 47-overzicht"), "")),
    )
