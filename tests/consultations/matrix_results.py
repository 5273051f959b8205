"""Role x permission cases of the consultation results part (rules: tests/matrix.py)."""

from __future__ import annotations

from inspraak.consultations.models import ConsultationStatus, Finding, TextAnswer, TextStatus
from tests.consultations.data import consultation_data
from tests.consultations.data_results import results_data
from tests.matrix import PUBLIC, ViewCase, allow, everyone, to

VIEW = allow("admin", "officer_region", "officer_municipality")
GROUP_VIEW = allow("admin", "officer_region", "officer_municipality", "secretary", "facilitator")
MANAGE = allow("admin", "officer_region")
FINDING_TITLE = "Brieven korter maken"


def _gr(w):
    return {"region": w.region.slug, "pk": consultation_data(w).gr.pk}


def _group(w):
    return {"region": w.region.slug, "pk": consultation_data(w).body_draft.pk}


def _closed(w):
    return {"region": w.region.slug, "pk": results_data(w).closed.pk}


def _published(w):
    return {"region": w.region.slug, "pk": consultation_data(w).published.pk}


def _results(kwargs):
    return to("consultations:results", kwargs)


def _pending(w):
    return results_data(w).pending[0]


def _moderate_data(w):
    text = _pending(w)
    return {
        "antwoord": str(text.pk),
        f"a{text.pk.hex[:12]}-action": "aanpassen",
        f"a{text.pk.hex[:12]}-text": "De brief was te lang.",
    }


def _moderated(w):
    return TextAnswer.objects.filter(pk=_pending(w).pk, status=TextStatus.SHOWN, text="De brief was te lang.").exists()


def _published_now(w):
    return (
        results_data(w)
        .closed.__class__.objects.filter(pk=results_data(w).closed.pk, status=ConsultationStatus.PUBLISHED)
        .exists()
    )


def _finding(w):
    return Finding.objects.filter(consultation=results_data(w).closed, topic__title=FINDING_TITLE).exists()


def _finding_request(w):
    return Finding.objects.filter(consultation=results_data(w).closed, advice_request=results_data(w).request).exists()


def _closed_state(w):
    closed = results_data(w).closed.__class__.objects.get(pk=results_data(w).closed.pk)
    return closed.status, closed.outcome, Finding.objects.filter(consultation=closed).count()


CASES = [
    ViewCase("consultations:results", VIEW, kwargs=_gr),
    ViewCase("consultations:results", GROUP_VIEW, kwargs=_group, id="group"),
    ViewCase("consultations:results", VIEW, kwargs=_closed, id="closed"),
    ViewCase("consultations:results_csv", VIEW, kwargs=_gr, html=False),
    ViewCase("consultations:results_xlsx", VIEW, kwargs=_gr, html=False),
    ViewCase("consultations:answers_csv", VIEW, kwargs=_gr, html=False),
    ViewCase("consultations:results_pdf", VIEW, kwargs=_gr, html=False),
    ViewCase("consultations:moderation", MANAGE, kwargs=_closed),
    ViewCase(
        "consultations:moderation",
        MANAGE,
        kwargs=_closed,
        method="post",
        data=_moderate_data,
        changed=_moderated,
        unchanged=lambda w: TextAnswer.objects.get(pk=_pending(w).pk).status,
        redirect=to("consultations:moderation", _closed),
    ),
    ViewCase("consultations:publish", MANAGE, kwargs=_closed),
    ViewCase(
        "consultations:publish",
        MANAGE,
        kwargs=_closed,
        method="post",
        data=lambda w: {"outcome": "We maken de schuldhulp makkelijker te vinden.", "version": "1"},
        changed=_published_now,
        unchanged=_closed_state,
        redirect=_results(_closed),
    ),
    ViewCase("consultations:finding_topic", MANAGE, kwargs=_closed),
    ViewCase(
        "consultations:finding_topic",
        MANAGE,
        kwargs=_closed,
        method="post",
        data=lambda w: {"body": str(w.body.pk), "title": FINDING_TITLE, "text": "Veel mensen vinden de brief te lang."},
        changed=_finding,
        unchanged=_closed_state,
        redirect=_results(_closed),
    ),
    ViewCase("consultations:finding_request", MANAGE, kwargs=_closed),
    ViewCase(
        "consultations:finding_request",
        MANAGE,
        kwargs=_closed,
        method="post",
        data=lambda w: {"request": str(results_data(w).request.pk), "text": "Veel mensen vinden de brief te lang."},
        changed=_finding_request,
        unchanged=_closed_state,
        redirect=_results(_closed),
    ),
    ViewCase("consultations:public_list", PUBLIC, kwargs=lambda w: {"region": w.region.slug}),
    ViewCase("consultations:public_detail", PUBLIC, kwargs=_published),
    ViewCase("consultations:public_detail", PUBLIC, kwargs=_gr, id="open"),
    ViewCase(
        "consultations:public_detail",
        allow(),
        kwargs=_group,
        id="concept",
        refused=everyone(404, anonymous=404),
    ),
]
