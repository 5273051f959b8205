"""Money in euros, shown and typed the Dutch way (inspraak.core.money, inspraak.core.forms.AmountField)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from inspraak.core.forms import AmountField, Form
from inspraak.core.money import TooManyDecimals, euro, parse_amount


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("35", "35"),
        ("35,50", "35.50"),
        ("35.50", "35.50"),
        ("€ 35,50", "35.50"),
        ("€\u00a035", "35"),
        ("2.100,00", "2100.00"),
        ("1.234.567,89", "1234567.89"),
        ("0,23", "0.23"),
        ("-5", "-5"),
    ],
)
def test_amounts_typed_the_dutch_way_or_with_a_point_are_read(typed, expected):
    assert parse_amount(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["vier", "1.250", "1,234.50", "12,3,4", "1.2,50", "", "€"])
def test_what_could_mean_two_things_or_is_no_number_is_refused(typed):
    with pytest.raises(ValueError):
        parse_amount(typed)


def test_too_many_decimals_is_its_own_refusal():
    with pytest.raises(TooManyDecimals):
        parse_amount("0,235")
    assert parse_amount("14,5", places=1) == Decimal("14.5")


def test_euro_shows_cents_and_groups_thousands_and_nothing_for_nothing():
    with translation.override("nl"):
        assert euro(Decimal("35")) == "€\u00a035,00"
        assert euro(Decimal("2100")) == "€\u00a02.100,00"
        assert euro("7.405") == "€\u00a07,41"
    with translation.override("en"):
        assert euro(Decimal("2100")) == "€\u00a02,100.00"
    assert euro(None) == "" and euro("") == "" and euro("abc") == ""


class _AmountForm(Form):
    amount = AmountField(label="Bedrag", max_value=Decimal("1000"))


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("-5", "Het bedrag kan niet kleiner zijn dan 0."),
        ("1.000,01", "Het bedrag kan niet groter zijn dan 1000."),
        ("4,605", "Gebruik hoogstens 2 cijfers achter de komma."),
        ("veel", "Schrijf het bedrag als een getal, bijvoorbeeld 12,50."),
    ],
)
def test_the_amount_field_refuses_with_a_clear_dutch_message_and_keeps_the_text(typed, error):
    form = _AmountForm({"amount": typed})
    assert not form.is_valid()
    assert form.errors["amount"] == [error]
    assert f'value="{typed}"' in str(form["amount"])


def test_the_amount_field_shows_a_decimal_comma_again():
    form = _AmountForm(initial={"amount": Decimal("35.5")})
    assert 'value="35,50"' in str(form["amount"]) and 'inputmode="decimal"' in str(form["amount"])
