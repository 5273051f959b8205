"""Every GET page (and a form with errors) is valid HTML according to the W3C Nu validator, in one Java call."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.quality.pages import PAGES

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.django_db
def test_all_pages_are_valid_html(world, tmp_path):
    assert shutil.which("java"), "Java is needed for the HTML validator"
    files: dict[str, str] = {}
    for index, spec in enumerate(PAGES):
        client = Client()
        user = world.user(spec.actor)
        if user is not None:
            client.force_login(user)
        response = client.get(spec.url(world))
        assert response.status_code == 200, f"{spec.id}: {response.status_code}"
        path = tmp_path / f"page{index}.html"
        path.write_bytes(response.content)
        files[str(path)] = spec.id
    response = Client().post("/inloggen/", {"username": "geen-email", "password": ""})
    path = tmp_path / "form-errors.html"
    path.write_bytes(response.content)
    files[str(path)] = "login form with errors"

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
