"""The form base every Inspraak form uses: NL Design System classes, accessible error wiring, and the checks every
field of a kind gets: dates within a sensible range, no text-direction tricks in one-line texts."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inspraak.core.money import TooManyDecimals, parse_amount
from inspraak.core.versioning import StaleEdit

# A refused save because someone else saved first (inspraak.core.versioning.StaleEdit). B1 Dutch, says what to do.
# The message of a text field over its max_length (Django's own is not plain Dutch).
TOO_LONG = _("Maak het korter: hoogstens %(limit_value)d tekens.")

STALE_MESSAGE = _(
    "Iemand anders heeft dit net opgeslagen. Uw wijzigingen zijn nog niet opgeslagen: ze staan hieronder nog. "
    "Kijk wat er nu staat en sla opnieuw op."
)

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


EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_YEARS_AHEAD = 10
# Unicode controls that change the direction of text (embeddings, overrides, isolates): "Jan\u202enesnaJ" shows as
# another name in a list. NUL is refused by Django's CharField already.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def required_when(field: forms.Field, when) -> forms.Field:
    """A field the form's ``clean`` requires in one case only: its label says "(verplicht <when>)" instead of
    "(niet verplicht)". ``when`` is a lazy text such as _("als u doorsturen kiest")."""
    field.required_when = when
    return field


def no_optional_marker(field: forms.Field) -> forms.Field:
    """A field that is optional by its nature (a search filter): no "(niet verplicht)" marker."""
    field.no_optional_marker = True
    return field


def latest_date(today: datetime.date) -> datetime.date:
    try:
        return today.replace(year=today.year + LATEST_YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + LATEST_YEARS_AHEAD, day=28)


def _day(value: datetime.date) -> str:
    return f"{value.day}-{value.month}-{value.year}"


def sensible_date(value) -> None:
    """A date (or date and time) between 1 January 2000 and ten years from today: 9999-12-31 or 0001-01-01 is a
    typing error, and would break sorting, reminders and the calendar."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    latest = latest_date(timezone.localdate())
    if not EARLIEST_DATE <= day <= latest:
        raise ValidationError(
            _("Kies een datum tussen %(earliest)s en %(latest)s."),
            code="date_range",
            params={"earliest": _day(EARLIEST_DATE), "latest": _day(latest)},
        )


def no_bidi_controls(value: str) -> None:
    if any(char in BIDI_CONTROLS for char in value):
        raise ValidationError(
            _("Deze tekens mogen niet: onzichtbare tekens die de richting van tekst veranderen. Typ de tekst opnieuw."),
            code="bidi",
        )


def _central_validator(field: forms.Field):
    """The check every field of this kind gets, or None."""
    if isinstance(field, (forms.DateField, forms.DateTimeField)):
        return sensible_date
    if isinstance(field, forms.CharField) and not isinstance(field.widget, (forms.Textarea, forms.PasswordInput)):
        return no_bidi_controls  # one-line texts: names and titles
    return None


_FIELD_TEMPLATE_DEFAULTS = (("stored_value", None), ("required_when", None), ("no_optional_marker", False))


class InspraakFormMixin:
    """Adds component classes, and points ``aria-describedby`` at help text and error messages."""

    template_name = "includes/form.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _dutch_blank_choice(field)
            # What includes/field.html asks of every field, also where it is not set: a lookup that fails costs
            # the template engine an exception and a dir() of the field, several times per field.
            for name, default in _FIELD_TEMPLATE_DEFAULTS:
                vars(field).setdefault(name, default)
            widget = field.widget
            css = next((c for t, c in _WIDGET_CLASSES.items() if type(widget) is t), None)
            if css is None:
                css = "utrecht-textbox utrecht-textbox--html-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        for field in self.fields.values():  # here, so fields a form adds or changes in __init__ get it too
            validator = _central_validator(field)
            if validator is not None and validator not in field.validators:
                field.validators.append(validator)
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


def _stored_display(field: forms.Field, value: Any) -> str:
    """How a stored value reads next to its field: the label of a choice, a date in words, "(leeg)" for nothing."""
    if isinstance(field, forms.BooleanField):
        return str(_("aangevinkt") if value else _("niet aangevinkt"))
    prepared = field.prepare_value(value)
    if isinstance(field, forms.ChoiceField):
        wanted = {str(v) for v in (prepared if isinstance(prepared, list | tuple) else [prepared])}
        flat = []
        for key, label in field.choices:
            flat.extend(label if isinstance(label, list | tuple) else [(key, label)])
        shown = ", ".join(str(label) for key, label in flat if str(key) in wanted and str(key) != "")
    elif isinstance(prepared, datetime.date):
        shown = date_format(prepared, "j F Y")
    elif isinstance(prepared, datetime.time):
        shown = prepared.strftime("%H:%M")
    else:
        shown = "" if prepared is None else str(prepared)
    return shown or str(_("(leeg)"))


def stale_form(form_class, data, *, version: int, message: str, files=None, **kwargs):
    """A save refused as stale on a form without ``VersionedFormMixin`` (proposals and advice drafts, ADR 9): the
    same form with what the person typed, now based on ``version`` (stored now), with ``message`` on top."""
    data = data.copy()
    data["version"] = str(version)
    form = form_class(data, files, **kwargs)
    form.is_valid()
    form.add_error(None, message)
    return form


class VersionedFormMixin:
    """The edit form of an object several people change (optimistic locking, see inspraak.core.versioning).

    Adds the hidden ``version``: the version of the object the form was built from, from ``version=`` or the
    ModelForm's instance. The view passes ``posted_version`` to the service and, on StaleEdit, calls
    ``mark_stale``: the typed data stays, the next save is based on the version stored now, and each field whose
    stored value differs from what was typed shows that value ("Nu opgeslagen: ...")."""

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is None:
            version = getattr(getattr(self, "instance", None), "version", None)
        self.fields["version"] = forms.CharField(required=False, widget=forms.HiddenInput, initial=version)
        self._posted_version: int | None = None

    def full_clean(self):
        super().full_clean()
        # Not one of the object's fields: keep it out of cleaned_data (views pass that on to the service).
        posted = str(getattr(self, "cleaned_data", {}).pop("version", ""))
        if self.add_prefix("version") not in self.data:
            self._posted_version = None
        elif posted.isascii() and posted.isdigit() and len(posted) < 10:
            self._posted_version = int(posted)
        else:
            self._posted_version = 0

    @property
    def posted_version(self) -> int | None:
        """The version the typed data is based on: None (no check) when the post has no version at all, as from a
        script; 0 (always refused) when it is empty or not a number."""
        return self._posted_version

    def mark_stale(self, stale: StaleEdit, current: dict[str, Any] | None = None) -> None:
        """Refuse the save kindly. ``current``: the form's initial values for the object as stored now; by default
        the fields of ``stale.current`` with the same names (right for a ModelForm)."""
        data = self.data.copy()
        data[self.add_prefix("version")] = "" if stale.version is None else str(stale.version)
        self.data = data
        self.add_error(None, STALE_MESSAGE)
        if current is None:
            current = stale.current
        if current is None:
            return
        if isinstance(current, Model):
            current = model_to_dict(current, fields=list(self.fields))
        for bound in self.visible_fields():
            if bound.name not in current:
                continue
            field, stored = bound.field, current[bound.name]
            try:
                changed = field.has_changed(stored, bound.data)
            except ValidationError:
                changed = True
            if not changed:
                continue
            field.stored_value = _stored_display(field, stored)
            described = field.widget.attrs.get("aria-describedby", "")
            field.widget.attrs["aria-describedby"] = f"{described} {bound.auto_id}_stored".strip()


AMOUNT_INVALID = _("Schrijf het bedrag als een getal, bijvoorbeeld 12,50.")


class AmountField(forms.Field):
    """An amount (euros, or another decimal such as kilometres) typed the Dutch way: "35,50", "€ 35", "2.100,00",
    or with a point, "35.50" (``inspraak.core.money.parse_amount``). Opens the number pad on a phone; shown again
    with a decimal comma. ``min_value``/``max_value`` refuse with a clear message."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": AMOUNT_INVALID,
        "decimals": _("Gebruik hoogstens %(places)s cijfers achter de komma."),
        "min_value": _("Het bedrag kan niet kleiner zijn dan %(limit_value)s."),
        "max_value": _("Het bedrag kan niet groter zijn dan %(limit_value)s."),
    }

    def __init__(self, *, places: int = 2, min_value=0, max_value=None, invalid=None, **kwargs):
        self.places = places
        self.min_value = None if min_value is None else Decimal(str(min_value))
        self.max_value = None if max_value is None else Decimal(str(max_value))
        super().__init__(**kwargs)
        if invalid is not None:
            self.error_messages["invalid"] = invalid
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": "20"})

    def to_python(self, value):
        value = "" if value is None else str(value).strip()
        if value in self.empty_values:
            return None
        if len(value) > 20:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return parse_amount(value, places=self.places)
        except TooManyDecimals as exc:
            raise ValidationError(
                self.error_messages["decimals"], code="decimals", params={"places": self.places}
            ) from exc
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        for limit, code, too_far in (
            (self.min_value, "min_value", lambda v, lim: v < lim),
            (self.max_value, "max_value", lambda v, lim: v > lim),
        ):
            if limit is not None and too_far(value, limit):
                shown = f"{limit:.{self.places}f}".replace(".", ",").removesuffix(",00")
                raise ValidationError(self.error_messages[code], code=code, params={"limit_value": shown})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.{self.places}f}".replace(".", ",")
        return value
