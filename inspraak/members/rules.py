"""Pure domain rules about a body's members: seat allocation and the composition check.

No ORM here: the functions take plain values, so every rule is easy to test and to explain.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# ---------------------------------------------------------------- seat allocation (Hamilton, with a minimum)


class AllocationError(ValueError):
    """The inputs cannot give an allocation; ``message`` says why in plain Dutch."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SeatShare(NamedTuple):
    """One municipality's seats. A named tuple, not a dataclass: a body serving 350 municipalities makes 350 of these
    per page (issue 15), and a tuple is made several times faster than a frozen dataclass. The quota is kept as the
    whole numbers R * c_i over sum(c): the Fractions are made only when asked for."""

    name: str
    size: int  # client-group size c_i
    minimum: int  # m
    floor: int  # floor(quota)
    extra: int  # 0 or 1: a leftover seat by largest remainder
    key: object  # the caller's id for this municipality
    product: int  # R * c_i (0 when every size is 0): the quota's numerator
    denominator: int  # sum(c) (1 when every size is 0): the quota's denominator

    @property
    def quota(self) -> Fraction:  # R * c_i / sum(c)
        return Fraction(self.product, self.denominator)

    @property
    def remainder(self) -> Fraction:  # quota - floor
        return Fraction(self.product - self.floor * self.denominator, self.denominator)

    @property
    def seats(self) -> int:
        return self.minimum + self.floor + self.extra

    @property
    def quota_display(self) -> str:
        # int / int is rounded correctly, so this is float(self.quota) without making the Fraction
        return f"{self.product / self.denominator:.2f}".replace(".", ",")


@dataclass(frozen=True)
class Allocation:
    seats: int  # S
    minimum: int  # m
    remaining: int  # R = S - k*m
    total_size: int  # sum of c_i
    shares: tuple[SeatShare, ...] = field(default_factory=tuple)
    leftover: int = 0  # seats given by largest remainder

    def seats_for(self, key) -> int:
        for share in self.shares:
            if share.key == key:
                return share.seats
        return 0


def allocate_seats(seats: int, minimum: int, sizes: Sequence[tuple[object, str, int]]) -> Allocation:
    """Divide ``seats`` client seats over municipalities: ``minimum`` each, the rest by largest remainder.

    ``sizes`` holds (key, name, client-group size) per municipality. Every municipality first gets ``minimum``
    seats. The remaining R = S - k*m seats are divided on the sizes: quota = R * c / sum(c); each gets the whole
    part of its quota, and the seats left over go one by one to the largest remainders (ties: the larger
    municipality first, then by name). Raises AllocationError when the minimums alone need more than S seats.
    """
    if seats < 0 or minimum < 0:
        raise AllocationError(_("Het aantal zetels en het minimum kunnen niet negatief zijn."))
    if any(size < 0 for _key, _name, size in sizes):
        raise AllocationError(_("De omvang van een doelgroep kan niet negatief zijn."))
    k = len(sizes)
    if k == 0:
        return Allocation(seats=seats, minimum=minimum, remaining=seats, total_size=0)
    if k * minimum > seats:
        raise AllocationError(
            _(
                "%(k)s gemeenten met elk minimaal %(m)s zetels hebben samen %(need)s zetels nodig, "
                "maar er zijn er maar %(seats)s. Verlaag het minimum per gemeente of verhoog het aantal zetels."
            )
            % {"k": k, "m": minimum, "need": k * minimum, "seats": seats}
        )
    remaining = seats - k * minimum
    total = sum(size for _key, _name, size in sizes)
    # In whole numbers: quota = R * c / total, so its whole part and its remainder (over the same denominator
    # ``total``) come from one integer division; remainders compare as integers (350 municipalities: no Fraction
    # arithmetic).
    denominator = total or 1
    products = [remaining * size for _key, _name, size in sizes] if total else [0] * k
    divided = [divmod(product, denominator) for product in products]
    leftover = remaining - sum(floor for floor, _rem in divided)
    extra = _largest_remainders(sizes, [rem for _floor, rem in divided], leftover)
    shares = tuple(
        SeatShare(name, size, minimum, floor, more, key, product, denominator)
        for (key, name, size), product, (floor, _rem), more in zip(sizes, products, divided, extra, strict=True)
    )
    return Allocation(
        seats=seats, minimum=minimum, remaining=remaining, total_size=total, shares=shares, leftover=leftover
    )


def _largest_remainders(sizes: Sequence[tuple[object, str, int]], remainders: list[int], leftover: int) -> list[int]:
    """1 for each of the ``leftover`` municipalities first in the order: the largest remainder, then the larger
    municipality, then by name (casefolded, then as written), then as given; 0 for the others.

    The same as sorting all of them on that key and taking the first ``leftover``, but only the municipalities whose
    remainder equals the last one that gets a seat are sorted on the full key: above it every remainder gets a seat,
    below it none does."""
    k = len(remainders)
    if leftover <= 0:
        return [0] * k
    if leftover >= k:
        return [1] * k
    threshold = sorted(remainders, reverse=True)[leftover - 1]
    extra = [1 if rem > threshold else 0 for rem in remainders]
    tied = [i for i, rem in enumerate(remainders) if rem == threshold]
    places = leftover - sum(extra)
    if places < len(tied):
        tied.sort(key=lambda i: (-sizes[i][2], sizes[i][1].casefold(), sizes[i][1]))
    for i in tied[:places]:
        extra[i] = 1
    return extra


# ---------------------------------------------------------------- composition check

CLIENT = "client"
EXPERIENCED = "ervaringsdeskundige"
CLIENT_ORGANISATION = "clientenorganisatie"
STAFF = "medewerker"
NON_REPRESENTING = frozenset({"werkgever", "deskundige", "inwoner", "medewerker"})

FAILS = "voldoet_niet"
ATTENTION = "aandachtspunt"


class MemberFacts(NamedTuple):
    """What the composition check needs to know about one active membership.

    The caller turns the body role into the three marks (see members.models: VOTING_ROLES, SUPPORT_ROLES), so the
    rules here hold no role names. (Named tuples, like the other values made once per member or per municipality
    here: made several times faster than frozen dataclasses.)
    """

    category: str
    has_vote: bool
    supports: bool = False  # secretary or facilitator: supports the group, is not one of its members
    facilitates: bool = False  # the facilitator (gespreksleider)
    municipality_key: object = None
    term_end: datetime.date | None = None
    category_label: str = ""


@dataclass(frozen=True)
class CompositionSettings:
    min_clients: int
    balanced: bool  # a regional body whose clients must be spread over the municipalities
    experienced_count_as_clients: bool
    facilitator_required: bool
    term_reminder_months: int = 3


class Finding(NamedTuple):
    code: str
    severity: str  # FAILS or ATTENTION
    message: str

    @property
    def fails(self) -> bool:
        return self.severity == FAILS


class SeatGap(NamedTuple):
    """Allocated against actual client members in one municipality."""

    key: object
    name: str
    allocated: int
    actual: int

    @property
    def shortfall(self) -> int:
        return max(self.allocated - self.actual, 0)

    @property
    def surplus(self) -> int:
        return max(self.actual - self.allocated, 0)


def counts_as_client(category: str, settings: CompositionSettings) -> bool:
    return category == CLIENT or (category == EXPERIENCED and settings.experienced_count_as_clients)


def represents_clients(category: str, settings: CompositionSettings) -> bool:
    """Clients, and the people who speak for them: client organisations (and ex-clients when not counted as client)."""
    return category not in NON_REPRESENTING


def group_members(members: Sequence[MemberFacts]) -> list[MemberFacts]:
    """The members of the group itself: the people who support it (secretary, facilitator) do not count."""
    return [m for m in members if not m.supports]


def client_members(members: Sequence[MemberFacts], settings: CompositionSettings) -> list[MemberFacts]:
    """The group's members who count as clients (art. 47: the minimum, and the seats per municipality)."""
    return [m for m in group_members(members) if counts_as_client(m.category, settings)]


def seat_gaps(allocation: Allocation | None, members: Sequence[MemberFacts], settings: CompositionSettings):
    """Per municipality of the allocation: allocated seats against active client members living there."""
    if allocation is None:
        return []
    actual: dict[object, int] = {}
    for member in client_members(members, settings):
        actual[member.municipality_key] = actual.get(member.municipality_key, 0) + 1
    return [SeatGap(s.key, s.name, s.minimum + s.floor + s.extra, actual.get(s.key, 0)) for s in allocation.shares]


# ---------------------------------------------------------------- the allocation table, as the pages show it

LONG_TABLE = 25  # more municipalities than this: the totals and the biggest shortfalls first, the table folded away
MOST_SHORT = 10  # how many of the biggest shortfalls the summary of a long table names


class AllocationRow(NamedTuple):
    """One municipality in the seat-allocation table, each cell already a string: a table of 350 rows then needs no
    lookups, translations or number formatting per cell."""

    name: str
    size: str
    minimum: str
    quota: str
    extra: str  # "+1" (a seat by largest remainder) or "–"
    seats: str
    actual: str
    gap: str  # "2 te weinig", "1 extra" or "precies goed"
    shortfall: int


@dataclass(frozen=True)
class AllocationTable:
    """The rows of the seat-allocation table and its totals. ``long``: more than LONG_TABLE municipalities, so the
    page shows the totals and ``most_short`` first and folds the full table away."""

    rows: list[AllocationRow]
    long: bool
    seats: int
    clients: int  # client members who live in one of the municipalities
    short: int  # municipalities with fewer client members than seats
    missing: int  # seats without a client member (the shortfalls added up)
    surplus: int  # municipalities with more client members than seats
    exact: int  # municipalities with exactly as many client members as seats
    most_short: list[AllocationRow]  # the biggest shortfalls (at most MOST_SHORT), biggest first

    @property
    def municipalities(self) -> int:
        return len(self.rows)


def allocation_table(allocation: Allocation | None, gaps: Sequence[SeatGap]) -> AllocationTable | None:
    """The table of ``allocation`` against ``gaps`` (seat_gaps, in the same order), with its totals. The words for a
    gap are translated once per number, not once per row."""
    if allocation is None or not allocation.shares:
        return None
    words: dict[int, str] = {}  # seats minus client members -> the words for it

    def gap_text(difference: int) -> str:
        if difference > 0:
            return ngettext("%(n)s te weinig", "%(n)s te weinig", difference) % {"n": difference}
        if difference < 0:
            return ngettext("%(n)s extra", "%(n)s extra", -difference) % {"n": -difference}
        return _("precies goed")

    rows = []
    clients = missing = surplus = exact = 0
    for share, gap in zip(allocation.shares, gaps, strict=True):
        difference = gap.allocated - gap.actual
        if difference not in words:
            words[difference] = gap_text(difference)
        shortfall = difference if difference > 0 else 0
        clients += gap.actual
        missing += shortfall
        surplus += difference < 0
        exact += difference == 0
        rows.append(
            AllocationRow(
                share.name,
                str(share.size),
                str(share.minimum),
                f"{share.product / share.denominator:.2f}".replace(".", ","),  # share.quota_display
                "+1" if share.extra else "–",
                str(share.minimum + share.floor + share.extra),
                str(gap.actual),
                words[difference],
                shortfall,
            )
        )
    short = [row for row in rows if row.shortfall]
    return AllocationTable(
        rows=rows,
        long=len(rows) > LONG_TABLE,
        seats=allocation.seats,
        clients=clients,
        short=len(short),
        missing=missing,
        surplus=surplus,
        exact=exact,
        most_short=sorted(short, key=lambda row: -row.shortfall)[:MOST_SHORT],  # stable: by name within a shortfall
    )


@dataclass(frozen=True)
class Composition:
    """What every composition check looks at: the body's rules, its active members, the day and the allocation."""

    settings: CompositionSettings
    members: tuple[MemberFacts, ...]
    today: datetime.date
    allocation: Allocation | None = None
    allocation_error: str = ""

    # Each worked out once per check (cached_property writes past the frozen dataclass's __setattr__).
    @cached_property
    def group(self) -> list[MemberFacts]:
        return group_members(self.members)

    @cached_property
    def voters(self) -> list[MemberFacts]:
        return [m for m in self.group if m.has_vote]

    @cached_property
    def clients(self) -> list[MemberFacts]:
        return [m for m in self.group if counts_as_client(m.category, self.settings)]

    @cached_property
    def gaps(self) -> list[SeatGap]:
        """seat_gaps of the allocation: the findings and the page's table both need them."""
        return seat_gaps(self.allocation, self.members, self.settings)

    @cached_property
    def findings(self) -> list[Finding]:
        """Everything that does not meet art. 47 or the body's own rules (COMPOSITION_CHECKS), in their order."""
        return [finding for check in COMPOSITION_CHECKS for finding in check(self)]


def _too_few_clients(case: Composition) -> Iterator[Finding]:
    clients = case.clients
    if len(clients) < case.settings.min_clients:
        message = _("%(n)s cliënten, minimaal %(min)s") % {"n": len(clients), "min": case.settings.min_clients}
        yield Finding("too_few_clients", FAILS, message)


def _allocation_impossible(case: Composition) -> Iterator[Finding]:
    if case.allocation_error:
        yield Finding("allocation_impossible", FAILS, case.allocation_error)


def _municipalities_short(case: Composition) -> Iterator[Finding]:
    text = _("Gemeente %(name)s: %(actual)s van %(seats)s zetels bezet")  # translated once, not per municipality
    for gap in case.gaps:
        if gap.allocated > gap.actual:  # gap.shortfall
            message = text % {"name": gap.name, "actual": gap.actual, "seats": gap.allocated}
            yield Finding("municipality_short", FAILS, message)


def _non_representing_members(case: Composition) -> Iterator[Finding]:
    """Employers, experts, residents and staff may sit in the group (as adviser), but a vote of theirs fails."""
    others = [m for m in case.group if m.category in NON_REPRESENTING]
    if not others:
        return
    voting = [m for m in others if m.has_vote]
    labels = sorted({m.category_label or m.category for m in others})
    message = ngettext(
        "%(n)s lid vertegenwoordigt geen cliënten (%(labels)s). Dit lid mag adviseur zijn, "
        "maar telt niet mee als cliënt of vertegenwoordiger.",
        "%(n)s leden vertegenwoordigen geen cliënten (%(labels)s). Zij mogen adviseur zijn, "
        "maar tellen niet mee als cliënt of vertegenwoordiger.",
        len(others),
    ) % {"n": len(others), "labels": ", ".join(labels)}
    if voting and len(others) == 1:
        message += " " + _("Dit lid heeft stemrecht.")
    elif voting:
        message += " " + ngettext("%(n)s van hen heeft stemrecht.", "%(n)s van hen hebben stemrecht.", len(voting)) % {
            "n": len(voting)
        }
    yield Finding("non_representing_members", FAILS if voting else ATTENTION, message)


def _no_client_majority(case: Composition) -> Iterator[Finding]:
    voters = case.voters
    representing = [m for m in voters if represents_clients(m.category, case.settings)]
    if voters and not representing:
        message = _("Geen van de %(total)s stemmen is van een cliënt of vertegenwoordiger") % {"total": len(voters)}
        yield Finding("no_client_majority", FAILS, message)
    elif representing and len(representing) * 2 <= len(voters):
        message = _("Cliënten en vertegenwoordigers hebben %(n)s van de %(total)s stemmen: dat is geen meerderheid") % {
            "n": len(representing),
            "total": len(voters),
        }
        yield Finding("no_client_majority", FAILS, message)


def _no_facilitator(case: Composition) -> Iterator[Finding]:
    if case.settings.facilitator_required and not any(m.facilitates for m in case.members):
        yield Finding("no_facilitator", FAILS, _("Er is geen onafhankelijke gespreksleider, terwijl die verplicht is"))


def _facilitator_not_independent(case: Composition) -> Iterator[Finding]:
    if any(m.facilitates and m.category == STAFF for m in case.members):
        yield Finding(
            "facilitator_not_independent",
            FAILS,
            _("De gespreksleider werkt bij de gemeente of de GR en is dus niet onafhankelijk"),
        )


def _terms_expired(case: Composition) -> Iterator[Finding]:
    expired = [m for m in case.members if m.term_end is not None and m.term_end < case.today]
    if expired:
        message = ngettext(
            "%(n)s lid is nog actief terwijl de termijn is verlopen",
            "%(n)s leden zijn nog actief terwijl hun termijn is verlopen",
            len(expired),
        ) % {"n": len(expired)}
        yield Finding("term_expired", FAILS, message)


def _terms_ending(case: Composition) -> Iterator[Finding]:
    months = case.settings.term_reminder_months
    soon_limit = add_months(case.today, months)
    ending = [m for m in case.members if m.term_end is not None and case.today <= m.term_end <= soon_limit]
    if ending:
        message = ngettext(
            "De termijn van %(n)s lid eindigt binnen %(months)s maanden",
            "De termijn van %(n)s leden eindigt binnen %(months)s maanden",
            len(ending),
        ) % {"n": len(ending), "months": months}
        yield Finding("term_ending", ATTENTION, message)


# Every check of art. 47 and the body's own rules, in the order the findings are shown.
COMPOSITION_CHECKS: tuple[Callable[[Composition], Iterator[Finding]], ...] = (
    _too_few_clients,
    _allocation_impossible,
    _municipalities_short,
    _non_representing_members,
    _no_client_majority,
    _no_facilitator,
    _facilitator_not_independent,
    _terms_expired,
    _terms_ending,
)


def composition_findings(
    settings: CompositionSettings,
    members: Sequence[MemberFacts],
    *,
    today: datetime.date,
    allocation: Allocation | None = None,
    allocation_error: str = "",
) -> list[Finding]:
    """Everything about an active membership list that does not meet art. 47 or the body's own rules
    (COMPOSITION_CHECKS). An empty list means the body meets every rule."""
    return Composition(settings, tuple(members), today, allocation, allocation_error).findings


# ---------------------------------------------------------------- terms


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months (the 31st becomes the last day of a shorter month)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def default_term_end(start: datetime.date, term_years: int) -> datetime.date:
    """The last day before the same date ``term_years`` later: a 4-year term from 1 Jan 2026 ends 31 Dec 2029."""
    return add_months(start, 12 * term_years) - datetime.timedelta(days=1)


def can_renew(term_number: int, max_terms: int) -> bool:
    return term_number < max_terms


# ---------------------------------------------------------------- invitations

# An invitation nobody answered within this many days can no longer be accepted ("Uitnodiging verlopen").
INVITATION_DAYS = 30
# The daily clean-up removes an expired invitation this many days after it expired, so the secretary sees
# "Uitnodiging verlopen" for a while (and can invite again) before what was typed about the person is removed.
INVITATION_REMOVE_AFTER_DAYS = 14


def invitation_expires_at(invited_at: datetime.datetime) -> datetime.datetime:
    return invited_at + datetime.timedelta(days=INVITATION_DAYS)


def invitation_expired(invited_at: datetime.datetime, now: datetime.datetime) -> bool:
    return now >= invitation_expires_at(invited_at)


def invitation_removal_cutoff(now: datetime.datetime) -> datetime.datetime:
    """Invitations made before this moment are expired long enough to be removed by the clean-up."""
    return now - datetime.timedelta(days=INVITATION_DAYS + INVITATION_REMOVE_AFTER_DAYS)
