"""The meetings of a body, and one meeting with its public agenda (publicmeetings.selectors builds the JSON)."""

from django.http import HttpRequest
from ninja import Router

from inspraak.api.endpoints.params import BodySlug, RegionSlug, object_id
from inspraak.api.schemas import MeetingDetail, MeetingList, Problem
from inspraak.meetings import selectors as meeting_selectors
from inspraak.publicmeetings import selectors
from inspraak.regions import selectors as region_selectors

router = Router(tags=["Bijeenkomsten"])


@router.get(
    "/organen/{region}/{body}/bijeenkomsten",
    response={200: MeetingList, 400: Problem, 404: Problem},
    url_name="meetings",
    summary="Meetings of a body",
    description=(
        "Every meeting of the body, oldest first, including cancelled ones, with the public version of approved "
        "minutes that the secretary put online and feedback reports sent to the GR and marked public. Never names "
        "or contact data of members."
    ),
)
def meetings(request: HttpRequest, region: RegionSlug, body: BodySlug):
    return selectors.api_meetings(region_selectors.body_by_slugs(region, body))


@router.get(
    "/organen/{region}/{body}/bijeenkomsten/{pk}",
    response={200: MeetingDetail, 400: Problem, 404: Problem},
    url_name="meeting",
    summary="One meeting with its public agenda",
    description=(
        "Time and place, the agenda items once the agenda is published (with public documents only), the public "
        "minutes and a public feedback report. Before the agenda is published, and for a cancelled meeting, "
        "`items` is empty."
    ),
)
def meeting(request: HttpRequest, region: RegionSlug, body: BodySlug, pk: object_id("meeting")):
    found = region_selectors.body_by_slugs(region, body)
    return selectors.api_meeting(meeting_selectors.meeting_in(found, pk))
