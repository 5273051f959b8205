"""Printable PDFs with WeasyPrint (ADR 8): rendered from a template, system fonts only, no network access. In core,
so every app (recruitment, agenda letters, ...) uses the same helper."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
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


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=None, url_fetcher=NoNetworkFetcher()).write_pdf()


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """The PDF of ``template_name`` (a full HTML document with its own print CSS)."""
    return html_to_pdf(render_to_string(template_name, context, request=request))


PUBLIC_PDF_CACHE_SECONDS = 24 * 3600


class PublicPdf:
    """A public PDF rendered once per version: the version is a hash of its HTML, so any change to the object, its
    related data or the language gives a new PDF, and the hash serves as the ETag. Rendering costs about 200 ms of
    CPU; anonymous visitors get the cached bytes (or a 304). Only for pages without personal data."""

    def __init__(self, template_name: str, context: dict):
        self.html = render_to_string(template_name, context)  # no request: the same HTML for every visitor
        self.etag = hashlib.sha256(self.html.encode()).hexdigest()[:40]

    def content(self) -> bytes:
        key = f"public-pdf:{self.etag}"
        pdf = cache.get(key)
        if pdf is None:
            pdf = html_to_pdf(self.html)
            cache.set(key, pdf, PUBLIC_PDF_CACHE_SECONDS)
        return pdf
