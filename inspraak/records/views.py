"""Attendance, minutes, agreements and the feedback report of a meeting; the public meeting page and the JSON API."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.core import names
from inspraak.core import selectors as core_selectors
from inspraak.core.breadcrumbs import body_trail
from inspraak.core.errors import message_for
from inspraak.core.pages import form_page
from inspraak.core.readability import flash_readability
from inspraak.core.versioning import StaleEdit
from inspraak.letters.notices import told_message
from inspraak.meetings.models import MeetingStatus
from inspraak.records import permissions, rules, selectors, services
from inspraak.records.access import access_agreement, access_body, access_meeting
from inspraak.records.forms import (
    AgreementForm,
    AgreementStatusForm,
    ApproveForm,
    AttendanceForm,
    FeedbackForm,
    MinutesForm,
    ReactionForm,
    SendForm,
)
from inspraak.records.models import Agreement, FeedbackRecommendation, MinutesStatus, RecordEvent

ERRORS = {
    "client_named": gettext_lazy("De openbare versie noemt een cliënt die daar geen toestemming voor gaf."),
    "not_published": gettext_lazy("De openbare versie is niet online gezet."),
    "approved": gettext_lazy("Het verslag is vastgesteld. Alleen de openbare versie kan nog veranderen."),
    "cancelled": gettext_lazy("De bijeenkomst is geannuleerd."),
    "not_started": gettext_lazy("De bijeenkomst is nog niet begonnen."),
    "not_draft": gettext_lazy("Het verslag is al gedeeld."),
    "not_shared": gettext_lazy("Deel het verslag eerst met de leden."),
    "deadline_open": gettext_lazy("De datum om te reageren is nog niet voorbij."),
    "wrong_meeting": gettext_lazy("Kies een latere bijeenkomst die al begonnen is."),
    "not_approved": gettext_lazy("Stel het verslag eerst vast."),
    "no_public_text": gettext_lazy("Schrijf eerst een openbare versie."),
    "same_status": gettext_lazy("De afspraak heeft deze status al."),
    "note_required": gettext_lazy("Schrijf op waarom de afspraak vervalt."),
    "sent": gettext_lazy("De terugkoppeling is al verstuurd en verandert niet meer."),
    "not_sent": gettext_lazy("Verstuur de terugkoppeling eerst."),
    "not_failed": gettext_lazy("Het versturen is niet mislukt. U hoeft niets te doen."),
    "reason_required": gettext_lazy("Schrijf waarom de GR de aanbeveling niet of deels overneemt."),
}


def _error(error: services.RecordError) -> str:
    return message_for(error, ERRORS)


def _warn_names(request, found: list[str]) -> None:
    """Before a text becomes public: say which words name a client who did not agree (the step is refused)."""
    if found:
        messages.warning(request, names.named_message(found, ERRORS["client_named"]))


def _url(name: str, meeting) -> str:
    return selectors.meeting_path(name, meeting)


def _crumbs(meeting, *steps: tuple[str, str]) -> list[dict]:
    """Mijn overzicht › the body › Bijeenkomsten › the meeting › ``steps``."""
    body = meeting.body
    return body_trail(
        body,
        (_("Bijeenkomsten"), reverse("meetings:year_plan", args=[body.region.slug, body.slug])),
        (str(meeting), meeting.get_absolute_url()),
        *steps,
    )


def _form_page(request, meeting, form, *, title, submit, intro=""):
    """The core form page with the meeting's breadcrumbs and a way back to the meeting."""
    return form_page(
        request,
        form,
        title=title,
        submit=submit,
        intro=intro,
        breadcrumbs=_crumbs(meeting, (title, "")),
        back_url=meeting.get_absolute_url(),
        back_label=_("Terug naar de bijeenkomst"),
        body=meeting.body,
        region=meeting.body.region,
        meeting=meeting,
    )


def _started(meeting) -> bool:
    """The meeting has begun and was not cancelled: from then on it has a record."""
    return meeting.starts_at <= timezone.now() and meeting.status != MeetingStatus.CANCELLED


# ---------------------------------------------------------------- attendance


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk, permissions.can_record_attendance)
    started = _started(meeting)
    sheet = selectors.attendance_sheet(meeting)
    form = AttendanceForm(request.POST or None, sheet=sheet)
    if request.method == "POST" and started and form.is_valid():
        services.attendance_record(meeting=meeting, presences=form.presences(), by=request.user)
        messages.success(request, _("De aanwezigheid is opgeslagen."))
        return redirect(_url("records:minutes", meeting))
    return render(
        request,
        "records/attendance.html",
        {
            "form": form,
            "started": started,
            "meeting": meeting,
            "body": meeting.body,
            "region": meeting.body.region,
            "breadcrumbs": _crumbs(meeting, (_("Aanwezigheid"), "")),
        },
    )


# ---------------------------------------------------------------- minutes


@login_required
@require_safe
def minutes(request, region, body, pk):
    """The meeting record: the minutes, who was there (counts), agreements and the feedback report."""
    meeting = access_meeting(request, region, body, pk)
    body = meeting.body
    record = selectors.minutes_of(meeting)
    can_write = permissions.can_write_minutes(request.user, body)
    today = timezone.localdate()
    readable = record is not None and permissions.can_read_minutes(request.user, body, record)
    report = selectors.feedback_of(meeting)
    report = report if permissions.can_read_feedback(request.user, body, report) else None
    publishable = readable and record.status == MinutesStatus.APPROVED and not record.public
    if can_write and publishable and record.public_text.strip():  # the next step puts it online: warn before
        _warn_names(request, selectors.names_in_public_minutes(record))
    return render(
        request,
        "records/minutes.html",
        {
            "meeting": meeting,
            "body": body,
            "region": body.region,
            "minutes": record if readable else None,
            "can_write": can_write,
            "can_record_attendance": permissions.can_record_attendance(request.user, body),
            "can_manage_agreements": permissions.can_manage_agreements(request.user, body),
            "can_approve": permissions.can_approve_minutes(
                request.user, body, record, later_meetings=_approval_meetings(meeting, record, can_write), today=today
            ),
            "history": selectors.history(RecordEvent.Target.MINUTES, record.pk) if can_write and record else [],
            "attendance": selectors.attendance_counts(meeting),
            "agreements": selectors.meeting_agreements(meeting, today=today),
            "report": report,
            "delivery": _delivery(report),
            "can_write_feedback": permissions.can_write_feedback(request.user, body),
            "started": _started(meeting),
            "breadcrumbs": _crumbs(meeting, (_("Verslag"), "")),
        },
    )


def _approval_meetings(meeting, record, can_write: bool) -> list:
    """The later meetings where shared minutes can be approved; only looked up when they may be (1 query)."""
    if can_write and record is not None and record.status == MinutesStatus.SHARED:
        return selectors.approval_meetings(meeting)
    return []


def _minutes_initial(record) -> dict:
    return {"text": record.text, "public_text": record.public_text, "approve_by": record.approve_by}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def minutes_edit(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk, permissions.can_write_minutes)
    record = selectors.minutes_of(meeting)
    approved = record is not None and record.status == MinutesStatus.APPROVED
    initial = _minutes_initial(record) if record is not None else {}
    version = record.version if record is not None else None
    form = MinutesForm(request.POST or None, initial=initial, approved=approved, version=version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.minutes_save(
                meeting=meeting,
                text=data["text"],
                public_text=data["public_text"],
                approve_by=data["approve_by"],
                version=form.posted_version if record is not None else None,
                by=request.user,
            )
        except services.RecordError as error:
            if error.code == "stale":
                current = selectors.minutes_of(meeting)
                form.mark_stale(StaleEdit(current), _minutes_initial(current) if current else None)
            elif error.code == "client_named":
                form.add_error("public_text", _error(error))
            else:
                form.add_error(None, _error(error))
        else:
            messages.success(request, _("Het verslag is opgeslagen."))
            flash_readability(request, _("de openbare versie"), saved.public_text_readability)
            return redirect(_url("records:minutes", meeting))
    return _form_page(
        request,
        meeting,
        form,
        title=_("Verslag schrijven") if record is None else _("Verslag aanpassen"),
        intro=_("Eerst leest alleen u het verslag. Daarna deelt u het met de leden."),
        submit=_("Opslaan"),
    )


@login_required
@require_POST
def minutes_share(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk, permissions.can_write_minutes)
    record = selectors.minutes_of(meeting)
    if record is None:
        messages.error(request, _("Schrijf eerst het verslag."))
    else:
        try:
            shared = services.minutes_share(minutes=record, by=request.user)
        except services.RecordError as error:
            messages.error(request, ERRORS[error.code])
        else:
            done = _("Het verslag is gedeeld.")
            messages.success(request, f"{done} {told_message(shared.told)}")
    return redirect(_url("records:minutes", meeting))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def minutes_approve(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk, permissions.can_write_minutes)
    record = selectors.minutes_of(meeting)
    today = timezone.localdate()
    later = _approval_meetings(meeting, record, can_write=True)
    if not permissions.can_approve_minutes(request.user, meeting.body, record, later_meetings=later, today=today):
        messages.error(request, ERRORS[_not_approvable(record)])
        return redirect(_url("records:minutes", meeting))
    form = ApproveForm(
        request.POST or None, meetings=later, deadline_passed=rules.deadline_passed(record.approve_by, today)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_approve(minutes=record, at_meeting=form.at_meeting(), by=request.user, today=today)
        except services.RecordError as error:
            form.add_error("how", ERRORS[error.code])
        else:
            messages.success(request, _("Het verslag is vastgesteld."))
            return redirect(_url("records:minutes", meeting))
    if request.method != "POST" and record.public_text.strip():  # it goes online after this step: warn now
        _warn_names(request, selectors.names_in_public_minutes(record))
    intro = _("Stel het verslag vast in een volgende bijeenkomst, of als niemand bezwaar maakte voor %(date)s.") % {
        "date": record.approve_by.strftime("%d-%m-%Y") if record.approve_by else "–"
    }
    return _form_page(request, meeting, form, title=_("Verslag vaststellen"), intro=intro, submit=_("Vaststellen"))


def _not_approvable(record) -> str:
    """Why these minutes cannot be approved now (the code of the message)."""
    if record is None or record.status == MinutesStatus.DRAFT:
        return "not_shared"
    if record.status == MinutesStatus.APPROVED:
        return "approved"
    return "deadline_open"  # shared, but the day to react is not over and no later meeting was held


@login_required
@require_POST
def minutes_public(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk, permissions.can_write_minutes)
    record = selectors.minutes_of(meeting)
    public = request.POST.get("public") == "1"
    if record is None:
        messages.error(request, _("Schrijf eerst het verslag."))
        return redirect(_url("records:minutes", meeting))
    try:
        services.minutes_set_public(minutes=record, public=public, by=request.user)
    except services.RecordError as error:
        # A name: the minutes page says which words, in its warning before the step.
        messages.error(request, ERRORS["not_published"] if error.code == "client_named" else _error(error))
    else:
        messages.success(
            request,
            _("De openbare versie staat online.") if public else _("De openbare versie staat niet meer online."),
        )
    return redirect(_url("records:minutes", meeting))


# ---------------------------------------------------------------- agreements


def _agreements_url(body) -> str:
    return reverse("records:agreements", args=[body.region.slug, body.slug])


@login_required
@require_safe
def agreements(request, region, body):
    body = access_body(request, region, body)
    status = request.GET.get("status", "")
    if status not in Agreement.Status.values:
        status = ""
    rows = selectors.body_agreements(body, status=status)
    return render(
        request,
        "records/agreements.html",
        {
            "body": body,
            "region": body.region,
            "agreements": rows,
            "status_key": status,
            "status_filters": [("", _("Alle")), *Agreement.Status.choices],
            "breadcrumbs": body_trail(body, (_("Afspraken"), "")),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_new(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk, permissions.can_manage_agreements)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.agreement_create(body=meeting.body, meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, _("De afspraak is opgeslagen. Zolang hij open is, staat hij op elke agenda."))
        return redirect(_url("records:minutes", meeting))
    return _form_page(request, meeting, form, title=_("Afspraak toevoegen"), submit=_("Opslaan"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement(request, region, body, pk):
    item = access_agreement(request, region, body, pk)
    body = item.body
    can_manage = permissions.can_manage_agreements(request.user, body)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = AgreementStatusForm(request.POST or None, current=item.status, version=item.version) if can_manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.agreement_set_status(
                agreement=item,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                by=request.user,
                version=form.posted_version,
            )
        except services.RecordError as error:
            form.add_error("status", ERRORS[error.code])
        except StaleEdit as stale:
            form.mark_stale(stale, {})  # the page shows the status and history as stored now
        else:
            messages.success(request, _("De status van de afspraak is opgeslagen."))
            return redirect("records:agreement", region=body.region.slug, body=body.slug, pk=item.pk)
    return render(
        request,
        "records/agreement.html",
        {
            "body": body,
            "region": body.region,
            "agreement": item,
            "form": form,
            "history": selectors.history(RecordEvent.Target.AGREEMENT, item.pk),
            "breadcrumbs": body_trail(
                body, (_("Afspraken"), _agreements_url(body)), (_("Afspraak %(number)s") % {"number": item.pk}, "")
            ),
        },
    )


# ---------------------------------------------------------------- feedback report


@login_required
@require_safe
def feedback(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk)
    body = meeting.body
    report = selectors.feedback_of(meeting)
    readable = report is not None and permissions.can_read_feedback(request.user, body, report)
    can_write = permissions.can_write_feedback(request.user, body)
    return render(
        request,
        "records/feedback.html",
        {
            "meeting": meeting,
            "body": body,
            "region": body.region,
            "report": report if readable else None,
            "delivery": _delivery(report) if readable else None,
            "can_write": can_write,
            "can_react": permissions.can_record_reactions(request.user, body),
            "started": _started(meeting),
            "reaction_labels": dict(FeedbackRecommendation.Reaction.choices),
            "breadcrumbs": _crumbs(meeting, (_("Terugkoppeling aan de GR"), "")),
        },
    )


def _delivery(report):
    """Whether the report's email reached the GR's mail server: its outbox row, or None when not sent (or sent
    before the outbox existed, or its row was deleted after 30 days: then it was delivered)."""
    if report is None or report.sent_on is None:
        return None
    return core_selectors.email_about(services.FEEDBACK_EMAIL, report.pk)


def _feedback_initial(report) -> dict:
    """The edit form's values for a report (with its ``items``, see selectors.feedback_of)."""
    return {
        "topics_text": report.topics_text,
        "views_text": report.views_text,
        "agreements_text": report.agreements_text,
        "public": report.public,
        "recommendations": "\n".join(item.text for item in report.items),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_edit(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk, permissions.can_write_feedback)
    report = selectors.feedback_of(meeting)
    if report is not None and report.sent_on is not None:
        messages.error(request, ERRORS["sent"])
        return redirect(_url("records:feedback", meeting))
    initial = _feedback_initial(report) if report else {**selectors.feedback_prefill(meeting), "views_text": ""}
    form = FeedbackForm(request.POST or None, initial=initial, version=report.version if report else 0)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.feedback_save(
                meeting=meeting, by=request.user, version=form.posted_version, **form.cleaned_data
            )
        except services.RecordError as error:
            form.add_error("public" if error.code == "client_named" else None, _error(error))
        except StaleEdit as stale:
            current = selectors.feedback_of(meeting)
            form.mark_stale(stale, _feedback_initial(current) if current else None)
        else:
            messages.success(request, _("De terugkoppeling is opgeslagen. Hij is nog niet verstuurd."))
            flash_readability(request, _("wat cliënten zeiden"), saved.views_readability)
            return redirect(_url("records:feedback", meeting))
    return _form_page(
        request,
        meeting,
        form,
        title=_("Terugkoppeling schrijven"),
        intro=_("Wat is besproken, wat zeiden cliënten (zonder namen), en wat raadt de groep de GR aan?"),
        submit=_("Opslaan"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_send(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk, permissions.can_write_feedback)
    report = selectors.feedback_of(meeting)
    if report is None or report.sent_on is not None:
        messages.error(request, ERRORS["sent"] if report else _("Schrijf eerst de terugkoppeling."))
        return redirect(_url("records:feedback", meeting))
    # The region's address for feedback reports is filled in; the facilitator may change it for this report.
    form = SendForm(request.POST or None, initial={"to": meeting.body.region.feedback_email})
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.feedback_send(report=report, to=form.cleaned_data["to"], by=request.user)
        except services.RecordError as error:  # a public report that names a client
            form.add_error(None, _error(error))
        else:
            done = _("De terugkoppeling wordt verstuurd aan de GR. De leden kunnen hem nu lezen.")
            messages.success(request, f"{done} {told_message(sent.told)}")
            return redirect(_url("records:feedback", meeting))
    if request.method != "POST" and report.public:  # it becomes public when sent: warn before
        _warn_names(request, selectors.names_in_public_feedback(report))
    return _form_page(
        request,
        meeting,
        form,
        title=_("Terugkoppeling versturen"),
        intro=_("De GR krijgt de terugkoppeling per e-mail. Daarna verandert hij niet meer."),
        submit=_("Versturen"),
    )


@login_required
@require_POST
def feedback_resend(request, region, body, pk):
    """Try the email to the GR again after it failed."""
    meeting = access_meeting(request, region, body, pk, permissions.can_write_feedback)
    report = selectors.feedback_of(meeting)
    try:
        if report is None:
            raise services.RecordError("not_failed")
        services.feedback_resend(report=report, by=request.user)
    except services.RecordError as error:
        messages.error(request, ERRORS[error.code])
    else:
        messages.success(request, _("De terugkoppeling wordt opnieuw verstuurd aan de GR."))
    return redirect(_url("records:feedback", meeting))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_reactions(request, region, body, pk):
    meeting = access_meeting(request, region, body, pk, permissions.can_record_reactions)
    report = selectors.feedback_of(meeting)
    if report is None or report.sent_on is None:
        messages.error(request, ERRORS["not_sent"])
        return redirect(_url("records:feedback", meeting))
    posted = request.POST if request.method == "POST" else None
    forms = [
        (
            item,
            ReactionForm(
                posted,
                prefix=f"aanbeveling-{item.number}",
                initial={"reaction": item.reaction, "reaction_text": item.reaction_text},
            ),
        )
        for item in report.items
    ]
    if posted is not None and all(form.is_valid() for _item, form in forms):
        told = None
        for item, form in forms:
            if form.cleaned_data["reaction"]:
                try:
                    saved = services.reaction_record(recommendation=item, by=request.user, **form.cleaned_data)
                except services.RecordError as error:  # a public report's reaction that names a client
                    form.add_error("reaction_text", _error(error))
                else:
                    told = getattr(saved, "told", None) or told
        if not any(form.errors for _item, form in forms):
            done = _("De reacties van de GR zijn opgeslagen.")
            if told is not None:  # the GR has now responded to every recommendation: the members were told
                done = f"{done} {told_message(told)}"
            messages.success(request, done)
            return redirect(_url("records:feedback", meeting))
    return render(
        request,
        "records/reactions.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "region": meeting.body.region,
            "report": report,
            "forms": forms,
            "error_count": sum(form.error_count for _item, form in forms),
            "breadcrumbs": _crumbs(
                meeting, (_("Terugkoppeling aan de GR"), _url("records:feedback", meeting)), (_("Reacties"), "")
            ),
        },
    )
