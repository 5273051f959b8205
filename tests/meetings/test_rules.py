import datetime

from inspraak.meetings import rules

D = datetime.date


def test_status_steps():
    assert rules.can_move("gepland", "agenda_gepubliceerd")
    assert rules.can_move("agenda_gepubliceerd", "geannuleerd")
    assert not rules.can_move("gehouden", "geannuleerd")
    assert not rules.can_move("verslag_vastgesteld", "gehouden")
    assert rules.next_statuses("gepland", started=False) == ["agenda_gepubliceerd"]
    assert rules.next_statuses("agenda_gepubliceerd", started=True) == ["gehouden"]
    # "Verslag vastgesteld" follows only from approving the minutes (records), never as a plain step.
    assert rules.next_statuses("gehouden", started=True) == []


def test_year_plan_warning_counts_planned_and_held_but_not_cancelled():
    statuses = [("gehouden", D(2026, 2, 1)), ("geannuleerd", D(2026, 5, 1)), ("gepland", D(2026, 11, 30))]
    warning = rules.year_plan_warning(min_per_year=3, year=2026, statuses=statuses, today=D(2026, 11, 23))
    assert warning == "Voor 2026 zijn 2 bijeenkomsten gepland of gehouden, minimaal 3"
    assert rules.year_plan_warning(min_per_year=2, year=2026, statuses=statuses, today=D(2026, 11, 23)) == ""
    past = rules.year_plan_warning(
        min_per_year=3, year=2025, statuses=[("gehouden", D(2025, 3, 1))], today=D(2026, 1, 1)
    )
    assert past == "In 2025 is 1 bijeenkomst gehouden, minimaal 3"


def test_document_timeliness():
    meeting = D(2026, 12, 10)
    assert rules.document_timeliness(available_on=D(2026, 12, 3), meeting_on=meeting, days_before=7) == (True, 0)
    assert rules.document_timeliness(available_on=D(2026, 12, 1), meeting_on=meeting, days_before=7) == (True, 0)
    assert rules.document_timeliness(available_on=D(2026, 12, 6), meeting_on=meeting, days_before=7) == (False, 3)
