"""The policy agenda's pages: a new proposal, changing one, its status, and the decision file. The officer's
dashboard and the proposal page (with the advice requests) are the advice app's (advice/officer_views.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from inspraak.core.breadcrumbs import dashboard_trail
from inspraak.core.documents import file_response, kind_for_name
from inspraak.core.forms import stale_form
from inspraak.core.versioning import StaleEdit
from inspraak.policy import permissions, selectors, services
from inspraak.policy.access import access_proposal, access_scope
from inspraak.policy.forms import (
    GR_CHOICE,
    NO_ADVICE_NAMED,
    STALE,
    ProposalForForm,
    ProposalForm,
    StatusForm,
    apply_error,
)
from inspraak.policy.models import ProposalStatus, deciders_for


def _crumbs(region, *steps: tuple[str, str]) -> list[dict]:
    return dashboard_trail((_("Beleid"), reverse("advice:officer_dashboard", args=[region.slug])), *steps)


def _proposal_url(proposal) -> str:
    return reverse("advice:proposal", args=[proposal.region.slug, proposal.pk])


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
    region, scope = access_scope(request, region)
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
    deciders = deciders_for(municipality)
    initial = {"bodies": sorted(suggested)}
    if len(deciders) == 1:
        initial["deciding_body"] = deciders[0]
    if any(u.pk == request.user.pk for u in owners):
        initial["owner"] = request.user.pk
    form = ProposalForm(
        request.POST or None,
        initial=initial,
        bodies=bodies,
        suggested_ids=suggested,
        owners=owners,
        deciders=deciders,
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                region=region,
                municipality=municipality,
                by=request.user,
                bodies=form.chosen_bodies(),
                suggested_ids=suggested,
                **form.proposal_fields(),
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
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_edit(request, region, pk):
    proposal = access_proposal(request, region, pk, permissions.can_edit_proposal)
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
    form_kwargs = {
        "bodies": bodies,
        "suggested_ids": suggested,
        "owners": owners,
        "deciders": deciders_for(proposal.municipality),
        "editing": True,
    }
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
                **form.proposal_fields(),
            )
        except StaleEdit as error:
            stale = error.current
            form = stale_form(
                ProposalForm,
                request.POST,
                version=stale.version,
                message=STALE,
                files=request.FILES or None,
                initial=initial,
                **form_kwargs,
            )
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
    proposal = access_proposal(request, region, pk, permissions.can_edit_proposal)
    region = proposal.region
    if not permissions.can_change_status(request.user, proposal):
        messages.info(request, _("Over dit voorstel is al besloten. De status kan niet meer veranderen."))
        return redirect(_proposal_url(proposal))
    form_kwargs = {"current": proposal.status, "without_advice": selectors.lacks_advice(proposal)}
    form = StatusForm(request.POST or None, request.FILES or None, initial={"version": proposal.version}, **form_kwargs)
    stale = None
    confirming = False
    if request.method == "POST" and form.is_valid() and form.needs_confirmation():
        # The confirm step: the same form again with what was typed (a chosen file must be chosen again: a browser
        # never sends it back), now asking why it was decided without advice.
        confirming = True
        data = request.POST.copy()
        data["confirmed"] = "True"
        form = StatusForm(data, initial={"version": proposal.version}, **form_kwargs)
        form.is_valid()
    elif request.method == "POST" and form.is_valid():
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
                no_advice_reason=data.get("no_advice_reason") or "",
            )
        except StaleEdit as error:
            stale = error.current
            form = stale_form(
                StatusForm,
                request.POST,
                version=stale.version,
                message=STALE,
                files=request.FILES or None,
                current=stale.status,
                without_advice=form_kwargs["without_advice"],
            )
        except services.PolicyError as error:
            apply_error(form, error, named_message=NO_ADVICE_NAMED)
        else:
            if data["status"] == ProposalStatus.DECIDED and form_kwargs["without_advice"]:
                messages.success(
                    request,
                    _(
                        "De status is gewijzigd: besloten zonder advies. De groepen krijgen bericht. Het voorstel "
                        "staat op de openbare lijst 'Besloten zonder advies'."
                    ),
                )
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
            "without_advice": form_kwargs["without_advice"],
            "confirming": confirming,
            "breadcrumbs": _crumbs(region, (proposal.title, _proposal_url(proposal)), (_("Status wijzigen"), "")),
        },
    )


@login_required
@require_safe
def decision_file(request, region, pk):
    proposal = access_proposal(request, region, pk, permissions.can_view_proposal)
    if not proposal.decision_file:
        raise Http404
    kind = kind_for_name(proposal.decision_file.name)
    if kind is None:
        raise Http404
    return file_response(request, proposal.decision_file, kind=kind, filename=f"besluit-{proposal.pk}.{kind.extension}")
