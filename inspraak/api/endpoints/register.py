"""The advice register of a region and the timeline of a proposal (register.selectors, JSON by register.api)."""

from typing import Annotated, Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from inspraak.advice.models import AdviceKind
from inspraak.api.endpoints.params import RegionSlug, object_id
from inspraak.api.paging import link_header
from inspraak.api.problems import ApiProblem
from inspraak.api.schemas import AdvicePage, Problem, ProposalTimeline
from inspraak.regions import selectors as region_selectors
from inspraak.register import api as register_json
from inspraak.register import selectors
from inspraak.register.forms import FIRST_YEAR, RegisterFilterForm

router = Router(tags=["Adviesregister"])


def proposal_api_path(proposal) -> str:
    return reverse("api:proposal", kwargs={"region": proposal.region.slug, "pk": proposal.pk})


def _filter(kind, description: str):
    return Annotated[kind | None, Query(None, description=description)]


Kind = Literal[tuple(AdviceKind.values)]
ResponseState = Literal[selectors.RESPONSE_STATES]


@router.get(
    "/regio/{region}/adviezen",
    response={200: AdvicePage, 400: Problem, 404: Problem},
    url_name="advices",
    summary="Advice register of a region",
    description=(
        "Every sent advice of the region's participation bodies, newest first, 25 per page. Filters combine; a "
        "filter value that does not exist is a 400, a page after the last one a 404 (an empty register has one "
        "empty page). The `Link` header points to the first, previous, next and last page."
    ),
    exclude_unset=True,
    openapi_extra={"x-paged": True},
)
def advices(
    request: HttpRequest,
    response: HttpResponse,
    region: RegionSlug,
    gemeente: _filter(str, "A municipality's slug, or `hele-regio` for the whole region.") = None,
    orgaan: _filter(str, "A body's slug.") = None,
    jaar: _filter(int, f"A calendar year from {FIRST_YEAR} up to this year.") = None,
    soort: _filter(Kind, "Solicited or unsolicited advice.") = None,
    reactie: _filter(ResponseState, "A response was recorded; none yet and not due; none and overdue.") = None,
    pagina: Annotated[int, Query(1, ge=1, description="The page (default 1).")] = 1,
):
    found = region_selectors.region_by_slug(region)
    form = RegisterFilterForm(request.GET or None, **selectors.filter_choices(found))
    if form.is_bound and not form.is_valid():
        raise ApiProblem(
            400,
            invalid_params=[
                {"name": name, "reason": str(error)} for name, errors in form.errors.items() for error in errors
            ],
        )
    try:
        page = selectors.api_page(found, form.filters(), page=pagina)
    except selectors.PageOutOfRange:
        raise ApiProblem(404, _("Deze pagina bestaat niet.")) from None
    absolute = request.build_absolute_uri
    base = reverse("api:advices", kwargs={"region": found.slug})
    query = form.query()

    def page_url(number: int | None) -> str | None:
        if number is None:
            return None
        return absolute(f"{base}?{query + '&' if query else ''}pagina={number}")

    next_url = page_url(page.next_page_number() if page.has_next() else None)
    previous_url = page_url(page.previous_page_number() if page.has_previous() else None)
    response["Link"] = link_header(
        first=page_url(1), previous=previous_url, next=next_url, last=page_url(page.paginator.num_pages)
    )
    return {
        "region": {"slug": found.slug, "name": found.name},
        "filters": {name: form.cleaned_data.get(name) or None for name in form.fields} if form.is_bound else {},
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "page_size": page.paginator.per_page,
        "next": next_url,
        "previous": previous_url,
        "results": [
            register_json.advice_json(advice, absolute, api_path=proposal_api_path) for advice in page.object_list
        ],
    }


@router.get(
    "/regio/{region}/voorstellen/{pk}",
    response={200: ProposalTimeline, 400: Problem, 404: Problem},
    url_name="proposal",
    summary="Timeline of a proposal",
    description=(
        "A proposal with its advice requests, their timeliness, the sent advices and the decision. Public for a "
        "proposal that has at least one advice request or sent advice, or is decided; any other proposal (still "
        "being prepared) is a 404, as is a proposal of another region."
    ),
)
def proposal(request: HttpRequest, region: RegionSlug, pk: object_id("proposal")):
    found = region_selectors.region_by_slug(region)
    data = selectors.proposal_timeline(found, pk)
    return {
        "region": {"slug": found.slug, "name": found.name},
        **register_json.proposal_json(data, request.build_absolute_uri, api_path=proposal_api_path),
    }
