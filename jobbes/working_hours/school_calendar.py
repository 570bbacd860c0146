"""Which days have teaching: the school calendar the working-hours rules need for under 15s and
young people in compulsory school (arbeidsmiljøloven § 11-2 (2) a and b).

Pure: the school holidays are data (`kristiansand_school_holidays.toml`, beside this file), the
public holidays come from the `holidays` package. A day has teaching when it is a weekday, not a
public holiday and not in a school holiday. A week has teaching when any of its days has.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path

import holidays

KRISTIANSAND = Path(__file__).with_name("kristiansand_school_holidays.toml")


class HolidayKind(StrEnum):
    AUTUMN = "autumn"
    CHRISTMAS = "christmas"
    WINTER = "winter"
    EASTER = "easter"
    SUMMER = "summer"
    DAY_OFF = "day_off"


@dataclass(frozen=True)
class SchoolHoliday:
    kind: HolidayKind
    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


@dataclass(frozen=True)
class SchoolYear:
    name: str
    first_day: date
    last_day: date


@dataclass(frozen=True)
class SchoolCalendar:
    municipality: str
    school_years: tuple[SchoolYear, ...]
    holidays: tuple[SchoolHoliday, ...]
    # False until someone has compared the data with the municipality's published calendar.
    checked: bool = False

    def holiday_on(self, day: date) -> SchoolHoliday | None:
        return next((holiday for holiday in self.holidays if day in holiday), None)

    def covers(self, day: date) -> bool:
        """Whether the data says anything about `day`: inside a school year or a listed holiday.
        A weekday it does not cover counts as a day with teaching (the strict assumption)."""
        return self.holiday_on(day) is not None or any(
            year.first_day <= day <= year.last_day for year in self.school_years
        )

    def is_teaching_day(self, day: date) -> bool:
        return day.weekday() < 5 and not _is_public_holiday(day) and self.holiday_on(day) is None

    def is_teaching_week(self, day: date) -> bool:
        """Whether the (Monday to Sunday) week of `day` has at least one day with teaching."""
        monday = day - timedelta(days=day.weekday())
        return any(self.is_teaching_day(monday + timedelta(days=n)) for n in range(5))


@cache
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NO", years=year).keys())


def _is_public_holiday(day: date) -> bool:
    return day in _public_holidays(day.year)


def load(path: Path) -> SchoolCalendar:
    """Reads a school calendar file; a period that ends before it begins is refused."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    years = tuple(
        SchoolYear(name=str(row["name"]), first_day=row["first_day"], last_day=row["last_day"])
        for row in data.get("school_year", [])
    )
    periods = tuple(
        SchoolHoliday(kind=HolidayKind(row["kind"]), first=row["first"], last=row["last"])
        for row in data.get("holiday", [])
    )
    spans = [(year.first_day, year.last_day) for year in years] + [
        (holiday.first, holiday.last) for holiday in periods
    ]
    for first, last in spans:
        if not (isinstance(first, date) and isinstance(last, date)) or last < first:
            raise ValueError(f"{path.name}: {first} to {last} is not a period of dates")
    return SchoolCalendar(
        municipality=str(data["municipality"]),
        school_years=years,
        holidays=tuple(sorted(periods, key=lambda holiday: holiday.first)),
        checked=bool(data.get("checked", False)),
    )


@cache
def kristiansand() -> SchoolCalendar:
    return load(KRISTIANSAND)
