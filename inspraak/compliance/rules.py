"""The status decisions of the art. 47 matrix (ADR 17): pure rules, facts in, status out, the date passed in.

Statuses: ``voldoet``, ``deels``, ``voldoet_niet``, ``geen_gegevens``. The numbers the rules read are counted by
``inspraak.compliance.selectors``; nothing here touches the database.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

_TRANSLATED: dict[tuple[str | None, str], str] = {}
_LANGUAGE: ContextVar[str | None] = ContextVar("inspraak_compliance_language", default=None)


def _(message: str) -> str:
    """``gettext``, remembered per language: a matrix of 350 municipalities asks the same few texts thousands of
    times. Only for literal messages (format after translating)."""
    key = (_LANGUAGE.get() or get_language(), message)
    text = _TRANSLATED.get(key)
    if text is None:
        text = _TRANSLATED[key] = gettext(message)
    return text


@contextmanager
def one_language():
    """Inside, ``_`` reads the active language once instead of for every text (Django's lookup of the active
    language costs more than the remembered text itself, and a matrix asks some 14,000 texts): for computing one
    answer, in which the language does not change."""
    token = _LANGUAGE.set(get_language())
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


MEETS = "voldoet"
PARTLY = "deels"
FAILS = "voldoet_niet"
NO_DATA = "geen_gegevens"
STATUSES = (MEETS, PARTLY, FAILS, NO_DATA)

COLUMNS = ("verordening", "a", "b", "c", "d", "e")
ELEMENTS = ("a", "b", "c", "d", "e")

SMALL_GROUP = 5  # a group of fewer people is not split further

# Defaults of the region setting (MatrixSettings); documented in ADR 17.
DEFAULT_TOPIC_ANSWER_WEEKS = 8
DEFAULT_FULL_SHARE = 90
DEFAULT_PARTIAL_SHARE = 50

# Topic outcomes for d
ANSWERED_IN_TIME = "op_tijd"
ANSWERED_LATE = "te_laat"
OPEN_TOO_LONG = "te_lang_open"
NOT_COUNTED = "telt_nog_niet"


def status_label(status: str) -> str:
    return {
        MEETS: _("Voldoet"),
        PARTLY: _("Deels"),
        FAILS: _("Voldoet niet"),
        NO_DATA: _("Geen gegevens"),
    }[status]


def column_label(column: str) -> str:
    return {
        "verordening": _("Verordening"),
        "a": _("a. Advies, op tijd gevraagd"),
        "b": _("b. Ondersteuning"),
        "c": _("c. Bijeenkomsten"),
        "d": _("d. Eigen onderwerpen"),
        "e": _("e. Stukken op tijd"),
    }[column]


def column_short_label(column: str) -> str:
    return {
        "verordening": _("Verordening"),
        "a": _("a. Advies"),
        "b": _("b. Steun"),
        "c": _("c. Overleg"),
        "d": _("d. Onderwerpen"),
        "e": _("e. Stukken"),
    }[column]


NOT_REGULATED_NOTE = gettext_lazy("niet geregeld in de verordening")


def timeliness_label(code: str) -> str:
    """A few words for the timeliness of one concern (inspraak.policy.rules codes)."""
    return {
        "op_tijd": _("op tijd gevraagd"),
        "te_laat": _("te laat gevraagd"),
        "niet_gevraagd": _("niet gevraagd"),
    }.get(code, _("nog niet gevraagd"))


@dataclass(frozen=True)
class Thresholds:
    """The region's settings, or the defaults."""

    topic_answer_weeks: int = DEFAULT_TOPIC_ANSWER_WEEKS
    full_share: int = DEFAULT_FULL_SHARE  # percent
    partial_share: int = DEFAULT_PARTIAL_SHARE  # percent


# ---------------------------------------------------------------- a: advice asked on time


def advice_status(*, decided: int, on_time: int, late: int, not_asked: int) -> str:
    """Every concern of every proposal decided in the year: any "niet gevraagd" → voldoet niet; some late (and
    none "niet gevraagd") → deels; otherwise (all on time) → voldoet; no proposal decided → geen gegevens."""
    if decided == 0:
        return NO_DATA
    if not_asked:
        return FAILS
    if late:
        return PARTLY
    return MEETS


# ---------------------------------------------------------------- c: periodic meetings


def meeting_minimum(body_minimum: int, bylaw_minimum: int | None) -> int:
    """The body's own minimum, or the verordening's when that is higher."""
    return max(body_minimum, bylaw_minimum or 0)


def meets_minimum(*, held: int, planned: int, minimum: int, current_year: bool) -> bool:
    """A past year: held meetings ≥ minimum. The current year: held plus planned (not cancelled) ≥ minimum ("op
    schema")."""
    return (held + (planned if current_year else 0)) >= minimum


def meetings_status(*, bodies: int, meeting_minimum: int) -> str:
    """All serving bodies met their minimum → voldoet; some → deels; none, or no serving body → voldoet niet."""
    if bodies == 0 or meeting_minimum == 0:
        return FAILS
    if meeting_minimum >= bodies:
        return MEETS
    return PARTLY


# ---------------------------------------------------------------- d and e: shares


def share_status(*, counted: int, ok: int, thresholds: Thresholds) -> str:
    """≥ full share → voldoet; ≥ partial share → deels; lower → voldoet niet; nothing counted → geen gegevens."""
    if counted == 0:
        return NO_DATA
    # Compare in whole numbers: ok / counted ≥ share / 100
    if ok * 100 >= thresholds.full_share * counted:
        return MEETS
    if ok * 100 >= thresholds.partial_share * counted:
        return PARTLY
    return FAILS


def topic_outcome(
    *, submitted_on: datetime.date, answered_on: datetime.date | None, weeks: int, today: datetime.date
) -> str:
    """How a topic counts for d: answered within ``weeks`` (the first step out of "ingediend"), answered later,
    still open after ``weeks`` (counts as not in time), or still open and younger (not counted yet)."""
    last_day = submitted_on + datetime.timedelta(weeks=weeks)
    if answered_on is not None:
        return ANSWERED_IN_TIME if answered_on <= last_day else ANSWERED_LATE
    return OPEN_TOO_LONG if today > last_day else NOT_COUNTED


# ---------------------------------------------------------------- the verordening and the elements


def bylaw_status(*, meets: bool | None) -> str:
    """The verordening column: None → no own verordening needed or known (the GR row)."""
    if meets is None:
        return NO_DATA
    return MEETS if meets else FAILS


def element_status(*, regulated: bool | None, practice: str) -> str:
    """An element the verordening does not regulate (or no verordening) fails, whatever the practice. ``regulated``
    None: not asked (the GR row, practice only)."""
    if regulated is False:
        return FAILS
    return practice


# ---------------------------------------------------------------- is the client heard?


def is_small(people: int) -> bool:
    """A group of fewer than 5 people is not split further (nobody can be singled out)."""
    return people < SMALL_GROUP


def percent(part: int, whole: int) -> int | None:
    if whole == 0:
        return None
    return round(part * 100 / whole)


def median_days(values: Iterable[int]) -> int | None:
    values = list(values)
    if not values:
        return None
    return round(statistics.median(values))


def median_days_counted(counts: dict[int, int]) -> int | None:
    """``median_days`` of values given as {value: how often}, without writing every value out."""
    total = sum(counts.values())
    if not total:
        return None
    middle = []  # the value at position (total - 1) // 2 and at total // 2 (the same one when total is odd)
    wanted = sorted({(total - 1) // 2, total // 2})
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while wanted and wanted[0] < seen:
            middle.append(value)
            wanted.pop(0)
    return round(statistics.median(middle))


# ---------------------------------------------------------------- summaries in plain Dutch


def bylaw_summary(status: str, *, gr: bool = False, codes: Iterable[str] = (), outdated: bool = False) -> str:
    """One line about the verordening from the codes of the bylaw check's failures (ADR 16)."""
    if gr:
        return _("De regio zelf hoeft geen verordening te hebben. Elke gemeenteraad heeft een eigen nodig.")
    codes = set(codes)
    if "no_bylaw" in codes:
        text = _("Er is geen verordening die geldt.")
    elif "not_council" in codes:
        text = _("De verordening is niet door de gemeenteraad vastgesteld.")
    elif status != MEETS:
        text = _("De verordening regelt niet alle onderdelen a tot en met e.")
    else:
        text = _("Er is een verordening van de gemeenteraad die a tot en met e regelt.")
    if outdated:
        text += " " + _("Let op: de verordening is verouderd.")
    return text


def advice_summary(status: str, *, decided: int, on_time: int, late: int, not_asked: int) -> str:
    if status == NO_DATA:
        return _("Dit jaar is er geen besluit genomen waarover advies gevraagd moest worden.")
    if status == MEETS:
        return ngettext(
            "Bij het besluit is op tijd om advies gevraagd.",
            "Bij alle %(n)s besluiten is op tijd om advies gevraagd.",
            decided,
        ) % {"n": decided}
    if status == PARTLY:
        return ngettext(
            "Soms te laat om advies gevraagd: %(late)s besluit te laat, %(ok)s op tijd.",
            "Soms te laat om advies gevraagd: %(late)s besluiten te laat, %(ok)s op tijd.",
            late,
        ) % {"late": late, "ok": on_time}
    return ngettext(
        "Er is besloten zonder om advies te vragen: bij %(n)s besluit.",
        "Er is besloten zonder om advies te vragen: bij %(n)s besluiten.",
        not_asked,
    ) % {"n": not_asked}


# ---------------------------------------------------------------- b: support

# A member's expense claim counts as handled on time when it was decided within this many days (ADR 17, issue 13).
CLAIM_DECISION_DAYS = 28


def claim_outcome(*, submitted_on: datetime.date, decided_on: datetime.date | None, today: datetime.date) -> str:
    """A claim decided within CLAIM_DECISION_DAYS → op tijd; decided later → te laat; still open after that →
    te lang open; open and younger → not counted yet."""
    deadline = submitted_on + datetime.timedelta(days=CLAIM_DECISION_DAYS)
    if decided_on is not None:
        return ANSWERED_IN_TIME if decided_on <= deadline else ANSWERED_LATE
    return OPEN_TOO_LONG if today > deadline else NOT_COUNTED


def support_status(
    *, region_has_data: bool, bodies: int, with_scheme: int, counted: int, in_time: int, thresholds: Thresholds
) -> str:
    """No support scheme anywhere in the region that year → geen gegevens (not kept in Inspraak). Otherwise: no
    serving body, or none with a scheme → voldoet niet; some bodies without a scheme, or claims decided late more
    often than the full share allows → deels; every body has a scheme and claims are decided on time (or there
    were none) → voldoet."""
    if not region_has_data:
        return NO_DATA
    if bodies == 0 or with_scheme == 0:
        return FAILS
    if with_scheme < bodies:
        return PARTLY
    if counted and share_status(counted=counted, ok=in_time, thresholds=thresholds) != MEETS:
        return PARTLY
    return MEETS


def support_summary(status: str, *, bodies: int = 0, with_scheme: int = 0, counted: int = 0, in_time: int = 0) -> str:
    if status == NO_DATA:
        return _("Over ondersteuning zijn geen gegevens in Inspraak.")
    if bodies == 0:
        return _("Er is geen groep die cliënten ondersteunt.")
    if with_scheme == 0:
        return _("Geen enkele groep heeft een vergoedingsregeling.")
    if with_scheme < bodies:
        return _("%(ok)s van %(n)s groepen hebben een vergoedingsregeling.") % {"ok": with_scheme, "n": bodies}
    if counted and status != MEETS:
        return _(
            "Elke groep heeft een regeling, maar declaraties worden vaak laat behandeld: %(ok)s van %(n)s op tijd."
        ) % {
            "ok": in_time,
            "n": counted,
        }
    if counted:
        return _("Elke groep heeft een vergoedingsregeling; %(ok)s van %(n)s declaraties op tijd behandeld.") % {
            "ok": in_time,
            "n": counted,
        }
    return _("Elke groep heeft een vergoedingsregeling.")


def meetings_summary(status: str, *, bodies: int, meeting_minimum: int) -> str:
    if bodies == 0:
        return _("Geen groep voor deze gemeente.")
    return _("Groepen die vaak genoeg bij elkaar kwamen: %(ok)s van de %(n)s.") % {"ok": meeting_minimum, "n": bodies}


def topics_summary(status: str, *, counted: int, in_time: int, weeks: int) -> str:
    if counted == 0:
        return _("Geen onderwerpen van leden om te tellen.")
    return _("Onderwerpen met een antwoord binnen %(weeks)s weken: %(ok)s van de %(n)s.") % {
        "ok": in_time,
        "n": counted,
        "weeks": weeks,
    }


def documents_summary(status: str, *, counted: int, on_time: int) -> str:
    if counted == 0:
        return _("Geen stukken voor leden om te tellen.")
    return _("Stukken die op tijd klaar waren: %(ok)s van de %(n)s.") % {"ok": on_time, "n": counted}


def short_count(ok: int, counted: int) -> str:
    """A few words for a table cell: "3 van 4 op tijd", or "niets te tellen"."""
    if counted == 0:
        return _("niets te tellen")
    return _("%(ok)s van %(n)s op tijd") % {"ok": ok, "n": counted}


def bylaw_short(codes: Iterable[str], *, outdated: bool) -> str:
    """A few words for the verordening cell from the codes of the bylaw check's failures."""
    codes = set(codes)
    if "no_bylaw" in codes:
        text = _("geen verordening")
    elif "not_council" in codes:
        text = _("niet van de gemeenteraad")
    elif "element_missing" in codes:
        text = _("regelt niet alles")
    else:
        text = _("van de gemeenteraad")
    return text + (", " + _("verouderd") if outdated else "")
