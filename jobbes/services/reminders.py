"""No ghosting: nobody waits for an answer for ever.

An interest the organisation has not answered (reading is not an answer; a step or a message is)
gets a reminder to the organisation after 3 working days, a second after 7 (the moderators see it
in their "unanswered" list from then on), and closes by itself after 14, with a kind message and
three suggestions for the young person, who may send interest to the listing again later. An
invitation the young person has not answered gets one reminder after 7 days and expires after 14
(calendar days: the young person's week is not an office week), and the organisation is told.

Run by the worker's scheduler (jobbes/tasks.py). Each reminder is recorded on the interest
(`reminders_sent`) by a compare-and-set that also checks nobody answered meanwhile, so a second
run, or two workers at once, send nothing twice, and an answer given at the same moment wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from jobbes.matching import Match
from jobbes.models import (
    Interest,
    InterestStatus,
    Listing,
    NotificationKind,
    Organisation,
    Profile,
)
from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.services import events, interests, matches, visibility
from jobbes.services.state_machine import StaleState, compare_and_set
from jobbes.workdays import add_working_days, working_days_between

K = NotificationKind
FIRST_REMINDER = 3  # working days
SECOND_REMINDER = 7
CLOSE_AFTER = 14
INVITATION_REMINDER = timedelta(days=7)
INVITATION_EXPIRES = timedelta(days=14)
SUGGESTIONS = 3


@dataclass
class Outcome:
    """What one run did, for the log and the tests."""

    first_reminders: int = 0
    second_reminders: int = 0
    closed: int = 0
    invitation_reminders: int = 0
    invitations_expired: int = 0


def answer_deadline(interest: Interest) -> datetime | None:
    """When an interest waiting for the organisation's answer closes by itself."""
    if interest.sent_at is None:
        return None
    return add_working_days(interest.sent_at, CLOSE_AFTER)


def invitation_deadline(interest: Interest) -> datetime:
    """When an invitation the young person has not answered expires."""
    return interest.created_at + INVITATION_EXPIRES


def _local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TIMEZONE).date()


def _loaded(query: Select[Interest]) -> Select[Interest]:
    listing = selectinload(Interest.listing)
    return query.options(
        listing.selectinload(Listing.organisation),
        listing.selectinload(Listing.published_version),
        listing.selectinload(Listing.current_version),
        selectinload(Interest.profile).selectinload(Profile.user),
    )


def _remind(interest: Interest, stage: int) -> bool:
    """Record reminder `stage` on the interest unless it was answered or moved meanwhile (or
    another run recorded it first); True if this run is the one to send it."""
    try:
        compare_and_set(
            interest,
            expected={
                "status": interest.status,
                "employer_answered_at": interest.employer_answered_at,
                "reminders_sent": interest.reminders_sent,
            },
            values={"reminders_sent": stage},
        )
    except StaleState:
        return False
    return True


def suggestions_for(session: Session, interest: Interest, *, today: date) -> list[str]:
    """Listings that fit the young person, as "title – organisation", best first."""
    if interest.profile is None:
        return []
    found = _suggested(session, interest.profile, {interest.listing.organisation_id}, today)
    return [
        f"{listing.published_version.title} – {listing.organisation.name}"
        for listing, _match in found
        if listing.published_version is not None
    ]


def _suggested(
    session: Session, profile: Profile, silent: set[int], today: date
) -> list[tuple[Listing, Match]]:
    """The best listings for the young person, not from an organisation that left them without
    an answer."""
    found = matches.recommendations(session, profile, today=today, limit=SUGGESTIONS * 3)
    return [pair for pair in found if pair[0].organisation_id not in silent][:SUGGESTIONS]


def _employer_side(session: Session, outcome: Outcome, *, now: datetime, today: date) -> None:
    # Three working days are at least three calendar days: the database narrows, Python counts.
    waiting = session.scalars(
        _loaded(
            # A suspended young person's interests are out of the employer's sight: not chased.
            visibility.visible_interests()
            .where(
                Interest.status.in_(interests.AWAITING_ANSWER),
                Interest.employer_answered_at.is_(None),
                Interest.sent_at <= now - timedelta(days=FIRST_REMINDER),
            )
            .order_by(Interest.sent_at, Interest.id)
        )
    ).all()
    for interest in waiting:
        assert interest.sent_at is not None
        waited = working_days_between(interest.sent_at, now)
        closes = _local_day(add_working_days(interest.sent_at, CLOSE_AFTER))
        if waited >= CLOSE_AFTER:
            try:
                interests.close_unanswered(interest, now=now)
            except StaleState:
                continue
            suggestions = suggestions_for(session, interest, today=today)
            events.closed_unanswered(interest, suggestions=suggestions, now=now)
            outcome.closed += 1
        elif waited >= SECOND_REMINDER and interest.reminders_sent < 2:
            if _remind(interest, 2):
                events.answer_reminder(
                    interest, K.INTEREST_ANSWER_SECOND_REMINDER, closes=closes, now=now
                )
                outcome.second_reminders += 1
        elif waited >= FIRST_REMINDER and interest.reminders_sent < 1 and _remind(interest, 1):
            events.answer_reminder(interest, K.INTEREST_ANSWER_REMINDER, closes=closes, now=now)
            outcome.first_reminders += 1


def _young_person_side(session: Session, outcome: Outcome, *, now: datetime) -> None:
    invited = session.scalars(
        _loaded(
            select(Interest)
            .where(
                Interest.status == InterestStatus.INVITED,
                Interest.created_at <= now - INVITATION_REMINDER,
            )
            .order_by(Interest.created_at, Interest.id)
        )
    ).all()
    for interest in invited:
        if now - interest.created_at >= INVITATION_EXPIRES:
            try:
                interests.expire_invitation(interest, now=now)
            except StaleState:
                continue
            events.invitation_expired(interest, now=now)
            outcome.invitations_expired += 1
        elif interest.reminders_sent < 1 and _remind(interest, 1):
            expires = _local_day(invitation_deadline(interest))
            events.invitation_reminder(interest, expires=expires, now=now)
            outcome.invitation_reminders += 1


def run(session: Session, *, now: datetime, today: date) -> Outcome:
    """Remind, close and expire whatever is due now; safe to run as often as wanted."""
    outcome = Outcome()
    _employer_side(session, outcome, now=now, today=today)
    _young_person_side(session, outcome, now=now)
    return outcome


@dataclass(frozen=True)
class Clock:
    """What a young person sees of a wait: since when, and the day it ends by itself."""

    invitation: bool  # True: the young person is the one to answer
    days: int  # calendar days since it started, in Kristiansand
    deadline: datetime


def waiting_clock(interest: Interest, *, now: datetime) -> Clock | None:
    """The young person's clock on an open interest, or None when nobody is waiting."""
    if interest.status is InterestStatus.INVITED:
        started, deadline, invitation = interest.created_at, invitation_deadline(interest), True
    elif (
        interest.status in interests.AWAITING_ANSWER
        and interest.employer_answered_at is None
        and interest.sent_at is not None
    ):
        started, deadline, invitation = (
            interest.sent_at,
            add_working_days(interest.sent_at, CLOSE_AFTER),
            False,
        )
    else:
        return None
    days = (_local_day(now) - _local_day(started)).days
    return Clock(invitation=invitation, days=days, deadline=deadline)


def on_my_interests(
    session: Session,
    profile: Profile,
    mine: Sequence[Interest],
    *,
    now: datetime,
    today: date,
) -> dict[str, Any]:
    """What "My interests" shows of waiting: each open interest's clock, and, when one closed
    unanswered, three listings that fit the young person."""
    silent = {
        interest.listing.organisation_id
        for interest in mine
        if interest.status is InterestStatus.UNANSWERED
    }
    clocks = {interest.id: waiting_clock(interest, now=now) for interest in mine}
    return {
        "clocks": {interest_id: clock for interest_id, clock in clocks.items() if clock},
        "closed_suggestions": _suggested(session, profile, silent, today) if silent else [],
    }


@dataclass(frozen=True)
class Unanswered:
    """An interest the organisation has left unanswered past its second reminder."""

    interest: Interest
    working_days: int
    closes: datetime


def unanswered(session: Session, *, now: datetime) -> list[Unanswered]:
    """The moderators' list: interests still unanswered after the second reminder (7 working
    days), longest waiting first, with the organisation and its members loaded for contact."""
    listing = selectinload(Interest.listing)
    waiting = session.scalars(
        visibility.visible_interests()
        .where(
            Interest.status.in_(interests.AWAITING_ANSWER),
            Interest.employer_answered_at.is_(None),
            Interest.reminders_sent >= 2,
        )
        .order_by(Interest.sent_at, Interest.id)
        .options(
            listing.selectinload(Listing.organisation).selectinload(Organisation.members),
            listing.selectinload(Listing.published_version),
            listing.selectinload(Listing.current_version),
        )
    ).all()
    found = []
    for interest in waiting:
        assert interest.sent_at is not None
        found.append(
            Unanswered(
                interest,
                working_days_between(interest.sent_at, now),
                add_working_days(interest.sent_at, CLOSE_AFTER),
            )
        )
    return found


@dataclass(frozen=True)
class AnswerClock:
    """What the employer sees of a wait for its answer."""

    working_days: int
    closes: datetime


def answer_clocks(waiting: Sequence[Interest], *, now: datetime) -> dict[int, AnswerClock]:
    """For each interest still waiting for the organisation's answer: how long, and when it
    closes by itself."""
    clocks = {}
    for interest in waiting:
        if (
            interest.status in interests.AWAITING_ANSWER
            and interest.employer_answered_at is None
            and interest.sent_at is not None
        ):
            clocks[interest.id] = AnswerClock(
                working_days_between(interest.sent_at, now),
                add_working_days(interest.sent_at, CLOSE_AFTER),
            )
    return clocks
