"""The working-hours rules a trial schedule must keep, for the young person's age on each day.

Pure: no database, no Flask, no translations, no clock. `check()` takes the days of a schedule
(and the days of the person's other agreements) and returns every rule a day or a week breaks,
with the law's section; `jobbes/working_hours_texts.py` puts each into words.

The numbers, as the law puts them (checked against the text of arbeidsmiljøloven chapters 10 and
11 and forskrift om arbeidsmarkedstiltak):

- Under 13: no work (§ 11-1 (1) b: light work from 13).
- Under 15, or still in compulsory school ("barn", § 11-2 (2)): at most 2 hours on a day with
  teaching and 12 hours in a week with teaching (a); 7 hours on a day without teaching and 35 hours
  in a week without teaching (b). Off between 20:00 and 06:00 (§ 11-3 (1)). 14 hours off in a row
  in each 24 hours (§ 11-5 (2) a).
- 15 to 17 and finished with compulsory school ("ungdom"): at most 8 hours a day and 40 a week
  (§ 11-2 (3)). At least 8 hours off in a row taking in 23:00–06:00, and 21:00–23:00 only when
  the nature of the work or a special, time-limited need requires it (§ 11-3 (2)). 12 hours off
  in a row in each 24 hours (§ 11-5 (2) b).
- Everyone under 18: hours at several employers count together (§ 11-2 (4)); a break of at least
  half an hour when the day's working time is over 4½ hours (§ 11-5 (1)); 48 hours off in a row in
  the course of seven days (§ 11-5 (3)).
- 18 and over (chapter 10, what matters for a trial schedule): at most 9 hours a day and 40 a week
  (§ 10-4 (1)); 21:00–06:00 only when the nature of the work requires it (§ 10-11 (1), (2));
  11 hours off in each 24 hours and 35 hours in a row in seven days (§ 10-8 (1), (2)); a break when
  the day is over 5½ hours, half an hour in all when it is 8 hours or more (§ 10-9 (1)).
- A trial funded by NAV (an arbeidsmarkedstiltak): at least 16 (tiltaksforskriften § 1-3).

How the law's words become arithmetic (the law leaves these open; each choice is the usual reading
or the stricter one):

- Working time is the time from start to end less the break (§ 10-1: a break in which you are free
  to leave is not working time). A day's break is its own break plus the gaps between its pieces
  of work.
- A week is Monday to Sunday. When the age or the limits change in the middle of a week (a
  birthday), the week's limit is the strictest of its working days'.
- "Each 24 hours" (daily rest) counts from the start of each working day.
- "In the course of seven days" (weekly rest): at most seven days less the rest itself (120 hours
  for under 18s, 133 hours for adults) between the end of one such rest and the start of the next.
  Days before the first and after the last known day are free.
- Under 18s' other agreements count towards every limit (§ 11-2 (4)); an adult's only towards
  overlapping hours, since chapter 10 counts hours per employer.
- "Compulsory school" is what the young person answered; someone who answered yes is treated as
  in compulsory school for the whole trial, also after the school year ends (the strict reading).
- Someone born on 29 February is a year older on 1 March in years without a 29 February.

Left out, because a schedule cannot show them or Jobbes does not offer them: exceptions by
regulation or by permission (cultural work, apprentices, newspaper rounds: forskrift om
organisering, ledelse og medvirkning § 12-9), work as part of school (§ 11-2 (2) c), overtime,
averaging of hours (§ 10-5), Sunday work (§ 10-10), holidays (§ 11-5 (4)), the kinds of work under
18s may not do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise

from jobbes.working_hours.school_calendar import SchoolCalendar, kristiansand

HOUR = 60  # minutes
DAY = timedelta(days=1)
WEEK = timedelta(days=7)

MINIMUM_AGE = 13
NAV_MINIMUM_AGE = 16
ADULT_AGE = 18
YOUTH_AGE = 15

MINIMUM_AGE_SECTION = "aml. § 11-1 (1) b"
NAV_SECTION = "tiltaksforskriften § 1-3"
ADDING_UP_SECTION = "aml. § 11-2 (4)"


class Band(StrEnum):
    """Which of the law's groups someone belongs to on a day."""

    CHILD = "child"  # under 15, or still in compulsory school
    YOUTH = "youth"  # 15 to 17, finished with compulsory school
    ADULT = "adult"  # 18 or over


class Rule(StrEnum):
    MINIMUM_AGE = "minimum_age"
    NAV_MINIMUM_AGE = "nav_minimum_age"
    OVERLAP = "overlap"
    HOURS_PER_DAY = "hours_per_day"
    HOURS_PER_WEEK = "hours_per_week"
    NIGHT = "night"  # never at these hours
    LATE = "late"  # only when the nature of the work requires it
    NIGHT_REST = "night_rest"  # enough time off around the night
    BREAK = "break"
    DAILY_REST = "daily_rest"
    WEEKLY_REST = "weekly_rest"


RULE_ORDER = {rule: index for index, rule in enumerate(Rule)}


@dataclass(frozen=True)
class BreakRule:
    """A day with more than `over` minutes of work needs `at_least` minutes of break (1 = "a
    break", of a length the law does not set)."""

    over: int
    at_least: int


@dataclass(frozen=True)
class Window:
    """A time of day from `start` to `end`, across midnight when `end` is not after `start`."""

    start: time
    end: time

    def touched_by(self, start: time, end: time) -> bool:
        """Whether work from `start` to `end` (the same day) falls partly inside."""
        if self.start < self.end:
            return start < self.end and end > self.start
        return start < self.end or end > self.start


@dataclass(frozen=True)
class Limits:
    """The limits for one group on one kind of day, for `check()` and for the plain-words page."""

    band: Band
    day_minutes: int
    week_minutes: int
    night: Window | None  # no work at all
    late: Window | None  # work only when the nature of the work requires it
    daily_rest_minutes: int
    weekly_rest_minutes: int
    breaks: tuple[BreakRule, ...]
    hours_section: str
    night_section: str
    late_section: str
    daily_rest_section: str
    weekly_rest_section: str
    break_section: str
    adds_up: bool  # other agreements' hours count (§ 11-2 (4))
    # Time off in a row that takes in the whole `night` window (15–17: 8 hours, § 11-3 (2)).
    night_rest_minutes: int | None = None


_CHILD_NIGHT = Window(time(20), time(6))
_MINORS_BREAK = (BreakRule(over=4 * HOUR + 30, at_least=30),)


def _child(school: bool) -> Limits:
    return Limits(
        band=Band.CHILD,
        day_minutes=(2 if school else 7) * HOUR,
        week_minutes=(12 if school else 35) * HOUR,
        night=_CHILD_NIGHT,
        late=None,
        daily_rest_minutes=14 * HOUR,
        weekly_rest_minutes=48 * HOUR,
        breaks=_MINORS_BREAK,
        hours_section="aml. § 11-2 (2) a" if school else "aml. § 11-2 (2) b",
        night_section="aml. § 11-3 (1)",
        late_section="aml. § 11-3 (1)",
        daily_rest_section="aml. § 11-5 (2) a",
        weekly_rest_section="aml. § 11-5 (3)",
        break_section="aml. § 11-5 (1)",
        adds_up=True,
    )


# The table: one row per group, and for under 15s and pupils in compulsory school one for
# school days and weeks and one for days and weeks without teaching.
TABLE: dict[tuple[Band, bool], Limits] = {
    (Band.CHILD, True): _child(school=True),
    (Band.CHILD, False): _child(school=False),
    **{
        (Band.YOUTH, school): Limits(
            band=Band.YOUTH,
            day_minutes=8 * HOUR,
            week_minutes=40 * HOUR,
            night=Window(time(23), time(6)),
            late=Window(time(21), time(23)),
            daily_rest_minutes=12 * HOUR,
            weekly_rest_minutes=48 * HOUR,
            breaks=_MINORS_BREAK,
            hours_section="aml. § 11-2 (3)",
            night_section="aml. § 11-3 (2)",
            late_section="aml. § 11-3 (2)",
            daily_rest_section="aml. § 11-5 (2) b",
            weekly_rest_section="aml. § 11-5 (3)",
            break_section="aml. § 11-5 (1)",
            adds_up=True,
            night_rest_minutes=8 * HOUR,
        )
        for school in (True, False)
    },
    **{
        (Band.ADULT, school): Limits(
            band=Band.ADULT,
            day_minutes=9 * HOUR,
            week_minutes=40 * HOUR,
            night=None,
            late=Window(time(21), time(6)),
            daily_rest_minutes=11 * HOUR,
            weekly_rest_minutes=35 * HOUR,
            breaks=(
                BreakRule(over=5 * HOUR + 30, at_least=1),
                BreakRule(over=8 * HOUR - 1, at_least=30),
            ),
            hours_section="aml. § 10-4 (1)",
            night_section="aml. § 10-11 (2)",
            late_section="aml. § 10-11 (2)",
            daily_rest_section="aml. § 10-8 (1)",
            weekly_rest_section="aml. § 10-8 (2)",
            break_section="aml. § 10-9 (1)",
            adds_up=False,
        )
        for school in (True, False)
    },
}


def age_on(birth_date: date, day: date) -> int:
    """Whole years on `day`; born on 29 February, a year older on 1 March in other years."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def next_birthday(birth_date: date, today: date) -> date:
    """The first day after `today` on which someone born on `birth_date` is a year older."""
    day = today + DAY
    while age_on(birth_date, day) == age_on(birth_date, today):
        day += DAY
    return day


def band_for(age: int, *, in_compulsory_school: bool) -> Band:
    if age >= ADULT_AGE:
        return Band.ADULT
    if age < YOUTH_AGE or in_compulsory_school:
        return Band.CHILD
    return Band.YOUTH


def limits(age: int, *, in_compulsory_school: bool, holiday: bool) -> Limits:
    """The limits for someone of `age`: on school days and in school weeks, or (`holiday`) on days
    and in weeks without teaching. Only under 15s and pupils in compulsory school see a
    difference."""
    return TABLE[band_for(age, in_compulsory_school=in_compulsory_school), not holiday]


@dataclass(frozen=True)
class WorkDay:
    """One day of work: from `start` to `end` on `day` (not past midnight), with a break."""

    day: date
    start: time
    end: time
    break_minutes: int = 0

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a working day ends after it starts, and before midnight")
        if not 0 <= self.break_minutes < self.span_minutes:
            raise ValueError("a break is not negative and shorter than the day")

    @property
    def span_minutes(self) -> int:
        return _minutes(self.end) - _minutes(self.start)

    @property
    def minutes(self) -> int:
        """Working time: from start to end, less the break."""
        return self.span_minutes - self.break_minutes

    @property
    def starts(self) -> datetime:
        return datetime.combine(self.day, self.start)

    @property
    def ends(self) -> datetime:
        return datetime.combine(self.day, self.end)


@dataclass(frozen=True)
class Violation:
    """A rule a schedule breaks. `day` is the day it breaks it, for a week's rule the Monday.
    `limit` and `actual` are minutes, or for the rules about the time of day the time the work
    may not go past (`limit`) and the time it does (`actual`)."""

    rule: Rule
    day: date
    section: str
    limit: int | time | None
    actual: int | time | None
    age: int
    band: Band
    school: bool = False  # the limit is the one for days or weeks with teaching
    with_other_agreements: bool = False  # the person's other agreements counted


def _minutes(moment: time) -> int:
    return moment.hour * HOUR + moment.minute


def _whole_minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _merged(work: Iterable[WorkDay]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for piece in sorted(work, key=lambda w: (w.starts, w.ends)):
        if merged and piece.starts <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], piece.ends))
        else:
            merged.append((piece.starts, piece.ends))
    return merged


def _longest_rest_within(
    merged: Sequence[tuple[datetime, datetime]], start: datetime, end: datetime
) -> int:
    """The longest time without work inside [start, end), in minutes."""
    longest = timedelta(0)
    free_from = start
    for piece_start, piece_end in merged:
        if piece_end <= start:
            continue
        if piece_start >= end:
            break
        longest = max(longest, min(piece_start, end) - free_from)
        free_from = max(free_from, piece_end)
    longest = max(longest, end - free_from)
    return _whole_minutes(longest)


class _Person:
    """Age, group and school for each day, worked out once."""

    def __init__(
        self, birth_date: date, in_compulsory_school: bool, calendar: SchoolCalendar
    ) -> None:
        self.birth_date = birth_date
        self.in_compulsory_school = in_compulsory_school
        self.calendar = calendar

    def age(self, day: date) -> int:
        return age_on(self.birth_date, day)

    def band(self, day: date) -> Band:
        return band_for(self.age(day), in_compulsory_school=self.in_compulsory_school)

    def day_limits(self, day: date) -> tuple[Limits, bool]:
        band = self.band(day)
        school = band is Band.CHILD and self.calendar.is_teaching_day(day)
        return TABLE[band, school], school

    def week_limits(self, day: date) -> tuple[Limits, bool]:
        band = self.band(day)
        school = band is Band.CHILD and self.calendar.is_teaching_week(day)
        return TABLE[band, school], school

    def violation(self, rule: Rule, day: date, section: str, **fields: object) -> Violation:
        return Violation(
            rule=rule,
            day=day,
            section=section,
            age=self.age(day),
            band=self.band(day),
            **fields,  # type: ignore[arg-type]
        )


def check(
    days: Iterable[WorkDay],
    *,
    birth_date: date,
    in_compulsory_school: bool,
    school_calendar: SchoolCalendar | None = None,
    other_days: Iterable[WorkDay] = (),
    nav_funded: bool = False,
    late_work_needed: bool = False,
) -> list[Violation]:
    """Every rule the schedule `days` breaks for someone born on `birth_date`, in the order of the
    days. `other_days` are the days of the person's other agreements in the same period: an under
    18's hours there count too (§ 11-2 (4)). `late_work_needed`: the agreement says the nature of
    the work requires work in the evening (21:00–23:00 for 15–17-year-olds, 21:00–06:00 for
    adults); the hours that are never allowed stay forbidden."""
    schedule = list(days)
    others = list(other_days)
    if not schedule:
        return []
    person = _Person(birth_date, in_compulsory_school, school_calendar or kristiansand())
    found: list[Violation] = []
    first_day = min(work.day for work in schedule)
    schedule_dates = sorted({work.day for work in schedule})

    too_young = next((d for d in schedule_dates if person.age(d) < MINIMUM_AGE), None)
    if too_young is not None:
        found.append(
            person.violation(
                Rule.MINIMUM_AGE,
                too_young,
                MINIMUM_AGE_SECTION,
                limit=MINIMUM_AGE,
                actual=person.age(too_young),
            )
        )
    if nav_funded and person.age(first_day) < NAV_MINIMUM_AGE:
        found.append(
            person.violation(
                Rule.NAV_MINIMUM_AGE,
                first_day,
                NAV_SECTION,
                limit=NAV_MINIMUM_AGE,
                actual=person.age(first_day),
            )
        )

    found += _overlaps(person, schedule, others)

    # The work each rule counts: an under 18's other agreements count too, an adult's do not.
    def counted(day: date) -> list[WorkDay]:
        limits, _school = person.day_limits(day)
        return [w for w in schedule if w.day == day] + (
            [w for w in others if w.day == day] if limits.adds_up else []
        )

    def has_others(day: date) -> bool:
        return person.day_limits(day)[0].adds_up and any(w.day == day for w in others)

    for day in schedule_dates:
        found += _day_rules(person, day, counted(day), has_others(day), late_work_needed)

    found += _week_hours(person, schedule_dates, counted, has_others)
    found += _daily_rest(person, schedule, others)
    found += _night_rest(person, schedule, others)
    found += _weekly_rest(person, schedule, others)
    return sorted(found, key=lambda v: (v.day, RULE_ORDER[v.rule]))


def _overlaps(person: _Person, schedule: list[WorkDay], others: list[WorkDay]) -> list[Violation]:
    found = []
    everything = sorted(
        [(w, True) for w in schedule] + [(w, False) for w in others],
        key=lambda item: (item[0].starts, item[0].ends),
    )
    reported: set[date] = set()
    for index, (work, ours) in enumerate(everything):
        for later, later_ours in everything[index + 1 :]:
            if later.starts >= work.ends:
                break
            if (ours or later_ours) and work.day not in reported:
                reported.add(work.day)
                found.append(
                    person.violation(
                        Rule.OVERLAP,
                        work.day,
                        "",
                        limit=None,
                        actual=None,
                        with_other_agreements=not (ours and later_ours),
                    )
                )
    return found


def _day_rules(
    person: _Person, day: date, work: list[WorkDay], others: bool, late_work_needed: bool
) -> list[Violation]:
    found = []
    limits, school = person.day_limits(day)
    worked = sum(w.minutes for w in work)
    if worked > limits.day_minutes:
        found.append(
            person.violation(
                Rule.HOURS_PER_DAY,
                day,
                limits.hours_section,
                limit=limits.day_minutes,
                actual=worked,
                school=school,
                with_other_agreements=others,
            )
        )
    earliest = min(w.start for w in work)
    latest = max(w.end for w in work)
    for rule, window, section in (
        (Rule.NIGHT, limits.night, limits.night_section),
        (Rule.LATE, None if late_work_needed else limits.late, limits.late_section),
    ):
        if window is None:
            continue
        if window.start > window.end:  # across midnight: too early in the morning, or too late
            if earliest < window.end:
                found.append(
                    person.violation(rule, day, section, limit=window.end, actual=earliest)
                )
            if latest > window.start:
                found.append(
                    person.violation(rule, day, section, limit=window.start, actual=latest)
                )
        elif any(window.touched_by(w.start, w.end) for w in work):  # an evening, 21:00–23:00
            found.append(person.violation(rule, day, section, limit=window.start, actual=latest))
    pieces = _merged(work)
    gaps = sum(_whole_minutes(start - end) for (_s, end), (start, _e) in pairwise(pieces))
    pause = sum(w.break_minutes for w in work) + gaps
    for needed in limits.breaks:
        if worked > needed.over and pause < needed.at_least:
            found.append(
                person.violation(
                    Rule.BREAK,
                    day,
                    limits.break_section,
                    limit=needed.at_least,
                    actual=pause,
                    with_other_agreements=others,
                )
            )
            break
    return found


def _week_hours(
    person: _Person,
    schedule_dates: list[date],
    counted: Callable[[date], list[WorkDay]],
    has_others: Callable[[date], bool],
) -> list[Violation]:
    found = []
    mondays = sorted({d - timedelta(days=d.weekday()) for d in schedule_dates})
    for monday in mondays:
        week = [monday + timedelta(days=n) for n in range(7)]
        ours = [d for d in week if d in schedule_dates]
        # The strictest limit of the week's working days (a birthday can change it mid-week).
        limits, school, strictest_day = min(
            ((*person.week_limits(d), d) for d in ours), key=lambda row: row[0].week_minutes
        )
        # Every day of the week counts, also days of other agreements alone.
        worked = sum(w.minutes for d in week for w in counted(d))
        if worked > limits.week_minutes:
            found.append(
                Violation(
                    rule=Rule.HOURS_PER_WEEK,
                    day=monday,
                    section=limits.hours_section,
                    limit=limits.week_minutes,
                    actual=worked,
                    age=person.age(strictest_day),
                    band=limits.band,
                    school=school,
                    with_other_agreements=any(has_others(d) for d in week),
                )
            )
    return found


def _counted_pieces(
    person: _Person, schedule: list[WorkDay], others: list[WorkDay]
) -> list[WorkDay]:
    return schedule + [w for w in others if person.day_limits(w.day)[0].adds_up]


def _daily_rest(person: _Person, schedule: list[WorkDay], others: list[WorkDay]) -> list[Violation]:
    """Enough time off in a row in the 24 hours from the start of each working day."""
    found = []
    work = _counted_pieces(person, schedule, others)
    merged = _merged(work)
    other_starts = [w.starts for w in work[len(schedule) :]]
    for day in sorted({w.day for w in schedule}):
        limits, _school = person.day_limits(day)
        start = min(w.starts for w in work if w.day == day)
        longest = _longest_rest_within(merged, start, start + DAY)
        if longest < limits.daily_rest_minutes:
            found.append(
                person.violation(
                    Rule.DAILY_REST,
                    day,
                    limits.daily_rest_section,
                    limit=limits.daily_rest_minutes,
                    actual=longest,
                    with_other_agreements=any(start <= s < start + DAY for s in other_starts),
                )
            )
    return found


def _weekly_rest(
    person: _Person, schedule: list[WorkDay], others: list[WorkDay]
) -> list[Violation]:
    """A long enough rest in the course of every seven days: at most seven days less that rest
    from the end of one such rest to the start of the next. Reported once for each stretch that
    runs too long, on the day it becomes too long; then counted afresh from that day."""
    found = []
    ours = {w.day for w in schedule}
    theirs = {w.day for w in others}
    stretch_start: datetime | None = None
    previous_end: datetime | None = None
    longest = 0
    days_in_stretch: set[date] = set()
    for start, end in _merged(_counted_pieces(person, schedule, others)):
        limits, _school = person.day_limits(start.date())
        rest = timedelta(minutes=limits.weekly_rest_minutes)
        if stretch_start is None or previous_end is None or start - previous_end >= rest:
            stretch_start, longest, days_in_stretch = start, 0, set()
        else:
            longest = max(longest, _whole_minutes(start - previous_end))
        days_in_stretch.add(start.date())
        if end - stretch_start > WEEK - rest and days_in_stretch & ours:
            found.append(
                person.violation(
                    Rule.WEEKLY_REST,
                    start.date(),
                    limits.weekly_rest_section,
                    limit=limits.weekly_rest_minutes,
                    actual=longest,
                    with_other_agreements=bool(days_in_stretch & theirs - ours),
                )
            )
            stretch_start, longest, days_in_stretch = start, 0, {start.date()}
        previous_end = end
    return found


def _night_rest(person: _Person, schedule: list[WorkDay], others: list[WorkDay]) -> list[Violation]:
    """15–17-year-olds: time off in a row of at least 8 hours that takes in 23:00–06:00
    (§ 11-3 (2)). Checked for the nights before and after each day of the schedule; work inside
    the night itself is the night rule's."""
    found = []
    merged = _merged(_counted_pieces(person, schedule, others))
    evenings = sorted({w.day + offset for w in schedule for offset in (-DAY, timedelta(0))})
    for evening in evenings:
        limits, _school = person.day_limits(evening)
        if limits.night_rest_minutes is None or limits.night is None:
            continue
        night_start = datetime.combine(evening, limits.night.start)
        night_end = datetime.combine(evening + DAY, limits.night.end)
        if any(start < night_end and end > night_start for start, end in merged):
            continue
        before = max((end for _start, end in merged if end <= night_start), default=None)
        after = min((start for start, _end in merged if start >= night_end), default=None)
        if before is None or after is None:
            continue
        rest = _whole_minutes(after - before)
        if rest < limits.night_rest_minutes:
            found.append(
                person.violation(
                    Rule.NIGHT_REST,
                    evening,
                    limits.night_section,
                    limit=limits.night_rest_minutes,
                    actual=rest,
                )
            )
    return found
