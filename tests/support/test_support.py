"""The support scheme per group and year, "Wat krijgt u?" and the legal caps per region and year."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from inspraak.audit.models import AuditEvent
from inspraak.core.forms import STALE_MESSAGE
from inspraak.letters.models import Letter
from inspraak.support import selectors, services
from inspraak.support.models import SupportScheme, VolunteerCap
from inspraak.support.templatetags.support_tags import euro_text
from tests.factories import BodyFactory
from tests.paper_members import assert_plain_letter, paper_member, pending_letters
from tests.quality.queries import count_queries
from tests.support.data import SCHEME, support_data
from tests.world import TODAY

pytestmark = pytest.mark.django_db


def _url(world, name, **extra):
    return reverse(f"support:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _caps_url(world, name, **extra):
    return reverse(f"support:{name}", kwargs={"region": world.region.slug, **extra})


POST = {
    "allowance_mode": "per_bijeenkomst",
    "amount_per_meeting": "35,50",
    "amount_per_meeting_chair": "",
    "travel_public_transport": "on",
    "travel_km_rate": "0,23",
    "childcare": "on",
    "childcare_max": "€ 40",
    "other_costs": "on",
    "training_offered": "Cursus vergaderen",
    "version": "0",
}


def test_money_is_shown_the_dutch_way():
    assert euro_text(Decimal("35")) == "€\u00a035,00"
    assert euro_text(Decimal("2100")) == "€\u00a02.100,00"
    assert euro_text(None) == "" and euro_text("abc") == ""


def test_the_beheerder_sets_a_scheme_with_dutch_amounts(client, world):
    client.force_login(world.user("admin"))
    response = client.post(_url(world, "scheme_edit", year=2026), POST)
    assert response.status_code == 302
    scheme = SupportScheme.objects.get(body=world.body, year=2026)
    assert scheme.amount_per_meeting == Decimal("35.50") and scheme.childcare_max == Decimal("40")
    assert scheme.travel_km_rate == Decimal("0.23") and scheme.amount_per_meeting_chair is None
    assert AuditEvent.objects.filter(action="support_scheme.create").count() == 1
    page = client.get(_url(world, "scheme")).content.decode()
    assert "€\u00a035,50 per bijgewoonde bijeenkomst" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount_per_meeting": ""}, "amount_per_meeting", "Vul het bedrag per bijeenkomst in."),
        ({"amount_per_meeting": "-5"}, "amount_per_meeting", "Het bedrag kan niet minder dan 0 zijn."),
        ({"amount_per_meeting": "veel"}, "amount_per_meeting", "Vul een bedrag in, bijvoorbeeld 35,50."),
        ({"travel_km_rate": "0,235"}, "travel_km_rate", "Gebruik hoogstens 2 cijfers achter de komma"),
        ({"allowance_mode": "per_maand"}, "amount_per_month", "Vul het bedrag per maand in."),
        ({"allowance_mode": ""}, "allowance_mode", "Kies hoe leden een vergoeding krijgen."),
    ],
)
def test_a_scheme_that_does_not_fit_is_refused_next_to_the_field(client, world, changes, field, message):
    client.force_login(world.user("admin"))
    response = client.post(_url(world, "scheme_edit", year=2026), {**POST, **changes})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Cursus vergaderen" in response.content.decode()  # what was typed stays
    assert not SupportScheme.objects.filter(body=world.body, year=2026).exists()


def test_a_scheme_saved_by_someone_else_meanwhile_is_not_overwritten(client, world):
    scheme = support_data(world).scheme
    values = {**SCHEME, "amount_per_meeting": Decimal("36")}
    services.scheme_save(body=world.body, year=2026, by=world.user("admin"), version=scheme.version, **values)
    client.force_login(world.user("admin"))
    response = client.post(_url(world, "scheme_edit", year=2026), {**POST, "version": str(scheme.version)})
    assert response.status_code == 200 and str(STALE_MESSAGE) in response.content.decode()
    assert SupportScheme.objects.get(pk=scheme.pk).amount_per_meeting == Decimal("36")


def test_amounts_that_do_not_count_in_the_chosen_way_are_not_stored(world):
    scheme = services.scheme_save(
        body=world.body,
        year=2026,
        by=world.user("admin"),
        allowance_mode="geen",
        amount_per_meeting=Decimal("35"),
        childcare=False,
        childcare_max=Decimal("40"),
    )
    assert scheme.amount_per_meeting is None and scheme.childcare_max is None


def test_copying_last_years_scheme_makes_next_year_in_one_step(client, world):
    data = support_data(world)
    client.force_login(world.user("admin"))
    response = client.post(_url(world, "scheme_copy", year=2027))
    assert response.status_code == 302 and response["Location"] == _url(world, "scheme_edit", year=2027)
    copy = SupportScheme.objects.get(body=world.body, year=2027)
    assert copy.amount_per_meeting == data.scheme.amount_per_meeting
    assert copy.training_offered == data.scheme.training_offered
    # a second copy is refused with a clear message
    response = client.post(_url(world, "scheme_copy", year=2027), follow=True)
    assert "Voor 2027 is er al een regeling" in response.content.decode()


def test_copying_without_an_earlier_year_is_refused(world):
    with pytest.raises(services.SupportError) as error:
        services.scheme_copy(body=world.body, year=2026, by=world.user("admin"))
    assert error.value.code == "nothing_to_copy"


def test_scheme_for_and_caps_for_find_one_year(world):
    data = support_data(world)
    assert selectors.scheme_for(body=world.body, year=2026) == data.scheme
    assert selectors.scheme_for(body=world.body, year=2030) is None
    assert selectors.caps_for(region=world.region, year=2025) == data.cap
    assert selectors.caps_for(region=world.region, year=2026) is None


def test_missing_caps_are_this_year_and_from_october_next_year(world):
    support_data(world)
    assert selectors.caps_missing(region=world.region, today=datetime.date(2025, 6, 1)) == []
    assert selectors.caps_missing(region=world.region, today=datetime.date(2025, 10, 1)) == [2026]
    assert selectors.caps_missing(region=world.region, today=TODAY) == [2026, 2027]


def test_the_scheme_page_warns_while_this_years_caps_are_missing(client, world):
    support_data(world)
    client.force_login(world.user("secretary"))
    page = client.get(_url(world, "scheme")).content.decode()
    assert "nog niet ingevuld" in page and "De beheerder vult dit in." in page
    VolunteerCap.objects.create(region=world.region, year=2026, month_max=210, year_max=2100)
    VolunteerCap.objects.create(region=world.region, year=2027, month_max=220, year_max=2200)
    page = client.get(_url(world, "scheme")).content.decode()
    assert "nog niet ingevuld" not in page and "€\u00a0210,00 per maand" in page


def test_the_member_reads_what_they_get_in_plain_dutch(client, world):
    support_data(world)
    VolunteerCap.objects.create(region=world.region, year=2026, month_max=210, year_max=2100)
    client.force_login(world.user("member"))
    page = client.get(_url(world, "member_page")).content.decode()
    assert "U krijgt €\u00a035,00 voor elke bijeenkomst waar u bij was." in page
    assert "Bent u de voorzitter? Dan krijgt u €\u00a045,00." in page
    assert "€\u00a00,23 per kilometer" in page and "Hoogstens €\u00a040,00 per keer" in page
    assert "Bent u jonger dan 27 jaar?" in page and "telt een vrijwilligersvergoeding wél als inkomen" in page
    assert "Cursus beleidsstukken lezen".lower() in page.lower()
    assert "Brieven maken" not in page  # only for the secretary


def test_the_member_page_says_when_nothing_is_set(client, world):
    client.force_login(world.user("member"))
    page = client.get(_url(world, "member_page")).content.decode()
    assert "Voor 2026 is nog niets vastgelegd" in page


def test_the_secretary_sends_the_page_as_a_letter_to_members_without_email(client, world):
    support_data(world)
    kees = paper_member(world)
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "scheme_letters"), follow=True)
    assert "1 lid krijgt een brief" in response.content.decode()
    letters = pending_letters(kees, Letter.Kind.OTHER)
    assert len(letters) == 1
    assert_plain_letter(letters[0])
    assert "€ 35,00" in letters[0].text.replace("\u00a0", " ") and "jonger dan 27" in letters[0].text
    # members with email get no letter; sending again replaces the unprinted letter
    assert not Letter.objects.filter(user=world.user("member")).exists()
    client.post(_url(world, "scheme_letters"))
    assert len(pending_letters(kees, Letter.Kind.OTHER)) == 1


def test_no_letter_without_a_scheme_for_this_year(world):
    paper_member(world)
    with pytest.raises(services.SupportError) as error:
        services.scheme_letters_send(body=world.body, by=world.user("secretary"), today=TODAY)
    assert error.value.code == "no_scheme"


def test_the_beheerder_enters_a_years_caps_with_dutch_amounts(client, world):
    client.force_login(world.user("admin"))
    response = client.post(
        _caps_url(world, "cap_new"), {"year": "2026", "month_max": "210,00", "year_max": "2.100,00", "source": "Stcrt"}
    )
    assert response.status_code == 302
    cap = VolunteerCap.objects.get(region=world.region, year=2026)
    assert cap.month_max == Decimal("210") and cap.year_max == Decimal("2100")
    page = client.get(_caps_url(world, "caps")).content.decode()
    assert "€\u00a02.100,00" in page


def test_a_year_entered_twice_or_a_month_above_the_year_is_refused_next_to_the_field(client, world):
    support_data(world)
    client.force_login(world.user("admin"))
    response = client.post(_caps_url(world, "cap_new"), {"year": "2025", "month_max": "210", "year_max": "2100"})
    assert "Voor 2025 zijn de maxima er al" in " ".join(response.context["form"].errors["year"])
    response = client.post(_caps_url(world, "cap_new"), {"year": "2026", "month_max": "3000", "year_max": "2100"})
    assert "niet hoger zijn dan het maximum per jaar" in " ".join(response.context["form"].errors["month_max"])
    assert not VolunteerCap.objects.filter(region=world.region, year=2026).exists()


def test_caps_are_per_region(client, world):
    support_data(world)
    assert selectors.caps_for(region=world.other_region, year=2025) is None
    client.force_login(world.user("other_region_admin"))
    assert client.get(_caps_url(world, "cap_edit", year=2025)).status_code == 404


def test_a_cap_edit_based_on_an_old_version_is_refused(client, world):
    cap = support_data(world).cap
    services.cap_update(cap=cap, month_max=Decimal("211"), year_max=Decimal("2100"), by=world.user("admin"))
    client.force_login(world.user("admin"))
    response = client.post(
        _caps_url(world, "cap_edit", year=2025), {"month_max": "215", "year_max": "2100", "version": "1"}
    )
    assert response.status_code == 200 and str(STALE_MESSAGE) in response.content.decode()
    assert VolunteerCap.objects.get(pk=cap.pk).month_max == Decimal("211")


def test_the_scheme_pages_run_a_fixed_number_of_queries(client, world):
    support_data(world)
    client.force_login(world.user("admin"))
    other = BodyFactory(region=world.region)

    def grow():
        for year in range(2018, 2025):
            SupportScheme.objects.create(body=world.body, year=year, **SCHEME)
            SupportScheme.objects.create(body=other, year=year, **SCHEME)
        for year in range(2018, 2025):
            VolunteerCap.objects.create(region=world.region, year=year, month_max=200, year_max=2000)
        for n in range(3):
            paper_member(world, name=f"Papier {n}")

    urls = [_url(world, "scheme"), _url(world, "member_page"), _caps_url(world, "caps")]
    before = [count_queries(client, url) for url in urls]
    grow()
    after = [count_queries(client, url) for url in urls]
    assert before == after, (before, after)
    assert before[0] <= 12, before
