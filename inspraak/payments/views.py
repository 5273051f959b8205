"""Money to members: allowances per month, payment batches (CSV, PDF, paid), yearly statements and the budget."""

from __future__ import annotations

import csv
import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspraak.accounts.roles import roles_of
from inspraak.core.breadcrumbs import body_trail, dashboard_trail
from inspraak.core.errors import message_for
from inspraak.core.pages import form_page
from inspraak.core.spreadsheet import BOM, CSV_DELIMITER, safe_row
from inspraak.payments import forms, permissions, selectors, services
from inspraak.payments.access import access_batch, access_body, access_finance_region
from inspraak.payments.models import PaymentItem
from inspraak.payments.money import euro as money_text
from inspraak.payments.money import plain

ERRORS = {
    "not_member": gettext_lazy("Deze persoon is deze maand geen lid van de groep."),
    "already_approved": gettext_lazy(
        "Deze vergoeding is al goedgekeurd. Misschien deed iemand anders dat net. Kijk hieronder wat er nu staat."
    ),
    "nothing": gettext_lazy("Er is voor deze maand geen vergoeding voor dit lid."),
    "zero": gettext_lazy("Vul een bedrag in dat groter is dan nul. Wilt u niets betalen? Sla het lid dan over."),
    "above_computed": gettext_lazy("Het bedrag kan niet hoger zijn dan de berekende vergoeding (%(computed)s)."),
    "needs_choice": gettext_lazy(
        "Er is een waarschuwing. Kies: vink aan dat u toch goedkeurt, vul een lager bedrag in, of sla dit lid over."
    ),
    "nothing_open": gettext_lazy("Er is deze maand niets meer om goed te keuren."),
    "paid_in_future": forms.FUTURE_PAYMENT,
    "nothing_ready": gettext_lazy(
        "Er is niets om te betalen: geen goedgekeurde vergoedingen of declaraties die nog niet in een batch zitten. "
        "Misschien heeft iemand anders net een batch gemaakt."
    ),
    "busy": gettext_lazy("Iemand anders maakte tegelijk een batch. Probeer het opnieuw."),
    "already_paid": gettext_lazy("Dit is al als betaald gemarkeerd."),
    "no_statements": gettext_lazy(
        "Niemand van de groep kreeg in dit jaar iets betaald. Er is geen jaaropgave te sturen."
    ),
}


def _month(year: int, month: int) -> datetime.date:
    today = timezone.localdate()
    if not (2000 <= year <= today.year + 1 and 1 <= month <= 12):
        raise Http404
    return datetime.date(year, month, 1)


def _year(year: int) -> int:
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


def _month_label(month: datetime.date) -> str:
    return date_format(month, "F Y")


def _allowance_crumbs(body, *steps):
    url = reverse("payments:allowances", args=[body.region.slug, body.slug])
    return body_trail(body, (_("Vrijwilligersvergoedingen"), url), *steps)


# Allowances


@login_required
@require_safe
def allowances(request, region, body):
    body = access_body(request, region, body)
    today = timezone.localdate()
    year = int(request.GET.get("jaar") or today.year) if str(request.GET.get("jaar", "")).isdigit() else today.year
    year = _year(year)
    return render(
        request,
        "payments/allowances.html",
        {
            "body": body,
            "region": body.region,
            "year": year,
            "months": selectors.year_months(body, year, today),
            "years": [today.year - 1, today.year],
            "breadcrumbs": _allowance_crumbs(body),
        },
    )


def _month_page(request, body, month, *, bound=None, status=None):
    overview = selectors.month_overview(body, month)
    approved = _("Goedgekeurd: %(amount)s (%(name)s, %(date)s).")
    paid = _("Betaald op %(date)s.")
    changed = _(
        "De aanwezigheid is veranderd na het goedkeuren. Toen: %(meetings)s bijeenkomsten (%(amount)s). Nu: "
        "%(now_meetings)s (%(now_amount)s). Het goedgekeurde bedrag blijft hetzelfde; regel een verschil met de "
        "afdeling financiën."
    )
    texts: dict = {}

    def euro(amount) -> str:  # most members get one of a few amounts: each written once
        if amount not in texts:
            texts[amount] = money_text(amount)
        return texts[amount]

    cells = _MonthCells()
    for row in overview["rows"]:
        # The texts of a row made here once (no {% blocktranslate %} per member in the template).
        row.computed_text = euro(row.computed)
        if row.approved is not None:
            done = row.approved
            row.approved_text = approved % {
                "amount": euro(done.amount),
                "name": done.approved_by.name if done.approved_by and done.approved_by.name else "–",
                "date": date_format(timezone.localtime(done.approved_at), "j F Y"),
            }
            if done.paid_on:
                row.approved_text += " " + paid % {"date": date_format(done.paid_on, "j F Y")}
            if row.changed_since_approval:
                row.changed_text = changed % {
                    "meetings": done.meetings,
                    "amount": euro(done.computed),
                    "now_meetings": row.meetings,
                    "now_amount": row.computed_text,
                }
        row.cells = cells.html(row)
        if bound is not None and bound.prefix == f"m{row.user.pk}":
            if not row.warnings:
                bound.fields.pop("accept_warning", None)
            row.form = bound
        elif row.approved is None and row.computed > 0:
            row.form = forms.ApproveForm(row=row)
    return render(
        request,
        "payments/allowance_month.html",
        {
            "body": body,
            # The header shows the body's region: no query for the person's home region.
            "region": body.region,
            **overview,
            "month_label": _month_label(month),
            "approve_url": reverse(
                "payments:allowance_approve", args=[body.region.slug, body.slug, month.year, month.month]
            ),
            "breadcrumbs": _allowance_crumbs(body, (_month_label(month), "")),
        },
        status=status,
    )


class _MonthCells:
    """The first four cells of a member's row on the month page (name, meetings, computed amount, warnings), written
    here with every value escaped: the markup the template wrote per member before, the labels translated once."""

    def __init__(self):
        self.chair = escape(_("voorzitter"))
        self.meetings = escape(_("Bijeenkomsten"))
        self.computed = escape(_("Berekend"))
        self.warning = escape(_("Let op"))

    def html(self, row) -> SafeString:
        chair = f" ({self.chair})" if row.membership.body_role == "voorzitter" else ""
        warnings = "".join(
            f'<p class="utrecht-paragraph"><strong>{escape(warning)}</strong></p>' for warning in row.warnings
        )
        changed = getattr(row, "changed_text", "")
        changed = f'<p class="utrecht-paragraph"><strong>{escape(changed)}</strong></p>' if changed else ""
        return mark_safe(  # noqa: S308 (every value escaped)
            f'      <th scope="row" class="utrecht-table__header-cell">{escape(row.user.name)}{chair}</th>\n'
            f'      <td class="utrecht-table__cell" data-label="{self.meetings}">{row.meetings}</td>\n'
            f'      <td class="utrecht-table__cell" data-label="{self.computed}">{escape(row.computed_text)}</td>\n'
            f'      <td class="utrecht-table__cell inspraak-cell--full" data-label="{self.warning}">{warnings or "–"}\n'
            f"        {changed}</td>"
        )


@login_required
@require_safe
def allowance_month(request, region, body, year, month):
    body = access_body(request, region, body)
    return _month_page(request, body, _month(year, month))


@login_required
@require_POST
def allowance_approve(request, region, body, year, month):
    body = access_body(request, region, body)
    month = _month(year, month)
    member = request.POST.get("member", "")
    back = redirect("payments:allowance_month", body.region.slug, body.slug, month.year, month.month)
    form = forms.ApproveForm(request.POST, prefix=f"m{member}" if member.isdigit() else "m0")
    # The hidden field is named with the prefix; the plain "member" tells which row's form this is. Without it (an
    # old page, a form cut off) no row can show the error: say so on the month page instead.
    if not member.isdigit() or "member" in form.errors:
        messages.error(request, _("Het formulier was niet compleet: er stond geen lid in. Er is niets goedgekeurd."))
        return back
    if form.is_valid():
        try:
            services.allowance_approve(
                body=body,
                month=month,
                user_id=form.cleaned_data["member"],
                amount=form.cleaned_data["amount"],
                accept_warning=form.cleaned_data.get("accept_warning", False),
                by=request.user,
            )
        except services.PaymentError as error:
            if error.code in ("already_approved", "not_member", "nothing"):
                messages.error(request, message_for(error, ERRORS))
                return back
            field = "accept_warning" if error.code == "needs_choice" and "accept_warning" in form.fields else "amount"
            form.add_error(field, message_for(error, ERRORS))
        else:
            messages.success(request, _("De vergoeding is goedgekeurd."))
            return back
    return _month_page(request, body, month, bound=form, status=400)


@login_required
@require_POST
def allowance_approve_all(request, region, body, year, month):
    body = access_body(request, region, body)
    month = _month(year, month)
    try:
        done, left = services.allowances_approve_all(body=body, month=month, by=request.user)
    except services.PaymentError as error:
        messages.error(request, message_for(error, ERRORS))
    else:
        text = ngettext("%(count)s vergoeding goedgekeurd.", "%(count)s vergoedingen goedgekeurd.", done) % {
            "count": done
        }
        if left:
            text += " " + ngettext(
                "Bij %(count)s lid staat een waarschuwing: kies daar zelf.",
                "Bij %(count)s leden staat een waarschuwing: kies daar zelf.",
                left,
            ) % {"count": left}
        messages.success(request, text)
    return redirect("payments:allowance_month", body.region.slug, body.slug, month.year, month.month)


# Payment batches


def _batches_page(request, *, region, body, create_url, crumbs):
    before = request.GET.get("na", "")
    before = int(before) if before.isdigit() and len(before) < 10 else None
    page = selectors.batches(region=region, body=body, before=before)
    return render(
        request,
        "payments/batches.html",
        {
            "region": region,
            "body": body,
            "ready": selectors.ready_summary([body.pk]) if body is not None else selectors.ready_summary(region=region),
            "batches": page["rows"],
            "batch_list": _batch_list(page["rows"], region=region, with_group=body is None),
            # Newest first, 25 a page: "oudere batches" continues below the last number shown.
            "older_url": f"?na={page['older']}" if page["older"] is not None else "",
            "newest_url": "?" if before is not None else "",
            "create_url": create_url,
            "breadcrumbs": crumbs,
        },
    )


def _batch_list(batches, *, region, with_group: bool) -> SafeString:
    """The list items of the batches page (``selectors.BatchRow``), written once here with every value escaped (the
    markup the template wrote per batch before): one reverse(), the texts translated once per page and each amount,
    date and line count written once."""
    url = escape(reverse("payments:batch", args=[region.slug, 0])).replace("/0/", "/{}/")
    unpaid = escape(_("Nog niet betaald."))
    paid = _("Betaald op %(date)s.")
    texts: dict = {}

    def once(key, make) -> str:
        if key not in texts:
            texts[key] = make()
        return texts[key]

    html = []
    for batch in batches:
        group = f" ({escape(batch.body_name)})" if with_group and batch.body_name is not None else ""
        lines = once(("l", batch.item_count, batch.total), lambda: _lines(batch.item_count, batch.total))  # noqa: B023
        if batch.paid_on:
            state = once(("p", batch.paid_on), lambda: paid % {"date": escape(date_format(batch.paid_on, "j F Y"))})  # noqa: B023
        else:
            state = unpaid
        html.append(
            f'<li><a class="utrecht-link" href="{url.format(batch.pk)}">{escape(batch.reference)}</a>'
            f"{group}: {lines}. {state}</li>"
        )
    return mark_safe("".join(html))  # noqa: S308 (every value escaped above)


def _lines(n: int, total) -> str:
    return ngettext("%(counter)s regel, %(total)s", "%(counter)s regels, %(total)s", n) % {
        "counter": n,
        "total": escape(money_text(total)),
    }


@login_required
@require_safe
def body_batches(request, region, body):
    body = access_body(request, region, body, permissions.can_make_batches_for_body)
    return _batches_page(
        request,
        region=body.region,
        body=body,
        create_url=reverse("payments:body_batch_create", args=[body.region.slug, body.slug]),
        crumbs=body_trail(body, (_("Betalingen"), "")),
    )


@login_required
@require_POST
def body_batch_create(request, region, body):
    body = access_body(request, region, body, permissions.can_make_batches_for_body)
    return _create_batch(request, body.region, body, "payments:body_batches", [body.region.slug, body.slug])


@login_required
@require_safe
def region_batches(request, region):
    region = access_finance_region(request, region)
    return _batches_page(
        request,
        region=region,
        body=None,
        create_url=reverse("payments:region_batch_create", args=[region.slug]),
        crumbs=_finance_crumbs(region, (_("Betalingen"), "")),
    )


@login_required
@require_POST
def region_batch_create(request, region):
    region = access_finance_region(request, region)
    return _create_batch(request, region, None, "payments:region_batches", [region.slug])


def _create_batch(request, region, body, back, args):
    try:
        batch = services.batch_create(region=region, body=body, by=request.user)
    except services.PaymentError as error:
        messages.error(request, message_for(error, ERRORS))
        return redirect(back, *args)
    return redirect("payments:batch", region.slug, batch.pk)


def _finance_crumbs(region, *steps):
    label = _("Financiën %(region)s") % {"region": region.name}
    return dashboard_trail((label, reverse("payments:finance_home", args=[region.slug])), *steps)


def _batch_crumbs(request, batch, *steps):
    label = _("Betaalbatch %(ref)s") % {"ref": batch.reference}
    url = reverse("payments:batch", args=[batch.region.slug, batch.pk])
    if batch.body is not None and not permissions.can_make_region_batches(request.user, batch.region):
        batch.body.region = batch.region
        return body_trail(
            batch.body,
            (_("Betalingen"), reverse("payments:body_batches", args=[batch.region.slug, batch.body.slug])),
            (label, url),
            *steps,
        )
    batches_url = reverse("payments:region_batches", args=[batch.region.slug])
    return _finance_crumbs(batch.region, (_("Betalingen"), batches_url), (label, url), *steps)


@login_required
@require_safe
def batch(request, region, pk):
    batch = access_batch(request, region, pk)
    return render(
        request,
        "payments/batch.html",
        {
            "region": batch.region,
            "batch": batch,
            "rows": _batch_rows(selectors.batch_lines(batch)),
            "can_mark_paid": permissions.can_mark_batch_paid(request.user, batch),
            "breadcrumbs": _batch_crumbs(request, batch),
        },
    )


def _batch_rows(lines) -> SafeString:
    """The table rows of the batch page, written once here with every value escaped (the markup the template wrote
    per line before): the labels and each amount and period text made once per page."""
    cell = '<td class="utrecht-table__cell" data-label="{}">'.format
    reference, kind, period, group, amount = (
        cell(escape(_(label))) for label in ("Kenmerk", "Soort", "Periode", "Groep", "Bedrag")
    )
    erased = escape(_("(gegevens gewist)"))
    kinds = {value: escape(label) for value, label in PaymentItem.Kind.choices}
    texts: dict = {}

    def once(key, make) -> str:
        if key not in texts:
            texts[key] = escape(make())
        return texts[key]

    html = []
    for name, user_id, ref, item_kind, when, body_name, money in lines:
        monthly = item_kind == PaymentItem.Kind.ALLOWANCE
        shown = once(("p", monthly, when), lambda: date_format(when, "F Y" if monthly else "j F Y"))  # noqa: B023
        html.append(
            '\n    <tr class="utrecht-table__row">\n'
            f'      <th scope="row" class="utrecht-table__header-cell">{escape(name) if user_id else erased}</th>\n'
            f"      {reference}{escape(ref)}</td>\n"
            f"      {kind}{kinds.get(item_kind, escape(item_kind))}</td>\n"
            f"      {period}{shown}</td>\n"
            f"      {group}{escape(body_name)}</td>\n"
            f"      {amount}{once(money, lambda: money_text(money))}</td>\n"  # noqa: B023
            "    </tr>\n  "
        )
    return mark_safe("".join(html))  # noqa: S308 (every value escaped above)


def _csv_rows(batch, items):
    yield ["persoon", "kenmerk", "bedrag", "periode", "soort", "groep", "batch"]
    for item in items:
        period = f"{item.period:%Y-%m}" if item.kind == PaymentItem.Kind.ALLOWANCE else f"{item.period:%Y-%m-%d}"
        yield safe_row(
            [
                item.user.name if item.user else _("(gegevens gewist)"),
                item.reference,
                plain(item.amount),
                period,
                item.get_kind_display(),
                item.body.name,
                batch.reference,
            ]
        )


@login_required
@require_safe
def batch_csv(request, region, pk):
    batch = access_batch(request, region, pk)
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    for row in _csv_rows(batch, selectors.batch_items(batch)):
        writer.writerow(row)
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="betaalbatch-{batch.reference}.csv"'
    patch_cache_control(response, no_store=True)
    return response


@login_required
@require_safe
def batch_pdf(request, region, pk):
    batch = access_batch(request, region, pk)
    from inspraak.core.pdf import render_pdf  # WeasyPrint takes a second to import: only when needed

    pdf = render_pdf(
        "payments/batch_pdf.html", {"batch": batch, "items": selectors.batch_items(batch)}, request=request
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="betaalbatch-{batch.reference}.pdf"'
    patch_cache_control(response, no_store=True)
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def batch_paid(request, region, pk):
    batch = access_batch(request, region, pk, permissions.can_mark_batch_paid)
    today = timezone.localdate()
    form = forms.PaidForm(request.POST or None, initial={"paid_on": today}, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            services.batch_mark_paid(batch=batch, paid_on=form.cleaned_data["paid_on"], by=request.user)
        except services.PaymentError as error:
            messages.error(request, message_for(error, ERRORS))
        else:
            messages.success(request, _("De batch staat op betaald."))
        return redirect("payments:batch", batch.region.slug, batch.pk)
    return form_page(
        request,
        form,
        title=_("Batch %(ref)s betaald") % {"ref": batch.reference},
        intro=_(
            "Vul in wanneer het geld is overgemaakt. De vergoedingen en declaraties in deze batch staan dan op betaald."
        ),
        submit=_("Zet op betaald"),
        breadcrumbs=_batch_crumbs(request, batch, (_("Betaald"), "")),
        back_url=reverse("payments:batch", args=[batch.region.slug, batch.pk]),
        back_label=_("Terug naar de batch"),
        status=400 if form.is_bound else None,
    )


@login_required
@require_safe
def finance_home(request, region):
    region = access_finance_region(request, region)
    today = timezone.localdate()
    return render(
        request,
        "payments/finance_home.html",
        {
            "region": region,
            "bodies": selectors.region_bodies(region),
            "year": today.year,
            # Allowances are approved after the month: the link goes to last month.
            "month": today.replace(day=1) - datetime.timedelta(days=1),
            "breadcrumbs": dashboard_trail((_("Financiën %(region)s") % {"region": region.name}, "")),
        },
    )


# Yearly statements


@login_required
@require_safe
def my_statement(request, year):
    report = selectors.statement(request.user, _year(year))
    return render(
        request,
        "payments/my_statement.html",
        {
            "statement": report,
            **_home_region(request.user, report.bodies),
            "years": [timezone.localdate().year - 1, timezone.localdate().year],
            "breadcrumbs": dashboard_trail((_("Jaaropgave %(year)s") % {"year": year}, "")),
        },
    )


def _home_region(user, bodies) -> dict:
    """{"region": the one region the person works in} when one of ``bodies`` (read with their region) is in it, so
    the header needs no query of its own; {} otherwise (the header then reads it itself, as on every page)."""
    region_ids = roles_of(user).region_ids
    if len(region_ids) == 1:
        (region_id,) = region_ids
        for body in bodies:
            if body.region_id == region_id:
                return {"region": body.region}
    return {}


@login_required
@require_safe
def my_statement_pdf(request, year):
    report = selectors.statement(request.user, _year(year))
    from inspraak.core.pdf import render_pdf

    context = {"statement": report, "today": timezone.localdate()}
    pdf = render_pdf("payments/statement_pdf.html", context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="jaaropgave-{year}.pdf"'
    patch_cache_control(response, no_store=True)
    return response


@login_required
@require_safe
def statements(request, region, body, year):
    body = access_body(request, region, body, permissions.can_send_statements)
    year = _year(year)
    return render(
        request,
        "payments/statements.html",
        {
            "body": body,
            "region": body.region,
            "year": year,
            "people": selectors.statement_members(body, year),
            "breadcrumbs": body_trail(body, (_("Jaaropgaven %(year)s") % {"year": year}, "")),
        },
    )


@login_required
@require_POST
def statements_send(request, region, body, year):
    body = access_body(request, region, body, permissions.can_send_statements)
    year = _year(year)
    try:
        sent = services.statements_send(body=body, year=year, by=request.user)
    except services.PaymentError as error:
        messages.error(request, message_for(error, ERRORS))
    else:
        messages.success(
            request,
            _("Jaaropgaven verstuurd: %(email)s per e-mail, %(letter)s als brief (bij de post).") % sent,
        )
    return redirect("payments:statements", body.region.slug, body.slug, year)


# Budget


def _budget_crumbs(body, year, *steps):
    url = reverse("payments:budget", args=[body.region.slug, body.slug, year])
    return body_trail(body, (_("Begroting %(year)s") % {"year": year}, url), *steps)


@login_required
@require_safe
def budget(request, region, body, year):
    body = access_body(request, region, body, permissions.can_view_budget)
    year = _year(year)
    return render(
        request,
        "payments/budget.html",
        {
            "body": body,
            "region": body.region,
            **selectors.budget(body, year, timezone.localdate()),
            "can_plan": permissions.can_plan_budget(request.user, body),
            "can_add_cost": permissions.can_add_budget_cost(request.user, body),
            "breadcrumbs": _budget_crumbs(body, year),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def budget_plan(request, region, body, year):
    body = access_body(request, region, body, permissions.can_plan_budget)
    year = _year(year)
    from inspraak.support.models import BudgetKind

    current = selectors.budget(body, year, timezone.localdate())["planned"]
    form = forms.BudgetPlanForm(request.POST or None, kinds=BudgetKind.choices, initial=current, current=current)
    if request.method == "POST" and form.is_valid():
        services.budget_plan(body=body, year=year, planned=form.planned(), by=request.user)
        messages.success(request, _("De begroting is opgeslagen."))
        return redirect("payments:budget", body.region.slug, body.slug, year)
    return form_page(
        request,
        form,
        title=_("Begroting %(year)s wijzigen") % {"year": year},
        intro=_(
            "Vul per soort kosten in hoeveel geld er dit jaar voor de groep is. Laat leeg als er niets is begroot."
        ),
        submit=_("Opslaan"),
        breadcrumbs=_budget_crumbs(body, year, (_("Wijzigen"), "")),
        back_url=reverse("payments:budget", args=[body.region.slug, body.slug, year]),
        back_label=_("Terug naar de begroting"),
        body=body,
        status=400 if form.is_bound else None,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def budget_cost_add(request, region, body, year):
    body = access_body(request, region, body, permissions.can_add_budget_cost)
    year = _year(year)
    from inspraak.support.models import BudgetKind

    kinds = [(k, label) for k, label in BudgetKind.choices if k not in (BudgetKind.ALLOWANCES, BudgetKind.EXPENSES)]
    form = forms.BudgetCostForm(request.POST or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        services.budget_cost_add(body=body, by=request.user, **form.cleaned_data)
        messages.success(request, _("De uitgave is opgeslagen."))
        return redirect("payments:budget", body.region.slug, body.slug, form.cleaned_data["date"].year)
    return form_page(
        request,
        form,
        title=_("Uitgave toevoegen"),
        intro=_(
            "Bijvoorbeeld de rekening van de gespreksleider of de zaalhuur. Vergoedingen en declaraties van leden "
            "komen vanzelf in de begroting."
        ),
        submit=_("Opslaan"),
        breadcrumbs=_budget_crumbs(body, year, (_("Uitgave toevoegen"), "")),
        back_url=reverse("payments:budget", args=[body.region.slug, body.slug, year]),
        back_label=_("Terug naar de begroting"),
        body=body,
        status=400 if form.is_bound else None,
    )


@login_required
@require_POST
def budget_cost_paid(request, region, body, year, pk):
    """Mark one of the group's other costs (an invoice, the room) as paid: the budget then counts it as spent."""
    body = access_body(request, region, body, permissions.can_add_budget_cost)
    cost = selectors.budget_cost_in(body, pk)
    try:
        services.budget_cost_mark_paid(cost=cost, by=request.user)
    except services.PaymentError as error:
        messages.error(request, message_for(error, ERRORS))
    else:
        messages.success(request, _("De uitgave staat op betaald."))
    return redirect("payments:budget", body.region.slug, body.slug, _year(year))
