"""The working-hours rules for a trial schedule (arbeidsmiljøloven chapters 10 and 11), and the
school calendar they need. Pure: no database, no Flask, no translations (see `rules`)."""

from jobbes.working_hours.rules import (
    NAV_MINIMUM_AGE,
    TABLE,
    Band,
    BreakRule,
    Limits,
    Rule,
    Violation,
    Window,
    WorkDay,
    age_on,
    band_for,
    check,
    limits,
    next_birthday,
)
from jobbes.working_hours.school_calendar import (
    HolidayKind,
    SchoolCalendar,
    SchoolHoliday,
    kristiansand,
)

__all__ = [
    "NAV_MINIMUM_AGE",
    "TABLE",
    "Band",
    "BreakRule",
    "HolidayKind",
    "Limits",
    "Rule",
    "SchoolCalendar",
    "SchoolHoliday",
    "Violation",
    "Window",
    "WorkDay",
    "age_on",
    "band_for",
    "check",
    "kristiansand",
    "limits",
    "next_birthday",
]
