"""Expense claims (art. 47 b): a member claims costs on a phone, the secretary enters paper claims, the secretary
or the region's finance role decides, everyone concerned sees the status; receipts behind the same checks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.claims import permissions, selectors, services
from inspraak.claims.access import access_body, access_claim, access_claims_region
from inspraak.claims.forms import (
    FILE_AGAIN,
    FILE_TYPE,
    ChangeClaimForm,
    ClaimForm,
    DecideForm,
    PaperClaimForm,
)
from inspraak.claims.models import ClaimKind, ClaimStatus
from inspraak.claims.present import ClaimRows
from inspraak.claims.rules import allowed_kinds, earliest_claim_date
from inspraak.claims.templatetags.claims import euro
from inspraak.core import documents
from inspraak.core.breadcrumbs import body_trail, dashboard_trail
from inspraak.core.channels import Channel, passed_on
from inspraak.core.files import STORE_FAILED
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit

# code -> (field or None, message)
ERRORS = {
    "no_receipt": (
        "receipt",
        gettext_lazy("Voeg een foto of PDF van de bon toe. Of schrijf op waarom u geen bon hebt."),
    ),
    "description": ("description", gettext_lazy("Schrijf kort waarvoor de kosten waren.")),
    "date_future": ("spent_on", gettext_lazy("Deze datum is nog niet geweest.")),
    "date_too_old": ("spent_on", gettext_lazy("Kosten van zo lang geleden kunt u hier niet declareren.")),
    "kind": ("kind", gettext_lazy("Deze kosten vergoedt de groep niet in %(year)s.")),
    "kilometres": ("kilometres", gettext_lazy("Vul het aantal kilometers in.")),
    "amount": ("amount", gettext_lazy("Vul een goed bedrag in.")),
    "childcare_max": ("amount", gettext_lazy("De groep vergoedt kinderopvang tot hoogstens %(maximum)s per keer.")),
    "occasion": ("occasion", gettext_lazy("Kies een bijeenkomst of training van deze groep.")),
    "channel": ("channel", gettext_lazy("Kies hoe het lid dit doorgaf: brief, telefoon of persoonlijk.")),
    "file_empty": ("receipt", gettext_lazy("Dit bestand is leeg. Kies de foto of het bestand opnieuw.")),
    "file_too_large": ("receipt", gettext_lazy("Dit bestand is te groot. Het mag hoogstens 10 MB zijn.")),
    "file_type": ("receipt", FILE_TYPE),
    "file_storage": ("receipt", STORE_FAILED),
    "not_yours": (None, gettext_lazy("Dit is niet uw declaratie.")),
    "not_open": (None, gettext_lazy("Deze declaratie kan niet meer veranderen: ze is al %(status)s.")),
    "own_claim": (None, gettext_lazy("U kunt niet beslissen over uw eigen declaratie.")),
    "already_decided": (
        None,
        gettext_lazy(
            "Iemand anders heeft net over deze declaratie beslist: ze is nu %(status)s. Er is niets veranderd."
        ),
    ),
    "reason": ("reason", gettext_lazy("Schrijf waarom u de declaratie afwijst. Het lid leest dit.")),
}


def _message(error) -> str:
    _field, message = ERRORS[error.code]
    params = dict(error.params)
    if "maximum" in params:
        params["maximum"] = euro(params["maximum"])
    if "status" in params:
        params["status"] = str(params["status"]).lower()
    return str(message) % params if params and "%(" in str(message) else str(message)


def _apply(form, error) -> None:
    field, _message_text = ERRORS.get(error.code, (None, ""))
    form.add_error(field if field in form.fields else None, _message(error))
    if form.cleaned_data.get("receipt") and "receipt" in form.fields:
        form.add_error("receipt", FILE_AGAIN)


def _mine_url(body) -> str:
    return reverse("claims:mine", args=[body.region.slug, body.slug])


def _list_url(body) -> str:
    return reverse("claims:list", args=[body.region.slug, body.slug])


def _detail_url(claim) -> str:
    return reverse("claims:detail", args=[claim.body.region.slug, claim.body.slug, claim.pk])


def _crumbs(body, user, *steps: tuple[str, str]) -> list[dict]:
    """Mijn overzicht › the group › Mijn declaraties (a member) or Declaraties (who decides) › ``steps``."""
    if permissions.can_view_claims(user, body):
        return body_trail(body, (_("Declaraties"), _list_url(body)), *steps)
    return body_trail(body, (_("Mijn declaraties"), _mine_url(body)), *steps)


def _years(today) -> list[int]:
    return [earliest_claim_date(today).year, today.year]


def _input(data: dict) -> services.ClaimInput:
    return services.ClaimInput(
        kind=data["kind"],
        spent_on=data["spent_on"],
        amount=data.get("amount"),
        kilometres=data.get("kilometres"),
        description=data.get("description", ""),
        no_receipt_reason=data.get("no_receipt_reason", ""),
        receipt=data.get("receipt"),
        meeting=data.get("meeting"),
        training=data.get("training"),
    )


def _submitted_message(claim) -> str:
    if claim.kind == ClaimKind.KILOMETRES:
        return _("Dank u. Uw declaratie is binnen: %(km)s km, dat is %(amount)s. U hoort of hij is goedgekeurd.") % {
            "km": f"{claim.kilometres:g}".replace(".", ","),
            "amount": euro(claim.amount),
        }
    return _("Dank u. Uw declaratie van %(amount)s is binnen. U hoort of hij is goedgekeurd.") % {
        "amount": euro(claim.amount)
    }


@login_required
@require_safe
def claim_mine(request, region, body):
    """Mijn declaraties: the member's own claims in the group with their status."""
    body = access_body(request, region, body)
    # 25 a page, newest first: "Oudere declaraties" continues after the last one shown (?na=).
    page = selectors.own_claims(user=request.user, body=body, after=request.GET.get("na", ""))
    return render(
        request,
        "claims/mine.html",
        {
            "body": body,
            "region": body.region,
            "claims": page.rows,
            "older_url": f"?na={page.older}" if page.older else "",
            "newest_url": "?" if page.cursor else "",
            "breadcrumbs": body_trail(body, (_("Mijn declaraties"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def claim_new(request, region, body):
    """A member claims costs. ``?bijeenkomst=<id>`` (from the reply's "reiskosten") chooses that meeting and
    travel by public transport."""
    body = access_body(request, region, body)
    today = timezone.localdate()
    terms = selectors.terms_by_year(body, _years(today))
    meetings = selectors.occasion_meetings(body, today=today, user=request.user)
    trainings = selectors.occasion_trainings(body, today=today, user=request.user)
    form = ClaimForm(
        request.POST or None,
        request.FILES or None,
        terms=terms,
        meetings=meetings,
        trainings=trainings,
        today=today,
        initial=_initial_for_meeting(request.GET.get("bijeenkomst", ""), meetings, form_kinds=terms, today=today),
    )
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_submit(body=body, user=request.user, data=_input(form.cleaned_data), by=request.user)
        except services.ClaimError as error:
            _apply(form, error)
        else:
            messages.success(request, _submitted_message(claim))
            return redirect(_detail_url(claim))
    return _claim_form_page(
        request,
        form,
        body=body,
        title=_("Kosten declareren"),
        intro=_("Hebt u kosten gemaakt voor de groep? Vul ze hier in. Wij betalen ze terug na goedkeuring."),
        submit=_("Declaratie versturen"),
        breadcrumbs=body_trail(body, (_("Mijn declaraties"), _mine_url(body)), (_("Nieuw"), "")),
    )


def _initial_for_meeting(value: str, meetings, *, form_kinds, today) -> dict:
    meeting = next((m for m in meetings if value.isdigit() and m.pk == int(value)), None)
    if meeting is None:
        return {}
    initial = {"occasion": f"m{meeting.pk}", "spent_on": min(timezone.localtime(meeting.starts_at).date(), today)}
    allowed = {kind for terms in form_kinds.values() for kind in allowed_kinds(terms)}
    if ClaimKind.PUBLIC_TRANSPORT in allowed:
        initial["kind"] = ClaimKind.PUBLIC_TRANSPORT
    return initial


def _claim_form_page(request, form, *, body, title, intro, submit, breadcrumbs, **extra):
    return form_page(
        request,
        form,
        title=title,
        intro=intro,
        submit=submit,
        multipart=True,
        breadcrumbs=breadcrumbs,
        body=body,
        region=body.region,
        template="claims/claim_form.html",
        phone=body.contact_phone,
        **extra,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def claim_paper(request, region, body):
    """The secretary enters a claim a member sent on paper, phoned in or brought."""
    body = access_body(request, region, body, permissions.can_enter_for_member)
    today = timezone.localdate()
    form = PaperClaimForm(
        request.POST or None,
        request.FILES or None,
        terms=selectors.terms_by_year(body, _years(today)),
        meetings=selectors.occasion_meetings(body, today=today),
        trainings=selectors.occasion_trainings(body, today=today),
        today=today,
        members=selectors.body_members(body),
    )
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_submit(
                body=body,
                user=form.cleaned_data["member"],
                data=_input(form.cleaned_data),
                by=request.user,
                channel=form.cleaned_data["channel"],
            )
        except services.ClaimError as error:
            _apply(form, error)
        else:
            messages.success(request, _("De declaratie van %(amount)s is ingevoerd.") % {"amount": euro(claim.amount)})
            return redirect(_detail_url(claim))
    return _claim_form_page(
        request,
        form,
        body=body,
        title=_("Declaratie invoeren voor een lid"),
        intro=_("Stuurde een lid een declaratie op papier, of belde het lid? Vul die hier in voor het lid."),
        submit=_("Declaratie invoeren"),
        breadcrumbs=body_trail(body, (_("Declaraties"), _list_url(body)), (_("Invoeren voor een lid"), "")),
        paper=True,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def claim_detail(request, region, body, pk):
    """One claim. The member sees its status; who decides sees who claimed, the history and the decision form."""
    claim = access_claim(request, region, body, pk)
    body = claim.body
    user = request.user
    form = None
    if permissions.can_decide(user, claim):
        form = DecideForm(request.POST or None, version=claim.version)
        if request.method == "POST" and form.is_valid():
            try:
                services.claim_decide(
                    claim=claim,
                    by=user,
                    approve=form.cleaned_data["decision"] == "goedkeuren",
                    reason=form.cleaned_data.get("reason", ""),
                    version=form.posted_version,
                )
            except StaleEdit as stale:
                form.mark_stale(stale, current={})
            except services.ClaimError as error:
                messages.error(request, _message(error))
                return redirect(_detail_url(claim))
            else:
                messages.success(request, _("Opgeslagen. Het lid krijgt bericht."))
                return redirect(_detail_url(claim))
    elif request.method == "POST":
        if permissions.can_view_claims(user, body) and claim.status != ClaimStatus.SUBMITTED:
            messages.error(request, _message(services.ClaimError("already_decided", status=claim.get_status_display())))
            return redirect(_detail_url(claim))
        raise PermissionDenied
    staff = permissions.can_view_claims(user, body)
    return render(
        request,
        "claims/detail.html",
        {
            "body": body,
            "region": body.region,
            "claim": claim,
            "form": form,
            "staff": staff,
            "own": claim.user_id == user.pk,
            "can_change": permissions.can_change(user, claim),
            "passed_on": passed_on(claim.channel) if claim.channel != Channel.ONLINE else "",
            "history": selectors.claim_history(claim) if staff else [],
            "breadcrumbs": _crumbs(body, user, (_("Declaratie van %(day)s") % {"day": _day(claim.spent_on)}, "")),
        },
    )


def _day(value) -> str:
    return f"{value.day}-{value.month}-{value.year}"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def claim_edit(request, region, body, pk):
    """The member changes their claim while it is still "ingediend"."""
    claim = access_claim(request, region, body, pk, permissions.can_change)
    body = claim.body
    today = timezone.localdate()
    meetings = selectors.occasion_meetings(body, today=today, user=request.user)
    trainings = selectors.occasion_trainings(body, today=today, user=request.user)
    # The claim's own meeting or training stays a choice, even when it is older than the usual period.
    if claim.meeting and claim.meeting not in meetings:
        meetings.append(claim.meeting)
    if claim.training and claim.training not in trainings:
        trainings.append(claim.training)
    initial = {
        "kind": claim.kind,
        "spent_on": claim.spent_on,
        "amount": claim.amount,
        "kilometres": claim.kilometres,
        "description": claim.description,
        "no_receipt_reason": claim.no_receipt_reason,
        "occasion": f"m{claim.meeting_id}"
        if claim.meeting_id
        else f"t{claim.training_id}"
        if claim.training_id
        else "",
    }
    form = ChangeClaimForm(
        request.POST or None,
        request.FILES or None,
        terms=selectors.terms_by_year(body, sorted({*_years(today), claim.spent_on.year})),
        meetings=meetings,
        trainings=trainings,
        today=today,
        has_receipt=claim.has_receipt,
        initial=initial,
        version=claim.version,
    )
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_change(
                claim=claim, data=_input(form.cleaned_data), by=request.user, version=form.posted_version
            )
        except StaleEdit as stale:
            form.mark_stale(stale, current=initial if stale.current is None else _stored(stale.current))
            if form.cleaned_data.get("receipt"):
                form.add_error("receipt", FILE_AGAIN)
        except services.ClaimError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Uw declaratie is veranderd."))
            return redirect(_detail_url(claim))
    return _claim_form_page(
        request,
        form,
        body=body,
        title=_("Declaratie veranderen"),
        intro=_("U kunt uw declaratie veranderen zolang hij nog niet is beoordeeld."),
        submit=_("Opslaan"),
        breadcrumbs=_crumbs(body, request.user, (_("Veranderen"), "")),
        back_url=_detail_url(claim),
        back_label=_("Terug zonder op te slaan"),
    )


def _occasion_key(claim) -> str:
    if claim.meeting_id:
        return f"m{claim.meeting_id}"
    return f"t{claim.training_id}" if claim.training_id else ""


def _stored(claim) -> dict:
    return {
        "kind": claim.kind,
        "spent_on": claim.spent_on,
        "amount": claim.amount,
        "kilometres": claim.kilometres,
        "description": claim.description,
        "no_receipt_reason": claim.no_receipt_reason,
    }


@login_required
@require_POST
def claim_withdraw(request, region, body, pk):
    """The member takes their claim back while it is still "ingediend"."""
    claim = access_claim(request, region, body, pk, permissions.can_change)
    version = request.POST.get("version", "")
    try:
        services.claim_withdraw(
            claim=claim, by=request.user, version=int(version) if version.isdigit() and len(version) < 10 else None
        )
    except StaleEdit:
        messages.error(request, _("Uw declaratie is net veranderd. Kijk wat er nu staat en probeer het opnieuw."))
        return redirect(_detail_url(claim))
    except services.ClaimError as error:
        messages.error(request, _message(error))
        return redirect(_detail_url(claim))
    messages.success(request, _("Uw declaratie is ingetrokken."))
    return redirect(_mine_url(claim.body))


@login_required
@require_safe
def claim_receipt(request, region, body, pk):
    """The receipt, for the member, the group's secretary, the finance role and the beheerder of the region. A
    photo is shown in the browser; a PDF is always downloaded (a PDF viewer in the browser runs its scripts)."""
    claim = access_claim(request, region, body, pk)
    kind = documents.kind_for_content_type(claim.receipt_content_type) or documents.kind_for_name(claim.receipt.name)
    if not claim.receipt or kind is None:
        raise Http404
    inline = kind in documents.IMAGE_KINDS
    return documents.file_response(
        request, claim.receipt, kind=kind, filename=f"bon-{claim.pk}.{kind.extension}", inline=inline
    )


def _list_page(request, *, region, bodies: dict, whole_region: bool, extra: dict):
    """A page of 25 claims of ``bodies`` for who decides, filtered by status (the waiting ones by default), newest
    first; "Oudere declaraties" continues after the last one shown (``?na=``), keeping the filter."""
    status = _status(request)
    page = selectors.claims_page(body_ids=list(bodies), status=status, after=request.GET.get("na", ""))
    here = f"?status={status}"
    return render(
        request,
        "claims/list.html",
        {
            "region": region,
            "rows": ClaimRows(region.slug, bodies, whole_region=whole_region).html(page.rows),
            "status": status,
            "status_filters": _filters(selectors.status_counts(body_ids=list(bodies))),
            "whole_region": whole_region,
            "older_url": f"{here}&na={page.older}" if page.older else "",
            "newest_url": here if page.cursor else "",
            **extra,
        },
    )


@login_required
@require_safe
def claim_list(request, region, body):
    """The group's claims for who decides (and the beheerder), filtered by status; the waiting ones by default."""
    body = access_body(request, region, body, permissions.can_view_claims)
    return _list_page(
        request,
        region=body.region,
        bodies={body.pk: body},
        whole_region=False,
        extra={
            "body": body,
            "can_enter": permissions.can_enter_for_member(request.user, body),
            "breadcrumbs": body_trail(body, (_("Declaraties"), "")),
        },
    )


def _filters(counts: dict[str, int]) -> list[tuple[str, str, int, bool]]:
    """(status, label, number, more than that) for the filter links; "" is all of them. A number stops at
    ``selectors.COUNT_CAP``."""
    cap = selectors.COUNT_CAP
    more = any(n > cap for n in counts.values())
    rows = [("", _("Alle"), sum(min(n, cap) for n in counts.values()), more)]
    return rows + [(key, label, min(counts[key], cap), counts[key] > cap) for key, label in ClaimStatus.choices]


def _status(request) -> str:
    status = request.GET.get("status", ClaimStatus.SUBMITTED)
    return status if status in ClaimStatus.values else ""


@login_required
@require_safe
def claim_region_list(request, region):
    """The claims of every group of the region, for the finance role (and the beheerder)."""
    region = access_claims_region(request, region)
    return _list_page(
        request,
        region=region,
        bodies={b.pk: b for b in selectors.region_bodies(region)},
        whole_region=True,
        extra={"breadcrumbs": dashboard_trail((_("Declaraties van %(name)s") % {"name": region.name}, ""))},
    )
