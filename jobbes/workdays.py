"""How long something has waited, counted in working time: weekends do not count."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from jobbes.models.base import LOCAL_TIMEZONE

ONE_WORKING_DAY = timedelta(days=1)


def working_time_between(start: datetime, end: datetime) -> timedelta:
    """The time between two moments, leaving out Saturdays and Sundays in Kristiansand."""
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
        if cursor.weekday() < 5:
            total += chunk_end - cursor
        cursor = chunk_end
    return total


def is_overdue(since: datetime, now: datetime) -> bool:
    """Waiting longer than one working day: what the programme promises both sides."""
    return working_time_between(since, now) > ONE_WORKING_DAY
