"""Pure rules of recruitment: the applicant's plain answer to a category, the seat prefill, and the fair draw.

No ORM here: the functions take plain values, so anyone can check them (and re-run a draw) by hand.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Iterable, Sequence

from inspraak.members.models import Category
from inspraak.recruitment.models import Situation

# The plain question on the form ("Krijgt u nu een uitkering of hulp bij werk van de gemeente?") and the
# membership category each answer stands for. "Anders" is an inhabitant; the secretary may change it later.
CATEGORY_FOR = {
    Situation.NOW: Category.CLIENT,
    Situation.PAST: Category.EXPERIENCED,
    Situation.ORGANISATION: Category.CLIENT_ORGANISATION,
    Situation.OTHER: Category.RESIDENT,
}

# The algorithm of every draw, stored with it. Changing it means a new name, so old draws still re-run the old way.
DRAW_ALGORITHM = "python-random-sample-v1"
DRAW_ALGORITHM_TEXT = "random.Random(seed).sample(sorted(candidate_ids), seats)"


def category_for(situation: str) -> str:
    return CATEGORY_FOR[situation]


def draw(seed: str, candidate_ids: Iterable[int], seats: int) -> list[int]:
    """The chosen application ids, in the order they were drawn.

    Re-run it with Python 3.2 or later: ``random.Random(seed).sample(sorted(candidate_ids), seats)``. A string seed
    is turned into the generator's state with SHA-512 (Python's seeding version 2), which is the same on every
    machine and Python version since 3.2. With fewer candidates than seats everyone is chosen.
    """
    ordered = sorted(int(i) for i in candidate_ids)
    # Not for secrecy: the seed itself comes from ``secrets`` and is published, so that anyone can re-run the draw.
    generator = random.Random(seed)  # noqa: S311
    return generator.sample(ordered, min(seats, len(ordered)))


def draw_matches(seed: str, candidate_ids: Sequence[int], seats: int, chosen_ids: Sequence[int]) -> bool:
    """Does re-running the draw give the stored result?"""
    return draw(seed, candidate_ids, seats) == list(chosen_ids)


def seed_hash(seed: str) -> str:
    """What is published before a draw: the SHA-256 of the seed, in hex. Check it with
    ``hashlib.sha256(seed.encode()).hexdigest()``."""
    return hashlib.sha256(seed.encode()).hexdigest()


def seed_matches(seed: str, published_hash: str) -> bool:
    """Is the revealed seed the one whose hash was published?"""
    return bool(published_hash) and seed_hash(seed) == published_hash


def seat_prefill(gaps: Iterable[tuple[object, int]], keys: Sequence[object]) -> dict[object, int]:
    """Seats per municipality key for a new vacancy: the shortfall of each municipality (0 when unknown)."""
    shortfall = dict(gaps)
    return {key: max(int(shortfall.get(key, 0)), 0) for key in keys}


# ---------------------------------------------------------------- confirming an online application

# The link in the confirmation email works this many days; an application with email that was not confirmed by then
# is deleted. Without email the secretary confirms by phone, and has longer for that.
CONFIRM_LINK_DAYS = 7
UNCONFIRMED_WITHOUT_EMAIL_DAYS = 30


def unconfirmed_expiry(submitted_at: datetime.datetime, *, has_email: bool) -> datetime.datetime:
    """When an unconfirmed online application expires (its link stops working and it is deleted)."""
    days = CONFIRM_LINK_DAYS if has_email else UNCONFIRMED_WITHOUT_EMAIL_DAYS
    return submitted_at + datetime.timedelta(days=days)
