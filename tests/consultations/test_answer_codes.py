"""Invitation codes: generating them (unique, secure, fast), the codes page, the CSV and the letters with QR code,
and the printable paper questionnaire."""

from __future__ import annotations

import time

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML

from inspraak.audit.models import AuditEvent
from inspraak.consultations.models import CodeBatch, ConsultationEvent, ConsultationStatus, InvitationCode
from inspraak.consultations.rules import answer as rules
from inspraak.consultations.services import answer as services
from inspraak.consultations.views import answer as views
from tests.consultations.data import consultation_data
from tests.quality.queries import assert_constant_queries

WORLD_DATA = [consultation_data]


def _url(name, w, **extra):
    return reverse(f"consultations:{name}", kwargs={"region": w.region.slug, "pk": consultation_data(w).gr.pk, **extra})


def test_three_thousand_codes_are_made_quickly_unique_and_in_the_code_alphabet(world):
    data = consultation_data(world)
    started = time.perf_counter()
    batch = services.generate_codes(
        consultation=data.gr, municipality=world.municipality, count=3000, by=world.users["officer_region"]
    )
    seconds = time.perf_counter() - started
    assert seconds < 5, f"3,000 codes took {seconds:.1f} s"
    codes = list(InvitationCode.objects.filter(batch=batch).values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == batch.count == 3000
    assert all(rules.code_shape(code) == "ok" for code in codes)
    assert ConsultationEvent.objects.filter(consultation=data.gr, kind=ConsultationEvent.Kind.CODES).exists()
    assert AuditEvent.objects.filter(action="consultation.codes", target_id=str(batch.pk)).count() == 1


def test_a_code_that_exists_already_is_drawn_again(world, monkeypatch):
    data = consultation_data(world)
    taken = data.codes["zeedorp"][0].code
    draws = iter([{taken, "NEWA2345"}, {"NEWB2345"}])
    monkeypatch.setattr(services, "_new_codes", lambda count: next(draws))
    batch = services.generate_codes(consultation=data.gr, municipality=world.municipality, count=2, by=None)
    assert set(InvitationCode.objects.filter(batch=batch).values_list("code", flat=True)) == {"NEWA2345", "NEWB2345"}


@pytest.mark.parametrize(
    ("change", "code"),
    [({"status": ConsultationStatus.CLOSED}, "closed"), ({}, "municipality")],
)
def test_codes_are_refused_after_closing_and_for_a_municipality_not_asked(world, change, code):
    data = consultation_data(world)
    for name, value in change.items():
        setattr(data.gr, name, value)
    municipality = world.municipality if change else world.other_municipality
    with pytest.raises(services.AnswerError) as refused:
        services.generate_codes(consultation=data.gr, municipality=municipality, count=5, by=None)
    assert refused.value.code == code


def test_the_codes_page_makes_a_batch_and_shows_it(client, world):
    client.force_login(world.users["officer_region"])
    made = client.post(_url("codes", world), {"municipality": str(world.municipality_2.pk), "count": "20"})
    assert made.status_code == 302
    page = client.get(_url("codes", world)).content.decode()
    assert "Duinstad" in page and ">20<" in page


def test_a_wrong_number_of_codes_gets_a_message_and_keeps_the_choice(client, world):
    client.force_login(world.users["officer_region"])
    page = client.post(_url("codes", world), {"municipality": str(world.municipality_2.pk), "count": "0"})
    assert page.status_code == 400
    assert CodeBatch.objects.filter(consultation=consultation_data(world).gr).count() == 2


def test_the_codes_page_runs_a_fixed_number_of_queries(client, world):
    data = consultation_data(world)
    client.force_login(world.users["officer_region"])
    assert_constant_queries(
        client,
        _url("codes", world),
        lambda: [
            services.generate_codes(consultation=data.gr, municipality=world.municipality, count=3, by=None)
            for _ in range(3)
        ],
    )


def test_the_csv_lists_every_code_of_the_batch_with_its_municipality(client, world):
    data = consultation_data(world)
    batch = services.generate_codes(consultation=data.gr, municipality=world.municipality_2, count=4, by=None)
    client.force_login(world.users["admin"])
    response = client.get(_url("codes_csv", world, batch=batch.pk))
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "code;gemeente;adres"
    assert len(lines) == 5
    for line in lines[1:]:
        code, municipality, address = line.split(";")
        assert municipality == "Duinstad" and address.endswith("/mee")
        assert code[4] == "-" and rules.code_shape(rules.normalise_code(code)) == "ok"


def test_the_letters_are_one_pdf_page_per_code_with_a_qr_code_to_the_filled_in_code_page(client, world, monkeypatch):
    data = consultation_data(world)
    batch = services.generate_codes(consultation=data.gr, municipality=world.municipality, count=3, by=None)
    seen = {}
    render = views.render_pdf

    def spy(template, context, **kwargs):
        seen.update(context)
        return render(template, context, **kwargs)

    monkeypatch.setattr(views, "render_pdf", spy)
    client.force_login(world.users["officer_region"])
    response = client.get(_url("codes_pdf", world, batch=batch.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    document = HTML(string=render_to_string("consultations/answer/letters_pdf.html", seen)).render()
    assert len(document.pages) == 3  # one A4 page per code
    codes = InvitationCode.objects.filter(batch=batch).order_by("pk").values_list("code", flat=True)
    assert [page["code"] for page in seen["pages"]] == [rules.show_code(code) for code in codes]
    assert all("<svg" in page["qr"] for page in seen["pages"])
    assert seen["answer_address"].endswith("/mee")


def test_a_large_batch_comes_in_parts(client, world, monkeypatch):
    data = consultation_data(world)
    monkeypatch.setattr(views, "LETTERS_PER_PDF", 2)
    batch = services.generate_codes(consultation=data.gr, municipality=world.municipality, count=5, by=None)
    client.force_login(world.users["officer_region"])
    page = client.get(_url("codes", world)).content.decode()
    assert "Brieven 5–5 (PDF)" in page
    seen = {}
    monkeypatch.setattr(views, "render_pdf", lambda template, context, **kw: seen.update(context) or b"%PDF")
    client.get(_url("codes_pdf", world, batch=batch.pk), {"deel": "3"})
    assert len(seen["pages"]) == 1


def test_the_paper_questionnaire_has_every_question_and_a_box_for_the_code(client, world, monkeypatch):
    data = consultation_data(world)
    html = {}
    render = views.render_pdf

    def spy(template, context, **kwargs):
        from django.template.loader import render_to_string

        html["text"] = render_to_string(template, context)
        return render(template, context, **kwargs)

    monkeypatch.setattr(views, "render_pdf", spy)
    client.force_login(world.users["officer_municipality"])
    response = client.get(_url("paper_form_pdf", world))
    assert response.content.startswith(b"%PDF")
    for question in data.questions.values():
        assert question.text in html["text"]
    assert "Uw code" in html["text"]
    assert "Weet ik niet" in html["text"]
