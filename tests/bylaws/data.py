"""Verordeningen for the bylaws tests, on top of tests/world.py, built on first use and kept on the world.

Written straight to the models (with one "aangemaakt" event each):

- ``zeedorp``: the Zeedorp council's text under the Participatiewet, regulating a–e, designating the Zeedorp
  adviesraad; in force since 2024; with a PDF. Voldoet.
- ``duinstad``: Duinstad's 2009 WWB text, regulating only c–e, target group art. 7 lid 1 only. Voldoet niet (a, b),
  verouderd.
- ``gr``: a regulation of the GR board for the regional client panel (no municipality).
- ``other``: a text of the other region (never shown in this region).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile

from inspraak.bylaws.models import AdoptedBy, Bylaw, BylawEvent, LegalBasis, TargetGroup

TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
D = datetime.date


@dataclass
class BylawData:
    zeedorp: Bylaw
    duinstad: Bylaw
    gr: Bylaw
    other: Bylaw


def make_bylaw(world, *, region=None, municipality=None, elements="abcde", bodies=(), **extra) -> Bylaw:
    values = {
        "title": "Verordening cliëntenparticipatie",
        "adopted_by": AdoptedBy.COUNCIL,
        "adopted_on": D(2023, 12, 14),
        "in_force_from": D(2024, 1, 1),
        "legal_basis": LegalBasis.PARTICIPATIEWET,
        "target_group": TargetGroup.ART_7_1_AND_7A,
        "created_by": world.user("admin"),
    }
    for letter in "abcde":
        values[f"element_{letter}"] = letter in elements
        if letter in elements:
            values[f"element_{letter}_article"] = f"art. {'abcde'.index(letter) + 2}"
    values.update(extra)
    bylaw = Bylaw.objects.create(region=region or world.region, municipality=municipality, **values)
    bylaw.designated_bodies.set(bodies)
    BylawEvent.objects.create(bylaw=bylaw, kind=BylawEvent.Kind.CREATED, by=values["created_by"])
    return bylaw


def bylaw_data(world) -> BylawData:
    existing = getattr(world, "_bylaws", None)
    if existing is not None:
        return existing
    zeedorp = make_bylaw(
        world,
        municipality=world.municipality,
        title="Verordening cliëntenparticipatie Zeedorp 2024",
        cvdr_id="CVDR700001",
        official_url="https://lokaleregelgeving.overheid.nl/CVDR700001",
        element_a_quote="De adviesraad adviseert gevraagd en ongevraagd, in een vroeg stadium.",
        bodies=[world.municipal_body],
        min_meetings_per_year=3,
        advice_period_weeks=6,
        response_period_weeks=6,
        evaluation_on=D(2028, 1, 1),
    )
    zeedorp.file.save("zeedorp.pdf", ContentFile(TINY_PDF), save=False)
    zeedorp.file_size = len(TINY_PDF)
    zeedorp.save(update_fields=["file", "file_size"])
    duinstad = make_bylaw(
        world,
        municipality=world.municipality_2,
        title="Verordening cliëntenparticipatie WWB Duinstad 2009",
        adopted_on=D(2008, 12, 1),
        in_force_from=D(2009, 1, 1),
        legal_basis=LegalBasis.WWB,
        target_group=TargetGroup.ART_7_1,
        elements="cde",
        other_bodies="Cliëntenraad WWB Duinstad",
    )
    gr = make_bylaw(
        world,
        title="Reglement cliëntenpanel Noordkust",
        adopted_by=AdoptedBy.GR_BOARD,
        bodies=[world.body],
        elements="cde",
    )
    other = make_bylaw(
        world,
        region=world.other_region,
        municipality=world.other_municipality,
        title="Verordening Heidedorp",
        created_by=None,
    )
    data = BylawData(zeedorp=zeedorp, duinstad=duinstad, gr=gr, other=other)
    world._bylaws = data
    return data
