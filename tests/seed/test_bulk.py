"""Benchmark data can be made on any day, and its young people are the ages it says."""

import itertools
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


def test_bulk_interests_follow_the_flow_and_the_indicators_count_them(db_session):
    from sqlalchemy import func

    from jobbes.models import Interest, InterestEvent, InterestStatus
    from jobbes.services import indicators, interests

    now = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)
    bulk.seed(db_session, listings=30, profiles=40, today=now.date(), now=now)
    made = bulk.seed_interests(db_session, count=200, today=now.date(), now=now)
    assert made["interests"] == 200
    assert db_session.scalar(select(func.count()).select_from(InterestEvent)) == made["events"]
    for interest in db_session.scalars(select(Interest)):
        timeline = [event.status for event in interest.events]
        assert timeline[0] is InterestStatus.SENT
        assert timeline[-1] is interest.status
        # Every step is one the interests' state machine allows from the one before.
        for before, after in itertools.pairwise(timeline):
            assert any(
                before in sources and target is after
                for sources, target in interests.FLOW.steps.values()
            ), (before, after)
        assert all(event.created_at <= now for event in interest.events)
    indicators.refresh(db_session, today=now.date(), now=now)
    found = indicators.read(
        db_session, indicators.Filters(period=indicators.Period("year", date(2026, 1, 1)))
    )
    first = {s.step: s.now.value + s.before.value for s in found.funnel}
    assert first["registered"] == 40
    assert 0 < first["first_interest"] <= 40
