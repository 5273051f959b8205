"""Links between the pages of a paged list (RFC 8288 ``Link`` header; API Design Rules, pagination)."""

from __future__ import annotations


def link_header(**links: str | None) -> str:
    """``Link`` with a ``rel`` per given URL: first, prev, next, last (``previous`` is written as ``prev``)."""
    parts = []
    for rel, url in links.items():
        if url:
            parts.append(f'<{url}>; rel="{"prev" if rel == "previous" else rel}"')
    return ", ".join(parts)
