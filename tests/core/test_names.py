"""The pure check whether a text names a person (inspraak.core.names): the variants people write, hidden characters,
and no false alarms on ordinary words."""

import pytest

from inspraak.core import names

KEES = "Kees Jansen"
JAN = "Jan de Vries"
ELIELLE = "Eliëlle van der Berg"
ANNA = "Anna Maria 't Hart"
BAKKER = "Jan Bakker"
PEOPLE = [KEES, JAN, ELIELLE, ANNA, BAKKER]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kees Jansen vertelde over zijn schulden.", KEES),
        ("KEES JANSEN", KEES),
        ("kees  jansen", KEES),
        ("Kees\nJansen", KEES),
        ("Jansen, Kees vertelde", KEES),
        ("Jansen Kees", KEES),
        ("K. Jansen", KEES),
        ("K.J. Jansen", KEES),
        ("K Jansen", KEES),
        ("Jansen, K.", KEES),
        ("Kees J. vertelde", KEES),
        ("meneer Jansen", KEES),
        ("Meneer jansen", KEES),
        ("mevrouw Jansen", KEES),
        ("mw. Jansen", KEES),
        ("Mw Jansen", KEES),
        ("dhr. Jansen", KEES),
        ("dhr. K. Jansen", KEES),
        ("de heer Jansen", KEES),
        ("fam. Jansen", KEES),
        ("Kees\u200b Jansen", KEES),  # zero-width space
        ("Kees \u200cJansen", KEES),  # zero-width non-joiner
        ("Ke\u200des Jansen", KEES),  # zero-width joiner inside a word
        ("Kees Jan\u2060sen", KEES),  # word joiner
        ("\ufeffKees Jansen", KEES),  # byte-order mark
        ("Kees Jan\u00adsen", KEES),  # soft hyphen
        ("Jan de Vries", JAN),
        ("De Vries, Jan", JAN),
        ("Vries, Jan de", JAN),
        ("J. de Vries", JAN),
        ("Jan de V. kwam", JAN),
        ("mevrouw De Vries", JAN),
        ("mevrouw Vries", JAN),
        ("Eliëlle van der Berg", ELIELLE),
        ("Elielle van der Berg", ELIELLE),  # without the diaeresis
        ("ELIËLLE VAN DER BERG", ELIELLE),
        ("Eliëlle v.d. Berg", ELIELLE),
        ("mw. v.d. Berg", ELIELLE),
        ("Anna 't Hart", ANNA),
        ("Anna ’t Hart", ANNA),  # typographic apostrophe
        ("A.M. 't Hart", ANNA),
        ("Jan Bakker", BAKKER),
        ("meneer Bakker", BAKKER),
    ],
)
def test_a_name_is_found_in_the_ways_people_write_it(text, name):
    assert [mention.name for mention in names.mentions(text, PEOPLE)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "De bakker bakt brood.",  # a surname that is a common word, alone
        "Jan vond de bakker aardig.",  # first name and surname, but not together
        "Jansen kwam niet.",  # a surname alone
        "Kees kwam niet.",  # a first name alone
        "De Vries-straat is dicht.",
        "Kees Jansenhuis",  # part of a longer word
        "Keesje Jansen",
        "ook jansen",  # an initial must be a word of its own
        "De cliënt vertelde iets.",
        "",
    ],
)
def test_ordinary_text_is_not_a_mention(text):
    assert names.mentions(text, PEOPLE) == []


def test_the_fragment_is_what_the_writer_wrote_without_hidden_characters():
    text = "Gisteren vertelde meneer Jan\u00adsen over zijn schulden; ook K.\u200b Jansen was er."
    mentions = names.mentions(text, PEOPLE)
    assert [(m.name, m.fragment) for m in mentions] == [(KEES, "meneer Jansen")]
    assert names.fragments([text, "Jan de V. ook"], PEOPLE) == ["meneer Jansen", "Jan de V."]


def test_mentions_come_in_text_order_once_per_name():
    text = "Jan de Vries en Kees Jansen, en later weer Kees Jansen."
    assert [m.name for m in names.mentions(text, [KEES, JAN])] == [JAN, KEES]


def test_a_one_word_name_matches_as_a_whole_word():
    assert names.mentions_any("Fatima kwam ook.", ["Fatima"])
    assert not names.mentions_any("Fatimah kwam ook.", ["Fatima"])


def test_empty_names_are_ignored():
    assert names.mentions("Iets", ["", "  "]) == []


def test_normalise_drops_case_diacritics_and_invisible_characters():
    assert names.normalise("ÉlIËlle\u200b\u00ad") == "elielle"


def test_split_name_finds_particles():
    assert names.split_name("Anna Maria van der Berg") == names.NameParts(("anna", "maria"), ("van", "der"), ("berg",))
    assert names.split_name("Kees Jansen") == names.NameParts(("kees",), (), ("jansen",))
    assert names.split_name("Jan de") == names.NameParts(("jan",), (), ("de",))
    assert names.split_name("Kees") is None


def test_the_message_quotes_the_fragments_after_the_lead():
    message = names.named_message(["K. Jansen"], "Dit kan niet.")
    assert message.startswith("Dit kan niet. ")
    assert "“K. Jansen”" in message
    assert names.named_message([], "Dit kan niet.") == "Dit kan niet."
