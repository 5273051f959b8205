"""The pages that bring the apps together: the home page, 'Mijn overzicht', the statements, a body's public page and
its dashboard, and the beheer start page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from inspraak.accounts.models import Role
from inspraak.accounts.permissions import can_manage_people
from inspraak.accounts.roles import roles_of
from inspraak.advice import permissions as advice_permissions
from inspraak.advice import selectors as advice_selectors
from inspraak.annualreports.permissions import can_read_body_report
from inspraak.audit.cache import RegionCache
from inspraak.claims import permissions as claim_permissions
from inspraak.compliance import present as compliance_present
from inspraak.consultations import permissions as consultation_permissions
from inspraak.core.breadcrumbs import body_trail, manage_trail, trail
from inspraak.dashboards import selectors
from inspraak.letters.permissions import can_print_letters
from inspraak.members import permissions as member_permissions
from inspraak.members import selectors as member_selectors
from inspraak.recruitment.permissions import can_view_vacancies
from inspraak.regions import changes
from inspraak.regions import permissions as region_permissions
from inspraak.regions import selectors as region_selectors
from inspraak.signals import permissions as signal_permissions
from inspraak.support import permissions as support_permissions
from inspraak.topics.permissions import can_list_topics
from inspraak.training import permissions as training_permissions


@require_safe
def home(request):
    """The region cards are cached per language under the change token of the regions (1 query); only a miss reads
    the regions (1 more). The cards are passed as a function, so the template calls it only on a miss."""
    return render(
        request,
        "dashboards/home.html",
        {"region_cards": selectors.public_region_cards, "regions_version": changes.version()},
    )


@login_required
@require_safe
def dashboard(request):
    context = selectors.dashboard_for(request.user)
    context["breadcrumbs"] = trail((_("Mijn overzicht"), ""))
    return render(request, "dashboards/dashboard.html", context)


@require_safe
def accessibility(request):
    return render(
        request,
        "dashboards/accessibility.html",
        {"regions": selectors.region_links(), "breadcrumbs": trail((_("Toegankelijkheid"), ""))},
    )


@require_safe
def privacy(request):
    return render(
        request,
        "dashboards/privacy.html",
        {
            "regions": selectors.region_links(),
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
            "link_minutes": settings.LOGIN_LINK_MINUTES,
            "code_days": settings.LOGIN_CODE_DAYS,
            "breadcrumbs": trail((_("Privacy"), "")),
        },
    )


# ---------------------------------------------------------------- a body: its public page and its own page


@require_safe
def body_detail(request, region, body):
    """What a body does, its composition and how to join (public: no personal data of clients).

    Below its heading the page is the same for everyone: it is kept in the region's cache (ADR 31: keyed on the
    region's newest audit row, the language and the date) together with "is the client heard?", whose votes are
    counted afresh (they are not audited) and whose number of contributors is part of the key. Kept: 2 or 3
    queries whatever the size of the body."""
    body = region_selectors.body_by_slugs(region, body)
    today = timezone.localdate()
    cache = RegionCache(body.region, today=today)
    heard = compliance_present.heard([body], year=today.year, cache=cache)[0]

    def content() -> str:
        composition = member_selectors.body_composition(body, today=today)
        context = {"region": body.region, "body": body, "composition": composition, "heard": heard}
        return render_to_string("dashboards/_body_detail.html", context)

    return render(
        request,
        "dashboards/body_detail.html",
        {
            "region": body.region,
            "body": body,
            "content": mark_safe(cache.get(f"dashboards:body:{body.pk}:{heard.contributors}", content)),  # noqa: S308 rendered by the template engine
            "can_view_dashboard": region_permissions.can_view_body_dashboard(request.user, body),
            "breadcrumbs": trail((body.region.name, body.region.get_absolute_url()), (body.name, "")),
        },
    )


def _body_links(user, body) -> dict:
    """What the body dashboard links to: each a permission of the app the link goes to."""
    return {
        "can_view_members": member_permissions.can_view_member_list(user, body),
        "can_manage_members": member_permissions.can_manage_members(user, body),
        "can_view_vacancies": can_view_vacancies(user, body),
        "can_take_part": can_list_topics(user, body),
        "can_manage": region_permissions.can_manage_region(user, body.region),
        "can_manage_people": can_manage_people(user, body.region),
        "can_support": region_permissions.can_support_body(user, body),
        "can_read_reports": can_read_body_report(user, body),
        # Support for members (issue 13): what they receive, trainings, expense claims; signals from practice.
        "can_read_scheme": support_permissions.can_read_scheme(user, body),
        "can_see_member_page": support_permissions.can_see_member_page(user, body),
        "can_see_trainings": training_permissions.can_see_trainings(user, body),
        "can_claim": claim_permissions.can_claim(user, body),
        "can_view_claims": claim_permissions.can_view_claims(user, body),
        "can_view_signals": signal_permissions.can_view_body_signals(user, body),
        "can_run_consultations": consultation_permissions.can_create_for_body(user, body),
    }


def _kept_composition(body) -> str:
    """The body's composition check and seat allocation as HTML, kept in the region's cache (ADR 31: keyed on the
    region's newest audit row, the language and the date; every change of a membership, a municipality's client group
    or the body's rules writes an audit row of the region). The same for everyone who may see it (no names), and for a
    body serving 350 municipalities most of the page's work. 1 query when kept (the audit row), else 3."""
    today = timezone.localdate()

    def content() -> str:
        composition = member_selectors.body_composition(body, today=today)
        # A body serving hundreds of municipalities: the full allocation table (hundreds of rows) stays on the public
        # page; the dashboard gives its totals and biggest shortfalls and links there.
        public = reverse("dashboards:body", kwargs={"region": body.region.slug, "body": body.slug})
        return render_to_string(
            "members/_composition.html", {"composition": composition, "full_table_url": f"{public}#zetelverdeling"}
        )

    html = RegionCache(body.region, today=today).get(f"members:composition:{body.pk}", content)
    return mark_safe(html)  # noqa: S308 rendered by the template engine


@login_required
@require_safe
def body_dashboard(request, region, body):
    body = region_selectors.body_for_user(request.user, region, body)
    if not region_permissions.can_view_body_dashboard(request.user, body):
        raise PermissionDenied
    held = roles_of(request.user).roles_in_body(body.pk)
    labels = dict(Role.choices)
    return render(
        request,
        "dashboards/body_dashboard.html",
        {
            "region": body.region,
            "body": body,
            # With the paper letters waiting for the post (letters app), counted for those who print them (None for
            # the others).
            **selectors.body_support(body, count_letters=can_print_letters(request.user, body)),
            "my_roles": [labels[r] for r in sorted(held)],
            "is_member": Role.MEMBER in held,
            "composition_html": _kept_composition(body)
            if member_permissions.can_view_composition(request.user, body)
            else "",
            "advice_summary": advice_selectors.body_advice_summary(body)
            if advice_permissions.can_view_body_advice(request.user, body)
            else None,
            **_body_links(request.user, body),
            "breadcrumbs": body_trail(body),
        },
    )


# ---------------------------------------------------------------- beheer


@login_required
@require_safe
def manage_home(request):
    if not region_permissions.can_open_management(request.user):
        raise PermissionDenied
    regions = selectors.managed_regions(request.user)
    context = {
        "regions": regions,
        "can_create_region": region_permissions.can_create_region(request.user),
        "breadcrumbs": manage_trail(),
    }
    site_region = selectors.site_region_from(request.user, regions)
    if site_region is not None:
        context["site_region"] = site_region
    return render(request, "dashboards/manage_home.html", context)
