"""Demo data for issue 12's themes: the demo topics (and the agenda items made from them) get the practical theme a
facilitator would give them, so the topics list, its filter and the annual report's counts per theme show something.

The lead calls ``label_themes()`` at the end of load_demo (after the topics and agendas exist)."""

from __future__ import annotations

from inspraak.agenda.models import AgendaItem
from inspraak.topics.models import Theme, Topic

DEMO_THEMES = {
    "Bus naar het Werkplein": Theme.REACHABILITY,
    "Uitleg over bijverdienen": Theme.LETTERS,
    "Brieven zijn moeilijk te lezen": Theme.LETTERS,
    "Lang wachten op een afspraak": Theme.REACHABILITY,
    "Bejegening aan de balie": Theme.TREATMENT,
    "Armoedebeleid Havenstad": Theme.OTHER,
}


def label_themes() -> int:
    """Set the theme of the demo topics by title and copy it to their agenda items. Returns the topics labelled."""
    labelled = 0
    for title, theme in DEMO_THEMES.items():
        labelled += Topic.objects.filter(title=title, theme="").update(theme=theme)
        AgendaItem.objects.filter(topic__title=title, theme="").update(theme=theme)
    return labelled
