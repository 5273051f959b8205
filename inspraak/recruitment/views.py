"""Recruitment: public vacancy pages with the application form and the paper version, and the supporters' screens
for vacancies, applications, draws, outcomes and making applicants members."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.formats import date_format
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.core.breadcrumbs import body_trail, trail
from inspraak.core.errors import message_for
from inspraak.core.links import absolute_url
from inspraak.core.net import client_ip
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit
from inspraak.members.rules import INVITATION_DAYS
from inspraak.members.services import MembersError
from inspraak.recruitment import permissions, rules, selectors, services
from inspraak.recruitment.access import access_application, access_vacancy
from inspraak.recruitment.forms import (
    SEAT_PREFIX,
    ApplicationForm,
    DrawForm,
    PaperApplicationForm,
    StatusForm,
    VacancyForm,
)
from inspraak.recruitment.models import Application, Vacancy
from inspraak.regions.access import body_from_url as _body
from inspraak.regions.selectors import region_by_slug

# What a refused step (services.RecruitmentError, members' MembersError) tells the secretary.
MESSAGES = {
    "not_confirmed": gettext_lazy(
        "Deze aanmelding is nog niet bevestigd. Bevestig haar eerst, na een gesprek met de persoon."
    ),
    "duplicate": gettext_lazy("Deze persoon is al lid of kandidaat van deze groep. Kijk bij de leden."),
    "already_member": gettext_lazy("Deze persoon is al lid gemaakt."),
    "not_chosen": gettext_lazy("Alleen iemand met de status ‘gekozen’ kan lid worden."),
    "draw_not_needed": gettext_lazy("Er zijn niet meer geschikte mensen dan plaatsen. Loten is niet nodig."),
    "not_closed": gettext_lazy("U kunt nog niet loten. Mensen kunnen zich nog aanmelden."),
    "not_committed": gettext_lazy(
        "Voor deze gemeente zoekt de vacature geen mensen. Geef de gemeente eerst plaatsen in de vacature."
    ),
}

# ---------------------------------------------------------------- public pages (no personal data)


def _public_crumbs(region, *steps: tuple[str, str]) -> list[dict]:
    """The region › Vacatures › ``steps``."""
    return trail(
        (region.name, region.get_absolute_url()),
        (_("Vacatures"), reverse("recruitment:region_vacancies", args=[region.slug])),
        *steps,
    )


@require_safe
def region_vacancies(request, region):
    data = selectors.region_open_vacancies(region, today=timezone.localdate())
    return render(
        request,
        "recruitment/region_vacancies.html",
        {**data, "breadcrumbs": _public_crumbs(data["region"])},
    )


TOO_MANY = gettext_lazy(
    "Er zijn te veel aanmeldingen verstuurd. Daarom hebben we deze nog niet bewaard. Probeer het over een uur opnieuw."
)


@require_http_methods(["GET", "HEAD", "POST"])
def vacancy_public(request, region, pk):
    """The call in plain Dutch and, while it is open, the application form (no login, no JavaScript)."""
    vacancy = selectors.vacancy_public(region, pk)
    body = vacancy.body
    is_open = vacancy.accepts_applications(timezone.localdate())
    form = None
    status = 200
    if is_open:
        municipalities = selectors.region_municipalities(body.region)
        form = ApplicationForm(request.POST or None, municipalities=municipalities)
        if request.method == "POST" and form.is_valid():
            thanks = _thanks_url(vacancy, by_email=bool(form.cleaned_data["contact_email"]))
            if form.is_robot:
                return redirect(thanks)  # the usual answer, but nothing is stored or counted
            fields = form.application_fields()
            if not services.application_allowed(
                vacancy=vacancy, address=client_ip(request), email=fields["contact_email"]
            ):
                form.add_error(None, TOO_MANY)
                status = 429
            else:
                try:
                    services.application_submit(vacancy=vacancy, **fields)
                except services.RecruitmentError:  # closed meanwhile
                    is_open, form = False, None
                else:
                    return redirect(thanks)
    return render(
        request,
        "recruitment/vacancy_public.html",
        {
            "region": body.region,
            "body": body,
            "vacancy": vacancy,
            "is_open": is_open,
            "form": form,
            "commitments": selectors.draw_commitments(vacancy),
            "breadcrumbs": _public_crumbs(body.region, (vacancy.title, "")),
        },
        status=status,
    )


def _thanks_url(vacancy, *, by_email: bool) -> str:
    url = reverse("recruitment:vacancy_thanks", kwargs={"region": vacancy.body.region.slug, "pk": vacancy.pk})
    return f"{url}?per={'email' if by_email else 'telefoon'}"


@require_safe
def vacancy_thanks(request, region, pk):
    """After applying: "kijk in uw mail" (confirm the address), or, without email, that the secretary will call."""
    vacancy = selectors.vacancy_public(region, pk)
    body = vacancy.body
    return render(
        request,
        "recruitment/thanks.html",
        {
            "region": body.region,
            "body": body,
            "vacancy": vacancy,
            "by_email": request.GET.get("per") != "telefoon",
            "days": rules.CONFIRM_LINK_DAYS,
            "breadcrumbs": _public_crumbs(body.region, (vacancy.title, vacancy.get_absolute_url()), (_("Bedankt"), "")),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@cache_control(no_store=True)  # the token is in the address
def application_confirm(request, region, token):
    """The link in the confirmation email. GET shows a button (mail scanners that open links do not confirm);
    POST confirms. Unknown, used and expired links get the same page (404), which tells nothing."""
    region_obj = region_by_slug(region)
    body = None
    if request.method == "POST":
        application = services.application_confirm(region_slug=region, token=token)
        state = "done" if application else "invalid"
        body = application.vacancy.body if application else None
    else:
        state = "ask" if services.application_confirm_link_usable(region_slug=region, token=token) else "invalid"
    return render(
        request,
        "recruitment/application_confirm.html",
        {
            "region": region_obj,
            "body": body,
            "state": state,
            "breadcrumbs": _public_crumbs(region_obj, (_("Aanmelding bevestigen"), "")),
        },
        status=404 if state == "invalid" else 200,
    )


PUBLIC_PDF_MAX_AGE = 600


def _public_pdf(request, template_name: str, context: dict, filename: str) -> HttpResponse:
    """A public PDF, rendered once per version and cached; a browser or proxy that has this version gets a 304."""
    from inspraak.core.pdf import PublicPdf  # WeasyPrint takes a second to import: only when needed

    pdf = PublicPdf(template_name, context)
    etag = quote_etag(pdf.etag)
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        pdf.content(), content_type="application/pdf"
    )
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=PUBLIC_PDF_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])  # the chosen language (a cookie) changes the PDF
    if response.status_code == 200:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def vacancy_paper(request, region, pk):
    """The call with a paper form for people who apply by post: a printable page, or the PDF (?formaat=pdf)."""
    vacancy = selectors.vacancy_public(region, pk)
    body = vacancy.body
    context = {
        "region": body.region,
        "body": body,
        "vacancy": vacancy,
        "municipalities": list(selectors.region_municipalities(body.region)),
        "situations": rules.CATEGORY_FOR.keys(),
        "site_url": settings.SITE_URL,
    }
    if request.GET.get("formaat") == "pdf":
        return _public_pdf(request, "recruitment/vacancy_paper_pdf.html", context, f"vacature-{vacancy.pk}.pdf")
    return render(
        request,
        "recruitment/vacancy_paper.html",
        {
            **context,
            "breadcrumbs": _public_crumbs(
                body.region, (vacancy.title, vacancy.get_absolute_url()), (_("Op papier"), "")
            ),
        },
    )


def _draw_context(draw) -> dict:
    """What the public page of a draw shows: numbers only, re-run and the seed checked against its published hash."""
    rerun = rules.draw(draw.seed, draw.candidate_ids, draw.seats)
    return {
        "draw": draw,
        "rerun": rerun,
        "seed_parts": [draw.seed[i : i + 8] for i in range(0, len(draw.seed), 8)],
        "hash_parts": [draw.seed_hash[i : i + 8] for i in range(0, len(draw.seed_hash), 8)],
        "matches": rerun == list(draw.chosen_ids),
        "seed_matches": rules.seed_matches(draw.seed, draw.seed_hash),
        "algorithm_text": rules.DRAW_ALGORITHM_TEXT,
    }


@require_safe
def draw_public(request, region, vacancy, pk):
    """Check a draw, for anyone: the hash published in advance, the seed, inputs, the algorithm and the result,
    re-run on the spot. Application numbers only, no names and not who ran it."""
    draw = selectors.draw_public(region, vacancy, pk)
    vacancy = draw.vacancy
    body = vacancy.body
    return render(
        request,
        "recruitment/draw_detail.html",
        {
            "region": body.region,
            "body": body,
            "vacancy": vacancy,
            **_draw_context(draw),
            "breadcrumbs": _public_crumbs(
                body.region, (vacancy.title, vacancy.get_absolute_url()), (str(draw).capitalize(), "")
            ),
        },
    )


@require_safe
def draw_detail(request, region, body, pk):
    """The old staff address of a draw's page: the page is public now (B7), so everyone is sent there."""
    return redirect(selectors.draw_of_body(region, body, pk).get_absolute_url(), permanent=True)


# ---------------------------------------------------------------- the body's supporters


def _crumbs(body, *steps: tuple[str, str]) -> list[dict]:
    """Mijn overzicht › body › Vacatures › ``steps``."""
    return body_trail(
        body, (_("Vacatures"), reverse("recruitment:vacancy_list", args=[body.region.slug, body.slug])), *steps
    )


def _vacancy_url(vacancy) -> str:
    return reverse("recruitment:vacancy_detail", args=[vacancy.body.region.slug, vacancy.body.slug, vacancy.pk])


def _application_url(application) -> str:
    body = application.vacancy.body
    return reverse("recruitment:application_detail", args=[body.region.slug, body.slug, application.pk])


def _application_crumbs(application, *more: tuple[str, str]) -> list[dict]:
    vacancy = application.vacancy
    return _crumbs(
        vacancy.body,
        (vacancy.title, _vacancy_url(vacancy)),
        (str(application).capitalize(), _application_url(application)),
        *more,
    )


@login_required
@require_safe
def vacancy_list(request, region, body):
    body = _body(request, region, body, permissions.can_view_vacancies)
    return render(
        request,
        "recruitment/vacancy_list.html",
        {
            "region": body.region,
            "body": body,
            "vacancies": selectors.body_vacancies(body),
            "can_manage": permissions.can_manage_recruitment(request.user, body),
            "breadcrumbs": _crumbs(body),
        },
    )


def _default_texts(body) -> dict:
    return {
        "title": _("Doe mee met %(name)s") % {"name": body.name},
        "about_body": body.description,
        "what_we_ask": _(
            "De groep komt ongeveer %(n)s keer per jaar bij elkaar. Een bijeenkomst duurt ongeveer twee uur. "
            "U krijgt de stukken een week van tevoren. U hoeft geen ervaring te hebben: uw eigen ervaring telt."
        )
        % {"n": body.min_meetings_per_year},
        "meetings_per_year": body.min_meetings_per_year,
        "what_you_get": _(
            "U krijgt een vergoeding voor uw onkosten, zoals reiskosten. Hoeveel dat is, hoort u van de secretaris."
        ),
        "status": Vacancy.Status.OPEN,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def vacancy_new(request, region, body):
    body = _body(request, region, body, permissions.can_manage_recruitment)
    municipalities, seats = selectors.seat_prefill(body)
    form = VacancyForm(
        request.POST or None, initial=_default_texts(body), body=body, municipalities=municipalities, seats=seats
    )
    if request.method == "POST" and form.is_valid():
        vacancy = services.vacancy_create(
            body=body, by=request.user, seats=form.seat_numbers(), **form.vacancy_fields()
        )
        messages.success(request, _("De vacature is gemaakt. De openbare pagina staat klaar."))
        return redirect(_vacancy_url(vacancy))
    return form_page(
        request,
        form,
        body=body,
        region=body.region,
        title=_("Nieuwe vacature"),
        intro=_("Veel staat al ingevuld met de gegevens van de groep. Pas aan wat nodig is."),
        submit=_("Vacature maken"),
        breadcrumbs=_crumbs(body, (_("Nieuwe vacature"), "")),
    )


@login_required
@require_safe
def vacancy_detail(request, region, body, pk):
    vacancy = access_vacancy(request, region, body, pk, check=permissions.can_view_vacancies)
    body = vacancy.body
    with_applicants = permissions.can_view_applicants(request.user, body)
    return render(
        request,
        "recruitment/vacancy_detail.html",
        {
            "region": body.region,
            "body": body,
            "vacancy": vacancy,
            **selectors.vacancy_overview(vacancy, with_applicants=with_applicants),
            "with_applicants": with_applicants,
            "can_manage": permissions.can_manage_recruitment(request.user, body),
            "is_open": vacancy.accepts_applications(timezone.localdate()),
            "draw_allowed": vacancy.draw_allowed(timezone.localdate()),
            "breadcrumbs": _crumbs(body, (vacancy.title, "")),
        },
    )


def _stored_vacancy(vacancy: Vacancy | None, municipalities) -> dict | None:
    """The edit form's values for the vacancy as stored now (after someone else saved it)."""
    if vacancy is None:
        return None
    lines = {s.municipality_id: s.seats for s in vacancy.seats.all()}
    return {name: getattr(vacancy, name) for name in Vacancy.EDITABLE_FIELDS} | {
        f"{SEAT_PREFIX}{m.pk}": lines.get(m.pk, 0) for m in municipalities
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def vacancy_edit(request, region, body, pk):
    vacancy = access_vacancy(request, region, body, pk)
    body = vacancy.body
    lines = {s.municipality_id: s.seats for s in vacancy.seats.all()}
    municipalities = [body.municipality] if body.municipality_id else selectors.region_municipalities(body.region)
    initial = {name: getattr(vacancy, name) for name in Vacancy.EDITABLE_FIELDS}
    form = VacancyForm(
        request.POST or None,
        initial=initial,
        body=body,
        municipalities=municipalities,
        seats=lines,
        version=vacancy.version,
    )
    form.instance.pk = vacancy.pk  # an existing vacancy may keep a closing date in the past
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(
                vacancy=vacancy,
                by=request.user,
                seats=form.seat_numbers(),
                version=form.posted_version,
                **form.vacancy_fields(),
            )
        except StaleEdit as stale:
            form.mark_stale(stale, _stored_vacancy(stale.current, municipalities))
        else:
            messages.success(request, _("De vacature is opgeslagen."))
            return redirect(_vacancy_url(vacancy))
    return form_page(
        request,
        form,
        body=body,
        region=body.region,
        title=_("Vacature wijzigen"),
        submit=_("Opslaan"),
        breadcrumbs=_crumbs(body, (vacancy.title, _vacancy_url(vacancy)), (_("Wijzigen"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def paper_application(request, region, body, pk):
    """The secretary types over an application that came in on paper."""
    vacancy = access_vacancy(request, region, body, pk)
    body = vacancy.body
    form = PaperApplicationForm(request.POST or None, municipalities=selectors.region_municipalities(body.region))
    if request.method == "POST" and form.is_valid():
        application = services.application_submit(
            vacancy=vacancy, channel=Application.Channel.PAPER, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("De aanmelding op papier is ingevoerd."))
        return redirect(_application_url(application))
    return form_page(
        request,
        form,
        body=body,
        region=body.region,
        title=_("Aanmelding op papier invoeren"),
        intro=_("Typ over wat op het formulier staat. De aanmelding krijgt het kenmerk ‘op papier’."),
        submit=_("Aanmelding invoeren"),
        breadcrumbs=_crumbs(body, (vacancy.title, _vacancy_url(vacancy)), (_("Aanmelding op papier"), "")),
    )


def _application_page(request, application, *, status_form=None, status=200):
    return render(
        request,
        "recruitment/application_detail.html",
        {
            "region": application.vacancy.body.region,
            "body": application.vacancy.body,
            "vacancy": application.vacancy,
            "application": application,
            "events": selectors.application_history(application),
            "status_form": status_form or StatusForm(application=application),
            "confirm_days": rules.CONFIRM_LINK_DAYS,
            "phone_days": rules.UNCONFIRMED_WITHOUT_EMAIL_DAYS,
            "invitation_days": INVITATION_DAYS,
            "can_make_member": permissions.can_make_member(request.user, application),
            "breadcrumbs": _application_crumbs(application),
        },
        status=status,
    )


@login_required
@require_safe
def application_detail(request, region, body, pk):
    return _application_page(request, access_application(request, region, body, pk))


@login_required
@require_POST
def application_status(request, region, body, pk):
    application = access_application(request, region, body, pk)
    form = StatusForm(request.POST, application=application)
    if not form.is_valid():
        return _application_page(request, application, status_form=form)
    try:
        services.application_set_status(
            application=application,
            by=request.user,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
    except services.RecruitmentError as error:
        messages.error(request, message_for(error, MESSAGES))
    else:
        messages.success(request, _("De status is opgeslagen."))
    return redirect(_application_url(application))


@login_required
@require_POST
def application_suitable(request, region, body, pk):
    application = access_application(request, region, body, pk)
    suitable = request.POST.get("geschikt") == "ja"
    try:
        services.application_set_suitable(application=application, suitable=suitable, by=request.user)
    except services.RecruitmentError as error:
        messages.error(request, message_for(error, MESSAGES))
    else:
        messages.success(request, _("Opgeslagen: geschikt.") if suitable else _("Opgeslagen: niet geschikt."))
    return redirect(_application_url(application))


@login_required
@require_POST
def application_confirm_by_phone(request, region, body, pk):
    """An online application without email: the secretary called the applicant, who confirmed it is theirs."""
    application = access_application(request, region, body, pk)
    services.application_confirm_by_phone(application=application, by=request.user)
    messages.success(request, _("Opgeslagen: de aanmelding is bevestigd en telt nu mee."))
    return redirect(_application_url(application))


def _letter(request, application, *, status=200):
    vacancy = application.vacancy
    return render(
        request,
        "recruitment/outcome_letter.html",
        {
            "region": vacancy.body.region,
            "body": vacancy.body,
            "vacancy": vacancy,
            "application": application,
            "back_url": _application_url(application),
            "breadcrumbs": _application_crumbs(application, (_("Brief"), "")),
        },
        status=status,
    )


@login_required
@require_POST
def outcome_send(request, region, body, pk):
    """Tell the applicant the decision: an email, or (without email) the letter to print."""
    application = access_application(request, region, body, pk)
    try:
        channel = services.outcome_send(application=application, by=request.user)
    except services.RecruitmentError:  # not decided yet
        messages.error(request, _("Kies eerst: gekozen of niet gekozen. Daarna kunt u de uitslag versturen."))
        return redirect(_application_url(application))
    if channel == Application.OutcomeChannel.EMAIL:
        messages.success(request, _("De uitslag wordt per e-mail verstuurd."))
        return redirect(_application_url(application))
    messages.success(request, _("Vastgelegd. Print de brief en stuur hem op."))
    return _letter(request, application)


@login_required
@require_safe
def outcome_letter(request, region, body, pk):
    """The outcome letter again, to print (once more)."""
    application = access_application(request, region, body, pk)
    if not application.is_decided:
        raise Http404
    return _letter(request, application)


@login_required
@require_POST
@cache_control(no_store=True)  # a code letter is shown once: never from a cache or the back button
def application_convert(request, region, body, pk):
    """A chosen applicant becomes a member: with email after confirming the invitation, otherwise with a printed
    code."""
    application = access_application(request, region, body, pk)
    try:
        new = services.applicant_make_member(application=application, by=request.user)
    except (services.RecruitmentError, MembersError) as error:
        messages.error(request, message_for(error, MESSAGES))
        return redirect(_application_url(application))
    if new.invited:
        # The name from the application, never the account's: the secretary must not learn whether one existed.
        messages.success(
            request,
            _("%(name)s krijgt een e-mail met de vraag of het klopt. Als %(name)s ja zegt, is het lidmaatschap actief.")
            % {"name": application.name},
        )
        return redirect(_application_url(application))
    return render(
        request,
        "accounts/login_code_letter.html",
        {
            "region": application.vacancy.body.region,
            "person": new.user,
            "issued": new.issued,
            "login_url": absolute_url("accounts:code_login"),
            "back_url": _application_url(application),
            "back_label": _("Terug naar de aanmelding"),
            "breadcrumbs": _application_crumbs(application, (_("Brief met inlogcode"), "")),
        },
    )


@login_required
@require_POST
def application_erase(request, region, body, pk):
    """Blank the applicant's personal data (on request, or when it is no longer needed). The history stays."""
    application = access_application(request, region, body, pk)
    services.application_erase(application=application, by=request.user)
    messages.success(request, _("De gegevens van deze aanmelding zijn verwijderd. De geschiedenis blijft bewaard."))
    return redirect(_vacancy_url(application.vacancy))


def _not_closed_message(vacancy) -> str:
    return _(
        "U kunt nog niet loten. Mensen kunnen zich aanmelden tot en met %(date)s. Daarna kunt u loten, zodat "
        "iedereen die zich op tijd aanmeldt een eerlijke kans heeft."
    ) % {"date": date_format(vacancy.closes_on, "j F Y")}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draw_new(request, region, body, pk):
    """A fair draw among the suitable applicants of one municipality, once the closing date has passed."""
    vacancy = access_vacancy(request, region, body, pk)
    body = vacancy.body
    if not vacancy.draw_allowed(timezone.localdate()):
        messages.error(request, _not_closed_message(vacancy))
        return redirect(_vacancy_url(vacancy))
    lines = selectors.vacancy_overview(vacancy, with_applicants=False)["seat_lines"]
    form = DrawForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            draw = services.draw_run(
                vacancy=vacancy,
                municipality=form.cleaned_data["municipality_obj"],
                seats=form.cleaned_data["seats"],
                others_not_chosen=form.cleaned_data["others_not_chosen"],
                by=request.user,
            )
        except services.RecruitmentError as error:
            if error.code == "not_closed":  # the closing date was changed meanwhile
                messages.error(request, _not_closed_message(vacancy))
                return redirect(_vacancy_url(vacancy))
            form.add_error("seats", message_for(error, MESSAGES))
        else:
            messages.success(
                request,
                _(
                    "De loting is gedaan. Hieronder ziet u de uitslag en hoe u die kunt nagaan. Iedereen kan deze "
                    "pagina openen."
                ),
            )
            return redirect(draw.get_absolute_url())
    return form_page(
        request,
        form,
        body=body,
        region=body.region,
        title=_("Loten"),
        intro=_(
            "Zijn er in een gemeente meer geschikte mensen dan plaatsen? Dan beslist het lot. Alleen aanmeldingen "
            "die u ‘geschikt’ heeft gemaakt en die nog niet gekozen of afgewezen zijn, doen mee."
        ),
        submit=_("Nu loten"),
        breadcrumbs=_crumbs(body, (vacancy.title, _vacancy_url(vacancy)), (_("Loten"), "")),
    )
