from inspraak.audit.models import AuditEvent
from inspraak.topics.models import Topic, TopicVote
from tests.matrix import ViewCase, allow, to
from tests.topics.data import client_topic

TAKING_PART = allow("admin", "secretary", "facilitator", "member")
HANDLERS = allow("admin", "secretary", "facilitator")


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _topic(w):
    return {**_body(w), "pk": client_topic(w).pk}


def _state(w):
    return (
        list(Topic.objects.values_list("pk", "status", "answer").order_by("pk")),
        TopicVote.objects.count(),
        AuditEvent.objects.count(),
    )


SECRET = lambda w: "Geheime uitleg"  # noqa: E731

CASES = [
    ViewCase("topics:list", TAKING_PART, _body),
    ViewCase("topics:new", TAKING_PART, _body),
    ViewCase(
        "topics:new",
        TAKING_PART,
        _body,
        method="post",
        data=lambda w: {"title": "Wachttijden", "description": "Het duurt lang."},
        unchanged=_state,
        changed=lambda w: Topic.objects.filter(body=w.body, title="Wachttijden").exists(),
        redirect=to("topics:detail", lambda w: {**_body(w), "pk": Topic.objects.latest("pk").pk}),
    ),
    # Another member's topic is not theirs to read; the supporters handle it.
    ViewCase("topics:detail", HANDLERS, _topic, secret=SECRET),
    ViewCase(
        "topics:detail",
        HANDLERS,
        _topic,
        method="post",
        data=lambda w: {"action": "decline", "answer": "Dit hoort bij de gemeente."},
        unchanged=_state,
        id="handle",
        changed=lambda w: Topic.objects.get(pk=client_topic(w).pk).answer == "Dit hoort bij de gemeente.",
        redirect=to("topics:detail", _topic),
    ),
    ViewCase(
        "topics:theme",
        HANDLERS,
        _topic,
        method="post",
        data=lambda w: {"theme": "brieven"},
        unchanged=lambda w: (Topic.objects.get(pk=client_topic(w).pk).theme, AuditEvent.objects.count()),
        changed=lambda w: Topic.objects.get(pk=client_topic(w).pk).theme == "brieven",
        redirect=to("topics:detail", _topic),
    ),
    ViewCase(
        "topics:vote",
        allow("member"),
        _topic,
        method="post",
        unchanged=_state,
        changed=lambda w: TopicVote.objects.filter(topic=client_topic(w)).exists(),
        redirect=to("topics:list", _body),
    ),
]
