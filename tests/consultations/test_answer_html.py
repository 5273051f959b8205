"""The answer part's pages (the respondent's, with errors, right-to-left, the test run, paper entry with errors, the
codes page) are valid HTML (W3C Nu validator)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inspraak.consultations.models import Translation
from inspraak.consultations.services import answer as services
from tests.consultations.data import consultation_data
from tests.consultations.data_answer import real_code
from tests.quality.html import assert_valid_html


@pytest.mark.browser
@pytest.mark.django_db
def test_the_answer_pages_are_valid_html(world, tmp_path):
    data = consultation_data(world)
    gr = data.gr
    q = data.questions
    section = gr.sections.first()
    Translation.objects.create(
        consultation=gr, language="ar", name="العربية", right_to_left=True, texts={f"section:{section.pk}:title": "عن"}
    )
    real_code(data)
    services.generate_codes(consultation=gr, municipality=world.municipality, count=3, by=None)
    pages = {}
    respondent = Client()
    enter = reverse("consultations:enter_code")
    pages["code"] = respondent.get(enter, {"code": "ZEDA2345"}).content
    pages["code mistyped"] = respondent.post(enter, {"code": "ABC"}).content
    respondent.post(enter, {"code": "ZEDA2345"})
    start = reverse("consultations:answer_start", kwargs={"pk": gr.pk})
    pages["start"] = respondent.get(start).content
    respondent.post(start, {"language": "ar"})

    def section_url(number):
        return reverse("consultations:answer_section", kwargs={"pk": gr.pk, "number": number})

    pages["section rtl"] = respondent.get(section_url(1)).content
    respondent.post(start, {"language": ""})
    first = {f"q{q['single'].pk}": str(q["single"].options.first().pk), f"q{q['scale'].pk}": "9", "volgende": "1"}
    pages["section with errors"] = respondent.post(section_url(1), first).content
    first[f"q{q['scale'].pk}"] = "3"
    respondent.post(section_url(1), first)
    pages["section 2 with errors"] = respondent.post(
        section_url(2), {f"q{q['short'].pk}": "x" * 400, f"q{q['long'].pk}": "", "volgende": "1"}
    ).content
    check = reverse("consultations:answer_check", kwargs={"pk": gr.pk})
    pages["check"] = respondent.get(check).content
    pages["check with errors"] = respondent.post(check).content
    respondent.post(section_url(2), {f"q{q['long'].pk}": "Goed zo", "volgende": "1"})
    done = respondent.post(check)
    pages["done"] = respondent.get(done["Location"]).content
    pages["used code"] = Client().post(enter, {"code": "ZEDA2345"}).content
    opener = Client()
    open_url = reverse("consultations:open_start", kwargs={"pk": gr.pk})
    pages["open start"] = opener.get(open_url).content
    opener.post(open_url)
    pages["open check"] = opener.get(check).content

    staff = Client()
    staff.force_login(world.user("admin"))

    def url(name, **kwargs):
        return reverse(f"consultations:{name}", kwargs={"region": world.region.slug, "pk": gr.pk, **kwargs})

    pages["test run"] = staff.get(url("test_run")).content
    staff.post(url("test_run"))
    pages["test run section"] = staff.get(section_url(1)).content
    pages["paper"] = staff.get(url("paper_entry")).content
    pages["paper with errors"] = staff.post(url("paper_entry"), {"code": data.used_code.code}).content
    pages["codes"] = staff.get(url("codes")).content
    pages["codes with errors"] = staff.post(url("codes"), {"municipality": "", "count": "x"}).content
    for label, content in pages.items():
        assert b"<html" in content, label
    assert_valid_html(pages, tmp_path)
