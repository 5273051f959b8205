"""The demo's art. 47 picture: three municipalities in three states, the adviesraad of Havenstad meeting as its rules
ask, idempotent."""

from __future__ import annotations

import pytest

from inspraak.bylaws.models import Bylaw
from inspraak.bylaws.selectors import checks_for_region
from inspraak.demo.generator import REGION_NAME, load_demo
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.regions.models import Region
from tests.world import TODAY

pytestmark = pytest.mark.django_db


def _checks():
    region = Region.objects.get(name=REGION_NAME)
    by_name = {m.pk: m.name for m in region.municipalities.all()}
    return {by_name[pk]: check for pk, check in checks_for_region(region, on=TODAY).items() if pk is not None}


def test_the_three_municipalities_are_in_three_states():
    load_demo()
    checks = _checks()
    assert checks["Havenstad"].meets
    assert not checks["Havenstad"].findings
    polderveen = checks["Polderveen"]
    assert not polderveen.meets
    assert {f.element for f in polderveen.failures} == {"a", "b"}
    assert polderveen.outdated
    assert [f.code for f in checks["Kreekdorp"].findings] == ["no_bylaw"]


def test_the_adviesraad_of_havenstad_meets_as_often_as_its_rules_ask():
    load_demo()
    council = Meeting.objects.filter(body__name="Adviesraad Sociaal Domein Havenstad").exclude(
        status=MeetingStatus.CANCELLED
    )
    rules_ask = council.first().body.min_meetings_per_year
    assert council.filter(starts_at__year=TODAY.year).count() >= rules_ask
    assert all(item.documents.exists() for meeting in council for item in meeting.agenda_items.all())


def test_running_twice_adds_nothing():
    load_demo()
    counts = (Bylaw.objects.count(), Meeting.objects.count())
    load_demo()
    assert (Bylaw.objects.count(), Meeting.objects.count()) == counts == (2, 15)
