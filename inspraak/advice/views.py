"""The body's side of the advice cycle: the requests to the body, declining one, drafting advice with numbered
recommendations (optimistic locking), comments, adopting, sending, the PDF, and the follow-up on the response."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.advice import permissions, selectors, services
from inspraak.advice.access import access_body_advice, access_body_request
from inspraak.advice.forms import (
    AdoptForm,
    AdviceForm,
    AttachmentForm,
    CommentForm,
    DeclineForm,
    FollowUpForm,
    NewAdviceForm,
)
from inspraak.advice.models import AdviceStatus
from inspraak.core import files, names
from inspraak.core.breadcrumbs import body_trail
from inspraak.core.documents import PDF, file_response
from inspraak.core.errors import message_for
from inspraak.core.forms import stale_form
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit
from inspraak.letters.notices import told_message
from inspraak.policy import rules as policy_rules
from inspraak.regions.access import body_from_url as _body

# What a refused step means, in plain Dutch (services.AdviceError.code -> message).
ERRORS = {
    "reason": gettext_lazy("Schrijf waarom de groep geen advies geeft."),
    "request_closed": gettext_lazy("Deze adviesaanvraag is niet meer open. Er kan niets meer mee gebeuren."),
    "has_advice": gettext_lazy("Er is al een advies voor deze aanvraag. Afzien van advies kan dan niet meer."),
    "duplicate": gettext_lazy("Er is al een advies voor deze aanvraag. U ziet het hieronder; werk daarin verder."),
    "subject": gettext_lazy("Schrijf waar het advies over gaat."),
    "not_draft": gettext_lazy("Dit advies is al vastgesteld. Het concept kan niet meer veranderen."),
    "stale": gettext_lazy(
        "Iemand anders heeft dit concept net opgeslagen. Uw tekst is nog niet opgeslagen: hij staat hieronder nog. "
        "Kijk onder het formulier wat er nu is opgeslagen, pas uw tekst zo nodig aan en sla dan opnieuw op."
    ),
    "no_content": gettext_lazy("Het advies is nog leeg. Schrijf eerst een toelichting of een aanbeveling."),
    "future": gettext_lazy("Deze datum ligt in de toekomst. Vul de dag in waarop het gebeurde."),
    "how": gettext_lazy("Kies hoe de groep het advies vaststelde."),
    "already_sent": gettext_lazy("Dit advies is al verzonden. Het is niet nog een keer verstuurd."),
    "not_adopted": gettext_lazy("Dit advies is nog niet vastgesteld. Stel het eerst vast, en verstuur het dan."),
    "sent": gettext_lazy("Dit advies is al verzonden. De PDF kan niet meer veranderen."),
    "empty": gettext_lazy("Er is niets ingevuld."),
    "too_large": gettext_lazy("Dit bestand is te groot. Het mag hoogstens 10 MB zijn."),
    "not_pdf": gettext_lazy("Dit is geen PDF-bestand. Kies een PDF."),
    "storage": files.STORE_FAILED,
    "no_response": gettext_lazy("Er is nog geen reactie op dit advies. Daarna kan de groep reageren."),
    "follow_up_done": gettext_lazy("De groep heeft al gereageerd. Dat kan maar één keer."),
    "client_named": gettext_lazy(
        "Deze tekst wordt openbaar, maar noemt een cliënt die niet met naam openbaar genoemd wil worden. "
        "Vaststellen, versturen of opslaan kan pas als de naam weg is."
    ),
}


def _requests_url(body) -> str:
    return reverse("advice:requests", args=[body.region.slug, body.slug])


def _request_url(advice_request) -> str:
    body = advice_request.body
    return reverse("advice:request_detail", args=[body.region.slug, body.slug, advice_request.pk])


def _list_url(body) -> str:
    return reverse("advice:list", args=[body.region.slug, body.slug])


def _advice_url(advice) -> str:
    return reverse("advice:detail", args=[advice.body.region.slug, advice.body.slug, advice.pk])


def _request_crumbs(advice_request, *more):
    body = advice_request.body
    return body_trail(
        body,
        (_("Adviesaanvragen"), _requests_url(body)),
        (advice_request.proposal.title, _request_url(advice_request)),
        *more,
    )


def _advice_crumbs(advice, *more):
    body = advice.body
    return body_trail(body, (_("Adviezen"), _list_url(body)), (advice.subject, _advice_url(advice)), *more)


def _document_url(body, advice_request, document) -> str:
    """The permission-checked download of a request document (the same one the officer uses)."""
    return reverse("advice:request_document", args=[body.region.slug, advice_request.pk, document.pk])


def _error(error: services.AdviceError) -> str:
    return message_for(error, ERRORS)


def _attempt(request, step, success: str, *, form=None, field: str | None = None) -> bool | None:
    """Run one service step; say in plain Dutch whether it worked (a refused step never raises to the page).

    With a ``form``: a text that names a client gets the message next to ``field`` and None is returned, so the
    caller shows the form again with the typed text kept.
    """
    try:
        step()
    except services.AdviceError as error:
        if form is not None and error.code == "client_named":
            form.add_error(field, _error(error))
            return None
        messages.error(request, _error(error))
        return False
    messages.success(request, success)
    return True


def _warn_names(request, advice) -> None:
    """Before the advice becomes public: say which words name a client who did not agree (publishing is refused)."""
    found = selectors.names_in_public_text(advice)
    if found:
        messages.warning(request, names.named_message(found, ERRORS["client_named"]))


def _form_page(request, form, *, body, crumbs: list[dict], drafting: bool = False, **options):
    """The shared form page; a draft's form (``drafting``) adds the "one more recommendation" button and, after a
    refused stale save, what is stored now (``current``)."""
    template = "advice/draft_form.html" if drafting else "includes/form_page.html"
    return form_page(request, form, breadcrumbs=crumbs, template=template, body=body, region=body.region, **options)


# ---------------------------------------------------------------- requests to the body


@login_required
@require_safe
def requests(request, region, body):
    body = _body(request, region, body, permissions.can_view_body_advice)
    return render(
        request,
        "advice/request_list.html",
        {
            "region": body.region,
            "body": body,
            # 25 a page: ?na= continues the open requests, ?eerder= the earlier ones (each after the last shown).
            **selectors.body_requests(
                body, open_after=request.GET.get("na", ""), closed_after=request.GET.get("eerder", "")
            ),
            "can_work": permissions.can_work_on_advice(request.user, body),
            "breadcrumbs": body_trail(body, (_("Adviesaanvragen"), "")),
        },
    )


@login_required
@require_safe
def request_detail(request, region, body, pk):
    advice_request = access_body_request(request, region, body, pk, permissions.can_view_body_advice)
    body = advice_request.body
    documents = selectors.request_documents(advice_request)
    for document in documents:
        document.url = _document_url(body, advice_request, document)
    return render(
        request,
        "advice/request_detail.html",
        {
            "region": body.region,
            "body": body,
            "req": advice_request,
            "proposal": advice_request.proposal,
            "documents": documents,
            "can_work": permissions.can_work_on_advice(request.user, body),
            "can_answer_request": permissions.can_answer_request(request.user, advice_request),
            "breadcrumbs": body_trail(
                body, (_("Adviesaanvragen"), _requests_url(body)), (advice_request.proposal.title, "")
            ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_decline(request, region, body, pk):
    advice_request = access_body_request(request, region, body, pk, permissions.can_work_on_advice)
    body = advice_request.body
    if not permissions.can_answer_request(request.user, advice_request):
        messages.error(request, ERRORS["has_advice" if advice_request.answer is not None else "request_closed"])
        return redirect(_request_url(advice_request))
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            request,
            lambda: services.request_decline(
                request=advice_request, by=request.user, reason=form.cleaned_data["reason"]
            ),
            _("Vastgelegd: de groep ziet af van advies. De contactpersoon krijgt bericht."),
            form=form,
            field="reason",
        )
        if done is not None:
            return redirect(_request_url(advice_request))
    return _form_page(
        request,
        form,
        body=body,
        title=_("Afzien van advies"),
        intro=_("De groep geeft geen advies over „%(title)s”. Schrijf waarom.")
        % {"title": advice_request.proposal.title},
        submit=_("Afzien van advies"),
        crumbs=_request_crumbs(advice_request, (_("Afzien van advies"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_advice(request, region, body, pk):
    """Start the advice answering a request; the subject is prefilled from the proposal. One advice per request."""
    advice_request = access_body_request(request, region, body, pk, permissions.can_work_on_advice)
    body = advice_request.body
    if not permissions.can_answer_request(request.user, advice_request):
        if advice_request.answer is not None:
            messages.error(request, ERRORS["duplicate"])
            return redirect(_advice_url(advice_request.answer))
        messages.error(request, ERRORS["request_closed"])
        return redirect(_request_url(advice_request))
    if request.method == "POST" and "meer" in request.POST:
        form = AdviceForm.with_one_more(request.POST)
    else:
        form = AdviceForm(request.POST or None, initial={"subject": advice_request.proposal.title})
        if request.method == "POST" and form.is_valid():
            try:
                advice = services.advice_create(
                    body=body,
                    by=request.user,
                    request=advice_request,
                    **form.draft_fields(),
                )
            except services.AdviceError as error:
                messages.error(request, _error(error))
                return redirect(_request_url(advice_request))
            done = _("Het concept-advies is gemaakt. De leden kunnen er nu op reageren.")
            messages.success(request, f"{done} {told_message(advice.told)}")
            return redirect(_advice_url(advice))
    return _form_page(
        request,
        form,
        body=body,
        title=_("Advies schrijven"),
        intro=_("Dit advies is het antwoord op de adviesaanvraag over „%(title)s”.")
        % {"title": advice_request.proposal.title},
        submit=_("Concept opslaan"),
        drafting=True,
        crumbs=_request_crumbs(advice_request, (_("Advies schrijven"), "")),
    )


# ---------------------------------------------------------------- the body's advice


@login_required
@require_safe
def advice_list(request, region, body):
    body = _body(request, region, body, permissions.can_view_body_advice)
    return render(
        request,
        "advice/advice_list.html",
        {
            "region": body.region,
            "body": body,
            **selectors.body_advices(body),
            "can_work": permissions.can_work_on_advice(request.user, body),
            "breadcrumbs": body_trail(body, (_("Adviezen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def advice_new(request, region, body):
    """An unsolicited advice (ongevraagd), optionally about a proposal of the body's scope."""
    body = _body(request, region, body, permissions.can_work_on_advice)
    proposals = selectors.proposals_for_body(body)
    if request.method == "POST" and "meer" in request.POST:
        form = NewAdviceForm.with_one_more(request.POST, proposals=proposals)
    else:
        form = NewAdviceForm(request.POST or None, proposals=proposals)
        if request.method == "POST" and form.is_valid():
            advice = services.advice_create(
                body=body,
                by=request.user,
                proposal=form.cleaned_data["proposal"],
                **form.draft_fields(),
            )
            done = _("Het concept-advies is gemaakt. De leden kunnen er nu op reageren.")
            messages.success(request, f"{done} {told_message(advice.told)}")
            return redirect(_advice_url(advice))
    return _form_page(
        request,
        form,
        body=body,
        title=_("Ongevraagd advies schrijven"),
        intro=_("De groep geeft uit zichzelf advies, over een onderwerp dat de groep zelf kiest."),
        submit=_("Concept opslaan"),
        drafting=True,
        crumbs=body_trail(body, (_("Adviezen"), _list_url(body)), (_("Ongevraagd advies"), "")),
    )


def _detail_page(request, advice, *, comment_form=None, status=200):
    body = advice.body
    in_body = permissions.can_view_body_advice(request.user, body)
    can_work = permissions.can_work_on_advice(request.user, body)
    data = selectors.advice_page(advice, with_comments=in_body)
    can_comment = permissions.can_comment(request.user, advice)
    if can_comment and comment_form is None:
        comment_form = CommentForm()
    request_ = advice.request if advice.request_id else None
    proposal = advice.proposal if advice.proposal_id else (request_.proposal if request_ else None)
    return render(
        request,
        "advice/advice_detail.html",
        {
            "region": body.region,
            "body": body,
            "advice": advice,
            "req": request_,
            "proposal": proposal,
            **data,
            "in_body": in_body,
            "can_work": can_work,
            "can_edit_draft": permissions.can_edit_draft(request.user, advice),
            "can_adopt": permissions.can_adopt(request.user, advice),
            "can_send": permissions.can_send(request.user, advice),
            "can_add_attachment": permissions.can_add_attachment(request.user, advice),
            "comment_form": comment_form if can_comment else None,
            "is_draft": advice.status == AdviceStatus.DRAFT,
            "is_adopted": advice.status == AdviceStatus.ADOPTED,
            "is_sent": advice.status == AdviceStatus.SENT,
            "can_follow_up": permissions.can_follow_up(request.user, advice, responded=data["response"] is not None),
            "breadcrumbs": body_trail(body, (_("Adviezen"), _list_url(body) if in_body else ""), (advice.subject, ""))
            if in_body
            else body_trail(body, (advice.subject, "")),
        },
        status=status,
    )


@login_required
@require_safe
def advice_detail(request, region, body, pk):
    advice = access_body_advice(request, region, body, pk)
    return _detail_page(request, advice)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def advice_edit(request, region, body, pk):
    advice = access_body_advice(request, region, body, pk, permissions.can_work_on_advice)
    if not permissions.can_edit_draft(request.user, advice):
        messages.error(request, ERRORS["not_draft"])
        return redirect(_advice_url(advice))
    current = None
    if request.method == "POST" and "meer" in request.POST:
        form = AdviceForm.with_one_more(request.POST)
    elif request.method == "POST":
        form = AdviceForm(request.POST)
        if form.is_valid():
            try:
                services.advice_update(
                    advice=advice,
                    by=request.user,
                    version=form.cleaned_data["version"] or 0,
                    **form.draft_fields(),
                )
            except StaleEdit:
                # Keep what was typed; base the next save on the version now stored, and show that version.
                current = selectors.advice_in(advice.body, advice.pk)
                form = stale_form(AdviceForm, request.POST, version=current.version, message=ERRORS["stale"])
                current.recommendation_list = selectors.recommendation_texts(current)
            except services.AdviceError as error:
                messages.error(request, _error(error))
                return redirect(_advice_url(advice))
            else:
                messages.success(request, _("Het concept is opgeslagen."))
                return redirect(_advice_url(advice))
    else:
        form = AdviceForm.for_advice(advice, selectors.recommendation_texts(advice))
    return _form_page(
        request,
        form,
        body=advice.body,
        title=_("Concept-advies wijzigen"),
        intro=_("Maak een vak leeg om een aanbeveling weg te halen. Verander de plaats om de volgorde te veranderen."),
        submit=_("Concept opslaan"),
        drafting=True,
        crumbs=_advice_crumbs(advice, (_("Wijzigen"), "")),
        current=current,
    )


@login_required
@require_POST
def advice_comment(request, region, body, pk):
    advice = access_body_advice(request, region, body, pk, permissions.can_view_body_advice)
    if not permissions.can_comment(request.user, advice):
        messages.error(request, ERRORS["not_draft"])
        return redirect(_advice_url(advice))
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, advice, comment_form=form)
    _attempt(
        request,
        lambda: services.comment_add(advice=advice, by=request.user, text=form.cleaned_data["text"]),
        _("Uw opmerking staat bij het concept."),
    )
    return redirect(_advice_url(advice) + "#opmerkingen")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def advice_adopt(request, region, body, pk):
    advice = access_body_advice(request, region, body, pk, permissions.can_work_on_advice)
    if not permissions.can_adopt(request.user, advice):
        messages.error(request, ERRORS["not_draft"])
        return redirect(_advice_url(advice))
    form = AdoptForm(request.POST or None, initial={"adopted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_adopt(advice=advice, by=request.user, **form.cleaned_data)
        except services.AdviceError as error:
            if error.code in ("future", "how"):
                form.add_error("adopted_on" if error.code == "future" else "adopted_how", ERRORS[error.code])
            elif error.code == "client_named":
                form.add_error(None, _error(error))
            else:
                messages.error(request, _error(error))
                return redirect(_advice_url(advice))
        else:
            messages.success(request, _("Het advies is vastgesteld. U kunt het nu versturen."))
            return redirect(_advice_url(advice))
    else:
        _warn_names(request, advice)
    return _form_page(
        request,
        form,
        body=advice.body,
        title=_("Advies vaststellen"),
        intro=_("Na het vaststellen kan de tekst niet meer veranderen. Daarna verstuurt u het advies."),
        submit=_("Vaststellen"),
        crumbs=_advice_crumbs(advice, (_("Vaststellen"), "")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def advice_send(request, region, body, pk):
    advice = access_body_advice(request, region, body, pk, permissions.can_work_on_advice)
    if not permissions.can_send(request.user, advice):
        messages.error(request, ERRORS["already_sent" if advice.status == AdviceStatus.SENT else "not_adopted"])
        return redirect(_advice_url(advice))
    if request.method == "POST":
        _attempt(
            request,
            lambda: services.advice_send(advice=advice, by=request.user),
            _("Het advies is verzonden. De beleidsmedewerker krijgt bericht."),
        )
        return redirect(_advice_url(advice))
    _warn_names(request, advice)
    today = timezone.localdate()
    contact = advice.request.contact if advice.request_id else None
    return render(
        request,
        "advice/send.html",
        {
            "region": advice.body.region,
            "body": advice.body,
            "advice": advice,
            "to_contact": bool(contact and contact.is_active and contact.email),
            "due": policy_rules.response_due(today, advice.body.response_period_weeks),
            "breadcrumbs": _advice_crumbs(advice, (_("Versturen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attachment_upload(request, region, body, pk):
    advice = access_body_advice(request, region, body, pk, permissions.can_work_on_advice)
    if not permissions.can_add_attachment(request.user, advice):
        messages.error(request, ERRORS["sent"])
        return redirect(_advice_url(advice))
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_attach(advice=advice, by=request.user, data=form.data_bytes)
        except services.AdviceError as error:
            form.add_error("file", ERRORS[error.code])
        else:
            messages.success(request, _("De PDF staat bij het advies."))
            return redirect(_advice_url(advice))
    return _form_page(
        request,
        form,
        body=advice.body,
        title=_("Het advies als PDF toevoegen"),
        intro=_("Het advies is altijd ook als pagina te lezen. Een PDF is een extra."),
        submit=_("PDF toevoegen"),
        crumbs=_advice_crumbs(advice, (_("PDF toevoegen"), "")),
        multipart=True,
    )


@login_required
@require_safe
def attachment(request, region, body, pk):
    advice = access_body_advice(request, region, body, pk)
    if not advice.attachment:
        raise Http404
    return file_response(request, advice.attachment, kind=PDF, filename=f"advies-{advice.pk}.pdf")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def follow_up(request, region, body, pk):
    advice = access_body_advice(request, region, body, pk, permissions.can_work_on_advice)
    if not permissions.can_follow_up(request.user, advice, responded=selectors.has_response(advice)):
        messages.error(request, ERRORS["follow_up_done" if advice.follow_up else "no_response"])
        return redirect(_advice_url(advice))
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            request,
            lambda: services.follow_up_add(advice=advice, by=request.user, text=form.cleaned_data["text"]),
            _("De reactie van de groep staat bij het advies."),
            form=form,
            field="text",
        )
        if done is not None:
            return redirect(_advice_url(advice))
    return _form_page(
        request,
        form,
        body=advice.body,
        title=_("Reageren op de reactie"),
        intro=_("De groep kan één keer reageren op de reactie van het college of het bestuur."),
        submit=_("Reactie opslaan"),
        crumbs=_advice_crumbs(advice, (_("Reageren"), "")),
    )
