"""Benchmark data can be made on any day, and its young people are the ages it says."""

from datetime import UTC, date, datetime

from sqlalchemy import select

from jobbes.models import Profile
from jobbes.models.profiles import age_on
from jobbes.seed import bulk

LEAP_DAY = date(2028, 2, 29)


def test_bulk_data_can_be_made_on_29_february_with_young_people_aged_15_to_29(db_session):
    bulk.seed(
        db_session,
        listings=5,
        profiles=20,
        today=LEAP_DAY,
        now=datetime(2028, 2, 29, 9, 0, tzinfo=UTC),
    )
    births = db_session.scalars(select(Profile.birth_date)).all()
    assert len(births) == 20
    assert {age_on(born, LEAP_DAY) for born in births} <= set(range(15, 30))
