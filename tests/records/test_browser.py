"""The warnings before minutes or a feedback report go public, in a real Chromium: axe-clean, at 360 px, no JS."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from inspraak.records.models import FeedbackReport, Minutes
from tests.quality.browser import CSP_RECORDER, assert_accessible, csp_violations, page_width
from tests.records.data import records

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}
NAMED = "Mevrouw Cliënt vond de brieven lastig."


def _url(world, name, meeting) -> str:
    return reverse(f"records:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": meeting.pk})


def _logged_in(new_context, user, **options):
    page = new_context(viewport=PHONE, **options).new_page()
    page.goto("/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/mijn-overzicht/")
    return page


def test_the_warnings_before_going_public_are_accessible(world, new_context):
    data = records(world)
    Minutes.objects.filter(meeting=data.closed).update(public=False, public_text=NAMED)
    Minutes.objects.filter(pk=data.minutes.pk).update(public_text=NAMED)
    FeedbackReport.objects.filter(pk=data.draft_report.pk).update(public=True, views_text=NAMED)
    page = _logged_in(new_context, world.user("secretary"))
    page.context.add_init_script(CSP_RECORDER)
    for name, meeting in (("minutes", data.closed), ("minutes_approve", data.held)):
        page.goto(_url(world, name, meeting))
        expect(page.get_by_text("“Mevrouw Cliënt”").first).to_be_visible()
        assert page_width(page) <= PHONE["width"]
        assert_accessible(page, f"warning before going public: {name}")
    assert not csp_violations(page)


def test_the_warning_before_sending_a_report_works_without_javascript(world, new_context):
    data = records(world)
    FeedbackReport.objects.filter(pk=data.draft_report.pk).update(public=True, views_text=NAMED)
    page = _logged_in(new_context, world.user("facilitator"), java_script_enabled=False, bypass_csp=False)
    page.goto(_url(world, "feedback_send", data.held))
    expect(page.get_by_text("“Mevrouw Cliënt”").first).to_be_visible()
    assert page_width(page) <= PHONE["width"]
