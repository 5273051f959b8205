"""The public advice register: every sent advice and what was done with it, the timeline of a proposal, and the
same as CSV and JSON. Open to everyone, no login; never drafts, comments or personal data."""

from __future__ import annotations

import csv
import hashlib
from urllib.parse import urlencode

from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from inspraak.advice.models import Verdict
from inspraak.core.breadcrumbs import trail
from inspraak.core.spreadsheet import BOM, CSV_DELIMITER, safe_row
from inspraak.regions import selectors as region_selectors
from inspraak.register import selectors
from inspraak.register.forms import PARAMS, RegisterFilterForm
from inspraak.register.present import Presenter


def _register_crumbs(region, *more: tuple[str, str]) -> list[dict]:
    return trail(
        (region.name, region.get_absolute_url()),
        (_("Adviesregister"), reverse("register:index", kwargs={"region": region.slug})),
        *more,
    )


def _filter_form(request, region, choices: dict | None = None) -> RegisterFilterForm:
    return RegisterFilterForm(request.GET or None, **(choices or selectors.filter_choices(region)))


# The query parameters the register's first page may be kept for (ADR 31): the filters and the page number.
_KEPT_PARAMS = frozenset((*PARAMS, "pagina"))
_KEPT_MAX = 100  # characters of one value (a slug, a year, a page number): a longer one is never a valid filter


def _kept_name(query) -> str | None:
    """The cache name of the register's content for this query string (the filters and the page, in the order
    given: the paging links repeat them), or None when it has other parameters, one twice, or a long value. The
    query is hashed: a cache key stays short and without spaces or control characters, whatever was typed."""
    for name, values in query.lists():
        if name not in _KEPT_PARAMS or len(values) != 1 or len(values[0]) > _KEPT_MAX:
            return None
    return "register:index:" + hashlib.blake2b(urlencode(list(query.items())).encode(), digest_size=16).hexdigest()


@require_safe
def index(request, region):
    """The register (25 a page, filtered). Its content is kept until the region changes (ADR 31), for valid filters
    and an existing page only: 1 query then; else 7 (the region, the filter choices, the page)."""
    today = timezone.localdate()
    region, cache = selectors.region_and_cache(region, today=today)
    name = _kept_name(request.GET)
    content = cache.peek(name) if name else None
    if content is None:
        content, valid = _index_content(request, region, today)
        if name and valid:
            cache.put(name, content)
    return render(
        request,
        "register/index.html",
        {"region": region, "content": mark_safe(content), "breadcrumbs": _register_crumbs(region)},  # noqa: S308
    )


def _index_content(request, region, today) -> tuple[str, bool]:
    """The register's content (the filters, the count, the cards, the paging), and whether the filters were valid
    and the page the one asked for (only then is it kept). The filter choices are kept until a municipality or body
    changes."""
    choices = selectors.kept_filter_choices(region)
    form = _filter_form(request, region, choices)
    filters = form.filters()
    asked = request.GET.get("pagina")
    page = selectors.register_page(region, filters, page=asked, today=today, places=choices)
    Presenter(region).cards(page.object_list, h=2)
    query = form.query()
    suffix = f"?{query}" if query else ""
    content = get_template("register/_index.html").render(
        {
            "request": request,
            "region": region,
            "form": form,
            "page": page,
            "filtered": bool(query),
            "csv_url": reverse("register:csv", kwargs={"region": region.slug}) + suffix,
            "api_url": reverse("api:advices", kwargs={"region": region.slug}) + suffix,
        }
    )
    valid = (not form.is_bound or form.is_valid()) and (asked is None or asked == str(page.number))
    return content, valid


@require_safe
def advice(request, region, pk):
    """One sent advice. Its title and content are kept until the region changes (ADR 31): 1 query then; else 3."""
    today = timezone.localdate()
    region, cache = selectors.region_and_cache(region, today=today)
    name = f"register:advice:{pk}"
    kept = cache.peek(name)
    if kept is None:
        advice = selectors.sent_advice(region, pk, today=today)  # 404 (never kept) for one not shown
        present = Presenter(region)
        advice.facts_html = present.facts(advice)
        advice.recommendations_html = present.recommendations(advice, short=False)
        content = get_template("register/_advice.html").render({"request": request, "region": region, "advice": advice})
        kept = (advice.subject, content)
        cache.put(name, kept)
    title, content = kept
    return _kept_page(request, "register/advice.html", region, title, content)


@require_safe
def proposal(request, region, pk):
    """The timeline of a proposal. Its title and content are kept until the region changes (ADR 31): 1 query then;
    else 7."""
    today = timezone.localdate()
    region, cache = selectors.region_and_cache(region, today=today)
    name = f"register:proposal:{pk}"
    kept = cache.peek(name)
    if kept is None:
        data = selectors.proposal_timeline(region, pk, today=today)  # 404 (never kept) for one not shown
        Presenter(region).cards(data["advices"], h=3)
        content = get_template("register/_proposal.html").render({"request": request, "region": region, **data})
        kept = (data["proposal"].title, content)
        cache.put(name, kept)
    title, content = kept
    return _kept_page(request, "register/proposal.html", region, title, content)


def _kept_page(request, template: str, region, title: str, content: str):
    """A page of one advice or proposal around its (kept) content."""
    return render(
        request,
        template,
        {
            "region": region,
            "title": title,
            "content": mark_safe(content),  # noqa: S308 (rendered by the template)
            "breadcrumbs": _register_crumbs(region, (title, "")),
        },
    )


@require_safe
def without_advice(request, region):
    region = region_selectors.region_by_slug(region)
    page = selectors.decided_without_advice_page(region, page=request.GET.get("pagina"))
    return render(
        request,
        "register/without_advice.html",
        {
            "region": region,
            "page": page,
            "breadcrumbs": trail((region.name, region.get_absolute_url()), (_("Besloten zonder advies"), "")),
        },
    )


# ---------------------------------------------------------------- CSV


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a streamed response."""

    def write(self, value: str) -> str:
        return value


def _csv_header() -> list[str]:
    return [
        _("nummer"),
        _("onderwerp"),
        _("soort"),
        _("groep"),
        _("gemeente of regio"),
        _("voorstel"),
        _("datum van de aanvraag"),
        _("uiterste datum voor het advies"),
        _("op tijd gevraagd"),
        _("tijdigheid"),
        _("verzonden op"),
        _("reactie uiterlijk"),
        _("reactie"),
        _("reactie ontvangen op"),
        _("dagen te laat"),
        _("aantal aanbevelingen"),
        _("overgenomen"),
        _("deels overgenomen"),
        _("niet overgenomen"),
        _("besluit genomen op"),
        _("link naar het besluit"),
        _("link naar het advies"),
        _("advies"),
        _("aanbevelingen en reacties"),
    ]


def _csv_row(advice, absolute) -> list:
    proposal = advice.public_proposal
    request = advice.request if advice.request_id else None
    verdicts = [r.public_verdict.verdict for r in advice.public_recommendations if r.public_verdict]
    recommendations = "\n".join(
        f"{r.number}. {r.text}"
        + (
            f" — {r.public_verdict.get_verdict_display()}"
            + (f": {r.public_verdict.reason}" if r.public_verdict.reason else "")
            if r.public_verdict
            else ""
        )
        for r in advice.public_recommendations
    )
    decided = proposal is not None and proposal.status == "besloten"
    row = [
        advice.pk,
        advice.subject,
        advice.get_kind_display(),
        advice.body.name,
        advice.where_label,
        proposal.title if proposal else "",
        request.requested_on.isoformat() if request else "",
        request.deadline.isoformat() if request else "",
        (_("ja") if advice.timeliness.ok else _("nee")) if advice.timeliness else "",
        advice.timeliness.message if advice.timeliness else "",
        advice.sent_on.isoformat() if advice.sent_on else "",
        advice.due.isoformat() if advice.due else "",
        advice.response_label,
        advice.public_response.responded_on.isoformat() if advice.public_response else "",
        advice.days_late,
        len(advice.public_recommendations),
        verdicts.count(Verdict.ADOPTED),
        verdicts.count(Verdict.PARTLY),
        verdicts.count(Verdict.NOT_ADOPTED),
        proposal.decided_on.isoformat() if decided and proposal.decided_on else "",
        proposal.decision_url if decided else "",
        absolute(selectors.advice_url(advice)),
        advice.text[:32000],
        recommendations[:32000],
    ]
    return safe_row(row)


@require_safe
def csv_export(request, region):
    """The filtered register as CSV for Excel: UTF-8 with a BOM, semicolons, streamed row by row."""
    region = region_selectors.region_by_slug(region)
    form = _filter_form(request, region)
    filters = form.filters()
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    absolute = request.build_absolute_uri

    def lines():
        yield BOM + writer.writerow(_csv_header())
        for advice in selectors.register_rows(region, filters):
            yield writer.writerow(_csv_row(advice, absolute))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"adviesregister-{region.slug}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------- the former JSON URLs (ADR 19)


def _moved(request, url_name: str, **kwargs) -> HttpResponseRedirect:
    """A permanent redirect (308) to the endpoint's path in inspraak.api, with the same query string."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(reverse(url_name, kwargs=kwargs) + (f"?{query}" if query else ""), status=308)


@require_safe
def api_advices(request, region):
    """Moved to ``/api/v1/regio/<region>/adviezen`` (no trailing slash)."""
    return _moved(request, "api:advices", region=region)


@require_safe
def api_proposal(request, region, pk):
    """Moved to ``/api/v1/regio/<region>/voorstellen/<id>``."""
    return _moved(request, "api:proposal", region=region, pk=pk)
