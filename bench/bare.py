"""The bare view: the floor every page of ``make bench`` is measured against (routed by bench/urls.py).

It answers a fixed page of about 150 bytes without touching the database or a template. Requested through the same
client and the same middleware as a page, its time is this Django's fixed cost per request (request and response
objects, URL resolving, the whole middleware stack); a page's time divided by it, measured in the same run and
interleaved with the page, is the figure that holds on a noisy machine.
"""

from django.http import HttpResponse

BARE_PATH = "/__bare__/"
BARE_BODY = (
    b'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>Kaal</title></head>'
    b"<body><p>Een kale pagina om mee te vergelijken.</p></body></html>\n"
)


def bare(request):
    """A fixed HttpResponse: no database, no template, no session."""
    return HttpResponse(BARE_BODY)
