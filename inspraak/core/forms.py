"""The form base every Inspraak form uses: NL Design System classes, accessible error wiring."""

from __future__ import annotations

from django import forms
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.translation import gettext_lazy as _

_WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
}


def _dutch_blank_choice(field) -> None:
    """Django 6.1's new blank-choice label ("- Select an option -") has no Dutch translation yet: use ours."""
    label = _("— Kies —")
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None and str(field.empty_label) in (str(BLANK_CHOICE_LABEL), "---------"):
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if choices and choices[0][0] == "" and str(choices[0][1]) in (str(BLANK_CHOICE_LABEL), "---------"):
            field.choices = [("", label), *choices[1:]]


def _invalid_class(css: str) -> str:
    """The component's own 'invalid' modifier: utrecht-textarea--invalid, utrecht-radio-button--invalid, ..."""
    component = next((c for c in css.split() if c.startswith("utrecht-") and "--" not in c), "utrecht-textbox")
    return f"{component}--invalid"


class InspraakFormMixin:
    """Adds component classes, and points ``aria-describedby`` at help text and error messages."""

    template_name = "includes/form.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _dutch_blank_choice(field)
            widget = field.widget
            css = next((c for t, c in _WIDGET_CLASSES.items() if type(widget) is t), None)
            if css is None:
                css = "utrecht-textbox utrecht-textbox--html-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            widget = self.fields[name].widget
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.insert(0, f"{bound.auto_id}_helptext")
            widget.attrs["aria-describedby"] = " ".join(ids)
            widget.attrs["aria-invalid"] = "true"
            css = widget.attrs.get("class", "")
            invalid = _invalid_class(css)
            if invalid not in css.split():
                widget.attrs["class"] = f"{css} {invalid}".strip()

    @property
    def error_count(self) -> int:
        return sum(len(errors) for errors in self.errors.values())


class Form(InspraakFormMixin, forms.Form):
    pass


class ModelForm(InspraakFormMixin, forms.ModelForm):
    pass
