"""Each broken working-hours rule reads as one sentence naming the day, the rule with its section
and what would fit; and the rules read in plain words for each age."""

from __future__ import annotations

from datetime import date, time

import pytest

from jobbes.working_hours import Band, Rule, Violation, WorkDay, check
from jobbes.working_hours_texts import duration, rules_in_plain_words, violation_text

TUESDAY = date(2026, 6, 9)


@pytest.fixture
def norwegian(app):
    with app.test_request_context("/", headers={"Accept-Language": "nb"}):
        yield


@pytest.fixture
def english(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


def test_the_issues_own_example(norwegian) -> None:
    (too_long, _break) = check(
        [WorkDay(TUESDAY, time(9), time(18))],
        birth_date=date(2010, 1, 1),
        in_compulsory_school=False,
    )
    assert violation_text(too_long) == (
        "Tirsdag 9. juni 2026: 9 timer er for mye for en 16-åring – høyst 8 timer om dagen "
        "(aml. § 11-2 (3))."
    )


def test_the_same_in_english(english) -> None:
    (too_long, _break) = check(
        [WorkDay(TUESDAY, time(9), time(18))],
        birth_date=date(2010, 1, 1),
        in_compulsory_school=False,
    )
    assert violation_text(too_long) == (
        "Tuesday, June 9, 2026: 9 hours is too much for a 16-year-old – at most 8 hours a day "
        "(aml. § 11-2 (3))."
    )


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (30, "30 minutter"),
        (60, "1 time"),
        (270, "4½ time"),
        (480, "8 timer"),
        (495, "8 timer og 15 minutter"),
    ],
)
def test_durations(norwegian, minutes: int, words: str) -> None:
    assert duration(minutes) == words


def _check(days, born, school=False, **kwargs):
    return check(days, birth_date=born, in_compulsory_school=school, **kwargs)


@pytest.mark.parametrize(
    ("days", "born", "school", "kwargs", "expected"),
    [
        (
            [WorkDay(date(2026, 11, 10), time(15), time(17, 30))],
            date(2012, 1, 1),
            True,
            {},
            "Tirsdag 10. november 2026: 2½ time er for mye for en 14-åring – høyst 2 timer på en "
            "skoledag (aml. § 11-2 (2) a).",
        ),
        (
            [WorkDay(date(2026, 7, 7), time(13), time(20, 30), 30)],
            date(2012, 1, 1),
            True,
            {},
            "Tirsdag 7. juli 2026: å jobbe til 20:30 er for sent for en 14-åring – ikke arbeid "
            "mellom 20:00 og 06:00 (aml. § 11-3 (1)).",
        ),
        (
            [WorkDay(date(2026, 7, 7), time(5, 30), time(10, 30), 30)],
            date(2012, 1, 1),
            True,
            {},
            "Tirsdag 7. juli 2026: å begynne 05:30 er for tidlig for en 14-åring – ikke arbeid "
            "mellom 20:00 og 06:00 (aml. § 11-3 (1)).",
        ),
        (
            [WorkDay(TUESDAY, time(14), time(22), 30)],
            date(2010, 1, 1),
            False,
            {},
            "Tirsdag 9. juni 2026: arbeid etter 21:00 er nattarbeid for en 16-åring og bare lov "
            "når arbeidet krever det – slutt senest 21:00, eller skriv i avtalen hvorfor arbeidet "
            "må gjøres på kvelden (aml. § 11-3 (2)).",
        ),
        (
            [WorkDay(TUESDAY, time(9), time(14))],
            date(2010, 1, 1),
            False,
            {},
            "Tirsdag 9. juni 2026: mer enn 4½ time arbeid krever en pause på minst 30 minutter "
            "(aml. § 11-5 (1)).",
        ),
        (
            [WorkDay(TUESDAY, time(9), time(15))],
            date(2000, 1, 1),
            False,
            {},
            "Tirsdag 9. juni 2026: mer enn 5½ time arbeid krever en pause (aml. § 10-9 (1)).",
        ),
        (
            [
                WorkDay(TUESDAY, time(12), time(20), 30),
                WorkDay(date(2026, 6, 10), time(7), time(9)),
            ],
            date(2010, 1, 1),
            False,
            {},
            "Tirsdag 9. juni 2026: for lite fri – en 16-åring skal ha minst 12 timer "
            "sammenhengende fri i løpet av 24 timer, og denne planen gir 11 timer "
            "(aml. § 11-5 (2) b).",
        ),
        (
            [
                WorkDay(TUESDAY, time(6), time(7)),
                WorkDay(TUESDAY, time(22), time(23)),
                WorkDay(date(2026, 6, 10), time(6), time(7)),
            ],
            date(2010, 1, 1),
            False,
            {"late_work_needed": True},
            "Tirsdag 9. juni 2026: for lite fri rundt natta – en 16-åring skal ha minst 8 timer "
            "sammenhengende fri som tar med tiden fra 23:00 til 06:00, og denne planen gir 7 timer "
            "(aml. § 11-3 (2)).",
        ),
        (
            [WorkDay(TUESDAY, time(5), time(12), 30)],
            date(2000, 1, 1),
            False,
            {},
            "Tirsdag 9. juni 2026: arbeid før 06:00 er nattarbeid og bare lov når arbeidet krever "
            "det – begynn 06:00 eller senere, eller skriv i avtalen hvorfor arbeidet krever det "
            "(aml. § 10-11 (2)).",
        ),
        (
            [WorkDay(TUESDAY, time(9), time(11))],
            date(2011, 1, 1),
            False,
            {"nav_funded": True},
            "Jobbtrening finansiert av NAV krever at den unge har fylt 16 år – første dag, "
            "9. juni 2026, er den unge 15 (tiltaksforskriften § 1-3).",
        ),
        (
            [WorkDay(TUESDAY, time(9), time(11))],
            date(2010, 1, 1),
            False,
            {"other_days": [WorkDay(TUESDAY, time(10), time(12))]},
            "Tirsdag 9. juni 2026: disse timene overlapper med en annen avtale.",
        ),
    ],
)
def test_each_rule_in_norwegian(norwegian, days, born, school, kwargs, expected) -> None:
    assert violation_text(_check(days, born, school, **kwargs)[0]) == expected


def test_hours_added_up_say_so(norwegian) -> None:
    monday = date(2026, 11, 9)
    days = [WorkDay(date(2026, 11, 9 + n), time(15), time(17)) for n in range(5)]
    (week,) = _check(
        days, date(2012, 1, 1), True, other_days=[WorkDay(date(2026, 11, 14), time(10), time(13))]
    )
    assert week.day == monday
    assert violation_text(week) == (
        "Uke 46: 13 timer er for mye for en 14-åring – høyst 12 timer i en skoleuke "
        "(aml. § 11-2 (2) a). Timene i andre avtaler de samme dagene er regnet med "
        "(aml. § 11-2 (4))."
    )


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("rule", list(Rule))
@pytest.mark.parametrize("band", list(Band))
def test_every_rule_reads_for_every_group(app, language, rule, band) -> None:
    limit = {Rule.BREAK: 30 if band is not Band.ADULT else 1}.get(rule, 60)
    if rule in (Rule.NIGHT, Rule.LATE):
        limit, actual = time(21), time(22)
    else:
        actual = 90
    violation = Violation(rule, TUESDAY, "aml. § 0", limit, actual, 16, band, True, True)
    with app.test_request_context("/", headers={"Accept-Language": language}):
        text = violation_text(violation)
    assert "%(" not in text
    # The day, or for a week's rule its number (24).
    assert "9" in text or "24" in text


@pytest.mark.parametrize(
    ("age", "school", "present", "absent"),
    [
        (12, True, ["13 år", "2 timer", "20:00"], ["23:00"]),
        (
            14,
            True,
            ["2 timer", "12 timer", "7 timer", "35 timer", "14 timer", "48 timer", "16 år"],
            [],
        ),
        (16, True, ["2 timer", "12 timer", "20:00"], ["16 år"]),
        (
            16,
            False,
            ["8 timer", "40 timer", "23:00", "21:00", "12 timer", "4½ time"],
            ["høyst 2 timer"],
        ),
        (19, False, ["9 timer", "40 timer", "11 timer", "35 timer", "5½ time"], ["ungdomsskolen"]),
    ],
)
def test_the_rules_in_plain_words(norwegian, age, school, present, absent) -> None:
    rules = rules_in_plain_words(age, in_compulsory_school=school)
    words = " ".join(rule.text + " " + rule.section for rule in rules)
    for expected in present:
        assert expected in words
    for unexpected in absent:
        assert unexpected not in words
    assert all(rule.section for rule in rules)
