"""Path and query parameters shared by the endpoints."""

from typing import Annotated

from ninja import Path

SLUG = r"^[-a-zA-Z0-9_]+$"
MAX_ID = 2**63 - 1  # the largest primary key the database can hold

RegionSlug = Annotated[
    str, Path(pattern=SLUG, description="The region's slug (as in `/api/v1/regio`), e.g. `noordkust`.")
]
BodySlug = Annotated[str, Path(pattern=SLUG, description="The body's slug within the region.")]
MunicipalitySlug = Annotated[str, Path(pattern=SLUG, description="The municipality's slug within the region.")]


def object_id(what: str):
    return Annotated[int, Path(ge=1, le=MAX_ID, description=f"Number of the {what}.")]
