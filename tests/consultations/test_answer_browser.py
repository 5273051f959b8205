"""A client answers on a 360 px phone without JavaScript: the code from the QR code, the pages, an error, the check
page, submit. Every respondent page: 0 axe violations at 360 and 1280 px, no sideways scrolling, right-to-left."""

from __future__ import annotations

import pytest

from inspraak.consultations.models import InvitationCode, Translation
from tests.consultations.data import consultation_data
from tests.consultations.data_answer import real_code
from tests.quality.browser import axe_violations, page_width

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}


def _problems(page, label):
    found = []
    if page_width(page) > PHONE["width"]:
        found.append(f"{label}: scrolls sideways at 360 px")
    if violations := axe_violations(page):
        found.append(f"{label} at 360 px:\n" + "\n".join(violations))
    page.set_viewport_size({"width": 1280, "height": 800})
    if violations := axe_violations(page, inject=False):
        found.append(f"{label} at 1280 px:\n" + "\n".join(violations))
    page.set_viewport_size(PHONE)
    return found


def test_a_client_answers_on_a_phone_without_javascript(world, new_context):
    data = consultation_data(world)
    section = data.gr.sections.first()
    Translation.objects.create(
        consultation=data.gr,
        language="ar",
        name="العربية",
        right_to_left=True,
        texts={f"section:{section.pk}:title": "عن الرسائل"},
    )
    real_code(data)
    q = data.questions
    problems = []
    # No JavaScript for the person; a second context with it runs axe on the same pages.
    phone = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    checker = new_context(viewport=PHONE).new_page()

    def look(label):
        checker.context.clear_cookies()
        checker.context.add_cookies(phone.context.cookies())
        checker.goto(phone.url)
        problems.extend(_problems(checker, label))

    phone.goto("/mee/?code=ZEDA2345")
    assert phone.get_by_label("Uw code").input_value() == "ZEDA-2345"
    look("code")
    phone.get_by_role("button", name="Verder").click()
    look("start")
    phone.get_by_label("العربية").check()
    phone.get_by_role("button", name="Beginnen").click()
    assert phone.locator('[dir="rtl"] h1').inner_text() == "عن الرسائل"
    look("section rtl")
    phone.get_by_label("Soms").check()
    phone.locator(f'input[name="q{q["scale"].pk}"][value="4"]').check()
    phone.get_by_role("button", name="Volgende").click()
    phone.get_by_label(q["short"].text).fill("x" * 400)
    phone.get_by_role("button", name="Volgende: alles nakijken").click()
    assert "te lang" in phone.content()
    look("section with errors")
    phone.get_by_label(q["short"].text).fill("Kortere zinnen")
    phone.get_by_label(q["long"].text).fill("Dank u.")
    phone.get_by_role("button", name="Volgende: alles nakijken").click()
    look("check")
    phone.get_by_role("button", name="Versturen").click()
    assert "Dank u wel!" in phone.content()
    look("done")
    assert InvitationCode.objects.get(code="ZEDA2345").used
    assert not problems, "\n\n".join(problems)


def test_the_staff_pages_of_the_answer_part_pass_axe_at_phone_and_desktop_width(world, new_context):
    data = consultation_data(world)
    used = real_code(data)
    InvitationCode.objects.filter(pk=used.pk).update(used=True)
    base = f"/beheer/{world.region.slug}/raadplegingen/{data.gr.pk}/"
    page = new_context(world.user("officer_region"), viewport=PHONE).new_page()
    problems = []
    for path in ("codes/", "papier/", "proef/"):
        page.goto(base + path)
        problems.extend(_problems(page, path))
    page.goto(base + "papier/")
    page.get_by_label("Code op het formulier").fill("zeda 2345")
    page.get_by_role("button", name="Formulier opslaan").click()
    assert "al ingevoerd of online ingevuld" in page.content()
    problems.extend(_problems(page, "paper with errors"))
    assert not problems, "\n\n".join(problems)
