"""The claim pages in a real Chromium: 0 axe violations at 360 and 1280 px, no sideways scrolling on a phone, no CSP
violations; the member's form with errors too (on a phone it matters most). Screenshots go to $CLAIMS_SHOTS when set,
to look at them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.claims.data import claims_data
from tests.quality.browser import CSP_RECORDER, axe_violations, csp_violations, page_width

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]
WORLD_DATA = (claims_data,)
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}


def _problems(page, label: str) -> list[str]:
    problems = []
    if violations := csp_violations(page):
        problems.append(f"{label}: CSP {violations}")
    if (width := page_width(page)) > PHONE["width"]:
        problems.append(f"{label}: {width} px wide at 360 px")
    if violations := axe_violations(page, inject="evaluate"):
        problems.append(f"{label}: axe at 360 px:\n" + "\n".join(violations))
    _shot(page, f"{label}-360")
    page.set_viewport_size(DESKTOP)
    if violations := axe_violations(page, inject=False):
        problems.append(f"{label}: axe at 1280 px:\n" + "\n".join(violations))
    _shot(page, f"{label}-1280")
    page.set_viewport_size(PHONE)
    return problems


def _shot(page, name: str) -> None:
    folder = os.environ.get("CLAIMS_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _url(world, name, **extra):
    return reverse(f"claims:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def test_the_claim_pages_work_on_a_phone_and_a_desktop(world, new_context):
    data = claims_data(world)
    problems: list[str] = []
    for actor, pages in {
        "member": [
            ("new", _url(world, "new")),
            ("mine", _url(world, "mine")),
            ("own", _url(world, "detail", pk=data.own.pk)),
            ("edit", _url(world, "edit", pk=data.own.pk)),
        ],
        "secretary": [
            ("list", _url(world, "list")),
            ("decide", _url(world, "detail", pk=data.client.pk)),
            ("paper", _url(world, "paper")),
        ],
        "finance": [("region", reverse("claims:region_list", args=[world.region.slug]))],
    }.items():
        context = new_context(world.user(actor), viewport=PHONE, bypass_csp=False)
        context.add_init_script(CSP_RECORDER)
        page = context.new_page()
        for label, url in pages:
            response = page.goto(url)
            assert response.status == 200, f"{label}: {response.status}"
            problems += _problems(page, f"{actor}-{label}")
        if actor == "member":
            page.goto(_url(world, "new"))
            page.fill("#id_amount", "vier euro")
            page.click("form[enctype] button[type=submit]")
            assert page.locator(".utrecht-form-field-error-message").count() >= 2
            problems += _problems(page, "member-new-errors")
    assert not problems, "\n\n".join(problems)
