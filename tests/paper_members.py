"""Members on paper for the notice tests (issue 12): a member without email, and the letters waiting for them."""

from __future__ import annotations

from inspraak.accounts.models import User
from inspraak.letters.models import Letter
from tests.factories import paper_person


def paper_member(world, *, body=None, name: str = "Kees Papier") -> User:
    """A member of ``body`` (default: the world's client panel) without an email address, with a postal address."""
    return paper_person(world, name, body=body, address="Dijkweg 4\n1234 AB Zeedorp")


def pending_letters(person: User, kind: str | None = None) -> list[Letter]:
    """The letters waiting to be printed for ``person`` (of ``kind``), oldest first."""
    letters = Letter.objects.filter(user=person, batch__isnull=True)
    if kind is not None:
        letters = letters.filter(kind=kind)
    return list(letters.order_by("created_at", "pk"))


def assert_plain_letter(letter: Letter) -> None:
    """A letter text has no web address (the printed letter adds a short code) and no HTML escaping."""
    assert "http" not in letter.text and "/orgaan/" not in letter.text, letter.text
    assert "&amp;" not in letter.text and "&#x27;" not in letter.text and "&quot;" not in letter.text, letter.text
