import pytest

from tests.factories import RegionFactory


@pytest.mark.django_db
def test_home_lists_regions(client):
    region = RegionFactory(name="Regio Waterland")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Regio Waterland" in html and region.get_absolute_url() in html
