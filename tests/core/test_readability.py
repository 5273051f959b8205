from inspraak.core.readability import readability


def test_plain_dutch_is_easy_and_officialese_is_hard():
    easy = readability("De gemeente stuurt u een brief. U moet binnen twee weken reageren. Dat kan ook via de website.")
    assert easy.level == "makkelijk" and easy.tip == ""
    hard = readability(
        "Overeenkomstig de toepasselijke beleidsregels inzake de verstrekking van bijzondere bijstand wordt uw "
        "aanvraag afgewezen wegens onvoldoende onderbouwing."
    )
    assert hard.level == "moeilijk" and "zinnen korter" in hard.tip
    assert readability("   ") is None
