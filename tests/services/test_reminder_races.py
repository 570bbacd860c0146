"""Does the scheduler closing an interest, or reminding about it, lose cleanly to an answer given
at the same moment, and do two runs at once remind only once? Real races on PostgreSQL (two
connections, two threads, one barrier), with the helpers of tests/services/test_races.py.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobbes.models import Interest, InterestEvent, InterestStatus, Notification, NotificationKind
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, reminders
from jobbes.services.state_machine import StaleState
from tests import factories
from tests.services.test_races import Act, Committed, _one_won, committed, race

__all__ = ["committed"]  # the fixture, used by name

LATER = timedelta(days=40)  # at least 14 working days, whatever the holidays


def _waiting_interest(rows: Committed, *, sent_ago: timedelta) -> int:
    with rows.session() as session:
        employer, young = factories.employer(session), factories.young_person(session)
        moderator = factories.staff(session)
        listing = factories.published_listing(session, employer, moderator)
        interest = interests.express_interest(
            session,
            profile=young.profile,
            listing=listing,
            message=None,
            today=local_today(),
            now=utcnow() - sent_ago,
        )
        interests.mark_seen(interest, now=utcnow() - sent_ago)
        session.commit()
        rows.keep(employer, young, moderator)
        return interest.id


def _timeline(session: Session, interest_id: int) -> list[InterestStatus]:
    return list(
        session.scalars(
            select(InterestEvent.status)
            .where(InterestEvent.interest_id == interest_id)
            .order_by(InterestEvent.id)
        )
    )


def test_closing_and_an_employers_step_at_once_only_one_stands(committed: Committed) -> None:
    interest_id = _waiting_interest(committed, sent_ago=LATER)

    def closing(session: Session) -> Act:
        seen = session.get_one(Interest, interest_id)
        return lambda: interests.close_unanswered(seen, now=utcnow())

    def inviting(session: Session) -> Act:
        seen = session.get_one(Interest, interest_id)
        return lambda: interests.employer_step(
            seen, "invite_to_talk", now=utcnow(), expected=InterestStatus.SEEN
        )

    outcomes = race(committed, closing, inviting)

    winner = _one_won(outcomes)
    assert isinstance(outcomes[1 - winner], StaleState)
    with committed.session() as session:
        interest = session.get_one(Interest, interest_id)
        if winner == 0:
            assert interest.status is InterestStatus.UNANSWERED
            assert interest.employer_answered_at is None
        else:
            assert interest.status is InterestStatus.TALK
            assert interest.employer_answered_at is not None
        assert _timeline(session, interest_id) == [
            InterestStatus.SENT,
            InterestStatus.SEEN,
            interest.status,
        ]


def test_closing_and_a_message_at_once_only_one_stands(committed: Committed) -> None:
    interest_id = _waiting_interest(committed, sent_ago=LATER)

    def closing(session: Session) -> Act:
        seen = session.get_one(Interest, interest_id)
        return lambda: interests.close_unanswered(seen, now=utcnow())

    def writing(session: Session) -> Act:
        seen = session.get_one(Interest, interest_id)
        return lambda: interests.mark_answered(seen, utcnow())

    outcomes = race(committed, closing, writing)

    winner = _one_won(outcomes)
    loser = outcomes[1 - winner]
    with committed.session() as session:
        interest = session.get_one(Interest, interest_id)
        if winner == 0:
            # The message is refused kindly: the interest closed a moment before.
            assert isinstance(loser, interests.InterestClosed)
            assert interest.status is InterestStatus.UNANSWERED
            assert interest.employer_answered_at is None
        else:
            assert isinstance(loser, StaleState)
            assert interest.status is InterestStatus.SEEN
            assert interest.employer_answered_at is not None


def test_two_runs_at_once_remind_only_once(committed: Committed) -> None:
    interest_id = _waiting_interest(committed, sent_ago=timedelta(days=6))
    with committed.session() as session:
        sent_at = session.get_one(Interest, interest_id).sent_at
    assert sent_at is not None

    def running(session: Session) -> Act:
        return lambda: reminders.run(session, now=utcnow(), today=local_today())

    outcomes = race(committed, running, running)

    assert outcomes == [None, None]
    with committed.session() as session:
        interest = session.get_one(Interest, interest_id)
        reminded = session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(
                Notification.kind.in_(
                    [
                        NotificationKind.INTEREST_ANSWER_REMINDER,
                        NotificationKind.INTEREST_ANSWER_SECOND_REMINDER,
                    ]
                ),
                Notification.link.contains(f"#card-{interest_id}"),
            )
        )
        assert interest.reminders_sent >= 1
        assert reminded == 1
