"""Who sits in a body: the member list, adding and ending memberships, consent, a member's own details,
and the composition as JSON."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.accounts import services as account_services
from inspraak.core import sms
from inspraak.core.breadcrumbs import body_trail, dashboard_trail
from inspraak.core.errors import message_for
from inspraak.core.forms import Form
from inspraak.core.links import absolute_url
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit
from inspraak.members import permissions, selectors, services
from inspraak.members.access import access_membership
from inspraak.members.forms import (
    DUPLICATE,
    ConsentForm,
    EndMembershipForm,
    InvitationAnswerForm,
    MembershipForm,
    NewMembershipForm,
    OwnDetailsForm,
    RecordedConsentForm,
    SmsConsentForm,
)
from inspraak.members.models import ConsentRecord, Status
from inspraak.members.rules import INVITATION_DAYS
from inspraak.regions.access import body_from_url as _body
from inspraak.regions.permissions import can_view_body_dashboard

STATUS_FILTERS = {
    "actief": Status.ACTIVE,
    "kandidaat": Status.CANDIDATE,
    "wacht": Status.INVITED,
    "beeindigd": Status.ENDED,
}


# What a refused step (services.MembersError) tells the secretary.
MESSAGES = {
    "duplicate": DUPLICATE,
    "not_candidate": gettext_lazy("Alleen een kandidaat kan actief lid worden."),
    "no_terms_left": gettext_lazy("Deze termijn kan niet verlengd worden: het maximum aantal termijnen is bereikt."),
}


def _member_trail(membership, *steps: tuple[str, str]) -> list[dict]:
    """Mijn overzicht › body › Leden › the member › ``steps``."""
    body = membership.body
    return body_trail(body, (_("Leden"), _list_url(body)), (membership.display_name, _detail_url(membership)), *steps)


def _member_form_page(request, form, membership, *, title: str, submit: str, step: str = "", intro: str = ""):
    """A form about one member, under the member in the breadcrumbs (``step``: the last crumb, default the title)."""
    return form_page(
        request,
        form,
        title=title,
        submit=submit,
        intro=intro,
        body=membership.body,
        region=membership.body.region,
        breadcrumbs=_member_trail(membership, (step or title, "")),
    )


def _list_url(body) -> str:
    return reverse("members:list", args=[body.region.slug, body.slug])


def _detail_url(membership) -> str:
    return reverse("members:detail", args=[membership.body.region.slug, membership.body.slug, membership.pk])


@login_required
@require_safe
def member_list(request, region, body):
    body = _body(request, region, body, permissions.can_view_member_list)
    context = {"region": body.region, "body": body, "breadcrumbs": body_trail(body, (_("Leden"), ""))}
    if permissions.can_view_member_details(request.user, body):
        status_key = request.GET.get("status", "")
        status = STATUS_FILTERS.get(status_key, "")
        context.update(
            full=True,
            memberships=selectors.member_list(body, status=status, today=timezone.localdate()),
            status_key=status_key if status else "",
            status_filters=[("", _("Alle"))] + [(key, Status(value).label) for key, value in STATUS_FILTERS.items()],
            can_manage=permissions.can_manage_members(request.user, body),
            today=timezone.localdate(),
        )
    else:
        shown, hidden = selectors.named_members(body)
        context.update(full=False, shown=shown, hidden=hidden)
    return render(request, "members/member_list.html", context)


def _join(body, form: NewMembershipForm, *, by):
    """The new member from the form's values (services.member_join: an invitation when an email is given)."""
    data = dict(form.cleaned_data)
    return services.member_join(body=body, name=data.pop("name"), email=data.pop("email") or None, by=by, **data)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_new(request, region, body):
    body = _body(request, region, body, permissions.can_manage_members)
    form = NewMembershipForm(
        request.POST or None, body=body, municipalities=selectors.municipality_choices(body), sms=sms.enabled()
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = _join(body, form, by=request.user)
        except services.MembersError as error:
            form.add_error("email", message_for(error, MESSAGES))
        else:
            if membership.status == Status.INVITED:
                messages.success(
                    request,
                    _(
                        "Het lid is toegevoegd. We hebben een e-mail gestuurd met de vraag of het klopt. Als het lid "
                        "ja zegt, doet het mee."
                    ),
                )
            else:
                messages.success(request, _("Het lid is toegevoegd."))
            return redirect(_detail_url(membership))
    return form_page(
        request,
        form,
        title=_("Lid toevoegen"),
        submit=_("Lid toevoegen"),
        body=body,
        region=body.region,
        breadcrumbs=body_trail(body, (_("Leden"), _list_url(body)), (_("Lid toevoegen"), "")),
    )


@login_required
@require_safe
def member_detail(request, region, body, pk):
    membership = access_membership(request, region, body, pk, check=permissions.can_view_member_details)
    selectors.with_account_scope(membership)
    body, user = membership.body, request.user
    return render(
        request,
        "members/member_detail.html",
        {
            "body": body,
            "region": body.region,
            "membership": membership,
            **selectors.membership_history(membership),
            "sms_enabled": sms.enabled(),
            "sms_number": sms.display_mobile(membership.sms_number),
            "last_sms": selectors.last_sms(membership) if membership.sms_consent else None,
            "can_manage": permissions.can_manage_members(user, body),
            "can_activate": permissions.can_activate_membership(user, membership),
            "can_renew": permissions.can_renew_membership(user, membership),
            "can_end": permissions.can_end_membership(user, membership),
            "can_issue_code": permissions.can_print_code_letter(user, membership),
            "breadcrumbs": body_trail(body, (_("Leden"), _list_url(body)), (membership.display_name, "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_edit(request, region, body, pk):
    membership = access_membership(request, region, body, pk)
    body = membership.body
    form = MembershipForm(
        request.POST or None, instance=membership, body=body, municipalities=selectors.municipality_choices(body)
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if fields.get("term_end") is None:
            fields.pop("term_end")
        try:
            services.membership_update(
                membership=selectors.membership_in(body, pk), by=request.user, version=form.posted_version, **fields
            )
        except StaleEdit as stale:
            form.mark_stale(stale)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(_detail_url(membership))
    title = _("Gegevens van %(name)s") % {"name": membership.display_name}
    return _member_form_page(request, form, membership, title=title, submit=_("Opslaan"), step=_("Wijzigen"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_end(request, region, body, pk):
    membership = access_membership(request, region, body, pk)
    if not permissions.can_end_membership(request.user, membership):
        messages.info(request, _("Dit lidmaatschap is al beëindigd."))
        return redirect(_detail_url(membership))
    if membership.status == Status.INVITED:
        return _withdraw_invitation(request, membership)
    form = EndMembershipForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        services.membership_end(
            membership=membership,
            by=request.user,
            reason=form.cleaned_data["reason"],
            ended_on=form.cleaned_data["ended_on"],
        )
        messages.success(request, _("Het lidmaatschap is beëindigd."))
        return redirect(_detail_url(membership))
    intro = _("%(name)s is daarna geen lid meer en kan de pagina's van de groep niet meer zien.") % {
        "name": membership.display_name
    }
    return _member_form_page(
        request,
        form,
        membership,
        title=_("Lidmaatschap beëindigen"),
        submit=_("Beëindigen"),
        step=_("Beëindigen"),
        intro=intro,
    )


def _withdraw_invitation(request, membership):
    """An invitation nobody answered yet is taken back, not ended: nothing about the invitee stays."""
    if request.method == "POST":
        return _invitation_withdrawn(request, membership)
    if membership.invitation_expired:
        title = _("Opnieuw uitnodigen")
        intro = _(
            "De uitnodiging voor %(name)s is verlopen. Eerst wordt de oude uitnodiging verwijderd, met wat u over deze "
            "persoon hebt ingevuld. Daarna vult u de gegevens opnieuw in en krijgt de persoon een nieuwe e-mail."
        ) % {"name": membership.display_name}
        submit = _("Oude uitnodiging verwijderen")
    else:
        title = _("Uitnodiging intrekken")
        intro = _("%(name)s wordt dan geen lid. Wat u over deze persoon hebt ingevuld, wordt verwijderd.") % {
            "name": membership.display_name
        }
        submit = _("Intrekken")
    return _member_form_page(request, Form(), membership, title=title, submit=submit, intro=intro)


def _invitation_withdrawn(request, membership):
    """Withdraw the invitation; an expired one is withdrawn to invite again (from its application, or the form)."""
    body = membership.body
    expired = membership.invitation_expired
    application_pk = selectors.invitation_application_pk(membership) if expired else None
    services.invitation_withdraw(membership=membership, by=request.user)
    if application_pk:
        # Made from an application: the application is "gekozen" again and invites the person anew.
        messages.success(request, _("De verlopen uitnodiging is weg. U kunt de persoon hier opnieuw uitnodigen."))
        return redirect("recruitment:application_detail", region=body.region.slug, body=body.slug, pk=application_pk)
    if expired:
        # Inviting again is a new invitation: the old one goes, the secretary fills in the form once more.
        messages.success(
            request, _("De verlopen uitnodiging is weg. Vul hieronder de gegevens in voor een nieuwe uitnodiging.")
        )
        return redirect("members:new", region=body.region.slug, body=body.slug)
    messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect(_list_url(body))


@login_required
@require_POST
def member_renew(request, region, body, pk):
    membership = access_membership(request, region, body, pk)
    if not permissions.can_renew_membership(request.user, membership):
        messages.error(request, MESSAGES["no_terms_left"])
        return redirect(_detail_url(membership))
    services.membership_renew(membership=membership, by=request.user)
    messages.success(
        request,
        _("De termijn is verlengd tot en met %(date)s.") % {"date": membership.term_end.strftime("%d-%m-%Y")},
    )
    return redirect(_detail_url(membership))


@login_required
@require_POST
def member_activate(request, region, body, pk):
    membership = access_membership(request, region, body, pk)
    if not permissions.can_activate_membership(request.user, membership):
        messages.error(request, MESSAGES["not_candidate"])
        return redirect(_detail_url(membership))
    services.membership_activate(membership=membership, by=request.user)
    messages.success(request, _("De kandidaat is nu actief lid."))
    return redirect(_detail_url(membership))


def _consent_initial(membership) -> dict:
    return {
        "consent_named_to_members": membership.consent_named_to_members,
        "consent_named_publicly": membership.consent_named_publicly,
        "sms_consent": membership.sms_consent,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_consent(request, region, body, pk):
    membership = access_membership(request, region, body, pk)
    form = RecordedConsentForm(request.POST or None, initial=_consent_initial(membership), sms=sms.enabled())
    if request.method == "POST" and form.is_valid() and form.check_sms_number(membership.contact_phone):
        services.consent_update(
            membership=membership, source=ConsentRecord.Source.RECORDED, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("De toestemming is vastgelegd."))
        return redirect(_detail_url(membership))
    intro = _("Vul in wat %(name)s heeft gezegd of op papier heeft gezet. Elke keer wordt bewaard, met de datum.") % {
        "name": membership.display_name
    }
    return _member_form_page(
        request,
        form,
        membership,
        title=_("Toestemming vastleggen"),
        submit=_("Vastleggen"),
        step=_("Toestemming"),
        intro=intro,
    )


@login_required
@require_POST
@cache_control(no_store=True)  # the code is shown once: never from a cache or the back button
def member_code_letter(request, region, body, pk):
    """The secretary prints a new login code for a member who has no email (the old code stops working)."""
    membership = selectors.with_account_scope(access_membership(request, region, body, pk))
    if not permissions.can_print_code_letter(request.user, membership):
        raise PermissionDenied
    issued = account_services.login_code_issue(person=membership.user, region=membership.body.region, by=request.user)
    return render(
        request,
        "accounts/login_code_letter.html",
        {
            "region": membership.body.region,
            "person": membership.user,
            "issued": issued,
            "login_url": absolute_url("accounts:code_login"),
            "back_url": _detail_url(membership),
            "back_label": _("Terug naar het lid"),
            "breadcrumbs": _member_trail(membership, (_("Brief"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, pk):
    """The invited person, logged in as themself, says yes or no to a membership the secretary added."""
    membership = selectors.open_invitation(request.user, pk)
    if not permissions.can_answer_invitation(request.user, membership):
        raise PermissionDenied
    body = membership.body
    expired = membership.invitation_expired
    form = InvitationAnswerForm(request.POST or None)
    if request.method == "POST" and not expired and form.is_valid():
        if form.cleaned_data["answer"] == InvitationAnswerForm.YES:
            services.invitation_accept(membership=membership, by=request.user)
            messages.success(request, _("Welkom! U doet nu mee met %(name)s.") % {"name": body.name})
        else:
            services.invitation_decline(membership=membership, by=request.user)
            messages.success(
                request,
                _("U doet niet mee met %(name)s. Wat de secretaris over u had ingevuld, is weg.") % {"name": body.name},
            )
        return redirect("dashboards:dashboard")
    return render(
        request,
        "members/invitation.html",
        {
            "membership": membership,
            "body": body,
            "form": form,
            "expired": expired,
            "days": INVITATION_DAYS,
            "breadcrumbs": dashboard_trail((_("Uitnodiging"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def own_membership(request, region, body):
    """A member's own page: how to reach them, what they need, and what they agreed to."""
    body = _body(request, region, body, can_view_body_dashboard)
    membership = selectors.own_membership(request.user, body)
    if membership is None or not permissions.can_edit_own_membership(request.user, membership):
        raise PermissionDenied
    posted = request.POST if request.method == "POST" else None
    details = OwnDetailsForm(posted, instance=membership, prefix="gegevens")
    initial = _consent_initial(membership)
    consent = ConsentForm(posted, initial=initial, prefix="toestemming")
    sms_form = SmsConsentForm(posted, initial=initial, prefix="sms") if sms.enabled() else None
    if (
        posted is not None
        and all([details.is_valid(), consent.is_valid(), sms_form is None or sms_form.is_valid()])
        and (sms_form is None or sms_form.check_sms_number(details.cleaned_data.get("contact_phone", "")))
    ):
        fresh = selectors.own_membership(request.user, body)
        try:
            services.membership_update(
                membership=fresh, by=request.user, version=details.posted_version, **details.cleaned_data
            )
        except StaleEdit as stale:
            details.mark_stale(stale)
        else:
            services.consent_update(
                membership=fresh,
                source=ConsentRecord.Source.SELF,
                by=request.user,
                **consent.cleaned_data,
                **(sms_form.cleaned_data if sms_form else {}),
            )
            messages.success(request, _("Uw keuzes zijn opgeslagen."))
            return redirect("members:own", region=body.region.slug, body=body.slug)
    return render(
        request,
        "members/own_membership.html",
        {
            "body": body,
            "region": body.region,
            "membership": membership,
            "details": details,
            "consent": consent,
            "sms_form": sms_form,
            "breadcrumbs": body_trail(body, (_("Mijn gegevens"), "")),
        },
    )


# ---------------------------------------------------------------- the former JSON URL (ADR 19)


@require_safe
def api_composition(request, region, body):
    """Moved to ``/api/v1/organen/<region>/<body>/samenstelling`` (no trailing slash): a permanent redirect (308)
    with the same query string."""
    query = request.META.get("QUERY_STRING", "")
    url = reverse("api:composition", kwargs={"region": region, "body": body})
    return HttpResponseRedirect(url + (f"?{query}" if query else ""), status=308)
