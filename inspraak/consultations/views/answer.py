"""Answering a consultation (ADR 30): the respondent's pages at /mee/ (code, language, one page per section, check,
thanks), the open link, the staff's test run (answers in the session only, never stored), paper entry, the codes
page with its downloads (CSV and letters with a QR code) and the printable paper questionnaire.

Who is answering lives in the session under SESSION: ``{"pk": consultation, "mode": "code" | "open" | "test",
"code": code id, "answers": {...} (test only), "language": ...}``. A code's answers so far are a Draft tied to the
code, so coming back later (another phone, the next day) with the code continues. The session never holds an answer
of a real respondent."""

from __future__ import annotations

import csv
import secrets
from dataclasses import dataclass, field

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from inspraak.consultations import access, permissions, permissions_answer, selectors
from inspraak.consultations.forms.answer import (
    ANSWER_ERRORS,
    AnswersForm,
    CodeBatchForm,
    CodeForm,
    LanguageForm,
    MunicipalityForm,
    PaperCodeForm,
    Wording,
    field_name,
    initial_answers,
)
from inspraak.consultations.models import Channel, ConsultationStatus
from inspraak.consultations.rules import answer as rules
from inspraak.consultations.selectors import answer as answer_selectors
from inspraak.consultations.services import answer as services
from inspraak.core import ratelimit
from inspraak.core.breadcrumbs import body_trail, dashboard_trail
from inspraak.core.errors import message_for
from inspraak.core.links import absolute_url
from inspraak.core.net import client_ip
from inspraak.core.pdf import render_pdf

SESSION = "consultation_answering"
DONE = "consultation_done"  # the consultation this browser sent its answers for (the thank-you page)
DONE_LANGUAGE = "consultation_done_language"
DONE_BY_CODE = "consultation_done_by_code"  # the thank-you page then says the letter may go
TEST_DONE = "consultation_test_done"  # the consultation whose test run this browser finished
OPEN_COOKIE = "inspraak_open"
OPEN_COOKIE_DAYS = 365

# Code entry per internet address: enough for a family sharing one connection, too few to guess codes.
CODE_ATTEMPTS = ratelimit.Limit("consultation-code:address", 30)
OPEN_STARTS = ratelimit.Limit("consultation-open:address", 30)
LETTERS_PER_PDF = 500

ERRORS = {
    "invalid": gettext_lazy(
        "Nog niet alle vragen zijn goed ingevuld. Druk hieronder op een vraag om het te verbeteren."
    ),
    "not_yet": gettext_lazy("U kunt nog niet meedoen: de vragenlijst is nog niet open."),
    "closed": gettext_lazy("De vragenlijst is gesloten. U kunt niet meer meedoen. Dank u wel voor uw moeite."),
    "used": gettext_lazy("Deze code is al gebruikt. Wij hebben de antwoorden al. Dank u wel!"),
    "wrong_code": gettext_lazy("Deze code hoort niet bij deze vragenlijst. Kijk de code nog eens na."),
    "no_code": gettext_lazy("Typ eerst de code uit de brief."),
    "no_open_link": gettext_lazy("Voor deze vragenlijst heeft u een code nodig. Die staat in de brief."),
    "open_used": gettext_lazy(
        "Op deze telefoon of computer is de vragenlijst al ingevuld. Wij hebben de antwoorden. Dank u wel!"
    ),
    "municipality": gettext_lazy("Kies een gemeente uit de lijst."),
    "count": gettext_lazy("Kies een aantal van 1 tot 50.000."),
}
PAPER_ERRORS = {
    **ERRORS,
    "used": gettext_lazy(
        "Met deze code is al geantwoord: het formulier is al ingevoerd of online ingevuld. Voer het niet nog eens in."
    ),
    "wrong_code": gettext_lazy("Deze code hoort niet bij deze raadpleging. Kijk de code op het formulier nog eens na."),
    "closed": gettext_lazy("De resultaten zijn gepubliceerd: er kunnen geen formulieren meer bij."),
    "not_yet": gettext_lazy("De raadpleging is nog een concept: zet hem eerst open."),
}


# ---------------------------------------------------------------- who is answering


@dataclass
class Respondent:
    """Who answers this consultation in this browser, and what they answered so far."""

    consultation: object
    mode: str  # "code", "open" or "test"
    code: object = None
    browser_key: str = ""
    draft: object = None
    state: dict = field(default_factory=dict)

    @property
    def is_test(self) -> bool:
        return self.mode == "test"

    @property
    def stored(self) -> dict:
        if self.is_test:
            return dict(self.state.get("answers") or {})
        return dict(self.draft.answers) if self.draft is not None else {}

    @property
    def language(self) -> str:
        if self.is_test:
            return self.state.get("language", "")
        if self.draft is not None:
            return self.draft.language
        return self.state.get("language", "")  # also kept in the session: the draft is gone once sent

    @property
    def section_reached(self) -> int:
        if self.is_test:
            return int(self.state.get("reached", 0))
        return self.draft.section_reached if self.draft is not None else 0


class Stop(Exception):
    """The answer pages cannot go on: ``response`` says why (or sends the person to the code page)."""

    def __init__(self, response):
        self.response = response


def _browser_key(token: str) -> str:
    """The keyed hash of the browser's random token: the database never holds the token itself."""
    return salted_hmac("inspraak.consultations.open", token, algorithm="sha256").hexdigest()


def _stop_page(request, consultation, title: str, message: str, *, status: int = 200):
    return render(
        request,
        "consultations/answer/stop.html",
        {
            "consultation": consultation,
            "region": getattr(consultation, "region", None),
            "title": title,
            "message": message,
        },
        status=status,
    )


def _used_page(request, consultation, *, mode: str, language: str = ""):
    """ "Already sent, thank you": for a code that was used (by this browser a moment ago, on paper or on another
    phone) and for a browser that already answered by the open link. A kind page, never an error."""
    message = ERRORS["open_used"] if mode == "open" else ERRORS["used"]
    return _render_in(
        request,
        language,
        "consultations/answer/stop.html",
        {
            "consultation": consultation,
            "region": consultation.region,
            "title": gettext_lazy("Al verstuurd"),
            "message": message,
        },
    )


def _respondent(request, pk: int) -> Respondent:
    state = request.session.get(SESSION) or {}
    if state.get("pk") != pk:
        if request.session.get(DONE) == pk:
            # Sent already (a second tap on "Versturen", or "Terug" after sending): the thank-you page again.
            raise Stop(redirect("consultations:answer_done", pk=pk))
        if request.session.get(TEST_DONE) == pk and request.user.is_authenticated:
            consultation = answer_selectors.answering(pk)
            raise Stop(redirect("consultations:detail", region=consultation.region.slug, pk=pk))
        raise Stop(redirect("consultations:enter_code"))
    consultation = answer_selectors.answering(pk)
    mode = state.get("mode")
    if mode == "test":
        if not request.user.is_authenticated or not permissions.can_test_run(request.user, consultation):
            raise PermissionDenied
        return Respondent(consultation, "test", state=state)
    if mode == "code":
        code = answer_selectors.code_by_pk(consultation, state.get("code"))
        if code is None or code.used:
            request.session.pop(SESSION, None)
            if code is None:
                raise Stop(redirect("consultations:enter_code"))
            raise Stop(_used_page(request, consultation, mode=mode, language=state.get("language", "")))
    state_now = rules.answering_state(
        status=consultation.status,
        opens_at=consultation.opens_at,
        closes_at=consultation.closes_at,
        now=timezone.now(),
    )
    if state_now != rules.OPEN:
        request.session.pop(SESSION, None)
        raise Stop(_stop_page(request, consultation, _("Niet open"), str(ERRORS[state_now])))
    if mode == "code":
        return Respondent(
            consultation, "code", code=code, draft=answer_selectors.draft_for(consultation, code=code), state=state
        )
    if mode == "open" and consultation.open_link:
        token = request.COOKIES.get(OPEN_COOKIE, "")
        if not token:
            raise Stop(redirect("consultations:open_start", pk=pk))
        key = _browser_key(token)
        if answer_selectors.open_link_used(consultation, key):
            request.session.pop(SESSION, None)
            raise Stop(_used_page(request, consultation, mode=mode, language=state.get("language", "")))
        return Respondent(
            consultation,
            "open",
            browser_key=key,
            draft=answer_selectors.draft_for(consultation, browser_key=key),
            state=state,
        )
    request.session.pop(SESSION, None)
    raise Stop(redirect("consultations:enter_code"))


def _wording(respondent: Respondent) -> Wording:
    language = respondent.language
    if language:
        for translation in answer_selectors.translations(respondent.consultation):
            if translation.language == language:
                return Wording(translation)
    return Wording()


def _save(request, respondent: Respondent, *, answers, texts, reached: int, question_ids=(), language=None) -> None:
    if respondent.is_test:
        state = dict(request.session.get(SESSION) or {})
        stored = {k: v for k, v in (state.get("answers") or {}).items() if k not in {str(q) for q in question_ids}}
        stored.update(rules.join_draft(answers, texts))
        state["answers"] = stored
        state["reached"] = max(int(state.get("reached", 0)), reached)
        if language is not None:
            state["language"] = language
        request.session[SESSION] = state
        return
    if language is not None:
        state = dict(request.session.get(SESSION) or {})
        state["language"] = language
        request.session[SESSION] = state
    services.save_draft(
        consultation=respondent.consultation,
        answers=answers,
        texts=texts,
        section_reached=reached,
        question_ids=question_ids,
        code=respondent.code,
        browser_key=respondent.browser_key or None,
        language=language,
    )


def _render_in(request, wording: Wording | str, template: str, context: dict, status: int = 200):
    """Render a respondent's page; in a language the site itself speaks (English) the page's own words follow too.
    ``wording``: the respondent's Wording, or just the language code. Messages put in ``context`` must be lazy
    (gettext_lazy) so that they, too, are translated here."""
    language = wording.language if isinstance(wording, Wording) else (wording or settings.LANGUAGE_CODE)
    if language != settings.LANGUAGE_CODE and language in dict(settings.LANGUAGES):
        with translation.override(language):
            return render(request, template, context, status=status)
    return render(request, template, context, status=status)


def _context(respondent: Respondent, wording: Wording, **extra) -> dict:
    consultation = respondent.consultation
    return {
        "consultation": consultation,
        "region": consultation.region,
        "respondent": respondent,
        "wording": wording,
        "title_text": wording("title", consultation.title),
        **extra,
    }


# ---------------------------------------------------------------- the respondent's pages


@require_http_methods(["GET", "POST"])
def enter_code(request):
    """``/mee/``: one field "Uw code". The QR code on the letter fills it in (``?code=``); the person still presses
    the button. Rate-limited per address; unknown and mistyped codes get kind messages that do not say whether a
    code exists."""
    if request.method == "POST":
        form = CodeForm(request.POST)
        status = 200
        if form.is_valid():
            if not ratelimit.hit(CODE_ATTEMPTS, client_ip(request)):
                return ratelimit.too_many_response(request, breadcrumbs=[])
            code = rules.normalise_code(form.cleaned_data["code"])
            shape = rules.code_shape(code)
            found = answer_selectors.code_entered(code) if shape == "ok" else None
            if shape != "ok":
                form.add_error(
                    "code",
                    _(
                        "Deze code klopt niet. Een code heeft 8 letters en cijfers, zoals ABCD-EF23. "
                        "Er zit geen O, 0, I of 1 in. Kijk nog eens goed naar de brief."
                    ),
                )
            elif found is None:
                form.add_error(
                    "code",
                    _(
                        "Met deze code lukt het niet. Kijk of u hem goed hebt overgetypt. Lukt het dan nog niet? "
                        "Bel het telefoonnummer in de brief."
                    ),
                )
            else:
                return _start_with_code(request, found)
            status = 400
        return render(request, "consultations/answer/enter_code.html", {"form": form}, status=status)
    form = CodeForm(initial={"code": rules.show_code(rules.normalise_code(request.GET.get("code", "")))[:40]})
    return render(request, "consultations/answer/enter_code.html", {"form": form})


def _start_with_code(request, code):
    consultation = code.consultation
    if code.used:
        return _stop_page(request, consultation, _("Code al gebruikt"), str(ERRORS["used"]))
    state = rules.answering_state(
        status=consultation.status,
        opens_at=consultation.opens_at,
        closes_at=consultation.closes_at,
        now=timezone.now(),
    )
    if state != rules.OPEN:
        return _stop_page(request, consultation, _("Niet open"), str(ERRORS[state]))
    request.session.cycle_key()
    request.session[SESSION] = {"pk": consultation.pk, "mode": "code", "code": code.pk}
    return redirect("consultations:answer_start", pk=consultation.pk)


@require_http_methods(["GET", "POST"])
def answer_start(request, pk):
    """The introduction (why, what happens with the answers, how anonymous, until when, who to call), the choice
    of language, and "Beginnen" (or "Verder" for someone who stopped halfway)."""
    try:
        respondent = _respondent(request, pk)
    except Stop as stop:
        return stop.response
    consultation = respondent.consultation
    translations = answer_selectors.translations(consultation)
    languages = [(t.language, t.name) for t in translations]
    if request.method == "POST":
        form = LanguageForm(request.POST, languages=languages)
        if form.is_valid():
            _save(request, respondent, answers={}, texts={}, reached=0, language=form.cleaned_data["language"])
            sections = selectors.questionnaire(consultation).sections
            go_to = min(max(respondent.section_reached, 1), max(len(sections), 1))
            return redirect("consultations:answer_section", pk=pk, number=go_to)
    else:
        form = LanguageForm(initial={"language": respondent.language}, languages=languages)
    wording = _wording(respondent)
    return _render_in(
        request,
        wording,
        "consultations/answer/start.html",
        _context(
            respondent,
            wording,
            form=form,
            show_languages=bool(translations),
            introduction=wording("introduction", consultation.introduction),
            continuing=bool(respondent.stored) or respondent.section_reached > 0,
        ),
    )


@require_http_methods(["GET", "POST"])
def answer_section(request, pk, number):
    """One page per section. "Volgende" checks the page (a required question, an answer not in the list, too long
    a text: a message, what was typed stays) and keeps the answers; "Vorige" keeps them without requiring."""
    try:
        respondent = _respondent(request, pk)
    except Stop as stop:
        return stop.response
    questionnaire = selectors.questionnaire(respondent.consultation)
    sections = questionnaire.sections
    if not 1 <= number <= len(sections):
        return redirect("consultations:answer_start", pk=pk)
    section = sections[number - 1]
    questions = list(section.questions.all())
    wording = _wording(respondent)
    if request.method == "POST":
        back = "vorige" in request.POST
        form = AnswersForm(request.POST, questions=questions, wording=wording, require=not back)
        if form.is_valid():
            _save(
                request,
                respondent,
                answers=form.answers,
                texts=form.texts,
                reached=number if back else number + 1,
                question_ids=[q.pk for q in questions],
            )
            if back:
                return (
                    redirect("consultations:answer_section", pk=pk, number=number - 1)
                    if number > 1
                    else redirect("consultations:answer_start", pk=pk)
                )
            if number < len(sections):
                return redirect("consultations:answer_section", pk=pk, number=number + 1)
            return redirect("consultations:answer_check", pk=pk)
        status = 400
    else:
        form = AnswersForm(
            questions=questions, wording=wording, initial=initial_answers(respondent.stored), require=True
        )
        status = 200
    return _render_in(
        request,
        wording,
        "consultations/answer/section.html",
        _context(
            respondent,
            wording,
            form=form,
            section=section,
            section_title=wording.section_title(section),
            section_introduction=wording.section_introduction(section),
            number=number,
            total=len(sections),
        ),
        status=status,
    )


def _summary(questionnaire, wording: Wording, stored: dict) -> list[dict]:
    """Per section: each question with the answer given, in words."""
    rows = []
    for number, section in enumerate(questionnaire.sections, start=1):
        items = []
        for q in section.questions.all():
            value = stored.get(str(q.pk))
            if q.kind in ("een", "meer"):
                chosen = {str(v) for v in (value if isinstance(value, list) else [value])} if value else set()
                shown = ", ".join(wording.option(o) for o in q.options.all() if str(o.pk) in chosen)
            elif q.kind == "schaal":
                labels = dict(wording.scale_choices(q))
                shown = labels.get(str(value), "") if value is not None else ""
            else:
                shown = str(value or "")
            items.append({"question": wording.question(q), "answer": shown, "required": q.required})
        rows.append({"number": number, "title": wording.section_title(section), "items": items})
    return rows


def _problem(code: str):
    """The message for a rules.answer error code, lazy: it is translated when the page is rendered, in the
    respondent's language."""
    if code == rules.TOO_LONG:
        return gettext_lazy("Uw antwoord is te lang. Maak het wat korter.")
    return ANSWER_ERRORS.get(code, ERRORS["invalid"])


@require_http_methods(["GET", "POST"])
def answer_check(request, pk):
    """All answers on one page, each section with "Wijzigen"; "Versturen" stores them (submit_response)."""
    try:
        respondent = _respondent(request, pk)
    except Stop as stop:
        return stop.response
    consultation = respondent.consultation
    questionnaire = selectors.questionnaire(consultation)
    wording = _wording(respondent)
    question_rules = rules.question_rules(questionnaire.questions.values())
    answers, texts = rules.split_draft(question_rules, respondent.stored)
    municipality_form = None
    municipalities = []
    if respondent.mode == "open":
        municipalities = answer_selectors.asked_municipalities(consultation)
        municipality_form = MunicipalityForm(request.POST or None, municipalities=municipalities, prefix="m")
    problems: dict[int, str] = {}
    error = ""
    status = 200
    if request.method == "POST":
        if respondent.is_test:
            _clean, _texts, problems = rules.check_answers(question_rules, answers, texts)
            if not problems:
                request.session.pop(SESSION, None)
                request.session[TEST_DONE] = pk
                messages.success(request, _("De proef is klaar. Er is niets opgeslagen en niets geteld."))
                return redirect("consultations:detail", region=consultation.region.slug, pk=pk)
        elif municipality_form is None or municipality_form.is_valid():
            chosen = None
            if municipality_form is not None and municipality_form.cleaned_data["municipality"]:
                chosen = next(
                    (m for m in municipalities if str(m.pk) == municipality_form.cleaned_data["municipality"]), None
                )
            try:
                services.submit_response(
                    consultation=consultation,
                    questionnaire=questionnaire,
                    answers=answers,
                    texts=texts,
                    municipality=chosen,
                    channel=Channel.OPEN if respondent.mode == "open" else Channel.CODE,
                    code=respondent.code,
                    browser_key=respondent.browser_key or None,
                    today=timezone.localdate(),
                    language=respondent.language,
                )
            except services.AnswerError as refused:
                if refused.code in ("used", "open_used"):
                    # Sent already: a second tap on "Versturen" (the first one stored the answers and deleted the
                    # draft), or the code was used on paper or on another phone meanwhile.
                    request.session.pop(SESSION, None)
                    return _used_page(request, consultation, mode=respondent.mode, language=respondent.language)
                if refused.code != "invalid":
                    request.session.pop(SESSION, None)
                    return _stop_page(request, consultation, _("Niet verstuurd"), message_for(refused, ERRORS))
                problems = refused.errors
            else:
                request.session.pop(SESSION, None)
                request.session[DONE] = pk
                request.session[DONE_LANGUAGE] = respondent.language
                request.session[DONE_BY_CODE] = respondent.mode == "code"
                return redirect("consultations:answer_done", pk=pk)
        if problems:
            error = ERRORS["invalid"]
            status = 400
    summary = _summary(questionnaire, wording, respondent.stored)
    problem_sections = []
    if problems:
        for number, section in enumerate(questionnaire.sections, start=1):
            for q in section.questions.all():
                if q.pk in problems:
                    problem_sections.append(
                        {"number": number, "question": wording.question(q), "message": _problem(problems[q.pk])}
                    )
    return _render_in(
        request,
        wording,
        "consultations/answer/check.html",
        _context(
            respondent,
            wording,
            summary=summary,
            error=error,
            problems=problem_sections,
            municipality_form=municipality_form,
            total=len(questionnaire.sections),
        ),
        status=status,
    )


@require_safe
def answer_done(request, pk):
    consultation = answer_selectors.answering(pk)
    if request.session.get(DONE) != pk:
        return redirect("consultations:enter_code")
    return _render_in(
        request,
        request.session.get(DONE_LANGUAGE, ""),
        "consultations/answer/done.html",
        {
            "consultation": consultation,
            "region": consultation.region,
            "by_code": request.session.get(DONE_BY_CODE, True),
        },
    )


@require_http_methods(["GET", "POST"])
def open_start(request, pk):
    """The open link (when the owner allows it): anyone may answer, once per browser (a random token in a cookie;
    the database keeps a keyed hash of it), rate-limited per address."""
    consultation = answer_selectors.answering(pk)
    if not consultation.open_link or consultation.status == ConsultationStatus.DRAFT:
        return _stop_page(request, consultation, _("Met code"), str(ERRORS["no_open_link"]), status=404)
    state = rules.answering_state(
        status=consultation.status,
        opens_at=consultation.opens_at,
        closes_at=consultation.closes_at,
        now=timezone.now(),
    )
    if state != rules.OPEN:
        return _stop_page(request, consultation, _("Niet open"), str(ERRORS[state]))
    token = request.COOKIES.get(OPEN_COOKIE, "")
    if token and answer_selectors.open_link_used(consultation, _browser_key(token)):
        return _stop_page(request, consultation, _("Al ingevuld"), str(ERRORS["open_used"]))
    if request.method == "POST":
        if not ratelimit.hit(OPEN_STARTS, client_ip(request)):
            return ratelimit.too_many_response(request, breadcrumbs=[])
        token = token or secrets.token_urlsafe(32)
        request.session[SESSION] = {"pk": pk, "mode": "open"}
        response = redirect("consultations:answer_start", pk=pk)
        response.set_cookie(
            OPEN_COOKIE,
            token,
            max_age=OPEN_COOKIE_DAYS * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response
    return render(
        request,
        "consultations/answer/open_start.html",
        {
            "consultation": consultation,
            "region": consultation.region,
            "wording": Wording(),
            "introduction": consultation.introduction,
        },
    )


# ---------------------------------------------------------------- staff: test run, paper, codes


def _list_url(consultation) -> str:
    if consultation.body_id:
        return reverse("consultations:body_list", args=[consultation.region.slug, consultation.body.slug])
    return reverse("consultations:staff_list", args=[consultation.region.slug])


def _crumbs(consultation, *steps) -> list[dict]:
    head = [
        (_("Raadplegingen"), _list_url(consultation)),
        (consultation.title, reverse("consultations:detail", args=[consultation.region.slug, consultation.pk])),
    ]
    if consultation.body_id:
        consultation.body.region = consultation.region
        return body_trail(consultation.body, *head, *steps)
    return dashboard_trail(*head, *steps)


@login_required
@require_http_methods(["GET", "POST"])
def test_run(request, region, pk):
    """Try the answer pages as a respondent: answers stay in the session, are never stored or counted, and every
    page says "Proef: telt niet mee". Works for a concept too (the preview)."""
    consultation = access.access_consultation(request, region, pk, check=permissions.can_test_run)
    if request.method == "POST":
        request.session[SESSION] = {"pk": consultation.pk, "mode": "test", "answers": {}, "language": ""}
        return redirect("consultations:answer_start", pk=consultation.pk)
    return render(
        request,
        "consultations/answer/test_run.html",
        {
            "consultation": consultation,
            "region": consultation.region,
            "breadcrumbs": _crumbs(consultation, (_("Proef invullen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request, region, pk):
    """Type in a returned paper form: the code printed on it and the answers, on one page; stored like an online
    answer (channel "papier"). A code already used (online or an earlier entry) is refused with a clear message,
    and everything typed stays."""
    consultation = access.access_consultation(request, region, pk, check=permissions.can_enter_paper)
    questionnaire = selectors.questionnaire(consultation)
    questions = list(questionnaire.questions.values())
    if request.method == "POST":
        code_form = PaperCodeForm(request.POST)
        form = AnswersForm(request.POST, questions=questions, require=False)
        code_ok, answers_ok = code_form.is_valid(), form.is_valid()
        if code_ok and answers_ok:
            try:
                services.submit_response(
                    consultation=consultation,
                    questionnaire=questionnaire,
                    answers=form.answers,
                    texts=form.texts,
                    municipality=None,
                    channel=Channel.PAPER,
                    code=code_form.cleaned_data["code"],
                    today=timezone.localdate(),
                    by=request.user,
                )
            except services.AnswerError as refused:
                if refused.code == "invalid":
                    for question_id, code in refused.errors.items():
                        form.add_error(
                            field_name(question_id) if field_name(question_id) in form.fields else None,
                            _problem(code),
                        )
                else:
                    code_form.add_error("code", message_for(refused, PAPER_ERRORS))
            else:
                messages.success(
                    request,
                    _("Het formulier met code %(code)s is ingevoerd. U kunt het volgende invoeren.")
                    % {"code": rules.show_code(code_form.cleaned_data["code"])},
                )
                return redirect("consultations:paper_entry", region=consultation.region.slug, pk=consultation.pk)
        status = 400
    else:
        code_form = PaperCodeForm()
        form = AnswersForm(questions=questions, require=False)
        status = 200
    return render(
        request,
        "consultations/answer/paper_entry.html",
        {
            "consultation": consultation,
            "region": consultation.region,
            "code_form": code_form,
            "form": form,
            "sections": [(section, form.fields_of(section)) for section in questionnaire.sections],
            "error_count": code_form.error_count + form.error_count,
            "breadcrumbs": _crumbs(consultation, (_("Papieren formulier invoeren"), "")),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def codes(request, region, pk):
    """The codes page: the batches per municipality (issued, used), downloads per batch, and a new batch."""
    consultation = access.access_consultation(request, region, pk, check=permissions_answer.can_see_codes)
    can_make = permissions_answer.can_make_codes(request.user, consultation)
    municipalities = answer_selectors.asked_municipalities(consultation)
    form = None
    status = 200
    if can_make:
        form = CodeBatchForm(request.POST or None, municipalities=municipalities)
        if request.method == "POST":
            if form.is_valid():
                chosen = next(m for m in municipalities if str(m.pk) == form.cleaned_data["municipality"])
                try:
                    batch = services.generate_codes(
                        consultation=consultation,
                        municipality=chosen,
                        count=form.cleaned_data["count"],
                        by=request.user,
                    )
                except services.AnswerError as refused:
                    form.add_error(None, message_for(refused, ERRORS))
                else:
                    messages.success(
                        request,
                        _("%(count)s codes gemaakt voor %(name)s. Download hieronder de brieven of de lijst.")
                        % {"count": batch.count, "name": chosen.name},
                    )
                    return redirect("consultations:codes", region=consultation.region.slug, pk=consultation.pk)
            status = 400
    elif request.method == "POST":
        raise PermissionDenied
    batches = answer_selectors.code_batches(consultation)
    for batch in batches:
        batch.parts = [
            {"number": n + 1, "first": n * LETTERS_PER_PDF + 1, "last": min((n + 1) * LETTERS_PER_PDF, batch.count)}
            for n in range((batch.count + LETTERS_PER_PDF - 1) // LETTERS_PER_PDF)
        ]
    return render(
        request,
        "consultations/answer/codes.html",
        {
            "consultation": consultation,
            "region": consultation.region,
            "batches": batches,
            "form": form,
            "answer_address": _answer_address(),
            "breadcrumbs": _crumbs(consultation, (_("Codes en brieven"), "")),
        },
        status=status,
    )


def _answer_address() -> str:
    """What the letter tells people to type: ``inspraak.example/mee`` (no scheme)."""
    return absolute_url("consultations:enter_code").split("://", 1)[-1].rstrip("/")


@login_required
@require_safe
def codes_csv(request, region, pk, batch):
    """The codes of one batch with their municipality (``code;gemeente``), for the GR's own mail merge."""
    consultation = access.access_consultation(request, region, pk, check=permissions_answer.can_see_codes)
    found = answer_selectors.batch_in(consultation, batch)
    name = found.municipality.name

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo(), delimiter=";")

    def lines():
        yield "\ufeff" + writer.writerow(["code", "gemeente", "adres"])
        address = _answer_address()
        for code in answer_selectors.batch_codes(found):
            yield writer.writerow([rules.show_code(code), name, address])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="codes-{consultation.pk}-{found.pk}.csv"'
    return response


def _qr(url: str) -> str:
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, omitsize=True))  # noqa: S308 - segno output


@login_required
@require_safe
def codes_pdf(request, region, pk, batch):
    """One A4 letter per code (B1): what, why, until when, the web address, the code and a QR code that opens the
    code page with the code filled in. Large batches come in parts of LETTERS_PER_PDF letters (``?deel=2``)."""
    consultation = access.access_consultation(request, region, pk, check=permissions_answer.can_see_codes)
    found = answer_selectors.batch_in(consultation, batch)
    try:
        part = max(1, int(request.GET.get("deel", "1")))
    except ValueError:
        part = 1
    all_codes = answer_selectors.batch_codes(found)
    chosen = all_codes[(part - 1) * LETTERS_PER_PDF : part * LETTERS_PER_PDF]
    base = absolute_url("consultations:enter_code")
    pages = [{"code": rules.show_code(code), "qr": _qr(f"{base}?code={code}")} for code in chosen]
    pdf = render_pdf(
        "consultations/answer/letters_pdf.html",
        {
            "consultation": consultation,
            "region": consultation.region,
            "municipality": found.municipality,
            "pages": pages,
            "answer_address": _answer_address(),
            "closes_on": timezone.localtime(consultation.closes_at),
            "owner": consultation.body.name if consultation.body_id else consultation.region.name,
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    suffix = f"-deel-{part}" if len(all_codes) > LETTERS_PER_PDF else ""
    response["Content-Disposition"] = f'attachment; filename="brieven-{consultation.pk}-{found.pk}{suffix}.pdf"'
    return response


@login_required
@require_safe
def paper_form_pdf(request, region, pk):
    """The printable questionnaire: every section and question with boxes to tick or write in, and a box for the
    code from the letter."""
    consultation = access.access_consultation(request, region, pk, check=permissions_answer.can_print_paper_form)
    questionnaire = selectors.questionnaire(consultation)
    pdf = render_pdf(
        "consultations/answer/paper_form_pdf.html",
        {
            "consultation": consultation,
            "region": consultation.region,
            "sections": questionnaire.sections,
            "wording": Wording(),
            "closes_on": timezone.localtime(consultation.closes_at),
            "owner": consultation.body.name if consultation.body_id else consultation.region.name,
            "scale": range(1, 6),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="vragenlijst-{consultation.pk}.pdf"'
    return response
