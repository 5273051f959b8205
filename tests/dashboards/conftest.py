import pytest
from django.test import Client


@pytest.fixture
def client_for(world):
    """A test client logged in as one actor of the test world (anonymous: not logged in)."""

    def make(actor: str) -> Client:
        client = Client()
        user = world.user(actor)
        if user is not None:
            client.force_login(user)
        return client

    return make
