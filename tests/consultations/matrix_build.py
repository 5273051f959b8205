"""Role x permission cases of the consultation build part (rules: tests/matrix.py)."""

from inspraak.consultations.models import Consultation, ConsultationStatus, Option, Question, Section, Translation
from tests.consultations.data import consultation_data
from tests.consultations.data_build import build_data
from tests.matrix import ViewCase, allow, to

LIST = allow("admin", "officer_region", "officer_municipality")
GR_MANAGE = allow("admin", "officer_region")
BODY = allow("admin", "secretary", "facilitator")
VIEW_DRAFT = allow("admin", "officer_region", "officer_municipality", "secretary", "facilitator")


def _region(w):
    return {"region": w.region.slug}


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _draft(w):
    return {"region": w.region.slug, "pk": build_data(w).draft.pk}


def _gr(w):
    return {"region": w.region.slug, "pk": consultation_data(w).gr.pk}


def _with(**names):
    def kwargs(w):
        data = build_data(w)
        return {**_draft(w), **{key: getattr(data, value).pk for key, value in names.items()}}

    return kwargs


def _option(index):
    return lambda w: {**_draft(w), "option": build_data(w).options[index].pk}


def _state(w):
    data = build_data(w)
    return (
        list(Consultation.objects.filter(region=w.region).values_list("pk", "title", "status", "version")),
        list(Section.objects.filter(consultation=data.draft).values_list("pk", "title", "position")),
        list(Question.objects.filter(consultation=data.draft).values_list("pk", "text", "section_id", "position")),
        list(Option.objects.filter(question__consultation=data.draft).values_list("pk", "label", "position")),
        list(Translation.objects.filter(consultation=data.draft).values_list("pk", "name", "texts")),
    )


_questions = to("consultations:questions", _draft)
_translations = to("consultations:translations", _draft)


def _new_data(w, title="Nieuwe raadpleging over werk"):
    return {
        "title": title,
        "introduction": "We willen weten wat u vindt. Uw antwoord is anoniem.",
        "opens_at": "2026-12-10T09:00",
        "closes_at": "2026-12-24T17:00",
        "municipalities": [str(w.municipality.pk)],
        "contact_name": "Sanne de Wit",
        "contact_phone": "",
        "contact_email": "",
    }


def _positions(model, *objs):
    return [model.objects.get(pk=o.pk).position for o in objs]


CASES = [
    ViewCase("consultations:staff_list", LIST, _region),
    ViewCase("consultations:new", GR_MANAGE, _region),
    ViewCase(
        "consultations:new",
        GR_MANAGE,
        _region,
        method="post",
        data=_new_data,
        changed=lambda w: Consultation.objects.filter(title="Nieuwe raadpleging over werk", body=None).exists(),
        unchanged=_state,
        redirect=lambda w: f"/beheer/{w.region.slug}/raadplegingen/*",
    ),
    ViewCase("consultations:body_list", BODY, _body),
    ViewCase("consultations:body_new", BODY, _body),
    ViewCase(
        "consultations:body_new",
        BODY,
        _body,
        method="post",
        data=lambda w: _new_data(w, "Raadpleging van het panel"),
        changed=lambda w: Consultation.objects.filter(title="Raadpleging van het panel", body=w.body).exists(),
        unchanged=_state,
        redirect=lambda w: f"/beheer/{w.region.slug}/raadplegingen/*",
    ),
    ViewCase("consultations:detail", VIEW_DRAFT, _draft),
    ViewCase("consultations:detail", LIST, _gr, id="gr"),
    ViewCase("consultations:edit", BODY, _draft),
    ViewCase("consultations:edit", GR_MANAGE, _gr, id="gr"),
    ViewCase(
        "consultations:edit",
        BODY,
        _draft,
        method="post",
        data=lambda w: {**_new_data(w, "Vervoer: hoe gaat het?"), "version": build_data(w).draft.version},
        changed=lambda w: Consultation.objects.filter(
            pk=build_data(w).draft.pk, title="Vervoer: hoe gaat het?"
        ).exists(),
        unchanged=_state,
        redirect=to("consultations:detail", _draft),
    ),
    ViewCase(
        "consultations:status",
        BODY,
        _draft,
        method="post",
        data=lambda w: {"to": ConsultationStatus.OPEN},
        changed=lambda w: Consultation.objects.filter(
            pk=build_data(w).draft.pk, status=ConsultationStatus.OPEN
        ).exists(),
        unchanged=_state,
        redirect=to("consultations:detail", _draft),
    ),
    ViewCase("consultations:questions", VIEW_DRAFT, _draft),
    ViewCase("consultations:questions", LIST, _gr, id="gr"),
    ViewCase("consultations:section_new", BODY, _draft),
    ViewCase(
        "consultations:section_new",
        BODY,
        _draft,
        method="post",
        data=lambda w: {"title": "Tot slot", "introduction": ""},
        changed=lambda w: Section.objects.filter(consultation=build_data(w).draft, title="Tot slot").exists(),
        unchanged=_state,
        redirect=_questions,
    ),
    ViewCase("consultations:section_edit", BODY, _with(section="first")),
    ViewCase(
        "consultations:section_edit",
        BODY,
        _with(section="first"),
        method="post",
        data=lambda w: {"title": "Reizen en afspraken", "introduction": "Over uw reizen."},
        changed=lambda w: Section.objects.filter(pk=build_data(w).first.pk, title="Reizen en afspraken").exists(),
        unchanged=_state,
        redirect=_questions,
    ),
    ViewCase(
        "consultations:section_move",
        BODY,
        _with(section="second"),
        method="post",
        data=lambda w: {"direction": "omhoog"},
        changed=lambda w: _positions(Section, build_data(w).second, build_data(w).first) == [0, 1],
        unchanged=_state,
        redirect=_questions,
    ),
    ViewCase("consultations:section_delete", BODY, _with(section="second")),
    ViewCase(
        "consultations:section_delete",
        BODY,
        _with(section="second"),
        method="post",
        changed=lambda w: not Section.objects.filter(pk=build_data(w).second.pk).exists(),
        unchanged=_state,
        redirect=_questions,
    ),
    ViewCase("consultations:question_new", BODY, _with(section="second")),
    ViewCase(
        "consultations:question_new",
        BODY,
        _with(section="second"),
        method="post",
        data=lambda w: {"kind": "meer", "text": "Waar gaat u heen?", "options": "Werk\nDokter\nWinkel"},
        changed=lambda w: Question.objects.filter(section=build_data(w).second, text="Waar gaat u heen?").exists(),
        unchanged=_state,
        redirect=_questions,
    ),
    ViewCase("consultations:question_edit", BODY, _with(question="choice")),
    ViewCase(
        "consultations:question_edit",
        BODY,
        _with(question="choice"),
        method="post",
        data=lambda w: {
            "kind": "een",
            "text": "Hoe reist u het vaakst?",
            **{f"option_{o.pk}": o.label for o in build_data(w).options},
        },
        changed=lambda w: Question.objects.filter(pk=build_data(w).choice.pk, text="Hoe reist u het vaakst?").exists(),
        unchanged=_state,
        redirect=_questions,
    ),
    ViewCase(
        "consultations:question_move",
        BODY,
        _with(question="scale"),
        method="post",
        data=lambda w: {"direction": "omhoog"},
        changed=lambda w: _positions(Question, build_data(w).scale, build_data(w).choice) == [0, 1],
        unchanged=_state,
        redirect=_questions,
    ),
    ViewCase("consultations:question_delete", BODY, _with(question="short")),
    ViewCase(
        "consultations:question_delete",
        BODY,
        _with(question="short"),
        method="post",
        changed=lambda w: not Question.objects.filter(pk=build_data(w).short.pk).exists(),
        unchanged=_state,
        redirect=_questions,
    ),
    ViewCase(
        "consultations:option_move",
        BODY,
        _option(2),
        method="post",
        data=lambda w: {"direction": "omhoog"},
        changed=lambda w: _positions(Option, build_data(w).options[2], build_data(w).options[1]) == [1, 2],
        unchanged=_state,
        redirect=_questions,
    ),
    ViewCase("consultations:translations", BODY, _draft),
    ViewCase(
        "consultations:translations",
        BODY,
        _draft,
        method="post",
        data=lambda w: {"language": "en", "name": "English"},
        changed=lambda w: Translation.objects.filter(consultation=build_data(w).draft, language="en").exists(),
        unchanged=_state,
        redirect=lambda w: f"/beheer/{w.region.slug}/raadplegingen/{build_data(w).draft.pk}/vertalingen/*",
    ),
    ViewCase("consultations:translation_edit", BODY, _with(translation="translation")),
    ViewCase(
        "consultations:translation_edit",
        BODY,
        _with(translation="translation"),
        method="post",
        data=lambda w: {"name": "العربية", "right_to_left": "on", "t_title": "كيف تتنقل؟"},
        changed=lambda w: Translation.objects.get(pk=build_data(w).translation.pk).texts.get("title") == "كيف تتنقل؟",
        unchanged=_state,
        redirect=_translations,
    ),
    ViewCase("consultations:translation_delete", BODY, _with(translation="translation")),
    ViewCase(
        "consultations:translation_delete",
        BODY,
        _with(translation="translation"),
        method="post",
        changed=lambda w: not Translation.objects.filter(pk=build_data(w).translation.pk).exists(),
        unchanged=_state,
        redirect=_translations,
    ),
]
