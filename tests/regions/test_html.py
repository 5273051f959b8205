"""Pages the matrix does not reach as a plain GET are valid HTML too: forms with errors, a refused delete."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.test_html_valid import VNU

pytestmark = pytest.mark.django_db


def test_error_and_refusal_pages_are_valid_html(client, world, tmp_path):
    assert shutil.which("java"), "Java is needed for the HTML validator"
    client.force_login(world.user("admin"))
    r = world.region.slug
    pages = {
        "municipality form with errors": client.post(
            reverse("regions:municipality_new", kwargs={"region": r}), {"name": "", "cbs_code": "fout"}
        ),
        "body form with errors": client.post(
            reverse("regions:body_new", kwargs={"region": r}), {"name": "", "level": "gemeente"}
        ),
        "region form with errors": client.post(reverse("regions:region_edit", kwargs={"region": r}), {"name": ""}),
        "refused delete": client.get(
            reverse("regions:municipality_delete", kwargs={"region": r, "municipality": world.municipality.slug})
        ),
    }
    files = {}
    for label, response in pages.items():
        assert response.status_code == 200, label
        path = tmp_path / f"{len(files)}.html"
        path.write_bytes(response.content)
        files[str(path)] = label
    result = subprocess.run(  # noqa: S603
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert not problems, "HTML validation errors:\n" + "\n".join(problems)
