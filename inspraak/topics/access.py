"""The one way a topics view gets its body or topic from the URL: 404 outside the person's regions (and for a topic
of another body), 403 inside when the check says no."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.regions.access import body_from_url
from inspraak.topics import permissions, selectors


def access_body(request, region: str, body: str, check=permissions.can_list_topics):
    return body_from_url(request, region, body, check)


def access_topic(request, region: str, body: str, pk: int):
    """A topic of the body, for the member whose topic it is and the body's supporters."""
    topic = selectors.topic_in(access_body(request, region, body), pk)
    if not permissions.can_view_topic(request.user, topic):
        raise PermissionDenied
    return topic
