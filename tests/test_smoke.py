import pytest

from tests.factories import RegionFactory


@pytest.mark.django_db
def test_home_lists_regions(client):
    RegionFactory(name="Regio Waterland")
    response = client.get("/")
    assert response.status_code == 200
