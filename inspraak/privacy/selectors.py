"""Reads for the privacy pages, with a fixed number of queries."""

from __future__ import annotations

from inspraak.accounts.selectors import person_in_region
from inspraak.core import privacy_registry as registry


def person_for_request(region, pk: int):
    """A person the region's beheerder may see (else 404), with ``data_region_ids``: every region their roles are
    in plus every region a registered part holds data in. Four queries plus one per part that reports regions."""
    person = person_in_region(region, pk)
    person.data_region_ids = frozenset(person.all_region_ids | registry.data_region_ids(person))
    return person


def texts_naming(person):
    """Texts of others in the regions holding the person's data that name them (activity.texts_naming). Needs
    ``person.data_region_ids`` (person_for_request). 8 queries."""
    from inspraak.privacy import activity

    return activity.texts_naming(person, person.data_region_ids)
