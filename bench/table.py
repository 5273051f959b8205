"""Print the Markdown table of a bench report: ``python -m bench.table [--short] [bench/report.json]`` (``--short``:
the README's table, a few key pages and the budgets as counts).

Columns: page, median ms, median as a multiple of the bare view, p95 as a multiple of the bare view's p95, first
load in KiB (compressed, HTML + static files; the response alone for downloads), queries, the page computed afresh
(every kept value dropped first: ms and queries, as the first request after a change), and growth (the page's
multiple of the bare view at 10x data over the same at 1x, list pages only; in brackets the same for the page computed
afresh: ``growth_figures``). Below it: the served
figures and one line per budget.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.run import growth_figures

DEFAULT = Path(__file__).resolve().parent / "report.json"
# The pages of the README's short table (--short): one or two per kind of user and the pages the issues named.
SHORT = (
    "home",
    "body public page",
    "dashboard (beheerder)",
    "dashboard (lid)",
    "body dashboard (lid)",
    "people list",
    "advice register (first page)",
    "officer dashboard (GR)",
    "agenda with 20 items and 60 documents (gespreksleider)",
    "topic list with 500 topics (gespreksleider)",
    "big body dashboard (secretaris)",
    "art. 47 matrix, 350 municipalities",
    "payments of the region (financien)",
    "consultation results (400.000 answers, beleid)",
)


def _number(value, digits: int = 1, suffix: str = "") -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{suffix}".replace(",", " ")


def table(report: dict, *, short: bool = False) -> str:
    """The Markdown text of ``report`` (a bench report as written by bench/run.py); ``short``: only the SHORT pages
    (those in the report) and the budgets as counts."""
    pages = report.get("pages", {})
    if short:
        pages = {label: page for label, page in pages.items() if label in SHORT}
    served = any("served" in page for page in pages.values())
    head = "| page | median ms | × bare | p95 × bare | KiB first load | queries | afresh ms (queries) | growth 10x |"
    lines = [head + (" served × bare |" if served else ""), "|---|" + "---:|" * (8 if served else 7)]
    for label, page in pages.items():
        if "median_ms" not in page:
            lines.append(f"| {label} | {page.get('note', '–')} |" + " |" * (7 if served else 6))
            continue
        growth, growth_afresh = (None, None)
        if page.get("list_page") and page.get("growth") is not None:
            growth, growth_afresh = growth_figures(page)
        growth_text = _number(growth, 2, "×") if growth is not None else ("?" if page.get("list_page") else "")
        if growth is not None and growth_afresh is not None:
            growth_text += f" ({_number(growth_afresh, 2, '×')})"
        afresh = page.get("afresh", {})
        afresh_text = f"{_number(afresh['median_ms'])} ({afresh['queries']})" if afresh else ""
        line = (
            f"| {label} | {_number(page['median_ms'])} | {_number(page.get('ratio_median'), 1, '×')} "
            f"| {_number(page.get('ratio_p95'), 1, '×')} | {_number(page['first_load_bytes_gzip'] / 1024)} "
            f"| {page['queries']} | {afresh_text} | {growth_text} |"
        )
        if served:
            figures = page.get("served", {})
            text = _number(figures.get("ratio_median"), 1, "×") if figures else ""
            if figures.get("ratio_median_same_client") is not None:
                text += f" ({_number(figures['ratio_median_same_client'], 1, '×')})"
            line += f" {text} |"
        lines.append(line)
    parts = ["\n".join(lines)]
    bare = report.get("bare_floor", {})
    interleaved = bare.get("interleaved_full_middleware", {})
    if interleaved:
        logged_in = bare.get("interleaved_full_middleware_logged_in", {})
        without = bare.get("without_middleware", {})
        served_bare = report.get("served", {}).get("latency_bare", {})
        parts.append(
            "× bare: the page's time over that of a bare Django view (a fixed 152-byte response, no database) "
            "requested right after it, anonymous, through all middleware, in-process; its median "
            f"{_number(interleaved.get('median_ms'), 2)} ms ({_number(without.get('median_ms'), 2)} ms without "
            f"middleware, {_number(logged_in.get('median_ms'), 2)} ms through a logged-in client)"
            + (
                f"; served × bare: the same over HTTP from gunicorn (bare {_number(served_bare.get('median_ms'), 2)} "
                "ms; in brackets for logged-in pages: over the bare view served with the same session)"
                if served_bare
                else ""
            )
            + f". {report.get('database', '?')}, up to {report.get('requests_per_page', '?')} requests per page."
        )
    served = report.get("served", {}).get("targets")
    if served:
        rows = ["| served (gunicorn, 2 workers) | req/s | p50 ms | p99 ms | p50 × bare |", "|---|---:|---:|---:|---:|"]
        for label, target in served.items():
            rows.append(
                f"| {label} | {_number(target.get('requests_per_second'))} | {_number(target.get('p50_ms'))} "
                f"| {_number(target.get('p99_ms'))} | {_number(target.get('p50_ratio_to_bare'), 1, '×')} |"
            )
        parts.append("\n".join(rows))
    budgets = report.get("summary", {})
    if budgets:
        parts.append(
            "\n".join(
                f"- {check['budget']}: {check['passes']} pass, {check['misses']} miss"
                + (f": {', '.join(m['page'] for m in check['miss'])}" if check["miss"] and not short else "")
                for check in budgets.values()
            )
        )
    if report.get("complete") is False:
        done = ", ".join(report.get("durations_seconds", {}))
        parts.append(f"(An incomplete run: it stopped after {done}.)")
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    short = "--short" in argv
    argv = [arg for arg in argv if arg != "--short"]
    path = Path(argv[0]) if argv else DEFAULT
    if not path.exists():
        print(f"No bench report at {path}: run `make bench` first.", file=sys.stderr)
        return 1
    sys.stdout.write(table(json.loads(path.read_text(encoding="utf-8")), short=short))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
