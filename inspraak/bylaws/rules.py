"""The checks of a verordening cliëntenparticipatie (ADR 16): pure rules, facts in, findings out, the date passed in.

1. no verordening in force on the date → voldoet niet (``no_bylaw``);
2. adopted by anyone but the municipality's own gemeenteraad → voldoet niet (``not_council``);
3. each element a–e not regulated → voldoet niet for that element (``element_missing``, ``element`` set);
4. legal basis only the WWB → aandachtspunt (``outdated``, "verouderd");
5. target group without art. 7a → aandachtspunt (``target_group``);
6. a designated body that is not in Inspraak (``body_unknown``), has no active members (``body_empty``), or whose
   settings are laxer than the verordening (``body_fewer_meetings``, ``body_longer_advice_period``,
   ``body_longer_response_period``); no designated body at all (``no_body``) → aandachtspunt;
7. evaluation date passed → aandachtspunt (``evaluation_due``).

Overall "voldoet" only when a verordening is in force, adopted by the council, and a–e are all regulated.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ELEMENTS = ("a", "b", "c", "d", "e")

MEETS = "voldoet"
FAILS = "voldoet_niet"
ATTENTION = "aandachtspunt"

COUNCIL = "gemeenteraad"
WWB = "wwb"
TARGET_WITH_7A = "art_7_1_7a"


def element_label(letter: str) -> str:
    """Plain Dutch for element ``letter`` of art. 47."""
    return {
        "a": _("gevraagd en ongevraagd advies, in een vroeg stadium"),
        "b": _("ondersteuning van de cliënten die meedoen"),
        "c": _("periodiek overleg"),
        "d": _("onderwerpen op de agenda zetten"),
        "e": _("de informatie die nodig is"),
    }[letter]


@dataclass(frozen=True)
class BylawFacts:
    key: object
    title: str
    adopted_by: str  # AdoptedBy value
    in_force_from: datetime.date
    in_force_until: datetime.date | None
    legal_basis: str  # LegalBasis value
    target_group: str  # TargetGroup value
    elements: Mapping[str, bool]  # a–e: regulated
    designated_body_keys: tuple = ()
    other_bodies: tuple[str, ...] = ()  # names of designated bodies that are not in Inspraak
    min_meetings_per_year: int | None = None
    advice_period_weeks: int | None = None
    response_period_weeks: int | None = None
    evaluation_on: datetime.date | None = None

    def in_force_on(self, day: datetime.date) -> bool:
        return self.in_force_from <= day and (self.in_force_until is None or day <= self.in_force_until)


@dataclass(frozen=True)
class BodyFacts:
    key: object
    name: str
    active_members: int
    min_meetings_per_year: int
    advice_period_weeks: int
    response_period_weeks: int


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # FAILS or ATTENTION
    message: str
    element: str = ""  # a–e for element_missing


@dataclass(frozen=True)
class BylawCheck:
    status: str  # MEETS or FAILS
    bylaw_key: object = None  # the verordening in force on the date, None when there is none
    findings: tuple[Finding, ...] = ()
    elements: Mapping[str, bool] = field(default_factory=lambda: dict.fromkeys(ELEMENTS, False))

    @property
    def meets(self) -> bool:
        return self.status == MEETS

    @property
    def outdated(self) -> bool:
        return any(f.code == "outdated" for f in self.findings)

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == FAILS]

    @property
    def points(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ATTENTION]

    def regulated(self, letter: str) -> bool:
        return bool(self.elements.get(letter))


def in_force(bylaws: Iterable[BylawFacts], on: datetime.date) -> BylawFacts | None:
    """The verordening in force on ``on``; of several, the one in force from the latest date."""
    current = [b for b in bylaws if b.in_force_on(on)]
    if not current:
        return None
    return max(current, key=lambda b: (b.in_force_from, str(b.key)))


def check(bylaws: Iterable[BylawFacts], bodies: Mapping[object, BodyFacts], *, on: datetime.date) -> BylawCheck:
    """Check the verordeningen of one municipality on the date ``on``. ``bodies`` holds the facts of every body the
    texts may designate, by key."""
    bylaw = in_force(bylaws, on)
    if bylaw is None:
        return BylawCheck(
            FAILS,
            findings=(Finding("no_bylaw", FAILS, _("Voldoet niet: geen verordening die op deze datum geldt.")),),
        )
    return check_text(bylaw, bodies, on=on)


def check_text(bylaw: BylawFacts, bodies: Mapping[object, BodyFacts], *, on: datetime.date) -> BylawCheck:
    """Checks 2–7 of one text, whether or not it is in force on ``on`` (the date only decides whether its
    evaluation date has passed). ``check`` runs this on the text in force; a text's own page shows it for any text."""
    findings: list[Finding] = []
    if bylaw.adopted_by != COUNCIL:
        findings.append(
            Finding(
                "not_council",
                FAILS,
                _(
                    "Voldoet niet: art. 47 vraagt een verordening van de gemeenteraad. Deze tekst is niet door de "
                    "gemeenteraad vastgesteld; in een GR heeft elke gemeenteraad een eigen verordening nodig."
                ),
            )
        )
    for letter in ELEMENTS:
        if not bylaw.elements.get(letter):
            findings.append(
                Finding(
                    "element_missing",
                    FAILS,
                    _("Voldoet niet: de verordening regelt %(letter)s niet: %(label)s.")
                    % {"letter": letter, "label": element_label(letter)},
                    element=letter,
                )
            )
    if bylaw.legal_basis == WWB:
        findings.append(
            Finding(
                "outdated",
                ATTENTION,
                _(
                    "Verouderd: de verordening steunt nog op de Wet werk en bijstand. Ze geldt door art. 78z "
                    "Participatiewet, maar is nooit aangepast aan de Participatiewet."
                ),
            )
        )
    if bylaw.target_group != TARGET_WITH_7A:
        findings.append(
            Finding(
                "target_group",
                ATTENTION,
                _(
                    "De doelgroep noemt art. 7a niet: mensen die hulp krijgen bij het vinden van werk zonder "
                    "bijstand horen er ook bij."
                ),
            )
        )
    findings.extend(_body_findings(bylaw, bodies))
    if bylaw.evaluation_on is not None and bylaw.evaluation_on < on:
        findings.append(
            Finding(
                "evaluation_due",
                ATTENTION,
                _("De evaluatie had er op %(date)s moeten zijn.") % {"date": _date(bylaw.evaluation_on)},
            )
        )
    status = FAILS if any(f.severity == FAILS for f in findings) else MEETS
    return BylawCheck(status, bylaw.key, tuple(findings), dict(bylaw.elements))


def _body_findings(bylaw: BylawFacts, bodies: Mapping[object, BodyFacts]) -> list[Finding]:
    findings: list[Finding] = []
    if not bylaw.designated_body_keys and not bylaw.other_bodies:
        findings.append(Finding("no_body", ATTENTION, _("De verordening wijst geen groep aan.")))
    for name in bylaw.other_bodies:
        findings.append(
            Finding(
                "body_unknown",
                ATTENTION,
                _("De verordening noemt “%(name)s”, maar die groep staat niet in Inspraak.") % {"name": name},
            )
        )
    for key in bylaw.designated_body_keys:
        body = bodies.get(key)
        if body is None:
            continue
        if body.active_members == 0:
            findings.append(
                Finding(
                    "body_empty",
                    ATTENTION,
                    _("%(body)s is aangewezen, maar heeft geen actieve leden.") % {"body": body.name},
                )
            )
        if bylaw.min_meetings_per_year is not None and body.min_meetings_per_year < bylaw.min_meetings_per_year:
            findings.append(
                Finding(
                    "body_fewer_meetings",
                    ATTENTION,
                    ngettext(
                        "%(body)s komt volgens de instellingen minstens %(body_n)s keer per jaar bij elkaar; de "
                        "verordening vraagt %(n)s keer.",
                        "%(body)s komt volgens de instellingen minstens %(body_n)s keer per jaar bij elkaar; de "
                        "verordening vraagt %(n)s keer.",
                        bylaw.min_meetings_per_year,
                    )
                    % {"body": body.name, "body_n": body.min_meetings_per_year, "n": bylaw.min_meetings_per_year},
                )
            )
        if bylaw.advice_period_weeks is not None and body.advice_period_weeks > bylaw.advice_period_weeks:
            findings.append(
                Finding(
                    "body_longer_advice_period",
                    ATTENTION,
                    _("%(body)s heeft een adviestermijn van %(body_n)s weken; de verordening zegt %(n)s weken.")
                    % {"body": body.name, "body_n": body.advice_period_weeks, "n": bylaw.advice_period_weeks},
                )
            )
        if bylaw.response_period_weeks is not None and body.response_period_weeks > bylaw.response_period_weeks:
            findings.append(
                Finding(
                    "body_longer_response_period",
                    ATTENTION,
                    _("%(body)s heeft een reactietermijn van %(body_n)s weken; de verordening zegt %(n)s weken.")
                    % {"body": body.name, "body_n": body.response_period_weeks, "n": bylaw.response_period_weeks},
                )
            )
    return findings


def _date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")
