"""Every GET page of the project, derived from the role x view matrix, with the least privileged actor allowed."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from tests.matrix import ViewCase, all_cases
from tests.world import ACTORS, World

# From least to most privileged: a page is checked as the first actor here that may see it.
PRIVILEGE_ORDER = (
    "anonymous",
    "plain",
    "member",
    "facilitator",
    "secretary",
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
        actor = next((a for a in (*PRIVILEGE_ORDER, *ACTORS) if a in case.allowed), None)
        if actor:
            pages.append(Page(case, actor))
    return pages


PAGES = get_pages()
