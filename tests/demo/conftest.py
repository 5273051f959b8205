import pytest


@pytest.fixture(autouse=True)
def _frozen_clock():
    """The demo moves its story along with today's date (inspraak/demo/story.py); its tests read it on the day the
    story was written, so no test starts failing on a later calendar day."""
    import time_machine

    from inspraak.demo.story import STORY_TODAY
    from tests.world import NOW

    assert NOW.date() == STORY_TODAY
    with time_machine.travel(NOW, tick=True):
        yield
