"""Topics from members (art. 47 d): submit, vote, and the supporters' handling with an answer for every topic."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.core.breadcrumbs import body_trail
from inspraak.core.channels import Channel
from inspraak.core.errors import message_for
from inspraak.core.links import url_filler
from inspraak.core.pages import form_page
from inspraak.core.readability import readability
from inspraak.topics import permissions, present, selectors, services
from inspraak.topics.access import access_body, access_topic
from inspraak.topics.forms import HandleForm, ThemeForm, TopicForm
from inspraak.topics.models import Theme, TopicStatus

ERRORS = {
    "not_open": gettext_lazy("Dit onderwerp staat niet meer open."),
    "no_votes_left": gettext_lazy("U hebt al 3 stemmen gegeven. Haal eerst een stem weg."),
    "already_voted": gettext_lazy("U hebt al op dit onderwerp gestemd."),
    "meeting": gettext_lazy("Kies een bijeenkomst van deze groep die nog moet komen."),
    "target": gettext_lazy("Kies een andere groep van deze regio."),
    "not_on_agenda": gettext_lazy("Dit onderwerp staat niet op een agenda."),
    "closed": gettext_lazy("Dit onderwerp is al afgehandeld."),
    "no_answer": gettext_lazy("Schrijf eerst het antwoord voor het lid."),
    "empty": gettext_lazy("Vul het onderwerp en de uitleg in."),
    "channel": gettext_lazy("Kies hoe het lid dit doorgaf: telefoon, brief of persoonlijk."),
    "client_named": gettext_lazy(
        "De agenda is openbaar, maar de titel van dit onderwerp noemt een cliënt die niet met naam openbaar genoemd "
        "wil worden. Zet het onderwerp via de agenda op de bijeenkomst, met een andere titel."
    ),
    "theme": gettext_lazy("Kies een thema uit de lijst."),
}


def _list_url(body) -> str:
    return reverse("topics:list", args=[body.region.slug, body.slug])


def _crumbs(body, *steps: tuple[str, str]) -> list[dict]:
    """Mijn overzicht › the body › Onderwerpen › ``steps``."""
    return body_trail(body, (_("Onderwerpen"), _list_url(body)), *steps)


# The query parameters of the topics page: a page number for each of its three lists.
OPEN_PAGE, MINE_PAGE, TABLE_PAGE = "pagina", "mijn", "tabel"


def _pager(page, *, key: str, state: dict, base: str, anchor: str, label: str) -> dict | None:
    """The "Vorige"/"Volgende" links of one list, which keep the rest of the page as it is (``state``: the filters
    and the other lists' pages) and jump to the list (``anchor``). None when everything fits on one page."""
    if page is None or not page.has_other_pages():
        return None

    def link(number: int) -> str:
        query = urlencode({k: v for k, v in {**state, key: number}.items() if v and v != 1})
        return f"{base}?{query}#{anchor}" if query else f"{base}#{anchor}"

    return {
        "label": label,
        "position": _("Pagina %(n)s van %(total)s") % {"n": page.number, "total": page.paginator.num_pages},
        "previous": link(page.previous_page_number()) if page.has_previous() else "",
        "next": link(page.next_page_number()) if page.has_next() else "",
    }


@login_required
@require_safe
def topic_list(request, region, body):
    """The topics page: for a member the open topics to vote on (paged, newest first) and their own topics (paged);
    for the supporters every topic, the most votes first (paged, filtered on status and theme). Each list has its
    own page number in the query string; the paging links keep the others and the filters."""
    body = access_body(request, region, body)
    base = _list_url(body)
    context = {"body": body, "region": body.region, "breadcrumbs": _crumbs(body)}
    can_vote = permissions.can_vote(request.user, body)
    status = theme = ""
    open_page = mine_page = table_page = None
    detail_url = url_filler("topics:detail", "pk", region=body.region.slug, body=body.slug)
    # Labels translated once per page, not per row (get_FOO_display() translates every choice for every row).
    status_labels = {value: str(label) for value, label in TopicStatus.choices}
    if can_vote or permissions.can_take_part(request.user, body):
        context.update(
            selectors.member_view(
                body,
                request.user,
                page=request.GET.get(OPEN_PAGE),
                mine_page=request.GET.get(MINE_PAGE),
                voting=can_vote,
            ),
            can_vote=can_vote,
        )
        open_page, mine_page = context.get("open_page"), context["mine_page"]
        vote_url = url_filler("topics:vote", "pk", region=body.region.slug, body=body.slug)
        for topic in [*context.get("open_topics", []), *context.get("my_votes", [])]:
            topic.vote_url = vote_url(topic.pk)
        for topic in context["mine"]:
            topic.url = detail_url(topic.pk)
            topic.status_label = status_labels[topic.status]
        context["mine_html"] = present.mine(context["mine"])
        if can_vote:
            token = get_token(request)
            context["my_votes_html"] = present.my_votes(context["my_votes"], open_page, token)
            context["open_html"] = present.open_cards(
                context["open_topics"], open_page, token, voted=context["voted"], votes_left=context["votes_left"]
            )
    if permissions.can_handle_topics(request.user, body):
        status = request.GET.get("status", "")
        status = status if status in TopicStatus.values else ""
        theme = request.GET.get("thema", "")
        theme = theme if theme in (*Theme.values, selectors.NO_THEME) else ""
        table_page = selectors.supporter_view(body, status=status, theme=theme, page=request.GET.get(TABLE_PAGE))
        entered_by = _("ingevoerd door %(name)s")
        theme_labels = {value: str(label) for value, label in Theme.choices}
        for topic in table_page:
            topic.url = detail_url(topic.pk)
            topic.status_label = status_labels[topic.status]
            topic.theme_label = theme_labels.get(topic.theme, "")
            if topic.on_behalf_of_id:
                topic.entered_by = entered_by % {"name": topic.submitted_by_name}
        context.update(
            handling=True,
            all_topics=table_page,
            table_html=present.table_rows(table_page),
            status=status,
            status_filters=[("", _("Alle")), *TopicStatus.choices],
            theme=theme,
            theme_filters=[("", _("Alle thema's")), *Theme.choices, (selectors.NO_THEME, _("Nog geen thema"))],
        )
    state = {
        "status": status,
        "thema": theme,
        OPEN_PAGE: open_page.number if open_page else None,
        MINE_PAGE: mine_page.number if mine_page else None,
        TABLE_PAGE: table_page.number if table_page else None,
    }
    pager = partial(_pager, state=state, base=base)
    context.update(
        open_pager=pager(open_page, key=OPEN_PAGE, anchor="stemmen", label=_("Pagina’s met onderwerpen om te kiezen")),
        mine_pager=pager(mine_page, key=MINE_PAGE, anchor="mijn", label=_("Pagina’s met uw eigen onderwerpen")),
        table_pager=pager(table_page, key=TABLE_PAGE, anchor="alle", label=_("Pagina’s met alle onderwerpen")),
    )
    return render(request, "topics/topic_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def topic_new(request, region, body):
    body = access_body(request, region, body)
    members = selectors.body_members(body) if permissions.can_submit_on_behalf(request.user, body) else None
    form = TopicForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        topic = services.topic_submit(
            body=body,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            by=request.user,
            on_behalf_of=form.cleaned_data.get("on_behalf_of"),
            channel=form.cleaned_data.get("channel") or Channel.ONLINE,
            theme=form.cleaned_data.get("theme", ""),
        )
        messages.success(request, _("Dank u. Uw onderwerp is binnen. U krijgt altijd een antwoord."))
        return redirect("topics:detail", region=body.region.slug, body=body.slug, pk=topic.pk)
    return form_page(
        request,
        form,
        title=_("Onderwerp aanmelden"),
        intro=_("Wilt u dat %(name)s over iets praat? Schrijf het hier op. U krijgt altijd een antwoord.")
        % {"name": body.name},
        submit=_("Versturen"),
        breadcrumbs=_crumbs(body, (_("Nieuw"), "")),
        body=body,
        region=body.region,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def topic_detail(request, region, body, pk):
    topic = access_topic(request, region, body, pk)
    body = topic.body
    handling = permissions.can_handle_topics(request.user, body)
    form = None
    if permissions.can_handle_topic(request.user, topic):
        form = HandleForm(
            request.POST or None,
            topic=topic,
            meetings=selectors.agenda_meetings(body),
            targets=selectors.forward_targets(body),
        )
        if request.method == "POST" and form.is_valid():
            try:
                _handle(topic, form.cleaned_data, request.user)
            except services.TopicError as error:
                messages.error(request, message_for(error, ERRORS))
            else:
                if form.cleaned_data["action"] == "agenda":
                    messages.success(
                        request,
                        _("Opgeslagen. Het onderwerp staat nu als punt op de agenda. Het lid ziet dit."),
                    )
                else:
                    messages.success(request, _("Opgeslagen. Het lid ziet dit bij het onderwerp."))
                return redirect("topics:detail", region=body.region.slug, body=body.slug, pk=topic.pk)
    elif request.method == "POST":
        raise PermissionDenied
    answer_text = (form.data.get("answer") if form is not None and form.is_bound else "") or topic.answer
    return render(
        request,
        "topics/topic_detail.html",
        {
            "body": body,
            "region": body.region,
            "topic": topic,
            "form": form,
            "handling": handling,
            "history": selectors.topic_history(topic) if handling else [],
            "theme_form": ThemeForm(initial={"theme": topic.theme}) if handling else None,
            "readability": readability(answer_text) if handling else None,
            "breadcrumbs": _crumbs(body, (topic.title, "")),
        },
    )


@login_required
@require_POST
def topic_theme(request, region, body, pk):
    """The facilitator (or secretary) labels the topic with a practical theme, from the topic page."""
    topic = access_topic(request, region, body, pk)
    body = topic.body
    if not permissions.can_handle_topics(request.user, body):
        raise PermissionDenied
    form = ThemeForm(request.POST)
    if form.is_valid():
        services.topic_set_theme(topic=topic, theme=form.cleaned_data["theme"], by=request.user)
        messages.success(request, _("Het thema is opgeslagen."))
    else:
        messages.error(request, ERRORS["theme"])
    return redirect("topics:detail", region=body.region.slug, body=body.slug, pk=topic.pk)


def _handle(topic, data: dict, by) -> None:
    action = data["action"]
    if action == "agenda":
        services.topic_schedule(topic=topic, meeting=data["meeting"], by=by)
    elif action == "forward":
        services.topic_forward(topic=topic, to_body=data["to_body"], by=by, note=data.get("answer", ""))
    elif action == "discussed":
        services.topic_mark_discussed(topic=topic, by=by)
    elif action == "done":
        services.topic_close(topic=topic, answer=data["answer"], by=by)
    elif action == "decline":
        services.topic_decline(topic=topic, reason=data["answer"], by=by)


@login_required
@require_POST
def topic_vote(request, region, body, pk):
    body = access_body(request, region, body, permissions.can_vote)
    topic = selectors.topic_in(body, pk)
    if request.POST.get("weg"):
        services.topic_unvote(topic=topic, user=request.user)
        messages.success(request, _("Uw stem is weggehaald."))
    else:
        try:
            services.topic_vote(topic=topic, user=request.user)
        except services.TopicError as error:
            messages.error(request, ERRORS[error.code])
        else:
            messages.success(request, _("Uw stem is geteld."))
    return redirect(_back_to_list(body, topic, request.POST.get(OPEN_PAGE, ""), request.POST.get("naar") == "stemmen"))


def _back_to_list(body, topic, page: str, to_votes: bool) -> str:
    """Back to the page of the list the member voted from, at the topic's card (or at "Wat vindt u het
    belangrijkst?" when the vote was taken back from the list of their votes there). Only a page number (1 to 6
    digits) comes from the form: the rest is built here, so the redirect stays on this site."""
    number = int(page) if page.isascii() and page.isdigit() and len(page) <= 6 else 1
    query = f"?{OPEN_PAGE}={number}" if number > 1 else ""
    return f"{_list_url(body)}{query}#{'stemmen' if to_votes else f'onderwerp-{topic.pk}'}"
