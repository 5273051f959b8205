"""HTML validation with the W3C Nu validator (vnu-jar from npm): many pages in one Java call."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def assert_valid_html(pages: dict[str, bytes], tmp_path: Path) -> None:
    """``pages`` maps a label to the HTML of a response; fails listing every validation error by label."""
    assert shutil.which("java"), "Java is needed for the HTML validator"
    files: dict[str, str] = {}
    for index, (label, html) in enumerate(pages.items()):
        path = tmp_path / f"page{index}.html"
        path.write_bytes(html)
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
