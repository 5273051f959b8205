"""HTML validation with the W3C Nu validator (vnu-jar from npm): many pages in one Java call."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validation_errors(pages: dict[str, bytes], tmp_path: Path) -> list[str]:
    """Validates every page in ONE Java call; returns "label: line N: message" for every error."""
    assert shutil.which("java"), "Java (17+) is needed for the HTML validator"
    assert VNU.exists(), f"{VNU} is missing: run npm ci"
    files: dict[str, str] = {}
    for index, (label, html) in enumerate(pages.items()):
        path = (tmp_path / f"page{index}.html").resolve()
        path.write_bytes(html)
        files[str(path)] = label
    result = subprocess.run(  # noqa: S603
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    except json.JSONDecodeError as exc:
        raise AssertionError(f"The validator did not answer JSON (exit {result.returncode}):\n{result.stderr}") from exc
    if result.returncode not in (0, 1):
        raise AssertionError(f"The validator failed (exit {result.returncode}):\n{result.stderr}")
    if result.returncode == 1 and not messages:
        raise AssertionError(f"The validator reported failure without messages:\n{result.stderr}")
    problems = []
    for m in messages:
        label = files.get(m.get("url", "").removeprefix("file:"), m.get("url", "?"))
        extract = f"\n    {m['extract'].strip()}" if m.get("extract") else ""
        problems.append(f"{label}: line {m.get('lastLine', '?')}: {m.get('message')}{extract}")
    return problems


def assert_valid_html(pages: dict[str, bytes], tmp_path: Path) -> None:
    """``pages`` maps a label to the HTML of a response; fails listing every validation error by label."""
    assert pages, "No pages to validate"
    problems = validation_errors(pages, tmp_path)
    assert not problems, f"HTML validation errors ({len(problems)}):\n" + "\n".join(problems)
