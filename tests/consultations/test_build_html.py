"""The build part's pages (also with errors, and locked after answers) are valid HTML (W3C Nu validator)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.consultations.data import consultation_data
from tests.consultations.data_build import build_data
from tests.quality.html import assert_valid_html


@pytest.mark.browser
@pytest.mark.django_db
def test_the_build_pages_are_valid_html(client, world, tmp_path):
    data, gr = build_data(world), consultation_data(world)
    region = world.region.slug

    def url(name, **kwargs):
        return reverse(f"consultations:{name}", kwargs={"region": region, **kwargs})

    draft = {"pk": data.draft.pk}
    pages = {}
    client.force_login(world.user("admin"))
    for label, address in [
        ("list", url("staff_list")),
        ("body list", reverse("consultations:body_list", args=[region, world.body.slug])),
        ("new", url("new")),
        ("detail draft", url("detail", **draft)),
        ("detail with answers", url("detail", pk=gr.gr.pk)),
        ("detail published", url("detail", pk=gr.published.pk)),
        ("edit", url("edit", **draft)),
        ("edit with answers", url("edit", pk=gr.gr.pk)),
        ("questions", url("questions", **draft)),
        ("questions with answers", url("questions", pk=gr.gr.pk)),
        ("section new", url("section_new", **draft)),
        ("section delete", url("section_delete", section=data.first.pk, **draft)),
        ("question new", url("question_new", section=data.first.pk, **draft)),
        ("question edit", url("question_edit", question=data.choice.pk, **draft)),
        ("question edit locked", url("question_edit", question=gr.questions["single"].pk, pk=gr.gr.pk)),
        ("translations", url("translations", **draft)),
        ("translation edit", url("translation_edit", translation=data.translation.pk, **draft)),
    ]:
        response = client.get(address)
        assert response.status_code == 200, label
        pages[label] = response.content
    errors = client.post(url("question_new", section=data.first.pk, **draft), {"kind": "een", "text": ""})
    assert errors.status_code == 200
    pages["question with errors"] = errors.content
    preview = client.post(
        url("question_new", section=data.first.pk, **draft),
        {"kind": "kort", "text": "Hoe gaat het?", "leesbaarheid": "1"},
    )
    pages["question readability"] = preview.content
    pages["new with errors"] = client.post(url("new"), {"title": ""}).content
    pages["language with errors"] = client.post(url("translations", **draft), {"language": "nl"}).content
    assert_valid_html(pages, tmp_path)
