"""No ghosting: reminders after 3 and 7 working days, closing after 14, invitations expiring.

Time is handed to the services as `now`; the dates are chosen around Easter 2026 (Maundy
Thursday 2 April, Good Friday 3 April, Easter Monday 6 April) and the weekends between.
"""

from __future__ import annotations

import importlib.util
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update

from jobbes.models import (
    DeclineMessage,
    Interest,
    InterestStatus,
    Notification,
    NotificationKind,
)
from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.services import interests, reminders
from jobbes.services.state_machine import StaleState
from jobbes.workdays import working_days_between
from tests import factories

K = NotificationKind
S = InterestStatus


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TIMEZONE).astimezone(UTC)


# Sent on the Wednesday before Easter, at ten in the morning.
SENT = oslo(2026, 4, 1, 10, 0)
THIRD_WORKING_DAY = oslo(2026, 4, 9, 10, 0)  # Thu: 2, 3, 6 April are holidays, 4–5 a weekend
SEVENTH_WORKING_DAY = oslo(2026, 4, 15, 10, 0)  # Wed, after the weekend of 11–12 April
FOURTEENTH_WORKING_DAY = oslo(2026, 4, 24, 10, 0)  # Fri
MINUTE = timedelta(minutes=1)


def day_of(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TIMEZONE).date()


@pytest.fixture
def employer(db_session):
    return factories.employer(db_session)


@pytest.fixture
def listing(db_session, employer):
    return factories.published_listing(db_session, employer, minimum_age=16)


@pytest.fixture
def young(db_session):
    return factories.young_person(db_session, age=19)


@pytest.fixture
def interest(db_session, young, listing):
    made = interests.express_interest(
        db_session,
        profile=young.profile,
        listing=listing,
        message="Hei!",
        today=day_of(SENT),
        now=SENT,
    )
    db_session.flush()
    return made


def told(db_session, kind: NotificationKind, user=None) -> int:
    query = select(func.count()).select_from(Notification).where(Notification.kind == kind)
    if user is not None:
        query = query.where(Notification.user_id == user.id)
    return db_session.scalar(query) or 0


def run(db_session, now: datetime) -> reminders.Outcome:
    outcome = reminders.run(db_session, now=now, today=day_of(now))
    db_session.flush()
    return outcome


def test_the_working_days_skip_easter_and_the_weekends():
    assert working_days_between(SENT, THIRD_WORKING_DAY - MINUTE) == 2
    assert working_days_between(SENT, THIRD_WORKING_DAY) == 3
    assert working_days_between(SENT, SEVENTH_WORKING_DAY) == 7
    assert working_days_between(SENT, FOURTEENTH_WORKING_DAY) == 14


def test_the_employer_is_reminded_after_3_working_days_and_not_before(
    db_session, interest, employer
):
    interests.mark_seen(interest, now=SENT + timedelta(hours=1))  # read is not an answer
    assert run(db_session, THIRD_WORKING_DAY - MINUTE).first_reminders == 0
    assert told(db_session, K.INTEREST_ANSWER_REMINDER) == 0
    assert run(db_session, THIRD_WORKING_DAY).first_reminders == 1
    assert told(db_session, K.INTEREST_ANSWER_REMINDER, employer) == 1
    assert interest.reminders_sent == 1
    notification = db_session.scalars(
        select(Notification).where(Notification.kind == K.INTEREST_ANSWER_REMINDER)
    ).one()
    # It says when the interest closes by itself: 14 working days after it was sent.
    assert notification.params["day"] == "2026-04-24"


def test_running_twice_sends_nothing_twice(db_session, interest, employer):
    run(db_session, THIRD_WORKING_DAY)
    again = run(db_session, THIRD_WORKING_DAY + timedelta(hours=1))
    assert again == reminders.Outcome()
    assert told(db_session, K.INTEREST_ANSWER_REMINDER) == 1
    run(db_session, SEVENTH_WORKING_DAY)
    run(db_session, SEVENTH_WORKING_DAY + timedelta(hours=2))
    assert told(db_session, K.INTEREST_ANSWER_SECOND_REMINDER) == 1
    run(db_session, FOURTEENTH_WORKING_DAY)
    assert run(db_session, FOURTEENTH_WORKING_DAY + timedelta(hours=1)) == reminders.Outcome()
    assert told(db_session, K.INTEREST_CLOSED_UNANSWERED) == 1
    assert told(db_session, K.INTEREST_CLOSED_WITHOUT_ANSWER) == 1


def test_a_second_reminder_after_7_working_days(db_session, interest, employer):
    run(db_session, THIRD_WORKING_DAY)
    assert run(db_session, SEVENTH_WORKING_DAY - MINUTE).second_reminders == 0
    assert run(db_session, SEVENTH_WORKING_DAY).second_reminders == 1
    assert interest.reminders_sent == 2
    assert told(db_session, K.INTEREST_ANSWER_SECOND_REMINDER, employer) == 1


def test_a_late_run_sends_only_the_reminder_that_is_due_now(db_session, interest):
    """The worker was down for a week: the employer gets the second reminder, not both."""
    outcome = run(db_session, SEVENTH_WORKING_DAY + timedelta(days=1))
    assert (outcome.first_reminders, outcome.second_reminders) == (0, 1)


def test_after_14_working_days_it_closes_kindly_with_three_suggestions(
    db_session, interest, young, employer, listing
):
    # Not the silent organisation's own other listings: another's.
    factories.published_listing(db_session, employer, title="Servitør")
    other = factories.employer(db_session, organisation_name="Andre AS")
    for n in range(4):
        factories.published_listing(db_session, other, title=f"Butikkhjelp {n}")
    assert run(db_session, FOURTEENTH_WORKING_DAY - MINUTE).closed == 0
    assert run(db_session, FOURTEENTH_WORKING_DAY).closed == 1
    assert interest.status is S.UNANSWERED
    assert interest.events[-1].status is S.UNANSWERED
    message = db_session.scalars(
        select(Notification).where(
            Notification.kind == K.INTEREST_CLOSED_UNANSWERED, Notification.user_id == young.id
        )
    ).one()
    assert len(message.params["suggestions"]) == 3
    # Neither the listing that did not answer nor another of its organisation's.
    assert all("Butikkhjelp" in title for title in message.params["suggestions"])
    assert told(db_session, K.INTEREST_CLOSED_WITHOUT_ANSWER, employer) == 1


def test_the_young_person_may_send_interest_again_after_it_closed(db_session, interest):
    run(db_session, FOURTEENTH_WORKING_DAY)
    again = FOURTEENTH_WORKING_DAY + timedelta(days=3)
    interests.reopen(interest, today=day_of(again), now=again)
    assert interest.status is S.SENT
    # A new wait: the clock starts again, with no reminders sent.
    assert (interest.sent_at, interest.reminders_sent, interest.employer_answered_at) == (
        again,
        0,
        None,
    )


@pytest.mark.parametrize(
    ("step", "details"),
    [
        ("invite_to_talk", {}),
        ("decline", {"decline_message": DeclineMessage.NOT_NOW}),
        ("agree_trial", {"trial_start": date(2026, 4, 20)}),
    ],
)
def test_an_answer_stops_the_clock(db_session, interest, step, details):
    answered = SENT + timedelta(days=1)
    interests.employer_step(interest, step, now=answered, **details)
    assert interest.employer_answered_at == answered
    assert run(db_session, FOURTEENTH_WORKING_DAY) == reminders.Outcome()


def test_the_first_answer_is_kept(db_session, interest):
    first = SENT + timedelta(days=1)
    interests.employer_step(interest, "invite_to_talk", now=first)
    interests.employer_step(interest, "offer", now=first + timedelta(days=2))
    assert interest.employer_answered_at == first


def test_a_message_from_the_organisation_is_an_answer(db_session, interest):
    answered = SENT + timedelta(days=2)
    assert interests.mark_answered(interest, answered) is True
    assert interests.mark_answered(interest, answered + timedelta(days=1)) is False
    assert interest.employer_answered_at == answered
    assert run(db_session, FOURTEENTH_WORKING_DAY) == reminders.Outcome()
    assert interest.status is S.SENT


def test_a_message_after_it_closed_is_refused(db_session, interest):
    run(db_session, FOURTEENTH_WORKING_DAY)
    with pytest.raises(interests.InterestClosed):
        interests.mark_answered(interest, FOURTEENTH_WORKING_DAY + MINUTE)


def test_closing_loses_to_an_answer_recorded_meanwhile(db_session, interest):
    """The job loaded the interest unanswered; the organisation answered before it closed it."""
    db_session.execute(
        update(Interest)
        .where(Interest.id == interest.id)
        .values(employer_answered_at=FOURTEENTH_WORKING_DAY - MINUTE)
    )
    with pytest.raises(StaleState):
        interests.close_unanswered(interest, now=FOURTEENTH_WORKING_DAY)
    assert interest.status is S.SENT
    assert interest.employer_answered_at is not None


def test_a_suspended_young_persons_interest_is_not_chased(db_session, interest, young):
    young.suspended_at = SENT + timedelta(days=1)
    db_session.flush()
    assert run(db_session, FOURTEENTH_WORKING_DAY) == reminders.Outcome()


# --- The young person's side ---------------------------------------------------------------


@pytest.fixture
def invitation(db_session, listing):
    person = factories.findable_young_person(db_session)
    made = interests.invite(
        db_session,
        listing=listing,
        profile=person.profile,
        message="Vil du søke?",
        today=day_of(SENT),
        now=SENT,
    )
    db_session.flush()
    return made


def test_an_invitation_is_reminded_once_after_7_days(db_session, invitation):
    assert run(db_session, SENT + timedelta(days=7) - MINUTE).invitation_reminders == 0
    assert run(db_session, SENT + timedelta(days=7)).invitation_reminders == 1
    assert run(db_session, SENT + timedelta(days=8)).invitation_reminders == 0
    assert told(db_session, K.INVITATION_REMINDER, invitation.profile.user) == 1
    notification = db_session.scalars(
        select(Notification).where(Notification.kind == K.INVITATION_REMINDER)
    ).one()
    assert notification.params["day"] == "2026-04-15"


def test_an_invitation_expires_after_14_days_and_the_employer_is_told(
    db_session, invitation, employer
):
    assert run(db_session, SENT + timedelta(days=14) - MINUTE).invitations_expired == 0
    assert run(db_session, SENT + timedelta(days=14)).invitations_expired == 1
    assert invitation.status is S.INVITATION_EXPIRED
    assert told(db_session, K.INVITATION_EXPIRED, employer) == 1
    assert run(db_session, SENT + timedelta(days=15)) == reminders.Outcome()


def test_an_accepted_invitation_starts_the_employers_clock(db_session, invitation):
    accepted = SENT + timedelta(days=10)
    interests.respond_to_invitation(invitation, accept=True, message=None, now=accepted)
    assert invitation.sent_at == accepted
    assert invitation.reminders_sent == 0
    # Ten days after the invitation, but only just sent: nothing is due.
    assert run(db_session, SENT + timedelta(days=14)) == reminders.Outcome()
    assert invitation.status is S.SENT


def test_the_migration_backfill_reads_the_timeline(db_session, interest):
    """What migration 0022 computes from interest_events, run on a live row."""
    interests.mark_seen(interest, now=SENT + timedelta(hours=1))
    interests.employer_step(interest, "invite_to_talk", now=SENT + timedelta(days=2))
    db_session.flush()
    path = Path(__file__).parents[2] / "migrations" / "versions" / "0022_no_ghosting.py"
    spec = importlib.util.spec_from_file_location("no_ghosting_migration", path)
    assert spec is not None
    assert spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    db_session.execute(
        update(Interest)
        .where(Interest.id == interest.id)
        .values(sent_at=None, employer_answered_at=None)
    )
    db_session.execute(text(migration.SENT_AT))
    db_session.execute(text(migration.ANSWERED_AT))
    db_session.refresh(interest)
    assert interest.sent_at == SENT
    assert interest.employer_answered_at == SENT + timedelta(days=2)
