"""The second step at login for beheerders (and staff who chose it): set up an app, type its code, keep recovery
codes, switch it off again (ADR 0010)."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from inspraak.accounts.access import access_people
from inspraak.accounts.breadcrumbs import person_trail
from inspraak.core.breadcrumbs import trail
from inspraak.twofactor import permissions, rules, selectors, services, session
from inspraak.twofactor.access import access_person_to_reset
from inspraak.twofactor.forms import AppCodeForm, CodeForm, PasswordCheckForm

_KEY = "twofactor_new_key"  # the secret of an app being linked, until its first code is typed
_CODES = "twofactor_new_codes"  # new recovery codes, shown once on the next page


def _only_for_second_factor(request) -> None:
    if not permissions.can_use_second_factor(request.user):
        raise Http404


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("dashboards:dashboard")


def _next_query(request) -> str:
    return urlencode({"next": _next(request)})


def _account_trail(*steps) -> list[dict]:
    """Mijn account › ``steps``."""
    return trail((_("Mijn account"), reverse("accounts:account")), *steps)


@login_required
def setup(request):
    """Link an authenticator app: scan the QR code (or type the secret), then type the first code."""
    _only_for_second_factor(request)
    replacing = selectors.has_second_factor(request.user)
    if replacing and not session.passed(request):
        return redirect(f"{reverse('twofactor:verify')}?next={reverse('twofactor:setup')}")
    key = request.session.get(_KEY) or services.new_app_key()
    request.session[_KEY] = key
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        linked = services.app_confirm(user=request.user, key_hex=key, code=form.cleaned_data["code"])
        if linked is None:
            form.add_error(
                "code",
                _("Deze code klopt niet. Typ de code die de app nu laat zien. Staat de tijd op uw telefoon goed?"),
            )
        else:
            device, codes = linked
            session.mark_passed(request, device)
            session.remember_choice(request, True)
            del request.session[_KEY]
            request.session[_CODES] = codes
            messages.success(request, _("De app is gekoppeld. Bewaar nu uw herstelcodes."))
            return redirect(f"{reverse('twofactor:manage')}?{_next_query(request)}")
    url = services.app_config_url(request.user, key)
    return render(
        request,
        "twofactor/setup.html",
        {
            "form": form,
            "replacing": replacing,
            "required": permissions.needs_second_factor(request.user),
            "secret": rules.secret_text(key),
            "qr": segno.make(url, error="m").svg_data_uri(scale=5, border=4),
            "next": request.POST.get("next") or request.GET.get("next", ""),
            "breadcrumbs": trail((_("Tweede stap instellen"), "")),
        },
    )


@login_required
def verify(request):
    """The second step after logging in: a code from the app, or a recovery code."""
    _only_for_second_factor(request)
    if session.passed(request):
        return render(request, "twofactor/verify.html", {"done": True, "next": _next(request)})
    if not selectors.has_second_factor(request.user):
        return redirect(f"{reverse('twofactor:setup')}?{_next_query(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.code_check(user=request.user, code=form.cleaned_data["code"])
        if check.device is not None:
            session.mark_passed(request, check.device)
            if check.recovery_codes_left is not None:
                messages.warning(
                    request,
                    ngettext(
                        "U heeft een herstelcode gebruikt. U heeft nog %(count)d herstelcode. Maak nieuwe codes.",
                        "U heeft een herstelcode gebruikt. U heeft nog %(count)d herstelcodes.",
                        check.recovery_codes_left,
                    )
                    % {"count": check.recovery_codes_left},
                )
            return redirect(_next(request))
        if check.wait_seconds:
            form.add_error(
                "code",
                ngettext(
                    "U heeft te vaak een verkeerde code getypt. Wacht %(seconds)d seconde en probeer het opnieuw.",
                    "U heeft te vaak een verkeerde code getypt. Wacht %(seconds)d seconden en probeer het opnieuw.",
                    check.wait_seconds,
                )
                % {"seconds": check.wait_seconds},
            )
        else:
            form.add_error("code", _("Deze code klopt niet. Typ de code die de app nu laat zien, of een herstelcode."))
    return render(
        request,
        "twofactor/verify.html",
        {
            "form": form,
            "required": permissions.needs_second_factor(request.user),
            "next": request.POST.get("next") or request.GET.get("next", ""),
            "breadcrumbs": trail((_("Inloggen"), "")),
        },
    )


@login_required
def manage(request):
    """The person's own second factor: which app, how many recovery codes are left, new codes shown once."""
    _only_for_second_factor(request)
    app = selectors.app_device(request.user)
    return render(
        request,
        "twofactor/manage.html",
        {
            "app": app,
            "codes_left": selectors.recovery_codes_left(request.user) if app else 0,
            "may_switch_off": permissions.may_choose_second_factor(request.user),
            "new_codes": [rules.code_text(code) for code in request.session.pop(_CODES, [])],
            "next": _next(request) if request.GET.get("next") else "",
            "breadcrumbs": _account_trail((_("Tweede stap bij inloggen"), "")),
        },
    )


@login_required
@require_POST
def recovery_codes_new(request):
    _only_for_second_factor(request)
    if not selectors.has_second_factor(request.user):
        return redirect("twofactor:setup")
    request.session[_CODES] = services.recovery_codes_new(user=request.user)
    messages.success(request, _("U heeft nieuwe herstelcodes. De oude werken niet meer."))
    return redirect("twofactor:manage")


@login_required
def switch_off(request):
    """Someone who chose the second step switches it off: only after passing it, with the password again (or, with
    no password, a current code)."""
    _only_for_second_factor(request)
    if not permissions.may_choose_second_factor(request.user):
        raise PermissionDenied  # beheerders and operators keep it
    if not selectors.has_second_factor(request.user):
        return redirect("twofactor:manage")
    if not session.passed(request):
        return redirect(f"{reverse('twofactor:verify')}?{urlencode({'next': reverse('twofactor:switch_off')})}")
    with_password = request.user.has_usable_password()
    form = (PasswordCheckForm if with_password else CodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if with_password:
            result = services.password_recheck(user=request.user, password=form.cleaned_data["password"])
            checked = bool(result)
            error = _("Dit wachtwoord klopt niet.")
            if result is None:
                error = _("U heeft te vaak een verkeerd wachtwoord getypt. Probeer het over een uur opnieuw.")
        else:
            check = services.code_check(user=request.user, code=form.cleaned_data["code"])
            checked = check.device is not None
            error = _("Deze code klopt niet. Typ de code die de app nu laat zien, of een herstelcode.")
            if check.wait_seconds:
                error = _("U heeft te vaak een verkeerde code getypt. Wacht even en probeer het opnieuw.")
        if checked:
            services.second_factor_switch_off(user=request.user)
            session.remember_choice(request, False)
            messages.success(request, _("De tweede stap staat uit. U logt weer in zonder code uit de app."))
            return redirect("accounts:account")
        form.add_error("password" if with_password else "code", error)
    return render(
        request,
        "twofactor/switch_off.html",
        {
            "form": form,
            "breadcrumbs": _account_trail(
                (_("Tweede stap bij inloggen"), reverse("twofactor:manage")), (_("Uitzetten"), "")
            ),
        },
    )


@login_required
def reset(request, region, pk):
    """A beheerder removes someone's app and recovery codes (a lost phone): they set up a new app at next login."""
    region = access_people(request, region)
    person = access_person_to_reset(request, region, pk)
    person_url = reverse("accounts:person", args=[region.slug, pk])
    if request.method == "POST":
        if services.second_factor_reset(person=person, region=region, by=request.user):
            messages.success(
                request,
                _("De tweede stap is gewist. Bij de volgende keer inloggen stelt deze persoon een nieuwe app in."),
            )
        else:
            messages.info(request, _("Deze persoon had geen tweede stap ingesteld. Er is niets veranderd."))
        return redirect(person_url)
    return render(
        request,
        "twofactor/reset.html",
        {
            "region": region,
            "person": person,
            "has_second_factor": selectors.has_second_factor(person),
            "person_url": person_url,
            "breadcrumbs": person_trail(region, person, (_("Tweede stap"), "")),
        },
    )
