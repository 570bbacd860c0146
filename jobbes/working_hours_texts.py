"""The working-hours rules in words, in the reader's language: each broken rule as one sentence
naming the day, the rule, its section and what would fit ("Tirsdag 9. juni 2026: 9 timer er for
mye for en 16-åring – høyst 8 timer om dagen (aml. § 11-2 (3))."), and the rules for one young
person in plain words. The rules themselves are in `jobbes.working_hours`, which knows no words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from babel import dates

from jobbes.i18n import current_language, gettext, ngettext
from jobbes.working_hours import (
    NAV_MINIMUM_AGE,
    TABLE,
    Band,
    Limits,
    Rule,
    Violation,
    limits,
)
from jobbes.working_hours.rules import (
    ADDING_UP_SECTION,
    MINIMUM_AGE,
    MINIMUM_AGE_SECTION,
    NAV_SECTION,
)


def duration(minutes: int) -> str:
    """ "8 timer", "4½ timer", "30 minutter", "8 timer og 15 minutter"."""
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return ngettext("%(num)d minute", "%(num)d minutes", rest)
    if rest == 0:
        return ngettext("%(num)d hour", "%(num)d hours", hours)
    if rest == 30:
        return gettext("%(hours)s½ hours", hours=hours)
    return gettext(
        "%(hours)s and %(minutes)s",
        hours=ngettext("%(num)d hour", "%(num)d hours", hours),
        minutes=ngettext("%(num)d minute", "%(num)d minutes", rest),
    )


def clock(moment: time) -> str:
    return str(dates.format_time(moment, "short", locale=current_language()))


def weekday(day: date) -> str:
    """The day with its weekday, as a sentence starts: "Tirsdag 9. juni 2026"."""
    text = str(dates.format_date(day, "full", locale=current_language()))
    return text[:1].upper() + text[1:]


def _minutes(value: int | time | None) -> int:
    return value if isinstance(value, int) else 0


def _time(value: int | time | None) -> time:
    return value if isinstance(value, time) else time(0)


def violation_text(violation: Violation) -> str:
    """One sentence for one broken rule."""
    v = violation
    words = {
        "day": weekday(v.day),
        "age": str(v.age),
        "section": v.section,
    }
    text = _sentence(v, words)
    if v.with_other_agreements and v.rule is not Rule.OVERLAP:
        text += " " + gettext(
            "The hours in other agreements on the same days are counted too (%(section)s).",
            section=ADDING_UP_SECTION,
        )
    return text


def _sentence(v: Violation, words: dict[str, str]) -> str:
    limits_now = TABLE[v.band, v.school]
    if v.rule is Rule.HOURS_PER_DAY:
        words |= {"worked": duration(_minutes(v.actual)), "limit": duration(_minutes(v.limit))}
        if v.band is Band.CHILD and v.school:
            return gettext(
                "%(day)s: %(worked)s is too much for a %(age)s-year-old – at most %(limit)s on a school day (%(section)s).",
                **words,
            )
        elif v.band is Band.CHILD:
            return gettext(
                "%(day)s: %(worked)s is too much for a %(age)s-year-old – at most %(limit)s on a day without school (%(section)s).",
                **words,
            )
        else:
            return gettext(
                "%(day)s: %(worked)s is too much for a %(age)s-year-old – at most %(limit)s a day (%(section)s).",
                **words,
            )
    if v.rule is Rule.HOURS_PER_WEEK:
        words |= {
            "week": str(v.day.isocalendar().week),
            "worked": duration(_minutes(v.actual)),
            "limit": duration(_minutes(v.limit)),
        }
        if v.band is Band.CHILD and v.school:
            return gettext(
                "Week %(week)s: %(worked)s is too much for a %(age)s-year-old – at most %(limit)s in a week with school (%(section)s).",
                **words,
            )
        elif v.band is Band.CHILD:
            return gettext(
                "Week %(week)s: %(worked)s is too much for a %(age)s-year-old – at most %(limit)s in a week without school (%(section)s).",
                **words,
            )
        else:
            return gettext(
                "Week %(week)s: %(worked)s is too much for a %(age)s-year-old – at most %(limit)s a week (%(section)s).",
                **words,
            )
    if v.rule in (Rule.NIGHT, Rule.LATE):
        # (An adult has no hours that are never allowed; their late hours stand in.)
        window = (limits_now.night if v.rule is Rule.NIGHT else limits_now.late) or limits_now.late
        early = _time(v.actual) < _time(v.limit)
        words |= {"time": clock(_time(v.actual)), "limit": clock(_time(v.limit))}
        if window is not None:
            words |= {"from": clock(window.start), "until": clock(window.end)}
        if v.rule is Rule.NIGHT and early:
            return gettext(
                "%(day)s: starting at %(time)s is too early for a %(age)s-year-old – no work between %(from)s and %(until)s (%(section)s).",
                **words,
            )
        elif v.rule is Rule.NIGHT:
            return gettext(
                "%(day)s: working until %(time)s is too late for a %(age)s-year-old – no work between %(from)s and %(until)s (%(section)s).",
                **words,
            )
        elif early:
            return gettext(
                "%(day)s: work before %(limit)s is night work, allowed only when the work itself requires it – start at %(limit)s or later, or say in the agreement why the work needs it (%(section)s).",
                **words,
            )
        else:
            return gettext(
                "%(day)s: work after %(limit)s is night work for a %(age)s-year-old, allowed only when the work itself requires it – end by %(limit)s, or say in the agreement why the work needs the evening (%(section)s).",
                **words,
            )
    if v.rule is Rule.BREAK:
        needed = next(b for b in limits_now.breaks if b.at_least == v.limit)
        if needed.at_least == 1:
            return gettext(
                "%(day)s: more than %(over)s of work needs a break (%(section)s).",
                over=duration(needed.over),
                **words,
            )
        if v.band is Band.ADULT:
            return gettext(
                "%(day)s: %(over)s of work or more needs breaks of at least %(limit)s in all (%(section)s).",
                over=duration(needed.over + 1),
                limit=duration(needed.at_least),
                **words,
            )
        return gettext(
            "%(day)s: more than %(over)s of work needs a break of at least %(limit)s (%(section)s).",
            over=duration(needed.over),
            limit=duration(needed.at_least),
            **words,
        )
    if v.rule is Rule.NIGHT_REST:
        night = limits_now.night or limits_now.late
        return gettext(
            "%(day)s: too little time off around the night – a %(age)s-year-old needs at least %(limit)s off in a row that takes in %(from)s to %(until)s, and this plan gives %(actual)s (%(section)s).",
            limit=duration(_minutes(v.limit)),
            actual=duration(_minutes(v.actual)),
            **{
                "from": clock(night.start) if night else "",
                "until": clock(night.end) if night else "",
            },
            **words,
        )
    if v.rule is Rule.DAILY_REST:
        return gettext(
            "%(day)s: too little time off – a %(age)s-year-old needs at least %(limit)s off in a row in each 24 hours, and this plan gives %(actual)s (%(section)s).",
            limit=duration(_minutes(v.limit)),
            actual=duration(_minutes(v.actual)),
            **words,
        )
    if v.rule is Rule.WEEKLY_REST:
        return gettext(
            "%(day)s: too many days in a row – a %(age)s-year-old needs at least %(limit)s off in a row in the course of seven days (%(section)s).",
            limit=duration(_minutes(v.limit)),
            **words,
        )
    if v.rule is Rule.OVERLAP:
        if v.with_other_agreements:
            return gettext("%(day)s: these hours overlap with another agreement.", **words)
        return gettext("%(day)s: two times on the same day overlap.", **words)
    if v.rule is Rule.MINIMUM_AGE:
        return gettext(
            "%(day)s: a %(age)s-year-old may not work – the lowest age is %(limit)s, and then only for light work (%(section)s).",
            limit=str(v.limit),
            **words,
        )
    return gettext(
        "A trial funded by NAV needs the young person to be at least %(limit)s – on the first day, %(day)s, they are %(age)s (%(section)s).",
        limit=str(v.limit),
        **(words | {"day": str(dates.format_date(v.day, "long", locale=current_language()))}),
    )


@dataclass(frozen=True)
class PlainRule:
    text: str
    section: str


def _rest_and_break(limits_now: Limits) -> list[PlainRule]:
    rules = [
        PlainRule(
            gettext(
                "You need at least %(daily)s off in a row every day, and at least %(weekly)s off in a row every week – on a weekend if possible.",
                daily=duration(limits_now.daily_rest_minutes),
                weekly=duration(limits_now.weekly_rest_minutes),
            ),
            f"{limits_now.daily_rest_section}, {limits_now.weekly_rest_section}",
        )
    ]
    if limits_now.band is Band.ADULT:
        short, long = limits_now.breaks
        rules.append(
            PlainRule(
                gettext(
                    "When you work more than %(short)s in a day, you get a break; from %(long)s, breaks of at least %(minutes)s in all.",
                    short=duration(short.over),
                    long=duration(long.over + 1),
                    minutes=duration(long.at_least),
                ),
                limits_now.break_section,
            )
        )
    else:
        (needed,) = limits_now.breaks
        rules.append(
            PlainRule(
                gettext(
                    "When you work more than %(over)s in a day, you get a break of at least %(minutes)s.",
                    over=duration(needed.over),
                    minutes=duration(needed.at_least),
                ),
                limits_now.break_section,
            )
        )
    return rules


def rules_in_plain_words(age: int, *, in_compulsory_school: bool) -> list[PlainRule]:
    """What the law says about the working hours of someone of `age`, in the second person."""
    school = limits(age, in_compulsory_school=in_compulsory_school, holiday=False)
    free = limits(age, in_compulsory_school=in_compulsory_school, holiday=True)
    rules: list[PlainRule] = []
    if age < MINIMUM_AGE:
        rules.append(
            PlainRule(
                gettext(
                    "You can work from the age of %(age)s, and then only light work.",
                    age=str(MINIMUM_AGE),
                ),
                MINIMUM_AGE_SECTION,
            )
        )
    if school.band is Band.CHILD:
        if age >= MINIMUM_AGE:
            rules.append(
                PlainRule(
                    gettext(
                        "Until you are 15 and have finished compulsory school, you may only do light work."
                    ),
                    "aml. § 11-1 (1)",
                )
            )
        rules += [
            PlainRule(
                gettext(
                    "On a school day you may work at most %(day)s, and at most %(week)s in a week with school.",
                    day=duration(school.day_minutes),
                    week=duration(school.week_minutes),
                ),
                school.hours_section,
            ),
            PlainRule(
                gettext(
                    "On a day without school you may work up to %(day)s, and up to %(week)s in a week without school, such as a holiday week.",
                    day=duration(free.day_minutes),
                    week=duration(free.week_minutes),
                ),
                free.hours_section,
            ),
        ]
    elif school.band is Band.YOUTH:
        rules.append(
            PlainRule(
                gettext(
                    "You may work at most %(day)s a day and %(week)s a week.",
                    day=duration(school.day_minutes),
                    week=duration(school.week_minutes),
                ),
                school.hours_section,
            )
        )
    else:
        rules.append(
            PlainRule(
                gettext(
                    "Without overtime, work is at most %(day)s a day and %(week)s a week.",
                    day=duration(school.day_minutes),
                    week=duration(school.week_minutes),
                ),
                school.hours_section,
            )
        )
    if school.night is not None:
        rules.append(
            PlainRule(
                gettext(
                    "You may not work between %(from)s and %(until)s.",
                    **{"from": clock(school.night.start), "until": clock(school.night.end)},
                )
                + (
                    " "
                    + gettext(
                        "Around the night you need at least %(hours)s off in a row.",
                        hours=duration(school.night_rest_minutes),
                    )
                    if school.night_rest_minutes
                    else ""
                ),
                school.night_section,
            )
        )
    if school.late is not None:
        rules.append(
            PlainRule(
                gettext(
                    "Work between %(from)s and %(until)s is night work, allowed only when the work itself requires it.",
                    **{"from": clock(school.late.start), "until": clock(school.late.end)},
                ),
                school.late_section,
            )
        )
    rules += _rest_and_break(school)
    if school.band is not Band.ADULT:
        rules += [
            PlainRule(
                gettext(
                    "If you have more than one job or trial, all your hours count together, also for the limits above."
                ),
                ADDING_UP_SECTION,
            ),
            PlainRule(
                gettext("Work must not get in the way of school or of what you learn there."),
                "aml. § 11-2 (1)",
            ),
        ]
    if age < NAV_MINIMUM_AGE:
        rules.append(
            PlainRule(
                gettext(
                    "A trial funded by NAV needs you to be %(age)s or older.",
                    age=str(NAV_MINIMUM_AGE),
                ),
                NAV_SECTION,
            )
        )
    return rules
