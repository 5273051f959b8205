"""Issue 12, facilitator (walkthrough section 4): the GR's address for feedback reports is a region setting that the
send form fills in, instead of typing it for every report; it stays editable per report."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.audit.models import AuditEvent
from inspraak.records.models import FeedbackReport
from tests.records.data import records
from tests.regions.test_manage import _region_data

pytestmark = pytest.mark.django_db


def _send_url(world, meeting):
    return reverse(
        "records:feedback_send", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": meeting.pk}
    )


def test_the_beheerder_sets_the_gr_address_for_feedback_reports(client, world):
    client.force_login(world.user("admin"))
    url = reverse("regions:region_edit", kwargs={"region": world.region.slug})
    assert 'name="feedback_email"' in client.get(url).content.decode()
    response = client.post(url, _region_data(feedback_email="geen adres"))
    assert 'id="id_feedback_email_error">Vul een geldig e-mailadres in' in response.content.decode()
    response = client.post(url, _region_data(feedback_email="terugkoppeling@gr-noordkust.nl"))
    assert response.status_code == 302
    world.region.refresh_from_db()
    assert world.region.feedback_email == "terugkoppeling@gr-noordkust.nl"
    assert "feedback_email" in AuditEvent.objects.get(action="region.update").changed_fields


def test_the_send_form_fills_in_the_region_address_and_it_can_be_changed(
    client, world, django_capture_on_commit_callbacks
):
    data = records(world)
    world.region.feedback_email = "terugkoppeling@gr-noordkust.nl"
    world.region.save(update_fields=["feedback_email"])
    client.force_login(world.user("facilitator"))
    url = _send_url(world, data.held)
    assert 'value="terugkoppeling@gr-noordkust.nl"' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"to": "iemand.anders@gr-noordkust.nl"})
    assert response.status_code == 302
    assert FeedbackReport.objects.get(meeting=data.held).sent_to == "iemand.anders@gr-noordkust.nl"


def test_without_a_region_address_the_field_is_empty(client, world):
    data = records(world)
    client.force_login(world.user("facilitator"))
    html = client.get(_send_url(world, data.held)).content.decode()
    assert 'name="to"' in html and 'name="to" value=' not in html
