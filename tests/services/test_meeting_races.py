"""Times to meet when two people act at the same moment, on PostgreSQL (see test_races.py):
a pick that crosses new times, and two colleagues proposing the first times together."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobbes.models import Interest, Meeting, MeetingKind, MeetingStatus, User
from jobbes.models.base import local_today, utcnow
from jobbes.services import meetings
from tests import factories
from tests.services.test_races import Act, Committed, _one_won, committed, race

__all__ = ["committed"]  # the fixture, shared with test_races.py

SOON = meetings.Time(local_today() + timedelta(days=7), time(10), time(11))
LATER = meetings.Time(local_today() + timedelta(days=8), time(14), time(15))


def _world(committed: Committed, *, proposed: bool) -> tuple[int, int, int]:
    with committed.session() as session:
        employer, colleague = factories.employer(session), factories.employer(session)
        # The colleague's own organisation from registering is left empty: deleted with the rest.
        assert colleague.organisation_id is not None
        committed.organisations.append(colleague.organisation_id)
        colleague.organisation_id = employer.organisation_id
        young, moderator = factories.young_person(session), factories.staff(session)
        listing = factories.published_listing(session, employer, moderator)
        interest = factories.interest(session, young, listing)
        if proposed:
            _propose(session, interest, employer, SOON, seen_round=0)
        session.commit()
        committed.keep(employer, colleague, young, moderator)
        return interest.id, employer.id, colleague.id


def _propose(session: Session, interest: Interest, by: User, when, *, seen_round: int) -> None:
    meetings.propose(
        session,
        interest,
        by=by,
        kind=MeetingKind.TALK,
        times=[when],
        place="Her",
        contact_name="Kari",
        contact_phone=None,
        now=utcnow(),
        seen_round=seen_round,
        seen_status=MeetingStatus.PROPOSED if seen_round else None,
    )


def _rounds(committed: Committed, interest_id: int) -> list[tuple[int, MeetingStatus]]:
    with committed.session() as session:
        return [
            (m.round, m.status)
            for m in session.scalars(
                select(Meeting).where(Meeting.interest_id == interest_id).order_by(Meeting.round)
            )
        ]


def test_a_pick_and_new_times_at_once_only_one_stands(committed: Committed) -> None:
    interest_id, employer_id, _colleague_id = _world(committed, proposed=True)

    def picking(session: Session) -> Act:
        interest = session.get_one(Interest, interest_id)
        return lambda: meetings.choose(interest, seen_round=1, position=1, now=utcnow())

    def proposing_again(session: Session) -> Act:
        interest = session.get_one(Interest, interest_id)
        employer = session.get_one(User, employer_id)
        return lambda: _propose(session, interest, employer, LATER, seen_round=1)

    outcomes = race(committed, picking, proposing_again)

    winner = _one_won(outcomes)
    assert isinstance(outcomes[1 - winner], meetings.Changed)
    if winner == 0:
        assert _rounds(committed, interest_id) == [(1, MeetingStatus.CHOSEN)]
    else:
        assert _rounds(committed, interest_id) == [
            (1, MeetingStatus.REPLACED),
            (2, MeetingStatus.PROPOSED),
        ]


def test_two_colleagues_proposing_the_first_times_at_once_only_one_proposal_stands(
    committed: Committed,
) -> None:
    interest_id, employer_id, colleague_id = _world(committed, proposed=False)

    def proposing(user_id: int, when: meetings.Time) -> Callable[[Session], Act]:
        def read(session: Session) -> Act:
            interest = session.get_one(Interest, interest_id)
            person = session.get_one(User, user_id)
            return lambda: _propose(session, interest, person, when, seen_round=0)

        return read

    outcomes = race(committed, proposing(employer_id, SOON), proposing(colleague_id, LATER))

    winner = _one_won(outcomes)
    assert isinstance(outcomes[1 - winner], meetings.Changed)
    assert _rounds(committed, interest_id) == [(1, MeetingStatus.PROPOSED)]
