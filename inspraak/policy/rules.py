"""Pure rules of the advice cycle (no ORM): timeliness of requests, deadlines, responses, which bodies a
proposal concerns."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ON_TIME = "op_tijd"
LATE = "te_laat"
NOT_ASKED = "niet_gevraagd"
NOT_YET_ASKED = "nog_niet_gevraagd"


@dataclass(frozen=True)
class Timeliness:
    code: str  # ON_TIME, LATE, NOT_ASKED or NOT_YET_ASKED
    days_short: int = 0  # LATE: how many days the advice window is too short
    days_left: int = 0  # NOT_YET_ASKED: days left to ask in time (negative: already too late to ask in time)

    @property
    def ok(self) -> bool:
        return self.code == ON_TIME

    @property
    def message(self) -> str:
        if self.code == ON_TIME:
            return _("Op tijd gevraagd")
        if self.code == LATE:
            return ngettext(
                "Te laat gevraagd: %(n)s dag te weinig om advies te geven",
                "Te laat gevraagd: %(n)s dagen te weinig om advies te geven",
                self.days_short,
            ) % {"n": self.days_short}
        if self.code == NOT_ASKED:
            return _("Niet gevraagd: besloten zonder advies te vragen")
        if self.days_left >= 0:
            return ngettext(
                "Nog niet gevraagd: nog %(n)s dag om op tijd te vragen",
                "Nog niet gevraagd: nog %(n)s dagen om op tijd te vragen",
                self.days_left,
            ) % {"n": self.days_left}
        return _("Nog niet gevraagd, en al te laat om op tijd te vragen")


def advice_period(weeks: int) -> datetime.timedelta:
    return datetime.timedelta(weeks=weeks)


def default_deadline(requested_on: datetime.date, advice_period_weeks: int) -> datetime.date:
    """The request date plus the body's advice period."""
    return requested_on + advice_period(advice_period_weeks)


def decision_date(planned: datetime.date, decided_on: datetime.date | None) -> datetime.date:
    """The date that counts: the real decision date once decided, else the planned one."""
    return decided_on or planned


def request_timeliness(requested_on: datetime.date, advice_period_weeks: int, decision_on: datetime.date) -> Timeliness:
    """On time when the request date plus the advice period is on or before the decision date; otherwise late by
    the number of days short. Uses the current decision date, so a decision moved earlier can make a request late."""
    latest = requested_on + advice_period(advice_period_weeks)
    if latest <= decision_on:
        return Timeliness(ON_TIME)
    return Timeliness(LATE, days_short=(latest - decision_on).days)


def concern_timeliness(
    *,
    requested_on: datetime.date | None,
    advice_period_weeks: int,
    decision_on: datetime.date,
    decided: bool,
    today: datetime.date,
) -> Timeliness:
    """For a proposal and one body it concerns: on time, late, not asked (decided without a request) or not yet
    asked (with the days left to ask in time)."""
    if requested_on is not None:
        return request_timeliness(requested_on, advice_period_weeks, decision_on)
    if decided:
        return Timeliness(NOT_ASKED)
    last_day = decision_on - advice_period(advice_period_weeks)
    return Timeliness(NOT_YET_ASKED, days_left=(last_day - today).days)


# The decider needs time to read the advice and weigh it in the decision: the advice deadline should be at least
# this long before the decision date (ADR 24). A shorter margin is allowed only when the officer confirms it.
DECISION_MARGIN = datetime.timedelta(weeks=2)


def decision_margin_days(deadline: datetime.date, decision_on: datetime.date) -> int:
    """Days between the advice deadline and the decision (negative: the advice is due after the decision)."""
    return (decision_on - deadline).days


def margin_too_short(deadline: datetime.date, decision_on: datetime.date) -> bool:
    """True when the advice is due less than DECISION_MARGIN before the decision."""
    return decision_on - deadline < DECISION_MARGIN


def response_due(received_on: datetime.date, response_period_weeks: int) -> datetime.date:
    return received_on + datetime.timedelta(weeks=response_period_weeks)


def response_overdue(due: datetime.date | None, responded_on: datetime.date | None, today: datetime.date) -> int:
    """Days a response is overdue (0 when on time, answered in time, or not due yet)."""
    if due is None:
        return 0
    end = responded_on or today
    return max((end - due).days, 0)


@dataclass(frozen=True)
class BodyFacts:
    key: object
    level: str  # "regio" or "gemeente"
    municipality_key: object
    covers_participatiewet: bool
    topic_scope: str  # "uitvoering", "beleid" or "beide"
    empty: bool = False  # no one to ask: see body_is_empty


def body_is_empty(*, members: int, has_contact: bool) -> bool:
    """A body that cannot give advice: it has no active members, or no secretary and no facilitator to receive the
    request. It is never suggested; choosing it gives a warning."""
    return members == 0 or not has_contact


def suggest_bodies(*, municipality_key: object, bodies: Iterable[BodyFacts]) -> list[object]:
    """The bodies a Participatiewet proposal concerns: for a GR proposal (``municipality_key`` None) the regional
    bodies, for a municipal proposal the regional bodies and that municipality's own bodies; only bodies that
    advise on the Participatiewet. Policy goes to bodies whose scope includes policy; a regional body that only
    handles execution is still suggested for a GR proposal (the GR executes). An empty body (no members, or no
    secretary and no facilitator) is never suggested."""
    keys = []
    for body in bodies:
        if not body.covers_participatiewet or body.empty:
            continue
        if body.level == "gemeente":
            if municipality_key is not None and body.municipality_key == municipality_key:
                keys.append(body.key)
        elif municipality_key is None or body.topic_scope in ("beleid", "beide"):
            keys.append(body.key)
    return keys
