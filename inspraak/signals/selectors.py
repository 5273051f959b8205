"""Reads of the signals (ADR 29). Each function runs a fixed number of queries, whatever the number of quarters,
themes, municipalities or figures."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from inspraak.accounts.roles import roles_of
from inspraak.regions.models import Body, Municipality, Region
from inspraak.signals import rules
from inspraak.signals.models import Figure, Kind, SignalEntry, SignalSettings, SignalTheme, SignalTopic

QUARTERS_SHOWN = 8
ALL_THEMES = "alle"  # the theme part of a signal's URL for objections of all themes


# ---------------------------------------------------------------- scope and lookups


@dataclass(frozen=True)
class Scope:
    """What a person may do with the signals of ``region`` (see signals.permissions)."""

    region: Region
    admin: bool
    gr_officer: bool
    municipality_ids: frozenset[int]  # the region's municipalities the person is a policy officer of

    @property
    def whole_region(self) -> bool:
        return self.admin or self.gr_officer


def scope_for(user, region: Region) -> Scope:
    """0 queries, or 1 for a policy officer of a municipality."""
    roles = roles_of(user)
    municipality_ids: frozenset[int] = frozenset()
    if roles.officer_municipality_ids:
        municipality_ids = frozenset(
            Municipality.objects.filter(region=region, pk__in=roles.officer_municipality_ids).values_list(
                "pk", flat=True
            )
        )
    return Scope(
        region=region,
        admin=region.pk in roles.admin_region_ids,
        gr_officer=region.pk in roles.officer_region_ids,
        municipality_ids=municipality_ids,
    )


def municipalities(region: Region, scope: Scope | None = None) -> list[Municipality]:
    """The region's municipalities (only those of ``scope`` when it does not cover the whole region). 1 query."""
    found = Municipality.objects.filter(region=region).order_by("name", "pk")
    if scope is not None and not scope.whole_region:
        found = found.filter(pk__in=scope.municipality_ids)
    return list(found)


def body_municipalities(body: Body) -> list[Municipality]:
    """The municipalities whose signals a group sees: a regional group all of the region's, a municipal group its
    own. 1 query (0 for a municipal group with its municipality loaded)."""
    if body.municipality_id:
        return [body.municipality]
    return list(Municipality.objects.filter(region_id=body.region_id).order_by("name", "pk"))


def themes(region: Region, *, active_only: bool = False) -> list[SignalTheme]:
    """The region's themes in their order. 1 query."""
    found = SignalTheme.objects.filter(region=region)
    if active_only:
        found = found.filter(active=True)
    return list(found.order_by("position", "pk"))


def theme_in(region: Region, pk: int) -> SignalTheme:
    theme = SignalTheme.objects.filter(region=region, pk=pk).first()
    if theme is None:
        raise Http404
    return theme


def settings_for(region: Region) -> SignalSettings | None:
    """1 query."""
    return SignalSettings.objects.filter(region=region).first()


def is_public(region: Region) -> bool:
    """1 query."""
    return SignalSettings.objects.filter(region=region, public=True).exists()


def existing_figures(municipality: Municipality, quarter: rules.Quarter) -> list[Figure]:
    """The figures of one municipality and quarter, with their themes (to fill in the entry form). 1 query."""
    return list(
        Figure.objects.filter(municipality=municipality, year=quarter.year, quarter=quarter.quarter).select_related(
            "theme"
        )
    )


def import_lookups(region: Region) -> tuple[list[Municipality], list[SignalTheme]]:
    """The municipalities and the themes a CSV file names. 2 queries."""
    return municipalities(region), themes(region)


def entries(region: Region, municipality_ids=None, *, limit: int = 20) -> list[SignalEntry]:
    """The latest saves and imports (the history of re-imports), newest first. 1 query."""
    found = SignalEntry.objects.filter(region=region).select_related("municipality", "by")
    if municipality_ids is not None:
        found = found.filter(municipality_id__in=municipality_ids)
    return list(found.order_by("-at", "-pk")[:limit])


def entered_quarters(region: Region, municipality_ids) -> dict[int, list[rules.Quarter]]:
    """Per municipality the quarters that have figures, newest first. 1 query."""
    rows = (
        Figure.objects.filter(region=region, municipality_id__in=municipality_ids)
        .values_list("municipality_id", "year", "quarter")
        .distinct()
    )
    found: dict[int, set[rules.Quarter]] = defaultdict(set)
    for municipality_id, year, quarter in rows:
        found[municipality_id].add(rules.Quarter(year, quarter))
    return {pk: sorted(quarters, reverse=True) for pk, quarters in found.items()}


# ---------------------------------------------------------------- the trends


@dataclass
class Point:
    quarter: rules.Quarter
    value: rules.Value | None
    small: bool = False  # public page: fewer than 5 cases, shown as "minder dan 5"
    hidden_score: bool = False  # public page: a KTO score of fewer than 5 respondents is not shown

    @property
    def number(self) -> Decimal | int | None:
        """What the chart draws: the score for KTO, else the count (None: nothing to draw)."""
        if self.value is None or self.small or self.hidden_score:
            return None
        return self.value.score if self.value.score is not None else self.value.count


@dataclass
class Series:
    kind: str
    theme: SignalTheme | None
    label: str
    points: list[Point]
    notable: rules.Notable | None = None
    chart: object = None  # signals.chart.Panel, filled by the caller that draws

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.theme.key if self.theme else ALL_THEMES}"

    @property
    def theme_key(self) -> str:
        return self.theme.key if self.theme else ALL_THEMES

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def has_outcomes(self) -> bool:
        return any(p.value is not None and p.value.upheld is not None for p in self.points)


@dataclass
class KindBlock:
    kind: str
    label: str
    series: list[Series]

    @property
    def notable(self) -> list[Series]:
        return [s for s in self.series if s.notable is not None]


@dataclass
class Overview:
    quarters: list[rules.Quarter]
    blocks: list[KindBlock]
    municipalities: list[Municipality] = field(default_factory=list)

    @property
    def notable(self) -> list[Series]:
        return [s for block in self.blocks for s in block.notable]

    @property
    def empty(self) -> bool:
        return not any(block.series for block in self.blocks)

    @property
    def end(self) -> rules.Quarter | None:
        return self.quarters[-1] if self.quarters else None


KIND_LABELS = {
    rules.KTO: Kind.KTO.label,
    rules.COMPLAINTS: Kind.COMPLAINTS.label,
    rules.OBJECTIONS: Kind.OBJECTIONS.label,
}


def _value(figure: Figure) -> rules.Value:
    return rules.Value(
        count=figure.count,
        score=figure.score,
        upheld=figure.upheld,
        rejected=figure.rejected,
        withdrawn=figure.withdrawn,
    )


def overview(
    *,
    region: Region,
    municipalities: list[Municipality],
    today: datetime.date,
    kinds: tuple[str, ...] = rules.KINDS,
    public: bool = False,
    end: rules.Quarter | None = None,
    count: int = QUARTERS_SHOWN,
) -> Overview:
    """Per kind and theme the figures of the last ``count`` quarters up to the latest quarter with figures (or
    ``end``), added up over ``municipalities``, each with the notable-change rule applied to its latest quarter.
    ``public``: small numbers are hidden (rules.SMALL). 2 queries."""
    municipality_ids = [m.pk for m in municipalities]
    all_themes = themes(region)
    current = rules.Quarter.of(today)
    window_start = (end or current).shift(-(count + rules.HISTORY))
    figures = list(
        Figure.objects.filter(
            region=region, municipality_id__in=municipality_ids, kind__in=kinds, year__gte=window_start.year
        ).values_list("year", "quarter", "kind", "theme_id", "count", "score", "upheld", "rejected", "withdrawn")
    )
    values: dict[tuple, list[rules.Value]] = defaultdict(list)
    latest = None
    for year, quarter_number, kind, theme_id, n, score, upheld, rejected, withdrawn in figures:
        quarter = rules.Quarter(year, quarter_number)
        if quarter > current or quarter < window_start:
            continue
        values[(kind, theme_id, quarter)].append(rules.Value(n, score, upheld, rejected, withdrawn))
        latest = quarter if latest is None or quarter > latest else latest
    end = end or latest or rules.last_complete(today)
    quarters = rules.quarters_up_to(end, count)
    history = rules.quarters_up_to(end, rules.HISTORY + 1)
    present = {(kind, theme_id) for kind, theme_id, _q in values}
    blocks = []
    for kind in kinds:
        series_list = []
        candidates = [t for t in all_themes if t.active or (kind, t.pk) in present]
        if kind == rules.OBJECTIONS:
            candidates = [None, *[t for t in candidates if (kind, t.pk) in present]]
        for theme in candidates:
            theme_id = theme.pk if theme else None
            if (kind, theme_id) not in present:
                continue
            combined = {
                q: rules.combine(kind, values.get((kind, theme_id, q), [])) for q in set(quarters) | set(history)
            }
            points = [_point(kind, q, combined[q], public) for q in quarters]
            notable = rules.notable(kind, [(q, combined[q]) for q in history])
            if public and notable is not None and notable.cases < rules.SMALL:
                notable = None
            label = theme.label if theme else _("Alle bezwaren")
            series_list.append(Series(kind, theme, label, points, notable))
        blocks.append(KindBlock(kind, str(KIND_LABELS[kind]), series_list))
    return Overview(quarters, blocks, municipalities)


def _point(kind: str, quarter: rules.Quarter, value: rules.Value | None, public: bool) -> Point:
    point = Point(quarter, value)
    if public and value is not None:
        if kind == rules.KTO:
            point.hidden_score = value.count is not None and value.count < rules.SMALL
        else:
            point.small = rules.is_small(value.count)
            if point.small or any(rules.is_small(n) for n in (value.upheld, value.rejected, value.withdrawn)):
                point.value = rules.Value(
                    count=value.count,
                    upheld=_mask(value.upheld),
                    rejected=_mask(value.rejected),
                    withdrawn=_mask(value.withdrawn),
                )
    return point


def _mask(count: int | None) -> int | None:
    """-1 marks "minder dan 5" for an outcome on the public page (templates show the words)."""
    return -1 if rules.is_small(count) else count


def signal_value(
    *,
    region: Region,
    municipalities: list[Municipality],
    kind: str,
    theme: SignalTheme | None,
    quarter: rules.Quarter,
    today: datetime.date,
) -> tuple[rules.Value | None, rules.Notable | None]:
    """One signal: the figure of ``kind`` and ``theme`` in ``quarter`` over ``municipalities`` and whether it is
    notable. 2 queries."""
    found = overview(region=region, municipalities=municipalities, today=today, kinds=(kind,), end=quarter)
    for block in found.blocks:
        for series in block.series:
            if (series.theme.pk if series.theme else None) == (theme.pk if theme else None):
                return series.latest.value, series.notable
    return None, None


def theme_by_key(region: Region, key: str) -> SignalTheme | None:
    """A theme of the region by its short name; None for ``alle``; 404 when unknown. 0 or 1 query."""
    if key == ALL_THEMES:
        return None
    theme = SignalTheme.objects.filter(region=region, key=key).first()
    if theme is None:
        raise Http404
    return theme


# ---------------------------------------------------------------- signals that became topics


def body_signal_topics(body: Body) -> list[SignalTopic]:
    """The group's signals that became topics, with the topic (status, answer), theme and municipality. 1 query."""
    return list(
        SignalTopic.objects.filter(body=body)
        .select_related("topic", "theme", "municipality", "body")
        .order_by("-created_at", "-pk")
    )


def region_signal_topics(region: Region, scope: Scope) -> list[SignalTopic]:
    """Every signal of the region that became a topic (for a municipal officer: of their municipality or its
    groups). 1 query."""
    found = SignalTopic.objects.filter(region=region).select_related("topic", "theme", "municipality", "body")
    if not scope.whole_region:
        ids = scope.municipality_ids
        found = found.filter(Q(municipality_id__in=ids) | Q(body__municipality_id__in=ids))
    return list(found.order_by("-created_at", "-pk"))


def signal_topic_in(region: Region, pk: int) -> SignalTopic:
    link = (
        SignalTopic.objects.filter(region=region, pk=pk)
        .select_related("topic", "theme", "municipality", "body", "body__region")
        .first()
    )
    if link is None:
        raise Http404
    return link


def signal_of_topic(topic) -> SignalTopic | None:
    """The signal a topic came from, or None. 1 query (the "Komt uit signalen" link)."""
    return SignalTopic.objects.filter(topic=topic).select_related("theme", "municipality", "body", "region").first()


# ---------------------------------------------------------------- for the lead: dashboard and annual report


def notable_for_body(*, body: Body, today: datetime.date) -> list[Series]:
    """The notable signals of the group's municipalities in the latest quarter with figures (the dashboard's to-do
    "1 opvallend signaal"). Each item is a Series: ``label``, ``kind``, ``notable`` (numbers). 3 queries."""
    found = overview(region=body.region, municipalities=body_municipalities(body), today=today)
    return found.notable


def year_summary(*, region: Region, year: int, body: Body | None = None) -> dict[str, dict]:
    """What the annual report can use: per kind the totals of ``year`` in the region (or the municipalities of
    ``body``): ``{"klachten": {"count": 120, "quarters": 4}, "bezwaren": {"count": 40, "upheld": 9, "rejected": 25,
    "withdrawn": 6, "quarters": 4}, "kto": {"score": Decimal("7.1"), "respondents": 800, "quarters": 4}}``; a kind
    without figures is left out. Objections per theme are counted only when there is no all-themes figure for that
    municipality and quarter. 2 queries (1 for a municipal group)."""
    figures = Figure.objects.filter(region=region, year=year)
    if body is not None:
        if body.municipality_id:
            figures = figures.filter(municipality_id=body.municipality_id)
        else:
            figures = figures.filter(municipality__region_id=body.region_id)
    rows = list(
        figures.values_list(
            "municipality_id", "quarter", "kind", "theme_id", "count", "score", "upheld", "rejected", "withdrawn"
        )
    )
    summary: dict[str, dict] = {}
    all_objections = {(m, q) for m, q, kind, theme_id, *_rest in rows if kind == rules.OBJECTIONS and theme_id is None}
    kto_values = []
    for municipality_id, quarter, kind, theme_id, n, score, upheld, rejected, withdrawn in rows:
        if kind == rules.KTO:
            kto_values.append(rules.Value(count=n, score=score))
            summary.setdefault(kind, {"quarters": set()})["quarters"].add(quarter)
            continue
        if kind == rules.OBJECTIONS and theme_id is not None and (municipality_id, quarter) in all_objections:
            continue
        entry = summary.setdefault(kind, {"count": 0, "quarters": set()})
        entry["count"] += n or 0
        entry["quarters"].add(quarter)
        if kind == rules.OBJECTIONS:
            for name, number in (("upheld", upheld), ("rejected", rejected), ("withdrawn", withdrawn)):
                entry[name] = entry.get(name, 0) + (number or 0)
    if kto_values:
        combined = rules.combine(rules.KTO, kto_values)
        summary[rules.KTO].update(score=combined.score, respondents=combined.count or 0)
    for entry in summary.values():
        entry["quarters"] = len(entry["quarters"])
    return summary
