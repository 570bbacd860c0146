"""Two parts of issue 13 acting on one interest at the same moment, on PostgreSQL (real
connections, as tests/services/test_races.py): the employer's message against the scheduler
closing the interest unanswered, and the young person picking a time against the employer
declining."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobbes.models import (
    DeclineMessage,
    Interest,
    InterestStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Message,
    User,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, meetings, messages, reminders
from jobbes.services.state_machine import StaleState
from tests import factories
from tests.services.test_races import Act, Committed, _one_won, committed, race

__all__ = ["committed"]  # the fixture, used by name

LONG_AGO = timedelta(days=40)  # past 14 working days, whatever the holidays
SOON = meetings.Time(local_today() + timedelta(days=7), time(10), time(11))


def _people(rows: Committed, session: Session) -> tuple[User, User, Interest]:
    employer, young = factories.employer(session), factories.young_person(session)
    moderator = factories.staff(session)
    listing = factories.published_listing(session, employer, moderator)
    interest = interests.express_interest(
        session,
        profile=young.profile,
        listing=listing,
        message="Hei!",
        today=local_today(),
        now=utcnow() - LONG_AGO,
    )
    interests.mark_seen(interest, now=utcnow() - LONG_AGO)
    rows.keep(employer, young, moderator)
    return employer, young, interest


def test_the_employers_message_and_the_closing_at_once_only_one_stands(
    committed: Committed,
) -> None:
    with committed.session() as session:
        employer, _young, interest = _people(committed, session)
        session.commit()
        interest_id, employer_id = interest.id, employer.id
        deadline = reminders.answer_deadline(interest)
        assert deadline is not None
        assert deadline < utcnow()  # past its 14 working days

    def closing(session: Session) -> Act:
        seen = session.get_one(Interest, interest_id)
        return lambda: interests.close_unanswered(seen, now=utcnow())

    def writing(session: Session) -> Act:
        seen = session.get_one(Interest, interest_id)
        sender = session.get_one(User, employer_id)
        return lambda: messages.send(
            session,
            seen,
            sender=sender,
            body="Beklager at det tok tid! Kan du komme på en prat?",
            expected=InterestStatus.SEEN,
            now=utcnow(),
        )

    outcomes = race(committed, closing, writing)

    winner = _one_won(outcomes)
    loser = outcomes[1 - winner]
    with committed.session() as session:
        interest = session.get_one(Interest, interest_id)
        written = session.scalars(select(Message).where(Message.interest_id == interest_id)).all()
        if winner == 0:
            # Closed a moment before: the message is refused kindly, and nothing is half-done.
            assert isinstance(loser, messages.ConversationClosed)
            assert interest.status is InterestStatus.UNANSWERED
            assert interest.employer_answered_at is None
            assert written == []
        else:
            # The message is the answer: the interest stays open, with its clock stopped.
            assert isinstance(loser, StaleState)
            assert interest.status is InterestStatus.SEEN
            assert interest.employer_answered_at is not None
            assert len(written) == 1


def test_picking_a_time_and_a_decline_at_once_never_leave_a_time_on_an_ended_interest(
    committed: Committed,
) -> None:
    with committed.session() as session:
        employer, _young, interest = _people(committed, session)
        meetings.propose(
            session,
            interest,
            by=employer,
            kind=MeetingKind.TALK,
            times=[SOON],
            place="Her",
            contact_name="Kari",
            contact_phone=None,
            now=utcnow(),
        )
        session.commit()
        interest_id = interest.id

    def picking(session: Session) -> Act:
        seen = session.get_one(Interest, interest_id)
        return lambda: meetings.choose(seen, seen_round=1, position=1, now=utcnow())

    def declining(session: Session) -> Act:
        seen = session.get_one(Interest, interest_id)
        return lambda: interests.employer_step(
            seen,
            "decline",
            now=utcnow(),
            decline_message=DeclineMessage.FILLED,
            expected=InterestStatus.TALK,
        )

    outcomes = race(committed, picking, declining)

    # The decline always stands (the employer saw the interest in a talk, where it still is);
    # the pick either came first, and the decline ended it after, or it is refused plainly.
    assert outcomes[1] is None
    with committed.session() as session:
        interest = session.get_one(Interest, interest_id)
        meeting = session.scalars(select(Meeting).where(Meeting.interest_id == interest_id)).one()
        assert interest.status is InterestStatus.DECLINED
        if outcomes[0] is None:
            assert meeting.status is MeetingStatus.CHOSEN
        else:
            assert isinstance(outcomes[0], meetings.Changed)
            assert outcomes[0].why is meetings.Why.ENDED
            assert meeting.status is MeetingStatus.PROPOSED
        # Either way the time is gone from both sides' pages and from the reminders.
        assert meetings.shown(interest) is None
        assert not messages.is_open(interest)
