"""Conversations, times to meet and no ghosting as one product: what one part does, the others
see the same way (an interest that ends closes its conversation and its times; a message or a
proposal is the answer the clock, the moderators' list and the response rate all count)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from jobbes.models import DeclineMessage, InterestStatus, MeetingKind, MeetingStatus
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, meetings, messages, reminders, response_rates
from tests import factories

S = InterestStatus
SOON = meetings.Time(local_today() + timedelta(days=7), time(10), time(11))
LATER = meetings.Time(local_today() + timedelta(days=8), time(14), time(15))


@pytest.fixture
def employer(db_session):
    return factories.employer(db_session, organisation_name="Lund Kafé")


@pytest.fixture
def colleague(db_session, employer):
    other = factories.employer(db_session)
    other.organisation_id = employer.organisation_id
    db_session.flush()
    return other


@pytest.fixture
def young(db_session):
    return factories.young_person(db_session, age=17, name="Sara")


@pytest.fixture
def interest(db_session, employer, young):
    listing = factories.published_listing(db_session, employer, title="Kokk", minimum_age=15)
    return factories.interest(db_session, young, listing, message="Jeg liker å lage mat.")


def propose(db_session, interest, by, *times):
    return meetings.propose(
        db_session,
        interest,
        by=by,
        kind=MeetingKind.TALK,
        times=list(times),
        place="Lundsvingen 4",
        contact_name="Kari",
        contact_phone=None,
        now=utcnow(),
    )


def test_an_ended_interest_closes_its_conversation_and_its_times_together(
    db_session, interest, employer, young
):
    meeting = propose(db_session, interest, employer, SOON, LATER)
    interests.employer_step(
        interest, "decline", now=utcnow(), decline_message=DeclineMessage.FILLED
    )

    assert not messages.is_open(interest)
    assert meetings.shown(interest) is None
    with pytest.raises(meetings.Changed):
        meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
    with pytest.raises(messages.ConversationClosed):
        messages.send(db_session, interest, sender=young, body="Hallo?", now=utcnow())


def test_an_expired_invitation_closes_its_conversation(db_session, employer):
    young = factories.findable_young_person(db_session, name="Ola")
    listing = factories.published_listing(db_session, employer, title="Servitør")
    invited = interests.invite(
        db_session,
        listing=listing,
        profile=young.profile,
        message="Vi tror du passer!",
        today=local_today(),
        now=utcnow(),
    )
    messages.send(db_session, invited, sender=employer, body="Vil du komme?", now=utcnow())
    assert messages.is_open(invited)

    interests.expire_invitation(invited, now=utcnow())

    assert not messages.is_open(invited)
    with pytest.raises(messages.ConversationClosed):
        messages.send(db_session, invited, sender=young, body="Ja!", now=utcnow())


def _waiting_past_the_second_reminder(db_session, interest):
    interest.sent_at = utcnow() - timedelta(days=12)
    interest.reminders_sent = 2
    db_session.flush()


def test_a_message_from_the_employer_is_the_answer_every_part_counts(
    db_session, interest, employer
):
    _waiting_past_the_second_reminder(db_session, interest)
    now = utcnow()
    assert reminders.waiting_clock(interest, now=now) is not None
    assert [u.interest for u in reminders.unanswered(db_session, now=now)] == [interest]

    messages.send(db_session, interest, sender=employer, body="Takk! Vi ringer deg.", now=now)
    db_session.flush()

    assert reminders.waiting_clock(interest, now=now) is None
    assert reminders.unanswered(db_session, now=now) == []
    rate = response_rates.of_organisation(db_session, employer.organisation_id, now=now)
    assert rate.judged == 1
    assert [late.interest_id for late in rate.late] == [interest.id]  # answered, but late
    assert rate.answer_times  # the message is the answer the rate measures


def test_proposing_times_is_the_answer_every_part_counts(db_session, interest, employer):
    _waiting_past_the_second_reminder(db_session, interest)
    propose(db_session, interest, employer, SOON)
    db_session.flush()
    now = utcnow()

    assert reminders.waiting_clock(interest, now=now) is None
    assert reminders.unanswered(db_session, now=now) == []
    assert response_rates.of_organisation(
        db_session, employer.organisation_id, now=now
    ).answer_times


def test_a_suspended_members_times_are_hidden_from_the_young_person_and_cannot_be_picked(
    db_session, interest, employer, colleague
):
    meeting = propose(db_session, interest, employer, SOON, LATER)
    employer.suspended_at = utcnow()
    db_session.flush()

    # As with their messages: the young person no longer sees them, nor meets them.
    assert meetings.shown_to_young_person(interest) is None
    with pytest.raises(meetings.NotPossible):
        meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
    assert meeting.status is MeetingStatus.PROPOSED
    # Their colleagues still see what was proposed, and may propose again.
    assert meetings.shown(interest) is meeting
    again = meetings.propose(
        db_session,
        interest,
        by=colleague,
        kind=MeetingKind.TALK,
        times=[LATER],
        place="Lundsvingen 4",
        contact_name="Per",
        contact_phone=None,
        now=utcnow(),
        seen_round=meeting.round,
        seen_status=MeetingStatus.PROPOSED,
    )
    assert meetings.shown_to_young_person(interest) is again

    employer.suspended_at = None
    assert meetings.shown_to_young_person(interest) is again


def test_a_time_picked_before_the_suspension_is_hidden_while_it_lasts(
    db_session, interest, employer, young
):
    meeting = propose(db_session, interest, employer, SOON)
    meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
    assert [m.id for m in meetings.upcoming(db_session, young, now=utcnow())] == [meeting.id]

    employer.suspended_at = utcnow()
    db_session.flush()

    assert meetings.shown_to_young_person(interest) is None
    assert meetings.upcoming(db_session, young, now=utcnow()) == []


def test_upcoming_times_are_the_chosen_ones_still_ahead_soonest_first(db_session, employer, young):
    first = factories.interest(db_session, young, factories.published_listing(db_session, employer))
    second = factories.interest(
        db_session, young, factories.published_listing(db_session, employer)
    )
    waiting = factories.interest(
        db_session, young, factories.published_listing(db_session, employer)
    )
    later = propose(db_session, first, employer, LATER)
    sooner = propose(db_session, second, employer, SOON)
    propose(db_session, waiting, employer, SOON)  # not picked yet: not on the list
    for interest, meeting in ((first, later), (second, sooner)):
        meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
    db_session.flush()

    assert meetings.upcoming(db_session, young, now=utcnow()) == [sooner, later]
    # Once it is over, or the interest ended, it is no longer ahead.
    assert meetings.upcoming(db_session, young, now=LATER.starts_at + timedelta(hours=2)) == []
    interests.withdraw(second, now=utcnow())
    db_session.flush()
    assert meetings.upcoming(db_session, young, now=utcnow()) == [later]


def test_no_reminder_the_day_before_a_time_with_a_suspended_member(db_session, interest, employer):
    meeting = propose(db_session, interest, employer, SOON)
    meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
    employer.suspended_at = utcnow()
    db_session.flush()
    the_day_before = SOON.starts_at - timedelta(days=1)

    # The young person no longer sees this time: they are not reminded of it either.
    assert meetings.send_reminders(db_session, now=the_day_before) == 0
    assert meeting.reminded_at is None


def test_no_reminder_the_day_before_a_time_with_a_suspended_young_person(
    db_session, interest, employer, young
):
    meeting = propose(db_session, interest, employer, SOON)
    meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
    young.suspended_at = utcnow()
    db_session.flush()

    # Their interest is hidden from the organisation while it lasts: nobody is reminded.
    assert meetings.send_reminders(db_session, now=SOON.starts_at - timedelta(days=1)) == 0
