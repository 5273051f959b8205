"""What Inspraak holds about a person: see it, download it (AVG art. 15), and erase it (art. 17).

The person sees and downloads their own data from Mijn account. The beheerder of their region does the same for
them on request, and carries out erasure.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.accounts.access import access_people
from inspraak.accounts.breadcrumbs import person_trail
from inspraak.core.breadcrumbs import trail
from inspraak.core.errors import message_for
from inspraak.privacy import present, selectors, services
from inspraak.privacy.access import access_own_data, access_person_data
from inspraak.privacy.permissions import can_erase_person, can_export_person

# Personal data: never from a shared cache or the back button.
PERSONAL = cache_control(no_store=True)

MESSAGES = {
    "already_erased": gettext_lazy("De gegevens van deze persoon zijn al verwijderd. Dat kan maar één keer."),
}


def _download(data: dict) -> HttpResponse:
    filename = f"inspraak-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


# ---------------------------------------------------------------- the person themself


@login_required
@require_safe
@PERSONAL
def my_data(request):
    person = access_own_data(request)
    export = services.person_export(person=person, by=request.user)
    return render(
        request,
        "privacy/data.html",
        {
            "sections": present.sections(export),
            "own": True,
            "download_url": reverse("privacy:my_data_download"),
            "breadcrumbs": trail((_("Mijn account"), reverse("accounts:account")), (_("Mijn gegevens"), "")),
        },
    )


@login_required
@require_POST
@PERSONAL
def my_data_download(request):
    person = access_own_data(request)
    return _download(services.person_export(person=person, by=request.user, download=True))


# ---------------------------------------------------------------- the beheerder, for a person of their region


@login_required
@require_safe
@PERSONAL
def person_data(request, region, pk):
    region = access_people(request, region)
    person = access_person_data(request, region, pk, can_export_person)
    export = services.person_export(person=person, by=request.user, region=region)
    return render(
        request,
        "privacy/data.html",
        {
            "sections": present.sections(export),
            "own": False,
            "region": region,
            "person": person,
            "download_url": reverse("privacy:person_data_download", args=[region.slug, person.pk]),
            "breadcrumbs": person_trail(region, person, (_("Gegevens"), "")),
        },
    )


@login_required
@require_POST
@PERSONAL
def person_data_download(request, region, pk):
    region = access_people(request, region)
    person = access_person_data(request, region, pk, can_export_person)
    return _download(services.person_export(person=person, by=request.user, region=region, download=True))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@PERSONAL
def person_erase(request, region, pk):
    """GET: what erasure does, and a button. POST: erase (once; a second time gets a clear message)."""
    region = access_people(request, region)
    person = access_person_data(request, region, pk, can_erase_person)
    # Texts of others that name the person: listed (before the name is gone) so they can be redacted by hand.
    mentions = selectors.texts_naming(person)
    if request.method == "POST":
        number = person.pk
        try:
            services.person_erase(person=person, region=region, by=request.user)
        except services.AlreadyErasedError as error:
            messages.error(request, message_for(error, MESSAGES))
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
    return render(
        request,
        "privacy/erase.html",
        {
            "region": region,
            "person": person,
            "person_url": reverse("accounts:person", args=[region.slug, person.pk]),
            "mentions": mentions,
            "breadcrumbs": person_trail(region, person, (_("Gegevens verwijderen"), "")),
        },
    )
