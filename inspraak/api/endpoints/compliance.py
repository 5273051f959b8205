"""The art. 47 matrix of a region per year, and the row of one municipality (inspraak.compliance, ADR 17)."""

from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Router

from inspraak.api import payloads
from inspraak.api.endpoints.params import MunicipalitySlug, RegionSlug
from inspraak.api.problems import ApiProblem
from inspraak.api.schemas import MatrixOut, MunicipalityMatrix, Problem
from inspraak.audit.cache import Kept, kept_response
from inspraak.compliance import present, selectors
from inspraak.regions import selectors as region_selectors

router = Router(tags=["Art. 47"])

FIRST_YEAR = 2015  # the Participatiewet (and its art. 47) came into force on 1 January 2015
Year = Annotated[
    int, Path(ge=FIRST_YEAR, le=9999, description=f"The calendar year, from {FIRST_YEAR} up to this year.")
]


def _checked_year(year: int, today) -> int:
    if year > today.year:
        raise ApiProblem(404, _("Dit jaar is nog niet begonnen."))
    return year


@router.get(
    "/regio/{region}/art-47/{year}",
    response={200: MatrixOut, 400: Problem, 404: Problem},
    url_name="matrix",
    summary="The art. 47 matrix of a region for a year",
    description=(
        "Rows: the GR, then every municipality of the region by name; columns: the verordening and art. 47 a–e. "
        "Each cell has a status (`voldoet`, `deels`, `voldoet_niet`, `geen_gegevens`) from the data, not "
        "self-reported, with its numbers and links to the evidence. Not paged: one row per municipality."
    ),
)
def matrix(request: HttpRequest, region: RegionSlug, year: Year):
    found = region_selectors.region_by_slug(region)
    today = timezone.localdate()
    year = _checked_year(year, today)
    cache = present.region_cache(found, today=today)

    def build() -> Kept:
        frozen = present.frozen_matrix(found, year=year, today=today, cache=cache)
        return Kept.of(payloads.json_bytes(MatrixOut, payloads.matrix_json(frozen, request.build_absolute_uri)))

    # The same bytes for every request until the region changes; the links hold the request's own host.
    kept = cache.get(f"art47:json:{year}:{request.build_absolute_uri('/')}", build)
    return kept_response(request, kept, content_type="application/json")


@router.get(
    "/regio/{region}/art-47/{year}/gemeenten/{municipality}",
    response={200: MunicipalityMatrix, 400: Problem, 404: Problem},
    url_name="matrix_municipality",
    summary="The art. 47 row of one municipality for a year",
    description=(
        "The row of one municipality of the matrix with the evidence behind it: the decided proposals with the "
        "timeliness per concerned body, the bodies that serve the municipality with their meetings, topics and "
        "documents, “is the client heard?” per body (small groups are not split), and the verordening findings."
    ),
)
def matrix_municipality(request: HttpRequest, region: RegionSlug, year: Year, municipality: MunicipalitySlug):
    found = region_selectors.region_by_slug(region)
    place = region_selectors.municipality_in(found, municipality)
    today = timezone.localdate()
    row = selectors.municipality_matrix(found, place, year=_checked_year(year, today), today=today)
    return {
        "region": {"slug": found.slug, "name": found.name},
        "year": year,
        "row": payloads.matrix_row_json(found, row, request.build_absolute_uri, year=year),
        "evidence": payloads.evidence_json(row.detail, request.build_absolute_uri),
    }
