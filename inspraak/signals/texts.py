"""The plain-Dutch sentences about a signal: the "Opvallend" line and the pre-filled title and description of a
topic made from a signal. Pure: no queries."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from inspraak.signals import rules


def _words(theme) -> str:
    """The theme's label inside a sentence: "brieven en uitleg"."""
    return theme.label[:1].lower() + theme.label[1:]


def _about(theme) -> str:
    return " " + _("over %(theme)s") % {"theme": _words(theme)} if theme is not None else ""


def _number(value, decimals: int = 0) -> str:
    return number_format(value, decimals)


def notable_text(kind: str, theme, notable: rules.Notable) -> str:
    """ "Opvallend: 40 % meer klachten over brieven en uitleg dan gemiddeld (28, gemiddeld 20 in de vier kwartalen
    ervoor)." """
    about = _about(theme)
    if kind == rules.KTO:
        return _(
            "Opvallend: het cijfer%(about)s is %(drop)s punt lager dan gemiddeld (%(current)s, gemiddeld %(average)s "
            "in de kwartalen ervoor)."
        ) % {
            "about": " " + _("voor %(theme)s") % {"theme": _words(theme)} if theme is not None else "",
            "drop": _number(notable.change, 1),
            "current": _number(notable.current, 1),
            "average": _number(notable.average, 1),
        }
    noun = _("klachten") if kind == rules.COMPLAINTS else _("bezwaren")
    if notable.change is None:
        return _("Opvallend: %(current)s %(noun)s%(about)s, terwijl er in de kwartalen ervoor geen waren.") % {
            "current": _number(notable.current),
            "noun": noun,
            "about": about,
        }
    return _(
        "Opvallend: %(percent)s %% meer %(noun)s%(about)s dan gemiddeld (%(current)s, gemiddeld %(average)s in de "
        "kwartalen ervoor)."
    ) % {
        "percent": _number(notable.change),
        "noun": noun,
        "about": about,
        "current": _number(notable.current),
        "average": _number(notable.average, 1 if notable.average % 1 else 0),
    }


def where(municipalities) -> str:
    names = [m.name for m in municipalities]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def topic_title(kind: str, theme, quarter: rules.Quarter) -> str:
    subject = {
        rules.KTO: _("Tevredenheid"),
        rules.COMPLAINTS: _("Klachten"),
        rules.OBJECTIONS: _("Bezwaren"),
    }[kind]
    return (
        _("%(subject)s%(about)s in %(quarter)s")
        % {"subject": subject, "about": _about(theme), "quarter": quarter.label}
    )[:150]


def topic_description(
    kind: str, theme, quarter: rules.Quarter, value: rules.Value | None, notable: rules.Notable | None, municipalities
) -> str:
    """The figures in plain Dutch, ending with the question for the group."""
    place = where(municipalities)
    about = _about(theme)
    lines = []
    if value is not None:
        if kind == rules.KTO:
            lines.append(
                _("In %(quarter)s gaven klanten in %(place)s een %(score)s%(about)s. %(n)s mensen gaven antwoord.")
                % {
                    "quarter": quarter.label,
                    "place": place,
                    "score": _number(value.score, 1),
                    "about": about,
                    "n": value.count or 0,
                }
            )
        else:
            noun = _("klachten") if kind == rules.COMPLAINTS else _("bezwaren")
            lines.append(
                _("In %(quarter)s waren er in %(place)s %(n)s %(noun)s%(about)s.")
                % {"quarter": quarter.label, "place": place, "n": value.count or 0, "noun": noun, "about": about}
            )
            if kind == rules.OBJECTIONS and value.upheld is not None:
                lines.append(
                    _("Gegrond: %(upheld)s. Ongegrond: %(rejected)s. Ingetrokken: %(withdrawn)s.")
                    % {
                        "upheld": value.upheld or 0,
                        "rejected": value.rejected or 0,
                        "withdrawn": value.withdrawn or 0,
                    }
                )
    if notable is not None:
        lines.append(notable_text(kind, theme, notable))
    lines.append(_("Wat merken klanten hiervan? En wat kan de regio beter doen?"))
    return "\n\n".join(lines)[:2000]
