"""Issue 15: the paged topics page in a real browser and the HTML validator: the member's page 2 (own topics and
open topics both paged) and the supporters' filtered table on page 2 have no axe-core violations at 360 and 1280
px, need no sideways scrolling on a phone, are valid HTML, and a vote from page 2 comes back there without
JavaScript."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inspraak.topics.models import Theme, Topic, TopicVote
from tests.browser.test_pages import DESKTOP, PHONE
from tests.quality.browser import assert_accessible, page_width
from tests.quality.html import assert_valid_html

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]


def _fill(world):
    member = world.user("member")
    Topic.objects.bulk_create(
        Topic(body=world.body, title=f"Mijn onderwerp {k}", description="Uitleg.", submitted_by=member)
        for k in range(12)
    )
    topics = Topic.objects.bulk_create(
        Topic(
            body=world.body,
            title=f"Onderwerp {k} over de brieven van de gemeente",
            description="De brieven zijn moeilijk.\nIk begrijp ze niet.",
            submitted_by=world.client,
            theme=Theme.LETTERS if k % 2 else "",
        )
        for k in range(60)
    )
    TopicVote.objects.bulk_create(TopicVote(topic=topics[k], user=world.client) for k in range(3))
    TopicVote.objects.create(topic=topics[0], user=member)  # listed under "U stemde op:" on every page
    return member


def _url(world):
    return reverse("topics:list", kwargs={"region": world.region.slug, "body": world.body.slug})


def test_the_paged_topics_page_is_accessible_and_fits_a_phone(world, new_context, tmp_path):
    member = _fill(world)
    pages = {
        "member, page 2": (member, "?pagina=2&mijn=2"),
        "facilitator, open topics, page 2": (world.user("facilitator"), "?status=ingediend&tabel=2"),
        "facilitator, table page 2": (world.user("facilitator"), "?tabel=2"),
    }
    html = {}
    for label, (user, query) in pages.items():
        for viewport in (PHONE, DESKTOP):
            page = new_context(user, viewport=viewport, java_script_enabled=True).new_page()
            page.goto(_url(world) + query)
            assert page.locator("nav.inspraak-pagination").count() >= 1, label
            assert page_width(page) <= viewport["width"], f"{label}: no sideways scrolling at {viewport['width']} px"
            assert_accessible(page, f"{label} at {viewport['width']} px")
        client = Client()
        client.force_login(user)
        html[label] = client.get(_url(world) + query).content  # as served, without the injected axe-core
    assert_valid_html(html, tmp_path)


def test_a_vote_from_page_two_without_javascript_comes_back_to_page_two(world, new_context):
    member = _fill(world)
    page = new_context(member, viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(_url(world) + "#stemmen")
    page.get_by_role("link", name="Volgende").last.click()
    assert "pagina=2" in page.url and page.get_by_text("Pagina 2 van 4").is_visible()
    card = page.locator("li.inspraak-card").first
    title = card.locator("h3").inner_text()
    button = card.get_by_role("button", name="Stem hierop")
    assert title in button.inner_text()  # the topic's title, visually hidden, says which topic
    button.click()
    assert "pagina=2" in page.url and page.url.endswith(f"#{card.get_attribute('id')}")
    card = page.locator(f"#{page.url.rsplit('#', 1)[1]}")
    assert card.get_by_text("U stemde hierop").is_visible()
    assert TopicVote.objects.filter(user=member, topic__title=title).exists()
