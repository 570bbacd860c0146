"""Years before a date, and its 29 February."""

from datetime import date, timedelta

import pytest

from jobbes.dates import years_before
from jobbes.models.profiles import age_on


def test_years_before_keeps_the_day_of_the_year():
    assert years_before(date(2026, 6, 15), 16) == date(2010, 6, 15)


def test_29_february_falls_back_to_the_28th_in_a_common_year():
    assert years_before(date(2028, 2, 29), 17) == date(2011, 2, 28)
    assert years_before(date(2028, 2, 29), 16) == date(2012, 2, 29)


@pytest.mark.parametrize("day", [date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1)])
@pytest.mark.parametrize("years", [15, 16, 17, 18])
def test_it_is_the_latest_birth_date_of_someone_that_old(day, years):
    born = years_before(day, years)
    assert age_on(born, day) == years
    assert age_on(born + timedelta(days=1), day) == years - 1
