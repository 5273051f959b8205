from __future__ import annotations

import pytest

from inspraak.audit.models import AuditEvent
from inspraak.audit.services import audit_record
from tests.factories import RegionFactory, UserFactory
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_audit_log_is_append_only():
    region = RegionFactory()
    event = audit_record(actor=None, action="region.update", target=region, region=region)
    event.action = "iets anders"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="x")


def test_default_label_holds_no_personal_data():
    person = UserFactory(name="Jan Jansen", email="jan@example.org")
    event = audit_record(actor=None, action="person.update", target=person)
    assert "Jan" not in event.target_label and "jan@" not in event.target_label


def test_log_page_filters_and_keeps_a_fixed_query_count(client, world):
    admin = world.user("admin")
    client.force_login(admin)
    for i in range(3):
        audit_record(actor=admin, action="body.update", target=world.body, region=world.region, label=f"orgaan {i}")
    audit_record(actor=admin, action="region.update", target=world.region, region=world.region)
    url = f"/beheer/{world.region.slug}/logboek/"

    def grow():
        for _ in range(30):
            audit_record(actor=UserFactory(), action="body.update", target=world.body, region=world.region)

    assert_constant_queries(client, url, grow)
    html = client.get(url, {"handeling": "region.update"}).content.decode()
    assert "Regio gewijzigd" in html and "orgaan 1" not in html


def test_other_regions_events_are_not_shown(client, world):
    audit_record(actor=None, action="body.update", target=world.other_body, region=world.other_region, label="ANDERS")
    client.force_login(world.user("admin"))
    assert "ANDERS" not in client.get(f"/beheer/{world.region.slug}/logboek/").content.decode()
