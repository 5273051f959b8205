"""The art. 47 matrix per municipality and year: public pages, CSV, and the beheerder's settings (ADR 17)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from inspraak.compliance import permissions, rules, selectors, services
from inspraak.compliance.chart import chart
from inspraak.compliance.forms import MatrixSettingsForm
from inspraak.core.breadcrumbs import manage_trail, trail
from inspraak.core.pages import form_page
from inspraak.core.spreadsheet import BOM, CSV_DELIMITER, safe_row
from inspraak.core.versioning import StaleEdit
from inspraak.regions import selectors as region_selectors
from inspraak.regions.access import access_region


def _matrix_url(region, year: int | None = None) -> str:
    url = reverse("compliance:matrix", kwargs={"region": region.slug})
    return f"{url}?jaar={year}" if year is not None else url


def _year(request, region, today):
    years = selectors.years_with_data(region, today=today)
    return selectors.year_choice(request.GET.get("jaar"), years, today=today), years


@require_safe
def matrix(request, region):
    region = region_selectors.region_by_slug(region)
    today = timezone.localdate()
    year, years = _year(request, region, today)
    chart_years = sorted(y for y in years if y > today.year - selectors.CHART_YEARS)
    history = selectors.matrices(region, years=chart_years, today=today)
    current = next((m for m in history if m.year == year), None)
    if current is None:
        current = selectors.region_matrix(region, year=year, today=today)
    return render(
        request,
        "compliance/matrix.html",
        {
            "region": region,
            "matrix": current,
            "year": year,
            "years": [(y, _matrix_url(region, y)) for y in years],
            "chart": chart(history),
            "csv_url": reverse("compliance:csv", kwargs={"region": region.slug}) + f"?jaar={year}",
            "legend": [(status, rules.status_label(status)) for status in rules.STATUSES],
            "can_edit_settings": permissions.can_edit_matrix_settings(request.user, region),
            "breadcrumbs": trail((region.name, region.get_absolute_url()), (_("Art. 47 in beeld"), "")),
        },
    )


def _evidence(request, region, row, year, years, title):
    return render(
        request,
        "compliance/evidence.html",
        {
            "region": region,
            "row": row,
            "year": year,
            "title": title,
            "years": [(y, f"{request.path}?jaar={y}") for y in years],
            "matrix_url": _matrix_url(region, year),
            "columns": [(column, rules.column_label(column)) for column in rules.COLUMNS],
            "breadcrumbs": trail(
                (region.name, region.get_absolute_url()),
                (_("Art. 47 in beeld"), _matrix_url(region, year)),
                (row.label, ""),
            ),
        },
    )


@require_safe
def municipality_evidence(request, region, municipality):
    region = region_selectors.region_by_slug(region)
    municipality = selectors.municipality_in(region, municipality)
    today = timezone.localdate()
    year, years = _year(request, region, today)
    row = selectors.municipality_matrix(region, municipality, year=year, today=today)
    title = _("Art. 47 in %(name)s, %(year)s") % {"name": municipality.name, "year": year}
    return _evidence(request, region, row, year, years, title)


@require_safe
def region_evidence(request, region):
    region = region_selectors.region_by_slug(region)
    today = timezone.localdate()
    year, years = _year(request, region, today)
    row = selectors.gr_matrix(region, year=year, today=today)
    title = _("Art. 47 voor de hele regio (GR), %(year)s") % {"year": year}
    return _evidence(request, region, row, year, years, title)


# ---------------------------------------------------------------- CSV


# The numbers of each column in the CSV, in a fixed order (the same for every row).
CSV_NUMBERS = {
    "verordening": ("aandachtspunten",),
    "a": ("besloten", "op_tijd", "te_laat", "niet_gevraagd", "reactie_te_laat"),
    "b": (
        "groepen",
        "groepen_met_regeling",
        "declaraties_ingediend",
        "declaraties_geteld",
        "declaraties_op_tijd",
        "declaraties_te_laat",
        "trainingen",
    ),
    "c": ("groepen", "groepen_genoeg", "gehouden", "gepland", "geannuleerd"),
    "d": ("ingediend", "geteld", "op_tijd", "te_laat", "te_lang_open", "nog_niet_geteld"),
    "e": ("geteld", "op_tijd", "te_laat"),
}


@require_safe
def csv_export(request, region):
    """The matrix of one year as CSV for Excel: one row per municipality (and the GR), UTF-8 with a BOM."""
    region = region_selectors.region_by_slug(region)
    today = timezone.localdate()
    year, _years = _year(request, region, today)
    data = selectors.region_matrix(region, year=year, today=today)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="art-47-{region.slug}-{year}.csv"'
    response.write(BOM)
    writer = csv.writer(response, delimiter=CSV_DELIMITER)
    header = [_("jaar"), _("gemeente of regio"), _("cbs-code")]
    for column in rules.COLUMNS:
        header += [f"{column} {_('status')}", f"{column} {_('toelichting')}"]
        header += [f"{column} {name.replace('_', ' ')}" for name in CSV_NUMBERS[column]]
        header += [f"{column} {_('opmerkingen')}"]
    writer.writerow(header)
    for row in data.rows:
        line = [year, row.label, row.municipality.cbs_code if row.municipality else ""]
        for column in rules.COLUMNS:
            cell = row.cells[column]
            line += [cell.label, cell.summary]
            line += [cell.numbers.get(name, "") for name in CSV_NUMBERS[column]]
            line += [" | ".join(str(note) for note in cell.notes)]
        writer.writerow(safe_row(line))
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
