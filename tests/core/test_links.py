"""core.links.url_template / url_filler: one reverse() for a list of rows, the same URLs as reverse() per row."""

from django.urls import reverse

from inspraak.core.links import url_filler, url_template


def test_a_template_with_several_fills_gives_what_reverse_gives():
    url = url_template("topics:detail", "region", "body", "pk")
    for region, body, pk in [("noordkust", "clientenpanel", 1), ("regio-2", "adviesraad-x", 98765)]:
        assert url(region, body, pk) == reverse("topics:detail", kwargs={"region": region, "body": body, "pk": pk})


def test_a_filler_keeps_the_fixed_arguments():
    url = url_filler("topics:detail", "pk", region="noordkust", body="clientenpanel")
    assert url(7) == reverse("topics:detail", kwargs={"region": "noordkust", "body": "clientenpanel", "pk": 7})


def test_a_name_without_row_arguments_gives_its_one_url():
    url = url_template("dashboards:dashboard")
    assert url() == reverse("dashboards:dashboard")
