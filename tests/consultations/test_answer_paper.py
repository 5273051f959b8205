"""Paper entry: staff type in a returned form with its code; channel "papier"; a used code is refused clearly."""

from __future__ import annotations

from django.urls import reverse

from inspraak.consultations.models import Channel, ConsultationStatus, InvitationCode, Response
from tests.consultations.data import consultation_data
from tests.consultations.data_answer import real_code

WORLD_DATA = [consultation_data]


def _url(w):
    return reverse("consultations:paper_entry", kwargs={"region": w.region.slug, "pk": consultation_data(w).gr.pk})


def _form(data, code="ZEDA-2345"):
    q = data.questions
    return {
        "code": code,
        f"q{q['single'].pk}": str(q["single"].options.all()[1].pk),
        f"q{q['scale'].pk}": "0",
        f"q{q['long'].pk}": "Geschreven met de hand.",
    }


def test_a_paper_form_is_stored_as_papier_with_the_codes_municipality(client, world):
    data = consultation_data(world)
    code = real_code(data, municipality=world.municipality_2)
    before = Response.objects.filter(consultation=data.gr, channel=Channel.PAPER).count()
    client.force_login(world.users["officer_region"])
    saved = client.post(_url(world), _form(data))
    assert saved.status_code == 302
    assert Response.objects.filter(consultation=data.gr, channel=Channel.PAPER).count() == before + 1
    stored = Response.objects.filter(consultation=data.gr, channel=Channel.PAPER, municipality=world.municipality_2)
    assert stored.get().answers[str(data.questions["scale"].pk)] == 0
    assert InvitationCode.objects.get(pk=code.pk).used
    page = client.get(saved["Location"]).content.decode()
    assert "ZEDA-2345" in page and "is ingevoerd" in page


def test_a_paper_form_may_leave_a_required_question_blank(client, world):
    data = consultation_data(world)
    real_code(data)
    client.force_login(world.users["officer_region"])
    posted = _form(data)
    posted[f"q{data.questions['long'].pk}"] = ""
    assert client.post(_url(world), posted).status_code == 302


def test_a_code_used_online_or_entered_before_is_refused_and_the_answers_stay(client, world):
    data = consultation_data(world)
    code = real_code(data)
    InvitationCode.objects.filter(pk=code.pk).update(used=True)
    before = Response.objects.count()
    client.force_login(world.users["officer_region"])
    page = client.post(_url(world), _form(data))
    assert page.status_code == 400
    html = page.content.decode()
    assert "al ingevoerd of online ingevuld" in html
    assert "Geschreven met de hand." in html
    assert Response.objects.count() == before


def test_a_mistyped_or_foreign_code_gets_a_message(client, world):
    data = consultation_data(world)
    client.force_login(world.users["officer_region"])
    page = client.post(_url(world), _form(data, code="ABC"))
    assert "Deze code klopt niet" in page.content.decode()
    page = client.post(_url(world), _form(data, code="ZZZZ-ZZZZ"))
    assert "hoort niet bij deze raadpleging" in page.content.decode()


def test_too_long_a_text_on_paper_gets_a_message_and_stays(client, world):
    data = consultation_data(world)
    real_code(data)
    client.force_login(world.users["officer_region"])
    posted = _form(data)
    posted[f"q{data.questions['short'].pk}"] = "y" * 10_000
    page = client.post(_url(world), posted)
    assert page.status_code == 400
    assert "te lang" in page.content.decode()
    assert "y" * 10_000 in page.content.decode()


def test_paper_forms_arriving_after_closing_are_still_taken(client, world):
    data = consultation_data(world)
    real_code(data)
    data.gr.status = ConsultationStatus.CLOSED
    data.gr.save()
    client.force_login(world.users["officer_region"])
    assert client.post(_url(world), _form(data)).status_code == 302


def test_no_paper_entry_once_published(client, world):
    data = consultation_data(world)
    client.force_login(world.users["officer_region"])
    url = reverse("consultations:paper_entry", kwargs={"region": world.region.slug, "pk": data.published.pk})
    assert client.get(url).status_code == 403
