"""Does one decision win when two people act on the same thing at the same moment?

Real races on PostgreSQL: two sessions on two connections, each in its own thread and its own
committed transaction (not the rolled-back transaction of the other tests), both having read the
item before a `threading.Barrier` lets them act together. SQLite lets one writer in at a time, so
there is no race to run there; CI runs these on PostgreSQL.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy import Engine, bindparam, delete, func, select, text
from sqlalchemy.orm import Session

from jobbes.models import (
    AuditEvent,
    DeclineMessage,
    Interest,
    InterestEvent,
    InterestStatus,
    Listing,
    ListingStatus,
    ListingVersion,
    Organisation,
    Profile,
    RejectionReason,
    ReviewStatus,
    User,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, listings, organisations
from jobbes.services.moderation import Decision
from jobbes.services.state_machine import InvalidTransition, StaleState
from tests import factories

Act = Callable[[], object]


@dataclass
class Committed:
    """Rows committed for real by one test, deleted again afterwards."""

    engine: Engine
    users: list[int] = field(default_factory=list)
    organisations: list[int] = field(default_factory=list)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def keep(self, *people: User) -> None:
        for person in people:
            self.users.append(person.id)
            if person.organisation_id is not None:
                self.organisations.append(person.organisation_id)

    def clean_up(self) -> None:
        with self.session() as session:
            session.execute(delete(AuditEvent).where(AuditEvent.actor_id.in_(self.users)))
            listing_ids = session.scalars(
                select(Listing.id).where(Listing.organisation_id.in_(self.organisations))
            ).all()
            by_listing = (
                "DELETE FROM listing_search WHERE listing_id IN :ids"
                if self.engine.dialect.name == "postgresql"
                else "DELETE FROM listing_search WHERE rowid IN :ids"
            )
            session.execute(
                text(by_listing).bindparams(bindparam("ids", expanding=True)),
                {"ids": list(listing_ids)},
            )
            # Users first: an organisation cannot go while it has members.
            session.execute(delete(User).where(User.id.in_(self.users)))
            session.execute(delete(Organisation).where(Organisation.id.in_(self.organisations)))
            session.commit()


@pytest.fixture
def committed(engine: Engine) -> Iterator[Committed]:
    if engine.dialect.name != "postgresql":
        pytest.skip(
            "SQLite lets one writer in at a time, so two transactions cannot race; "
            "these run on PostgreSQL (set JOBBES_TEST_DATABASE_URL, as CI does)"
        )
    rows = Committed(engine)
    yield rows
    rows.clean_up()


def race(rows: Committed, *contenders: Callable[[Session], Act]) -> list[BaseException | None]:
    """Each contender reads what it needs in its own session and returns its step; the steps
    start together. Returns what each one raised (None for a step that was committed)."""
    barrier = threading.Barrier(len(contenders))
    outcomes: list[BaseException | None] = [None] * len(contenders)

    def run(index: int, contender: Callable[[Session], Act]) -> None:
        with rows.session() as session:
            try:
                step = contender(session)
                barrier.wait(timeout=10)
                step()
                session.commit()
            except Exception as error:  # the outcome under test
                session.rollback()
                outcomes[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a contender is stuck"
    return outcomes


def _one_won(outcomes: list[BaseException | None]) -> int:
    winners = [i for i, outcome in enumerate(outcomes) if outcome is None]
    assert len(winners) == 1, f"expected one winner, got {outcomes}"
    return winners[0]


def test_two_moderators_deciding_one_listing_version_only_one_decision_stands(
    committed: Committed,
) -> None:
    with committed.session() as session:
        employer = factories.employer(session)
        first, second = factories.staff(session), factories.staff(session)
        assert employer.organisation is not None
        organisations.verify(session, employer.organisation, moderator=first, now=utcnow())
        listing = factories.listing(session, employer)
        listings.submit_listing(listing, today=local_today(), now=utcnow())
        session.commit()
        committed.keep(employer, first, second)
        listing_id, version_id = listing.id, listing.current_version_id
        moderator_ids = first.id, second.id

    def deciding(moderator_id: int, decision: Decision) -> Callable[[Session], Act]:
        def read(session: Session) -> Act:
            version = session.get_one(ListingVersion, version_id)
            moderator = session.get_one(User, moderator_id)
            assert version.review_status is ReviewStatus.SUBMITTED
            return lambda: listings.decide_listing(
                session,
                version,
                moderator=moderator,
                decision=decision,
                reason=RejectionReason.DUPLICATE if decision is Decision.REJECT else None,
                now=utcnow(),
            )

        return read

    outcomes = race(
        committed,
        deciding(moderator_ids[0], Decision.APPROVE),
        deciding(moderator_ids[1], Decision.REJECT),
    )

    winner = _one_won(outcomes)
    loser = outcomes[1 - winner]
    assert isinstance(loser, StaleState)
    won = (Decision.APPROVE, Decision.REJECT)[winner]
    with committed.session() as session:
        version = session.get_one(ListingVersion, version_id)
        # It tells the state it lost to: of the version, or of the listing if it read that later.
        assert loser.current in (version.review_status, version.listing.status)
        decisions = session.scalars(
            select(AuditEvent.action).where(
                AuditEvent.subject_type == "listing",
                AuditEvent.subject_id == listing_id,
                AuditEvent.action.in_(["listing:approve", "listing:reject"]),
            )
        ).all()
        assert decisions == [f"listing:{won.value}"]
        listing = version.listing
        if won is Decision.APPROVE:
            assert version.review_status is ReviewStatus.APPROVED
            assert listing.status is ListingStatus.PUBLISHED
            assert listing.published_version_id == version.id
        else:
            assert version.review_status is ReviewStatus.REJECTED
            assert listing.status is ListingStatus.REJECTED
            assert listing.published_version_id is None


def test_two_colleagues_moving_one_interest_only_one_move_stands(committed: Committed) -> None:
    with committed.session() as session:
        employer, young = factories.employer(session), factories.young_person(session)
        moderator = factories.staff(session)
        listing = factories.published_listing(session, employer, moderator)
        interest = factories.interest(session, young, listing)
        interests.mark_seen(interest, now=utcnow())
        session.commit()
        committed.keep(employer, young, moderator)
        interest_id = interest.id

    def declining(session: Session) -> Act:
        seen = session.get_one(Interest, interest_id)
        return lambda: interests.employer_step(
            seen,
            "decline",
            decline_message=DeclineMessage.FILLED,
            now=utcnow(),
            expected=InterestStatus.SEEN,
        )

    def agreeing_a_trial(session: Session) -> Act:
        seen = session.get_one(Interest, interest_id)
        return lambda: interests.employer_step(
            seen, "agree_trial", trial_start=local_today(), now=utcnow(), expected=seen.status
        )

    outcomes = race(committed, declining, agreeing_a_trial)

    winner = _one_won(outcomes)
    assert isinstance(outcomes[1 - winner], InvalidTransition)
    with committed.session() as session:
        interest = session.get_one(Interest, interest_id)
        timeline = session.scalars(
            select(InterestEvent.status)
            .where(InterestEvent.interest_id == interest_id)
            .order_by(InterestEvent.id)
        ).all()
        if winner == 0:
            assert interest.status is InterestStatus.DECLINED
            assert interest.trial_start is None
        else:
            assert interest.status is InterestStatus.TRIAL_AGREED
            assert interest.decline_message is None
        assert timeline == [InterestStatus.SENT, InterestStatus.SEEN, interest.status]


def test_a_double_im_interested_is_one_interest_and_a_kind_answer(committed: Committed) -> None:
    with committed.session() as session:
        employer, young = factories.employer(session), factories.young_person(session)
        moderator = factories.staff(session)
        listing = factories.published_listing(session, employer, moderator)
        session.commit()
        committed.keep(employer, young, moderator)
        listing_id, profile_id = listing.id, young.id

    inserted = threading.Barrier(2)

    def sending(*, first: bool) -> Callable[[Session], Act]:
        def read(session: Session) -> Act:
            profile = session.get_one(Profile, profile_id)
            listing = session.get_one(Listing, listing_id)

            def send() -> None:
                if not first:
                    # The first has inserted but not committed: this one's look finds nothing,
                    # and its insert waits on the unique index until the first commits.
                    inserted.wait(timeout=10)
                interests.express_interest(
                    session,
                    profile=profile,
                    listing=listing,
                    message="Hei!",
                    today=local_today(),
                    now=utcnow(),
                )
                if first:
                    inserted.wait(timeout=10)
                    _until_another_waits_for_a_lock(session)

            return send

        return read

    outcomes = race(committed, sending(first=True), sending(first=False))

    assert outcomes[0] is None
    refused = outcomes[1]
    assert isinstance(refused, interests.NotPossible), refused
    assert refused.reason is interests.WhyNot.ALREADY_INTERESTED
    with committed.session() as session:
        count = session.scalar(
            select(func.count()).select_from(Interest).where(Interest.listing_id == listing_id)
        )
        assert count == 1


def _until_another_waits_for_a_lock(session: Session, timeout: float = 10) -> None:
    """Hold this transaction open until another connection is blocked behind it."""
    engine = session.get_bind()
    deadline = time.monotonic() + timeout
    with engine.connect() as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
            )
            if waiting:
                return
            watcher.rollback()
            time.sleep(0.02)
    raise AssertionError("the second request never waited for the first")
