"""Every GET page of the project, derived from the role x view matrix, for the least AND the most privileged actor
allowed (they see different content: a member reads, a secretary gets the forms, buttons and tables)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from tests.matrix import ViewCase, all_cases
from tests.world import ACTORS, World

# From least to most privileged: a page is checked as the first and the last actor here that may see it.
PRIVILEGE_ORDER = (
    "anonymous",
    "plain",
    "member",
    "facilitator",
    "secretary",
    "finance",
    "officer_municipality",
    "officer_region",
    "admin",
)


@dataclass(frozen=True)
class Page:
    case: ViewCase
    actor: str

    @property
    def id(self) -> str:
        return f"{self.case.test_id}@{self.actor}"

    def url(self, world: World) -> str:
        url = reverse(self.case.url_name, kwargs=self.case.kwargs(world))
        if self.case.query:
            url += "?" + urlencode(self.case.query, doseq=True)
        return url


def get_pages() -> list[Page]:
    pages = []
    for case in all_cases():
        if case.method != "get" or not case.html:
            continue
        ranked = [a for a in (*PRIVILEGE_ORDER, *ACTORS) if a in case.allowed]
        ranked = list(dict.fromkeys(ranked))
        for actor in dict.fromkeys(ranked[:1] + [a for a in ranked if a in PRIVILEGE_ORDER][-1:]):
            pages.append(Page(case, actor))
    return pages


def pages_by_actor() -> dict[str, list[Page]]:
    """PAGES grouped per actor, so one browser context (one login) serves all pages of an actor."""
    grouped: dict[str, list[Page]] = {}
    for page in PAGES:
        grouped.setdefault(page.actor, []).append(page)
    return grouped


PAGES = get_pages()
