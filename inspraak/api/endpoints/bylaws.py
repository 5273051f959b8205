"""The verordeningen cliëntenparticipatie of a region with their checks (inspraak.bylaws, ADR 16)."""

import datetime
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router

from inspraak.api import payloads
from inspraak.api.endpoints.params import RegionSlug, object_id
from inspraak.api.schemas import BylawDetail, BylawRegister, Problem
from inspraak.audit.cache import Kept, RegionCache, kept_response
from inspraak.bylaws import selectors
from inspraak.regions import selectors as region_selectors

router = Router(tags=["Verordeningen"])


@router.get(
    "/regio/{region}/verordeningen",
    response={200: BylawRegister, 400: Problem, 404: Problem},
    url_name="bylaws",
    summary="Verordeningen of a region, with their checks",
    description=(
        "Per municipality of the region (by name), and for the GR when it has texts of its own: the verordening "
        "cliëntenparticipatie in force on the date, the check of the municipality (ADR 16: `voldoet` only when a "
        "text is in force, adopted by the council, and a–e all regulated) and every text over time. Not paged: "
        "one row per municipality."
    ),
)
def bylaws(
    request: HttpRequest,
    region: RegionSlug,
    datum: Annotated[
        datetime.date | None, Query(None, description="The date to check on (`JJJJ-MM-DD`); default today.")
    ] = None,
):
    found = region_selectors.region_by_slug(region)
    today = timezone.localdate()
    on = datum or today

    def build() -> bytes:
        rows = selectors.public_bylaws(found, on=on)
        return payloads.json_bytes(
            BylawRegister, payloads.register_json(found, rows, request.build_absolute_uri, on=on)
        )

    if on != today:  # any other date: computed, not kept
        return HttpResponse(build(), content_type="application/json")
    # The same bytes for every request until the region changes; the links hold the request's own host.
    cache = RegionCache(found, today=today)
    kept = cache.get(f"bylaws:json:{request.build_absolute_uri('/')}", lambda: Kept.of(build()))
    return kept_response(request, kept, content_type="application/json")


@router.get(
    "/regio/{region}/verordeningen/{pk}",
    response={200: BylawDetail, 400: Problem, 404: Problem},
    url_name="bylaw",
    summary="One verordening with its check",
    description=(
        "Everything recorded about one text: who adopted it and when, in force from and until, legal basis, the "
        "official link and PDF, the target group, per element a–e whether and where it is regulated, the bodies it "
        "designates, the numbers it sets, and checks 2–7 of this text today."
    ),
)
def bylaw(request: HttpRequest, region: RegionSlug, pk: object_id("verordening")):
    found = region_selectors.region_by_slug(region)
    text = selectors.bylaw_in(found, pk)
    today = timezone.localdate()
    check = selectors.bylaw_check(text, on=today)
    return payloads.bylaw_json(text, check, request.build_absolute_uri, today=today)
