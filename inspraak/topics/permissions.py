"""Every permission decision about topics and votes."""

from __future__ import annotations

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.regions.permissions import can_support_body
from inspraak.topics.models import TopicStatus

# A topic is still being handled (the next step can be taken) in these statuses.
OPEN_STATUSES = (TopicStatus.SUBMITTED, TopicStatus.ON_AGENDA, TopicStatus.DISCUSSED)


def can_take_part(user, body) -> bool:
    """Submit topics and vote: everyone with a role in the body (members, secretary, facilitator)."""
    return bool(roles_of(user).roles_in_body(body.pk))


def can_list_topics(user, body) -> bool:
    """The topics page and submitting a topic: who takes part, and the supporters."""
    return can_take_part(user, body) or can_handle_topics(user, body)


def can_vote(user, body) -> bool:
    return Role.MEMBER in roles_of(user).roles_in_body(body.pk)


def can_handle_topics(user, body) -> bool:
    """Judge the scope, forward, put on an agenda, answer; see the ranking and who submitted: the secretary,
    the facilitator and the beheerder."""
    return can_support_body(user, body)


def can_submit_on_behalf(user, body) -> bool:
    """Enter a topic for a member who called or wrote."""
    return can_support_body(user, body)


def can_view_topic(user, topic) -> bool:
    """The member whose topic it is, and the body's supporters."""
    return topic.person_id == getattr(user, "pk", None) or can_handle_topics(user, topic.body)


def can_handle_topic(user, topic) -> bool:
    """Take the next step with this topic (agenda, forward, decline, discussed, answer): the body's supporters, until
    it is closed."""
    return can_handle_topics(user, topic.body) and topic.status in OPEN_STATUSES
