"""Topics from members (art. 47 d): submit, vote, and the supporters' handling with an answer for every topic."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.core.breadcrumbs import body_trail
from inspraak.core.channels import Channel
from inspraak.core.errors import message_for
from inspraak.core.pages import form_page
from inspraak.core.readability import readability
from inspraak.topics import permissions, selectors, services
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


@login_required
@require_safe
def topic_list(request, region, body):
    body = access_body(request, region, body)
    context = {"body": body, "region": body.region, "breadcrumbs": _crumbs(body)}
    if permissions.can_vote(request.user, body) or permissions.can_take_part(request.user, body):
        context.update(selectors.member_view(body, request.user), can_vote=permissions.can_vote(request.user, body))
    if permissions.can_handle_topics(request.user, body):
        status = request.GET.get("status", "")
        status = status if status in TopicStatus.values else ""
        theme = request.GET.get("thema", "")
        theme = theme if theme in (*Theme.values, selectors.NO_THEME) else ""
        context.update(
            handling=True,
            all_topics=selectors.supporter_view(body, status=status, theme=theme),
            status=status,
            status_filters=[("", _("Alle")), *TopicStatus.choices],
            theme=theme,
            theme_filters=[("", _("Alle thema's")), *Theme.choices, (selectors.NO_THEME, _("Nog geen thema"))],
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
    return redirect(f"{_list_url(body)}#stemmen")
