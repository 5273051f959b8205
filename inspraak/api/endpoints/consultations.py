"""Published results of consultations (raadplegingen, ADR 30): the list of a region and one consultation's results,
with the same small-group rule as the public page (consultations.selectors.results)."""

from django.http import HttpRequest
from ninja import Router

from inspraak.api import payloads
from inspraak.api.endpoints.params import RegionSlug, object_id
from inspraak.api.schemas import ConsultationList, ConsultationResults, Problem
from inspraak.consultations.selectors import results as result_selectors
from inspraak.regions import selectors as region_selectors

router = Router(tags=["Raadplegingen"])


@router.get(
    "/regio/{region}/raadplegingen",
    response={200: ConsultationList, 400: Problem, 404: Problem},
    url_name="consultations",
    summary="Published consultations of a region",
    description=(
        "Every consultation of the region whose results are published, newest first. Open, closed and draft "
        "consultations are not in the API (open ones are on the public page). `respondents` is null when fewer "
        "than 5 people took part."
    ),
)
def consultations(request: HttpRequest, region: RegionSlug):
    found = region_selectors.region_by_slug(region)
    rows = result_selectors.published_consultations(found)
    return payloads.consultation_list_json(found, rows, request.build_absolute_uri)


@router.get(
    "/regio/{region}/raadplegingen/{pk}",
    response={200: ConsultationResults, 400: Problem, 404: Problem},
    url_name="consultation",
    summary="The published results of one consultation",
    description=(
        "What the GR will do with the results (`outcome`), the findings passed on, and the results: how many took "
        "part, per way of answering, per municipality (with the response rate), and per question the counts, "
        "percentages and for scales the mean. Any count that rests on fewer than 5 people is null with `hidden` "
        "`minder_dan_5`; a count hidden so that a small one cannot be worked out from the total has `hidden` "
        "`niet_getoond`. 404 for a consultation whose results are not published."
    ),
)
def consultation(request: HttpRequest, region: RegionSlug, pk: object_id("consultation")):
    found = region_selectors.region_by_slug(region)
    item = result_selectors.published_consultation(found, pk)
    results = result_selectors.results(item)
    findings = result_selectors.findings(item)
    return payloads.consultation_json(item, results, findings, request.build_absolute_uri)
