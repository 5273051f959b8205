"""How easy a Dutch text is to read: the Flesch-Douma score (textstat with language "nl"), with a plain tip.

Used on save for every text meant for clients (topic answers, agenda summaries, document summaries, invitations).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from textstat.textstat import textstatistics

EASY = 70  # Flesch-Douma: 70 and up is easy enough for most readers (about B1)
FAIR = 50


@dataclass(frozen=True)
class Readability:
    score: int
    level: str  # "makkelijk", "redelijk" or "moeilijk"

    @property
    def label(self) -> str:
        return {
            "makkelijk": _("Makkelijk te lezen"),
            "redelijk": _("Redelijk te lezen"),
            "moeilijk": _("Moeilijk te lezen"),
        }[self.level]

    @property
    def tip(self) -> str:
        if self.level == "makkelijk":
            return ""
        return _("Tip: maak de zinnen korter (hoogstens 15 woorden) en kies korte, gewone woorden.")


def from_score(score: int | None) -> Readability | None:
    """A stored score as a Readability (label and tip), without computing it again."""
    if score is None:
        return None
    return Readability(score=score, level="makkelijk" if score >= EASY else "redelijk" if score >= FAIR else "moeilijk")


def score_of(text: str) -> int | None:
    """The score to store with a text (None for an empty text)."""
    result = readability(text)
    return result.score if result else None


def readability(text: str) -> Readability | None:
    """The Flesch-Douma score of ``text``; None for an empty text."""
    if not text or not text.strip():
        return None
    stats = textstatistics()  # a fresh instance: set_lang is per instance, so requests do not interfere
    stats.set_lang("nl")
    return from_score(round(stats.flesch_reading_ease(text)))


def flash_readability(request, what: str, score: int | None) -> None:
    """After saving a text for clients: tell the writer how easy ``what`` (e.g. "de uitleg") is to read, with a tip
    when it could be easier. Nothing for an empty text."""
    from django.contrib import messages

    result = from_score(score)
    if result is None:
        return
    text = _("Leesbaarheid van %(what)s: %(score)s – %(label)s.") % {
        "what": what,
        "score": result.score,
        "label": result.label,
    }
    if result.tip:
        text = f"{text} {result.tip}"
    messages.info(request, text)
