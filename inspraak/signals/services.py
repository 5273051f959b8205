"""Writes of the signals (ADR 29). Each is atomic and leaves one audit row per change; labels name a region,
municipality or number, never a person.

Saving the figures of a quarter (by the form or a CSV file) replaces what was there for that municipality, quarter
and kind; what it replaced is kept on the SignalEntry (the history of re-imports)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from inspraak.audit.services import audit_record
from inspraak.core import names
from inspraak.core.errors import ServiceError
from inspraak.members import selectors as member_selectors
from inspraak.regions.models import Body
from inspraak.signals import csvformat, rules, selectors
from inspraak.signals.models import DEFAULT_THEMES, Figure, SignalEntry, SignalSettings, SignalTheme, SignalTopic
from inspraak.topics import services as topic_services

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.meetings.models import Meeting
    from inspraak.regions.models import Municipality, Region
    from inspraak.topics.models import Topic


class SignalError(ServiceError):
    """A write the rules refuse. Codes: "municipality", "future", "theme", "invalid" (a figure that does not fit),
    "theme_taken", "client_named" (``field``, ``fragments``), "invalid_file" (``errors``: every csvformat.RowError),
    "topic" (``topic_code``: the topics service's refusal)."""


@dataclass(frozen=True)
class FigureRow:
    """One figure to save: ``kind``, ``theme`` (None: objections of all themes), the numbers, a short source."""

    kind: str
    theme: SignalTheme | None
    count: int | None = None
    score: Decimal | None = None
    upheld: int | None = None
    rejected: int | None = None
    withdrawn: int | None = None
    source: str = ""


def _private_names(region: Region) -> list[str]:
    # private_client_names reads the body's region only: any group of the region gives the same names
    return member_selectors.private_client_names(Body(region_id=region.pk))


def _check_names(region: Region, field: str, texts: Iterable[str]) -> None:
    texts = [t for t in texts if t]
    if not texts:
        return
    found = names.fragments(texts, _private_names(region))
    if found:
        raise SignalError("client_named", field=field, fragments=found)


# ---------------------------------------------------------------- themes


@transaction.atomic
def themes_ensure(*, region: Region, by: User | None = None) -> list[SignalTheme]:
    """The region's themes; a region without any gets the practical themes of the seeds (brieven, bejegening,
    afspraken, bereikbaarheid, betaling) with the labels topics use, and one audit row."""
    found = selectors.themes(region)
    if found:
        return found
    created = SignalTheme.objects.bulk_create(
        SignalTheme(region=region, key=key, label=str(label), position=(index + 1) * 10)
        for index, (key, label) in enumerate(DEFAULT_THEMES)
    )
    created = selectors.themes(region)
    audit_record(
        actor=by, action="signals.themes_seed", target=created[0], region=region, label=f"thema's {region.slug}"
    )
    return created


@transaction.atomic
def theme_add(*, region: Region, label: str, by: User) -> SignalTheme:
    label = label.strip()
    if not label:
        raise SignalError("invalid")
    key = slugify(label)[:30] or "thema"
    existing = {t.key for t in selectors.themes(region)} | {t.label.lower() for t in selectors.themes(region)}
    if key in existing or label.lower() in existing:
        raise SignalError("theme_taken")
    position = max([t.position for t in selectors.themes(region)], default=0) + 10
    theme = SignalTheme.objects.create(region=region, key=key, label=label, position=position)
    audit_record(actor=by, action="signals.theme_add", target=theme, region=region, label=f"thema {theme.key}")
    return theme


@transaction.atomic
def theme_update(*, theme: SignalTheme, label: str, active: bool, by: User) -> SignalTheme:
    """Rename a theme or switch it off (its figures stay; a theme is never removed). The short name stays."""
    label = label.strip()
    if not label:
        raise SignalError("invalid")
    if any(t.pk != theme.pk and t.label.lower() == label.lower() for t in selectors.themes(theme.region)):
        raise SignalError("theme_taken")
    changed = [name for name, value in (("label", label), ("active", active)) if getattr(theme, name) != value]
    if not changed:
        return theme
    theme.label, theme.active = label, active
    theme.save(update_fields=changed)
    audit_record(
        actor=by,
        action="signals.theme_update",
        target=theme,
        region=theme.region,
        changed_fields=changed,
        label=f"thema {theme.key}",
    )
    return theme


# ---------------------------------------------------------------- figures


def _check_row(region: Region, row: FigureRow) -> None:
    if row.theme is not None and row.theme.region_id != region.pk:
        raise SignalError("theme")
    if row.kind not in rules.KINDS or (row.kind != rules.OBJECTIONS and row.theme is None):
        raise SignalError("invalid")
    if row.kind == rules.KTO:
        if row.score is None or not rules.valid_score(row.score) or not row.count:
            raise SignalError("invalid")
    elif row.count is None or row.score is not None:
        raise SignalError("invalid")
    numbers = (row.count, row.upheld, row.rejected, row.withdrawn)
    if any(n is not None and n < 0 for n in numbers):
        raise SignalError("invalid")
    if row.kind != rules.OBJECTIONS and any(n is not None for n in numbers[1:]):
        raise SignalError("invalid")
    if rules.outcome_problem(row.count, row.upheld, row.rejected, row.withdrawn):
        raise SignalError("invalid")
    if len(row.source) > 100:
        raise SignalError("invalid")


def _snapshot(figure: Figure) -> dict:
    return {
        "kind": figure.kind,
        "theme": figure.theme.key if figure.theme else "",
        "count": figure.count,
        "score": str(figure.score) if figure.score is not None else None,
        "upheld": figure.upheld,
        "rejected": figure.rejected,
        "withdrawn": figure.withdrawn,
    }


@transaction.atomic
def figures_replace(
    *,
    region: Region,
    municipality: Municipality,
    quarter: rules.Quarter,
    rows: list[FigureRow],
    kinds: Iterable[str] = rules.KINDS,
    by: User | None,
    source: str = SignalEntry.Source.FORM,
    today=None,
) -> SignalEntry:
    """Save the figures of ``municipality`` in ``quarter``: every figure of ``kinds`` there is replaced by
    ``rows`` (an empty list clears them). Appends a SignalEntry with what was replaced, and one audit row."""
    today = today or timezone.localdate()
    if municipality.region_id != region.pk:
        raise SignalError("municipality")
    if rules.is_future(quarter, today):
        raise SignalError("future")
    kinds = list(kinds)
    keys = set()
    for row in rows:
        _check_row(region, row)
        if row.kind not in kinds:
            raise SignalError("invalid")
        key = (row.kind, row.theme.pk if row.theme else None)
        if key in keys:
            raise SignalError("invalid")
        keys.add(key)
    _check_names(region, "source", {row.source for row in rows})
    old = list(
        Figure.objects.filter(
            municipality=municipality, year=quarter.year, quarter=quarter.quarter, kind__in=kinds
        ).select_related("theme")
    )
    entry = SignalEntry.objects.create(
        region=region,
        municipality=municipality,
        year=quarter.year,
        quarter=quarter.quarter,
        source=source,
        by=by,
        figure_count=len(rows),
        replaced_count=len(old),
        previous=[_snapshot(f) for f in old],
        changed_fields=sorted(kinds),
    )
    Figure.objects.filter(pk__in=[f.pk for f in old]).delete()
    Figure.objects.bulk_create(
        Figure(
            region=region,
            municipality=municipality,
            year=quarter.year,
            quarter=quarter.quarter,
            kind=row.kind,
            theme=row.theme,
            count=row.count,
            score=row.score,
            upheld=row.upheld,
            rejected=row.rejected,
            withdrawn=row.withdrawn,
            source=row.source.strip(),
            entry=entry,
        )
        for row in rows
    )
    audit_record(
        actor=by,
        action="signals.import" if source == SignalEntry.Source.CSV else "signals.enter",
        target=entry,
        region=region,
        changed_fields=kinds,
        label=f"signalen {municipality.cbs_code} {quarter.label}" + (" (vervangen)" if old else ""),
    )
    return entry


@dataclass(frozen=True)
class ImportResult:
    entries: list[SignalEntry]
    figures: int


@transaction.atomic
def import_csv(
    *, region: Region, by: User, data: bytes, may_enter: Callable[[object], bool] = lambda m: True, today=None
) -> ImportResult:
    """Read a CSV file of figures (csvformat) and save them: per municipality, quarter and kind in the file, what was
    there is replaced (figures_replace, source "csv"). Every row is checked first; with any error nothing is written
    and SignalError "invalid_file" carries every error (line, column, message)."""
    today = today or timezone.localdate()
    themes_ensure(region=region, by=by)
    municipalities, themes = selectors.import_lookups(region)
    parsed = csvformat.parse(data, municipalities=municipalities, themes=themes, may_enter=may_enter, today=today)
    errors = list(parsed.errors)
    if not errors:
        sources = [row for row in parsed.rows if row.source]
        found = names.fragments([row.source for row in sources], _private_names(region)) if sources else []
        if found:
            for row in sources:
                if names.fragments([row.source], _private_names(region)):
                    errors.append(
                        csvformat.RowError(
                            row.line, "bron", names.named_message(found, "Hier staat een naam. Noem geen cliënten.")
                        )
                    )
    if errors:
        raise SignalError("invalid_file", errors=errors)
    groups: dict[tuple, list] = defaultdict(list)
    for row in parsed.rows:
        groups[(row.municipality, row.quarter, row.kind)].append(row)
    by_place: dict[tuple, dict[str, list]] = defaultdict(dict)
    for (municipality, quarter, kind), rows in groups.items():
        by_place[(municipality.pk, quarter)][kind] = rows
    entries = []
    for (_pk, quarter), kinds in sorted(by_place.items(), key=lambda item: (item[0][1], item[0][0])):
        municipality = next(iter(kinds.values()))[0].municipality
        rows = [
            FigureRow(
                kind=r.kind,
                theme=r.theme,
                count=r.count,
                score=r.score,
                upheld=r.upheld,
                rejected=r.rejected,
                withdrawn=r.withdrawn,
                source=r.source,
            )
            for rows in kinds.values()
            for r in rows
        ]
        entries.append(
            figures_replace(
                region=region,
                municipality=municipality,
                quarter=quarter,
                rows=rows,
                kinds=list(kinds),
                by=by,
                source=SignalEntry.Source.CSV,
                today=today,
            )
        )
    return ImportResult(entries, len(parsed.rows))


# ---------------------------------------------------------------- public choice


@transaction.atomic
def settings_set(*, region: Region, public: bool, by: User) -> SignalSettings:
    settings, _created = SignalSettings.objects.get_or_create(region=region)
    if settings.public != public or _created:
        settings.public = public
        settings.save()
        audit_record(
            actor=by,
            action="signals.settings",
            target=settings,
            region=region,
            changed_fields=["public"],
            label=f"signalen {region.slug}: {'openbaar' if public else 'niet openbaar'}",
        )
    return settings


# ---------------------------------------------------------------- a signal becomes a topic


@transaction.atomic
def signal_to_topic(
    *,
    body: Body,
    kind: str,
    theme: SignalTheme | None,
    quarter: rules.Quarter,
    municipality: Municipality | None,
    title: str,
    description: str,
    meeting: Meeting | None = None,
    by: User,
) -> SignalTopic:
    """Put a signal forward as a topic of ``body`` (topics.services.topic_submit), on ``meeting``'s agenda when one
    is given (topic_schedule), and keep the link. ``municipality`` None: all the group's municipalities."""
    if kind not in rules.KINDS or (theme is not None and theme.region_id != body.region_id):
        raise SignalError("invalid")
    if municipality is not None and (
        municipality.region_id != body.region_id or (body.municipality_id and body.municipality_id != municipality.pk)
    ):
        raise SignalError("municipality")
    try:
        topic: Topic = topic_services.topic_submit(
            body=body,
            title=title,
            description=description,
            by=by,
            theme=theme.topic_theme if theme is not None else "",
        )
        if meeting is not None:
            topic = topic_services.topic_schedule(topic=topic, meeting=meeting, by=by)
    except topic_services.TopicError as error:
        raise SignalError("topic", topic_code=error.code) from error
    link = SignalTopic.objects.create(
        region_id=body.region_id,
        body=body,
        topic=topic,
        municipality=municipality,
        year=quarter.year,
        quarter=quarter.quarter,
        kind=kind,
        theme=theme,
        created_by=by,
    )
    audit_record(
        actor=by,
        action="signals.to_topic",
        target=link,
        region=body.region,
        label=f"signaal #{link.pk} → onderwerp #{topic.pk}",
    )
    return link


@transaction.atomic
def follow_up_set(*, link: SignalTopic, text: str, by: User) -> SignalTopic:
    """What the GR did with the signal (shown on the group's signals page). Names no client."""
    text = text.strip()
    if text == link.follow_up:
        return link
    _check_names(link.body.region, "follow_up", [text])
    link.follow_up = text
    link.follow_up_at = timezone.now() if text else None
    link.save(update_fields=["follow_up", "follow_up_at"])
    audit_record(
        actor=by,
        action="signals.follow_up",
        target=link,
        region=link.body.region,
        changed_fields=["follow_up"],
        label=f"signaal #{link.pk}",
    )
    return link
