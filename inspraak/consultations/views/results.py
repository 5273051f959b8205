"""Views of the consultation's results part: the staff results page and its exports (CSV, XLSX, anonymous answers,
PDF), checking open answers, publishing with "wat doen we ermee", passing findings on, and the public pages."""

from __future__ import annotations

import csv
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from inspraak.consultations import permissions, selectors
from inspraak.consultations import permissions_results as more_permissions
from inspraak.consultations.access import access_consultation, access_head
from inspraak.consultations.forms.results import FindingRequestForm, FindingTopicForm, ModerationForm, PublishForm
from inspraak.consultations.selectors import kept
from inspraak.consultations.selectors import results as result_selectors
from inspraak.consultations.services import results as services
from inspraak.consultations.views import results_chart, results_export
from inspraak.core.breadcrumbs import trail
from inspraak.core.errors import message_for
from inspraak.core.pages import form_page
from inspraak.core.spreadsheet import BOM, CSV_DELIMITER
from inspraak.core.versioning import StaleEdit
from inspraak.regions import selectors as region_selectors

MESSAGES = {
    "status": gettext_lazy("Dit kan nu niet meer: de raadpleging is intussen in een andere fase."),
    "empty": gettext_lazy("Dit mag niet leeg zijn."),
    "too_long": gettext_lazy("Deze tekst is te lang."),
    "client_named": gettext_lazy("Hier staat de naam van een cliënt. Haal de naam weg:"),
    "done": gettext_lazy("Dit antwoord is al nagekeken, misschien door iemand anders."),
    "action": gettext_lazy("Kies wat u met dit antwoord doet."),
    "body": gettext_lazy("Kies een groep van deze regio."),
    "request": gettext_lazy("Deze adviesaanvraag is niet (meer) open. Kies een andere."),
    "topic": gettext_lazy("Het onderwerp kon niet op de lijst. Kijk de titel en de tekst na."),
}


def _staff_url(consultation) -> str:
    """The consultation's staff page (the build part's ``consultations:detail``), else its results page."""
    try:
        return reverse("consultations:detail", args=[consultation.region.slug, consultation.pk])
    except NoReverseMatch:  # pragma: no cover - only while the parts are built apart
        return reverse("consultations:results", args=[consultation.region.slug, consultation.pk])


def _list_url(consultation) -> str:
    try:
        return reverse("consultations:staff_list", args=[consultation.region.slug])
    except NoReverseMatch:  # pragma: no cover - only while the parts are built apart
        return reverse("dashboards:dashboard")


def _answer_url(name: str, *args) -> str:
    """An address of the answer part (``/mee/``)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # pragma: no cover - only while the parts are built apart
        return "/mee/"


def _trail(consultation, *steps):
    return trail(
        (_("Mijn overzicht"), reverse("dashboards:dashboard")),
        (_("Raadplegingen"), _list_url(consultation)),
        (consultation.title, _staff_url(consultation)),
        *steps,
    )


def _results_url(consultation) -> str:
    return reverse("consultations:results", args=[consultation.region.slug, consultation.pk])


def _draw(found) -> None:
    for result in found.questions:
        result.chart = results_chart.chart(result)


GROUP_PARAM = "gemeente"
GROUP_MESSAGES = {
    result_selectors.NOT_FOUND: gettext_lazy(
        "Deze gemeente hoort niet bij deze raadpleging. Kies een gemeente uit de lijst."
    ),
    result_selectors.NO_ANSWERS: gettext_lazy(
        "Uit %(name)s heeft niemand meegedaan. Er zijn geen antwoorden om te laten zien."
    ),
    result_selectors.SMALL: gettext_lazy(
        "Uit %(name)s deden minder dan 5 mensen mee. Hun antwoorden laten we niet apart zien: zo is niemand te "
        "herkennen. Ze tellen wel mee in de totalen."
    ),
    result_selectors.PROTECTING: gettext_lazy(
        "De antwoorden uit %(name)s laten we niet apart zien. Anders kunt u de antwoorden van een kleine gemeente "
        "uitrekenen. Ze tellen wel mee in de totalen."
    ),
}


def _results_for_page(request, consultation):
    """The results of a page (no breakdown per municipality for every question) and the form "Bekijk de antwoorden
    per gemeente": with ``?gemeente=<slug or id>`` every question also for that one group. A value that cannot be
    shown gets a message next to the field (never a 500). Returns (found, picker context)."""
    found = result_selectors.results(consultation, breakdown=False)
    _draw(found)
    value = request.GET.get(GROUP_PARAM, "")
    picker = {"value": "", "error": ""}
    if value.strip():
        key, problem = result_selectors.pick_group(found, value)
        if problem:
            labels = dict(found.municipality_labels)
            name = labels.get(key) or _municipality_name(found, key)
            picker["error"] = str(GROUP_MESSAGES[problem]) % {"name": name}
        else:
            result_selectors.add_group(consultation, found, key)
            picker["value"] = next(v for v, k in found.values.items() if k == key)
    return found, picker


def _municipality_name(found, key) -> str:
    """The name of a hidden group, for the message only (never with a number)."""
    for row in found.municipalities:
        if row.key == key:
            return row.label
    return _("deze gemeente")


# ---------------------------------------------------------------- staff results and exports


_GROUP_VALUE = re.compile(r"[a-z0-9-]{0,100}")  # a slug, an id, "overige", "niet-opgegeven"


def _kept_name(page: str, request) -> str | None:
    """The name of a page's kept value: the page and the group asked for (as ``pick_group`` reads it); None for a
    value that is no group's (nothing is kept for it)."""
    value = request.GET.get(GROUP_PARAM, "").strip().lower()
    return f"{page}:{value}" if _GROUP_VALUE.fullmatch(value) else None


def _keep(name, picker) -> bool:
    """Whether to keep a page's value: without a group, or with one that could be shown (never one per typo)."""
    return name is not None and (picker is None or not picker["error"])


@login_required
@require_safe
def results(request, region, pk):
    """The staff results page. The results and the findings are rendered once per change of the consultation (see
    selectors/kept.py) and kept: 1 query besides the login's when they are kept, 4 when not."""
    head = kept.page_head(region, pk, now=timezone.now())
    consultation = access_head(request, head)
    store = kept.ResultsCache(head, today=timezone.localdate())
    name = _kept_name("staff", request)
    parts = store.peek(name) if name else None
    if parts is None:
        found, picker = _results_for_page(request, consultation)
        parts = (
            render_to_string(
                "consultations/results/_results.html", {"found": found, "picker": picker, "public": False}
            ),
            render_to_string(
                "consultations/results/_findings.html",
                {
                    "findings": result_selectors.findings_shown(consultation),
                    "public": False,
                    "consultation": consultation,
                },
            ),
        )
        if _keep(name, picker):
            store.put(name, parts)
    user = request.user
    return render(
        request,
        "consultations/results/staff.html",
        {
            "consultation": consultation,
            "region": consultation.region,
            "results_html": parts[0],
            "findings_html": parts[1],
            "can_moderate": permissions.can_moderate(user, consultation),
            "can_publish": permissions.can_publish(user, consultation),
            "can_pass_finding": more_permissions.can_pass_finding(user, consultation),
            "staff_url": _staff_url(consultation),
            "breadcrumbs": _trail(consultation, (_("Resultaten"), "")),
        },
    )


def _filename(consultation, suffix: str) -> str:
    return f"raadpleging-{consultation.pk}-{suffix}"


def _download(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, no_store=True)
    return response


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a streamed response."""

    def write(self, value: str) -> str:
        return value


def _csv_text(rows) -> str:
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    return BOM + "".join(writer.writerow(row) for row in rows)


@login_required
@require_safe
def results_csv(request, region, pk):
    """The results as CSV (Excel with Dutch settings): per question, then per municipality and per way of
    answering. Hidden groups left out."""
    consultation = access_consultation(request, region, pk)
    found = result_selectors.results(consultation, texts=False)
    rows = [
        *results_export.result_rows(found),
        [],
        *results_export.municipality_rows(found),
        [],
        *results_export.channel_rows(found),
    ]
    remark = results_export.note(found)
    if remark:
        rows += [[], [remark]]
    response = HttpResponse(_csv_text(rows), content_type="text/csv; charset=utf-8")
    return _download(response, _filename(consultation, "resultaten.csv"))


@login_required
@require_safe
def results_xlsx(request, region, pk):
    consultation = access_consultation(request, region, pk)
    found = result_selectors.results(consultation, texts=False)
    response = HttpResponse(
        results_export.xlsx_bytes(found, consultation.title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return _download(response, _filename(consultation, "resultaten.xlsx"))


@login_required
@require_safe
def answers_csv(request, region, pk):
    """Every answer, anonymous (no id, no date, no way of answering), in random order; the municipality replaced by
    "overige gemeenten" where the small-group rule hides it; only checked open answers. Streamed."""
    consultation = access_consultation(request, region, pk)
    found = result_selectors.results(consultation, texts=False)
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)

    def lines():
        yield BOM
        yield from results_export.answer_lines(found, result_selectors.answer_rows(consultation), writer)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return _download(response, _filename(consultation, "antwoorden.csv"))


@login_required
@require_safe
def results_pdf(request, region, pk):
    from inspraak.core.pdf import render_pdf  # WeasyPrint takes a second to import: only when needed

    consultation = access_consultation(request, region, pk)
    found = result_selectors.results(consultation, breakdown=False)  # totals only: a few pages at 350 municipalities
    _draw(found)
    pdf = render_pdf(
        "consultations/results/report_pdf.html",
        {
            "consultation": consultation,
            "found": found,
            "findings": result_selectors.findings_shown(consultation),
            "today": timezone.localdate(),
            "note": results_export.note(found),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(consultation, "resultaten.pdf")}"'
    patch_cache_control(response, no_store=True)
    return response


# ---------------------------------------------------------------- checking open answers


def _prefix(text) -> str:
    return f"a{text.pk.hex[:12]}"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def moderation(request, region, pk):
    """The open answers still to check, each with its own small form (show, edit then show, leave out)."""
    consultation = access_consultation(request, region, pk, check=permissions.can_moderate)
    bound = None
    status = None
    if request.method == "POST":
        text = result_selectors.text_to_check(consultation, request.POST.get("antwoord", ""))
        if text is None:
            messages.info(request, _("Dit antwoord is al nagekeken, misschien door iemand anders."))
            return redirect("consultations:moderation", region=consultation.region.slug, pk=consultation.pk)
        bound = ModerationForm(request.POST, prefix=_prefix(text))
        bound.text_pk = text.pk
        if bound.is_valid():
            try:
                done = services.moderate_text(
                    text=text,
                    action=bound.cleaned_data["action"],
                    edited=bound.cleaned_data.get("text") or "",
                    by=request.user,
                )
            except services.ResultsError as error:
                field = "text" if error.code in ("client_named", "empty", "too_long") else None
                bound.add_error(field, message_for(error, MESSAGES))
            else:
                messages.success(
                    request,
                    _("Weggelaten.") if done.status == "weggelaten" else _("Nagekeken: het antwoord wordt getoond."),
                )
                return redirect("consultations:moderation", region=consultation.region.slug, pk=consultation.pk)
        status = 400
    texts, pending = result_selectors.texts_to_check(consultation)
    items = []
    for text in texts:
        mine = bound is not None and bound.text_pk == text.pk
        form = bound if mine else ModerationForm(prefix=_prefix(text), initial={"text": text.text})
        items.append({"text": text, "form": form})
    return render(
        request,
        "consultations/results/moderation.html",
        {
            "consultation": consultation,
            "items": items,
            "pending": pending,
            "results_url": _results_url(consultation),
            "breadcrumbs": _trail(
                consultation, (_("Resultaten"), _results_url(consultation)), (_("Open antwoorden nakijken"), "")
            ),
        },
        status=status,
    )


# ---------------------------------------------------------------- publishing


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request, region, pk):
    consultation = access_consultation(request, region, pk, check=permissions.can_publish)
    form = PublishForm(
        request.POST if request.method == "POST" else None,
        initial={"outcome": consultation.outcome},
        version=consultation.version,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.publish(
                consultation=consultation,
                outcome=form.cleaned_data["outcome"],
                by=request.user,
                today=timezone.localdate(),
                version=form.posted_version,
            )
        except StaleEdit as stale:
            form.mark_stale(stale, {"outcome": stale.current.outcome if stale.current else ""})
        except services.ResultsError as error:
            form.add_error("outcome" if error.code != "status" else None, message_for(error, MESSAGES))
        else:
            messages.success(request, _("De resultaten zijn gepubliceerd. Iedereen kan ze nu zien."))
            return redirect(_results_url(consultation))
    pending = result_selectors.texts_to_check(consultation, limit=0)[1]
    intro = _(
        "Na het publiceren ziet iedereen de resultaten op de openbare pagina, met wat u hier schrijft. Groepen van "
        "minder dan 5 mensen blijven verborgen."
    )
    if pending:
        intro += " " + _("Let op: %(n)s open antwoorden zijn nog niet nagekeken. Die worden niet getoond.") % {
            "n": pending
        }
    return form_page(
        request,
        form,
        title=_("Resultaten publiceren"),
        submit=_("Publiceren"),
        intro=intro,
        back_url=_results_url(consultation),
        back_label=_("Terug naar de resultaten"),
        breadcrumbs=_trail(
            consultation, (_("Resultaten"), _results_url(consultation)), (_("Resultaten publiceren"), "")
        ),
        status=400 if request.method == "POST" else None,
    )


# ---------------------------------------------------------------- findings


def _finding_access(request, region, pk):
    return access_consultation(request, region, pk, check=more_permissions.can_pass_finding)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def finding_topic(request, region, pk):
    """Put a finding as a topic on a group's topic list."""
    consultation = _finding_access(request, region, pk)
    bodies, _requests = result_selectors.finding_targets(consultation.region)
    form = FindingTopicForm(request.POST if request.method == "POST" else None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        body = next(b for b in bodies if str(b.pk) == form.cleaned_data["body"])
        try:
            services.finding_to_topic(
                consultation=consultation,
                body=body,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except services.ResultsError as error:
            form.add_error("text" if error.code == "client_named" else None, message_for(error, MESSAGES))
        else:
            messages.success(
                request, _("De bevinding staat op de onderwerpenlijst van %(body)s.") % {"body": body.name}
            )
            return redirect(_results_url(consultation) + "#bevindingen")
    return form_page(
        request,
        form,
        title=_("Bevinding op de onderwerpenlijst van een groep"),
        submit=_("Op de lijst zetten"),
        intro=_("De groep ziet het onderwerp op haar lijst, met een link naar deze raadpleging."),
        back_url=_results_url(consultation),
        back_label=_("Terug naar de resultaten"),
        breadcrumbs=_trail(consultation, (_("Resultaten"), _results_url(consultation)), (_("Bevinding"), "")),
        status=400 if request.method == "POST" else None,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def finding_request(request, region, pk):
    """Attach a finding to an open advice request of the region."""
    consultation = _finding_access(request, region, pk)
    _bodies, requests = result_selectors.finding_targets(consultation.region)
    form = FindingRequestForm(request.POST if request.method == "POST" else None, requests=requests)
    if request.method == "POST" and form.is_valid():
        chosen = next(r for r in requests if str(r.pk) == form.cleaned_data["request"])
        try:
            services.finding_to_request(
                consultation=consultation, request=chosen, text=form.cleaned_data["text"], by=request.user
            )
        except services.ResultsError as error:
            form.add_error("text" if error.code == "client_named" else None, message_for(error, MESSAGES))
        else:
            messages.success(request, _("De bevinding hoort nu bij de adviesaanvraag."))
            return redirect(_results_url(consultation) + "#bevindingen")
    return form_page(
        request,
        form,
        title=_("Bevinding bij een adviesaanvraag"),
        submit=_("Toevoegen"),
        intro=_("Alleen adviesaanvragen die nog open zijn.") if requests else _("Er is nu geen open adviesaanvraag."),
        back_url=_results_url(consultation),
        back_label=_("Terug naar de resultaten"),
        breadcrumbs=_trail(consultation, (_("Resultaten"), _results_url(consultation)), (_("Bevinding"), "")),
        status=400 if request.method == "POST" else None,
    )


# ---------------------------------------------------------------- public pages


@require_safe
def public_list(request, region):
    region = region_selectors.region_by_slug(region)
    open_ones, past = result_selectors.public_consultations(region)
    return render(
        request,
        "consultations/results/public_list.html",
        {
            "region": region,
            "open_ones": open_ones,
            "past": past,
            "breadcrumbs": trail((region.name, region.get_absolute_url()), (_("Raadplegingen"), "")),
        },
    )


@require_safe
def public_detail(request, region, pk):
    """The public page of a consultation: how to take part while it is open, its results once published. Its main
    part is rendered once per change of the consultation (see selectors/kept.py) and kept: 1 query when kept, 5 when
    not."""
    head = kept.page_head(region, pk, now=timezone.now())
    if head is None or not permissions.is_public(head.consultation):
        raise Http404
    store = kept.ResultsCache(head, today=timezone.localdate())
    name = _kept_name("public", request)
    page = store.peek(name) if name else None
    if page is None:
        page, picker = _public_page(request, region, pk)
        if _keep(name, picker):
            store.put(name, page)
    title, breadcrumbs, main = page
    return render(
        request,
        "consultations/results/public_detail.html",
        {"region": head.consultation.region, "title": title, "breadcrumbs": breadcrumbs, "main": main},
    )


def _public_page(request, region, pk):
    """((the title, the breadcrumbs, the main part's HTML), the picker or None) of the public page. 4 queries."""
    consultation = selectors.public_consultation(region, pk, asks=False)
    region = consultation.region
    if not permissions.is_public(consultation):
        raise Http404
    found = None
    picker = None
    findings = []
    if permissions.results_public(consultation):
        found, picker = _results_for_page(request, consultation)
        findings = result_selectors.findings_shown(consultation)
    main = render_to_string(
        "consultations/results/public_main.html",
        {
            "region": region,
            "consultation": consultation,
            "found": found,
            "picker": picker,
            "findings": findings,
            "public": True,
            "is_open": consultation.status == "open",
            "enter_url": _answer_url("consultations:enter_code"),
            "open_url": _answer_url("consultations:open_start", consultation.pk) if consultation.open_link else "",
        },
    )
    breadcrumbs = trail(
        (region.name, region.get_absolute_url()),
        (_("Raadplegingen"), reverse("consultations:public_list", args=[region.slug])),
        (consultation.title, ""),
    )
    return (consultation.title, breadcrumbs, main), picker
