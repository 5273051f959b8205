from tests.agenda.data import agenda
from tests.matrix import PUBLIC, ViewCase
from tests.meetings.data import upcoming
from tests.records.data import records


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _upcoming(w):
    return {**_body(w), "pk": upcoming(w).pk}


def _published(w):
    return {**_body(w), "pk": agenda(w).published.pk}


def _closed(w):
    return {**_body(w), "pk": records(w).closed.pk}


CASES = [
    ViewCase("publicmeetings:calendar", PUBLIC, _body),
    ViewCase("publicmeetings:ics", PUBLIC, _upcoming, html=False),
    ViewCase("publicmeetings:agenda", PUBLIC, _published),
    ViewCase("publicmeetings:meeting", PUBLIC, _closed),
    # The JSON moved to /api/v1 without trailing slashes (tests/api/matrix.py): permanent redirects (308).
    ViewCase("publicmeetings:api_meetings", PUBLIC, _body, html=False, status=308),
    ViewCase("publicmeetings:api_meeting", PUBLIC, _closed, html=False, status=308),
    ViewCase("publicmeetings:api_agenda", PUBLIC, _published, html=False, status=308),
]
