"""Printable PDFs with WeasyPrint (ADR 8): rendered from a template, system fonts only, no network access."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class NoNetworkFetcher(URLFetcher):
    """Refuses every resource outside the document itself: no web fonts, images or stylesheets from anywhere.

    Only ``data:`` URLs (inline, part of the document) are read. WeasyPrint logs a refused URL and goes on without it.
    """

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError("Inspraak PDFs load no external resources")


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """The PDF of ``template_name`` (a full HTML document with its own print CSS)."""
    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=None, url_fetcher=NoNetworkFetcher()).write_pdf()
