"""The programme's numbers, worked out from a small world whose every number is counted by hand
in the comments, and the rules that keep small numbers from pointing at a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import select

from jobbes.models import DeclineMessage, IndicatorCount, Interest, Listing, User
from jobbes.models.base import local_today, utcnow
from jobbes.services import indicators, interests
from jobbes.services.indicators import Count, Filters, Period, median_days, rate
from jobbes.vocabulary import ListingType, Sector
from tests import factories

TODAY = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)
MAY = Period("month", date(2026, 5, 1))


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


@dataclass
class World:
    trial: Listing  # job trial, private organisation A, Kvadraturen, published 20 February
    apprenticeship: Listing  # public organisation B, Lund, published 3 May


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def _interest(session, person: User, listing: Listing, sent: datetime) -> Interest:
    return interests.express_interest(
        session,
        profile=person.profile,
        listing=listing,
        message=None,
        today=local_today(),
        now=sent,
    )


@pytest.fixture
def world(db_session, frozen) -> World:
    """Three young people:

    P1, 19 (18–24), lives in Lund: registered 10 April, profile complete 11 April;
        interest in the trial 2 May, talk 5 May, trial agreed 9 May (12–20 May), offer 25 May,
        hired 27 May.
    P2, 16 (15–17), no area: registered 3 May; interest in the apprenticeship 4 May, declined
        14 May.
    P3, 19: registered 1 March; interest in the trial 2 March, never answered.
    """
    moderator = factories.staff(db_session)
    employer_a = factories.employer(db_session, organisation_name="A AS")
    employer_b = factories.employer(db_session, organisation_name="B kommune")
    trial = factories.published_listing(db_session, employer_a, moderator, area="kvadraturen")
    apprenticeship = factories.published_listing(
        db_session,
        employer_b,
        moderator,
        listing_type=ListingType.APPRENTICESHIP,
        trial_pay=None,
        area="lund",
    )
    employer_a.organisation.sector = Sector.PRIVATE
    employer_b.organisation.sector = Sector.PUBLIC
    trial.published_at = at(2, 20)
    apprenticeship.published_at = at(5, 3)

    p1 = factories.findable_young_person(db_session, age=19)
    p1.created_at = at(4, 10)
    p1.profile.home_area = "lund"
    p1.profile.completed_at = at(4, 11)
    p2 = factories.young_person(db_session, age=16)
    p2.created_at = at(5, 3)
    p3 = factories.young_person(db_session, age=19)
    p3.created_at = at(3, 1)
    db_session.flush()

    one = _interest(db_session, p1, trial, at(5, 2))
    interests.employer_step(one, "invite_to_talk", now=at(5, 5))
    interests.employer_step(
        one,
        "agree_trial",
        now=at(5, 9),
        trial_start=date(2026, 5, 12),
        trial_end=date(2026, 5, 20),
    )
    interests.employer_step(one, "offer", now=at(5, 25))
    interests.answer_offer(one, accept=True, now=at(5, 27))
    two = _interest(db_session, p2, apprenticeship, at(5, 4))
    interests.employer_step(two, "decline", now=at(5, 14), decline_message=DeclineMessage.NOT_NOW)
    _interest(db_session, p3, trial, at(3, 2))
    db_session.flush()
    indicators.refresh(db_session, today=local_today(), now=utcnow())
    return World(trial=trial, apprenticeship=apprenticeship)


def numbers(db_session, **filters) -> indicators.Indicators:
    return indicators.read(db_session, Filters(period=MAY, **filters))


def funnel(found: indicators.Indicators) -> dict[str, tuple[int, int]]:
    return {s.step: (s.now.value, s.before.value) for s in found.funnel}


def test_the_funnel_counts_each_first_in_its_month(db_session, world):
    # (May, April), by hand from the world above.
    assert funnel(numbers(db_session)) == {
        "registered": (1, 1),  # P2 in May; P1 in April (P3 was March)
        "complete_profile": (0, 1),  # P1's, 11 April; P2 and P3 have filled in nothing
        "first_interest": (2, 0),  # P1 2 May, P2 4 May (P3's was March)
        "first_answer": (2, 0),  # P1's talk 5 May, P2's kind no 14 May
        "talk": (1, 0),
        "trial_agreed": (1, 0),
        # Ended 20 May, before today (15 June), but its agreement was never signed, let alone
        # completed: an agreement, where there is one, decides.
        "trial_completed": (0, 0),
        "offer": (1, 0),
        "hired": (1, 0),
    }


def test_filters_by_age_band_area_and_kind(db_session, world):
    young = funnel(numbers(db_session, age_band="15-17"))
    # Only P2 was 15–17: registered in May, interested and answered in May.
    assert young["registered"] == (1, 0)
    assert young["first_interest"] == (1, 0)
    assert young["first_answer"] == (1, 0)
    assert young["hired"] == (0, 0)

    lund = numbers(db_session, area="lund")
    # P1 lives in Lund: registered in April, interested in May. The apprenticeship is in Lund.
    assert funnel(lund)["registered"] == (0, 1)
    assert funnel(lund)["first_interest"] == (1, 0)
    assert lund.listings_by_kind["apprenticeship"].now.value == 1
    assert lund.listings_by_kind["job_trial"].now.value == 0
    assert lund.active_by_sector["public"].now.value == 1  # B, through its Lund listing
    assert lund.active_by_sector["private"].now.value == 0  # A's listing is in Kvadraturen

    kind = numbers(db_session, listing_type="apprenticeship")
    # Registration does not depend on the kind; the interest steps count only P2's.
    assert funnel(kind)["registered"] == (1, 1)
    assert funnel(kind)["first_interest"] == (1, 0)
    assert funnel(kind)["talk"] == (0, 0)
    assert list(kind.listings_by_kind) == ["apprenticeship"]
    assert kind.listings_by_kind["apprenticeship"].now.value == 1


def test_waiting_times_and_the_eight_week_rule(db_session, world):
    found = numbers(db_session)
    # P1 waited 3 days for an answer, P2 10 days: two waits, too few for a median.
    assert found.answered.now.value == 2
    assert found.median_answer == (None, None)
    assert found.trialled.now.value == 1  # P1: 2 May to 9 May
    trend = {m.month: (m.looking.value, m.past_limit.value) for m in found.waiting}
    assert len(trend) == 12
    assert trend[date(2026, 2, 1)] == (0, 0)
    # P3 since 2 March: at the end of March 30 days, of April 60 days (> 8 weeks, no offer).
    assert trend[date(2026, 3, 1)] == (1, 0)
    assert trend[date(2026, 4, 1)] == (1, 1)
    # End of May: P3 still waiting; P2 looking for 28 days; P1 was hired on 27 May.
    assert trend[date(2026, 5, 1)] == (2, 1)
    assert found.waiting_now is not None
    assert found.waiting_now.month == date(2026, 5, 1)


def test_the_employers_numbers(db_session, world):
    found = numbers(db_session)
    active = {s: (p.now.value, p.before.value) for s, p in found.active_by_sector.items()}
    # A received P1's interest in May; B published and received P2's; nobody in April.
    assert active == {"private": (1, 0), "public": (1, 0), "voluntary": (0, 0), "": (0, 0)}
    assert found.trials_by_sector["private"].now.value == 1
    assert found.listings_by_kind["apprenticeship"].now.value == 1
    assert found.listings_by_kind["job_trial"].now.value == 0  # published in February
    # Each received one interest in May: too few to work out a rate.
    assert found.too_few_to_rate.now.value == 2
    assert [n.value for _b, n, _p in found.response_rates] == [0, 0, 0, 0]
    assert found.hires_by_kind["job_trial"].now.value == 1
    assert found.hires_by_kind["apprenticeship"].now.value == 0


def test_refreshing_twice_gives_the_same_rows(db_session, world):
    def rows():
        return sorted(
            db_session.execute(
                select(
                    IndicatorCount.month,
                    IndicatorCount.metric,
                    IndicatorCount.age_band,
                    IndicatorCount.area,
                    IndicatorCount.listing_type,
                    IndicatorCount.sector,
                    IndicatorCount.bucket,
                    IndicatorCount.count,
                )
            ).all()
        )

    before = rows()
    indicators.refresh(db_session, today=local_today(), now=utcnow())
    assert rows() == before
    assert indicators.last_refresh(db_session).as_of == date(2026, 6, 15)


def test_no_birth_date_is_kept_in_the_counts():
    columns = set(IndicatorCount.__table__.columns.keys())
    assert not {"birth_date", "user_id", "profile_id"} & columns


def test_rates_are_shown_from_five_and_hidden_below(db_session, frozen):
    moderator = factories.staff(db_session)
    employer = factories.employer(db_session)
    trial = factories.published_listing(db_session, employer, moderator)
    people = [factories.young_person(db_session, age=20) for _ in range(6)]
    for n, person in enumerate(people):
        sent = _interest(db_session, person, trial, at(5, 2 + n))
        if n < 5:  # five answered, on the seventh day after each one's interest
            interests.employer_step(sent, "invite_to_talk", now=at(5, 9 + n))
    indicators.refresh(db_session, today=local_today(), now=utcnow())
    found = numbers(db_session)
    steps = {s.step: s for s in found.funnel}
    assert steps["first_interest"].now.value == 6
    assert steps["first_answer"].now.value == 5
    assert steps["first_answer"].conversion_now == pytest.approx(5 / 6)
    assert steps["talk"].conversion_now == pytest.approx(5 / 5)
    assert steps["trial_agreed"].conversion_now is None  # 0 trials: too few
    assert found.median_answer[0] == 7  # 7, 7, 7, 7, 7 days
    # The organisation received 6 and answered 5: 83 %, in the 75–100 % band.
    assert [n.value for _b, n, _p in found.response_rates] == [0, 0, 0, 1]


def test_small_counts_are_shown_as_under_five():
    assert Count(0).shown == "<5"
    assert Count(4).shown == "<5"
    assert Count(4).plotted is None
    assert Count(5).shown == "5"
    assert Count(5).plotted == 5


def test_a_rate_needs_five_on_both_sides():
    assert rate(4, 10) is None
    assert rate(10, 4) is None
    assert rate(5, 10) == 0.5


def test_the_median_of_days_waited_is_counted_by_hand():
    assert median_days({3: 1, 4: 3, 10: 1}) == 4  # 3, 4, 4, 4, 10
    assert median_days({1: 3, 9: 3}) == 5  # 1, 1, 1, 9, 9, 9: between 1 and 9
    assert median_days({2: 4}) is None  # four people: too few


@pytest.mark.parametrize(
    ("key", "kind", "start", "previous"),
    [
        ("2026-05", "month", date(2026, 5, 1), date(2026, 4, 1)),
        ("2026-01", "month", date(2026, 1, 1), date(2025, 12, 1)),
        ("2026-Q2", "quarter", date(2026, 4, 1), date(2026, 1, 1)),
        ("2026-Q1", "quarter", date(2026, 1, 1), date(2025, 10, 1)),
        ("2026", "year", date(2026, 1, 1), date(2025, 1, 1)),
    ],
)
def test_periods_and_the_one_before(key, kind, start, previous):
    period = Period.parse(key)
    assert period is not None
    assert (period.kind, period.start, period.previous.start) == (kind, start, previous)
    assert period.key == key


@pytest.mark.parametrize("key", ["", "2026-13", "2026-Q5", "abcd", "2026-05-01", "x-y"])
def test_a_period_that_does_not_exist_is_none(key):
    assert Period.parse(key) is None


def test_ages_are_counted_in_sql_as_in_python(db_session):
    """29 February birthdays count on 1 March, on SQLite and PostgreSQL alike."""
    cases = [
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2006, 3, 1), date(2024, 2, 29), 17),
        (date(2006, 3, 1), date(2024, 3, 1), 18),
        (date(2000, 12, 31), date(2026, 1, 1), 25),
    ]
    for birth, day, age in cases:
        assert db_session.scalar(select(indicators.age_at(birth, day))) == age, (birth, day)


def test_outcomes_come_from_evaluations_and_follow_ups_and_completion_from_agreements(db_session):
    from jobbes.models import Attendance, FollowUp, NowDoing, Outcome
    from jobbes.services import evaluations, notifications
    from jobbes.services.evaluations import EmployerPart

    done = factories.finished_agreement(db_session)
    evaluation = evaluations.ask(db_session, done, today=local_today(), now=utcnow())
    employer = notifications.members_of(db_session, done.organisation)[0]
    evaluations.write_employer_part(
        db_session,
        evaluation,
        employer,
        EmployerPart(Attendance.COMPLETED, "Bra", None, Outcome.ANOTHER_TRIAL),
        now=utcnow(),
    )
    # Started, its last day past, but never completed (the scheduler has not run): an agreement
    # of its own decides, not the interest's last day.
    factories.finished_agreement(db_session, complete=False)
    # A trial without an agreement (agreed before there were any): its last day decides.
    without = factories.finished_agreement(db_session, complete=False)
    db_session.delete(without)
    db_session.flush()
    three = evaluations.add_months(done.end_date, 3)
    with time_machine.travel(datetime.combine(three, datetime.min.time(), UTC), tick=False):
        evaluations.follow_up(db_session, today=three, now=utcnow())
    asked = db_session.scalars(select(FollowUp).where(FollowUp.agreement_id == done.id)).one()
    evaluations.answer_follow_up(asked, NowDoing.SCHOOL, now=utcnow())
    indicators.refresh(db_session, today=three, now=utcnow())

    ended = indicators.read(db_session, Filters(Period.containing("month", done.end_date)))
    assert funnel(ended)["trial_completed"][0] == 2
    written = indicators.read(
        db_session, Filters(Period.containing("month", evaluation.employer_at.date()))
    )
    assert {k: p.now.value for k, p in written.outcomes.items()} == {
        "job": 0,
        "apprenticeship": 0,
        "summer_job": 0,
        "another_trial": 1,
        "no_offer": 0,
    }
    followed = indicators.read(db_session, Filters(Period.containing("month", three)))
    said = {k: p.now.value for k, p in followed.follow_ups[3].items()}
    assert said == evaluations.follow_up_counts(db_session, months=3)
    assert said["school"] == 1
    assert all(p.now.value == 0 for p in followed.follow_ups[6].values())
