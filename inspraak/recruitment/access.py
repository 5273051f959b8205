"""How a recruitment view gets its object from the URL: 404 outside the person's regions or this body, 403 when the
permission check says no (the body first, as regions.access.body_from_url does)."""

from __future__ import annotations

from inspraak.recruitment import permissions, selectors
from inspraak.recruitment.models import Application, Vacancy
from inspraak.regions.access import body_from_url


def access_vacancy(request, region: str, body: str, pk: int, *, check=permissions.can_manage_recruitment) -> Vacancy:
    """Vacancy ``pk`` of the body in the URL, for someone for whom ``check(user, body)`` holds (default: who
    manages the body's recruitment)."""
    return selectors.vacancy_in(body_from_url(request, region, body, check), pk)


def access_application(request, region: str, body: str, pk: int) -> Application:
    """Application ``pk`` of the body in the URL, for someone who manages the body's recruitment."""
    return selectors.application_in(body_from_url(request, region, body, permissions.can_manage_recruitment), pk)
