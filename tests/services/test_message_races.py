"""A message written just as the interest ends, on PostgreSQL with two real connections."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from jobbes.models import DeclineMessage, Interest, InterestStatus, Message, User
from jobbes.models.base import utcnow
from jobbes.services import interests, messages
from tests import factories
from tests.services.test_races import Committed, committed  # noqa: F401  (the fixture)


def test_a_message_waiting_on_a_decline_in_progress_is_refused(
    committed: Committed,  # noqa: F811  (the fixture imported above)
) -> None:
    """The employer's decline has changed the row but not committed when the young person
    sends: the message waits for it, then finds the conversation closed."""
    with committed.session() as session:
        employer, young = factories.employer(session), factories.young_person(session)
        moderator = factories.staff(session)
        listing = factories.published_listing(session, employer, moderator)
        interest = factories.interest(session, young, listing)
        interests.mark_seen(interest, now=utcnow())
        session.commit()
        committed.keep(employer, young, moderator)
        interest_id, young_id = interest.id, young.id

    declined_not_committed = threading.Event()
    sending = threading.Event()
    failures: list[BaseException] = []

    def decline() -> None:
        with committed.session() as session:
            try:
                seen = session.get_one(Interest, interest_id)
                interests.employer_step(
                    seen, "decline", now=utcnow(), decline_message=DeclineMessage.FILLED
                )
                session.flush()
                declined_not_committed.set()
                sending.wait(timeout=10)
                time.sleep(0.5)  # the message's UPDATE is waiting on this row's lock by now
                session.commit()
            except BaseException as error:  # reported to the test below
                failures.append(error)
                declined_not_committed.set()

    with committed.session() as session:
        open_page = session.get_one(Interest, interest_id)
        assert open_page.status is InterestStatus.SEEN  # what the young person's form carries
        sender = session.get_one(User, young_id)
        thread = threading.Thread(target=decline)
        thread.start()
        assert declined_not_committed.wait(timeout=10)
        sending.set()
        try:
            with pytest.raises(messages.ConversationClosed) as closed:
                messages.send(
                    session,
                    open_page,
                    sender=sender,
                    body="Hei, er stillingen fortsatt ledig?",
                    expected=InterestStatus.SEEN,
                    now=utcnow(),
                )
            session.rollback()
        finally:
            thread.join(timeout=15)
    assert closed.value.current is InterestStatus.DECLINED
    assert failures == []
    with committed.session() as session:
        assert session.get_one(Interest, interest_id).status is InterestStatus.DECLINED
        assert (
            session.scalars(select(Message).where(Message.interest_id == interest_id)).all() == []
        )
