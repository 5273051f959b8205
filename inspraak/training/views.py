"""Trainings for members (art. 47 b): the secretary plans them, members sign up on their phone (or the secretary
for them), and after the training the secretary records who was there."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.core.breadcrumbs import body_trail
from inspraak.core.channels import passed_on
from inspraak.core.errors import message_for
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit
from inspraak.letters.notices import told_message
from inspraak.training import permissions, selectors, services
from inspraak.training.access import access_body, access_training
from inspraak.training.forms import AttendanceForm, CancelForm, SignupForForm, TrainingForm, training_initial

ERRORS = {
    "empty": gettext_lazy("Vul de titel en de plaats in."),
    "ends_before_start": gettext_lazy("De eindtijd moet na de begintijd liggen."),
    "seats": gettext_lazy("Er moet minstens 1 plaats zijn."),
    "cost": gettext_lazy("De kosten kunnen niet minder dan 0 zijn."),
    "seats_below_signups": gettext_lazy("Er zijn al %(signed_up)s mensen aangemeld. Kies minstens zoveel plaatsen."),
    "closed": gettext_lazy("Deze training is al begonnen of afgelast. U kunt hem niet meer wijzigen."),
    "no_reason": gettext_lazy("Schrijf kort waarom de training niet doorgaat."),
    "cancelled": gettext_lazy("Deze training gaat niet door."),
    "started": gettext_lazy("Deze training is al begonnen. Aanmelden of afmelden kan niet meer."),
    "channel": gettext_lazy("Kies hoe het lid dit doorgaf: telefoon, brief of persoonlijk."),
    "not_member": gettext_lazy("Alleen leden van deze groep kunnen zich aanmelden."),
    "already": gettext_lazy("U bent al aangemeld voor deze training."),
    "already_other": gettext_lazy("Dit lid is al aangemeld voor deze training."),
    "full": gettext_lazy("Deze training is vol. Er is geen plaats meer."),
    "not_signed_up": gettext_lazy("U was niet aangemeld voor deze training."),
    "not_yet": gettext_lazy("De training is nog niet begonnen. Wie er was, vult u in na de training."),
}


def _list_url(body) -> str:
    return reverse("training:list", args=[body.region.slug, body.slug])


def _detail_url(training) -> str:
    return reverse("training:detail", args=[training.body.region.slug, training.body.slug, training.pk])


def _crumbs(body, *steps):
    return body_trail(body, (_("Trainingen"), _list_url(body)), *steps)


@login_required
@require_safe
def training_list(request, region, body):
    body = access_body(request, region, body)
    managing = permissions.can_manage_trainings(request.user, body)
    return render(
        request,
        "training/list.html",
        {
            "body": body,
            "region": body.region,
            "trainings": selectors.training_list(body, request.user, everything=managing),
            "managing": managing,
            "can_sign_up": permissions.can_sign_up(request.user, body),
            "breadcrumbs": body_trail(body, (_("Trainingen"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def training_new(request, region, body):
    body = access_body(request, region, body, permissions.can_manage_trainings)
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.training_create(body=body, by=request.user, **form.service_values())
        except services.TrainingError as error:
            form.add_error(None, message_for(error, ERRORS))
        else:
            messages.success(request, _("De training is opgeslagen. De leden zien hem bij Trainingen."))
            return redirect(_detail_url(training))
    return form_page(
        request,
        form,
        title=_("Nieuwe training"),
        intro=_("Een cursus of bijeenkomst die leden helpt om mee te praten. De kosten tellen mee in de begroting."),
        submit=_("Opslaan"),
        back_url=_list_url(body),
        back_label=_("Terug naar de trainingen"),
        breadcrumbs=_crumbs(body, (_("Nieuw"), "")),
        body=body,
        region=body.region,
    )


@login_required
@require_safe
def training_detail(request, region, body, pk):
    training = access_training(request, region, body, pk)
    body = training.body
    user = request.user
    managing = permissions.can_manage_trainings(user, body)
    signups = selectors.signups_of(training) if managing else []
    for signup in signups:
        signup.passed_on = passed_on(signup.channel) if signup.signed_up_by_id != signup.user_id else ""
    return render(
        request,
        "training/detail.html",
        {
            "body": body,
            "region": body.region,
            "training": training,
            "open": permissions.is_open(training),
            "own": selectors.own_signup(training, user),
            "can_sign_up": permissions.can_sign_up(user, body),
            "managing": managing,
            "can_edit": permissions.can_edit_training(user, training),
            "can_record": permissions.can_record_attendance(user, training),
            "signups": signups,
            "history": selectors.training_history(training) if managing else [],
            "breadcrumbs": _crumbs(body, (training.title, "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def training_edit(request, region, body, pk):
    training = access_training(request, region, body, pk, permissions.can_manage_trainings)
    if not permissions.can_edit_training(request.user, training):
        raise PermissionDenied
    form = TrainingForm(request.POST or None, initial=training_initial(training), version=training.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_update(
                training=training, by=request.user, version=form.posted_version, **form.service_values()
            )
        except StaleEdit as stale:
            form.mark_stale(stale, training_initial(stale.current) if stale.current else None)
        except services.TrainingError as error:
            form.add_error("seats" if error.code == "seats_below_signups" else None, message_for(error, ERRORS))
        else:
            messages.success(
                request, _("De training is opgeslagen. Wie aangemeld is, hoort het als de datum of plaats veranderde.")
            )
            return redirect(_detail_url(training))
    return form_page(
        request,
        form,
        title=_("Training wijzigen"),
        submit=_("Opslaan"),
        back_url=_detail_url(training),
        back_label=_("Terug naar de training"),
        breadcrumbs=_crumbs(training.body, (training.title, _detail_url(training)), (_("Wijzigen"), "")),
        body=training.body,
        region=training.body.region,
        delete_url=reverse("training:cancel", args=[training.body.region.slug, training.body.slug, training.pk]),
        delete_label=_("Training afgelasten"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def training_cancel(request, region, body, pk):
    training = access_training(request, region, body, pk, permissions.can_manage_trainings)
    if not permissions.can_edit_training(request.user, training):
        raise PermissionDenied
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = services.training_cancel(training=training, by=request.user, reason=form.cleaned_data["reason"])
        except services.TrainingError as error:
            form.add_error(None, message_for(error, ERRORS))
        else:
            messages.success(request, _("De training is afgelast.") + " " + told_message(told))
            return redirect(_detail_url(training))
    return form_page(
        request,
        form,
        title=_("Training afgelasten"),
        intro=_(
            "%(title)s gaat niet door. Iedereen die zich aanmeldde, krijgt bericht: een e-mail, of een brief als "
            "het lid geen e-mail heeft. Er zijn %(count)s mensen aangemeld."
        )
        % {"title": training.title, "count": training.n_signups},
        submit=_("Afgelasten"),
        back_url=_detail_url(training),
        back_label=_("Niet afgelasten"),
        breadcrumbs=_crumbs(training.body, (training.title, _detail_url(training)), (_("Afgelasten"), "")),
        body=training.body,
        region=training.body.region,
    )


@login_required
@require_POST
def training_signup(request, region, body, pk):
    training = access_training(request, region, body, pk, permissions.can_sign_up)
    try:
        services.training_signup(training=training, user=request.user, by=request.user)
    except services.TrainingError as error:
        messages.error(request, message_for(error, ERRORS))
    else:
        messages.success(request, _("U bent aangemeld. Tot dan!"))
    return redirect(_detail_url(training))


@login_required
@require_POST
def training_signoff(request, region, body, pk):
    training = access_training(request, region, body, pk, permissions.can_sign_up)
    try:
        services.training_signoff(training=training, user=request.user, by=request.user)
    except services.TrainingError as error:
        messages.error(request, message_for(error, ERRORS))
    else:
        messages.success(request, _("U bent afgemeld. Uw plaats is weer vrij."))
    return redirect(_detail_url(training))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def training_signup_for(request, region, body, pk):
    training = access_training(request, region, body, pk, permissions.can_manage_trainings)
    if not permissions.is_open(training):
        raise PermissionDenied
    form = SignupForForm(request.POST or None, members=selectors.body_members(training.body))
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["member"]
        try:
            services.training_signup(
                training=training, user=member, by=request.user, channel=form.cleaned_data["channel"]
            )
        except services.TrainingError as error:
            code = "already_other" if error.code == "already" else error.code
            form.add_error("member" if code in ("already_other", "not_member") else None, ERRORS[code])
        else:
            messages.success(
                request,
                _("Het lid is aangemeld.")
                + " "
                + (
                    _("Het lid krijgt een e-mail.")
                    if member.email
                    else _("Het lid krijgt een brief. Die staat klaar om te printen bij Brieven.")
                ),
            )
            return redirect(_detail_url(training))
    return form_page(
        request,
        form,
        title=_("Lid aanmelden"),
        intro=_("Belde of schreef een lid dat het mee wil doen met %(title)s? Meld het lid hier aan.")
        % {"title": training.title},
        submit=_("Aanmelden"),
        back_url=_detail_url(training),
        back_label=_("Terug naar de training"),
        breadcrumbs=_crumbs(training.body, (training.title, _detail_url(training)), (_("Lid aanmelden"), "")),
        body=training.body,
        region=training.body.region,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def training_attendance(request, region, body, pk):
    training = access_training(request, region, body, pk, permissions.can_manage_trainings)
    if not permissions.can_record_attendance(request.user, training, timezone.now()):
        raise PermissionDenied
    signups = selectors.signups_of(training)
    form = AttendanceForm(request.POST or None, signups=signups)
    if request.method == "POST" and form.is_valid():
        try:
            there = services.training_record_attendance(
                training=training, present_ids={int(pk) for pk in form.cleaned_data["present"]}, by=request.user
            )
        except services.TrainingError as error:
            form.add_error(None, message_for(error, ERRORS))
        else:
            messages.success(request, _("Opgeslagen: %(count)s mensen waren er.") % {"count": there})
            return redirect(_detail_url(training))
    return form_page(
        request,
        form,
        title=_("Wie was er?"),
        intro=_("%(title)s, %(date)s.")
        % {"title": training.title, "date": date_format(timezone.localtime(training.starts_at), "j F Y")},
        submit=_("Opslaan"),
        back_url=_detail_url(training),
        back_label=_("Terug naar de training"),
        breadcrumbs=_crumbs(training.body, (training.title, _detail_url(training)), (_("Wie was er?"), "")),
        body=training.body,
        region=training.body.region,
    )
