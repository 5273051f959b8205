"""What Inspraak holds about a person: see it, download it (AVG art. 15), and erase it (art. 17).

The person sees and downloads their own data from Mijn account. The beheerder of their region does the same for
them on request, and carries out erasure.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inspraak.accounts.permissions import can_manage_people
from inspraak.privacy import present, selectors, services
from inspraak.privacy.permissions import can_erase_person, can_export_own_data, can_export_person
from inspraak.regions.selectors import region_for_user


def _download(data: dict) -> HttpResponse:
    filename = f"inspraak-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["Cache-Control"] = "no-store"
    return response


def _page(request, template: str, context: dict) -> HttpResponse:
    response = render(request, template, context)
    response["Cache-Control"] = "no-store"  # personal data: never from a shared cache or the back button
    return response


# ---------------------------------------------------------------- the person themself


def _own(request):
    if not can_export_own_data(request.user):
        raise PermissionDenied
    return request.user


@login_required
@require_http_methods(["GET", "HEAD"])
def my_data(request):
    person = _own(request)
    export = services.person_export(person=person, by=request.user)
    return _page(
        request,
        "privacy/data.html",
        {
            "sections": present.sections(export),
            "own": True,
            "download_url": reverse("privacy:my_data_download"),
            "breadcrumbs": [
                {"label": _("Mijn account"), "url": reverse("accounts:account")},
                {"label": _("Mijn gegevens"), "url": ""},
            ],
        },
    )


@login_required
@require_POST
def my_data_download(request):
    person = _own(request)
    return _download(services.person_export(person=person, by=request.user, download=True))


# ---------------------------------------------------------------- the beheerder, for a person of their region


def _region(request, slug):
    region = region_for_user(request.user, slug)
    if not can_manage_people(request.user, region):
        raise PermissionDenied
    return region


def _person(request, region, pk, check):
    """The person (404 outside the region), if ``check`` allows it for every region holding their data (else 403)."""
    person = selectors.person_for_request(region, pk)
    if not check(request.user, person, person.data_region_ids):
        raise PermissionDenied
    return person


def _crumbs(region, person, *more):
    crumbs = [
        {"label": _("Beheer"), "url": reverse("dashboards:manage_home")},
        {"label": region.name, "url": reverse("regions:manage_region", args=[region.slug])},
        {"label": _("Personen"), "url": reverse("accounts:people", args=[region.slug])},
        {"label": person.name, "url": reverse("accounts:person", args=[region.slug, person.pk])},
    ]
    crumbs += [{"label": label, "url": ""} for label in more]
    return crumbs


@login_required
@require_http_methods(["GET", "HEAD"])
def person_data(request, region, pk):
    region = _region(request, region)
    person = _person(request, region, pk, can_export_person)
    export = services.person_export(person=person, by=request.user, region=region)
    return _page(
        request,
        "privacy/data.html",
        {
            "sections": present.sections(export),
            "own": False,
            "region": region,
            "person": person,
            "download_url": reverse("privacy:person_data_download", args=[region.slug, person.pk]),
            "breadcrumbs": _crumbs(region, person, _("Gegevens")),
        },
    )


@login_required
@require_POST
def person_data_download(request, region, pk):
    region = _region(request, region)
    person = _person(request, region, pk, can_export_person)
    return _download(services.person_export(person=person, by=request.user, region=region, download=True))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def person_erase(request, region, pk):
    """GET: what erasure does, and a button. POST: erase (once; a second time gets a clear message)."""
    region = _region(request, region)
    person = _person(request, region, pk, can_erase_person)
    # Texts of others that name the person: listed (before the name is gone) so they can be redacted by hand.
    mentions = selectors.texts_naming(person)
    if request.method == "POST":
        number = person.pk
        try:
            services.person_erase(person=person, region=region, by=request.user)
        except services.AlreadyErasedError:
            messages.error(request, _("De gegevens van deze persoon zijn al verwijderd. Dat kan maar één keer."))
            return redirect("privacy:person_erase", region=region.slug, pk=number)
        messages.success(
            request,
            _("De gegevens van persoon %(number)s zijn verwijderd. In de lijst heet deze persoon nu %(name)s.")
            % {"number": f"#{number}", "name": person.name},
        )
        if mentions:
            messages.warning(
                request,
                _("Deze teksten noemden de naam nog. Haal de naam daar met de hand weg: %(texts)s.")
                % {
                    "texts": "; ".join(
                        f"{m.kind}: {m.title} ({m.body}, {timezone.localtime(m.date):%d-%m-%Y})" for m in mentions
                    )
                },
            )
        return redirect("accounts:people", region=region.slug)
    return _page(
        request,
        "privacy/erase.html",
        {
            "region": region,
            "person": person,
            "person_url": reverse("accounts:person", args=[region.slug, person.pk]),
            "mentions": mentions,
            "breadcrumbs": _crumbs(region, person, _("Gegevens verwijderen")),
        },
    )
