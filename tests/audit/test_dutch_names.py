"""Every model of the project has a Dutch name that goes through gettext (audit log, "Mijn gegevens", exports)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils.functional import Promise
from django.utils.text import camel_case_to_spaces

from inspraak.audit.labels import field_labels, type_label


def _models():
    for model in apps.get_models():
        if model.__module__.startswith("inspraak."):
            yield pytest.param(model, id=model._meta.label)


@pytest.mark.parametrize("model", list(_models()))
def test_every_model_has_a_translatable_dutch_name(model):
    opts = model._meta
    english = camel_case_to_spaces(model.__name__)
    assert "verbose_name" in opts.original_attrs and isinstance(opts.verbose_name, Promise)
    assert "verbose_name_plural" in opts.original_attrs and isinstance(opts.verbose_name_plural, Promise)
    assert str(opts.verbose_name) != english and str(opts.verbose_name_plural) != english + "s"


def test_the_audit_log_shows_dutch_object_types():
    assert [type_label(t) for t in ("reply", "advicecomment", "agendaitem", "logincode", "meetingdocument")] == [
        "Antwoord op uitnodiging",
        "Opmerking bij advies",
        "Agendapunt",
        "Inlogcode",
        "Vergaderstuk",
    ]


def test_changed_links_to_other_objects_are_shown_by_the_dutch_name_of_that_object():
    # Application.user and .membership have no label of their own: the log said "membership, user".
    assert field_labels("application", ["membership", "user"]) == ["lidmaatschap", "persoon"]


def test_every_audit_action_written_by_the_code_has_a_dutch_label():
    """The audit log showed codes such as "payment_batch.paid" to the beheerder for actions added after the labels."""
    import re
    from pathlib import Path

    from inspraak.audit.labels import ACTION_LABELS

    root = Path(__file__).resolve().parents[2] / "inspraak"
    written = {
        code
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        for code in re.findall(r'\baction="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8"))
    }

    assert len(written) > 100  # the pattern still finds how services name their actions
    assert sorted(written - ACTION_LABELS.keys()) == []
