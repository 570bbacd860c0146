"""Response rates in the open, with every number worked out by hand below.

Now is Friday 24 April 2026 at noon. Easter 2026: 2, 3 and 6 April are public holidays.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.services import interests, response_rates
from tests import factories

NOW = datetime(2026, 4, 24, 12, 0, tzinfo=LOCAL_TIMEZONE).astimezone(UTC)


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TIMEZONE).astimezone(UTC)


@pytest.fixture
def employer(db_session):
    return factories.employer(db_session)


@pytest.fixture
def listing(db_session, employer):
    return factories.published_listing(db_session, employer, minimum_age=16)


def sent(db_session, listing, at: datetime):
    young = factories.young_person(db_session)
    return interests.express_interest(
        db_session,
        profile=young.profile,
        listing=listing,
        message=None,
        today=at.astimezone(LOCAL_TIMEZONE).date(),
        now=at,
    )


@pytest.fixture
def history(db_session, listing, employer):
    """Seven interests in the last 90 days, one older, and one at another organisation."""
    # 1. Mon 13 Apr 10:00, answered Tue 10:00: 1 working day, on time.
    one = sent(db_session, listing, oslo(2026, 4, 13, 10))
    interests.employer_step(one, "invite_to_talk", now=oslo(2026, 4, 14, 10))
    # 2. Mon 13 Apr 11:00, answered Wed 11:00: 2 working days, on time.
    two = sent(db_session, listing, oslo(2026, 4, 13, 11))
    interests.mark_answered(two, oslo(2026, 4, 15, 11))  # a message is an answer
    # 3. Wed 1 Apr 10:00, answered Thu 9 Apr 10:00: 3 working days over Easter
    #    (14 h on the 1st, the 7th and 8th, 10 h on the 9th = 72 h); due Mon 13th: on time.
    three = sent(db_session, listing, oslo(2026, 4, 1, 10))
    interests.employer_step(
        three, "decline", now=oslo(2026, 4, 9, 10), decline_message=interests.DeclineMessage.FILLED
    )
    # 4. Tue 14 Apr 09:00, due Tue 21st 09:00, answered Wed 22nd 09:00: 6 working days, late.
    four = sent(db_session, listing, oslo(2026, 4, 14, 9))
    interests.employer_step(four, "invite_to_talk", now=oslo(2026, 4, 22, 9))
    # 5. Wed 15 Apr 09:00, due Wed 22nd 09:00, read but never answered: late, waiting 7 days.
    five = sent(db_session, listing, oslo(2026, 4, 15, 9))
    interests.mark_seen(five, now=oslo(2026, 4, 15, 12))
    # 6. Thu 23 Apr 09:00, unanswered but due only on Thu 30th: not counted yet.
    sent(db_session, listing, oslo(2026, 4, 23, 9))
    # 7. Mon 20 Apr, withdrawn the next day, before its 5 working days were over: not counted.
    seven = sent(db_session, listing, oslo(2026, 4, 20, 9))
    interests.withdraw(seven, now=oslo(2026, 4, 21, 9))
    # Older than 90 days (before 24 January): not counted.
    sent(db_session, listing, oslo(2026, 1, 5, 9))
    # Another organisation's: not counted.
    other = factories.employer(db_session, organisation_name="Andre AS")
    sent(db_session, factories.published_listing(db_session, other), oslo(2026, 4, 13, 9))
    db_session.flush()
    return {"late": [four.id, five.id]}


def test_the_numbers_are_the_ones_worked_out_by_hand(db_session, employer, history):
    rate = response_rates.of_organisation(db_session, employer.organisation_id, now=NOW)
    assert (rate.judged, rate.on_time) == (5, 3)
    # Answers took 1, 2, 3 and 6 working days: the median is 2.5, read as "within 3".
    assert sorted(round(days, 3) for days in rate.answer_times) == [1, 2, 3, 6]
    assert rate.typical_days == 3
    assert rate.shown
    assert [late.interest_id for late in rate.late] == history["late"]
    assert [late.working_days for late in rate.late] == [6, 7]


def test_it_is_shown_only_from_five_interests_that_can_be_counted(db_session, employer, listing):
    for day in (13, 14, 15, 16):
        made = sent(db_session, listing, oslo(2026, 4, day, 9))
        interests.employer_step(made, "invite_to_talk", now=oslo(2026, 4, day, 15))
    rate = response_rates.of_organisation(db_session, employer.organisation_id, now=NOW)
    assert (rate.judged, rate.on_time, rate.shown) == (4, 4, False)
    made = sent(db_session, listing, oslo(2026, 4, 17, 9))
    interests.employer_step(made, "invite_to_talk", now=oslo(2026, 4, 17, 10))
    rate = response_rates.of_organisation(db_session, employer.organisation_id, now=NOW)
    assert (rate.judged, rate.shown, rate.typical_days) == (5, True, 1)


def test_an_organisation_with_nothing_has_an_empty_rate(db_session, employer):
    rate = response_rates.of_organisation(db_session, employer.organisation_id, now=NOW)
    assert (rate.judged, rate.on_time, rate.typical_days, rate.shown) == (0, 0, None, False)


def test_several_organisations_take_one_query(db_session, connection, employer, history):
    other = factories.employer(db_session, organisation_name="Tredje AS")
    db_session.flush()
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(connection, "before_cursor_execute", count)
    try:
        rates = response_rates.of_organisations(
            db_session, [employer.organisation_id, other.organisation_id], now=NOW
        )
    finally:
        event.remove(connection, "before_cursor_execute", count)
    assert len(statements) == 1
    assert rates[employer.organisation_id].judged == 5
    assert rates[other.organisation_id].judged == 0
