"""Times to meet: proposing, picking, asking for another, the reminder the day before, and the
calendar file, with the clock frozen (Oslo's clock, across the changes to and from summer time)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time

import icalendar
import pytest
import time_machine
from sqlalchemy import select

from jobbes.models import (
    DeclineMessage,
    InterestStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Notification,
    NotificationKind,
)
from jobbes.models.base import LOCAL_TIMEZONE, utcnow
from jobbes.services import interests, meetings
from jobbes.services.meetings import Problem, Time, Why
from tests import factories

K = NotificationKind
S = InterestStatus
M = MeetingStatus


@contextmanager
def at(moment: datetime) -> Iterator[datetime]:
    with time_machine.travel(moment, tick=False):
        yield utcnow()


def oslo(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL_TIMEZONE)


def kinds(db_session, user) -> list[NotificationKind]:
    db_session.flush()
    return list(
        db_session.scalars(
            select(Notification.kind)
            .where(Notification.user_id == user.id)
            .order_by(Notification.id)
        )
    )


@pytest.fixture
def world(db_session):
    """An employer with a colleague, a published listing and a young person's interest in it,
    made on Thursday 26 March 2026, before the clocks go forward on Sunday the 29th."""
    with at(oslo(2026, 3, 26, 9)):
        employer = factories.employer(db_session, organisation_name="Kafé Kvadraturen")
        colleague = factories.employer(db_session)
        colleague.organisation = employer.organisation
        listing = factories.published_listing(db_session, employer, address="Markens gate 1")
        young = factories.young_person(db_session)
        interest = factories.interest(db_session, young, listing)
        db_session.flush()
    return employer, colleague, young, interest


def propose(db_session, interest, employer, *times: Time, **kwargs):
    return meetings.propose(
        db_session,
        interest,
        by=employer,
        kind=kwargs.pop("kind", MeetingKind.TALK),
        times=list(times),
        place=kwargs.pop("place", "Markens gate 1, 2. etasje"),
        contact_name=kwargs.pop("contact_name", "Kari"),
        contact_phone=kwargs.pop("contact_phone", "912 34 567"),
        now=utcnow(),
        **kwargs,
    )


MONDAY_10 = Time(date(2026, 3, 30), time(10), time(11))
TUESDAY_14 = Time(date(2026, 3, 31), time(14), time(15, 30))


def test_proposing_from_sent_is_the_invitation_to_a_talk_and_tells_the_young_person_once(
    db_session, world
):
    employer, _colleague, young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        meeting = propose(db_session, interest, employer, TUESDAY_14, MONDAY_10)

    assert interest.status is S.TALK
    assert interest.events[-1].status is S.TALK
    assert (meeting.round, meeting.status) == (1, M.PROPOSED)
    # Stored in UTC from Oslo's summer time (after the 29th: UTC+2), earliest first.
    assert [(s.position, s.starts_at) for s in meeting.slots] == [
        (1, datetime(2026, 3, 30, 8, tzinfo=UTC)),
        (2, datetime(2026, 3, 31, 12, tzinfo=UTC)),
    ]
    told = kinds(db_session, young)
    assert told.count(K.MEETING_PROPOSED) == 1
    assert K.INTEREST_INVITED not in told


def test_proposing_keeps_a_talk_or_an_agreed_trial_where_it_is(db_session, world):
    employer, _colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        interests.employer_step(interest, "agree_trial", now=utcnow(), trial_start=date(2026, 4, 6))
        propose(db_session, interest, employer, MONDAY_10, kind=MeetingKind.TRIAL_DAY)
    assert interest.status is S.TRIAL_AGREED
    assert interest.meetings[-1].kind is MeetingKind.TRIAL_DAY


@pytest.mark.parametrize("step", ["offer", "decline"])
def test_no_times_are_proposed_once_the_interest_is_offered_or_over(db_session, world, step):
    employer, _colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        interests.mark_seen(interest, now=utcnow())
        interests.employer_step(interest, step, now=utcnow(), decline_message=DeclineMessage.FILLED)
        with pytest.raises(meetings.NotPossible):
            propose(db_session, interest, employer, MONDAY_10)
    assert interest.meetings == []


@pytest.mark.parametrize(
    ("times", "place", "contact", "expected"),
    [
        ([], "Her", "Kari", [(Problem.NO_TIMES, None)]),
        ([MONDAY_10] * 4, "Her", "Kari", [(Problem.TOO_MANY, None)]),
        (
            [MONDAY_10, Time(date(2026, 3, 30), time(11), time(10))],
            "Her",
            "Kari",
            [(Problem.END_BEFORE_START, 1)],
        ),
        ([Time(date(2026, 3, 25), time(10), time(11))], "Her", "Kari", [(Problem.IN_THE_PAST, 0)]),
        # Earlier today is past too.
        ([Time(date(2026, 3, 26), time(11), time(13))], "Her", "Kari", [(Problem.IN_THE_PAST, 0)]),
        ([MONDAY_10], "  ", "Kari", [(Problem.NO_PLACE, None)]),
        ([MONDAY_10], "Her", "", [(Problem.NO_CONTACT, None)]),
    ],
)
def test_a_bad_proposal_says_what_is_wrong_and_changes_nothing(
    db_session, world, times, place, contact, expected
):
    employer, _colleague, young, interest = world
    with at(oslo(2026, 3, 26, 12)), pytest.raises(meetings.BadProposal) as bad:
        propose(db_session, interest, employer, *times, place=place, contact_name=contact)
    assert bad.value.problems == expected
    assert interest.status is S.SENT
    assert interest.meetings == []
    assert K.MEETING_PROPOSED not in kinds(db_session, young)


def test_proposing_again_replaces_the_proposal_and_keeps_it_as_history(db_session, world):
    employer, colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        first = propose(db_session, interest, employer, MONDAY_10)
        meetings.ask_for_another(
            interest, seen_round=1, seen_status=M.PROPOSED, note="Etter skolen?", now=utcnow()
        )
        second = propose(
            db_session, interest, colleague, TUESDAY_14, seen_round=1, seen_status=M.ANOTHER_TIME
        )
    assert (first.status, second.status, second.round) == (M.REPLACED, M.PROPOSED, 2)
    assert meetings.current(interest) is second
    assert meetings.history(interest) == [first]
    assert first.note == "Etter skolen?"


def test_a_proposal_from_a_page_that_is_out_of_date_loses(db_session, world):
    employer, colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        propose(db_session, interest, employer, MONDAY_10)
        # A colleague who opened the page before the first proposal.
        with pytest.raises(meetings.Changed) as replaced:
            propose(db_session, interest, colleague, TUESDAY_14, seen_round=0)
        assert replaced.value.why is Why.REPLACED
        # The young person picks while the employer writes new times.
        meetings.choose(interest, seen_round=1, position=1, now=utcnow())
        with pytest.raises(meetings.Changed) as answered:
            propose(
                db_session, interest, employer, TUESDAY_14, seen_round=1, seen_status=M.PROPOSED
            )
    assert answered.value.why is Why.ANSWERED
    assert [m.round for m in interest.meetings] == [1]
    assert interest.meetings[0].status is M.CHOSEN


def test_picking_a_time_tells_every_member_and_shows_it_as_chosen(db_session, world):
    employer, colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        meeting = propose(db_session, interest, employer, MONDAY_10, TUESDAY_14)
        meetings.choose(interest, seen_round=1, position=2, now=utcnow())
    assert meeting.status is M.CHOSEN
    assert meeting.chosen is meeting.slots[1]
    for member in (employer, colleague):
        assert kinds(db_session, member)[-1] is K.MEETING_CHOSEN


def test_a_pick_that_crosses_a_new_proposal_or_an_ended_interest_is_refused(db_session, world):
    employer, _colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        propose(db_session, interest, employer, MONDAY_10)
        propose(db_session, interest, employer, TUESDAY_14, seen_round=1)
        with pytest.raises(meetings.Changed) as replaced:
            meetings.choose(interest, seen_round=1, position=1, now=utcnow())
        assert replaced.value.why is Why.REPLACED
        interests.employer_step(
            interest, "decline", now=utcnow(), decline_message=DeclineMessage.TIMING
        )
        with pytest.raises(meetings.Changed) as ended:
            meetings.choose(interest, seen_round=2, position=1, now=utcnow())
    assert ended.value.why is Why.ENDED
    assert interest.meetings[-1].status is M.PROPOSED


def test_a_time_that_has_begun_cannot_be_picked(db_session, world):
    employer, _colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        meeting = propose(db_session, interest, employer, MONDAY_10, TUESDAY_14)
    with at(oslo(2026, 3, 30, 10, 5)):
        with pytest.raises(meetings.PastTime):
            meetings.choose(interest, seen_round=1, position=1, now=utcnow())
        with pytest.raises(meetings.NotPossible):
            meetings.choose(interest, seen_round=1, position=3, now=utcnow())
        meetings.choose(interest, seen_round=1, position=2, now=utcnow())
    assert meeting.chosen_position == 2


def test_asking_for_another_time_tells_the_employer_without_the_note(db_session, world):
    employer, _colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        propose(db_session, interest, employer, MONDAY_10)
        meetings.choose(interest, seen_round=1, position=1, now=utcnow())
        # A chosen time they cannot make after all.
        meeting = meetings.ask_for_another(
            interest, seen_round=1, seen_status=M.CHOSEN, note="  Jeg er syk  ", now=utcnow()
        )
    assert (meeting.status, meeting.chosen, meeting.note) == (M.ANOTHER_TIME, None, "Jeg er syk")
    db_session.flush()
    note = db_session.scalars(
        select(Notification)
        .where(Notification.user_id == employer.id)
        .order_by(Notification.id.desc())
    ).first()
    assert note.kind is K.MEETING_ANOTHER_TIME
    assert "syk" not in str(note.params)


def test_leaving_jobbes_erases_the_young_persons_note(db_session, world):
    employer, _colleague, young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        propose(db_session, interest, employer, MONDAY_10)
        meetings.ask_for_another(
            interest, seen_round=1, seen_status=M.PROPOSED, note="Ring mamma", now=utcnow()
        )
        interests.withdraw_all(young.profile, now=utcnow())
    assert interest.meetings[0].note is None


# --- The reminder the day before --------------------------------------------------------------


def reminders(db_session, user) -> int:
    return kinds(db_session, user).count(K.MEETING_REMINDER)


def agreed(db_session, interest, employer, when: Time) -> Meeting:
    meeting = propose(db_session, interest, employer, when)
    meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
    return meeting


def test_both_sides_are_reminded_the_day_before_and_only_once(db_session, world):
    employer, colleague, young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        meeting = agreed(db_session, interest, employer, MONDAY_10)
    with at(oslo(2026, 3, 28, 16)):  # Saturday: Monday is not tomorrow yet
        assert meetings.send_reminders(db_session, now=utcnow()) == 0
    with at(oslo(2026, 3, 29, 12)):
        assert meetings.send_reminders(db_session, now=utcnow()) == 1
        assert meetings.send_reminders(db_session, now=utcnow()) == 0
    with at(oslo(2026, 3, 29, 18)):
        assert meetings.send_reminders(db_session, now=utcnow()) == 0
    assert meeting.reminded_at == oslo(2026, 3, 29, 12)
    assert [reminders(db_session, p) for p in (young, employer, colleague)] == [1, 1, 1]
    db_session.flush()
    to_young = db_session.scalars(
        select(Notification).where(
            Notification.user_id == young.id, Notification.kind == K.MEETING_REMINDER
        )
    ).one()
    assert to_young.params["place"] == "Markens gate 1, 2. etasje"
    assert to_young.params["start"] == "2026-03-30T08:00:00+00:00"


def test_no_reminder_for_a_proposal_not_answered_or_an_interest_that_ended(db_session, world):
    employer, _colleague, young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        propose(db_session, interest, employer, MONDAY_10)
    with at(oslo(2026, 3, 29, 12)):
        assert meetings.send_reminders(db_session, now=utcnow()) == 0
        meetings.choose(interest, seen_round=1, position=1, now=utcnow())
        interests.withdraw(interest, now=utcnow())
        assert meetings.send_reminders(db_session, now=utcnow()) == 0
    assert reminders(db_session, young) == 0


@pytest.mark.parametrize(
    ("job_runs", "meeting_day", "start", "reminded"),
    [
        # Sunday 29 March 2026 has 23 hours: the clocks go forward at 02:00.
        (oslo(2026, 3, 28, 16), date(2026, 3, 29), time(23, 30), True),
        (oslo(2026, 3, 28, 16), date(2026, 3, 30), time(0, 30), False),
        (oslo(2026, 3, 28, 16), date(2026, 3, 29), time(0, 30), True),
        # Sunday 25 October 2026 has 25 hours: the clocks go back at 03:00.
        (oslo(2026, 10, 24, 16), date(2026, 10, 25), time(23, 30), True),
        (oslo(2026, 10, 24, 16), date(2026, 10, 26), time(0, 30), False),
        (oslo(2026, 10, 24, 16), date(2026, 10, 25), time(0, 15), True),
        (oslo(2026, 10, 24, 16), date(2026, 10, 24), time(23, 0), False),
    ],
)
def test_tomorrow_is_tomorrow_on_oslos_clock_across_summer_time(
    db_session, world, job_runs, meeting_day, start, reminded
):
    employer, _colleague, young, interest = world
    with at(datetime.combine(job_runs.date(), time(9), tzinfo=LOCAL_TIMEZONE)):
        end = time(23, 59) if start.hour == 23 else time(start.hour + 1)
        agreed(db_session, interest, employer, Time(meeting_day, start, end))
    with at(job_runs):
        assert meetings.send_reminders(db_session, now=utcnow()) == int(reminded)
    assert reminders(db_session, young) == int(reminded)


def test_the_day_bounds_follow_the_clock_changes():
    spring = meetings.local_day_bounds(date(2026, 3, 29))
    autumn = meetings.local_day_bounds(date(2026, 10, 25))
    assert (spring[1] - spring[0]).total_seconds() == 23 * 3600
    assert (autumn[1] - autumn[0]).total_seconds() == 25 * 3600


# --- The calendar file -----------------------------------------------------------------------


def test_the_calendar_file_reads_back_with_oslo_time_the_place_and_the_contact(db_session, world):
    employer, _colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        meeting = agreed(db_session, interest, employer, MONDAY_10)
    db_session.flush()
    body = meetings.calendar_file(meeting, summary="Prat", description="Spør etter: Kari")
    again = meetings.calendar_file(meeting, summary="Prat", description="Spør etter: Kari")

    calendar = icalendar.Calendar.from_ical(body)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.id}@jobbes.no"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start, end) == (oslo(2026, 3, 30, 10), oslo(2026, 3, 30, 11))
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert str(start.tzinfo) == "Europe/Oslo"
    assert str(event["LOCATION"]) == "Markens gate 1, 2. etasje"
    assert "Kari" in str(event["DESCRIPTION"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert body == again  # the same meeting is the same file, download after download


def test_there_is_no_calendar_file_before_a_time_is_chosen(db_session, world):
    employer, _colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        meeting = propose(db_session, interest, employer, MONDAY_10)
    with pytest.raises(meetings.NotPossible):
        meetings.calendar_file(meeting, summary="x", description="y")


def test_the_young_persons_copy_of_their_data_holds_the_times_and_their_note(db_session, world):
    from jobbes.services import own_data

    employer, _colleague, young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        propose(db_session, interest, employer, MONDAY_10)
        meetings.ask_for_another(
            interest, seen_round=1, seen_status=M.PROPOSED, note="Etter skolen", now=utcnow()
        )
    data = own_data.export_data(db_session, young)
    [meeting] = data["interests"][0]["times_to_meet"]
    assert meeting["my_note"] == "Etter skolen"
    assert meeting["times"] == [
        {"start": datetime(2026, 3, 30, 8, tzinfo=UTC), "end": datetime(2026, 3, 30, 9, tzinfo=UTC)}
    ]
    assert "Etter skolen" in own_data.as_json(data)


@pytest.mark.parametrize(
    ("meanwhile", "stands"), [(S.TRIAL_AGREED, True), (S.DECLINED, False), (S.WITHDRAWN, False)]
)
def test_a_pick_written_as_the_interest_moves_stands_only_if_it_is_still_going(
    db_session, world, meanwhile, stands
):
    from sqlalchemy import update

    from jobbes.models import Interest

    employer, _colleague, _young, interest = world
    with at(oslo(2026, 3, 26, 12)):
        meeting = propose(db_session, interest, employer, MONDAY_10)
        db_session.flush()
        # Another request's step, committed after this one read the interest.
        db_session.execute(
            update(Interest).where(Interest.id == interest.id).values(status=meanwhile),
            execution_options={"synchronize_session": False},
        )
        assert interest.status is S.TALK  # what this request read
        if stands:
            meetings.choose(interest, seen_round=1, position=1, now=utcnow())
        else:
            with pytest.raises(meetings.Changed) as ended:
                meetings.choose(interest, seen_round=1, position=1, now=utcnow())
            # (The view rolls back what the refused request wrote: see views/conflicts.py.)
            assert (ended.value.why, ended.value.status) == (Why.ENDED, meanwhile)
    if stands:
        assert meeting.status is M.CHOSEN
        assert interest.status is S.TRIAL_AGREED
