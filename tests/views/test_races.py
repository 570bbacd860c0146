"""Do two moderators clicking at the same moment, each in their own request, get one decision?

Two test clients post for real (committed, not the rolled-back transaction of the other tests),
released together by a barrier. This runs on both databases: on SQLite it shows that a request
that came to change something waits for the writer before it and then loses cleanly with a 409,
instead of failing on a lock it could not take.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, select

from jobbes.db import EXTENSION_KEY
from jobbes.models import (
    AuditEvent,
    Interest,
    InterestEvent,
    InterestStatus,
    ListingVersion,
    ReviewStatus,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, listings, organisations
from tests import factories
from tests.conftest import make_test_app
from tests.services.test_races import Committed


@pytest.fixture
def committed(engine: Engine) -> Iterator[Committed]:
    rows = Committed(engine)
    yield rows
    rows.clean_up()


def test_two_moderators_posting_at_once_get_one_decision_and_one_409(
    committed, database_url, smtp_sink
):
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
        emails = first.email, second.email

    app = make_test_app(database_url, smtp_sink[1])
    assert EXTENSION_KEY in app.extensions  # its own engine: every request commits for real
    clients = [app.test_client() for _ in emails]
    for client, email in zip(clients, emails, strict=True):
        client.login(email)
    forms = [{"decision": "approve"}, {"decision": "reject", "reason": "duplicate"}]
    decide = f"/moderation/listings/{version_id}/decision"
    statuses = together(lambda i: clients[i].post(decide, data=forms[i]).status_code, 2)
    app.extensions[EXTENSION_KEY].kw["bind"].dispose()

    assert sorted(statuses) == [303, 409], statuses
    winner = statuses.index(303)
    with committed.session() as session:
        version = session.get_one(ListingVersion, version_id)
        expected = (ReviewStatus.APPROVED, ReviewStatus.REJECTED)[winner]
        assert version.review_status is expected
        decisions = session.scalars(
            select(AuditEvent.action).where(
                AuditEvent.subject_id == listing_id,
                AuditEvent.action.in_(["listing:approve", "listing:reject"]),
            )
        ).all()
        assert decisions == [f"listing:{forms[winner]['decision']}"]


def test_two_colleagues_moving_one_interest_at_once_get_one_move_and_one_409(
    committed, database_url, smtp_sink
):
    with committed.session() as session:
        employer, young = factories.employer(session), factories.young_person(session)
        moderator = factories.staff(session)
        listing = factories.published_listing(session, employer, moderator)
        interest = factories.interest(session, young, listing)
        interests.mark_seen(interest, now=utcnow())
        session.commit()
        committed.keep(employer, young, moderator)
        url = f"/employer/listings/{listing.id}/interests/{interest.id}"
        interest_id, email = interest.id, employer.email

    app = make_test_app(database_url, smtp_sink[1])
    # The same account on two devices is as good as two colleagues: two independent requests.
    clients = [app.test_client() for _ in range(2)]
    for client in clients:
        client.login(email)
    forms = [
        {"step": "decline", "decline_message": "filled", "expected": "seen"},
        {"step": "agree_trial", "trial_start": local_today().isoformat(), "expected": "seen"},
    ]
    statuses = together(lambda i: clients[i].post(url, data=forms[i]).status_code, 2)
    app.extensions[EXTENSION_KEY].kw["bind"].dispose()

    assert sorted(statuses) == [303, 409], statuses
    winner = statuses.index(303)
    with committed.session() as session:
        final = (InterestStatus.DECLINED, InterestStatus.TRIAL_AGREED)[winner]
        assert session.get_one(Interest, interest_id).status is final
        timeline = session.scalars(
            select(InterestEvent.status)
            .where(InterestEvent.interest_id == interest_id)
            .order_by(InterestEvent.id)
        ).all()
        assert timeline == [InterestStatus.SENT, InterestStatus.SEEN, final]


def together(act: Callable[[int], int], count: int) -> list[int]:
    """Run `act(i)` in `count` threads released at once; what each returned."""
    barrier = threading.Barrier(count)
    results = [0] * count

    def run(index: int) -> None:
        barrier.wait(timeout=10)
        results[index] = act(index)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
