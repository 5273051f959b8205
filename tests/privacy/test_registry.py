"""The registry through which each app contributes its part of a person's data."""

import pytest

from inspraak.core import privacy_registry as registry

pytestmark = pytest.mark.django_db


def _noop(user):
    return None


def test_accounts_and_members_are_registered_and_exported_first():
    names = [part.name for part in registry.parts()]
    assert names[:2] == ["accounts", "members"]


def test_registering_a_name_again_replaces_the_part(restore_registry):
    count = len(registry.parts())
    restore_registry.register("extra", exporter=lambda user: {"v": 1}, eraser=_noop)
    restore_registry.register("extra", exporter=lambda user: {"v": 2}, eraser=_noop, title="Extra")
    assert len(registry.parts()) == count + 1
    assert registry.get("extra").title == "Extra"
    assert registry.get("extra").exporter(None) == {"v": 2}


def test_parts_are_erased_in_reverse_export_order_with_the_account_last(world, restore_registry):
    calls = []
    for name, order in (("late", 90), ("early", 5)):
        restore_registry.register(name, exporter=_noop, eraser=lambda user, n=name: calls.append(n), order=order)
    for name in ("accounts", "members"):
        part = registry.get(name)
        restore_registry.register(
            name, exporter=part.exporter, eraser=lambda user, n=name: calls.append(n), order=part.order
        )
    registry.erase(world.user("plain"))
    assert calls[0] == "late" and calls[-3:] == ["members", "early", "accounts"]


def test_data_regions_come_from_every_part(world, restore_registry):
    restore_registry.register("extra", exporter=_noop, eraser=_noop, regions=lambda user: [world.other_region.pk])
    assert registry.data_region_ids(world.user("member")) == {world.region.pk, world.other_region.pk}
    assert registry.data_region_ids(world.user("plain")) == {world.other_region.pk}
