"""Topics the matrix and page tests need: Geheime Cliënt's topic in the world's regional body."""

from __future__ import annotations

from inspraak.topics.models import Topic


def client_topic(world) -> Topic:
    topic = Topic.objects.filter(body=world.body, title="Brieven zijn te moeilijk").first()
    if topic is None:
        topic = Topic.objects.create(
            body=world.body,
            title="Brieven zijn te moeilijk",
            description="Geheime uitleg van de cliënt over de brieven.",
            submitted_by=world.client,
        )
    return topic
