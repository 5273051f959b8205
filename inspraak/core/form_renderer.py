"""The form renderer (settings.FORM_RENDERER): Django's TemplatesSetting, with Django's own widget templates
rendered by Python functions that give the same characters (issue 15).

Every widget drawn through a template costs an engine render, and a select one more per option plus one per option's
attributes: a filter form of three fields cost about 1 ms, a tenth of a page's budget. The functions below are
transcriptions of ``django/forms/templates/django/forms/widgets/*.html`` (Django 6.1): the same text, the same
escaping (``render_value_in_context``: localisation and ``conditional_escape``), the same ``stringformat:'s'``.
They are used only for a template name that resolves to Django's own file: a project template of the same name
(an override) is rendered by the engine as before. ``tests/core/test_form_renderer.py`` renders every widget kind
both ways and compares the characters.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import django.forms
from django.forms.renderers import TemplatesSetting
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData, mark_safe

_WIDGETS = "django/forms/widgets/"
_DJANGO_TEMPLATES = Path(django.forms.__file__).parent / "templates"
_CONTEXT = Context(autoescape=True)  # read only: use_tz and use_l10n None (the settings), autoescape on


def _out(value) -> str:
    """``{{ value }}``"""
    if callable(value) and not getattr(value, "do_not_call_in_templates", False):
        value = value()
    return render_value_in_context(value, _CONTEXT)


def _as_s(value) -> str:
    """``{{ value|stringformat:'s' }}``"""
    if callable(value) and not getattr(value, "do_not_call_in_templates", False):
        value = value()
    text = stringformat(value, "s")
    if isinstance(value, SafeData):
        text = mark_safe(text)  # noqa: S308 (as the filter's is_safe: safe stays safe, as in the template)
    return render_value_in_context(text, _CONTEXT)


def _attrs(widget: dict) -> str:
    parts = []
    for name, value in widget["attrs"].items():
        if value is not False:
            parts.append(" " + _out(name))
            if value is not True:
                parts.append('="' + _as_s(value) + '"')
    return "".join(parts)


def _lookup(widget: dict, *names):
    value = widget
    for name in names:
        try:
            value = value[name]
        except (KeyError, TypeError):
            return ""
    return value


class FormRenderer(TemplatesSetting):
    """TemplatesSetting with Django's widget templates in Python (see the module text)."""

    @cached_property
    def _python(self) -> dict:
        """The widget templates that are Django's own here (not overridden), with their Python version."""
        versions = {
            "attrs.html": self._attrs_html,
            "input.html": self._input_html,
            "select.html": self._select_html,
            "select_option.html": self._select_option_html,
            "textarea.html": self._textarea_html,
            "input_option.html": self._input_option_html,
            "multiple_input.html": self._multiple_input_html,
        }
        for name in ("text", "email", "number", "password", "search", "tel", "url", "date", "datetime", "time"):
            versions[f"{name}.html"] = self._including_input
        for name in ("color", "hidden", "checkbox", "file"):
            versions[f"{name}.html"] = self._including_input
        for name in ("radio_option", "checkbox_option"):
            versions[f"{name}.html"] = self._including_input_option
        for name in ("radio", "checkbox_select"):
            versions[f"{name}.html"] = self._including_multiple_input
        own = {}
        for name, function in versions.items():
            origin = Path(self.get_template(_WIDGETS + name).origin.name)
            if origin.is_relative_to(_DJANGO_TEMPLATES):
                own[_WIDGETS + name] = function
        return own

    def render(self, template_name, context, request=None):
        function = self._python.get(template_name)
        if function is None:
            return super().render(template_name, context, request)
        return mark_safe(function(context["widget"]).strip())  # noqa: S308 (every value escaped, as the template)

    def _include(self, template_name: str, widget: dict) -> str:
        """``{% include template_name with widget=widget %}``: Python where we have it, else the engine."""
        function = self._python.get(template_name)
        if function is not None:
            return function(widget)
        return self.get_template(template_name).render({"widget": widget})

    # ------------------------------------------------------------ the templates, character for character

    def _attrs_html(self, widget: dict) -> str:
        return _attrs(widget)

    def _input_html(self, widget: dict) -> str:
        value = f' value="{_as_s(widget["value"])}"' if widget.get("value") is not None else ""
        return f'<input type="{_out(widget["type"])}" name="{_out(widget["name"])}"{value}{_attrs(widget)}>\n'

    def _including_input(self, widget: dict) -> str:
        return self._input_html(widget) + "\n"

    def _select_option_html(self, widget: dict) -> str:
        return f'<option value="{_as_s(widget["value"])}"{_attrs(widget)}>{_out(widget["label"])}</option>\n'

    def _select_html(self, widget: dict) -> str:
        parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget)}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_out(group_name)}">')
            for option in group_choices:
                parts.append("\n  " + self._include(option["template_name"], option))
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>\n")
        return "".join(parts)

    def _textarea_html(self, widget: dict) -> str:
        value = _out(widget["value"]) if widget.get("value") else ""
        return f'<textarea name="{_out(widget["name"])}"{_attrs(widget)}>\n{value}</textarea>\n'

    def _input_option_html(self, widget: dict) -> str:
        wrap = widget.get("wrap_label")
        html = ""
        if wrap:
            element_id = _lookup(widget, "attrs", "id")
            html = f'<label for="{_out(element_id)}">' if element_id else "<label>"
        html += self._input_html(widget)
        if wrap:
            html += f" {_out(widget['label'])}</label>"
        return html + "\n"

    def _including_input_option(self, widget: dict) -> str:
        return self._input_option_html(widget) + "\n"

    def _multiple_input_html(self, widget: dict) -> str:
        element_id = _lookup(widget, "attrs", "id")
        css_class = _lookup(widget, "attrs", "class")
        parts = ["<div"]
        if element_id:
            parts.append(f' id="{_out(element_id)}"')
        if css_class:
            parts.append(f' class="{_out(css_class)}"')
        parts.append(">")
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(f"\n  <div><label>{_out(group)}</label>")
            for option in options:
                parts.append("<div>\n    " + self._include(option["template_name"], option) + "</div>")
            if group:
                parts.append("\n  </div>")
        parts.append("\n</div>\n")
        return "".join(parts)

    def _including_multiple_input(self, widget: dict) -> str:
        return self._multiple_input_html(widget) + "\n"
