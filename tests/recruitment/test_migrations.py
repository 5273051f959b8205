"""Migration 0005 commits a seed for every seat line that existed before seeds were committed in advance (B7)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from inspraak.recruitment import rules
from inspraak.recruitment.models import DrawCommitment
from tests.recruitment.data import new_vacancy

pytestmark = pytest.mark.django_db


def test_existing_seat_lines_get_a_committed_seed(world):
    vacancy = new_vacancy(world)
    DrawCommitment.objects.all().delete()  # as before the migration
    migration = importlib.import_module("inspraak.recruitment.migrations.0005_draw_commitment")
    migration.commit_seeds(apps, None)
    commitments = list(DrawCommitment.objects.filter(vacancy=vacancy))
    assert {c.municipality_id for c in commitments} == {world.municipality.pk, world.municipality_2.pk}
    assert all(rules.seed_matches(c.seed, c.seed_hash) and c.draw_id is None for c in commitments)
