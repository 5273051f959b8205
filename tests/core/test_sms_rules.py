"""The pure SMS rules: which numbers are Dutch mobile numbers (normalised to E.164), and how long a text is."""

import pytest

from inspraak.core import sms


@pytest.mark.parametrize(
    "typed",
    [
        "0612345678",
        "06 1234 5678",
        "06-12345678",
        "06-1234 5678",
        "(06) 12345678",
        "+31612345678",
        "+31 6 12345678",
        "+31 (0)6 1234 5678",
        "0031612345678",
        "0031 6 12 34 56 78",
        " 06.12.34.56.78 ",
    ],
)
def test_every_common_way_of_writing_a_dutch_mobile_number_becomes_e164(typed):
    assert sms.mobile_e164(typed) == "+31612345678"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "020 123 4567",  # a landline
        "0299-123456",  # a landline
        "0661234567",  # 066: pagers
        "0691234567",  # not a mobile range
        "061234567",  # one digit short
        "06123456789",  # one digit too many
        "+32470123456",  # Belgian mobile
        "+4915112345678",  # German mobile
        "112",
        "06 1234 567a",
        "bel mij maar",
    ],
)
def test_landlines_foreign_numbers_and_nonsense_are_not_dutch_mobile_numbers(typed):
    assert sms.mobile_e164(typed) == ""


def test_the_other_mobile_ranges_are_accepted():
    assert [sms.mobile_e164(f"06{d}1234567") for d in "1234589"] == [
        "+31611234567",
        "+31621234567",
        "+31631234567",
        "+31641234567",
        "+31651234567",
        "+31681234567",
        "",  # 069: not mobile
    ]


def test_a_number_is_shown_the_way_people_read_it():
    assert sms.display_mobile("+31612345678") == "06 1234 5678"
    assert sms.display_mobile("") == ""


def test_one_message_holds_160_gsm7_characters_or_70_others():
    assert sms.segments("a" * 160) == 1
    assert sms.segments("a" * 161) == 2
    assert sms.segments("a" * 306) == 2
    assert sms.segments("a" * 307) == 3
    assert sms.segments("€" * 80) == 1  # an extension character counts twice
    assert sms.segments("€" * 81) == 2
    assert sms.segments("ş" * 70) == 1  # outside GSM-7: UCS-2
    assert sms.segments("ş" * 71) == 2


def test_dutch_letters_gsm7_lacks_are_replaced_and_the_text_is_one_line():
    text = sms.to_gsm7("Cliëntenpanel  Noordkust:\n “geïnteresseerd” – ja…")
    assert text == 'Cliëntenpanel Noordkust: "geinteresseerd" - ja...'.replace("ë", "e")
    assert sms.is_gsm7(text)
    assert sms.is_gsm7("Café Ä ö ü é è à ñ")  # these are in GSM-7 and stay


def test_the_longest_text_that_fits_in_one_message_is_chosen():
    long, medium, short = "x" * 200, "y" * 150, "z" * 20
    assert sms.first_fitting([long, medium, short]) == medium
    assert sms.first_fitting([long, "w" * 180]) == "w" * 180  # none fits: the last, shortest one
