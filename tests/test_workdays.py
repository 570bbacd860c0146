"""Working days follow the Norwegian calendar: weekends and public holidays do not count."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.workdays import (
    add_working_days,
    is_working_day,
    working_days_between,
    working_time_between,
)


def at(day: str, hour: int = 14) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=LOCAL_TIMEZONE)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-04-01", True),  # Wednesday before Easter
        ("2026-04-02", False),  # Maundy Thursday
        ("2026-04-03", False),  # Good Friday
        ("2026-04-06", False),  # Easter Monday
        ("2026-04-07", True),
        ("2026-05-01", False),  # Labour Day
        ("2026-05-14", False),  # Ascension Day
        ("2026-05-25", False),  # Whit Monday
        ("2026-12-24", True),  # Christmas Eve is a working day in law
        ("2026-12-25", False),
        ("2026-12-26", False),  # a Saturday anyway
        ("2026-12-28", True),
    ],
)
def test_public_holidays_are_not_working_days(day: str, working: bool) -> None:
    assert is_working_day(date.fromisoformat(day)) is working


def test_three_working_days_across_easter() -> None:
    sent = at("2026-04-01")  # Wednesday afternoon before Easter
    assert add_working_days(sent, 3) == at("2026-04-09")  # Tue 7, Wed 8, Thu 9 April
    assert working_days_between(sent, at("2026-04-09", 13)) == 2
    assert working_days_between(sent, at("2026-04-09")) == 3


def test_a_deadline_started_on_a_holiday_counts_from_the_next_working_day() -> None:
    assert add_working_days(at("2026-12-25"), 1) == at("2026-12-29", 0)
    assert working_days_between(at("2026-12-25"), at("2026-12-29", 0)) == 1


def test_holiday_hours_are_left_out_of_waiting_time() -> None:
    wednesday, tuesday = at("2026-04-01", 9), at("2026-04-07", 9)
    # The rest of Wednesday and Tuesday morning: five days of Easter and weekend in between.
    assert working_time_between(wednesday, tuesday).total_seconds() == (15 + 9) * 3600


def test_add_and_count_agree_over_a_year() -> None:
    start = at("2026-01-05", 10)
    for days in (1, 3, 7, 14, 60):
        assert working_days_between(start, add_working_days(start, days)) == days
