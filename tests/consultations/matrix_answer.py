"""Role x permission cases of the consultation answer part (rules: tests/matrix.py).

The respondent's pages (/mee/) need no account: without a code in the session they send everyone to the code page
(302), so only their GET is in the matrix; their POSTs are tested in test_answer_flow.py."""

from inspraak.consultations.models import CodeBatch, InvitationCode, Response
from tests.consultations.data import consultation_data
from tests.consultations.data_answer import answer_data
from tests.matrix import PUBLIC, ViewCase, allow, to

GR_MANAGE = allow("admin", "officer_region")
GR_VIEW = allow("admin", "officer_region", "officer_municipality")
BODY = allow("admin", "secretary", "facilitator")


def _gr(w):
    return {"region": w.region.slug, "pk": consultation_data(w).gr.pk}


def _draft(w):
    return {"region": w.region.slug, "pk": consultation_data(w).body_draft.pk}


def _batch(w):
    data = consultation_data(w)
    return {**_gr(w), "batch": data.gr.code_batches.order_by("pk").first().pk}


def _mee(w):
    return {"pk": consultation_data(w).gr.pk}


def _state(w):
    data = consultation_data(w)
    return (
        Response.objects.filter(consultation=data.gr).count(),
        list(CodeBatch.objects.filter(consultation=data.gr).values_list("pk", "count")),
        list(InvitationCode.objects.filter(consultation=data.gr, used=True).values_list("pk", flat=True)),
    )


def _paper(w):
    data = consultation_data(w)
    answer_data(w)
    q = data.questions
    return {
        "code": "papr-2345",
        f"q{q['single'].pk}": str(q["single"].options.first().pk),
        f"q{q['scale'].pk}": "2",
        f"q{q['long'].pk}": "Op papier geschreven.",
    }


CASES = [
    # the respondent
    ViewCase("consultations:enter_code", PUBLIC),
    # (without a code in the session: to the code page; their HTML is checked in test_answer_html.py)
    ViewCase("consultations:answer_start", PUBLIC, _mee, status=302, html=False),
    ViewCase("consultations:answer_section", PUBLIC, lambda w: {**_mee(w), "number": 1}, status=302, html=False),
    ViewCase("consultations:answer_check", PUBLIC, _mee, status=302, html=False),
    ViewCase("consultations:answer_done", PUBLIC, _mee, status=302, html=False),
    ViewCase("consultations:open_start", PUBLIC, _mee),
    # staff
    ViewCase("consultations:test_run", GR_MANAGE, _gr),
    ViewCase("consultations:test_run", BODY | {"officer_region"}, _draft, id="concept"),
    ViewCase(
        "consultations:test_run",
        GR_MANAGE,
        _gr,
        method="post",
        changed=lambda w: True,
        no_effect_for=GR_MANAGE,
        redirect=to("consultations:answer_start", _mee),
        unchanged=_state,
    ),
    ViewCase("consultations:paper_entry", GR_MANAGE, _gr),
    ViewCase(
        "consultations:paper_entry",
        GR_MANAGE,
        _gr,
        method="post",
        data=_paper,
        changed=lambda w: InvitationCode.objects.filter(code="PAPR2345", used=True).exists(),
        unchanged=_state,
        redirect=to("consultations:paper_entry", _gr),
    ),
    ViewCase("consultations:paper_form_pdf", GR_VIEW, _gr, html=False),
    ViewCase("consultations:codes", GR_MANAGE, _gr),
    ViewCase(
        "consultations:codes",
        GR_MANAGE,
        _gr,
        method="post",
        data=lambda w: {"municipality": str(w.municipality_2.pk), "count": "7"},
        changed=lambda w: CodeBatch.objects.filter(consultation=consultation_data(w).gr, count=7).exists(),
        unchanged=_state,
        redirect=to("consultations:codes", _gr),
    ),
    ViewCase("consultations:codes_csv", GR_MANAGE, _batch, html=False),
    ViewCase("consultations:codes_pdf", GR_MANAGE, _batch, html=False),
]
