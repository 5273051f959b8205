"""docs/deployment.md keeps up with the code: every scheduled command is listed with its schedule, and the upload,
backup and proxy advice is there."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from inspraak.advice.forms import MAX_REQUEST_BYTES

DOCS = Path(settings.BASE_DIR) / "docs" / "deployment.md"
NOT_SCHEDULED = {"load_demo"}  # run by hand, never on a production site


def _scheduled_table() -> str:
    text = DOCS.read_text()
    return text[text.index("<!-- scheduled-commands:start -->") : text.index("<!-- scheduled-commands:end -->")]


def test_every_command_of_the_project_is_listed_with_a_schedule():
    commands = {
        path.stem
        for path in Path(settings.BASE_DIR, "inspraak").glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    } - NOT_SCHEDULED
    table = _scheduled_table()
    listed = set(re.findall(r"^\| `([a-z_]+)", table, flags=re.MULTILINE))
    assert commands <= listed, f"not in docs/deployment.md: {sorted(commands - listed)}"


def test_uploads_backups_and_the_proxy_are_described():
    text = DOCS.read_text()
    assert "nothing is uploaded yet" not in text
    assert "MEDIA_ROOT" in text and "pg_dump" in text and ".backup" in text and "pg_restore" in text
    assert "$proxy_add_x_forwarded_for" in text
    size = int(re.search(r"client_max_body_size (\d+)m;", text).group(1))
    assert size * 1024 * 1024 > MAX_REQUEST_BYTES, "the proxy must accept the largest post the app allows"


def test_the_daily_run_that_removes_expired_invitations_is_described():
    row = next(line for line in _scheduled_table().splitlines() if line.startswith("| `send_term_reminders`"))
    assert "invitations that expired" in row
    assert "ExecStart=/srv/inspraak/.venv/bin/python manage.py send_term_reminders" in DOCS.read_text()
