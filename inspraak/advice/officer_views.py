"""The policy officer's side of the advice conversation: the dashboard (with the full lists of open requests and of
advice awaiting a response on pages of their own), a proposal with its requests and their timeliness, asking bodies
for advice (with draft documents), a request, its documents, and recording the response to an advice. The
proposal's own pages (new, change, status, decision) are the policy app's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from inspraak.advice import permissions, selectors, services
from inspraak.advice.access import access_advice, access_request
from inspraak.advice.forms import AgendaFilterForm, DocumentForm, RequestForm, ResponseForm, apply_officer_error
from inspraak.advice.models import AdviceStatus, RequestStatus
from inspraak.advice.officer_present import OfficerPresenter
from inspraak.core.breadcrumbs import dashboard_trail
from inspraak.core.documents import file_response, kind_for_content_type
from inspraak.core.links import url_filler
from inspraak.policy import permissions as policy_permissions
from inspraak.policy.access import access_proposal, access_scope


def _crumbs(region, *steps: tuple[str, str]) -> list[dict]:
    return dashboard_trail((_("Beleid"), reverse("advice:officer_dashboard", args=[region.slug])), *steps)


def _proposal_url(proposal) -> str:
    return reverse("advice:proposal", args=[proposal.region.slug, proposal.pk])


# ---------------------------------------------------------------- dashboard


def _tell_who(request, secretaries: int) -> None:
    """The confirmation after a response: who got a message, or that nobody could be told (never a false claim)."""
    if secretaries:
        messages.success(
            request,
            ngettext(
                "De reactie is vastgelegd. De secretaris van de groep krijgt een e-mail.",
                "De reactie is vastgelegd. De %(count)d secretarissen van de groep krijgen een e-mail.",
                secretaries,
            )
            % {"count": secretaries},
        )
    else:
        messages.success(request, _("De reactie is vastgelegd."))
        messages.warning(
            request,
            _(
                "Niemand van de groep kreeg een bericht: de groep heeft geen secretaris met een e-mailadres. "
                "Laat de groep zelf weten dat de reactie er is."
            ),
        )


def _officer_scope(request, region):
    """The region (404 outside the person's regions) and their policy scope in it (403 without the dashboard)."""
    region, scope = access_scope(request, region)
    if not permissions.can_view_officer_dashboard(request.user, region, scope.municipality_ids):
        raise PermissionDenied
    return region, scope


def _link_rows(request, region, open_requests, awaiting) -> None:
    """Each open request's page, and for each advice awaiting a response whether this person may record it (and
    where), on the advice's stored place."""
    request_url = url_filler("advice:officer_request", "pk", region=region.slug)
    for advice_request in open_requests:
        advice_request.url = request_url(advice_request.pk)
    response_url = url_filler("advice:response", "pk", region=region.slug)
    for item in awaiting:
        advice = item.advice
        item.can_respond = permissions.can_record_response_at(
            request.user,
            region_id=advice.region_id,
            municipality_id=advice.municipality_id,
            about_proposal=advice.about_proposal,
        )
        item.url = response_url(advice.pk)


@login_required
@require_safe
def officer_dashboard(request, region):
    region, scope = _officer_scope(request, region)
    filter_form = AgendaFilterForm(request.GET or None)
    data = selectors.dashboard(scope, page=request.GET.get("pagina", 1), filters=filter_form.filters())
    _link_rows(request, region, data.open_requests, data.awaiting)
    present = OfficerPresenter(region)
    return render(
        request,
        "advice/officer/dashboard.html",
        {
            "region": region,
            "scope": scope,
            "data": data,
            "agenda_rows": present.agenda_rows(data.proposals, url_filler("advice:proposal", "pk", region=region.slug)),
            "open_request_rows": present.open_request_rows(data.open_requests),
            "awaiting_rows": present.awaiting_rows(data.awaiting),
            "filter_form": filter_form,
            "filtered": filter_form.is_bound,
            "can_create": policy_permissions.can_create_proposal(request.user, region, scope.municipality_ids),
            "breadcrumbs": _crumbs(region),
        },
    )


@login_required
@require_safe
def open_requests(request, region):
    """Every open request in the officer's scope, 25 a page, the earliest deadline first."""
    region, scope = _officer_scope(request, region)
    data = selectors.open_requests_page(scope, page=request.GET.get("pagina", 1))
    _link_rows(request, region, data.rows, [])
    return render(
        request,
        "advice/officer/open_requests.html",
        {
            "region": region,
            "scope": scope,
            "data": data,
            "open_request_rows": OfficerPresenter(region).open_request_rows(data.rows),
            "breadcrumbs": _crumbs(region, (_("Open adviesaanvragen"), "")),
        },
    )


@login_required
@require_safe
def awaiting_response(request, region):
    """Every sent advice in the officer's scope that waits for a response, 25 a page, the earliest due date first."""
    region, scope = _officer_scope(request, region)
    data = selectors.awaiting_page(scope, page=request.GET.get("pagina", 1))
    _link_rows(request, region, [], data.rows)
    return render(
        request,
        "advice/officer/awaiting.html",
        {
            "region": region,
            "scope": scope,
            "data": data,
            "awaiting_rows": OfficerPresenter(region).awaiting_rows(data.rows),
            "breadcrumbs": _crumbs(region, (_("Advies ontvangen, reactie nodig"), "")),
        },
    )


@login_required
@require_safe
def proposal_detail(request, region, pk):
    proposal = access_proposal(request, region, pk, policy_permissions.can_view_proposal)
    page = selectors.proposal_page(proposal)
    asked = {r.body_id for r in page["requests"] if r.status != RequestStatus.WITHDRAWN}
    unasked = any(c.body_id not in asked for c in page["concerns"])
    return render(
        request,
        "advice/officer/proposal_detail.html",
        {
            "region": proposal.region,
            "proposal": proposal,
            **page,
            "can_edit": policy_permissions.can_edit_proposal(request.user, proposal),
            "can_change_status": policy_permissions.can_change_status(request.user, proposal),
            "can_request": permissions.can_ask_for_advice(request.user, proposal, unasked_bodies=unasked),
            "breadcrumbs": _crumbs(proposal.region, (proposal.title, "")),
        },
    )


# ---------------------------------------------------------------- advice requests


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_new(request, region, pk):
    proposal = access_proposal(request, region, pk, policy_permissions.can_edit_proposal)
    region = proposal.region
    if not policy_permissions.is_open(proposal):
        messages.info(request, _("Dit voorstel is besloten of ingetrokken. U kunt er geen advies meer over vragen."))
        return redirect(_proposal_url(proposal))
    bodies, asked = selectors.askable_bodies(proposal)
    form = RequestForm(
        request.POST or None,
        request.FILES or None,
        bodies=bodies,
        asked_ids=asked,
        decision_on=proposal.planned_decision_date,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.request_create(
                proposal=proposal,
                bodies=form.chosen_bodies(),
                questions=data["questions"],
                by=request.user,
                requested_on=data["requested_on"],
                deadline=data.get("deadline"),
                documents=form.document_data,
            )
        except services.AdviceError as error:
            apply_officer_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "De adviesaanvraag is verstuurd naar %(n)s groep.",
                    "De adviesaanvraag is verstuurd naar %(n)s groepen.",
                    len(created),
                )
                % {"n": len(created)},
            )
            return redirect(_proposal_url(proposal))
    return render(
        request,
        "advice/officer/request_form.html",
        {
            "region": region,
            "form": form,
            "proposal": proposal,
            "can_ask": any(b.pk not in asked for b in bodies),
            "breadcrumbs": _crumbs(region, (proposal.title, _proposal_url(proposal)), (_("Advies vragen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_detail(request, region, pk):
    advice_request = access_request(request, region, pk, permissions.can_view_request)
    proposal = advice_request.proposal
    can_add = permissions.can_add_request_document(request.user, advice_request)
    if request.method == "POST" and not can_add:
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None) if can_add else None
    if request.method == "POST" and form.is_valid():
        try:
            services.request_document_add(
                advice_request=advice_request, title=form.document_title(), data=form.data_bytes, by=request.user
            )
        except services.AdviceError as error:
            apply_officer_error(form, error)
        else:
            messages.success(request, _("Het stuk is toegevoegd."))
            return redirect(reverse("advice:officer_request", args=[proposal.region.slug, advice_request.pk]))
    return render(
        request,
        "advice/officer/request_detail.html",
        {
            "region": proposal.region,
            "advice_request": advice_request,
            "proposal": proposal,
            **selectors.request_page(advice_request),
            "form": form,
            "breadcrumbs": _crumbs(
                proposal.region,
                (proposal.title, _proposal_url(proposal)),
                (_("Adviesaanvraag aan %(body)s") % {"body": advice_request.body.name}, ""),
            ),
        },
    )


@login_required
@require_safe
def request_document(request, region, request_pk, pk):
    advice_request = access_request(request, region, request_pk, permissions.can_download_request_document)
    document = selectors.document_of(advice_request, pk)
    kind = kind_for_content_type(document.content_type)
    if kind is None:
        raise Http404
    return file_response(request, document.file, kind=kind, filename=f"stuk-{document.pk}.{kind.extension}")


# ---------------------------------------------------------------- responses


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def response_record(request, region, pk):
    advice = access_advice(request, region, pk, permissions.can_record_response)
    region = advice.body.region
    recommendations = selectors.recommendations_of(advice)
    existing = advice.response if hasattr(advice, "response") else None
    proposal = permissions.advice_proposal(advice)
    context = {
        "region": region,
        "advice": advice,
        "proposal": proposal,
        "recommendations": recommendations,
        "existing": existing,
        "not_sent": advice.status != AdviceStatus.SENT,
        "due": selectors.response_due_of(advice) if advice.status == AdviceStatus.SENT else None,
        "breadcrumbs": _crumbs(
            region,
            *([(proposal.title, _proposal_url(proposal))] if proposal else []),
            (_("Reactie op advies"), ""),
        ),
    }
    if context["not_sent"] or existing is not None:
        return render(request, "advice/officer/response_form.html", context)
    form = ResponseForm(request.POST or None, recommendations=recommendations, sent_on=advice.sent_on)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            response = services.response_record(
                advice=advice,
                by=request.user,
                responded_on=data["responded_on"],
                verdicts=form.verdicts(),
                mentioned_in_decision=data.get("mentioned_in_decision", False),
                sent_to_council=data.get("sent_to_council", False),
                summary=data.get("summary") or "",
            )
        except services.AdviceError as error:
            apply_officer_error(form, error)
        else:
            _tell_who(request, response.told_secretaries)
            if proposal is not None:
                return redirect(_proposal_url(proposal))
            return redirect(reverse("advice:officer_dashboard", args=[region.slug]))
    return render(request, "advice/officer/response_form.html", {**context, "form": form})
