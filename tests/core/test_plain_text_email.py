"""Plain-text emails are not HTML-escaped: "Jan 't Hart & Zn" stays as typed in every text email and subject."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.template.base import TextNode
from django.template.defaulttags import AutoEscapeControlNode, LoadNode
from django.template.loader import get_template

from inspraak.core.mail import queue_email
from inspraak.meetings.services import meeting_cancel
from tests.agenda.data import agenda

NAME = "Jan 't Hart & Zn <info>"
ESCAPED = ("&amp;", "&#x27;", "&#39;", "&lt;", "&gt;", "&quot;")


def _text_email_templates() -> list[str]:
    names = []
    for config in apps.get_app_configs():
        root = Path(config.path) / "templates"
        names += [str(p.relative_to(root)) for p in root.glob("*/email/*.txt")]
    return sorted(names)


TEMPLATES = _text_email_templates()


def test_every_app_has_its_text_emails_found():
    assert len(TEMPLATES) >= 40
    assert "accounts/email/login_link.txt" in TEMPLATES and "meetings/email/changed_subject.txt" in TEMPLATES


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_text_email_template_turns_html_escaping_off(name):
    """All output of a text email (subject or body) lies inside ``{% autoescape off %}``: only ``{% load %}`` and
    blank text may stand outside it. A new template without it fails here."""
    for node in get_template(name).template.nodelist:
        if isinstance(node, LoadNode) or (isinstance(node, TextNode) and not node.s.strip()):
            continue
        assert isinstance(node, AutoEscapeControlNode) and node.setting is False, f"{name}: {node!r} is escaped"


@pytest.mark.django_db
def test_a_queued_email_has_the_name_as_typed_in_subject_and_text(mailoutbox, django_capture_on_commit_callbacks):
    context = {"name": NAME, "url": "https://inspraak.example/in?code=1&next=/", "minutes": 15}
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="jan@example.org", template_prefix="accounts/email/login_link", context=context)
    (message,) = mailoutbox
    assert f"Beste {NAME}," in message.body
    assert "https://inspraak.example/in?code=1&next=/" in message.body
    assert not any(escaped in message.body or escaped in message.subject for escaped in ESCAPED)


@pytest.mark.django_db
def test_a_cancelled_meeting_email_shows_the_body_name_and_reason_as_typed(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = agenda(world).published
    world.body.name = "Cliëntenraad 't Gooi & Vecht"
    world.body.save(update_fields=["name"])
    meeting.body = world.body
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, reason="De zaal & de koffie zijn 'weg'", by=world.user("secretary"))
    assert mailoutbox
    for message in mailoutbox:
        assert "Cliëntenraad 't Gooi & Vecht" in message.subject
        assert "De zaal & de koffie zijn 'weg'" in message.body
        assert not any(escaped in message.body or escaped in message.subject for escaped in ESCAPED)
