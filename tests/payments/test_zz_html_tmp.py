import pytest
from django.test import Client

from tests.payments.data import payments_data
from tests.quality.html import assert_valid_html
from tests.quality.pages import PAGES

WORLD_DATA = (payments_data,)


@pytest.mark.django_db
def test_payment_pages_valid(world, tmp_path):
    pages = {}
    for spec in PAGES:
        if not spec.case.url_name.startswith("payments:"):
            continue
        client = Client()
        user = world.user(spec.actor)
        if user is not None:
            client.force_login(user)
        r = client.get(spec.url(world))
        assert r.status_code == 200, spec.id
        pages[spec.id] = r.content
        open(f"/tmp/pay_{spec.id.replace(':','_').replace('@','_')}.html", "wb").write(r.content)
    c = Client()
    c.force_login(world.user("secretary"))
    d = payments_data(world)
    r = c.post(f"/orgaan/{world.region.slug}/{world.body.slug}/vergoedingen/2026/11/goedkeuren/", {"member": d.young.pk, f"m{d.young.pk}-member": d.young.pk, f"m{d.young.pk}-amount": "abc"})
    assert r.status_code == 400
    pages["bound"] = r.content
    open("/tmp/pay_bound.html", "wb").write(r.content)
    assert_valid_html(pages, tmp_path)
