"""Logging in (password, email link, printed code), password reset, own account, and people management."""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from inspraak.accounts import permissions, present, selectors, services
from inspraak.accounts.access import access_people, access_person
from inspraak.accounts.breadcrumbs import people_trail, person_trail
from inspraak.accounts.forms import (
    InspraakPasswordChangeForm,
    InspraakSetPasswordForm,
    LoginCodeForm,
    LoginLinkRequestForm,
    PasswordLoginForm,
    PeopleSearchForm,
    PersonForm,
    QueuedPasswordResetForm,
    RoleGrantForm,
)
from inspraak.core import ratelimit
from inspraak.core.breadcrumbs import trail
from inspraak.core.errors import message_for
from inspraak.core.links import absolute_url
from inspraak.core.net import client_ip
from inspraak.core.pages import form_page
from inspraak.regions import selectors as region_selectors
from inspraak.twofactor import selectors as twofactor_selectors

logger = logging.getLogger(__name__)

# Markers that let django-axes count failures of methods without a user name. The lock is per secret and per
# address (see _guess_name), so a stranger elsewhere, or a neighbour at a shared address, cannot lock a member out.
CODE_MARKER = "inlogcode"
LINK_MARKER = "inloglink"
GUESS_WAIT_MINUTES = round(services.LOGIN_GUESSES_PER_ADDRESS.window.total_seconds() / 60)
LOGIN_CRUMBS = trail((gettext_lazy("Inloggen"), ""))


def _guess_name(marker: str, secret: str) -> str:
    """What django-axes counts a code or link login under (it stores only a keyed hash of it, see accounts.axes).

    A printed code counts under its first group of four characters: typing errors in the rest of one's own code
    add up, other people's codes (810,000 possible first groups) do not. A link counts under the whole token.
    """
    return f"{marker}:{secret[:4] if marker == CODE_MARKER else secret}"


def _guessing_stopped(request) -> bool:
    """Too many failed code and link logins from this address in the last hour, over all codes (ADR 0011)."""
    return ratelimit.is_exceeded(services.LOGIN_GUESSES_PER_ADDRESS, client_ip(request))


def _count_guess(request) -> None:
    limit = services.LOGIN_GUESSES_PER_ADDRESS
    if ratelimit.hit_count(limit, client_ip(request)) == limit.count:
        # An alarm for the operator, without the address (that is personal data): someone is guessing at scale.
        logger.warning(
            "%s failed code or link logins from one address this hour: stopped until the hour ends.", limit.count
        )


def locked_out(request, original_response=None, credentials=None, *, minutes=None):
    """django-axes calls this when too many attempts failed (for any of the three ways to log in)."""
    minutes = minutes or max(1, round(settings.AXES_COOLOFF_TIME * 60))
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "breadcrumbs": LOGIN_CRUMBS},
        status=429,
    )


def _safe_next(request) -> str:
    """The ``next`` address from the form or the query string, only if it points to this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else ""


def _next_url(request) -> str:
    return _safe_next(request) or reverse(settings.LOGIN_REDIRECT_URL)


def _login_context(request, form, **extra) -> dict:
    return {"form": form, "next": _safe_next(request), "breadcrumbs": LOGIN_CRUMBS, **extra}


def login_password(request):
    form = PasswordLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            return redirect(_next_url(request))
        form.add_error(None, _("Het e-mailadres of het wachtwoord klopt niet."))
    return render(request, "accounts/login.html", _login_context(request, form))


def _too_many(request, crumbs=LOGIN_CRUMBS):
    return ratelimit.too_many_response(request, breadcrumbs=crumbs)


def login_link_request(request):
    form = LoginLinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        # Counted alike for known and unknown addresses: neither answer reveals who has an account.
        if not services.link_request_allowed(address=client_ip(request), email=email):
            return _too_many(request)
        services.login_link_request_queue(email=email)
        return render(request, "accounts/login_link_sent.html", {"breadcrumbs": LOGIN_CRUMBS})
    return render(request, "accounts/login_link_request.html", _login_context(request, form))


def _link_invalid(request):
    # 404: an unknown, used or expired token looks the same, and tells nothing about the account.
    return render(request, "accounts/login_link_invalid.html", {"breadcrumbs": LOGIN_CRUMBS}, status=404)


# The token is in the address: not cached. (The site-wide Referrer-Policy "same-origin" keeps it off other sites;
# "no-referrer" would make browsers send "Origin: null", which fails the CSRF check of the button.)
@cache_control(no_store=True)
def login_link(request, token):
    """GET shows a button (mail scanners that open links do not use them up); POST logs in."""
    if request.method == "POST":
        if _guessing_stopped(request):
            return locked_out(request, minutes=GUESS_WAIT_MINUTES)
        user = authenticate(request, username=_guess_name(LINK_MARKER, token), link_token=token)
        if user is not None:
            login(request, user)
            return redirect(settings.LOGIN_REDIRECT_URL)
        _count_guess(request)
        return _link_invalid(request)
    if not services.login_link_is_usable(token):
        return _link_invalid(request)
    return render(request, "accounts/login_link_confirm.html", {"breadcrumbs": LOGIN_CRUMBS})


def login_code(request):
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _guessing_stopped(request):
            return locked_out(request, minutes=GUESS_WAIT_MINUTES)
        code = form.cleaned_data["code"]
        user = authenticate(request, username=_guess_name(CODE_MARKER, code), login_code=code)
        if user is not None:
            login(request, user)
            return redirect(_next_url(request))
        _count_guess(request)
        form.add_error(
            "code", _("Deze code klopt niet of werkt niet meer. Kijk goed of vraag een nieuwe code aan de secretaris.")
        )
    return render(request, "accounts/login_code.html", _login_context(request, form))


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("dashboards:home")


def password_reset(request):
    """Ask for a link to choose a new password. Like the login link: the person is looked up in the task worker."""
    crumbs = trail((_("Wachtwoord vergeten"), ""))
    form = QueuedPasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not services.reset_request_allowed(address=client_ip(request), email=email):
            return _too_many(request, crumbs)
        services.password_reset_request_queue(email=email)
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form, "breadcrumbs": crumbs})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = InspraakSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"breadcrumbs": trail((gettext_lazy("Nieuw wachtwoord kiezen"), ""))}


@login_required
def account(request):
    """Own details and roles; choose a first password (no old one needed) or change it (old one asked)."""
    user = request.user
    form = None
    if user.email:
        form_class = InspraakPasswordChangeForm if user.has_usable_password() else InspraakSetPasswordForm
        form = form_class(user, request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.password_set(user=user, password=form.cleaned_data["new_password1"])
            update_session_auth_hash(request, form.user)
            messages.success(request, _("Uw wachtwoord is opgeslagen."))
            return redirect("accounts:account")
    elif request.method == "POST":
        return redirect("accounts:account")
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "roles": selectors.my_roles(request.user),
            "second_factor": twofactor_selectors.account_state(request.user),
            "breadcrumbs": trail((_("Mijn account"), "")),
        },
    )


# ---------------------------------------------------------------- people management (beheerder)

MESSAGES = {
    "duplicate_role": gettext_lazy("Deze persoon heeft deze rol hier al."),
}


@login_required
def people(request, region):
    region = access_people(request, region)
    search = PeopleSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page = selectors.people_page(region, page=request.GET.get("pagina"), query=query)
    return render(
        request,
        "accounts/people.html",
        {
            "region": region,
            "page": page,
            "people_rows": present.people_rows(page.object_list),
            "search": search,
            "breadcrumbs": people_trail(region),
        },
    )


def _person_form_page(request, region, form, *, title, breadcrumbs):
    return form_page(
        request,
        form,
        title=title,
        intro=_("Vraag alleen wat nodig is. Geen BSN, geen geboortedatum."),
        submit=_("Opslaan"),
        region=region,
        breadcrumbs=breadcrumbs,
    )


@login_required
def person_new(request, region):
    region = access_people(request, region)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        person = services.person_create(region=region, by=request.user, name=form.cleaned_data["name"], email=None)
        if email:
            services.person_email_propose(person=person, email=email, region=region, by=request.user)
        messages.success(request, _("De persoon is toegevoegd. Geef nu een rol."))
        return redirect("accounts:person", region=region.slug, pk=person.pk)
    return _person_form_page(
        request, region, form, title=_("Persoon toevoegen"), breadcrumbs=people_trail(region, (_("Nieuw"), ""))
    )


def _grant_form(region, data=None) -> RoleGrantForm:
    return RoleGrantForm(
        data,
        municipalities=region_selectors.municipality_choices(region),
        bodies=region_selectors.body_choices(region),
    )


def _person_page(request, region, person, grant_form=None):
    user = request.user
    return render(
        request,
        "accounts/person.html",
        {
            "region": region,
            "person": person,
            "grant_form": grant_form or _grant_form(region),
            "can_grant_role": permissions.can_grant_role(user, person, region),
            "can_edit": permissions.can_edit_person(user, person),
            "can_manage_account": permissions.can_manage_person_account(user, person, person.data_region_ids),
            "can_switch_access": permissions.can_switch_access(user, person),
            "can_deactivate": permissions.can_deactivate_person(user, person, person.data_region_ids),
            "can_issue_code": permissions.can_issue_login_code(user, person, region),
            "revocable_ids": {r.pk for r in person.region_roles if permissions.can_revoke_role(user, r)},
            "breadcrumbs": people_trail(region, (person.name, "")),
        },
    )


@login_required
def person(request, region, pk):
    region = access_people(request, region)
    return _person_page(request, region, access_person(request, region, pk))


@login_required
def person_edit(request, region, pk):
    region = access_people(request, region)
    person = access_person(request, region, pk, check=permissions.can_edit_person)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        _person_save(request, region, pk, **form.cleaned_data)
        return redirect("accounts:person", region=region.slug, pk=pk)
    return _person_form_page(
        request,
        region,
        form,
        title=_("Gegevens wijzigen"),
        breadcrumbs=person_trail(region, person, (_("Wijzigen"), "")),
    )


def _person_save(request, region, pk, *, name, email):
    """Save the name; taking the address away is immediate, a new one waits until its owner confirms it."""
    # A ModelForm writes the posted values onto its instance: give the service a clean copy.
    fresh = selectors.person_in_region(region, pk)
    kept = email if email == fresh.email else (fresh.email if email else None)
    services.person_update(person=fresh, region=region, by=request.user, name=name, email=kept)
    if email and email != fresh.email:
        services.person_email_propose(person=fresh, email=email, region=region, by=request.user)
        messages.success(
            request,
            _("De gegevens zijn opgeslagen. Het nieuwe e-mailadres telt als de persoon het heeft bevestigd."),
        )
    else:
        messages.success(request, _("De gegevens zijn opgeslagen."))


@login_required
@require_POST
def role_grant(request, region, pk):
    region = access_people(request, region)
    person = access_person(request, region, pk, check=partial(_grant_check, region=region))
    form = _grant_form(region, request.POST)
    if form.is_valid():
        try:
            services.role_grant(person=person, region=region, by=request.user, **form.cleaned_data)
        except services.DuplicateRoleError as error:
            form.add_error("role", message_for(error, MESSAGES))
        else:
            messages.success(request, _("De rol is gegeven."))
            return redirect("accounts:person", region=region.slug, pk=pk)
    return _person_page(request, region, person, grant_form=form)


def _grant_check(user, person, *, region) -> bool:
    return permissions.can_grant_role(user, person, region)


def _code_check(user, person, *, region) -> bool:
    return permissions.can_issue_login_code(user, person, region)


@login_required
@require_POST
def role_revoke(request, region, pk, role_pk):
    region = access_people(request, region)
    person = selectors.person_in_region(region, pk)
    assignment = selectors.assignment_in_region(region, person, role_pk)
    if not permissions.can_revoke_role(request.user, assignment):
        raise PermissionDenied
    services.role_revoke(assignment=assignment, by=request.user)
    messages.success(request, _("De rol is afgenomen."))
    return redirect("accounts:person", region=region.slug, pk=pk)


@login_required
@require_POST
@cache_control(no_store=True)  # the code is shown once: never from a cache or the back button
def login_code_issue(request, region, pk):
    region = access_people(request, region)
    person = access_person(request, region, pk, check=partial(_code_check, region=region))
    if not person.is_active:
        messages.error(request, _("Deze persoon kan niet inloggen. Zet de toegang eerst weer aan."))
        return redirect("accounts:person", region=region.slug, pk=pk)
    issued = services.login_code_issue(person=person, region=region, by=request.user)
    return render(
        request,
        "accounts/login_code_letter.html",
        {
            "region": region,
            "person": person,
            "issued": issued,
            "login_url": absolute_url("accounts:code_login"),
            "breadcrumbs": person_trail(region, person, (_("Brief"), "")),
        },
    )


@login_required
@require_POST
def person_deactivate(request, region, pk):
    region = access_people(request, region)
    person = access_person(request, region, pk, check=permissions.can_switch_access)
    services.person_deactivate(person=person, region=region, by=request.user)
    messages.success(request, _("De toegang is uitgezet. Deze persoon kan niet meer inloggen."))
    return redirect("accounts:person", region=region.slug, pk=pk)


@login_required
@require_POST
def person_activate(request, region, pk):
    region = access_people(request, region)
    person = access_person(request, region, pk, check=permissions.can_switch_access)
    services.person_activate(person=person, region=region, by=request.user)
    messages.success(request, _("De toegang is weer aan. Maak een nieuwe brief als deze persoon geen e-mail heeft."))
    return redirect("accounts:person", region=region.slug, pk=pk)


# ---------------------------------------------------------------- confirming an address a beheerder typed


@cache_control(no_store=True)
def email_confirm(request, token):
    """The owner of an address a beheerder typed confirms it (GET shows a button, POST acts).

    A free address becomes the person's email. An address that already has an account: its owner, logged in as
    themself, adds the roles the beheerder gave to their own account. Until then the beheerder sees the same
    "wacht op bevestiging" either way."""
    found = services.email_confirmation(token)
    if found is None:
        return _link_invalid(request)
    person, email = found
    owner = selectors.account_with_email(email, exclude=person)
    is_owner = owner is not None and request.user.is_authenticated and request.user.pk == owner.pk
    if request.method == "POST" and (owner is None or is_owner):
        if owner is None:
            try:
                services.person_email_confirm(person=person, email=email)
            except services.EmailTakenError:
                return _link_invalid(request)
            messages.success(request, _("Uw e-mailadres is bevestigd. U kunt nu inloggen met een link per e-mail."))
            return redirect("accounts:link_request")
        services.person_link(person=person, owner=owner)
        messages.success(request, _("Klaar. U ziet de nieuwe rollen op uw overzicht."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    region = person.created_in_region
    return render(
        request,
        "accounts/email_confirm.html",
        {
            "region": region,
            "has_account": owner is not None,
            "is_owner": is_owner,
            "login_url": reverse("accounts:login") + "?" + urlencode({"next": request.path}),
            "breadcrumbs": trail((_("E-mailadres bevestigen"), "")),
        },
    )
