"""How long something has waited, counted in working time: weekends and Norwegian public holidays
do not count. Deadlines in working days (reminders, automatic closing, counsellors' flags) are all
computed here, so that every rule agrees on what a working day is."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache

import holidays

from jobbes.models.base import LOCAL_TIMEZONE

ONE_WORKING_DAY = timedelta(days=1)


@cache
def _public_holidays(year: int) -> frozenset[date]:
    # Only the statutory public holidays (helligdager and 1 and 17 May); Christmas Eve and New
    # Year's Eve are ordinary working days in law, however quiet.
    return frozenset(holidays.country_holidays("NO", years=year, language="en_US").keys())


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a Norwegian public holiday."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def working_time_between(start: datetime, end: datetime) -> timedelta:
    """The time between two moments in Kristiansand, leaving out weekends and public holidays."""
    if end <= start:
        return timedelta(0)
    start, end = start.astimezone(LOCAL_TIMEZONE), end.astimezone(LOCAL_TIMEZONE)
    total = timedelta(0)
    cursor = start
    while cursor < end:
        next_midnight = datetime.combine(
            cursor.date() + timedelta(days=1), time(0), tzinfo=LOCAL_TIMEZONE
        )
        chunk_end = min(next_midnight, end)
        if is_working_day(cursor.date()):
            total += chunk_end - cursor
        cursor = chunk_end
    return total


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole working days that have passed since `start`: 3 means a deadline of 3 working days
    has run out. Sent on a Friday afternoon, the third working day ends on Wednesday afternoon."""
    return int(working_time_between(start, end) / ONE_WORKING_DAY)


def add_working_days(start: datetime, days: int) -> datetime:
    """The moment `days` working days after `start`, the inverse of `working_days_between`:
    the same time of day on the working day it lands on (counting from the next working day
    when `start` itself falls on a weekend or a holiday, whose hours do not count)."""
    local = start.astimezone(LOCAL_TIMEZONE)
    if not is_working_day(local.date()):
        day = local.date()
        while not is_working_day(day):
            day += timedelta(days=1)
        local = datetime.combine(day, time(0), tzinfo=LOCAL_TIMEZONE)
    day, left = local.date(), days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return datetime.combine(day, local.timetz()).astimezone(start.tzinfo)


def is_overdue(since: datetime, now: datetime) -> bool:
    """Waiting longer than one working day: what the programme promises both sides."""
    return working_time_between(since, now) > ONE_WORKING_DAY
