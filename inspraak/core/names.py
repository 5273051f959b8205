"""Does a text name a person? Pure rules (no ORM) for the check on every text that becomes public.

A public text (minutes, feedback reports, advice, responses, agendas) must not name a client who did not agree to
be named publicly. People write names in many ways, so a name counts as mentioned when the text holds:

* first and last name, in either order: "Kees Jansen", "Jansen, Kees", "Jansen Kees", "Jan de Vries",
  "De Vries, Jan", "Vries, Jan de";
* initials and last name: "K. Jansen", "K.J. Jansen", "K Jansen", "J. de Vries";
* first name and the initial of the last name: "Kees J.", "Jan de V.";
* a title and the last name: "meneer Jansen", "mevrouw De Vries", "mw. Jansen", "dhr. K. Jansen",
  "de heer Jansen", "fam. Jansen".

A last name or a first name **alone** never counts: many Dutch surnames are common words ("Bakker", "Visser",
"de Boer") and first names are shared by many people, so blocking them would stop ordinary sentences.

Before matching, both the text and the name are normalised: letter case and diacritics do not matter ("Eliëlle" =
"eliElle"), and invisible characters that would split a word (zero-width space, joiner and non-joiner, word joiner,
byte-order mark, soft hyphen) are dropped. The matches are returned as the fragments of the original text, so a
message can show the writer what they wrote (and not the stored name, which the writer may not know).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext

# Characters that are invisible in a text but would split a word: dropped before matching.
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# Dutch (and common foreign) surname particles (tussenvoegsels).
PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "'t", "t", "ter", "ten", "te", "in", "op", "la", "le", "du", "da", "di", "von"}
)
# Titles that, before a last name, point at one person.
_TITLES = (
    r"meneer",
    r"mevrouw",
    r"mevr\.?",
    r"mvr\.?",
    r"mw\.?",
    r"dhr\.?",
    r"hr\.?",
    r"de\s+heer",
    r"heer",
    r"mej\.?",
    r"mejuffrouw",
    r"juffrouw",
    r"mr\.?",
    r"mrs\.?",
    r"ms\.?",
    r"dr\.?",
    r"drs\.?",
    r"ir\.?",
    r"ing\.?",
    r"fam\.?",
    r"familie",
)
_TITLE = r"(?:" + "|".join(_TITLES) + r")"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})


def _fold(char: str) -> str:
    """One character without diacritics, case-folded (may be empty or longer than one character)."""
    if char in INVISIBLE:
        return ""
    decomposed = unicodedata.normalize("NFKD", char.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalise(text: str) -> str:
    """``text`` as the matcher sees it: no diacritics, no invisible characters, case-folded."""
    return "".join(_fold(char) for char in text)


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, per normalised character, the index of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in _fold(char):
            out.append(folded)
            origin.append(index)
    return "".join(out), origin


@dataclass(frozen=True)
class NameParts:
    first: tuple[str, ...]  # given names (normalised)
    particles: tuple[str, ...]  # "de", "van der", …
    last: tuple[str, ...]  # the surname proper: "jansen", "vries"


def split_name(name: str) -> NameParts | None:
    """First names, particles and last name of a full name; None for a name of fewer than two words.

    The first particle after the first word starts the surname: "Jan de Vries" = (jan)(de)(vries),
    "Anna Maria van der Berg" = (anna, maria)(van, der)(berg). Without particles the last word is the surname.
    """
    words = normalise(name).replace(",", " ").split()
    if len(words) < 2:
        return None
    start = next((i for i in range(1, len(words)) if words[i] in PARTICLES), None)
    if start is None:
        return NameParts(first=tuple(words[:-1]), particles=(), last=(words[-1],))
    end = start
    while end < len(words) and words[end] in PARTICLES:
        end += 1
    if end == len(words):  # only particles after the first names ("Jan de"): treat the last word as surname
        return NameParts(first=tuple(words[:-1]), particles=(), last=(words[-1],))
    return NameParts(first=tuple(words[:start]), particles=tuple(words[start:end]), last=tuple(words[end:]))


def _seq(words: Iterable[str]) -> str:
    return r"\s+".join(re.escape(word) for word in words)


def _particles(words: tuple[str, ...]) -> str:
    """The particles as written out ("van der") or abbreviated ("v.d.", "v. d.")."""
    if not words:
        return ""
    short = r"\s*".join(re.escape(word[0]) + r"\." for word in words if word.strip("'"))
    return rf"(?:{_seq(words)}|{short})"


def _patterns(parts: NameParts) -> tuple[list[str], str]:
    """The forms that hold the surname, and the one form that holds only the given name ("Kees J.")."""
    first = _seq(parts.first)
    given = re.escape(parts.first[0])
    last = _seq(parts.last)
    particles = _particles(parts.particles)
    surname = (particles + r"\s+" + last) if parts.particles else last  # "de vries"
    any_surname = (r"(?:" + particles + r"\s+)?" + last) if parts.particles else last  # "vries" or "de vries"
    initial = re.escape(parts.first[0][0])
    initials = initial + r"(?:\.\s*(?:\w\.\s*)*|\s+)"  # "k. ", "k.j. ", "k "
    last_initial = re.escape(parts.last[0][0]) + r"\."
    patterns = [
        rf"{first}\s+{surname}",  # kees jansen, jan de vries, anna maria van der berg
        rf"{given}\s+{surname}",  # anna van der berg
        rf"{surname}\s*,?\s*{given}",  # jansen, kees / jansen kees / de vries, jan
        rf"{last}\s*,\s*{given}(?:\s+{particles})?" if parts.particles else "",  # vries, jan de
        rf"{initials}{surname}",  # k. jansen, k.j. jansen, j. de vries
        rf"{last}\s*,\s*{initial}\.",  # jansen, k.
        rf"{_TITLE}\s*(?:{initial}\.\s*(?:\w\.\s*)*)?{any_surname}",  # meneer jansen, mw. de vries, dhr. k. jansen
    ]
    given_only = rf"{given}\s+" + (rf"{particles}\s+" if parts.particles else "") + last_initial  # kees j., jan de v.
    return [p for p in patterns if p], given_only


def _bounded(pattern: str) -> str:
    """Whole words only: no letter before, and none after unless the pattern ends with a dot ("Kees J.")."""
    return rf"(?<!\w)(?:{pattern})" + ("" if pattern.endswith(r"\.") else r"(?!\w)")


@dataclass(frozen=True)
class _Matcher:
    """How to find one name: the surname (or the one word) that most forms hold, and the given name that the
    remaining form ("Kees J.") holds, each with its pattern."""

    surname: str
    full: re.Pattern
    given: str = ""
    given_only: re.Pattern | None = None

    def search(self, haystack: str) -> re.Match | None:
        """The first mention in the normalised ``haystack``; a quick substring test first (most texts name no one)."""
        if self.surname in haystack:
            return self.full.search(haystack)
        if self.given_only is not None and self.given in haystack:
            return self.given_only.search(haystack)
        return None


@lru_cache(maxsize=4096)
def _matcher(name: str) -> _Matcher | None:
    parts = split_name(name)
    if parts is None:
        words = normalise(name).split()
        if not words:
            return None
        return _Matcher(surname=words[0], full=re.compile(_bounded(_seq(words))))  # a one-word name
    patterns, given_only = _patterns(parts)
    return _Matcher(
        surname=parts.last[0],
        full=re.compile("|".join(_bounded(p) for p in [*patterns, given_only])),
        given=parts.first[0],
        given_only=re.compile(_bounded(given_only)),
    )


@dataclass(frozen=True)
class Mention:
    name: str  # the name as stored (for the caller; do not show it to someone who may not know it)
    fragment: str  # the words of the text that name the person, as written


def mentions(text: str, names: Iterable[str]) -> list[Mention]:
    """Every name of ``names`` that ``text`` mentions (see the module docstring), once per name, in text order."""
    haystack, origin = _normalise_with_map(text)
    found: list[tuple[int, Mention]] = []
    for name in dict.fromkeys(names):
        matcher = _matcher(name)
        match = matcher.search(haystack) if matcher is not None else None
        if match is None or match.end() == match.start():
            continue
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        fragment = "".join(char for char in text[start:end] if char not in INVISIBLE)
        found.append((match.start(), Mention(name=name, fragment=" ".join(fragment.split()))))
    return [mention for _, mention in sorted(found, key=lambda pair: pair[0])]


def mentions_any(text: str, names: Iterable[str]) -> bool:
    """True when ``text`` mentions one of ``names``."""
    return bool(mentions(text, names))


def refers_to(text: str, name: str) -> bool:
    """Looser than mentions(), for finding texts to redact after erasure: also the last name alone as a word
    ("Jansen kwam niet"). A false alarm costs a look; a miss leaves a name behind."""
    if mentions_any(text, [name]):
        return True
    parts = split_name(name)
    if parts is None:
        return False
    return re.search(rf"(?<!\w){_seq(parts.last)}(?!\w)", normalise(text)) is not None


def fragments(texts: Iterable[str], names: Iterable[str]) -> list[str]:
    """The distinct fragments in ``texts`` that name one of ``names``, in order (for a message to the writer)."""
    names = list(names)
    result: dict[str, None] = {}
    for text in texts:
        if text:
            for mention in mentions(text, names):
                result.setdefault(mention.fragment, None)
    return list(result)


def named_message(fragments: Iterable[str], lead: str | None = None) -> str:
    """The Dutch message shown when a text names a client: ``lead`` (what is refused), then the words as written."""
    lead = str(lead or gettext("Deze tekst noemt een cliënt die niet met naam openbaar genoemd wil worden."))
    found = ", ".join(f"“{fragment}”" for fragment in fragments)
    if not found:
        return lead
    advice = gettext("Gevonden: %(found)s. Haal de naam weg of schrijf bijvoorbeeld ‘een deelnemer’.")
    return f"{lead} {advice % {'found': found}}"
