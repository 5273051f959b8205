"""Demo data for paper letters (issue 12, ADR 21): postal addresses for most members without email, one of them
with "grote letters", so the post page, its warning "N leden zonder adres" and the PDF show every case.

Not called yet: the lead calls ``add_postal_addresses(region)`` at the end of ``load_demo`` (after the memberships
exist; before or after the agenda is published makes no difference, the address is taken when printing).
"""

from __future__ import annotations

from inspraak.members.models import Membership, Status

# Fictional addresses in the demo region; the last members of the list stay without one (they get a phone call).
ADDRESSES = (
    "Kerkstraat 12\n1441 AB Purmerend",
    "Dijkweg 3\n1131 CD Volendam",
    "Zuideinde 88\n1141 EF Monnickendam",
    "Noordeinde 5\n1121 GH Landsmeer",
    "Molenpad 21\n1151 JK Broek in Waterland",
    "Havenstraat 7\n1135 LM Edam",
    "Populierenlaan 40\n1442 NP Purmerend",
    "Slotweg 2\n1453 RS Oostknollendam",
)


def add_postal_addresses(region) -> int:
    """Give the first members without email of the region's bodies a postal address; the first of them also
    "grote letters". Returns how many got an address."""
    paper = list(
        Membership.objects.filter(body__region=region, user__email__isnull=True)
        .exclude(status=Status.ENDED)
        .order_by("body_id", "pk")
    )
    for membership, address in zip(paper, ADDRESSES, strict=False):
        membership.contact_address = address
        membership.needs_large_print = membership is paper[0]
        membership.save(update_fields=["contact_address", "needs_large_print"])
    return min(len(paper), len(ADDRESSES))
