"""The year plan of a body, planning and changing meetings, and their status. The public calendar and .ics files are
in inspraak.publicmeetings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.core.breadcrumbs import body_trail
from inspraak.core.pages import form_page
from inspraak.core.versioning import StaleEdit
from inspraak.letters.notices import told_message
from inspraak.meetings import permissions, rules, selectors, services
from inspraak.meetings.access import access_body, access_meeting
from inspraak.meetings.forms import CancelForm, MeetingForm, SeriesForm
from inspraak.meetings.models import MeetingStatus


def _plan_url(body, year: int | None = None) -> str:
    url = reverse("meetings:year_plan", args=[body.region.slug, body.slug])
    return f"{url}?jaar={year}" if year else url


def _crumbs(body, *steps: tuple[str, str]) -> list[dict]:
    """Mijn overzicht › the body › Bijeenkomsten › ``steps``."""
    return body_trail(body, (_("Bijeenkomsten"), _plan_url(body)), *steps)


def _meeting_crumbs(meeting, label: str) -> list[dict]:
    return _crumbs(meeting.body, (str(meeting), meeting.get_absolute_url()), (label, ""))


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= 2100 else today.year


@login_required
@require_safe
def year_plan(request, region, body):
    body = access_body(request, region, body)
    year = _year(request)
    return render(
        request,
        "meetings/year_plan.html",
        {
            "body": body,
            "region": body.region,
            **selectors.year_plan(body, year),
            "previous_year": year - 1,
            "next_year": year + 1,
            "can_manage": permissions.can_manage_meetings(request.user, body),
            "breadcrumbs": _crumbs(body),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_new(request, region, body):
    body = access_body(request, region, body, permissions.can_manage_meetings)
    venue = selectors.usual_venue(body)
    form = MeetingForm(request.POST or None, initial=_venue_initial(venue))
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_schedule(body=body, by=request.user, **form.meeting_fields())
        messages.success(request, _("De bijeenkomst staat in de jaarplanning."))
        return redirect(meeting.get_absolute_url())
    return form_page(
        request,
        form,
        title=_("Bijeenkomst plannen"),
        intro=_venue_intro(venue),
        submit=_("Plannen"),
        breadcrumbs=_crumbs(body, (_("Nieuw"), "")),
        body=body,
        region=body.region,
    )


def _venue_initial(venue: dict) -> dict:
    return {name: venue[name] for name in ("place_name", "address", "accessibility") if name in venue}


def _venue_intro(venue: dict) -> str:
    if not venue:
        return ""
    return _(
        "Plaats, adres en toegankelijkheid komen van de laatste bijeenkomst (%(date)s). Is het ergens anders? "
        "Pas ze dan aan."
    ) % {"date": date_format(timezone.localtime(venue["starts_at"]), "j F Y")}


SERIES_ERRORS = {
    "empty": gettext_lazy("Er is niets om te plannen."),
    "too_many": gettext_lazy("Plan hoogstens 24 bijeenkomsten in één keer."),
    "clash": gettext_lazy("Intussen is er al een bijeenkomst op een van deze tijden gepland. Bekijk de data opnieuw."),
}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_series(request, region, body):
    """Plan a series ("4 bijeenkomsten in 2027"): first the list of days to check, then one step plans them all."""
    body = access_body(request, region, body, permissions.can_manage_meetings)
    now = timezone.now()
    venue = selectors.usual_venue(body)
    form = SeriesForm(
        request.POST or None,
        initial={"frequency": rules.MONTHLY, "count": 4, **_venue_initial(venue)},
        now=now,
        taken=selectors.planned_times(body, now=now) if request.method == "POST" else (),
    )
    preview = request.method == "POST" and form.is_valid()
    if preview and request.POST.get("actie") == "plannen":
        try:
            meetings = services.meeting_schedule_series(body=body, meetings=form.meetings(), by=request.user)
        except services.SeriesError as error:
            form.add_error(None, SERIES_ERRORS[error.code])
            preview = False
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s bijeenkomst staat in de jaarplanning.",
                    "%(n)s bijeenkomsten staan in de jaarplanning.",
                    len(meetings),
                )
                % {"n": len(meetings)},
            )
            return redirect(_plan_url(body, timezone.localtime(meetings[0].starts_at).year))
    return render(
        request,
        "meetings/series.html",
        {
            "body": body,
            "region": body.region,
            "form": form,
            "preview": form.series if preview else [],
            "intro": _venue_intro(venue),
            "breadcrumbs": _crumbs(body, (_("Reeks plannen"), "")),
        },
    )


@login_required
@require_safe
def meeting_detail(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk)
    user, body = request.user, meeting.body
    can_manage = permissions.can_manage_meetings(user, body)
    status_labels = dict(MeetingStatus.choices)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "body": body,
            "region": body.region,
            "meeting": meeting,
            "history": selectors.meeting_history(meeting) if can_manage else [],
            "show_online_link": permissions.can_see_online_link(user, body),
            "can_manage": can_manage,
            "next_statuses": [(s, status_labels[s]) for s in permissions.next_statuses(user, meeting)],
            "can_cancel": permissions.can_cancel_meeting(user, meeting),
            "can_edit": permissions.can_edit_meeting(user, meeting),
            "breadcrumbs": _crumbs(body, (str(meeting), "")),
        },
    )


def _managed_meeting(request, region, body, pk):
    return access_meeting(request, region, body, pk, permissions.can_manage_meetings)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request, region, body, pk):
    meeting = _managed_meeting(request, region, body, pk)
    if not permissions.can_edit_meeting(request.user, meeting):
        messages.error(request, _("Een gehouden of geannuleerde bijeenkomst verandert niet meer."))
        return redirect(meeting.get_absolute_url())
    form = MeetingForm(
        request.POST or None, initial=MeetingForm.initial_for(meeting), is_new=False, version=meeting.version
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_update(
                meeting=meeting, by=request.user, version=form.posted_version, **form.meeting_fields()
            )
        except StaleEdit as stale:
            form.mark_stale(stale, MeetingForm.initial_for(stale.current) if stale.current else None)
        else:
            told = getattr(meeting, "told", None)
            done = _("De bijeenkomst is aangepast.")
            messages.success(request, f"{done} {told_message(told)}" if told is not None else done)
            return redirect(meeting.get_absolute_url())
    return form_page(
        request,
        form,
        title=_("Bijeenkomst aanpassen"),
        intro=_(
            "Is de agenda al gepubliceerd? Dan krijgen de leden de nieuwe tijd of plaats: per e-mail, of per brief "
            "als ze geen e-mail hebben."
        ),
        submit=_("Opslaan"),
        breadcrumbs=_meeting_crumbs(meeting, _("Aanpassen")),
        body=meeting.body,
        region=meeting.body.region,
    )


@login_required
@require_POST
def meeting_status(request, region, body, pk):
    meeting = _managed_meeting(request, region, body, pk)
    status = request.POST.get("status", "")
    if not permissions.can_set_status(request.user, meeting, status):
        messages.error(request, _("Deze stap kan nu niet. Kijk welke stappen hieronder staan."))
        return redirect(meeting.get_absolute_url())
    services.meeting_set_status(meeting=meeting, status=status, by=request.user)
    messages.success(request, _("De status is nu: %(status)s.") % {"status": meeting.get_status_display()})
    return redirect(meeting.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_cancel(request, region, body, pk):
    meeting = _managed_meeting(request, region, body, pk)
    if not permissions.can_cancel_meeting(request.user, meeting):
        messages.error(request, _("Deze bijeenkomst kan niet meer geannuleerd worden."))
        return redirect(meeting.get_absolute_url())
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"], by=request.user)
        done = _("De bijeenkomst is geannuleerd.")
        messages.success(request, f"{done} {told_message(meeting.told)}")
        return redirect(meeting.get_absolute_url())
    return form_page(
        request,
        form,
        title=_("Bijeenkomst annuleren"),
        intro=_(
            "De leden krijgen bericht, met de reden: per e-mail, of per brief als ze geen e-mail hebben. U print de "
            "brieven bij Brieven."
        ),
        submit=_("Annuleren"),
        breadcrumbs=_meeting_crumbs(meeting, _("Annuleren")),
        body=meeting.body,
        region=meeting.body.region,
    )
