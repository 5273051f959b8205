"""Issue 11, "done when", for the register: a beheerder records the three verordeningen of the demo region from
their texts (here: one CSV file, tests/bylaws/demo_verordeningen.csv, which the lead may use for the demo) and the
public pages show Havenstad "voldoet", Polderveen's 2009 text "voldoet niet" on a and b with "verouderd", and
Kreekdorp "geen verordening"."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import User
from inspraak.bylaws.selectors import checks_for_region
from inspraak.demo.generator import load_demo
from inspraak.regions.models import Region

pytestmark = pytest.mark.django_db
CSV = Path(__file__).with_name("demo_verordeningen.csv")


@pytest.fixture(autouse=True)
def _frozen_clock():
    import time_machine

    from tests.world import NOW

    with time_machine.travel(NOW, tick=True):
        yield


def test_the_demo_region_shows_each_of_the_three_states(client):
    load_demo()
    region = Region.objects.get(slug="regio-waterland-oost")
    client.force_login(User.objects.get(email="beheerder@demo.inspraak.example"))
    upload = SimpleUploadedFile("verordeningen.csv", CSV.read_bytes(), content_type="text/csv")
    response = client.post(reverse("bylaws:import_csv", args=[region.slug]), {"bestand": upload})
    assert response.status_code == 302, response.content.decode()[-3000:]

    checks = checks_for_region(region, on=timezone.localdate())
    by_name = {m.name: checks[m.pk] for m in region.municipalities.all()}
    assert by_name["Havenstad"].meets
    polderveen = by_name["Polderveen"]
    assert not polderveen.meets and polderveen.outdated
    assert [f.element for f in polderveen.failures] == ["a", "b"]
    assert [f.code for f in by_name["Kreekdorp"].findings] == ["no_bylaw"]

    client.logout()
    page = client.get(reverse("bylaws:public_index", args=[region.slug])).content.decode()
    cards = {card.split("</h2>", 1)[0]: card for card in page.split('<h2 class="utrecht-heading-2">')[1:]}
    assert "Voldoet</span>" in cards["Havenstad"] and "Voldoet niet" not in cards["Havenstad"]
    assert "geen verordening" in cards["Kreekdorp"]
    polderveen = cards["Polderveen"]
    assert "Voldoet niet" in polderveen and "Verouderd" in polderveen
    assert "regelt a niet" in polderveen and "regelt b niet" in polderveen and "regelt c niet" not in polderveen
