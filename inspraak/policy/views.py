"""The policy officer's side of the advice cycle: the dashboard, proposals with their status and timeliness, advice
requests with their documents, and the response to an advice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from inspraak.advice.models import AdviceStatus
from inspraak.agenda.rules import KINDS
from inspraak.core import files
from inspraak.core.views import file_unavailable
from inspraak.policy import permissions, selectors, services
from inspraak.policy.forms import (
    GR_CHOICE,
    STALE,
    DocumentForm,
    ProposalForForm,
    ProposalForm,
    RequestForm,
    ResponseForm,
    StatusForm,
    apply_error,
)
from inspraak.policy.models import ProposalStatus, RequestStatus
from inspraak.regions import selectors as region_selectors

KIND_BY_EXTENSION = {kind.extension: kind for kind in KINDS.values()}


def _scope(request, region: str):
    """The region from the URL (404 outside the person's regions) and the person's scope in it."""
    region = region_selectors.region_for_user(request.user, region)
    return region, selectors.scope_for(request.user, region)


def _crumbs(region, *more: tuple[str, str]) -> list[dict]:
    crumbs = [
        {"label": _("Mijn overzicht"), "url": reverse("dashboards:dashboard")},
        {"label": _("Beleid"), "url": reverse("policy:dashboard", args=[region.slug])},
    ]
    crumbs.extend({"label": label, "url": url} for label, url in more)
    crumbs[-1]["url"] = ""
    return crumbs


def _proposal_url(proposal) -> str:
    return reverse("policy:proposal", args=[proposal.region.slug, proposal.pk])


def _file_response(request, field_file, kind, stem: str):
    """A stored file, never cached by others, with a generated name; a missing file is a 404 and a storage that
    refuses a 503, never a 500."""
    try:
        handle = files.open_stored(field_file)
    except FileNotFoundError as exc:
        raise Http404 from exc
    except files.StorageFailed:
        return file_unavailable(request)
    answer = FileResponse(
        handle, content_type=kind.content_type, as_attachment=not kind.inline, filename=f"{stem}.{kind.extension}"
    )
    answer["X-Content-Type-Options"] = "nosniff"
    answer["Cache-Control"] = "private, no-store"
    return answer


def _object(request, region: str, pk: int, lookup, check):
    """An object of a region of the person (404 otherwise); 403 without the right for this page."""
    region = region_selectors.region_for_user(request.user, region)
    found = lookup(region, pk)
    if not check(request.user, found):
        raise PermissionDenied
    return found


def _proposal(request, region: str, pk: int, check):
    return _object(request, region, pk, selectors.proposal_in, check)


def _request(request, region: str, pk: int, check):
    return _object(request, region, pk, selectors.request_in, check)


# ---------------------------------------------------------------- dashboard


@login_required
@require_http_methods(["GET", "HEAD"])
def dashboard(request, region):
    region, scope = _scope(request, region)
    if not permissions.can_view_policy_agenda(request.user, region, scope.municipality_ids):
        raise PermissionDenied
    data = selectors.dashboard(scope, page=request.GET.get("pagina", 1))
    for item in data.awaiting:
        item.can_respond = permissions.can_record_response(request.user, item.advice)
    return render(
        request,
        "policy/dashboard.html",
        {
            "region": region,
            "scope": scope,
            "data": data,
            "can_create": permissions.can_create_proposal(request.user, region, scope.municipality_ids),
            "breadcrumbs": _crumbs(region),
        },
    )


# ---------------------------------------------------------------- proposals


def _target_choices(region, scope) -> tuple[list[tuple[str, str]], dict]:
    """(choices, slug -> municipality) for whom a person may register a proposal."""
    municipalities = selectors.region_municipalities(region) if scope.gr_officer else list(scope.municipalities)
    choices = [(GR_CHOICE, _("De hele regio (de GR): %(name)s") % {"name": region.name})] if scope.gr_officer else []
    choices += [(m.slug, _("Gemeente %(name)s") % {"name": m.name}) for m in municipalities]
    return choices, {m.slug: m for m in municipalities}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_new(request, region):
    region, scope = _scope(request, region)
    if not permissions.can_create_proposal(request.user, region, scope.municipality_ids):
        raise PermissionDenied
    choices, by_slug = _target_choices(region, scope)
    target = request.GET.get("voor", "")
    if "voor" not in request.GET and len(choices) == 1:
        target = choices[0][0]
    crumbs = _crumbs(region, (_("Nieuw voorstel"), ""))
    if target not in dict(choices):
        chooser = ProposalForForm(request.GET if "voor" in request.GET else None, choices=choices)
        if chooser.is_bound:
            chooser.is_valid()
        return render(
            request,
            "policy/proposal_for.html",
            {"region": region, "form": chooser, "breadcrumbs": crumbs},
        )
    municipality = None if target == GR_CHOICE else by_slug[target]
    if not permissions.can_create_proposal_for(request.user, region, municipality):
        raise PermissionDenied
    bodies = selectors.candidate_bodies(region, municipality)
    suggested = selectors.suggested_body_ids(bodies, municipality)
    owners = selectors.owner_choices(region, municipality)
    initial = {"bodies": sorted(suggested)}
    if any(u.pk == request.user.pk for u in owners):
        initial["owner"] = request.user.pk
    form = ProposalForm(request.POST or None, initial=initial, bodies=bodies, suggested_ids=suggested, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                region=region,
                municipality=municipality,
                by=request.user,
                title=data["title"],
                description=data["description"],
                kind=data["kind"],
                owner=form.chosen_owner(),
                deciding_body=data["deciding_body"],
                planned_decision_date=data["planned_decision_date"],
                bodies=form.chosen_bodies(),
                suggested_ids=suggested,
                no_bodies_reason=data.get("no_bodies_reason") or "",
            )
        except services.PolicyError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Het voorstel staat op de beleidsagenda."))
            return redirect(_proposal_url(proposal))
    return render(
        request,
        "policy/proposal_form.html",
        {
            "region": region,
            "form": form,
            "title": _("Nieuw voorstel"),
            "for_label": dict(choices)[target],
            "submit": _("Voorstel opslaan"),
            "breadcrumbs": crumbs,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def proposal_detail(request, region, pk):
    proposal = _proposal(request, region, pk, permissions.can_view_proposal)
    page = selectors.proposal_page(proposal)
    can_edit = permissions.can_edit_proposal(request.user, proposal)
    open_status = proposal.status not in (ProposalStatus.DECIDED, ProposalStatus.WITHDRAWN)
    asked = {r.body_id for r in page["requests"] if r.status != RequestStatus.WITHDRAWN}
    return render(
        request,
        "policy/proposal_detail.html",
        {
            "region": proposal.region,
            "proposal": proposal,
            **page,
            "can_edit": can_edit,
            "can_change_status": can_edit and proposal.status != ProposalStatus.DECIDED,
            "can_request": can_edit and open_status and any(c.body_id not in asked for c in page["concerns"]),
            "breadcrumbs": _crumbs(proposal.region, (proposal.title, "")),
        },
    )


def _stale_form(form_class, request, version: int, **kwargs):
    """The same form with what the person typed, now based on the version someone else saved."""
    data = request.POST.copy()
    data["version"] = str(version)
    form = form_class(data, request.FILES or None, **kwargs)
    form.is_valid()
    form.add_error(None, STALE)
    return form


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_edit(request, region, pk):
    proposal = _proposal(request, region, pk, permissions.can_edit_proposal)
    region = proposal.region
    bodies = selectors.candidate_bodies(region, proposal.municipality)
    suggested = selectors.suggested_body_ids(bodies, proposal.municipality)
    owners = selectors.owner_choices(region, proposal.municipality)
    concerns = selectors.concerns_of(proposal)
    known = {b.pk for b in bodies}
    bodies += [c.body for c in concerns if c.body_id not in known]  # keep a concerned body that moved elsewhere
    if proposal.owner is not None and all(u.pk != proposal.owner_id for u in owners):
        owners.append(proposal.owner)
    initial = {
        "title": proposal.title,
        "description": proposal.description,
        "kind": proposal.kind,
        "owner": proposal.owner_id,
        "deciding_body": proposal.deciding_body,
        "planned_decision_date": proposal.planned_decision_date,
        "bodies": [c.body_id for c in concerns],
        "no_bodies_reason": proposal.no_bodies_reason,
        "version": proposal.version,
    }
    form_kwargs = {"bodies": bodies, "suggested_ids": suggested, "owners": owners, "editing": True}
    form = ProposalForm(request.POST or None, initial=initial, **form_kwargs)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_update(
                proposal=proposal,
                by=request.user,
                version=data.get("version") or 0,
                bodies=form.chosen_bodies(),
                suggested_ids=suggested,
                date_reason=data.get("date_reason") or "",
                title=data["title"],
                description=data["description"],
                kind=data["kind"],
                owner=form.chosen_owner(),
                deciding_body=data["deciding_body"],
                planned_decision_date=data["planned_decision_date"],
                no_bodies_reason=data.get("no_bodies_reason") or "",
            )
        except services.StaleError:
            stale = selectors.proposal_in(region, proposal.pk)
            form = _stale_form(ProposalForm, request, stale.version, initial=initial, **form_kwargs)
        except services.PolicyError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(_proposal_url(proposal))
    return render(
        request,
        "policy/proposal_form.html",
        {
            "region": region,
            "form": form,
            "proposal": proposal,
            "stale": stale,
            "title": _("Voorstel wijzigen"),
            "submit": _("Wijzigingen opslaan"),
            "breadcrumbs": _crumbs(region, (proposal.title, _proposal_url(proposal)), (_("Wijzigen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_status(request, region, pk):
    proposal = _proposal(request, region, pk, permissions.can_edit_proposal)
    region = proposal.region
    if proposal.status == ProposalStatus.DECIDED:
        messages.info(request, _("Over dit voorstel is al besloten. De status kan niet meer veranderen."))
        return redirect(_proposal_url(proposal))
    form_kwargs = {"current": proposal.status}
    form = StatusForm(request.POST or None, request.FILES or None, initial={"version": proposal.version}, **form_kwargs)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_change_status(
                proposal=proposal,
                status=data["status"],
                by=request.user,
                version=data.get("version") or 0,
                reason=data.get("reason") or "",
                decided_on=data.get("decided_on"),
                decision_url=data.get("decision_url") or "",
                decision_data=form.decision_data,
            )
        except services.StaleError:
            stale = selectors.proposal_in(region, proposal.pk)
            form = _stale_form(StatusForm, request, stale.version, current=stale.status)
        except services.PolicyError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("De status is gewijzigd."))
            return redirect(_proposal_url(proposal))
    return render(
        request,
        "policy/status_form.html",
        {
            "region": region,
            "form": form,
            "proposal": proposal,
            "stale": stale,
            "breadcrumbs": _crumbs(region, (proposal.title, _proposal_url(proposal)), (_("Status wijzigen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def decision_file(request, region, pk):
    proposal = _proposal(request, region, pk, permissions.can_view_proposal)
    if not proposal.decision_file:
        raise Http404
    kind = KIND_BY_EXTENSION.get(proposal.decision_file.name.rsplit(".", 1)[-1])
    if kind is None:
        raise Http404
    return _file_response(request, proposal.decision_file, kind, f"besluit-{proposal.pk}")


# ---------------------------------------------------------------- advice requests


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_new(request, region, pk):
    proposal = _proposal(request, region, pk, permissions.can_edit_proposal)
    region = proposal.region
    if proposal.status in (ProposalStatus.DECIDED, ProposalStatus.WITHDRAWN):
        messages.info(request, _("Dit voorstel is besloten of ingetrokken. U kunt er geen advies meer over vragen."))
        return redirect(_proposal_url(proposal))
    bodies, asked = selectors.askable_bodies(proposal)
    form = RequestForm(request.POST or None, request.FILES or None, bodies=bodies, asked_ids=asked)
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
        except services.PolicyError as error:
            apply_error(form, error)
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
        "policy/request_form.html",
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
    advice_request = _request(request, region, pk, permissions.can_view_request)
    proposal = advice_request.proposal
    can_add = permissions.can_edit_proposal(request.user, proposal) and advice_request.status == RequestStatus.OPEN
    if request.method == "POST" and not can_add:
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None) if can_add else None
    if request.method == "POST" and form.is_valid():
        try:
            services.request_document_add(
                advice_request=advice_request, title=form.document_title(), data=form.data_bytes, by=request.user
            )
        except services.PolicyError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Het stuk is toegevoegd."))
            return redirect(reverse("policy:request", args=[proposal.region.slug, advice_request.pk]))
    return render(
        request,
        "policy/request_detail.html",
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
@require_http_methods(["GET", "HEAD"])
def request_document(request, region, request_pk, pk):
    advice_request = _request(request, region, request_pk, permissions.can_download_request_document)
    document = selectors.document_of(advice_request, pk)
    kind = KINDS.get(document.content_type)
    if kind is None:
        raise Http404
    return _file_response(request, document.file, kind, f"stuk-{document.pk}")


# ---------------------------------------------------------------- responses


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def response_record(request, region, pk):
    region = region_selectors.region_for_user(request.user, region)
    advice = selectors.advice_in(region, pk)
    if not permissions.can_record_response(request.user, advice):
        raise PermissionDenied
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
        return render(request, "policy/response_form.html", context)
    form = ResponseForm(request.POST or None, recommendations=recommendations, sent_on=advice.sent_on)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.response_record(
                advice=advice,
                by=request.user,
                responded_on=data["responded_on"],
                verdicts=form.verdicts(),
                mentioned_in_decision=data.get("mentioned_in_decision", False),
                sent_to_council=data.get("sent_to_council", False),
                summary=data.get("summary") or "",
            )
        except services.PolicyError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("De reactie is vastgelegd. De secretaris van de groep krijgt een bericht."))
            if proposal is not None:
                return redirect(_proposal_url(proposal))
            return redirect(reverse("policy:dashboard", args=[region.slug]))
    return render(request, "policy/response_form.html", {**context, "form": form})
