"""The secretary's post page: letters waiting to be printed, printing them as a batch, and earlier batches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from inspraak.core.breadcrumbs import body_trail
from inspraak.core.errors import message_for
from inspraak.letters import printing, selectors, services
from inspraak.letters.access import access_batch, access_body

ERRORS = {
    "nothing_pending": gettext_lazy(
        "Er zijn geen brieven om te printen. Misschien heeft iemand anders ze net afgedrukt."
    ),
    "no_failed_emails": gettext_lazy(
        "Er zijn geen e-mails meer om als brief te sturen. Misschien heeft iemand anders ze net in de stapel gezet."
    ),
}


def _crumbs(body, *steps):
    from django.urls import reverse

    return body_trail(body, (_("Brieven"), reverse("letters:body", args=[body.region.slug, body.slug])), *steps)


@login_required
@require_safe
def body(request, region, body):
    body = access_body(request, region, body)
    return render(
        request,
        "letters/body.html",
        {
            "body": body,
            **selectors.post_overview(body),
            "failed_emails": selectors.failed_member_emails(body),
            "breadcrumbs": _crumbs(body),
        },
    )


@login_required
@require_POST
def failed_emails(request, region, body):
    body = access_body(request, region, body)
    try:
        made = services.failed_emails_to_letters(body=body, by=request.user)
    except services.LetterError as error:
        messages.error(request, message_for(error, ERRORS))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s e-mail staat nu als brief in de stapel.",
                "%(count)s e-mails staan nu als brief in de stapel.",
                made,
            )
            % {"count": made},
        )
    return redirect("letters:body", body.region.slug, body.slug)


@login_required
@require_POST
def print_batch(request, region, body):
    body = access_body(request, region, body)
    try:
        batch = services.letters_print(body=body, by=request.user)
    except services.LetterError as error:
        messages.error(request, message_for(error, ERRORS))
        return redirect("letters:body", body.region.slug, body.slug)
    return redirect("letters:batch", body.region.slug, body.slug, batch.pk)


@login_required
@require_safe
def batch(request, region, body, pk):
    batch = access_batch(request, region, body, pk)
    body = batch.body
    return render(
        request,
        "letters/batch.html",
        {
            "body": body,
            "batch": batch,
            **selectors.batch_overview(batch),
            "breadcrumbs": _crumbs(body, (_("Stapel van %(date)s") % {"date": _date(batch)}, "")),
        },
    )


def _date(batch) -> str:
    from django.utils import timezone
    from django.utils.formats import date_format

    return date_format(timezone.localtime(batch.created_at), "j F Y H:i")


@login_required
@require_safe
def batch_pdf(request, region, body, pk):
    batch = access_batch(request, region, body, pk)
    from inspraak.core.pdf import render_pdf  # WeasyPrint takes a second to import: only when needed

    pdf = render_pdf("letters/letters_pdf.html", printing.pdf_context(batch), request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brieven-{batch.pk}.pdf"'
    patch_cache_control(response, no_store=True)
    return response
