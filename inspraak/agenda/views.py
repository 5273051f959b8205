"""The agenda of a meeting, its documents, publishing with invitations and letters, and members' replies. The public
agenda is in inspraak.publicmeetings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.agenda import permissions, present, selectors, services
from inspraak.agenda.access import access_body, access_document, access_meeting
from inspraak.agenda.forms import (
    ArrangeForm,
    DocumentForm,
    ItemForm,
    MeetingChoiceForm,
    RecordReplyForm,
    ReplyForm,
    TopicItemForm,
)
from inspraak.agenda.models import ItemSource
from inspraak.core import files, names, readability
from inspraak.core.breadcrumbs import body_trail
from inspraak.core.channels import Channel
from inspraak.core.documents import file_response, kind_for_content_type
from inspraak.core.errors import message_for
from inspraak.core.pages import form_page
from inspraak.core.readability import flash_readability
from inspraak.core.versioning import StaleEdit
from inspraak.letters import printing
from inspraak.letters import selectors as letter_selectors
from inspraak.letters.notices import told_message
from inspraak.meetings.models import MeetingStatus
from inspraak.meetings.permissions import can_see_online_link
from inspraak.regions import selectors as region_selectors

ERRORS = {
    "closed": gettext_lazy("Deze bijeenkomst is al gehouden of geannuleerd. De agenda verandert niet meer."),
    "empty": gettext_lazy("Vul een titel in."),
    "source": gettext_lazy("Kies wie dit wil bespreken."),
    "theme": gettext_lazy("Kies een thema uit de lijst."),
    "municipality": gettext_lazy("Kies welke gemeente dit vraagt."),
    "topic": gettext_lazy("Dit onderwerp kan niet (meer) op deze agenda."),
    "topic_has_item": gettext_lazy("Dit onderwerp staat al als punt op een agenda."),
    "request": gettext_lazy(
        "Deze adviesaanvraag kan niet op deze agenda: hij is niet meer open of is voor een andere groep."
    ),
    "request_on_agenda": gettext_lazy("Deze adviesaanvraag staat al op de agenda van deze bijeenkomst."),
    "file_or_text": gettext_lazy("Kies een bestand, of schrijf de tekst."),
    "summary": gettext_lazy("Schrijf een korte samenvatting voor de leden."),
    "too_large": gettext_lazy("Dit bestand is te groot. Het mag hoogstens 10 MB zijn."),
    "storage": files.STORE_FAILED,
    "file_type": gettext_lazy("Dit soort bestand kan niet."),
    "not_planned": gettext_lazy("De agenda is al gepubliceerd, of de bijeenkomst is voorbij of geannuleerd."),
    "no_items": gettext_lazy("Zet eerst minstens één punt op de agenda."),
    "not_published": gettext_lazy("Publiceer eerst de agenda."),
    "cancelled": gettext_lazy("Deze bijeenkomst gaat niet door. U hoeft niet te antwoorden."),
    "held": gettext_lazy("Deze bijeenkomst is al geweest. U kunt niet meer antwoorden."),
    "answer": gettext_lazy("Kies of u komt."),
    "channel": gettext_lazy("Kies hoe het lid dit doorgaf: telefoon, brief of persoonlijk."),
    "not_member": gettext_lazy("Dit is geen lid van deze groep. Voor hem of haar kunt u geen antwoord vastleggen."),
    "no_needs": gettext_lazy("Dit lid heeft niets nodig om te komen. Er is niets te regelen."),
    "arranged_note": gettext_lazy("Schrijf wat er geregeld is. Het lid leest dit."),
    "direction": gettext_lazy("Deze stap kan niet."),
    "client_named": gettext_lazy(
        "De agenda is openbaar, maar deze tekst noemt een cliënt die niet met naam openbaar genoemd wil worden. "
        "Publiceren of opslaan kan pas als de naam weg is."
    ),
}


def _error(error: services.AgendaError) -> str:
    return message_for(error, ERRORS)


def _bound(request, *, files: bool = False):
    """Form data of a POST (also an empty one, so a form without any choice shows its messages), else None."""
    if request.method != "POST":
        return (None, None) if files else None
    return (request.POST, request.FILES) if files else request.POST


def _agenda_url(meeting) -> str:
    return reverse("agenda:agenda", args=[meeting.body.region.slug, meeting.body.slug, meeting.pk])


def _crumbs(meeting, *steps: tuple[str, str]) -> list[dict]:
    """Mijn overzicht › the body › Bijeenkomsten › the meeting › Agenda › ``steps``."""
    body = meeting.body
    return body_trail(
        body,
        (_("Bijeenkomsten"), reverse("meetings:year_plan", args=[body.region.slug, body.slug])),
        (str(meeting), meeting.get_absolute_url()),
        (_("Agenda"), _agenda_url(meeting)),
        *steps,
    )


def _form_page(request, meeting, form, *, title, submit, crumb="", **options):
    """The core form page with the agenda's breadcrumbs and a way back to the agenda."""
    return form_page(
        request,
        form,
        title=title,
        submit=submit,
        breadcrumbs=_crumbs(meeting, (crumb or title, "")),
        back_url=_agenda_url(meeting),
        back_label=_("Terug naar de agenda"),
        body=meeting.body,
        region=meeting.body.region,
        meeting=meeting,
        **options,
    )


def _confirm_page(request, meeting, *, title, question, submit, crumb, note=""):
    """Ask before a step that cannot be undone from this page; the button posts to the same address."""
    return render(
        request,
        "agenda/confirm.html",
        {
            "body": meeting.body,
            "region": meeting.body.region,
            "title": title,
            "question": question,
            "note": note,
            "submit": submit,
            "back_url": _agenda_url(meeting),
            "breadcrumbs": _crumbs(meeting, (crumb, "")),
        },
    )


# ---------------------------------------------------------------- the agenda page


@login_required
@require_safe
def agenda(request, region, body, meeting):
    meeting = access_meeting(request, region, body, meeting)
    body = meeting.body
    user = request.user
    can_edit = permissions.can_edit_agenda(user, body)
    documents = "all" if permissions.can_view_staff_documents(user, body) else "members"
    can_reply = permissions.can_reply(user, body)
    agenda = selectors.meeting_agenda(meeting, documents=documents, with_timeliness=can_edit)
    can_change = permissions.can_change_agenda(user, meeting)
    csrf = get_token(request) if can_change else ""
    items_html = present.agenda_items(agenda["items"], meeting, can_manage=can_edit, can_edit=can_change, csrf=csrf)
    return render(
        request,
        "agenda/agenda.html",
        {
            "body": body,
            "region": body.region,
            "meeting": meeting,
            **agenda,
            "items_html": items_html,
            "can_edit": can_change,
            "can_manage": can_edit,
            "can_publish": permissions.can_publish_agenda(user, meeting),
            "is_published": meeting.status in permissions.PUBLISHED_STATUSES,
            "is_open": meeting.status in permissions.OPEN_STATUSES,
            "invited": selectors.invitation_counts(meeting) if can_edit else None,
            "can_print_letters": permissions.can_print_letters(user, body),
            # The body's post queue (letters app): every letter waiting, not only this meeting's.
            "letters_pending": letter_selectors.pending_count(body) if can_edit else 0,
            "can_reply": can_reply,
            "reply": selectors.own_reply(meeting, user) if can_reply else None,
            "show_online_link": can_see_online_link(user, body),
            "days_before": body.documents_days_before,
            "breadcrumbs": _crumbs(meeting),
        },
    )


# ---------------------------------------------------------------- items


def _closed(request, meeting):
    """Back to the agenda of a meeting that was held or cancelled: its agenda no longer changes."""
    messages.error(request, ERRORS["closed"])
    return redirect(_agenda_url(meeting))


def _save_item(request, meeting, form, save, *, done: str, error_field: str | None = None):
    """Run ``save(cleaned_data)`` for a valid POST: a redirect to the agenda with the readability of the summary,
    or None (the form then holds the message)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        item = save(form.cleaned_data)
    except services.AgendaError as exc:
        form.add_error(error_field, _error(exc))
        return None
    except StaleEdit as stale:
        form.mark_stale(stale, _item_initial(stale.current) if stale.current else None)
        return None
    told = getattr(item, "told", None)  # an item added to a published agenda: the members were told
    messages.success(request, f"{done} {told_message(told)}" if told is not None else done)
    flash_readability(request, _("de uitleg"), item.summary_readability)
    return redirect(_agenda_url(meeting))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_new(request, region, body, meeting):
    meeting = access_meeting(request, region, body, meeting, permissions.can_edit_agenda)
    if not permissions.can_change_agenda(request.user, meeting):
        return _closed(request, meeting)
    form = ItemForm(_bound(request), municipalities=selectors.region_municipalities(meeting.body))
    saved = _save_item(
        request,
        meeting,
        form,
        lambda data: services.item_add(meeting=meeting, by=request.user, **data),
        done=_("Het punt staat op de agenda."),
    )
    return saved or _form_page(request, meeting, form, title=_("Agendapunt toevoegen"), submit=_("Toevoegen"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_topic(request, region, body, meeting):
    """Add a member's topic: one already put on this meeting, or an open one (put on this meeting in the same
    step)."""
    meeting = access_meeting(request, region, body, meeting, permissions.can_edit_agenda)
    if not permissions.can_change_agenda(request.user, meeting):
        return _closed(request, meeting)
    form = TopicItemForm(_bound(request), topics=selectors.topics_for_agenda(meeting))
    saved = _save_item(
        request,
        meeting,
        form,
        lambda data: services.item_add_topic(meeting=meeting, by=request.user, **data),
        done=_("Het onderwerp staat op de agenda. Het lid krijgt bericht."),
        error_field="topic",
    )
    return saved or _form_page(
        request,
        meeting,
        form,
        title=_("Onderwerp van een lid op de agenda"),
        intro=_("Een open onderwerp komt met deze stap op deze bijeenkomst. Het lid ziet dat op de eigen pagina."),
        submit=_("Op de agenda zetten"),
        crumb=_("Onderwerp"),
        template="agenda/topic_item_form.html",
        no_topics=not form.fields["topic"].queryset.exists() if request.method != "POST" else False,
    )


def _item_initial(item) -> dict:
    return {
        "title": item.title,
        "source": item.source,
        "requested_by_municipality": item.requested_by_municipality_id,
        "summary": item.summary,
        "starts_at": item.starts_at,
        "presenter": item.presenter,
        "theme": item.theme,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_edit(request, region, body, meeting, pk):
    meeting = access_meeting(request, region, body, meeting, permissions.can_edit_agenda)
    if not permissions.can_change_agenda(request.user, meeting):
        return _closed(request, meeting)
    item = selectors.item_in(meeting, pk)
    fixed = item.source if item.source in (ItemSource.TOPIC, ItemSource.ADVICE_REQUEST) else None
    form = ItemForm(
        _bound(request),
        initial=_item_initial(item),
        municipalities=selectors.region_municipalities(meeting.body),
        fixed_source=fixed,
        version=item.version,
    )

    def save(data):
        if fixed == ItemSource.ADVICE_REQUEST:
            data.pop("requested_by_municipality", None)
        return services.item_update(item=item, by=request.user, version=form.posted_version, **data)

    saved = _save_item(request, meeting, form, save, done=_("Het agendapunt is aangepast."))
    return saved or _form_page(
        request, meeting, form, title=_("Agendapunt aanpassen"), submit=_("Opslaan"), crumb=item.title
    )


@login_required
@require_POST
def item_move(request, region, body, meeting, pk):
    meeting = access_meeting(request, region, body, meeting, permissions.can_edit_agenda)
    if not permissions.can_change_agenda(request.user, meeting):
        return _closed(request, meeting)
    item = selectors.item_in(meeting, pk)
    direction = request.POST.get("richting", "")
    try:
        services.item_move(item=item, direction=direction, by=request.user)
    except services.AgendaError as exc:
        messages.error(request, ERRORS[exc.code])
    return redirect(f"{_agenda_url(meeting)}#punt-{item.pk}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_remove(request, region, body, meeting, pk):
    meeting = access_meeting(request, region, body, meeting, permissions.can_edit_agenda)
    if not permissions.can_change_agenda(request.user, meeting):
        return _closed(request, meeting)
    item = selectors.item_in(meeting, pk)
    if request.method == "POST":
        told = services.item_remove(item=item, by=request.user)
        done = _("Het punt is van de agenda gehaald.")
        messages.success(request, f"{done} {told_message(told)}" if told is not None else done)
        return redirect(_agenda_url(meeting))
    return _confirm_page(
        request,
        meeting,
        title=_("Punt van de agenda halen"),
        question=_("Wilt u “%(title)s” van de agenda halen? De stukken bij dit punt worden ook verwijderd.")
        % {"title": item.title},
        note=_("Het onderwerp blijft bij deze bijeenkomst staan. U kunt het later weer toevoegen.")
        if item.topic_id
        else "",
        submit=_("Van de agenda halen"),
        crumb=_("Verwijderen"),
    )


# ---------------------------------------------------------------- documents


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_new(request, region, body, meeting, pk):
    meeting = access_meeting(request, region, body, meeting, permissions.can_edit_agenda)
    if not permissions.can_change_agenda(request.user, meeting):
        return _closed(request, meeting)
    item = selectors.item_in(meeting, pk)
    form = DocumentForm(*_bound(request, files=True))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_add(
                item=item,
                title=data["title"],
                data=form.data_bytes,
                page_text="" if form.data_bytes else data["page_text"],
                summary=data["summary"],
                for_members=data["for_members"],
                public=data["public"],
                by=request.user,
            )
        except services.AgendaError as exc:
            file_codes = ("too_large", "file_type", "file_or_text", "storage")
            form.add_error("file" if exc.code in file_codes else None, _error(exc))
        else:
            timely = selectors.timeliness(document, meeting, meeting.body)
            messages.success(request, _("Het stuk is toegevoegd."))
            if not timely.on_time:
                messages.warning(
                    request,
                    _(
                        "Dit stuk is %(days)s dag(en) te laat: de leden moeten de stukken %(n)s dagen voor de "
                        "bijeenkomst hebben."
                    )
                    % {"days": timely.days_late, "n": meeting.body.documents_days_before},
                )
            flash_readability(request, _("de samenvatting"), document.summary_readability)
            return redirect(f"{_agenda_url(meeting)}#punt-{item.pk}")
    return _form_page(
        request,
        meeting,
        form,
        title=_("Stuk toevoegen bij “%(title)s”") % {"title": item.title},
        submit=_("Toevoegen"),
        crumb=_("Stuk toevoegen"),
        multipart=True,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_remove(request, region, body, pk):
    document = access_document(request, region, body, pk)
    meeting = document.item.meeting
    if not permissions.can_change_agenda(request.user, meeting):
        return _closed(request, meeting)
    if request.method == "POST":
        services.document_remove(document=document, by=request.user)
        messages.success(request, _("Het stuk is verwijderd."))
        return redirect(_agenda_url(meeting))
    return _confirm_page(
        request,
        meeting,
        title=_("Stuk verwijderen"),
        question=_("Wilt u het stuk “%(title)s” verwijderen?") % {"title": document.title},
        submit=_("Verwijderen"),
        crumb=_("Stuk verwijderen"),
    )


@require_safe
def document(request, region, body, pk):
    """A document, only for those allowed. Public documents of a published agenda are open to everyone. A visitor
    who is not logged in is asked to log in for any other number, also one that does not exist (guessing numbers
    reveals nothing); a logged-in person outside the region gets a 404."""
    public_body = region_selectors.body_by_slugs(region, body)
    try:
        document = selectors.document_in(public_body, pk)
    except Http404:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    meeting = document.item.meeting
    if not permissions.is_public_document(document, meeting):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        scoped = region_selectors.body_for_user(request.user, region, body)
        if not permissions.can_view_document(request.user, document, meeting, scoped):
            raise PermissionDenied
    if document.file:
        kind = kind_for_content_type(document.content_type)
        if kind is None:
            raise Http404
        return file_response(
            request,
            document.file,
            kind=kind,
            filename=f"stuk-{document.pk}.{kind.extension}",
            private=not permissions.is_public_document(document, meeting),
        )
    response = render(
        request,
        "agenda/document_page.html",
        {
            "body": public_body,
            "region": public_body.region,
            "meeting": meeting,
            "document": document,
            "readability": readability.from_score(document.summary_readability),
            "back_url": _agenda_url(meeting)
            if permissions.can_view_agenda(request.user, public_body)
            else reverse("publicmeetings:agenda", args=[public_body.region.slug, public_body.slug, meeting.pk]),
        },
    )
    response["Content-Disposition"] = f'inline; filename="stuk-{document.pk}.html"'
    if not permissions.is_public_document(document, meeting):
        patch_cache_control(response, private=True, no_store=True)
    return response


# ---------------------------------------------------------------- publishing, invitations and letters


def _published_message(emails: int, letters: int) -> str:
    """ "1 lid krijgt …", "3 leden krijgen …": each count with its own plural form."""
    return " ".join(
        (
            _("De agenda is gepubliceerd."),
            ngettext(
                "%(count)s lid krijgt een uitnodiging per e-mail.",
                "%(count)s leden krijgen een uitnodiging per e-mail.",
                emails,
            )
            % {"count": emails},
            ngettext(
                "%(count)s lid krijgt een brief: druk die hieronder af.",
                "%(count)s leden krijgen een brief: druk die hieronder af.",
                letters,
            )
            % {"count": letters},
        )
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request, region, body, meeting):
    meeting = access_meeting(request, region, body, meeting, permissions.can_edit_agenda)
    if not permissions.can_publish_agenda(request.user, meeting):
        messages.error(request, ERRORS["not_planned"])
        return redirect(_agenda_url(meeting))
    if request.method == "POST":
        try:
            invited = services.agenda_publish(meeting=meeting, by=request.user)
        except services.AgendaError as exc:
            messages.error(request, _error(exc))
        else:
            messages.success(
                request,
                _published_message(invited.emails, invited.letters),
            )
        return redirect(_agenda_url(meeting))
    found = selectors.names_in_public_agenda(meeting)
    if found:  # warn before publishing; the service refuses while the names are there
        messages.warning(request, names.named_message(found, ERRORS["client_named"]))
    return _confirm_page(
        request,
        meeting,
        title=_("Agenda publiceren"),
        question=_(
            "Na het publiceren krijgen de leden een uitnodiging: per e-mail met een agenda-afspraak (.ics), of "
            "per brief als zij geen e-mail hebben. Openbare stukken zijn dan voor iedereen te lezen."
        ),
        note=_("U kunt daarna nog punten en stukken toevoegen."),
        submit=_("Publiceren en uitnodigen"),
        crumb=_("Publiceren"),
    )


@login_required
@require_POST
def invite(request, region, body, meeting):
    """Invite members who joined after the agenda was published (each member is invited once)."""
    meeting = access_meeting(request, region, body, meeting, permissions.can_edit_agenda)
    try:
        invited = services.invitations_send(meeting=meeting, by=request.user)
    except services.AgendaError as exc:
        messages.error(request, ERRORS[exc.code])
    else:
        if invited.emails or invited.letters:
            messages.success(
                request,
                _("Uitgenodigd: %(emails)s per e-mail, %(letters)s per brief.")
                % {"emails": invited.emails, "letters": invited.letters},
            )
        else:
            messages.info(request, _("Alle leden zijn al uitgenodigd."))
    return redirect(_agenda_url(meeting))


@login_required
@require_POST
def invitations_retry(request, region, body, meeting):
    """Try the invitation emails that did not arrive again."""
    meeting = access_meeting(request, region, body, meeting, permissions.can_edit_agenda)
    if services.invitations_retry(meeting=meeting, by=request.user):
        messages.success(request, _("De uitnodigingen die niet aankwamen, worden opnieuw verstuurd."))
    else:
        messages.info(request, _("Alle uitnodigingen zijn aangekomen of nog onderweg."))
    return redirect(_agenda_url(meeting))


@login_required
@require_POST
def letters(request, region, body, meeting):
    """Print this meeting's invitation letters from the body's post queue as one batch (ADR 21), as a PDF. Members
    who never logged in get a new login code on it, once per meeting: printing again keeps the codes already posted
    working. When nothing waits, the post page shows the earlier batches to print again."""
    meeting = access_meeting(request, region, body, meeting, permissions.can_print_letters)
    if meeting.status not in permissions.PUBLISHED_STATUSES:
        messages.error(request, ERRORS["not_published"])
        return redirect(_agenda_url(meeting))
    printed = services.letters_print(meeting=meeting, by=request.user)
    if not printed:
        messages.info(
            request,
            _(
                "Er wachten geen uitnodigingen om te printen. Eerder afgedrukte brieven kunt u hier opnieuw "
                "printen, bij Eerder afgedrukt."
            ),
        )
        return redirect("letters:body", meeting.body.region.slug, meeting.body.slug)
    from inspraak.core.pdf import render_pdf  # WeasyPrint takes a second to import: only when needed

    batch = printed[0].letter.batch
    codes = {letter.letter.pk: letter.code for letter in printed if letter.code}
    pdf = render_pdf("letters/letters_pdf.html", printing.pdf_context(batch, login_codes=codes), request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="uitnodigingen-{meeting.pk}.pdf"'
    patch_cache_control(response, no_store=True)
    return response


# ---------------------------------------------------------------- replies


def _reply_closed(meeting) -> str:
    """Why replies cannot be given or changed any more, or ""."""
    if meeting.status == MeetingStatus.CANCELLED:
        return str(ERRORS["cancelled"])
    if not permissions.reply_open(meeting, now=timezone.now()):
        return str(ERRORS["held"])
    return ""


def _reply_initial(existing) -> dict:
    if existing is None:
        return {}
    initial = {name: getattr(existing, name) for name in ("answer", *services.NEEDS)}
    if existing.channel != Channel.ONLINE:
        initial["channel"] = existing.channel
    return initial


def _replies_url(meeting) -> str:
    return reverse("agenda:replies", args=[meeting.body.region.slug, meeting.body.slug, meeting.pk])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reply(request, region, body, meeting):
    meeting = access_meeting(request, region, body, meeting, permissions.can_reply)
    existing = selectors.own_reply(meeting, request.user)
    initial = {name: getattr(existing, name) for name in ("answer", *services.NEEDS)} if existing else {}
    closed = _reply_closed(meeting)
    form = ReplyForm(_bound(request), initial=initial)
    if request.method == "POST" and closed:
        messages.error(request, closed)
    elif request.method == "POST" and form.is_valid():
        try:
            services.reply_save(meeting=meeting, user=request.user, **form.cleaned_data)
        except services.AgendaError as exc:
            form.add_error(None, ERRORS[exc.code])
        else:
            messages.success(request, _("Dank u wel. Uw antwoord is bewaard. U kunt het altijd nog veranderen."))
            return redirect(reverse("agenda:reply", args=[meeting.body.region.slug, meeting.body.slug, meeting.pk]))
    return render(
        request,
        "agenda/reply.html",
        {
            "body": meeting.body,
            "region": meeting.body.region,
            "meeting": meeting,
            "form": form,
            "reply": existing,
            "closed": closed,
            "show_online_link": can_see_online_link(request.user, meeting.body),
            "breadcrumbs": _crumbs(meeting, (_("Komt u?"), "")),
        },
    )


@login_required
@require_safe
def replies(request, region, body, meeting):
    meeting = access_meeting(request, region, body, meeting, permissions.can_view_replies)
    with_names = permissions.can_see_reply_names(request.user, meeting.body)
    return render(
        request,
        "agenda/replies.html",
        {
            "body": meeting.body,
            "region": meeting.body.region,
            "meeting": meeting,
            "with_names": with_names,
            "can_record": permissions.can_record_reply(request.user, meeting, now=timezone.now()),
            **selectors.reply_overview(meeting, with_names=with_names),
            "breadcrumbs": _crumbs(meeting, (_("Antwoorden"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reply_record(request, region, body, meeting, member):
    """The secretary or facilitator records the reply and needs a member gave by phone, on paper or in person."""
    meeting = access_meeting(request, region, body, meeting, permissions.can_record_replies)
    person = selectors.member_in(meeting, member)
    closed = _reply_closed(meeting)
    form = RecordReplyForm(_bound(request), initial=_reply_initial(person.reply))
    if request.method == "POST" and closed:
        messages.error(request, closed)
    elif request.method == "POST" and form.is_valid():
        try:
            services.reply_record(meeting=meeting, member=person, by=request.user, **form.cleaned_data)
        except services.AgendaError as exc:
            form.add_error(None, ERRORS[exc.code])
        else:
            messages.success(request, _("Het antwoord van %(name)s is vastgelegd.") % {"name": person.name})
            return redirect(_replies_url(meeting))
    return render(
        request,
        "agenda/reply_record.html",
        {
            "body": meeting.body,
            "region": meeting.body.region,
            "meeting": meeting,
            "person": person,
            "reply": person.reply,
            "form": form,
            "closed": closed,
            "breadcrumbs": _crumbs(meeting, (_("Antwoorden"), _replies_url(meeting)), (person.name, "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reply_arrange(request, region, body, meeting, pk):
    """Mark the needs of a reply "geregeld", with what was arranged; the member gets an email or a letter."""
    meeting = access_meeting(request, region, body, meeting, permissions.can_record_replies)
    reply = selectors.reply_in(meeting, pk)
    closed = _reply_closed(meeting) or ("" if reply.has_needs else str(ERRORS["no_needs"]))
    form = ArrangeForm(_bound(request), initial={"note": reply.arranged_note})
    if request.method == "POST" and closed:
        messages.error(request, closed)
    elif request.method == "POST" and form.is_valid():
        try:
            how = services.reply_arrange(reply=reply, note=form.cleaned_data["note"], by=request.user)
        except services.AgendaError as exc:
            form.add_error(None, ERRORS[exc.code])
        else:
            name = {"name": reply.user.name}
            if how == "email":
                messages.success(request, _("Opgeslagen als geregeld. %(name)s krijgt een e-mail.") % name)
            else:
                messages.success(
                    request,
                    _("Opgeslagen als geregeld. De brief voor %(name)s staat klaar om te printen.") % name,
                )
            return redirect(_replies_url(meeting))
    return render(
        request,
        "agenda/reply_arrange.html",
        {
            "body": meeting.body,
            "region": meeting.body.region,
            "meeting": meeting,
            "reply": reply,
            "form": form,
            "closed": closed,
            "breadcrumbs": _crumbs(meeting, (_("Antwoorden"), _replies_url(meeting)), (reply.user.name, "")),
        },
    )


# ---------------------------------------------------------------- advice request → agenda


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def from_request(request, region, body, pk):
    """Put an advice request to this body on a meeting's agenda in one action."""
    body = access_body(request, region, body)
    advice_request = selectors.advice_request_for(body, pk)
    on = selectors.advice_request_meetings(advice_request)
    form = MeetingChoiceForm(_bound(request), meetings=selectors.open_meetings(body).exclude(pk__in=on))
    if request.method == "POST" and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        meeting.body = body
        try:
            item = services.agenda_item_from_request(request=advice_request, meeting=meeting, by=request.user)
        except services.AgendaError as exc:
            form.add_error("meeting", ERRORS[exc.code])
        else:
            done = _("De adviesaanvraag staat op de agenda. Schrijf er nog een korte uitleg bij.")
            messages.success(request, f"{done} {told_message(item.told)}" if item.told is not None else done)
            return redirect(_agenda_url(meeting))
    return render(
        request,
        "agenda/from_request.html",
        {
            "body": body,
            "region": body.region,
            "form": form,
            "advice_request": advice_request,
            "breadcrumbs": body_trail(body, (_("Adviesaanvraag op de agenda"), "")),
        },
    )
