"""The composition check and seat allocation of a body (members.selectors builds the JSON)."""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from ninja import Router

from inspraak.api.endpoints.params import BodySlug, RegionSlug
from inspraak.api.schemas import Composition, Problem
from inspraak.members import permissions, selectors
from inspraak.regions import selectors as region_selectors

router = Router(tags=["Samenstelling"])


@router.get(
    "/organen/{region}/{body}/samenstelling",
    response={200: Composition, 400: Problem, 404: Problem},
    url_name="composition",
    summary="Composition and seat allocation of a body",
    description=(
        "Aggregate numbers, the findings of the composition check and the seat allocation with its arithmetic; "
        "never names. For the body's secretary and facilitator, the region's beheerder and policy officers "
        "(municipal officers for a body of their municipality), logged in with the session cookie, the answer also "
        "holds `memberships`; that answer is not cached (`Cache-Control: no-store`) and has no CORS header."
    ),
    exclude_unset=True,
)
def composition(request: HttpRequest, response: HttpResponse, region: RegionSlug, body: BodySlug):
    found = region_selectors.body_by_slugs(region, body)
    data = selectors.composition_json(found)
    if permissions.can_view_composition(request.user, found):
        data["memberships"] = selectors.memberships_json(found)
        request.api_private = True  # no CORS header, no public caching (inspraak.api.urls)
        patch_cache_control(response, no_store=True)
    return data
