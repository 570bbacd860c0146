"""Times to meet: the employer proposes one to three times for a talk or a first trial day, the
young person picks one or asks for another, and both are reminded the day before.

Proposing is the invitation to a talk: from "sent" or "seen" it moves the interest to "talk"
(through the interest's own state machine), so the young person sees one step and one
notification. Proposing again replaces the proposal before, which stays as history. Every answer
is a compare-and-set on the proposal the person saw: a pick that crosses a new proposal, or an
interest that ended meanwhile, loses and is told (`Changed`).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import icalendar
from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from jobbes.models import (
    Interest,
    InterestStatus,
    Listing,
    Meeting,
    MeetingKind,
    MeetingSlot,
    MeetingStatus,
    User,
)
from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.services import events, interests, visibility
from jobbes.services.errors import DomainError
from jobbes.services.state_machine import StaleState, compare_and_set

S = InterestStatus
M = MeetingStatus

MAX_TIMES = 3
PLACE_MAX = 200
CONTACT_NAME_MAX = 100
CONTACT_PHONE_MAX = 30
NOTE_MAX = 300

# While the employer may propose: after an offer the talking is done; before "sent" the young
# person has not said yes to the invitation yet.
PROPOSABLE = frozenset({S.SENT, S.SEEN, S.TALK, S.TRIAL_AGREED})
# While a proposal may be answered, shown and reminded of: as long as the interest is going.
LIVE = interests.ACTIVE
# What the young person may change their answer from: a time they cannot make after all.
ANSWERABLE = frozenset({M.PROPOSED, M.CHOSEN})


@dataclass(frozen=True)
class Time:
    """One proposed time as the employer writes it, on the clock in Kristiansand."""

    day: date
    start: time
    end: time

    @property
    def starts_at(self) -> datetime:
        return on_local_clock(self.day, self.start).astimezone(UTC)

    @property
    def ends_at(self) -> datetime:
        return on_local_clock(self.day, self.end).astimezone(UTC)


def on_local_clock(day: date, clock: time) -> datetime:
    """The moment a clock in Kristiansand shows `clock` on `day` (an aware datetime)."""
    return datetime.combine(day, clock, tzinfo=LOCAL_TIMEZONE)


class Problem(enum.StrEnum):
    NO_TIMES = "no_times"
    TOO_MANY = "too_many"
    END_BEFORE_START = "end_before_start"
    IN_THE_PAST = "in_the_past"
    NO_PLACE = "no_place"
    NO_CONTACT = "no_contact"


class BadProposal(DomainError):
    """What is wrong with a proposal: each problem with the index of its time (or None)."""

    def __init__(self, problems: Sequence[tuple[Problem, int | None]]) -> None:
        super().__init__(", ".join(problem.value for problem, _index in problems))
        self.problems = list(problems)


class Why(enum.StrEnum):
    REPLACED = "replaced"  # the employer proposed new times
    ANSWERED = "answered"  # the young person answered
    ENDED = "ended"  # the interest ended or moved on


class Changed(DomainError):
    """Someone acted on the proposal (or the interest) since the person looked at it."""

    def __init__(self, why: Why, status: InterestStatus) -> None:
        super().__init__(why.value)
        self.why = why
        self.status = status


class NotPossible(DomainError):
    """Nothing to act on here: the interest is not open for times, or there is no proposal."""


class PastTime(DomainError):
    """The time picked has already begun."""


def current(interest: Interest) -> Meeting | None:
    """The proposal that counts now (every earlier one was replaced by it)."""
    return interest.meetings[-1] if interest.meetings else None


def history(interest: Interest) -> list[Meeting]:
    """The proposals that were replaced, newest first."""
    return [m for m in reversed(interest.meetings) if m.status is M.REPLACED]


def shown(interest: Interest) -> Meeting | None:
    """The proposal both sides see on their pages, while the interest is going."""
    meeting = current(interest)
    return meeting if meeting is not None and interest.status in LIVE else None


def shown_to_young_person(interest: Interest) -> Meeting | None:
    """The proposal the young person sees: not one by a member who is suspended now, as with
    their messages (nobody meets someone the moderators stopped). A colleague may propose
    again, and that one is seen."""
    meeting = shown(interest)
    if meeting is None or not visibility.is_present(meeting.proposed_by):
        return None
    return meeting


def _by_someone_present() -> ColumnElement[bool]:
    """`shown_to_young_person`'s rule in SQL: not proposed by someone suspended now."""
    return or_(
        Meeting.proposed_by_id.is_(None),
        Meeting.proposed_by_id.not_in(visibility.suspended_people()),
    )


def upcoming(session: Session, young_person: User, *, now: datetime) -> list[Meeting]:
    """The young person's agreed times that are not over yet, soonest first (for `/me`), on
    interests still going and not proposed by someone suspended now."""
    chosen = and_(
        MeetingSlot.meeting_id == Meeting.id, MeetingSlot.position == Meeting.chosen_position
    )
    return list(
        session.scalars(
            select(Meeting)
            .join(MeetingSlot, chosen)
            .join(Interest, Interest.id == Meeting.interest_id)
            .where(
                Interest.profile_id == young_person.id,
                Interest.status.in_(list(LIVE)),
                Meeting.status == M.CHOSEN,
                MeetingSlot.ends_at > now,
                _by_someone_present(),
            )
            .order_by(MeetingSlot.starts_at, Meeting.id)
            .options(
                selectinload(Meeting.interest)
                .selectinload(Interest.listing)
                .selectinload(Listing.organisation),
                selectinload(Meeting.interest)
                .selectinload(Interest.listing)
                .selectinload(Listing.published_version),
                selectinload(Meeting.interest)
                .selectinload(Interest.listing)
                .selectinload(Listing.current_version),
            )
        )
    )


def problems_with(
    times: Sequence[Time], *, place: str, contact_name: str, now: datetime
) -> list[tuple[Problem, int | None]]:
    problems: list[tuple[Problem, int | None]] = []
    if not times:
        problems.append((Problem.NO_TIMES, None))
    if len(times) > MAX_TIMES:
        problems.append((Problem.TOO_MANY, None))
    for index, proposed in enumerate(times):
        if proposed.end <= proposed.start:
            problems.append((Problem.END_BEFORE_START, index))
        elif proposed.starts_at <= now:
            problems.append((Problem.IN_THE_PAST, index))
    if not place.strip():
        problems.append((Problem.NO_PLACE, None))
    if not contact_name.strip():
        problems.append((Problem.NO_CONTACT, None))
    return problems


def propose(
    session: Session,
    interest: Interest,
    *,
    by: User,
    kind: MeetingKind,
    times: Sequence[Time],
    place: str,
    contact_name: str,
    contact_phone: str | None,
    now: datetime,
    seen_round: int = 0,
    seen_status: MeetingStatus | None = None,
    expected: InterestStatus | None = None,
) -> Meeting:
    """Propose times on an interest, replacing the proposal the employer saw (`seen_round`, in
    `seen_status`; 0 and None for none). Raises `BadProposal`, `NotPossible` or `Changed`."""
    problems = problems_with(times, place=place, contact_name=contact_name, now=now)
    if problems:
        raise BadProposal(problems)
    status = interest.status
    if expected is not None and expected is not status:
        raise Changed(Why.ENDED, status)
    if status not in PROPOSABLE:
        raise NotPossible(status.value)
    before = current(interest)
    if (before.round if before is not None else 0) != seen_round:
        raise Changed(Why.REPLACED, status)
    if before is not None:
        try:
            compare_and_set(
                before,
                expected={"status": seen_status or before.status},
                values={"status": M.REPLACED},
            )
        except StaleState as stale:
            raise Changed(
                Why.REPLACED if stale.current is M.REPLACED else Why.ANSWERED, status
            ) from None
    meeting = Meeting(
        round=seen_round + 1,
        kind=kind,
        status=M.PROPOSED,
        place=place.strip()[:PLACE_MAX],
        contact_name=contact_name.strip()[:CONTACT_NAME_MAX],
        contact_phone=(contact_phone or "").strip()[:CONTACT_PHONE_MAX] or None,
        proposed_by_id=by.id,
        proposed_at=now,
        slots=[
            MeetingSlot(position=position, starts_at=t.starts_at, ends_at=t.ends_at)
            for position, t in enumerate(sorted(times, key=lambda t: t.starts_at), start=1)
        ],
    )
    # Two colleagues proposing at once both read the same round; the unique round per
    # interest lets one in, and only the loser's savepoint is undone.
    try:
        with session.begin_nested():
            interest.meetings.append(meeting)
            session.flush()
    except IntegrityError:
        session.expire(interest, ["meetings"])
        raise Changed(Why.REPLACED, status) from None
    try:
        if status in (S.SENT, S.SEEN):
            interests.invite_to_talk_with_times(interest, now=now, expected=status)
        else:
            # Still where the employer saw it (a decline at the same moment wins otherwise).
            compare_and_set(interest, expected={"status": status}, values={"updated_at": now})
    except StaleState as stale:
        raise Changed(Why.ENDED, stale.current) from None
    events.meeting_proposed(meeting, now=now)
    return meeting


def _answerable(interest: Interest, seen_round: int) -> Meeting:
    meeting = current(interest)
    if meeting is None:
        raise NotPossible("no proposal")
    if meeting.round != seen_round or meeting.status is M.REPLACED:
        raise Changed(Why.REPLACED, interest.status)
    if not visibility.is_present(meeting.proposed_by):
        raise NotPossible("proposed by someone suspended")
    if interest.status not in LIVE:
        raise Changed(Why.ENDED, interest.status)
    return meeting


def _answer(interest: Interest, meeting: Meeting, *, seen: MeetingStatus, **values: object) -> None:
    try:
        compare_and_set(meeting, expected={"status": seen}, values=values)
    except StaleState as stale:
        why = Why.REPLACED if stale.current is M.REPLACED else Why.ANSWERED
        raise Changed(why, interest.status) from None
    # The interest must still be going when the answer is written (a decline at the same moment
    # wins otherwise); a colleague's step that keeps it going is no reason to refuse.
    seen_interest = interest.status
    while True:
        try:
            compare_and_set(
                interest,
                expected={"status": seen_interest},
                values={"updated_at": values["answered_at"]},
            )
        except StaleState as stale:
            if stale.current not in LIVE:
                raise Changed(Why.ENDED, stale.current) from None
            seen_interest = stale.current
            continue
        return


def choose(interest: Interest, *, seen_round: int, position: int, now: datetime) -> Meeting:
    """The young person picks one of the proposed times. Raises `NotPossible` (no such time),
    `PastTime` or `Changed`."""
    meeting = _answerable(interest, seen_round)
    if meeting.status is not M.PROPOSED:
        raise Changed(Why.ANSWERED, interest.status)
    slot = next((s for s in meeting.slots if s.position == position), None)
    if slot is None:
        raise NotPossible("no such time")
    if slot.starts_at <= now:
        raise PastTime(str(position))
    _answer(
        interest,
        meeting,
        seen=M.PROPOSED,
        status=M.CHOSEN,
        chosen_position=position,
        note=None,
        answered_at=now,
    )
    events.meeting_answered(meeting, now=now)
    return meeting


def ask_for_another(
    interest: Interest,
    *,
    seen_round: int,
    seen_status: MeetingStatus,
    note: str | None,
    now: datetime,
) -> Meeting:
    """None of the times suits the young person (or a chosen one no longer does)."""
    meeting = _answerable(interest, seen_round)
    if seen_status not in ANSWERABLE:
        raise Changed(Why.ANSWERED, interest.status)
    _answer(
        interest,
        meeting,
        seen=seen_status,
        status=M.ANOTHER_TIME,
        chosen_position=None,
        note=(note or "").strip()[:NOTE_MAX] or None,
        answered_at=now,
    )
    events.meeting_answered(meeting, now=now)
    return meeting


# --- The reminder the day before ------------------------------------------------------------


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first moment of `day` in Kristiansand and of the day after, in UTC: 23, 24 or 25
    hours apart (aware datetimes in one zone subtract as wall clocks do, so not in Oslo's)."""
    return (
        on_local_clock(day, time()).astimezone(UTC),
        on_local_clock(day + timedelta(days=1), time()).astimezone(UTC),
    )


def send_reminders(session: Session, *, now: datetime) -> int:
    """Remind both sides of every chosen time that is tomorrow in Kristiansand, once: the
    marker is set by a compare-and-set, so a second run (or a second worker) sends nothing.
    Returns how many meetings were reminded of."""
    tomorrow = now.astimezone(LOCAL_TIMEZONE).date() + timedelta(days=1)
    start, end = local_day_bounds(tomorrow)
    due = session.scalars(
        select(Meeting)
        .join(
            MeetingSlot,
            (MeetingSlot.meeting_id == Meeting.id)
            & (MeetingSlot.position == Meeting.chosen_position),
        )
        .join(Interest, Interest.id == Meeting.interest_id)
        .where(
            Meeting.status == M.CHOSEN,
            Meeting.reminded_at.is_(None),
            Interest.status.in_(LIVE),
            MeetingSlot.starts_at >= start,
            MeetingSlot.starts_at < end,
            # Hidden from the young person while its proposer is suspended, and from the
            # organisation while the young person is: no reminder either.
            _by_someone_present(),
            Interest.profile_id.not_in(visibility.suspended_people()),
        )
        .order_by(Meeting.id)
    ).all()
    reminded = 0
    for meeting in due:
        try:
            compare_and_set(
                meeting,
                expected={"reminded_at": None, "status": M.CHOSEN},
                values={"reminded_at": now},
            )
        except StaleState:
            continue
        events.meeting_reminder(meeting, now=now)
        reminded += 1
    return reminded


# --- The calendar file ----------------------------------------------------------------------


def uid(meeting: Meeting) -> str:
    """The same for every download of one meeting, from either side."""
    return f"meeting-{meeting.id}@jobbes.no"


def calendar_file(
    meeting: Meeting, *, summary: str, description: str, url: str | None = None
) -> bytes:
    """An iCalendar file with the chosen time, on Oslo's clock, with its place."""
    slot = meeting.chosen
    if slot is None:
        raise NotPossible("no time chosen")
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Jobbes//jobbes.no//NO")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", uid(meeting))
    # The moment it was agreed, so the same meeting downloads as the same file.
    event.add("dtstamp", meeting.answered_at or meeting.proposed_at)
    event.add("sequence", 0)
    event.add("dtstart", slot.starts_at.astimezone(LOCAL_TIMEZONE))
    event.add("dtend", slot.ends_at.astimezone(LOCAL_TIMEZONE))
    event.add("summary", summary)
    event.add("location", meeting.place)
    event.add("description", description)
    event.add("status", "CONFIRMED")
    if url:
        event.add("url", url)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
