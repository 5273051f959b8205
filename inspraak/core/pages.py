"""One form page for every app: a heading, an optional intro, the form, a submit button and a way back.

``templates/includes/form_page.html`` draws it; an app that needs more (a second button, what someone else just
saved) extends that template and fills its blocks (``before_form``, ``extra_buttons``, ``after_form``).
"""

from __future__ import annotations

from django.shortcuts import render


def form_page(
    request,
    form,
    *,
    title: str,
    submit: str,
    breadcrumbs: list[dict],
    intro: str = "",
    multipart: bool = False,
    back_url: str = "",
    back_label: str = "",
    template: str = "includes/form_page.html",
    status: int | None = None,
    **extra,
):
    """Render ``form`` on a page of its own. ``extra`` goes into the template context as it is (``body``, ``region``,
    ``delete_url`` ...); ``status`` defaults to 200."""
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "breadcrumbs": breadcrumbs,
        "intro": intro,
        "multipart": multipart,
        "back_url": back_url,
        "back_label": back_label,
        **extra,
    }
    return render(request, template, context, status=status)
