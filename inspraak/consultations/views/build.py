"""Building a consultation (staff): the lists, a new one, changing it, its sections, questions and choices (their
order by up/down buttons, no JavaScript), its translations, the detail page with its state and history, and the
state steps concept → open → gesloten."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.consultations import access, permissions, selectors
from inspraak.consultations.forms import build as build_forms
from inspraak.consultations.models import CHOICE_KINDS, ConsultationStatus, QuestionKind
from inspraak.consultations.rules import build as rules
from inspraak.consultations.selectors import build as build_selectors
from inspraak.consultations.services import build as services
from inspraak.core.breadcrumbs import body_trail, dashboard_trail
from inspraak.core.errors import message_for
from inspraak.core.forms import Form
from inspraak.core.pages import form_page
from inspraak.core.readability import flash_readability, from_score, readability
from inspraak.core.versioning import StaleEdit

ERRORS = {
    "empty": gettext_lazy("Vul de titel, de inleiding en wie vragen beantwoordt in."),
    "closes_before_opens": gettext_lazy("'Open tot' moet na 'open vanaf' liggen."),
    "no_municipalities": gettext_lazy("Kies minstens één gemeente."),
    "other_region": gettext_lazy("Kies alleen gemeenten van deze regio."),
    "locked_municipalities": gettext_lazy("Er zijn al antwoorden. U kunt geen gemeente meer weghalen."),
    "published": gettext_lazy("De resultaten zijn gepubliceerd. Er kan niets meer veranderen."),
    "locked": gettext_lazy(
        "Er zijn al antwoorden. U kunt alleen nog tikfouten in teksten verbeteren: geen vragen, delen of keuzes "
        "toevoegen, weghalen of verplaatsen, en de soort vraag niet veranderen."
    ),
    "closed": gettext_lazy("De raadpleging is gesloten. De vragen kunnen niet meer veranderen."),
    "step": gettext_lazy("Deze stap kan nu niet. Kijk op de pagina wat de status nu is."),
    "closes_passed": gettext_lazy("'Open tot' is al voorbij. Kies eerst een nieuwe datum bij 'Raadpleging wijzigen'."),
    "no_questions": gettext_lazy("Er zijn nog geen vragen. Maak eerst een deel met minstens één vraag."),
    "too_few_options": gettext_lazy("Een keuzevraag heeft minstens 2 keuzes nodig. Vul de keuzes aan."),
    "too_many_options": gettext_lazy("Geef hoogstens 20 keuzes."),
    "double_options": gettext_lazy("Twee keuzes hebben dezelfde tekst. Maak ze verschillend."),
    "empty_option": gettext_lazy("Een keuze kan niet leeg zijn."),
    "empty_section": gettext_lazy("Vul de titel van het deel in."),
    "empty_question": gettext_lazy("Vul de vraag in."),
    "kind": gettext_lazy("Kies een soort vraag uit de lijst."),
    "language": gettext_lazy("Vul een taalcode in van 2 of 3 letters, bijvoorbeeld en. Niet nl."),
    "language_name": gettext_lazy("Vul de naam van de taal in."),
    "language_exists": gettext_lazy("Deze taal is er al. Kies hem in de lijst om de vertaling te wijzigen."),
}

STEP_LABELS = {
    ConsultationStatus.OPEN: gettext_lazy("Openzetten"),
    ConsultationStatus.CLOSED: gettext_lazy("Sluiten"),
}
STEP_DONE = {
    ConsultationStatus.OPEN: gettext_lazy("De raadpleging staat open. Vanaf 'open vanaf' kunnen mensen antwoorden."),
    ConsultationStatus.CLOSED: gettext_lazy("De raadpleging is gesloten. Niemand kan nog online antwoorden."),
}

# Pages of the other parts, linked from the detail page when they exist (name, label, check).
PART_LINKS = (
    ("consultations:codes", gettext_lazy("Codes en brieven"), permissions.can_manage),
    ("consultations:test_run", gettext_lazy("Proef invullen (telt niet mee)"), permissions.can_test_run),
    ("consultations:paper_form_pdf", gettext_lazy("Papieren vragenlijst (PDF)"), permissions.can_view),
    ("consultations:paper_entry", gettext_lazy("Papieren formulier invoeren"), permissions.can_enter_paper),
    ("consultations:results", gettext_lazy("Resultaten"), permissions.can_view),
    ("consultations:moderation", gettext_lazy("Open antwoorden nakijken"), permissions.can_moderate),
    ("consultations:publish", gettext_lazy("Resultaten publiceren"), permissions.can_publish),
)


def _url(name: str, *args) -> str:
    """The URL of another part's page; empty while that part is not there."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _detail_url(consultation) -> str:
    return reverse("consultations:detail", args=[consultation.region.slug, consultation.pk])


def _questions_url(consultation) -> str:
    return reverse("consultations:questions", args=[consultation.region.slug, consultation.pk])


def _translations_url(consultation) -> str:
    return reverse("consultations:translations", args=[consultation.region.slug, consultation.pk])


def _list_url(consultation) -> str:
    if consultation.body_id:
        body = consultation.body
        return reverse("consultations:body_list", args=[body.region.slug, body.slug])
    return reverse("consultations:staff_list", args=[consultation.region.slug])


def _crumbs(consultation, *steps) -> list[dict]:
    head = (_("Raadplegingen"), _list_url(consultation))
    if consultation.body_id:
        consultation.body.region = consultation.region
        return body_trail(consultation.body, head, *steps)
    return dashboard_trail(head, *steps)


def _in_consultation(consultation) -> list[tuple[str, str]]:
    """Breadcrumb steps down to the consultation itself."""
    return [(consultation.title, _detail_url(consultation))]


def _refuse(request, consultation, error: services.BuildError, to: str = ""):
    messages.error(request, message_for(error, ERRORS))
    return redirect(to or _questions_url(consultation))


# ---------------------------------------------------------------- lists


@login_required
@require_safe
def staff_list(request, region):
    region = access.access_region_list(request, region)
    return render(
        request,
        "consultations/build/list.html",
        {
            "region": region,
            "consultations": build_selectors.staff_list(region, request.user),
            "can_create": permissions.can_create_for_region(request.user, region),
            "new_url": reverse("consultations:new", args=[region.slug]),
            "breadcrumbs": dashboard_trail((_("Raadplegingen"), "")),
            "title": _("Raadplegingen"),
        },
    )


@login_required
@require_safe
def body_list(request, region, body):
    body = access.access_body(request, region, body)
    return render(
        request,
        "consultations/build/list.html",
        {
            "region": body.region,
            "body": body,
            "consultations": build_selectors.body_list(body),
            "can_create": True,
            "new_url": reverse("consultations:body_new", args=[body.region.slug, body.slug]),
            "breadcrumbs": body_trail(body, (_("Raadplegingen"), "")),
            "title": _("Raadplegingen van %(name)s") % {"name": body.name},
        },
    )


# ---------------------------------------------------------------- make and change


def _new(request, region, body, crumbs):
    form = build_forms.ConsultationForm(
        request.POST or None,
        municipalities=build_selectors.region_municipalities(region),
        creating=True,
        initial={"municipalities": [], "contact_name": request.user.name},
    )
    if not form.is_bound:
        form.initial["municipalities"] = [value for value, _label in form.fields["municipalities"].choices]
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(
                region=region, body=body, by=request.user, **form.service_values()
            )
        except services.BuildError as error:
            form.add_error(None, message_for(error, ERRORS))
        else:
            messages.success(request, _("De raadpleging is opgeslagen als concept. Maak nu de vragen."))
            flash_readability(request, _("de inleiding"), consultation.introduction_readability)
            return redirect(reverse("consultations:questions", args=[region.slug, consultation.pk]))
    return form_page(
        request,
        form,
        title=_("Nieuwe raadpleging"),
        intro=_(
            "Vraag alle cliënten wat zij vinden: met een code per brief, op papier, of met een open link. De "
            "antwoorden zijn anoniem. U begint met een concept; niemand ziet het tot u het openzet."
        ),
        submit=_("Opslaan als concept"),
        breadcrumbs=crumbs,
        region=region,
        body=body,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new(request, region):
    region = access.access_region_list(request, region)
    if not permissions.can_create_for_region(request.user, region):
        raise PermissionDenied
    crumbs = dashboard_trail(
        (_("Raadplegingen"), reverse("consultations:staff_list", args=[region.slug])), (_("Nieuw"), "")
    )
    return _new(request, region, None, crumbs)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_new(request, region, body):
    body = access.access_body(request, region, body)
    crumbs = body_trail(
        body,
        (_("Raadplegingen"), reverse("consultations:body_list", args=[body.region.slug, body.slug])),
        (_("Nieuw"), ""),
    )
    return _new(request, body.region, body, crumbs)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, region, pk):
    consultation = access.access_consultation(request, region, pk, permissions.can_manage)
    if not permissions.can_fix_texts(request.user, consultation):
        messages.info(request, ERRORS["published"])
        return redirect(_detail_url(consultation))
    locked_ids = consultation.municipality_ids if consultation.has_answers else frozenset()
    kwargs = {"municipalities": build_selectors.region_municipalities(consultation.region), "locked_ids": locked_ids}
    initial = build_forms.consultation_initial(consultation, consultation.municipality_ids)
    form = build_forms.ConsultationForm(request.POST or None, initial=initial, version=consultation.version, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.consultation_update(
                consultation=consultation, by=request.user, version=form.posted_version, **form.service_values()
            )
        except StaleEdit as stale:
            current = stale.current
            form.mark_stale(
                stale, build_forms.consultation_initial(current, consultation.municipality_ids) if current else None
            )
        except services.BuildError as error:
            form.add_error(None, message_for(error, ERRORS))
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen.") if changed else _("Er was niets veranderd."))
            if "introduction" in changed:
                flash_readability(request, _("de inleiding"), consultation.introduction_readability)
            return redirect(_detail_url(consultation))
    return form_page(
        request,
        form,
        title=_("Raadpleging wijzigen"),
        intro=_("Er zijn al antwoorden. Verbeter alleen tikfouten, zodat de vragen hetzelfde blijven betekenen.")
        if consultation.has_answers
        else "",
        submit=_("Opslaan"),
        back_url=_detail_url(consultation),
        back_label=_("Terug naar de raadpleging"),
        breadcrumbs=_crumbs(consultation, *_in_consultation(consultation), (_("Wijzigen"), "")),
        region=consultation.region,
    )


# ---------------------------------------------------------------- the detail page and the state steps


def _lock_reason(consultation) -> str:
    if consultation.status == ConsultationStatus.PUBLISHED:
        return _("De resultaten zijn gepubliceerd. Er kan niets meer veranderen.")
    if consultation.status == ConsultationStatus.CLOSED:
        return _("De raadpleging is gesloten. U kunt nog tikfouten in teksten verbeteren, maar geen vragen veranderen.")
    if consultation.has_answers:
        return _(
            "Er zijn al antwoorden. Daarom kunt u alleen nog tikfouten in teksten verbeteren. Vragen, delen en "
            "keuzes toevoegen, weghalen of verplaatsen kan niet meer: dan kloppen de antwoorden niet meer."
        )
    return ""


@login_required
@require_safe
def detail(request, region, pk):
    consultation = access.access_consultation(request, region, pk)
    user = request.user
    managing = permissions.can_manage(user, consultation)
    questionnaire = selectors.questionnaire(consultation)
    steps = [
        {"to": step, "label": STEP_LABELS[step]}
        for step in rules.STEPS.get(consultation.status, ())
        if managing and step in STEP_LABELS
    ]
    args = (consultation.region.slug, consultation.pk)
    links = [
        {"url": url, "label": label}
        for name, label, check in PART_LINKS
        if (url := _url(name, *args)) and _allowed(check, user, consultation)
    ]
    public_url = _url("consultations:public_detail", *args) if permissions.is_public(consultation) else ""
    return render(
        request,
        "consultations/build/detail.html",
        {
            "region": consultation.region,
            "consultation": consultation,
            "municipalities": build_selectors.municipalities_of(consultation),
            "questionnaire": questionnaire,
            "n_questions": len(questionnaire.questions),
            "n_responses": build_selectors.response_count(consultation),
            "introduction_readability": from_score(consultation.introduction_readability),
            "managing": managing,
            "can_fix_texts": permissions.can_fix_texts(user, consultation),
            "can_edit_questions": permissions.can_edit_questions(user, consultation),
            "lock_reason": _lock_reason(consultation),
            "steps": steps,
            "links": links,
            "public_url": public_url,
            "history": build_selectors.history(consultation) if managing else [],
            "breadcrumbs": _crumbs(consultation, (consultation.title, "")),
        },
    )


def _allowed(check, user, consultation) -> bool:
    if check is permissions.can_view:
        return check(user, consultation, consultation.municipality_ids)
    return check(user, consultation)


@login_required
@require_POST
def status(request, region, pk):
    consultation = access.access_consultation(request, region, pk, permissions.can_manage)
    form = build_forms.StatusForm(request.POST, steps=list(STEP_LABELS))
    if not form.is_valid():
        messages.error(request, ERRORS["step"])
        return redirect(_detail_url(consultation))
    to = form.cleaned_data["to"]
    try:
        services.consultation_set_status(consultation=consultation, to=to, by=request.user)
    except services.BuildError as error:
        messages.error(request, message_for(error, ERRORS))
    else:
        messages.success(request, STEP_DONE[to])
    return redirect(_detail_url(consultation))


# ---------------------------------------------------------------- sections and questions


@login_required
@require_safe
def questions(request, region, pk):
    consultation = access.access_consultation(request, region, pk)
    user = request.user
    questionnaire = selectors.questionnaire(consultation)
    for section in questionnaire.sections:
        section.question_list = list(section.questions.all())
        for question in section.question_list:
            question.option_list = list(question.options.all()) if question.kind in CHOICE_KINDS else []
            question.readability_info = from_score(question.readability)
    return render(
        request,
        "consultations/build/questions.html",
        {
            "region": consultation.region,
            "consultation": consultation,
            "sections": questionnaire.sections,
            "can_edit_questions": permissions.can_edit_questions(user, consultation),
            "can_fix_texts": permissions.can_fix_texts(user, consultation),
            "lock_reason": _lock_reason(consultation),
            "up": rules.UP,
            "down": rules.DOWN,
            "breadcrumbs": _crumbs(consultation, *_in_consultation(consultation), (_("Vragen"), "")),
        },
    )


def _structure_page(request, region, pk):
    """The consultation for a page that changes the structure: the owner's, and only while that may change."""
    consultation = access.access_consultation(request, region, pk, permissions.can_manage)
    if permissions.can_edit_questions(request.user, consultation):
        return consultation, None
    code = "closed" if consultation.status != ConsultationStatus.DRAFT and not consultation.has_answers else "locked"
    if consultation.status == ConsultationStatus.PUBLISHED:
        code = "published"
    messages.info(request, ERRORS[code])
    return consultation, redirect(_questions_url(consultation))


def _text_page(request, region, pk):
    consultation = access.access_consultation(request, region, pk, permissions.can_manage)
    if permissions.can_fix_texts(request.user, consultation):
        return consultation, None
    messages.info(request, ERRORS["published"])
    return consultation, redirect(_detail_url(consultation))


def _section(consultation, section_pk):
    section = build_selectors.section_in(consultation, section_pk)
    if section is None:
        raise Http404
    return section


def _question(consultation, question_pk):
    question = build_selectors.question_in(consultation, question_pk)
    if question is None:
        raise Http404
    return question


def _move_direction(request) -> str:
    form = build_forms.MoveForm(request.POST)
    return form.cleaned_data["direction"] if form.is_valid() else ""


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def section_new(request, region, pk):
    consultation, refused = _structure_page(request, region, pk)
    if refused:
        return refused
    form = build_forms.SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_create(consultation=consultation, by=request.user, **form.cleaned_data)
        except services.BuildError as error:
            form.add_error(None, message_for(error, ERRORS))
        else:
            messages.success(request, _("Het deel is toegevoegd. Voeg er nu vragen aan toe."))
            return redirect(_questions_url(consultation))
    return form_page(
        request,
        form,
        title=_("Nieuw deel"),
        intro=_("Een deel is één pagina met vragen. Korte pagina's zijn makkelijker op een telefoon."),
        submit=_("Opslaan"),
        back_url=_questions_url(consultation),
        back_label=_("Terug naar de vragen"),
        breadcrumbs=_crumbs(consultation, *_in_consultation(consultation), (_("Nieuw deel"), "")),
        region=consultation.region,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def section_edit(request, region, pk, section):
    consultation, refused = _text_page(request, region, pk)
    if refused:
        return refused
    section = _section(consultation, section)
    initial = {"title": section.title, "introduction": section.introduction}
    form = build_forms.SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(section=section, by=request.user, **form.cleaned_data)
        except services.BuildError as error:
            form.add_error(None, message_for(error, ERRORS))
        else:
            messages.success(request, _("Het deel is opgeslagen."))
            return redirect(_questions_url(consultation))
    can_delete = permissions.can_edit_questions(request.user, consultation)
    return form_page(
        request,
        form,
        title=_("Deel wijzigen"),
        submit=_("Opslaan"),
        back_url=_questions_url(consultation),
        back_label=_("Terug naar de vragen"),
        breadcrumbs=_crumbs(consultation, *_in_consultation(consultation), (_("Deel wijzigen"), "")),
        region=consultation.region,
        delete_url=reverse("consultations:section_delete", args=[region, consultation.pk, section.pk])
        if can_delete
        else "",
        delete_label=_("Dit deel weghalen"),
    )


@login_required
@require_POST
def section_move(request, region, pk, section):
    consultation = access.access_consultation(request, region, pk, permissions.can_manage)
    section = _section(consultation, section)
    try:
        services.section_move(section=section, by=request.user, direction=_move_direction(request))
    except services.BuildError as error:
        return _refuse(request, consultation, error)
    return redirect(_questions_url(consultation) + f"#deel-{section.pk}")


def _confirm_delete(request, consultation, *, title, intro, delete):
    form = Form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            delete()
        except services.BuildError as error:
            return _refuse(request, consultation, error)
        messages.success(request, _("Weggehaald."))
        return redirect(_questions_url(consultation))
    return form_page(
        request,
        form,
        title=title,
        intro=intro,
        submit=_("Ja, weghalen"),
        back_url=_questions_url(consultation),
        back_label=_("Nee, terug naar de vragen"),
        breadcrumbs=_crumbs(consultation, *_in_consultation(consultation), (title, "")),
        region=consultation.region,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def section_delete(request, region, pk, section):
    consultation, refused = _structure_page(request, region, pk)
    if refused:
        return refused
    section = _section(consultation, section)
    return _confirm_delete(
        request,
        consultation,
        title=_("Deel weghalen"),
        intro=_("Wilt u het deel '%(title)s' weghalen? De vragen in dit deel gaan ook weg.") % {"title": section.title},
        delete=lambda: services.section_delete(section=section, by=request.user),
    )


def _readability_preview(form) -> dict | None:
    text = " ".join(part for part in (form.data.get("text", ""), form.data.get("help_text", "")) if part.strip())
    return readability(text)


def _question_page(request, consultation, form, *, title, preview, delete_url=""):
    return form_page(
        request,
        form,
        title=title,
        intro=_("Kies de soort vraag. Bij één keuze of meer keuzes typt u de keuzes, elk op een eigen regel."),
        submit=_("Opslaan"),
        back_url=_questions_url(consultation),
        back_label=_("Terug naar de vragen"),
        breadcrumbs=_crumbs(consultation, *_in_consultation(consultation), (title, "")),
        template="consultations/build/question_form.html",
        region=consultation.region,
        preview=preview,
        delete_url=delete_url,
        delete_label=_("Deze vraag weghalen"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_new(request, region, pk, section):
    consultation, refused = _structure_page(request, region, pk)
    if refused:
        return refused
    section = _section(consultation, section)
    form = build_forms.QuestionForm(request.POST or None, initial={"kind": QuestionKind.SINGLE, "dont_know": True})
    preview = None
    if request.method == "POST" and form.is_valid():
        if "leesbaarheid" in request.POST:
            preview = _readability_preview(form) or False
        else:
            try:
                question = services.question_create(section=section, by=request.user, **form.create_values())
            except services.BuildError as error:
                form.add_error(None, message_for(error, ERRORS))
            else:
                messages.success(request, _("De vraag is toegevoegd."))
                flash_readability(request, _("de vraag"), question.readability)
                return redirect(_questions_url(consultation) + f"#vraag-{question.pk}")
    return _question_page(
        request,
        consultation,
        form,
        title=_("Nieuwe vraag in '%(section)s'") % {"section": section.title},
        preview=preview,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_edit(request, region, pk, question):
    consultation, refused = _text_page(request, region, pk)
    if refused:
        return refused
    question = _question(consultation, question)
    structure = permissions.can_edit_questions(request.user, consultation)
    options = list(question.options.all()) if question.kind in CHOICE_KINDS else []
    form = build_forms.QuestionForm(
        request.POST or None,
        initial=build_forms.question_initial(question),
        existing_options=options,
        locked=not structure,
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        if "leesbaarheid" in request.POST:
            preview = _readability_preview(form) or False
        else:
            try:
                changed = services.question_update(question=question, by=request.user, **form.update_values())
            except services.BuildError as error:
                form.add_error(None, message_for(error, ERRORS))
            else:
                messages.success(request, _("De vraag is opgeslagen.") if changed else _("Er was niets veranderd."))
                flash_readability(request, _("de vraag"), question.readability)
                return redirect(_questions_url(consultation) + f"#vraag-{question.pk}")
    delete_url = reverse("consultations:question_delete", args=[region, consultation.pk, question.pk])
    return _question_page(
        request,
        consultation,
        form,
        title=_("Vraag wijzigen"),
        preview=preview,
        delete_url=delete_url if structure else "",
    )


@login_required
@require_POST
def question_move(request, region, pk, question):
    consultation = access.access_consultation(request, region, pk, permissions.can_manage)
    question = _question(consultation, question)
    try:
        services.question_move(question=question, by=request.user, direction=_move_direction(request))
    except services.BuildError as error:
        return _refuse(request, consultation, error)
    return redirect(_questions_url(consultation) + f"#vraag-{question.pk}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_delete(request, region, pk, question):
    consultation, refused = _structure_page(request, region, pk)
    if refused:
        return refused
    question = _question(consultation, question)
    return _confirm_delete(
        request,
        consultation,
        title=_("Vraag weghalen"),
        intro=_("Wilt u deze vraag weghalen? %(text)s") % {"text": question.text},
        delete=lambda: services.question_delete(question=question, by=request.user),
    )


@login_required
@require_POST
def option_move(request, region, pk, option):
    consultation = access.access_consultation(request, region, pk, permissions.can_manage)
    option = build_selectors.option_in(consultation, option)
    if option is None:
        raise Http404
    try:
        services.option_move(option=option, by=request.user, direction=_move_direction(request))
    except services.BuildError as error:
        return _refuse(request, consultation, error)
    return redirect(_questions_url(consultation) + f"#vraag-{option.question_id}")


# ---------------------------------------------------------------- translations


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def translations(request, region, pk):
    consultation = access.access_consultation(request, region, pk, permissions.can_manage)
    can_change = permissions.can_fix_texts(request.user, consultation)
    form = build_forms.NewTranslationForm(request.POST or None) if can_change else None
    if request.method == "POST":
        if form is None:
            messages.info(request, ERRORS["published"])
            return redirect(_translations_url(consultation))
        if form.is_valid():
            try:
                translation = services.translation_create(
                    consultation=consultation, by=request.user, **form.cleaned_data
                )
            except services.BuildError as error:
                form.add_error("language" if error.code.startswith("language") else None, message_for(error, ERRORS))
            else:
                messages.success(request, _("De taal is toegevoegd. Vul nu de vertaling in."))
                return redirect(
                    reverse("consultations:translation_edit", args=[region, consultation.pk, translation.pk])
                )
    questionnaire = selectors.questionnaire(consultation)
    items = rules.translation_items(consultation, questionnaire.sections)
    rows = build_selectors.translations(consultation)
    for row in rows:
        row.done, row.total = rules.translated_share(items, row.texts)
    return render(
        request,
        "consultations/build/translations.html",
        {
            "region": consultation.region,
            "consultation": consultation,
            "translations": rows,
            "form": form,
            "breadcrumbs": _crumbs(consultation, *_in_consultation(consultation), (_("Vertalingen"), "")),
        },
        status=400 if form is not None and form.is_bound and form.errors else None,
    )


def _translation(consultation, translation_pk):
    translation = build_selectors.translation_in(consultation, translation_pk)
    if translation is None:
        raise Http404
    return translation


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def translation_edit(request, region, pk, translation):
    consultation, refused = _text_page(request, region, pk)
    if refused:
        return refused
    translation = _translation(consultation, translation)
    questionnaire = selectors.questionnaire(consultation)
    items = rules.translation_items(consultation, questionnaire.sections)
    form = build_forms.TranslationForm(
        request.POST or None,
        initial=build_forms.translation_initial(translation, items),
        items=items,
        language=translation.language,
        rtl=translation.right_to_left,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_update(
                translation=translation,
                by=request.user,
                name=form.cleaned_data["name"],
                right_to_left=form.cleaned_data["right_to_left"],
                texts=form.texts(),
                keys=[item.key for item in items],
            )
        except services.BuildError as error:
            form.add_error(None, message_for(error, ERRORS))
        else:
            messages.success(request, _("De vertaling is opgeslagen. Een leeg vak toont de Nederlandse tekst."))
            return redirect(_translations_url(consultation))
    return form_page(
        request,
        form,
        title=_("Vertaling: %(name)s") % {"name": translation.name},
        intro=_(
            "Vul bij elke Nederlandse tekst de vertaling in. Laat een vak leeg als u het niet weet: de deelnemer "
            "ziet dan de Nederlandse tekst."
        ),
        submit=_("Opslaan"),
        back_url=_translations_url(consultation),
        back_label=_("Terug naar de vertalingen"),
        breadcrumbs=_crumbs(
            consultation,
            *_in_consultation(consultation),
            (_("Vertalingen"), _translations_url(consultation)),
            (translation.name, ""),
        ),
        region=consultation.region,
        delete_url=reverse("consultations:translation_delete", args=[region, consultation.pk, translation.pk]),
        delete_label=_("Deze vertaling weghalen"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def translation_delete(request, region, pk, translation):
    consultation, refused = _text_page(request, region, pk)
    if refused:
        return refused
    translation = _translation(consultation, translation)
    form = Form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_delete(translation=translation, by=request.user)
        except services.BuildError as error:
            messages.error(request, message_for(error, ERRORS))
        else:
            messages.success(request, _("De vertaling is weggehaald."))
        return redirect(_translations_url(consultation))
    return form_page(
        request,
        form,
        title=_("Vertaling weghalen"),
        intro=_("Wilt u de vertaling '%(name)s' weghalen? De vertaalde teksten gaan verloren.")
        % {"name": translation.name},
        submit=_("Ja, weghalen"),
        back_url=_translations_url(consultation),
        back_label=_("Nee, terug"),
        breadcrumbs=_crumbs(consultation, *_in_consultation(consultation), (_("Vertaling weghalen"), "")),
        region=consultation.region,
    )
