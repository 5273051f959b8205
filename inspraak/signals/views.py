"""Signals (ADR 29): the staff pages (overview, entry, import, themes, the public choice, what the GR did), a group's
signals with the step to its agenda, and the public page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from inspraak.core.breadcrumbs import body_trail, dashboard_trail, manage_trail, trail
from inspraak.core.errors import message_for
from inspraak.core.pages import form_page
from inspraak.regions import selectors as region_selectors
from inspraak.signals import chart, csvformat, permissions, rules, selectors, services, texts
from inspraak.signals.access import access_admin, access_body, access_link, access_staff
from inspraak.signals.forms import FiguresForm, FollowUpForm, ImportForm, SettingsForm, ThemeForm, TopicForm
from inspraak.topics import selectors as topic_selectors

ERRORS = {
    "municipality": gettext_lazy("Kies een gemeente uit de lijst."),
    "future": gettext_lazy("Dit kwartaal is nog niet begonnen. Kies een eerder kwartaal."),
    "theme": gettext_lazy("Kies een thema uit de lijst."),
    "invalid": gettext_lazy("Deze cijfers passen niet. Kijk ze nog eens na."),
    "theme_taken": gettext_lazy("Er is al een thema met deze naam."),
    "client_named": gettext_lazy("Hier staat de naam van een cliënt. Signalen zijn alleen aantallen: noem geen namen."),
    "topic": gettext_lazy("Dit onderwerp kon niet op de agenda. Kies een bijeenkomst die nog moet komen."),
}
KIND_FILTERS = {"kto": rules.KTO, "klachten": rules.COMPLAINTS, "bezwaren": rules.OBJECTIONS}


def _posted(request):
    """The POST data of a POST (also when it is empty: an unticked box), else None."""
    return request.POST if request.method == "POST" else None


def _staff_trail(region, scope, *steps):
    """The beheerder's trail runs through the region's beheer page; an officer's through "Mijn overzicht"."""
    page = (_("Signalen"), reverse("signals:staff", args=[region.slug]))
    if scope.admin:
        return manage_trail(region, page, *steps)
    return dashboard_trail(page, *steps)


def _kinds(request) -> tuple[tuple[str, ...], str]:
    chosen = request.GET.get("soort", "")
    if chosen in KIND_FILTERS:
        return (KIND_FILTERS[chosen],), chosen
    return rules.KINDS, ""


def _chosen_municipality(request, municipalities):
    """The municipality of ``?gemeente=`` among those the page shows (404 for another one), or None for all."""
    slug = request.GET.get("gemeente", "")
    if not slug:
        return None
    for municipality in municipalities:
        if municipality.slug == slug:
            return municipality
    raise Http404


def _overview(region, municipalities, today, kinds, *, public=False):
    found = selectors.overview(region=region, municipalities=municipalities, today=today, kinds=kinds, public=public)
    chart.draw(found)
    for series in found.notable:
        series.notable_text = texts.notable_text(series.kind, series.theme, series.notable)
    return found


def _filters(municipalities, chosen, kind):
    return {
        "municipalities": municipalities if len(municipalities) > 1 else [],
        "chosen": chosen,
        "kind": kind,
        "kinds": [("", _("Alles"))] + [(key, label) for key, label in _kind_choices()],
    }


def _kind_choices():
    return [("kto", _("Klanttevredenheid")), ("klachten", _("Klachten")), ("bezwaren", _("Bezwaren"))]


# ---------------------------------------------------------------- staff pages


@login_required
@require_safe
def staff(request, region):
    region, scope = access_staff(request, region)
    today = timezone.localdate()
    municipalities = selectors.municipalities(region, scope)
    chosen = _chosen_municipality(request, municipalities)
    kinds, kind = _kinds(request)
    shown = [chosen] if chosen else municipalities
    overview = _overview(region, shown, today, kinds)
    entered = selectors.entered_quarters(region, [m.pk for m in municipalities])
    rows = [{"municipality": m, "quarters": entered.get(m.pk, [])[:4]} for m in municipalities]
    return render(
        request,
        "signals/staff.html",
        {
            "region": region,
            "overview": overview,
            "rows": rows,
            "filters": _filters(municipalities, chosen, kind),
            "entries": selectors.entries(region, None if scope.whole_region else scope.municipality_ids),
            "links": selectors.region_signal_topics(region, scope),
            "can_manage_themes": permissions.can_manage_themes(request.user, region),
            "can_manage_settings": permissions.can_manage_settings(request.user, region),
            "settings": selectors.settings_for(region),
            "filter_url": reverse("signals:staff", args=[region.slug]),
            "breadcrumbs": _staff_trail(region, scope),
        },
    )


def _posted_municipality_check(request, region, municipalities):
    """A POST for a municipality of the region the person may not enter for is refused (403), as the page is."""
    if request.method != "POST":
        return
    wanted = request.POST.get("municipality", "")
    if wanted and wanted not in {str(m.pk) for m in municipalities}:
        for municipality in selectors.municipalities(region):
            if str(municipality.pk) == wanted:
                raise PermissionDenied


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enter(request, region):
    region, scope = access_staff(request, region)
    today = timezone.localdate()
    municipalities = selectors.municipalities(region, scope)
    if not municipalities:
        raise PermissionDenied
    _posted_municipality_check(request, region, municipalities)
    themes = [t for t in services.themes_ensure(region=region, by=request.user) if t.active]
    latest = rules.last_complete(today)
    initial = {"year": latest.year, "quarter": latest.quarter}
    existing = []
    chosen = None
    slug = request.GET.get("gemeente", "")
    if slug:
        chosen = next((m for m in municipalities if m.slug == slug), None)
    if chosen is None and len(municipalities) == 1:
        chosen = municipalities[0]
    try:
        asked = rules.Quarter(int(request.GET.get("jaar", "")), int(request.GET.get("kwartaal", "")))
    except ValueError:
        asked = latest
    if rules.is_future(asked, today) or asked.year < 2000:
        asked = latest
    initial.update(year=asked.year, quarter=asked.quarter)
    if chosen is not None:
        initial["municipality"] = str(chosen.pk)
        existing = selectors.existing_figures(chosen, asked)
        initial.update(FiguresForm.initial_from(existing, themes))
    form = FiguresForm(
        request.POST or None,
        initial=initial,
        municipalities=municipalities,
        themes=themes,
        years=list(range(today.year, 2014, -1)),
        today=today,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.figures_replace(
                region=region,
                municipality=form.cleaned_data["municipality"],
                quarter=form.period,
                rows=form.rows(),
                kinds=rules.KINDS,
                by=request.user,
                today=today,
            )
        except services.SignalError as error:
            form.add_error("bron" if error.code == "client_named" else None, message_for(error, ERRORS))
        else:
            messages.success(
                request,
                _("De cijfers van %(municipality)s over %(quarter)s zijn opgeslagen.")
                % {"municipality": form.cleaned_data["municipality"].name, "quarter": form.period.label},
            )
            return redirect("signals:staff", region=region.slug)
    return form_page(
        request,
        form,
        title=_("Cijfers invoeren"),
        intro=_(
            "Vul de cijfers van één kwartaal en één gemeente in. Alleen aantallen en cijfers, nooit namen. "
            "Staan er al cijfers voor dit kwartaal? Dan vervangt opslaan die. De oude cijfers blijven in de "
            "geschiedenis."
        ),
        submit=_("Opslaan"),
        template="signals/enter.html",
        region=region,
        existing=existing,
        chosen=chosen,
        asked=asked,
        municipalities=municipalities,
        back_url=reverse("signals:staff", args=[region.slug]),
        back_label=_("Terug naar de signalen"),
        breadcrumbs=_staff_trail(region, scope, (_("Cijfers invoeren"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_csv(request, region):
    region, scope = access_staff(request, region)
    today = timezone.localdate()
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.import_csv(
                region=region,
                by=request.user,
                data=form.data_bytes,
                may_enter=lambda municipality: permissions.can_enter_for(request.user, region, municipality),
                today=today,
            )
        except services.SignalError as error:
            errors = error.errors
            form.add_error(
                "bestand",
                _("Er is niets ingelezen: het bestand heeft %(n)s fouten. Ze staan hieronder.") % {"n": len(errors)}
                if len(errors) != 1
                else _("Er is niets ingelezen: het bestand heeft 1 fout. Die staat hieronder."),
            )
        else:
            messages.success(
                request,
                _("%(n)s cijfers zijn ingelezen, voor %(parts)s keer een gemeente en een kwartaal.")
                % {"n": result.figures, "parts": len(result.entries)},
            )
            return redirect("signals:staff", region=region.slug)
    return form_page(
        request,
        form,
        title=_("Cijfers inlezen uit een CSV-bestand"),
        submit=_("Inlezen"),
        multipart=True,
        template="signals/import.html",
        status=400 if errors else None,
        region=region,
        errors=errors,
        columns=csvformat.COLUMNS,
        required=csvformat.REQUIRED,
        example_url=reverse("signals:example_csv", args=[region.slug]),
        back_url=reverse("signals:staff", args=[region.slug]),
        back_label=_("Terug naar de signalen"),
        breadcrumbs=_staff_trail(region, scope, (_("Inlezen"), "")),
    )


@login_required
@require_safe
def example_csv(request, region):
    region, scope = access_staff(request, region)
    municipalities = selectors.municipalities(region, scope)
    example = csvformat.example_csv(
        cbs_code=municipalities[0].cbs_code if municipalities else "GM0363",
        quarter=rules.last_complete(timezone.localdate()),
    )
    response = HttpResponse(("\ufeff" + example).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="voorbeeld-signalen.csv"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def themes(request, region):
    region, scope = access_admin(request, region, permissions.can_manage_themes)
    form = ThemeForm(request.POST or None, with_active=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.themes_ensure(region=region, by=request.user)
            services.theme_add(region=region, label=form.cleaned_data["label"], by=request.user)
        except services.SignalError as error:
            form.add_error("label", message_for(error, ERRORS))
        else:
            messages.success(request, _("Het thema is toegevoegd."))
            return redirect("signals:themes", region=region.slug)
    return render(
        request,
        "signals/themes.html",
        {
            "region": region,
            "themes": selectors.themes(region),
            "form": form,
            "breadcrumbs": _staff_trail(region, scope, (_("Thema's"), "")),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def theme_edit(request, region, pk):
    region, scope = access_admin(request, region, permissions.can_manage_themes)
    theme = selectors.theme_in(region, pk)
    form = ThemeForm(request.POST or None, initial={"label": theme.label, "active": theme.active})
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(
                theme=theme, label=form.cleaned_data["label"], active=form.cleaned_data["active"], by=request.user
            )
        except services.SignalError as error:
            form.add_error("label", message_for(error, ERRORS))
        else:
            messages.success(request, _("Het thema is opgeslagen."))
            return redirect("signals:themes", region=region.slug)
    return form_page(
        request,
        form,
        title=_("Thema %(label)s wijzigen") % {"label": theme.label},
        submit=_("Opslaan"),
        region=region,
        back_url=reverse("signals:themes", args=[region.slug]),
        back_label=_("Terug naar de thema's"),
        breadcrumbs=_staff_trail(
            region, scope, (_("Thema's"), reverse("signals:themes", args=[region.slug])), (_("Wijzigen"), "")
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_edit(request, region):
    region, scope = access_admin(request, region, permissions.can_manage_settings)
    current = selectors.settings_for(region)
    form = SettingsForm(_posted(request), initial={"public": bool(current and current.public)})
    if request.method == "POST" and form.is_valid():
        services.settings_set(region=region, public=form.cleaned_data["public"], by=request.user)
        messages.success(
            request,
            _("De signalen zijn nu openbaar.") if form.cleaned_data["public"] else _("De signalen zijn niet openbaar."),
        )
        return redirect("signals:staff", region=region.slug)
    return form_page(
        request,
        form,
        title=_("Signalen openbaar?"),
        intro=_(
            "De regio kiest of iedereen de signalen mag zien. Openbaar staan alleen de grafieken en tabellen, "
            "zonder de onderwerpen van de groepen."
        ),
        submit=_("Opslaan"),
        region=region,
        public_url=reverse("signals:public", args=[region.slug]),
        back_url=reverse("signals:staff", args=[region.slug]),
        back_label=_("Terug naar de signalen"),
        breadcrumbs=_staff_trail(region, scope, (_("Openbaar"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def follow_up(request, region, pk):
    link = access_link(request, region, pk)
    region = link.body.region
    scope = selectors.scope_for(request.user, region)
    form = FollowUpForm(_posted(request), initial={"follow_up": link.follow_up})
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_set(link=link, text=form.cleaned_data["follow_up"], by=request.user)
        except services.SignalError as error:
            form.add_error("follow_up", message_for(error, ERRORS))
        else:
            messages.success(request, _("Opgeslagen. De groep ziet dit bij het signaal."))
            return redirect("signals:body", region=region.slug, body=link.body.slug)
    return form_page(
        request,
        form,
        title=_("Wat deed de regio met dit signaal?"),
        intro=_("Signaal: %(title)s. Onderwerp van %(body)s. Status: %(status)s.")
        % {"title": link.topic.title, "body": link.body.name, "status": link.topic.get_status_display()},
        submit=_("Opslaan"),
        region=region,
        back_url=reverse("signals:body", args=[region.slug, link.body.slug]),
        back_label=_("Terug naar de signalen van de groep"),
        breadcrumbs=_staff_trail(region, scope, (link.topic.title, "")),
    )


# ---------------------------------------------------------------- a group's signals


def _body_trail(body, *steps):
    return body_trail(body, (_("Signalen"), reverse("signals:body", args=[body.region.slug, body.slug])), *steps)


@login_required
@require_safe
def body_signals(request, region, body):
    body = access_body(request, region, body)
    today = timezone.localdate()
    municipalities = selectors.body_municipalities(body)
    chosen = _chosen_municipality(request, municipalities)
    kinds, kind = _kinds(request)
    overview = _overview(body.region, [chosen] if chosen else municipalities, today, kinds)
    links = selectors.body_signal_topics(body)
    for link in links:
        link.can_follow_up = permissions.can_record_follow_up(request.user, link)
    return render(
        request,
        "signals/body.html",
        {
            "body": body,
            "region": body.region,
            "overview": overview,
            "filters": _filters(municipalities, chosen, kind),
            "filter_url": reverse("signals:body", args=[body.region.slug, body.slug]),
            "links": links,
            "can_make_topic": permissions.can_make_topic(request.user, body),
            "breadcrumbs": body_trail(body, (_("Signalen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def make_topic(request, region, body, kind, theme, year, quarter):
    body = access_body(request, region, body, permissions.can_make_topic)
    if kind not in rules.KINDS or not 1 <= quarter <= 4:
        raise Http404
    today = timezone.localdate()
    period = rules.Quarter(year, quarter)
    if rules.is_future(period, today):
        raise Http404
    found_theme = selectors.theme_by_key(body.region, theme)
    if found_theme is None and kind != rules.OBJECTIONS:
        raise Http404
    municipalities = selectors.body_municipalities(body)
    chosen = _chosen_municipality(request, municipalities)
    shown = [chosen] if chosen else municipalities
    value, notable = selectors.signal_value(
        region=body.region, municipalities=shown, kind=kind, theme=found_theme, quarter=period, today=today
    )
    if value is None:
        raise Http404
    form = TopicForm(
        request.POST or None,
        initial={
            "title": texts.topic_title(kind, found_theme, period),
            "description": texts.topic_description(kind, found_theme, period, value, notable, shown),
        },
        meetings=topic_selectors.agenda_meetings(body),
    )
    if request.method == "POST" and form.is_valid():
        try:
            link = services.signal_to_topic(
                body=body,
                kind=kind,
                theme=found_theme,
                quarter=period,
                municipality=chosen,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                meeting=form.cleaned_data["meeting"],
                by=request.user,
            )
        except services.SignalError as error:
            form.add_error("meeting" if error.code == "topic" else None, message_for(error, ERRORS))
        else:
            messages.success(
                request,
                _("Het signaal staat op de agenda.")
                if link.topic.meeting_id
                else _("Het signaal is een onderwerp van de groep geworden."),
            )
            return redirect("signals:body", region=body.region.slug, body=body.slug)
    return form_page(
        request,
        form,
        title=_("Signaal op de agenda zetten"),
        intro=_(
            "Het signaal wordt een onderwerp van %(body)s. De tekst staat al klaar met de cijfers: pas hem aan als "
            "u wilt. Kies een bijeenkomst om het meteen op de agenda te zetten."
        )
        % {"body": body.name},
        submit=_("Onderwerp maken"),
        body=body,
        region=body.region,
        back_url=reverse("signals:body", args=[body.region.slug, body.slug]),
        back_label=_("Terug naar de signalen"),
        breadcrumbs=_body_trail(body, (_("Op de agenda"), "")),
    )


# ---------------------------------------------------------------- public page


@require_safe
def public(request, region):
    region = region_selectors.region_by_slug(region)
    if not selectors.is_public(region):
        raise Http404
    today = timezone.localdate()
    municipalities = selectors.municipalities(region)
    chosen = _chosen_municipality(request, municipalities)
    kinds, kind = _kinds(request)
    overview = _overview(region, [chosen] if chosen else municipalities, today, kinds, public=True)
    return render(
        request,
        "signals/public.html",
        {
            "region": region,
            "overview": overview,
            "filters": _filters(municipalities, chosen, kind),
            "filter_url": reverse("signals:public", args=[region.slug]),
            "public": True,
            "breadcrumbs": trail((region.name, region.get_absolute_url()), (_("Signalen"), "")),
        },
    )
