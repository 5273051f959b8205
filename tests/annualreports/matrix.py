from django.urls import reverse

from inspraak.annualreports.models import AnnualReport, ReportStatus
from tests.annualreports.data import FOREWORD, reports_data
from tests.matrix import PUBLIC, ViewCase, everyone

NOBODY = frozenset()
BODY_READ = frozenset({"admin", "officer_region", "secretary", "facilitator", "member"})
BODY_WRITE = frozenset({"admin", "secretary"})
REGION_READ = frozenset({"admin", "officer_region"})
REGION_WRITE = frozenset({"admin"})
NOT_PUBLISHED = everyone(404, anonymous=404)  # the public pages do not know a concept


def _body(w):
    reports_data(w)
    return {"region": w.region.slug, "body": w.body.slug}


def _region(w):
    reports_data(w)
    return {"region": w.region.slug}


def _body_year(report_name):
    def kwargs(w):
        return {**_body(w), "year": getattr(reports_data(w), report_name).year}

    return kwargs


def _region_year(report_name):
    def kwargs(w):
        return {**_region(w), "year": getattr(reports_data(w), report_name).year}

    return kwargs


def _status(report_name, status):
    def check(w):
        return AnnualReport.objects.get(pk=getattr(reports_data(w), report_name).pk).status == status

    return check


def _foreword(report_name, text):
    def check(w):
        return AnnualReport.objects.get(pk=getattr(reports_data(w), report_name).pk).foreword == text

    return check


def _created(body: bool):
    def check(w):
        year = reports_data(w).year - 2
        return AnnualReport.objects.filter(region=w.region, body=w.body if body else None, year=year).exists()

    return check


def _secret(w):
    return FOREWORD


def _edit_data(report_name):
    def data(w):
        return {
            "foreword": "Nieuw voorwoord",
            "closing": "",
            "version": str(getattr(reports_data(w), report_name).version),
        }

    return data


def _redirect(url_name, kwargs):
    return lambda w: reverse(url_name, kwargs=kwargs(w))


def _new_body_report(w):
    return reverse("annualreports:body_report", kwargs={**_body(w), "year": reports_data(w).year - 2})


def _new_region_report(w):
    return reverse("annualreports:region_report", kwargs={**_region(w), "year": reports_data(w).year - 2})


CASES = [
    # ---- a body's reports (staff)
    ViewCase("annualreports:body_list", BODY_READ, _body),
    ViewCase(
        "annualreports:body_list",
        BODY_WRITE,
        _body,
        method="post",
        data=lambda w: {"year": str(reports_data(w).year - 2)},
        changed=_created(body=True),
        redirect=_new_body_report,
        unchanged=_created(body=True),
    ),
    ViewCase("annualreports:body_report", BODY_READ, _body_year("body_draft"), secret=_secret),
    ViewCase("annualreports:body_edit", BODY_WRITE, _body_year("body_draft"), secret=_secret),
    ViewCase(
        "annualreports:body_edit",
        BODY_WRITE,
        _body_year("body_draft"),
        method="post",
        data=_edit_data("body_draft"),
        changed=_foreword("body_draft", "Nieuw voorwoord"),
        redirect=_redirect("annualreports:body_report", _body_year("body_draft")),
        unchanged=_foreword("body_draft", FOREWORD),
    ),
    ViewCase(
        "annualreports:body_publish",
        BODY_WRITE,
        _body_year("body_draft"),
        method="post",
        changed=_status("body_draft", ReportStatus.PUBLISHED),
        redirect=_redirect("annualreports:body_report", _body_year("body_draft")),
        unchanged=_status("body_draft", ReportStatus.DRAFT),
    ),
    ViewCase(
        "annualreports:body_withdraw",
        BODY_WRITE,
        _body_year("body_published"),
        method="post",
        changed=_status("body_published", ReportStatus.DRAFT),
        redirect=_redirect("annualreports:body_report", _body_year("body_published")),
        unchanged=_status("body_published", ReportStatus.PUBLISHED),
    ),
    ViewCase("annualreports:body_pdf", BODY_READ, _body_year("body_draft"), html=False),
    # ---- the region's own reports (beheer)
    ViewCase("annualreports:region_list", REGION_READ, _region),
    ViewCase(
        "annualreports:region_list",
        REGION_WRITE,
        _region,
        method="post",
        data=lambda w: {"year": str(reports_data(w).year - 2)},
        changed=_created(body=False),
        redirect=_new_region_report,
        unchanged=_created(body=False),
    ),
    ViewCase("annualreports:region_report", REGION_READ, _region_year("region_draft"), secret=_secret),
    ViewCase("annualreports:region_edit", REGION_WRITE, _region_year("region_draft"), secret=_secret),
    ViewCase(
        "annualreports:region_edit",
        REGION_WRITE,
        _region_year("region_draft"),
        method="post",
        data=_edit_data("region_draft"),
        changed=_foreword("region_draft", "Nieuw voorwoord"),
        redirect=_redirect("annualreports:region_report", _region_year("region_draft")),
        unchanged=_foreword("region_draft", FOREWORD),
    ),
    ViewCase(
        "annualreports:region_publish",
        REGION_WRITE,
        _region_year("region_draft"),
        method="post",
        changed=_status("region_draft", ReportStatus.PUBLISHED),
        redirect=_redirect("annualreports:region_report", _region_year("region_draft")),
        unchanged=_status("region_draft", ReportStatus.DRAFT),
    ),
    ViewCase(
        "annualreports:region_withdraw",
        REGION_WRITE,
        _region_year("region_published"),
        method="post",
        changed=_status("region_published", ReportStatus.DRAFT),
        redirect=_redirect("annualreports:region_report", _region_year("region_published")),
        unchanged=_status("region_published", ReportStatus.PUBLISHED),
    ),
    ViewCase("annualreports:region_pdf", REGION_READ, _region_year("region_draft"), html=False),
    # ---- public pages: only published reports
    ViewCase("annualreports:public_list", PUBLIC, _region, secret=_secret),
    ViewCase("annualreports:public_region", PUBLIC, _region_year("region_published")),
    ViewCase(
        "annualreports:public_region",
        NOBODY,
        _region_year("region_draft"),
        id="concept",
        secret=_secret,
        refused=NOT_PUBLISHED,
    ),
    ViewCase("annualreports:public_region_pdf", PUBLIC, _region_year("region_published"), html=False),
    ViewCase(
        "annualreports:public_region_pdf",
        NOBODY,
        _region_year("region_draft"),
        id="concept",
        html=False,
        refused=NOT_PUBLISHED,
    ),
    ViewCase("annualreports:public_body", PUBLIC, _body_year("body_published")),
    ViewCase(
        "annualreports:public_body",
        NOBODY,
        _body_year("body_draft"),
        id="concept",
        secret=_secret,
        refused=NOT_PUBLISHED,
    ),
    ViewCase("annualreports:public_body_pdf", PUBLIC, _body_year("body_published"), html=False),
    ViewCase(
        "annualreports:public_body_pdf",
        NOBODY,
        _body_year("body_draft"),
        id="concept",
        html=False,
        refused=NOT_PUBLISHED,
    ),
]
