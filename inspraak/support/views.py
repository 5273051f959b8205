"""The support scheme per group and year (art. 47 b), what members read about it, and the legal caps of the volunteer
allowance per year (brief §3)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.core.breadcrumbs import body_trail, manage_trail
from inspraak.core.errors import message_for
from inspraak.core.forms import latest_date
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit
from inspraak.letters.notices import told_message
from inspraak.support import permissions, selectors, services
from inspraak.support.access import access_body, access_caps_region
from inspraak.support.forms import CapForm, SchemeForm, cap_initial

ERRORS = {
    "invalid": gettext_lazy("Deze regeling klopt niet. Kijk de bedragen na."),
    "exists": gettext_lazy("Voor %(year)s is er al een regeling. U kunt die wijzigen."),
    "nothing_to_copy": gettext_lazy("Er is geen regeling van een eerder jaar om over te nemen."),
    "no_scheme": gettext_lazy("Er is nog geen regeling voor dit jaar. Er zijn geen brieven gemaakt."),
    "cap_exists": gettext_lazy("Voor %(year)s zijn de maxima er al. U kunt ze wijzigen."),
}


def _scheme_url(body) -> str:
    return reverse("support:scheme", args=[body.region.slug, body.slug])


def _member_url(body) -> str:
    return reverse("support:member_page", args=[body.region.slug, body.slug])


def _caps_url(region) -> str:
    return reverse("support:caps", args=[region.slug])


def _year_in_range(year: int) -> int:
    """A scheme or cap year from the URL: 2000 up to ten years ahead, else 404."""
    if not 2000 <= year <= latest_date(timezone.localdate()).year:
        raise Http404
    return year


@login_required
@require_safe
def scheme_overview(request, region, body):
    body = access_body(request, region, body)
    today = timezone.localdate()
    page = selectors.scheme_page(body, today=today)
    return render(
        request,
        "support/scheme.html",
        {
            "body": body,
            "region": body.region,
            "page": page,
            "can_manage": permissions.can_manage_scheme(request.user, body),
            "can_manage_caps": permissions.can_manage_caps(request.user, body.region),
            "can_send_letters": permissions.can_send_scheme_letters(request.user, body),
            "breadcrumbs": body_trail(body, (_("Vergoedingen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scheme_edit(request, region, body, year):
    body = access_body(request, region, body, permissions.can_manage_scheme)
    year = _year_in_range(year)
    stored = selectors.scheme_for(body=body, year=year)
    form = SchemeForm(request.POST or None, instance=stored, version=stored.version if stored else 0)
    if request.method == "POST" and form.is_valid():
        try:
            services.scheme_save(
                body=body, year=year, by=request.user, version=form.posted_version, **form.cleaned_data
            )
        except StaleEdit as stale:
            form.mark_stale(stale)
        except services.SupportError as error:
            form.add_error(None, message_for(error, ERRORS))
        else:
            messages.success(request, _("De vergoedingsregeling voor %(year)s is opgeslagen.") % {"year": year})
            return redirect(_scheme_url(body))
    caps_missing = selectors.caps_missing(region=body.region, today=timezone.localdate())
    return form_page(
        request,
        form,
        title=_("Vergoedingen %(year)s") % {"year": year},
        intro=_(
            "Wat krijgen de leden van %(name)s in %(year)s? Vul alleen in wat geldt. Bedragen typt u met een komma, "
            "bijvoorbeeld 35,50."
        )
        % {"name": body.name, "year": year},
        submit=_("Opslaan"),
        template="support/scheme_form.html",
        caps_missing=caps_missing,
        can_manage_caps=True,
        back_url=_scheme_url(body),
        back_label=_("Terug naar de vergoedingen"),
        breadcrumbs=body_trail(body, (_("Vergoedingen"), _scheme_url(body)), (str(year), "")),
        body=body,
        region=body.region,
    )


@login_required
@require_POST
def scheme_copy(request, region, body, year):
    body = access_body(request, region, body, permissions.can_manage_scheme)
    year = _year_in_range(year)
    try:
        scheme = services.scheme_copy(body=body, year=year, by=request.user)
    except services.SupportError as error:
        messages.error(request, message_for(error, ERRORS))
        return redirect(_scheme_url(body))
    messages.success(
        request,
        _("De regeling voor %(year)s is klaar: een kopie van het vorige jaar. Kijk of alles nog klopt.")
        % {"year": scheme.year},
    )
    return redirect("support:scheme_edit", region=body.region.slug, body=body.slug, year=scheme.year)


@login_required
@require_safe
def member_page(request, region, body):
    body = access_body(request, region, body, permissions.can_see_member_page)
    page = selectors.member_page(body, today=timezone.localdate())
    return render(
        request,
        "support/member_page.html",
        {
            "body": body,
            "region": body.region,
            "page": page,
            "can_read_scheme": permissions.can_read_scheme(request.user, body),
            "can_send_letters": permissions.can_send_scheme_letters(request.user, body),
            "paper_count": len(selectors.paper_members(body))
            if permissions.can_send_scheme_letters(request.user, body)
            else 0,
            "breadcrumbs": body_trail(body, (_("Wat krijgt u?"), "")),
        },
    )


@login_required
@require_POST
def scheme_letters(request, region, body):
    body = access_body(request, region, body, permissions.can_send_scheme_letters)
    try:
        told = services.scheme_letters_send(body=body, by=request.user, today=timezone.localdate())
    except services.SupportError as error:
        messages.error(request, message_for(error, ERRORS))
    else:
        messages.success(request, told_message(told))
    return redirect(_member_url(body))


# ---------------------------------------------------------------- the legal caps (beheerder)


@login_required
@require_safe
def caps_list(request, region):
    region = access_caps_region(request, region)
    return render(
        request,
        "support/caps.html",
        {
            "region": region,
            "caps": selectors.caps_of(region),
            "caps_missing": selectors.caps_missing(region=region, today=timezone.localdate()),
            "breadcrumbs": manage_trail(region, (_("Maximum vrijwilligersvergoeding"), "")),
        },
    )


_CAP_INTRO = gettext_lazy(
    "De minister bepaalt elk jaar hoeveel vrijwilligersvergoeding iemand met een bijstandsuitkering mag krijgen, "
    "per maand en per jaar. Neem de bedragen over uit de regeling van dat jaar."
)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cap_new(request, region):
    region = access_caps_region(request, region)
    missing = selectors.caps_missing(region=region, today=timezone.localdate())
    year = request.GET.get("jaar", "")
    initial = {"year": int(year)} if year.isdigit() and len(year) == 4 else {"year": (missing or [None])[0]}
    form = CapForm(request.POST or None, initial=initial, version=0)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.cap_create(
                region=region,
                year=data["year"],
                month_max=data["month_max"],
                year_max=data["year_max"],
                source=data["source"],
                by=request.user,
            )
        except services.SupportError as error:
            field = "year" if error.code == "cap_exists" else None
            form.add_error(field, message_for(error, ERRORS))
        else:
            messages.success(request, _("De maxima voor %(year)s zijn opgeslagen.") % {"year": data["year"]})
            return redirect(_caps_url(region))
    return form_page(
        request,
        form,
        title=_("Maximum vrijwilligersvergoeding toevoegen"),
        intro=_CAP_INTRO,
        submit=_("Opslaan"),
        back_url=_caps_url(region),
        back_label=_("Terug naar de lijst"),
        breadcrumbs=manage_trail(region, (_("Maximum vrijwilligersvergoeding"), _caps_url(region)), (_("Nieuw"), "")),
        region=region,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cap_edit(request, region, year):
    region = access_caps_region(request, region)
    cap = selectors.cap_in(region, year)
    form = CapForm(request.POST or None, initial=cap_initial(cap), version=cap.version, fixed_year=cap.year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.cap_update(
                cap=cap,
                month_max=data["month_max"],
                year_max=data["year_max"],
                source=data["source"],
                by=request.user,
                version=form.posted_version,
            )
        except StaleEdit as stale:
            form.mark_stale(stale, cap_initial(stale.current) if stale.current else None)
        except services.SupportError as error:
            form.add_error(None, message_for(error, ERRORS))
        else:
            messages.success(request, _("De maxima voor %(year)s zijn opgeslagen.") % {"year": cap.year})
            return redirect(_caps_url(region))
    return form_page(
        request,
        form,
        title=_("Maximum vrijwilligersvergoeding %(year)s") % {"year": cap.year},
        intro=_CAP_INTRO,
        submit=_("Opslaan"),
        back_url=_caps_url(region),
        back_label=_("Terug naar de lijst"),
        breadcrumbs=manage_trail(
            region, (_("Maximum vrijwilligersvergoeding"), _caps_url(region)), (str(cap.year), "")
        ),
        region=region,
    )
