"""The entry point: every region with its municipalities, bodies and links to its data."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from inspraak.api import payloads, selectors
from inspraak.api.schemas import Problem, RegionList

router = Router(tags=["Regio's"])


@router.get(
    "/regio",
    response={200: RegionList, 404: Problem},
    url_name="regions",
    summary="Every region",
    description=(
        "The entry point: every region (gemeenschappelijke regeling) in Inspraak with its municipalities and "
        "participation bodies (their slugs are the path parameters of the other endpoints) and `_links` to the "
        "region's advice register, verordeningen and art. 47 matrix of this year. Not paged: a region is a GR, "
        "and there are a few dozen at most."
    ),
    by_alias=True,
)
def regions(request: HttpRequest):
    year = timezone.localdate().year
    return {
        "regions": [
            payloads.region_json(region, request.build_absolute_uri, year=year) for region in selectors.regions()
        ]
    }
