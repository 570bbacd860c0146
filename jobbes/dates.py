"""Calendar arithmetic the rules share."""

from __future__ import annotations

from datetime import date


def years_before(day: date, years: int) -> date:
    """The same day of the year, `years` earlier; 29 February falls back to the 28th.

    It is the latest birth date of someone who is `years` old on `day` (see `age_on`).
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February, and the earlier year is not a leap year
        return day.replace(year=day.year - years, day=28)
