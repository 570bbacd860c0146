"""The working-hours rules, case by case from the law's text (arbeidsmiljøloven chapters 10 and
11, tiltaksforskriften § 1-3): each age group, school weeks and holidays, both sides of each limit.

The school week is 9–15 November 2026 (teaching Monday to Friday); the holiday week is 6–12 July
2026 (summer holiday). Ages are on those weeks' days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from jobbes.working_hours import (
    Band,
    HolidayKind,
    Rule,
    SchoolCalendar,
    SchoolHoliday,
    WorkDay,
    age_on,
    check,
    kristiansand,
    limits,
)
from jobbes.working_hours.school_calendar import load

SCHOOL_MONDAY = date(2026, 11, 9)
HOLIDAY_MONDAY = date(2026, 7, 6)

# Born so that the age holds through both reference weeks.
AGE_12 = date(2013, 12, 1)
AGE_13 = date(2012, 12, 1)
AGE_14 = date(2011, 12, 1)
AGE_15 = date(2010, 12, 1)
AGE_16 = date(2009, 12, 1)
AGE_17 = date(2008, 12, 1)
AGE_18 = date(2007, 12, 1)


def at(clock: str) -> time:
    return time.fromisoformat(clock)


def work(monday: date, weekday: int, start: str, end: str, break_minutes: int = 0) -> WorkDay:
    return WorkDay(monday + timedelta(days=weekday), at(start), at(end), break_minutes)


def week(
    monday: date, start: str, end: str, break_minutes: int = 0, days: range = range(5)
) -> list[WorkDay]:
    return [work(monday, n, start, end, break_minutes) for n in days]


S, H = SCHOOL_MONDAY, HOLIDAY_MONDAY


@dataclass
class Case:
    name: str
    days: list[WorkDay]
    born: date
    expected: list[tuple[Rule, int]]  # the rule and the day, as days after the first Monday
    school: bool = False
    others: list[WorkDay] = field(default_factory=list)
    nav: bool = False
    late_needed: bool = False


CASES = [
    # Hours a day and a week, 15–17 and finished with compulsory school: § 11-2 (3)
    Case("16: 8 hours a day is allowed", [work(S, 1, "09:00", "17:30", 30)], AGE_16, []),
    Case(
        "16: 8 hours 15 is too much",
        [work(S, 1, "09:00", "17:45", 30)],
        AGE_16,
        [(Rule.HOURS_PER_DAY, 1)],
    ),
    Case("17: 40 hours a week is allowed", week(S, "09:00", "17:30", 30), AGE_17, []),
    Case("15 out of school: 8 hours a day", [work(S, 0, "08:00", "16:30", 30)], AGE_15, []),
    # Under 15 or in compulsory school, school week: § 11-2 (2) a
    Case("14: 2 hours on a school day", [work(S, 0, "15:00", "17:00")], AGE_14, [], school=True),
    Case(
        "14: 2 hours 15 on a school day is too much",
        [work(S, 0, "15:00", "17:15")],
        AGE_14,
        [(Rule.HOURS_PER_DAY, 0)],
        school=True,
    ),
    Case(
        "14 not in school still has a child's limits",
        [work(S, 0, "15:00", "17:15")],
        AGE_14,
        [(Rule.HOURS_PER_DAY, 0)],
    ),
    Case(
        "15 in compulsory school: a child's limits",
        [work(S, 2, "14:00", "17:00")],
        AGE_15,
        [(Rule.HOURS_PER_DAY, 2)],
        school=True,
    ),
    Case("15 out of school: 3 hours on a weekday", [work(S, 2, "14:00", "17:00")], AGE_15, []),
    Case(
        "14: 7 hours on the Saturday of a school week",
        [work(S, 5, "09:00", "16:30", 30)],
        AGE_14,
        [],
        school=True,
    ),
    Case(
        "14: 7 hours 15 on a Saturday is too much",
        [work(S, 5, "09:00", "16:45", 30)],
        AGE_14,
        [(Rule.HOURS_PER_DAY, 5)],
        school=True,
    ),
    Case(
        "14: 12 hours in a school week",
        week(S, "15:00", "17:00") + [work(S, 5, "10:00", "12:00")],
        AGE_14,
        [],
        school=True,
    ),
    Case(
        "14: 12 hours 30 in a school week is too much",
        week(S, "15:00", "17:00") + [work(S, 5, "10:00", "12:30")],
        AGE_14,
        [(Rule.HOURS_PER_WEEK, 0)],
        school=True,
    ),
    # Under 15 or in compulsory school, holiday: § 11-2 (2) b
    Case("14: 35 hours in a summer week", week(H, "09:00", "16:30", 30), AGE_14, [], school=True),
    Case(
        "14: 7 hours 30 on a summer day is too much",
        [work(H, 2, "09:00", "17:00", 30)],
        AGE_14,
        [(Rule.HOURS_PER_DAY, 2)],
        school=True,
    ),
    Case(
        "14: six days of summer work is too much in the week and without 48 hours off",
        week(H, "09:00", "15:30", 30, range(6)),
        AGE_14,
        [(Rule.HOURS_PER_WEEK, 0), (Rule.WEEKLY_REST, 5)],
        school=True,
    ),
    # Night: § 11-3
    Case("14: until 20:00 is allowed", [work(H, 0, "13:00", "20:00", 30)], AGE_14, []),
    Case(
        "14: until 20:15 is too late",
        [work(H, 0, "13:15", "20:15", 30)],
        AGE_14,
        [(Rule.NIGHT, 0)],
    ),
    Case("14: from 06:00 is allowed", [work(H, 0, "06:00", "11:00", 30)], AGE_14, []),
    Case(
        "14: from 05:45 is too early",
        [work(H, 0, "05:45", "10:45", 30)],
        AGE_14,
        [(Rule.NIGHT, 0)],
    ),
    Case("16: until 21:00 is allowed", [work(S, 0, "14:00", "21:00", 30)], AGE_16, []),
    Case(
        "16: after 21:00 only when the work requires it",
        [work(S, 0, "14:00", "21:30", 30)],
        AGE_16,
        [(Rule.LATE, 0)],
    ),
    Case(
        "16: until 23:00 when the work requires it",
        [work(S, 0, "15:30", "23:00", 30)],
        AGE_16,
        [],
        late_needed=True,
    ),
    Case(
        "16: after 23:00 never",
        [work(S, 0, "15:30", "23:15", 30)],
        AGE_16,
        [(Rule.NIGHT, 0)],
        late_needed=True,
    ),
    Case(
        "16: before 06:00 never",
        [work(S, 0, "05:30", "11:30", 30)],
        AGE_16,
        [(Rule.NIGHT, 0)],
        late_needed=True,
    ),
    Case(
        "16: 8 hours off around the night",
        [
            work(S, 0, "06:00", "07:00"),
            work(S, 0, "21:00", "22:00"),
            work(S, 1, "06:00", "07:00"),
        ],
        AGE_16,
        [],
        late_needed=True,
    ),
    Case(
        "16: 7 hours off around the night is too little",
        [
            work(S, 0, "06:00", "07:00"),
            work(S, 0, "22:00", "23:00"),
            work(S, 1, "06:00", "07:00"),
        ],
        AGE_16,
        [(Rule.NIGHT_REST, 0)],
        late_needed=True,
    ),
    Case(
        "18: after 21:00 only when the work requires it",
        [work(S, 0, "14:00", "22:00", 30)],
        AGE_18,
        [(Rule.LATE, 0)],
    ),
    Case(
        "18: after 21:00 when the work requires it",
        [work(S, 0, "14:00", "22:00", 30)],
        AGE_18,
        [],
        late_needed=True,
    ),
    # Breaks: § 11-5 (1) and § 10-9 (1)
    Case("16: 4 hours 30 without a break", [work(S, 0, "09:00", "13:30")], AGE_16, []),
    Case(
        "16: 4 hours 31 needs a break",
        [work(S, 0, "09:00", "13:31")],
        AGE_16,
        [(Rule.BREAK, 0)],
    ),
    Case(
        "16: a 29-minute break is too short",
        [work(S, 0, "09:00", "14:00", 29)],
        AGE_16,
        [(Rule.BREAK, 0)],
    ),
    Case("16: a 30-minute break", [work(S, 0, "09:00", "14:00", 30)], AGE_16, []),
    Case("18: 5 hours 30 without a break", [work(S, 0, "09:00", "14:30")], AGE_18, []),
    Case("18: 6 hours needs a break", [work(S, 0, "09:00", "15:00")], AGE_18, [(Rule.BREAK, 0)]),
    Case("18: under 8 hours, a short break", [work(S, 0, "09:00", "16:59", 20)], AGE_18, []),
    Case(
        "18: 8 hours needs half an hour of break",
        [work(S, 0, "08:00", "16:20", 20)],
        AGE_18,
        [(Rule.BREAK, 0)],
    ),
    Case("18: 9 hours a day is allowed", [work(S, 0, "08:00", "17:30", 30)], AGE_18, []),
    Case(
        "18: 9 hours 15 is too much",
        [work(S, 0, "08:00", "17:45", 30)],
        AGE_18,
        [(Rule.HOURS_PER_DAY, 0)],
    ),
    # Daily rest: § 11-5 (2) and § 10-8 (1)
    Case(
        "16: 12 hours off between two days",
        [work(S, 0, "12:30", "20:00", 30), work(S, 1, "08:00", "12:00")],
        AGE_16,
        [],
    ),
    Case(
        "16: 11 hours 30 off is too little",
        [work(S, 0, "12:30", "20:00", 30), work(S, 1, "07:30", "11:30")],
        AGE_16,
        [(Rule.DAILY_REST, 0)],
    ),
    Case(
        "14: 14 hours off between two summer days",
        [work(H, 0, "13:00", "19:00", 30), work(H, 1, "09:00", "12:00")],
        AGE_14,
        [],
    ),
    Case(
        "14: 13 hours 30 off is too little",
        [work(H, 0, "13:00", "19:00", 30), work(H, 1, "08:30", "11:30")],
        AGE_14,
        [(Rule.DAILY_REST, 0)],
    ),
    Case(
        "18: 10 hours 30 off is too little",
        [work(S, 0, "13:00", "21:00", 30), work(S, 1, "07:30", "12:00")],
        AGE_18,
        [(Rule.DAILY_REST, 0)],
        late_needed=True,
    ),
    # Weekly rest: § 11-5 (3) and § 10-8 (2)
    Case("16: weekdays leave the weekend off", week(S, "09:00", "14:00", 30), AGE_16, []),
    Case(
        "16: six days in a row is too many",
        week(S, "09:00", "14:00", 30, range(6)),
        AGE_16,
        [(Rule.WEEKLY_REST, 5)],
    ),
    Case(
        "16: Tuesday to Saturday two weeks running, off Sunday and Monday",
        week(S, "09:00", "14:00", 30, range(1, 6)) + week(S, "09:00", "14:00", 30, range(8, 13)),
        AGE_16,
        [],
    ),
    Case("18: six days in a row", week(S, "09:00", "14:00", 30, range(6)), AGE_18, []),
    Case(
        "18: seven days in a row is too many",
        week(S, "09:00", "14:00", 30, range(7)),
        AGE_18,
        [(Rule.WEEKLY_REST, 6)],
    ),
    # Several agreements add up: § 11-2 (4)
    Case(
        "14: 10 hours here and 3 on Saturday elsewhere is too much for a school week",
        week(S, "15:00", "17:00"),
        AGE_14,
        [(Rule.HOURS_PER_WEEK, 0)],
        school=True,
        others=[work(S, 5, "10:00", "13:00")],
    ),
    Case(
        "17: 8 hours here and 2 elsewhere the same day",
        week(S, "09:00", "17:30", 30),
        AGE_17,
        [(Rule.HOURS_PER_DAY, 0), (Rule.HOURS_PER_WEEK, 0)],
        others=[work(S, 0, "18:00", "20:00")],
    ),
    Case(
        "16: weekdays here and Saturday elsewhere leave no 48 hours off",
        week(S, "09:00", "14:00", 30),
        AGE_16,
        [(Rule.WEEKLY_REST, 5)],
        others=[work(S, 5, "10:00", "14:00")],
    ),
    Case(
        "18: an adult's other agreements do not add up",
        week(S, "09:00", "17:30", 30),
        AGE_18,
        [],
        others=[work(S, 0, "18:00", "20:00")],
    ),
    Case(
        "16: hours overlapping another agreement",
        [work(S, 0, "09:00", "11:00")],
        AGE_16,
        [(Rule.OVERLAP, 0)],
        others=[work(S, 0, "10:00", "12:00")],
    ),
    Case(
        "14: two agreements on a school day, 2 hours together",
        [work(S, 0, "15:00", "16:00")],
        AGE_14,
        [],
        school=True,
        others=[work(S, 0, "16:30", "17:30")],
    ),
    Case(
        "14: two agreements on a school day, 2 hours 15 together",
        [work(S, 0, "15:00", "16:00")],
        AGE_14,
        [(Rule.HOURS_PER_DAY, 0)],
        school=True,
        others=[work(S, 0, "16:30", "17:45")],
    ),
    Case(
        "16: an evening elsewhere leaves too little rest before the next morning here",
        [work(S, 0, "09:00", "13:00"), work(S, 1, "08:00", "12:00")],
        AGE_16,
        [(Rule.DAILY_REST, 0)],
        others=[work(S, 0, "17:00", "21:00")],
    ),
    Case(
        "16: the time between two agreements is the break",
        [work(S, 0, "09:00", "12:00")],
        AGE_16,
        [],
        others=[work(S, 0, "12:30", "15:30")],
    ),
    Case(
        "16: back to back at two agreements, 6 hours without a break",
        [work(S, 0, "09:00", "12:00")],
        AGE_16,
        [(Rule.BREAK, 0)],
        others=[work(S, 0, "12:00", "15:00")],
    ),
    Case(
        "18: 41 hours 15 in a week is too much",
        week(S, "08:00", "16:45", 30),
        AGE_18,
        [(Rule.HOURS_PER_WEEK, 0)],
    ),
    # Days without teaching inside school weeks, from Kristiansand's calendar
    Case(
        "15 in school: 7 hours on Ascension Day",
        [work(date(2027, 5, 3), 3, "09:00", "16:30", 30)],
        AGE_15,
        [],
        school=True,
    ),
    Case(
        "15 in school: 7 hours on Ascension Day and the Friday after, but 12 in the week",
        [work(date(2027, 5, 3), n, "09:00", "16:30", 30) for n in (3, 4)]
        + [work(date(2027, 5, 3), 0, "15:00", "17:00")],
        AGE_15,
        [(Rule.HOURS_PER_WEEK, 0)],
        school=True,
    ),
    Case(
        "15 in school: 7 hours a day in the Christmas holiday",
        week(date(2026, 12, 28), "09:00", "16:30", 30, range(4)),
        AGE_15,
        [],
        school=True,
    ),
    # A birthday during the trial: the age on each day
    Case(
        "turns 15 (out of school) mid-week in summer: 7 hours 30 too much only before",
        week(H, "09:00", "17:00", 30),
        date(2011, 7, 8),
        [(Rule.HOURS_PER_DAY, 0), (Rule.HOURS_PER_WEEK, 0), (Rule.HOURS_PER_DAY, 1)],
    ),
    Case(
        "turns 18 mid-week: 8 hours 30 too much only before",
        week(S, "08:00", "17:00", 30),
        date(2008, 11, 11),
        [(Rule.HOURS_PER_DAY, 0), (Rule.HOURS_PER_WEEK, 0), (Rule.HOURS_PER_DAY, 1)],
    ),
    # Who may work at all, and in a NAV measure
    Case(
        "12 may not work",
        [work(S, 0, "15:00", "16:00")],
        AGE_12,
        [(Rule.MINIMUM_AGE, 0)],
        school=True,
    ),
    Case("13 may do light work", [work(S, 0, "15:00", "16:00")], AGE_13, [], school=True),
    Case(
        "15 in a NAV-funded trial",
        [work(S, 0, "09:00", "12:00")],
        AGE_15,
        [(Rule.NAV_MINIMUM_AGE, 0)],
        nav=True,
    ),
    Case("16 in a NAV-funded trial", [work(S, 0, "09:00", "12:00")], AGE_16, [], nav=True),
    Case(
        "turning 16 on the trial's second day is still too young for NAV",
        [work(S, 0, "09:00", "12:00"), work(S, 1, "09:00", "12:00")],
        date(2010, 11, 10),
        [(Rule.NAV_MINIMUM_AGE, 0)],
        nav=True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_rules_from_the_law(case: Case) -> None:
    first_monday = min(d.day for d in case.days)
    first_monday -= timedelta(days=first_monday.weekday())
    found = check(
        case.days,
        birth_date=case.born,
        in_compulsory_school=case.school,
        other_days=case.others,
        nav_funded=case.nav,
        late_work_needed=case.late_needed,
    )
    assert [(v.rule, (v.day - first_monday).days) for v in found] == case.expected


def test_a_violation_names_the_section_the_limit_and_what_was_planned() -> None:
    (too_long,) = check(
        [work(S, 1, "09:00", "17:30")], birth_date=AGE_16, in_compulsory_school=False
    )[:1]
    assert too_long.rule is Rule.HOURS_PER_DAY
    assert too_long.section == "aml. § 11-2 (3)"
    assert (too_long.limit, too_long.actual, too_long.age) == (480, 510, 16)
    assert too_long.band is Band.YOUTH


@pytest.mark.parametrize(
    ("born", "school", "day", "section", "limit"),
    [
        (AGE_14, True, S, "aml. § 11-2 (2) a", 120),
        (AGE_14, True, H, "aml. § 11-2 (2) b", 420),
        (AGE_16, False, S, "aml. § 11-2 (3)", 480),
        (AGE_18, False, S, "aml. § 10-4 (1)", 540),
    ],
)
def test_each_group_is_held_to_its_own_section(
    born: date, school: bool, day: date, section: str, limit: int
) -> None:
    (found,) = [
        v
        for v in check(
            [WorkDay(day, at("08:00"), at("18:00"), 30)],
            birth_date=born,
            in_compulsory_school=school,
        )
        if v.rule is Rule.HOURS_PER_DAY
    ]
    assert (found.section, found.limit) == (section, limit)


def test_night_says_the_time_planned_and_the_time_it_may_not_pass() -> None:
    late, early = (
        check(
            [work(H, n, start, end, 30)],
            birth_date=AGE_14,
            in_compulsory_school=True,
        )[0]
        for n, start, end in ((0, "13:30", "20:30"), (1, "05:30", "10:30"))
    )
    assert (late.limit, late.actual, late.section) == (at("20:00"), at("20:30"), "aml. § 11-3 (1)")
    assert (early.limit, early.actual) == (at("06:00"), at("05:30"))


def test_other_agreements_are_marked_as_counted() -> None:
    found = check(
        week(S, "15:00", "17:00"),
        birth_date=AGE_14,
        in_compulsory_school=True,
        other_days=[work(S, 5, "10:00", "13:00")],
    )
    assert [(v.with_other_agreements, v.actual, v.limit) for v in found] == [(True, 780, 720)]


def test_a_rest_too_short_says_how_long_it_is() -> None:
    (short,) = check(
        [work(S, 0, "12:30", "20:00", 30), work(S, 1, "07:30", "11:30")],
        birth_date=AGE_16,
        in_compulsory_school=False,
    )
    assert (short.limit, short.actual, short.section) == (720, 690, "aml. § 11-5 (2) b")


def test_no_days_break_no_rules() -> None:
    assert check([], birth_date=AGE_12, in_compulsory_school=True) == []


@pytest.mark.parametrize(
    ("start", "end", "break_minutes"),
    [("10:00", "10:00", 0), ("10:00", "09:00", 0), ("09:00", "10:00", 60), ("09:00", "10:00", -1)],
)
def test_a_day_that_cannot_be_is_refused(start: str, end: str, break_minutes: int) -> None:
    with pytest.raises(ValueError, match=r"day|break"):
        WorkDay(S, at(start), at(end), break_minutes)


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2010, 6, 9), date(2026, 6, 8), 15),
        (date(2010, 6, 9), date(2026, 6, 9), 16),
        (date(2012, 2, 29), date(2027, 2, 28), 14),
        (date(2012, 2, 29), date(2027, 3, 1), 15),
        (date(2012, 2, 29), date(2028, 2, 29), 16),
    ],
)
def test_age_on_a_day(born: date, day: date, age: int) -> None:
    assert age_on(born, day) == age


@pytest.mark.parametrize(
    ("age", "school", "holiday", "band", "day_hours", "week_hours"),
    [
        (13, True, False, Band.CHILD, 2, 12),
        (14, False, True, Band.CHILD, 7, 35),
        (16, True, False, Band.CHILD, 2, 12),
        (16, False, False, Band.YOUTH, 8, 40),
        (17, False, True, Band.YOUTH, 8, 40),
        (18, True, False, Band.ADULT, 9, 40),
    ],
)
def test_limits_for_the_plain_words(
    age: int, school: bool, holiday: bool, band: Band, day_hours: int, week_hours: int
) -> None:
    found = limits(age, in_compulsory_school=school, holiday=holiday)
    assert (found.band, found.day_minutes, found.week_minutes) == (
        band,
        day_hours * 60,
        week_hours * 60,
    )


# The school calendar


@pytest.mark.parametrize(
    ("day", "teaching"),
    [
        (date(2026, 11, 9), True),  # an ordinary Monday
        (date(2026, 11, 14), False),  # Saturday
        (date(2026, 9, 30), False),  # autumn break (week 40)
        (date(2027, 2, 24), False),  # winter break (week 8)
        (date(2026, 12, 28), False),  # Christmas
        (date(2027, 3, 24), False),  # Easter
        (date(2027, 5, 6), False),  # Ascension Day, a public holiday
        (date(2027, 5, 7), False),  # the Friday between
        (date(2026, 7, 8), False),  # summer
        (date(2026, 8, 13), True),  # the first school day
        (date(2029, 7, 10), True),  # not in the data yet: counted as a school day
    ],
)
def test_kristiansands_school_days(day: date, teaching: bool) -> None:
    assert kristiansand().is_teaching_day(day) is teaching


def test_a_week_with_one_school_day_is_a_school_week() -> None:
    calendar = kristiansand()
    assert calendar.is_teaching_week(date(2026, 10, 1)) is False  # autumn break
    assert calendar.is_teaching_week(date(2027, 5, 17)) is True  # Whit Monday, then school
    assert calendar.covers(date(2027, 1, 10))
    assert not calendar.covers(date(2029, 1, 10))


def test_the_data_says_it_is_not_yet_checked() -> None:
    """Turn this around when someone has compared the file with Kristiansand's own skoleruta."""
    assert kristiansand().checked is False


def test_the_rules_take_another_calendar() -> None:
    calendar = SchoolCalendar(
        "Elsewhere",
        school_years=(),
        holidays=(SchoolHoliday(HolidayKind.AUTUMN, S, S + timedelta(days=6)),),
    )
    three_hours = [work(S, 0, "09:00", "12:00")]
    assert check(three_hours, birth_date=AGE_14, in_compulsory_school=True) != []
    assert (
        check(
            three_hours,
            birth_date=AGE_14,
            in_compulsory_school=True,
            school_calendar=calendar,
        )
        == []
    )


def test_a_period_that_ends_before_it_begins_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(
        'municipality = "X"\n[[holiday]]\nkind = "winter"\nfirst = 2027-02-26\nlast = 2027-02-22\n'
    )
    with pytest.raises(ValueError, match="not a period"):
        load(path)
