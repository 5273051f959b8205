"""Issue 15: the topics page costs the same with 5,000 topics as with 50. Each list is paged (open topics to vote on
20 a page, newest first; the person's own topics 10 a page; the supporters' table 50 a page, the most votes first),
with "Vorige"/"Volgende" links that keep the filters and the other lists' pages, and a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from inspraak.topics import selectors
from inspraak.topics.models import Theme, Topic, TopicVote
from tests.factories import UserFactory
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(world, name="list", **extra):
    return reverse(f"topics:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _topics(world, n, *, by=None, start=0, **fields) -> list[Topic]:
    """``n`` topics in the world's body, created in this order (the last is the newest)."""
    by = by or world.client
    return [
        Topic.objects.create(
            body=world.body, title=f"Onderwerp {k:03d}", description=f"Uitleg {k:03d}.", submitted_by=by, **fields
        )
        for k in range(start, start + n)
    ]


def _titles(html: str) -> list[str]:
    return re.findall(r"Onderwerp \d{3}", html)


def _cards(html: str) -> list[str]:
    return re.findall(r'<h3 class="utrecht-heading-3">(Onderwerp \d{3})</h3>', html)


def _links(html: str, rel: str) -> list[str]:
    return [link.replace("&amp;", "&") for link in re.findall(rf'rel="{rel}" href="([^"]+)"', html)]


def test_a_member_sees_the_open_topics_twenty_a_page_newest_first(client, world):
    _topics(world, 25)
    client.force_login(world.user("member"))
    first = client.get(_url(world)).content.decode()
    assert _cards(first) == [f"Onderwerp {k:03d}" for k in range(24, 4, -1)]
    assert "Pagina 1 van 2" in first and "Er staan 25 onderwerpen open." in first
    assert _links(first, "next") == [f"{_url(world)}?pagina=2#stemmen"] and not _links(first, "prev")
    second = client.get(_url(world) + "?pagina=2").content.decode()
    assert _cards(second) == [f"Onderwerp {k:03d}" for k in range(4, -1, -1)]
    assert "Pagina 2 van 2" in second
    assert _links(second, "prev") == [f"{_url(world)}#stemmen"] and not _links(second, "next")
    # Each card keeps its vote button with the topic's title for a screen reader, and the votes left.
    assert second.count('<span class="inspraak-visually-hidden">: Onderwerp 00') == 5
    assert "U kunt nog 3 stemmen geven." in second


@pytest.mark.parametrize(("asked", "shown"), [("99", 2), ("abc", 1), ("", 1), ("2", 2), ("1.5", 1)])
def test_a_page_that_does_not_exist_shows_the_nearest(client, world, asked, shown):
    _topics(world, 25)
    client.force_login(world.user("member"))
    response = client.get(_url(world) + f"?pagina={asked}")
    assert response.status_code == 200 and f"Pagina {shown} van 2" in response.content.decode()


def test_voting_from_page_two_comes_back_to_page_two_at_the_card(client, world):
    topics = _topics(world, 25)
    oldest = topics[0]  # on page 2
    client.force_login(world.user("member"))
    page = client.get(_url(world) + "?pagina=2").content.decode()
    card = page[page.index(f'id="onderwerp-{oldest.pk}"') :]
    form = card[: card.index("</form>")]
    assert f'action="{_url(world, "vote", pk=oldest.pk)}"' in form and 'name="pagina" value="2"' in form
    response = client.post(_url(world, "vote", pk=oldest.pk), {"pagina": "2"})
    assert response.status_code == 302
    assert response["Location"] == f"{_url(world)}?pagina=2#onderwerp-{oldest.pk}"
    assert TopicVote.objects.filter(topic=oldest, user=world.user("member")).exists()
    page = client.get(response["Location"]).content.decode()
    card = page[page.index(f'id="onderwerp-{oldest.pk}"') :]
    assert card.index("✓ U stemde hierop") < card.index("</li>") and "Uw stem is geteld." in page
    assert "U kunt nog 2 stemmen geven." in page
    assert Topic.objects.get(pk=oldest.pk).votes_count == 1
    # Taking it back from page 2 comes back there too.
    response = client.post(_url(world, "vote", pk=oldest.pk), {"pagina": "2", "weg": "1"})
    assert response["Location"] == f"{_url(world)}?pagina=2#onderwerp-{oldest.pk}"
    assert Topic.objects.get(pk=oldest.pk).votes_count == 0


def test_the_member_sees_their_votes_on_every_page_and_can_take_them_back_there(client, world):
    topics = _topics(world, 25)
    member = world.user("member")
    client.force_login(member)
    client.post(_url(world, "vote", pk=topics[0].pk), {"pagina": "2"})  # a card on page 2
    first = client.get(_url(world)).content.decode()
    votes = first[first.index("U stemde op:") : first.index('<ul class="inspraak-cards">')]
    assert "Onderwerp 000" in votes and "Stem weghalen<span" in votes and "U kunt nog 2 stemmen geven." in first
    assert f'action="{_url(world, "vote", pk=topics[0].pk)}"' in votes
    response = client.post(_url(world, "vote", pk=topics[0].pk), {"pagina": "1", "weg": "1", "naar": "stemmen"})
    assert response["Location"] == f"{_url(world)}#stemmen"
    assert not TopicVote.objects.filter(user=member).exists() and Topic.objects.get(pk=topics[0].pk).votes_count == 0
    assert "U stemde op:" not in client.get(_url(world)).content.decode()


@pytest.mark.parametrize("page", ["//evil.example/", "https://evil.example/", "-3", "2#x", "1234567", "", "١"])
def test_the_page_after_a_vote_is_only_a_number(client, world, page):
    [topic] = _topics(world, 1)
    client.force_login(world.user("member"))
    response = client.post(_url(world, "vote", pk=topic.pk), {"pagina": page})
    assert response["Location"] == f"{_url(world)}#onderwerp-{topic.pk}"


def test_own_topics_ten_a_page_and_paging_keeps_the_other_list(client, world):
    member = world.user("member")
    _topics(world, 12, by=member)
    _topics(world, 15, start=100)
    client.force_login(member)
    first = client.get(_url(world) + "?pagina=2").content.decode()
    mine = first[first.index('id="mijn"') : first.index('id="stemmen"')]
    assert len(_titles(mine)) == 10 and "U hebt 12 onderwerpen." in mine and "Pagina 1 van 2" in mine
    # "Volgende" of my topics keeps the page of the open topics, and the reverse.
    assert _links(mine, "next") == [f"{_url(world)}?pagina=2&mijn=2#mijn"]
    second = client.get(_url(world) + "?pagina=2&mijn=2").content.decode()
    mine = second[second.index('id="mijn"') : second.index('id="stemmen"')]
    assert _titles(mine) == ["Onderwerp 001", "Onderwerp 000"]
    voting = second[second.index('id="stemmen"') :]
    assert "Pagina 2 van 2" in voting and _links(voting, "prev") == [f"{_url(world)}?mijn=2#stemmen"]


def test_the_supporters_table_fifty_a_page_most_votes_first_with_the_filters_kept(client, world):
    _topics(world, 20, theme=Theme.PAYMENT)
    letters = _topics(world, 60, start=20, theme=Theme.LETTERS)
    voters = [UserFactory() for _ in range(3)]
    for k, voter in enumerate(voters):  # the oldest letter gets 3 votes, the next 2, the next 1
        for topic in letters[: 3 - k]:
            TopicVote.objects.create(topic=topic, user=voter)
    client.force_login(world.user("facilitator"))
    url = _url(world) + "?status=ingediend&thema=brieven"
    first = client.get(url).content.decode()
    table = first[first.index('id="alle"') :]
    assert "60 onderwerpen gevonden." in table and "Pagina 1 van 2" in table
    rows = _titles(table)
    assert len(rows) == 50 and rows[:4] == ["Onderwerp 020", "Onderwerp 021", "Onderwerp 022", "Onderwerp 023"]
    assert re.search(r"Onderwerp 020</a>.*?inspraak-num[^>]*>3<", table, re.S)
    assert _links(table, "next") == [f"{_url(world)}?status=ingediend&thema=brieven&tabel=2#alle"]
    second = client.get(_links(table, "next")[0]).content.decode()
    table = second[second.index('id="alle"') :]
    assert _titles(table) == [f"Onderwerp {k:03d}" for k in range(70, 80)] and "Pagina 2 van 2" in table
    assert _links(table, "prev") == [f"{_url(world)}?status=ingediend&thema=brieven#alle"]
    # Out of range: the last page; not a number: the first.
    assert "Pagina 2 van 2" in client.get(url + "&tabel=500").content.decode()
    assert "Pagina 1 van 2" in client.get(url + "&tabel=twee").content.decode()
    # A filter link starts the table again at its first page.
    assert 'href="?status=ingediend#alle"' in first


def test_the_topics_page_runs_a_fixed_number_of_queries_from_none_to_many(client, world):
    def grow():
        voters = [UserFactory() for _ in range(3)]
        for k, topic in enumerate(_topics(world, 70, start=len(grown))):
            grown.append(topic)
            if k < 3:
                TopicVote.objects.create(topic=topic, user=voters[k])
        _topics(world, 15, by=world.user("member"), start=500 + len(grown))
        grown.extend(range(15))

    grown: list = []
    client.force_login(world.user("member"))
    member = assert_constant_queries(client, _url(world), grow)
    assert_constant_queries(client, _url(world) + "?pagina=3&mijn=2", grow, expected=member)
    client.force_login(world.user("facilitator"))
    facilitator = assert_constant_queries(client, _url(world), grow)
    assert_constant_queries(client, _url(world) + "?status=ingediend&thema=geen&tabel=2", grow, expected=facilitator)
    assert Topic.objects.filter(body=world.body).count() > 4 * selectors.TABLE_PAGE_SIZE
