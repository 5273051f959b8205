"""The annual report pages: per body under /orgaan/<region>/<body>/jaarverslagen/, per region under
/beheer/<region>/jaarverslagen/, and the published reports under /r/<region>/ (ADR 18)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.annualreports import permissions, rules, selectors, services
from inspraak.annualreports.access import access_body, access_region_reports
from inspraak.annualreports.forms import StartForm, TextsForm
from inspraak.annualreports.models import AnnualReport, AnnualReportEvent
from inspraak.core import names
from inspraak.core.breadcrumbs import body_trail, dashboard_trail, trail
from inspraak.core.errors import message_for
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit
from inspraak.regions.selectors import region_by_slug

ERRORS = {
    "client_named": gettext_lazy("Het voorwoord of het slot noemt een cliënt die daar geen toestemming voor gaf."),
    "exists": gettext_lazy("Voor dat jaar is er al een jaarverslag."),
    "year": gettext_lazy("Kies een jaar van %(first)s tot en met %(last)s."),
    "published": gettext_lazy("Het jaarverslag is al gepubliceerd."),
    "not_published": gettext_lazy("Het jaarverslag is niet gepubliceerd."),
}


# ---------------------------------------------------------------- scope: a body or the whole region


@dataclass
class Scope:
    """Whose reports a staff page is about: a body, or the region itself (``body`` None)."""

    region: object
    body: object | None
    can_write: bool

    @property
    def name(self) -> str:
        return self.body.name if self.body is not None else self.region.name

    def url(self, name: str, year: int | None = None) -> str:
        prefix = "annualreports:body_" if self.body is not None else "annualreports:region_"
        kwargs = {"region": self.region.slug}
        if self.body is not None:
            kwargs["body"] = self.body.slug
        if year is not None:
            kwargs["year"] = year
        return reverse(prefix + name, kwargs=kwargs)

    def crumbs(self, *steps: tuple[str, str]) -> list[dict]:
        reports = (_("Jaarverslagen"), self.url("list"))
        if self.body is not None:
            return body_trail(self.body, reports, *steps)
        return dashboard_trail((self.region.name, reverse("regions:region", args=[self.region.slug])), reports, *steps)

    def reports(self) -> list[AnnualReport]:
        if self.body is not None:
            return selectors.body_reports(self.body)
        return selectors.region_reports(self.region)

    def report(self, year: int) -> AnnualReport:
        if self.body is not None:
            return selectors.body_report(self.body, year)
        return selectors.region_report(self.region, year)

    def first_year(self) -> int:
        if self.body is not None:
            return selectors.body_first_year(self.body)
        return selectors.region_first_year(self.region)


def _body_scope(request, region, body, *, write: bool = False) -> Scope:
    check = permissions.can_write_body_report if write else permissions.can_read_body_report
    found = access_body(request, region, body, check)
    return Scope(found.region, found, permissions.can_write_body_report(request.user, found))


def _region_scope(request, region, *, write: bool = False) -> Scope:
    check = permissions.can_write_region_report if write else permissions.can_read_region_report
    found = access_region_reports(request, region, check)
    return Scope(found, None, permissions.can_write_region_report(request.user, found))


def _error(error: services.ReportError) -> str:
    return message_for(error, ERRORS)


def _title(report: AnnualReport, owner: str) -> str:
    return _("Jaarverslag %(year)s – %(name)s") % {"year": report.year, "name": owner}


def _context(report: AnnualReport, owner: str, *, today) -> dict:
    """What the report partial (and the PDF) needs: the report, its live content and the art. 47 parts."""
    return {
        "report": report,
        "owner": owner,
        "region": report.region,
        "body": report.body if report.body_id else None,
        "title": _title(report, owner),
        "content": selectors.report_content(report, today=today),
        **selectors.compliance_parts(report, today=today),
        "signals": selectors.signals_part(report),
    }


# ---------------------------------------------------------------- staff pages


def _list(request, scope: Scope):
    reports = scope.reports()
    today = timezone.localdate()
    taken = {r.year for r in reports}
    form = None
    if scope.can_write:
        years = [y for y in rules.year_range(scope.first_year(), today) if y not in taken]
        form = StartForm(request.POST or None, years=years)
        if request.method == "POST" and form.is_valid():
            year = form.cleaned_data["year"]
            try:
                services.report_create(region=scope.region, body=scope.body, year=year, by=request.user, today=today)
            except services.ReportError as error:
                form.add_error("year", _error(error))
            else:
                messages.success(
                    request, _("Het jaarverslag over %(year)s is gemaakt. Het is nog een concept.") % {"year": year}
                )
                return redirect(scope.url("report", year))
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "annualreports/list.html",
        {
            "scope": scope,
            "region": scope.region,
            "body": scope.body,
            "reports": [(r, scope.url("report", r.year)) for r in reports],
            "form": form,
            "breadcrumbs": scope.crumbs(),
        },
    )


def _report(request, scope: Scope, year: int):
    report = scope.report(year)
    today = timezone.localdate()
    context = _context(report, scope.name, today=today)
    found = names.fragments([report.foreword, report.closing], selectors.private_names(report))
    return render(
        request,
        "annualreports/report.html",
        {
            **context,
            "scope": scope,
            "can_write": scope.can_write,
            "named": names.named_message(found, ERRORS["client_named"]) if found else "",
            "history": selectors.report_history(report),
            "kinds": dict(AnnualReportEvent.Kind.choices),
            "edit_url": scope.url("edit", year),
            "publish_url": scope.url("publish", year),
            "withdraw_url": scope.url("withdraw", year),
            "pdf_url": scope.url("pdf", year),
            "public_url": _public_url(report),
            "breadcrumbs": scope.crumbs((str(year), "")),
        },
    )


def _edit(request, scope: Scope, year: int):
    report = scope.report(year)
    form = TextsForm(
        request.POST or None, initial={"foreword": report.foreword, "closing": report.closing}, version=report.version
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_edit(report=report, by=request.user, version=form.posted_version, **form.cleaned_data)
        except services.ReportError as error:
            form.add_error(None, _error(error))
        except StaleEdit as stale:
            current = stale.current
            form.mark_stale(stale, {"foreword": current.foreword, "closing": current.closing} if current else None)
        else:
            messages.success(request, _("Het voorwoord en het slot zijn opgeslagen."))
            return redirect(scope.url("report", year))
    title = _("Voorwoord en slot van het jaarverslag %(year)s") % {"year": year}
    return form_page(
        request,
        form,
        title=title,
        submit=_("Opslaan"),
        intro=_(
            "De cijfers in het jaarverslag komen vanzelf uit Inspraak. "
            "Hier schrijft u alleen het voorwoord en het slot."
        ),
        breadcrumbs=scope.crumbs((str(year), scope.url("report", year)), (_("Voorwoord en slot"), "")),
        back_url=scope.url("report", year),
        back_label=_("Terug naar het jaarverslag"),
        region=scope.region,
        body=scope.body,
    )


def _publish(request, scope: Scope, year: int, *, publish: bool):
    report = scope.report(year)
    try:
        if publish:
            services.report_publish(report=report, by=request.user)
        else:
            services.report_withdraw(report=report, by=request.user)
    except services.ReportError as error:
        messages.error(request, _error(error))
    else:
        if publish:
            messages.success(request, _("Het jaarverslag staat nu op de openbare pagina's."))
        else:
            messages.success(
                request, _("Het jaarverslag staat niet meer op de openbare pagina's. Het is weer een concept.")
            )
    return redirect(scope.url("report", year))


def _staff_pdf(request, scope: Scope, year: int):
    from inspraak.core.pdf import render_pdf  # WeasyPrint takes a second to import: only when needed

    report = scope.report(year)
    context = _context(report, scope.name, today=timezone.localdate())
    pdf = render_pdf("annualreports/report_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(report)}"'
    patch_cache_control(response, no_store=True)
    return response


def _filename(report: AnnualReport) -> str:
    slug = report.body.slug if report.body_id else report.region.slug
    return f"jaarverslag-{slug}-{report.year}.pdf"


def _public_url(report: AnnualReport) -> str:
    if report.body_id:
        return reverse(
            "annualreports:public_body",
            kwargs={"region": report.region.slug, "body": report.body.slug, "year": report.year},
        )
    return reverse("annualreports:public_region", kwargs={"region": report.region.slug, "year": report.year})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_list(request, region, body):
    return _list(request, _body_scope(request, region, body))


@login_required
@require_safe
def body_report(request, region, body, year):
    return _report(request, _body_scope(request, region, body), year)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_edit(request, region, body, year):
    return _edit(request, _body_scope(request, region, body, write=True), year)


@login_required
@require_POST
def body_publish(request, region, body, year):
    return _publish(request, _body_scope(request, region, body, write=True), year, publish=True)


@login_required
@require_POST
def body_withdraw(request, region, body, year):
    return _publish(request, _body_scope(request, region, body, write=True), year, publish=False)


@login_required
@require_safe
def body_pdf(request, region, body, year):
    return _staff_pdf(request, _body_scope(request, region, body), year)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def region_list(request, region):
    return _list(request, _region_scope(request, region))


@login_required
@require_safe
def region_report(request, region, year):
    return _report(request, _region_scope(request, region), year)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def region_edit(request, region, year):
    return _edit(request, _region_scope(request, region, write=True), year)


@login_required
@require_POST
def region_publish(request, region, year):
    return _publish(request, _region_scope(request, region, write=True), year, publish=True)


@login_required
@require_POST
def region_withdraw(request, region, year):
    return _publish(request, _region_scope(request, region, write=True), year, publish=False)


@login_required
@require_safe
def region_pdf(request, region, year):
    return _staff_pdf(request, _region_scope(request, region), year)


# ---------------------------------------------------------------- public pages


def _public_crumbs(region, *steps: tuple[str, str]) -> list[dict]:
    return trail(
        (region.name, region.get_absolute_url()),
        (_("Jaarverslagen"), reverse("annualreports:public_list", args=[region.slug])),
        *steps,
    )


@require_safe
def public_list(request, region):
    region_obj = region_by_slug(region)
    reports = selectors.published_reports(region_obj)
    return render(
        request,
        "annualreports/public_list.html",
        {
            "region": region_obj,
            "reports": [(r, _public_url(r), r.body.name if r.body_id else region_obj.name) for r in reports],
            "breadcrumbs": _public_crumbs(region_obj),
        },
    )


def _public_page(request, report: AnnualReport, owner: str, pdf_url: str):
    context = _context(report, owner, today=timezone.localdate())
    return render(
        request,
        "annualreports/public_report.html",
        {**context, "pdf_url": pdf_url, "breadcrumbs": _public_crumbs(report.region, (str(report.year), ""))},
    )


@require_safe
def public_region(request, region, year):
    report = selectors.published_region_report(region, year)
    pdf_url = reverse("annualreports:public_region_pdf", kwargs={"region": region, "year": year})
    return _public_page(request, report, report.region.name, pdf_url)


@require_safe
def public_body(request, region, body, year):
    report = selectors.published_body_report(region, body, year)
    pdf_url = reverse("annualreports:public_body_pdf", kwargs={"region": region, "body": body, "year": year})
    return _public_page(request, report, report.body.name, pdf_url)


PUBLIC_PDF_MAX_AGE = 600


def _public_pdf(request, report: AnnualReport, owner: str) -> HttpResponse:
    """A published report as PDF, rendered once per version of its HTML and cached (core.pdf.PublicPdf)."""
    from inspraak.core.pdf import PublicPdf  # WeasyPrint takes a second to import: only when needed

    pdf = PublicPdf("annualreports/report_pdf.html", _context(report, owner, today=timezone.localdate()))
    etag = quote_etag(pdf.etag)
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        pdf.content(), content_type="application/pdf"
    )
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=PUBLIC_PDF_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])  # the chosen language (a cookie) changes the PDF
    if response.status_code == 200:
        response["Content-Disposition"] = f'inline; filename="{_filename(report)}"'
    return response


@require_safe
def public_region_pdf(request, region, year):
    report = selectors.published_region_report(region, year)
    return _public_pdf(request, report, report.region.name)


@require_safe
def public_body_pdf(request, region, body, year):
    report = selectors.published_body_report(region, body, year)
    return _public_pdf(request, report, report.body.name)
