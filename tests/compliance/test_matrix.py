"""The art. 47 matrix from the data: statuses per column, evidence links, settings, the pages and the CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from inspraak.audit.models import AuditEvent
from inspraak.compliance import selectors
from inspraak.compliance.models import MatrixSettings
from inspraak.compliance.rules import FAILS, MEETS, NO_DATA, PARTLY
from inspraak.meetings.models import MeetingStatus
from inspraak.members.models import Category
from inspraak.policy.models import Concern
from tests.compliance.data import (
    bylaw,
    compliance_data,
    days,
    decided_proposal,
    document,
    meeting,
    topic,
)
from tests.factories import BodyFactory, MunicipalityFactory
from tests.register.data import register_data, sent_advice

pytestmark = pytest.mark.django_db


def _matrix(world, year=None):
    data = compliance_data(world)
    return selectors.region_matrix(world.region, year=year or data.year, today=data.today)


def _row(matrix, municipality):
    return next(r for r in matrix.rows if r.municipality is not None and r.municipality.pk == municipality.pk)


def _gr(matrix):
    return next(r for r in matrix.rows if r.municipality is None)


def _url(world, name, **kwargs):
    return reverse(f"compliance:{name}", kwargs={"region": world.region.slug, **kwargs})


# ---------------------------------------------------------------- the rows and the verordening


def test_the_matrix_has_the_gr_row_first_then_every_municipality(world):
    matrix = _matrix(world)
    assert [r.label for r in matrix.rows] == ["Hele regio (GR)", "Duinstad", "Zeedorp"]
    assert all(set(r.cells) == {"verordening", "a", "b", "c", "d", "e"} for r in matrix.rows)


def test_the_gr_needs_no_verordening_of_its_own(world):
    cell = _gr(_matrix(world)).cells["verordening"]
    assert cell.status == NO_DATA
    assert any("elke gemeenteraad" in note for note in cell.notes)


def test_a_municipality_without_verordening_fails_every_element_with_the_practice_numbers_beside(world):
    row = _row(_matrix(world), world.municipality_2)  # Duinstad: no verordening, but a proposal asked on time
    assert row.cells["verordening"].status == FAILS
    cell = row.cells["a"]
    assert cell.status == FAILS
    assert cell.notes[0] == "niet geregeld in de verordening"
    assert cell.numbers["op_tijd"] == 1 and cell.numbers["niet_gevraagd"] == 0
    assert all(row.cells[letter].status == FAILS for letter in "abcde")


def test_a_council_verordening_that_regulates_everything_meets(world):
    bylaw(world, world.municipality_2)
    row = _row(_matrix(world), world.municipality_2)
    assert row.cells["verordening"].status == MEETS
    assert row.cells["a"].status == MEETS
    assert row.cells["b"].status == NO_DATA  # no group of the region has a support scheme in Inspraak
    assert row.cells["a"].notes == []


def test_an_element_the_verordening_leaves_out_fails_while_the_others_show_the_practice(world):
    bylaw(world, world.municipality_2, regulates="cde", legal_basis="wwb")
    row = _row(_matrix(world), world.municipality_2)
    assert row.cells["a"].status == FAILS and "niet geregeld in de verordening" in row.cells["a"].notes
    assert row.cells["b"].status == FAILS
    assert row.cells["c"].status != FAILS or "niet geregeld in de verordening" not in row.cells["c"].notes
    assert any("Verouderd" in note for note in row.cells["verordening"].notes)
    assert "verouderd" in row.cells["verordening"].short


def test_the_verordening_cell_links_to_the_public_page_of_the_text_in_force(world):
    text = bylaw(world, world.municipality_2, legal_basis="wwb")
    cell = _row(_matrix(world), world.municipality_2).cells["verordening"]
    url = reverse("bylaws:public_detail", kwargs={"region": world.region.slug, "pk": text.pk})
    assert [(link.label, link.url) for link in cell.evidence] == [(text.title, url)]
    assert cell.summary.endswith("Let op: de verordening is verouderd.")


def test_without_a_verordening_the_cell_links_to_the_municipality_page(world):
    cell = _row(_matrix(world), world.municipality_2).cells["verordening"]
    assert cell.summary == "Er is geen verordening die geldt."
    assert cell.evidence[0].url == reverse(
        "regions:municipality", kwargs={"region": world.region.slug, "municipality": world.municipality_2.slug}
    )


# ---------------------------------------------------------------- a: advice


def test_a_proposal_decided_without_advice_makes_its_municipality_fail_a_with_a_link_to_it(world):
    register = register_data(world)  # a Zeedorp proposal decided without asking the Zeedorp adviesraad
    bylaw(world, world.municipality)
    cell = _row(_matrix(world), world.municipality).cells["a"]
    assert cell.status == FAILS
    assert cell.numbers["niet_gevraagd"] == 1
    url = reverse("register:proposal", kwargs={"region": world.region.slug, "pk": register.decided.pk})
    assert url in [link.url for link in cell.evidence]
    assert "niet geregeld in de verordening" not in cell.notes  # the practice, not the text, fails


def test_advice_asked_too_late_is_partly(world):
    bylaw(world, world.municipality)
    decided_proposal(
        world,
        municipality=world.municipality,
        decided_on=days(-10),
        title="Te laat gevraagd",
        concerns=[world.body],
        asked={world.body: days(-20)},
    )
    cell = _row(_matrix(world), world.municipality).cells["a"]
    assert cell.status == PARTLY
    assert cell.numbers == {"besloten": 1, "op_tijd": 0, "te_laat": 1, "niet_gevraagd": 0, "reactie_te_laat": 0}
    assert [link.label for link in cell.evidence] == ["Te laat gevraagd"]


def test_the_gr_row_counts_proposals_of_the_whole_region(world):
    compliance_data(world)
    decided_proposal(world, municipality=None, decided_on=days(-15), concerns=[world.body])
    cell = _gr(_matrix(world)).cells["a"]
    assert cell.status == FAILS and cell.numbers["niet_gevraagd"] == 1


def test_a_year_without_decisions_has_no_data_for_a(world):
    compliance_data(world)
    gr = _gr(_matrix(world, year=2025))
    assert gr.cells["a"].status == NO_DATA


# ---------------------------------------------------------------- c: meetings


def test_this_year_planned_meetings_count_on_schedule_and_last_year_only_held_ones(world):
    data = compliance_data(world)
    world.body.min_meetings_per_year = 3  # 2 held + 1 planned (upcoming)
    world.body.save()
    gr = _gr(_matrix(world))
    assert gr.cells["c"].status == MEETS
    assert gr.cells["c"].numbers["gehouden"] == 2 and gr.cells["c"].numbers["gepland"] == 1
    last_year = _gr(selectors.region_matrix(world.region, year=data.year - 1, today=data.today))
    assert last_year.cells["c"].status == FAILS


def test_a_municipality_whose_own_body_does_not_meet_is_partly_for_c(world):
    compliance_data(world)
    bylaw(world, world.municipality)
    world.body.min_meetings_per_year = 2
    world.body.save()
    cell = _row(_matrix(world), world.municipality).cells["c"]
    assert cell.numbers["groepen"] == 2  # the regional panel and the Zeedorp adviesraad
    assert cell.status == PARTLY
    assert [link.label for link in cell.evidence] == [world.municipal_body.name]


def test_a_verordening_asking_more_meetings_raises_the_minimum(world):
    compliance_data(world)
    world.body.min_meetings_per_year = 2
    world.body.save()
    bylaw(world, world.municipality_2, min_meetings_per_year=6)
    row = _row(_matrix(world), world.municipality_2)
    assert row.cells["c"].status == FAILS


def test_only_bodies_that_cover_the_participatiewet_serve(world):
    compliance_data(world)
    BodyFactory(region=world.region, name="Wmo-raad", slug="wmo-raad", covers_participatiewet=False, covers_wmo=True)
    assert _gr(_matrix(world)).cells["c"].numbers["groepen"] == 1


# ---------------------------------------------------------------- d: topics, and the settings


def _topics(world, *, in_time, late, young=0):
    member = world.user("member")
    for n in range(in_time):
        topic(world.body, member, submitted_on=days(-100), answered_on=days(-90), title=f"Op tijd {n}")
    for n in range(late):
        topic(world.body, member, submitted_on=days(-100), answered_on=days(-35), title=f"Te laat {n}")
    for n in range(young):
        topic(world.body, member, submitted_on=days(-10), title=f"Nog open {n}")


def test_topics_answered_in_time_meet_and_young_open_topics_are_not_counted(world):
    compliance_data(world)  # one topic answered in time
    _topics(world, in_time=9, late=0, young=3)
    cell = _gr(_matrix(world)).cells["d"]
    assert cell.status == MEETS
    assert cell.numbers["geteld"] == 10 and cell.numbers["nog_niet_geteld"] == 3


def test_settings_change_the_thresholds(world, client):
    compliance_data(world)
    _topics(world, in_time=2, late=2)  # 3 of 5 in time within 8 weeks: 60 %
    assert _gr(_matrix(world)).cells["d"].status == PARTLY
    MatrixSettings.objects.create(region=world.region, topic_answer_weeks=12)  # 65 days is within 12 weeks
    assert _gr(_matrix(world)).cells["d"].status == MEETS
    MatrixSettings.objects.filter(region=world.region).update(topic_answer_weeks=8, partial_share=70, full_share=95)
    matrix = _matrix(world)
    assert matrix.settings.partial_share == 70
    assert _gr(matrix).cells["d"].status == FAILS


# ---------------------------------------------------------------- e: documents


def test_documents_on_time_share_gives_e(world):
    compliance_data(world)  # one on time, one late: 50 %
    assert _gr(_matrix(world)).cells["e"].status == PARTLY
    held = meeting(world.body, on=days(-20), title="Extra")
    for n in range(8):
        document(held, available_on=days(-30), title=f"Op tijd {n}")
    cell = _gr(_matrix(world)).cells["e"]
    assert cell.numbers == {"geteld": 10, "op_tijd": 9, "te_laat": 1}
    assert cell.status == MEETS


def test_documents_of_cancelled_meetings_and_for_supporters_only_do_not_count(world):
    data = compliance_data(world)
    document(data.cancelled, available_on=days(-79), title="Van een geannuleerde")
    document(data.held[0], available_on=days(-119), title="Alleen voor medewerkers", for_members=False)
    assert _gr(_matrix(world)).cells["e"].numbers["geteld"] == 2


def test_every_status_is_reachable_in_one_matrix(world):
    compliance_data(world)
    bylaw(world, world.municipality)
    statuses = {cell.status for row in _matrix(world).rows for cell in row.cells.values()}
    assert statuses == {MEETS, PARTLY, FAILS, NO_DATA}


# ---------------------------------------------------------------- is the client heard?


def _client_members(world, body, n, *, category=Category.CLIENT):
    from tests.factories import MembershipFactory, UserFactory

    members = []
    for i in range(n):
        user = UserFactory(name=f"Lid {i}")
        MembershipFactory(body=body, user=user, category=category, municipality=world.municipality)
        members.append(user)
    return members


def test_a_small_group_of_clients_is_not_split(world):
    heard = selectors.body_heard(world.municipal_body, year=2026)
    assert heard.client_members < 5
    assert heard.contributors is None and heard.contributors_small
    assert heard.topics.clients is None


def test_enough_client_members_show_how_many_contributed(world):
    data = compliance_data(world)
    clients = _client_members(world, world.municipal_body, 6)
    for i, user in enumerate(clients[:5]):
        topic(world.municipal_body, user, submitted_on=days(-50), answered_on=days(-40), title=f"Van cliënt {i}")
    heard = selectors.body_heard(world.municipal_body, year=data.year)
    assert heard.client_members == 6
    assert heard.contributors == 5
    assert heard.topics.clients == 5 and heard.topics.others == 0 and not heard.topics.small
    assert heard.median_days_to_answer == 10


def test_a_vote_a_comment_and_a_reply_count_as_taking_part(world):
    from inspraak.advice.models import AdviceComment
    from inspraak.agenda.models import Reply
    from inspraak.topics.models import TopicVote

    data = compliance_data(world)
    clients = _client_members(world, world.municipal_body, 5)
    own_topic = topic(world.municipal_body, world.user("member"), submitted_on=days(-20), title="Stemmen")
    TopicVote.objects.create(topic=own_topic, user=clients[0])
    held = meeting(world.municipal_body, on=days(-15))
    Reply.objects.create(meeting=held, user=clients[1], answer=Reply.Answer.YES)
    advice = sent_advice(world, world.municipal_body, subject="Met opmerking", sent_on=days(-5))
    AdviceComment.objects.create(advice=advice, author=clients[2], text="Goed zo.")
    heard = selectors.body_heard(world.municipal_body, year=data.year)
    assert heard.contributors == 3


def test_experienced_members_count_as_clients_only_when_the_body_says_so(world):
    _client_members(world, world.municipal_body, 5, category=Category.EXPERIENCED)
    assert selectors.body_heard(world.municipal_body, year=2026).client_members == 5
    world.municipal_body.experienced_count_as_clients = False
    world.municipal_body.save()
    assert selectors.body_heard(world.municipal_body, year=2026).client_members == 0


def test_recommendations_are_counted_by_their_verdict(world):
    register_data(world)  # advice sent this year with one adopted and one not adopted recommendation
    heard = selectors.body_heard(world.body, year=2026)
    assert heard.recommendations["overgenomen"] >= 1 and heard.recommendations["niet"] >= 1
    assert heard.recommendations["geen_reactie"] >= 1  # the late advice is not answered yet


# ---------------------------------------------------------------- pages


def test_the_matrix_page_links_each_cell_to_its_evidence(client, world):
    compliance_data(world)
    response = client.get(_url(world, "matrix"))
    html = response.content.decode()
    evidence = _url(world, "municipality_evidence", municipality="zeedorp")
    assert f'href="{evidence}?jaar=2026#a"' in html
    assert "Wat betekenen de kleuren?" in html
    assert "<svg" in html and "style=" not in html and "<script" not in html


def test_the_year_switch_offers_the_years_with_data_and_ignores_others(client, world):
    compliance_data(world)
    decided_proposal(world, municipality=world.municipality, decided_on=days(-400), title="Oud besluit")
    html = client.get(_url(world, "matrix")).content.decode()
    assert "?jaar=2025" in html
    assert "Art. 47 in beeld, 2025" in client.get(_url(world, "matrix"), {"jaar": "2025"}).content.decode()
    assert "Art. 47 in beeld, 2026" in client.get(_url(world, "matrix"), {"jaar": "1999"}).content.decode()


def test_the_municipality_evidence_shows_proposals_meetings_and_heard(client, world):
    register = register_data(world)
    compliance_data(world)
    html = client.get(_url(world, "municipality_evidence", municipality="zeedorp")).content.decode()
    assert register.decided.title in html
    assert "niet gevraagd" in html
    assert "Wordt de cliënt gehoord?" in html
    assert world.client.name not in html  # never a person's name


def test_the_public_body_page_shows_whether_the_client_is_heard(client, world):
    url = reverse("dashboards:body", kwargs={"region": world.region.slug, "body": world.body.slug})
    assert "Wordt de cliënt gehoord?" in client.get(url).content.decode()


def test_the_region_and_municipality_pages_link_to_the_matrix(client, world):
    region_html = client.get(reverse("regions:region", kwargs={"region": world.region.slug})).content.decode()
    assert _url(world, "matrix") in region_html
    muni_url = reverse("regions:municipality", kwargs={"region": world.region.slug, "municipality": "zeedorp"})
    assert _url(world, "municipality_evidence", municipality="zeedorp") in client.get(muni_url).content.decode()


def test_the_csv_has_one_row_per_municipality_and_is_safe_against_formulas(client, world):
    compliance_data(world)
    MunicipalityFactory(region=world.region, name="=HYPERLINK(1)", slug="formule", cbs_code="GM9003")
    response = client.get(_url(world, "csv"), {"jaar": "2026"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[1] for r in rows[1:]] == ["Hele regio (GR)", "'=HYPERLINK(1)", "Duinstad", "Zeedorp"]
    header = rows[0]
    assert header[3] == "verordening status"
    zeedorp = dict(zip(header, rows[-1], strict=True))
    assert zeedorp["a status"] == "Voldoet niet"


# ---------------------------------------------------------------- settings page


def _settings(**values):
    return {"topic_answer_weeks": 8, "full_share": 90, "partial_share": 50, **values}


def test_the_beheerder_saves_the_settings_with_an_audit_row(client, world):
    client.force_login(world.user("admin"))
    response = client.post(_url(world, "settings"), _settings(topic_answer_weeks=10, version=0))
    assert response.status_code == 302
    stored = MatrixSettings.objects.get(region=world.region)
    assert stored.topic_answer_weeks == 10
    assert AuditEvent.objects.filter(action="matrix_settings.create", region=world.region).count() == 1
    response = client.post(_url(world, "settings"), _settings(topic_answer_weeks=9, version=1))
    assert response.status_code == 302
    assert MatrixSettings.objects.get(region=world.region).version == 2
    assert AuditEvent.objects.filter(action="matrix_settings.update", region=world.region).count() == 1


def test_a_stale_settings_save_is_refused_and_keeps_the_input(client, world):
    MatrixSettings.objects.create(region=world.region, topic_answer_weeks=6, version=3)
    client.force_login(world.user("admin"))
    response = client.post(_url(world, "settings"), _settings(topic_answer_weeks=11, version=2))
    assert response.status_code == 200
    assert 'value="11"' in response.content.decode()
    assert MatrixSettings.objects.get(region=world.region).topic_answer_weeks == 6


def test_a_partial_share_above_the_full_share_is_refused_next_to_the_field(client, world):
    client.force_login(world.user("admin"))
    response = client.post(_url(world, "settings"), _settings(full_share=60, partial_share=70, version=0))
    assert response.status_code == 200
    assert "mag niet hoger zijn" in response.content.decode()
    assert not MatrixSettings.objects.filter(region=world.region).exists()


def test_concerns_of_withdrawn_requests_count_as_not_asked(world):
    from inspraak.advice.models import RequestStatus
    from tests.register.data import ask

    bylaw(world, world.municipality_2)
    proposal = decided_proposal(world, municipality=world.municipality_2, decided_on=days(-5), title="Ingetrokken")
    Concern.objects.create(proposal=proposal, body=world.body)
    ask(world, proposal, world.body, requested_on=days(-90), status=RequestStatus.WITHDRAWN)
    cell = _row(_matrix(world), world.municipality_2).cells["a"]
    assert cell.numbers["niet_gevraagd"] == 1


def test_meeting_status_names_are_what_the_meetings_app_uses():
    assert set(selectors.HELD_STATUSES) | set(selectors.PLANNED_STATUSES) | {MeetingStatus.CANCELLED} == set(
        MeetingStatus.values
    )


def test_the_body_page_says_minder_dan_5_instead_of_splitting_a_small_group(client, world):
    url = reverse("dashboards:body", kwargs={"region": world.region.slug, "body": world.municipal_body.slug})
    html = client.get(url).content.decode()
    assert "Minder dan 5 cliënten in de groep" in html
    assert "cliënten deden iets" not in html


def test_the_gr_evidence_page_lists_the_regional_bodies_and_their_meetings(client, world):
    compliance_data(world)
    html = client.get(_url(world, "region_evidence")).content.decode()
    assert "Art. 47 voor de hele regio (GR), 2026" in html
    assert world.body.name in html and world.municipal_body.name not in html
    meeting_url = reverse(
        "publicmeetings:meeting",
        kwargs={"region": world.region.slug, "body": world.body.slug, "pk": compliance_data(world).held[0].pk},
    )
    assert meeting_url in html


def test_two_first_saves_of_the_settings_at_once_refuse_the_second(world):
    from inspraak.compliance import services
    from inspraak.core.versioning import StaleEdit

    services.settings_save(
        region=world.region, by=world.user("admin"), topic_answer_weeks=9, full_share=90, partial_share=50, version=0
    )
    with pytest.raises(StaleEdit):
        services.settings_save(
            region=world.region,
            by=world.user("admin"),
            topic_answer_weeks=7,
            full_share=90,
            partial_share=50,
            version=0,
        )
    assert MatrixSettings.objects.get(region=world.region).topic_answer_weeks == 9
