"""Building a consultation: make it, its sections and questions of every kind, their order without JavaScript,
translations (also right to left), the state steps with their history, and the lock after the first answer."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse

from inspraak.consultations.models import (
    Consultation,
    ConsultationEvent,
    ConsultationStatus,
    Draft,
    Option,
    Question,
    QuestionKind,
    Section,
    Translation,
)
from inspraak.consultations.rules import build as rules
from inspraak.consultations.services import build as services
from inspraak.core.forms import STALE_MESSAGE
from tests.consultations.data import consultation_data
from tests.consultations.data_build import build_data
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(world, name, consultation=None, **extra):
    kwargs = {"region": world.region.slug, **extra}
    if consultation is not None:
        kwargs["pk"] = consultation.pk
    return reverse(f"consultations:{name}", kwargs=kwargs)


def _form(world, **changes):
    data = {
        "title": "Wat vindt u van de brieven?",
        "introduction": "We willen weten of u onze brieven begrijpt. U hoeft uw naam niet te geven.",
        "opens_at": "2026-12-10T09:00",
        "closes_at": "2026-12-24T17:00",
        "municipalities": [str(world.municipality.pk), str(world.municipality_2.pk)],
        "contact_name": "Sanne de Wit",
        "contact_phone": "0229 123 456",
        "contact_email": "",
    }
    data.update(changes)
    return data


def _content(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------- make and change


def test_a_policy_officer_makes_a_consultation_for_two_municipalities(client, world):
    client.force_login(world.user("officer_region"))
    response = client.post(_url(world, "new"), _form(world))
    made = Consultation.objects.get(title="Wat vindt u van de brieven?")
    assert response.status_code == 302 and response["Location"] == _url(world, "questions", made)
    assert made.body is None and made.status == ConsultationStatus.DRAFT
    assert set(made.municipalities.values_list("pk", flat=True)) == {world.municipality.pk, world.municipality_2.pk}
    assert made.introduction_readability is not None
    assert list(made.events.values_list("kind", "to_status")) == [(ConsultationEvent.Kind.CREATED, "concept")]
    page = _content(client.get(_url(world, "detail", made)))
    assert "Leesbaarheid" in page and "Duinstad, Zeedorp" in page


def test_the_secretary_makes_one_for_the_group_from_the_group_list(client, world):
    client.force_login(world.user("secretary"))
    new_url = reverse("consultations:body_new", args=[world.region.slug, world.body.slug])
    assert new_url in _content(
        client.get(reverse("consultations:body_list", args=[world.region.slug, world.body.slug]))
    )
    client.post(new_url, _form(world, title="Wat vindt u van het panel?"))
    assert Consultation.objects.get(title="Wat vindt u van het panel?").body == world.body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closes_at": "2026-12-09T09:00"}, "Kies een moment na &#x27;open vanaf&#x27;."),
        ({"closes_at": "2026-12-01T09:00", "opens_at": "2026-11-20T09:00"}, "Kies een moment dat nog moet komen."),
        ({"municipalities": []}, "Kies minstens één gemeente."),
        ({"title": ""}, "Vul de titel in."),
        ({"opens_at": "morgen"}, "Vul een datum en tijd in, bijvoorbeeld 12-3-2027 09:00."),
        ({"title": "x" * 10_000}, "Maak het korter: hoogstens 200 tekens."),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_kept(client, world, changes, message):
    client.force_login(world.user("officer_region"))
    response = client.post(_url(world, "new"), _form(world, **changes))
    assert response.status_code == 200 and message in _content(response)
    assert "We willen weten of u onze brieven begrijpt." in _content(response)
    assert not Consultation.objects.filter(title="Wat vindt u van de brieven?").exists()


def test_a_save_on_an_old_version_is_refused_and_keeps_what_was_typed(client, world):
    draft = build_data(world).draft
    client.force_login(world.user("secretary"))
    first = client.post(_url(world, "edit", draft), _form(world, title="Eerste", version=draft.version))
    second = client.post(_url(world, "edit", draft), _form(world, title="Tweede", version=draft.version))
    assert first.status_code == 302 and second.status_code == 200
    assert str(STALE_MESSAGE)[:40] in _content(second).replace("&#x27;", "'") and "Tweede" in _content(second)
    assert Consultation.objects.get(pk=draft.pk).title == "Eerste"


# ---------------------------------------------------------------- sections, questions, choices


def test_questions_of_every_kind_are_made_with_their_choices_and_readability(client, world):
    draft = build_data(world).draft
    section = build_data(world).second
    client.force_login(world.user("facilitator"))
    url = _url(world, "question_new", draft, section=section.pk)
    forms = [
        {"kind": "een", "text": "Hoe vaak reist u?", "options": "Elke dag\n\nSoms\nNooit  ", "required": "on"},
        {"kind": "meer", "text": "Waarmee reist u?", "options": "Bus\nTrein"},
        {"kind": "schaal", "text": "Hoe tevreden bent u?", "scale_low_label": "Heel slecht", "scale_high_label": "Top"},
        {"kind": "kort", "text": "Waar woont u ongeveer?"},
        {"kind": "lang", "text": "Wat wilt u nog zeggen?", "help_text": "Schrijf zoveel u wilt."},
    ]
    for data in forms:
        assert client.post(url, data).status_code == 302
    made = list(Question.objects.filter(section=section).order_by("position"))
    assert [q.kind for q in made][1:] == ["een", "meer", "schaal", "kort", "lang"]
    assert [o.label for o in made[1].options.all()] == ["Elke dag", "Soms", "Nooit"] and made[1].required
    assert made[3].scale_high_label == "Top" and made[3].dont_know is False  # an unticked box is "no"
    assert made[4].options.count() == 0 and all(q.readability is not None for q in made[1:])
    page = _content(client.get(_url(world, "questions", draft)))
    assert "Leesbaarheid:" in page and "Elke dag" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"kind": "een", "text": "Kiest u?", "options": "Alleen ja"},
            "Geef minstens 2 keuzes, elk op een eigen regel.",
        ),
        ({"kind": "meer", "text": "Kiest u?", "options": "Ja\nja"}, "Deze keuze staat er twee keer: ja."),
        ({"kind": "kort", "text": ""}, "Vul de vraag in."),
        ({"kind": "kort", "text": "x" * 10_000}, "Maak het korter: hoogstens 500 tekens."),
        ({"kind": "raden", "text": "Wat?"}, "Kies een soort uit de lijst."),
    ],
)
def test_a_question_that_does_not_fit_is_refused_and_kept(client, world, data, message):
    draft = build_data(world).draft
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "question_new", draft, section=build_data(world).first.pk), data)
    assert response.status_code == 200 and message in _content(response)
    assert Question.objects.filter(consultation=draft).count() == 3


def test_the_readability_button_shows_the_score_without_saving(client, world):
    data = build_data(world)
    client.force_login(world.user("secretary"))
    response = client.post(
        _url(world, "question_new", data.draft, section=data.first.pk),
        {"kind": "kort", "text": "Hoe gaat het met u vandaag?", "leesbaarheid": "1"},
    )
    assert response.status_code == 200 and "Leesbaarheid van de vraag" in _content(response)
    assert "Nog niet opgeslagen." in _content(response)
    assert not Question.objects.filter(text="Hoe gaat het met u vandaag?").exists()


def test_choices_are_changed_removed_and_added_before_the_first_answer(client, world):
    data = build_data(world)
    bus, bike, car = data.options
    client.force_login(world.user("secretary"))
    response = client.post(
        _url(world, "question_edit", data.draft, question=data.choice.pk),
        {
            "kind": "meer",
            "text": "Hoe reist u?",
            f"option_{bus.pk}": "Bus of tram",
            f"option_{bike.pk}": "",
            f"option_{car.pk}": "Auto",
            "options": "Lopen",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(pk=data.choice.pk)
    assert question.kind == QuestionKind.MULTIPLE
    assert [o.label for o in question.options.all()] == ["Bus of tram", "Auto", "Lopen"]


def test_up_and_down_buttons_reorder_questions_sections_and_choices(client, world):
    data = build_data(world)
    client.force_login(world.user("secretary"))

    def post(name, direction="omlaag", **kwargs):
        return client.post(_url(world, name, data.draft, **kwargs), {"direction": direction})

    # The last question of the first section moves down into the second, at its start.
    assert post("question_move", question=data.scale.pk).status_code == 302
    assert list(Question.objects.filter(section=data.second).order_by("position").values_list("pk", flat=True)) == [
        data.scale.pk,
        data.short.pk,
    ]
    # The first question stays where it is when it goes up: nothing above it.
    post("question_move", "omhoog", question=data.choice.pk)
    assert Question.objects.get(pk=data.choice.pk).section_id == data.first.pk
    post("section_move", "omhoog", section=data.second.pk)
    assert list(Section.objects.filter(consultation=data.draft).values_list("pk", flat=True)) == [
        data.second.pk,
        data.first.pk,
    ]
    post("option_move", option=data.options[0].pk)
    assert list(Option.objects.filter(question=data.choice).values_list("label", flat=True)) == ["Fiets", "Bus", "Auto"]
    page = _content(client.get(_url(world, "questions", data.draft)))
    assert "Omhoog" in page and "<script" not in page


def test_moving_is_a_pure_rule():
    assert rules.moved([1, 2, 3], 2, rules.UP) == [2, 1, 3]
    assert rules.moved([1, 2, 3], 3, rules.DOWN) == [1, 2, 3]
    assert rules.moved([1, 2, 3], 9, rules.UP) == [1, 2, 3]
    assert rules.moved([1, 2, 3], 1, "sideways") == [1, 2, 3]


def test_removing_a_section_asks_first_and_takes_its_questions(client, world):
    data = build_data(world)
    client.force_login(world.user("secretary"))
    url = _url(world, "section_delete", data.draft, section=data.first.pk)
    assert "Wilt u het deel" in _content(client.get(url))
    client.post(url)
    assert not Question.objects.filter(pk__in=[data.choice.pk, data.scale.pk]).exists()


# ---------------------------------------------------------------- state steps


def test_a_concept_opens_only_with_questions_and_the_steps_are_kept_as_history(client, world):
    client.force_login(world.user("officer_region"))
    client.post(_url(world, "new"), _form(world))
    made = Consultation.objects.get(title="Wat vindt u van de brieven?")
    status_url = _url(world, "status", made)
    response = client.post(status_url, {"to": "open"}, follow=True)
    assert "Er zijn nog geen vragen." in _content(response)
    client.post(_url(world, "section_new", made), {"title": "Brieven"})
    section = made.sections.get()
    client.post(_url(world, "question_new", made, section=section.pk), {"kind": "schaal", "text": "Welk cijfer?"})
    client.post(status_url, {"to": "open"})
    client.post(status_url, {"to": "gesloten"})
    response = client.post(status_url, {"to": "open"}, follow=True)
    assert "Deze stap kan nu niet." in _content(response)
    made.refresh_from_db()
    assert made.status == ConsultationStatus.CLOSED
    steps = list(made.events.filter(kind=ConsultationEvent.Kind.STATUS).values_list("from_status", "to_status"))
    assert steps == [("concept", "open"), ("open", "gesloten")]
    page = _content(client.get(_url(world, "detail", made)))
    assert "Concept → Open" in page and "Open → Gesloten" in page


def test_a_choice_question_without_two_choices_keeps_a_concept_closed(world):
    data = build_data(world)
    Option.objects.filter(pk__in=[o.pk for o in data.options[1:]]).delete()
    with pytest.raises(services.BuildError) as refused:
        services.consultation_set_status(consultation=data.draft, to="open", by=world.user("secretary"))
    assert refused.value.code == "too_few_options"


def test_publishing_is_not_a_step_of_this_page(client, world):
    gr = consultation_data(world).gr
    client.force_login(world.user("officer_region"))
    client.post(_url(world, "status", gr), {"to": "gesloten"})
    response = client.post(_url(world, "status", gr), {"to": "gepubliceerd"}, follow=True)
    assert Consultation.objects.get(pk=gr.pk).status == ConsultationStatus.CLOSED
    assert "Deze stap kan nu niet." in _content(response)


# ---------------------------------------------------------------- the lock after the first answer


def test_after_the_first_answer_only_text_fixes_are_allowed(client, world):
    data = consultation_data(world)
    gr, single = data.gr, data.questions["single"]
    officer = world.user("officer_region")
    refused = [
        lambda: services.question_update(question=single, by=officer, text=single.text, kind=QuestionKind.MULTIPLE),
        lambda: services.question_update(question=single, by=officer, text=single.text, new_options=["Misschien"]),
        lambda: services.question_update(
            question=single, by=officer, text=single.text, removed_options=[single.options.first().pk]
        ),
        lambda: services.question_update(question=single, by=officer, text=single.text, required=True),
        lambda: services.question_move(question=single, by=officer, direction=rules.DOWN),
        lambda: services.question_delete(question=single, by=officer),
        lambda: services.option_move(option=single.options.last(), by=officer, direction=rules.UP),
        lambda: services.section_create(consultation=gr, by=officer, title="Extra"),
        lambda: services.question_create(section=single.section, by=officer, kind="kort", text="Nog een?"),
    ]
    for step in refused:
        with pytest.raises(services.BuildError) as error:
            step()
        assert error.value.code == "locked"
    first = single.options.first()
    services.question_update(
        question=single, by=officer, text="Begrijpt u de brieven van de gemeente goed?", option_labels={first.pk: "Ja!"}
    )
    single.refresh_from_db()
    assert single.text.endswith("goed?") and single.options.first().label == "Ja!"

    client.force_login(officer)
    page = _content(client.get(_url(world, "detail", gr)))
    assert "Er zijn al antwoorden. Daarom kunt u alleen nog tikfouten in teksten verbeteren." in page
    questions = _content(client.get(_url(world, "questions", gr)))
    assert "Omhoog" not in questions and "Vraag toevoegen" not in questions
    response = client.get(_url(world, "question_new", gr, section=single.section_id), follow=True)
    assert "U kunt alleen nog tikfouten in teksten verbeteren" in _content(response)
    edit = _content(client.get(_url(world, "question_edit", gr, question=single.pk)))
    assert 'name="kind"' not in edit and 'name="options"' not in edit and f'name="option_{first.pk}"' in edit


def test_after_answers_a_municipality_can_be_added_but_not_dropped(client, world):
    gr = consultation_data(world).gr
    client.force_login(world.user("officer_region"))
    response = client.post(
        _url(world, "edit", gr),
        _form(world, municipalities=[str(world.municipality.pk)], version=gr.version, title=gr.title),
    )
    assert response.status_code == 200 and "Deze gemeenten kunt u niet meer weghalen: Duinstad." in _content(response)
    with pytest.raises(services.BuildError) as error:
        services.consultation_update(
            consultation=gr, by=world.user("admin"), municipalities=[world.municipality], version=None
        )
    assert error.value.code == "locked_municipalities"


def test_nothing_changes_after_publishing(client, world):
    published = consultation_data(world).published
    client.force_login(world.user("officer_region"))
    response = client.get(_url(world, "edit", published), follow=True)
    assert "De resultaten zijn gepubliceerd." in _content(response)
    with pytest.raises(services.BuildError):
        services.section_update(
            section=published.sections.first(), by=world.user("admin"), title="Anders", introduction=""
        )


# ---------------------------------------------------------------- translations


def test_a_right_to_left_translation_covers_every_text_in_one_form(client, world):
    data = build_data(world)
    client.force_login(world.user("secretary"))
    edit_url = _url(world, "translation_edit", data.draft, translation=data.translation.pk)
    page = _content(client.get(edit_url))
    assert 'lang="ar" dir="rtl"' in page and "Keuze: Fiets" in page and "Vraag: Wat kan beter?" in page
    response = client.post(
        edit_url,
        {"name": "العربية", "right_to_left": "on", "t_title": "كيف تسافر؟", f"t_option_{data.options[0].pk}": "حافلة"},
    )
    assert response.status_code == 302
    texts = Translation.objects.get(pk=data.translation.pk).texts
    assert texts == {"title": "كيف تسافر؟", f"option:{data.options[0].pk}": "حافلة"}
    listing = _content(client.get(_url(world, "translations", data.draft)))
    assert 'dir="rtl"' in listing and "2 van" in listing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"language": "nl", "name": "Nederlands"}, "Niet nl."),
        ({"language": "engels!", "name": "English"}, "Niet nl."),
        ({"language": "ar", "name": "Arabisch"}, "Deze taal is er al."),
        ({"language": "tr", "name": ""}, "Vul de naam van de taal in."),
    ],
)
def test_a_language_that_does_not_fit_is_refused(client, world, data, message):
    draft = build_data(world).draft
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "translations", draft), data)
    assert response.status_code == 400 and message in _content(response)
    assert Translation.objects.filter(consultation=draft).count() == 1


def test_translation_items_follow_the_reading_order():
    class Obj:
        def __init__(self, **kw):
            self.__dict__.update(kw)

    option = Obj(pk=7, label="Ja")
    question = Obj(pk=3, kind="een", text="Vraag?", help_text="", options=[option])
    scale = Obj(pk=4, kind="schaal", text="Cijfer?", help_text="Uitleg", scale_low_label="Slecht", scale_high_label="")
    section = Obj(pk=1, title="Deel", introduction="", questions=[question, scale])
    items = rules.translation_items(Obj(title="T", introduction="I"), [section])
    assert [i.key for i in items] == [
        "title",
        "introduction",
        "section:1:title",
        "question:3:text",
        "option:7",
        "question:4:text",
        "question:4:help_text",
        "question:4:scale_low_label",
    ]


# ---------------------------------------------------------------- lists and query counts


def test_the_staff_list_shows_what_each_person_may_see(client, world):
    data = consultation_data(world)
    build_data(world)
    url = _url(world, "staff_list")
    client.force_login(world.user("officer_municipality"))
    page = _content(client.get(url))
    assert data.gr.title in page and data.other.title not in page
    assert "Nieuwe raadpleging" not in page


def _grow(world):
    def grow():
        draft = build_data(world).draft
        for index in range(3):
            consultation = Consultation.objects.create(
                region=world.region,
                title=f"Extra {index}",
                introduction="Tekst.",
                opens_at=draft.opens_at,
                closes_at=draft.closes_at,
                contact_name="Iemand",
            )
            consultation.municipalities.set([world.municipality, world.municipality_2])
        section = Section.objects.create(consultation=draft, position=5, title="Meer")
        for index in range(4):
            question = Question.objects.create(
                consultation=draft, section=section, position=index, kind="een", text=f"Vraag {index}?"
            )
            Option.objects.bulk_create([Option(question=question, position=i, label=f"K{i}") for i in range(3)])
        services.consultation_set_status(consultation=draft, to="open", by=world.user("secretary"))

    return grow


@pytest.mark.parametrize("page", ["staff_list", "detail", "questions", "translations"])
def test_pages_cost_the_same_number_of_queries_whatever_the_data(client, world, page):
    draft = build_data(world).draft
    client.force_login(world.user("admin"))
    url = _url(world, page) if page == "staff_list" else _url(world, page, draft)
    assert_constant_queries(client, url, _grow(world))


def test_closing_deletes_the_answers_of_people_who_did_not_submit(world):
    data = consultation_data(world)
    Draft.objects.create(consultation=data.gr, code=data.free_code, answers={"1": 2})
    services.consultation_set_status(consultation=data.gr, to="gesloten", by=world.user("admin"))
    assert not Draft.objects.filter(consultation=data.gr).exists()


def test_a_concept_whose_closing_moment_passed_does_not_open(world):
    draft = build_data(world).draft
    Consultation.objects.filter(pk=draft.pk).update(
        opens_at=draft.opens_at - datetime.timedelta(days=30), closes_at=draft.opens_at - datetime.timedelta(days=10)
    )
    with pytest.raises(services.BuildError) as refused:
        services.consultation_set_status(consultation=draft, to="open", by=world.user("secretary"))
    assert refused.value.code == "closes_passed"


def test_the_hourly_job_closes_consultations_past_their_closing_moment_and_drops_drafts(world):
    from django.core.management import call_command

    from tests.world import NOW

    data = consultation_data(world)
    Draft.objects.create(consultation=data.gr, code=data.free_code, answers={"1": 2})
    Consultation.objects.filter(pk=data.gr.pk).update(closes_at=NOW - datetime.timedelta(minutes=1))
    Consultation.objects.filter(pk=data.other.pk).update(closes_at=NOW + datetime.timedelta(days=1))

    call_command("close_consultations", stdout=io.StringIO())

    data.gr.refresh_from_db()
    data.other.refresh_from_db()
    assert data.gr.status == ConsultationStatus.CLOSED
    assert data.other.status == ConsultationStatus.OPEN
    assert not Draft.objects.filter(consultation=data.gr).exists()
    event = ConsultationEvent.objects.filter(consultation=data.gr).last()
    assert (event.to_status, event.by, event.note) == (ConsultationStatus.CLOSED, None, "Sluitdatum voorbij")
