"""Interests: a young person's "I'm interested", an employer's invitation, and every step after.

sent → seen → invited to a talk or trial → trial agreed → offered → hired; or declined by the
employer (always with one of the kind messages), or withdrawn by the young person. An employer
may also invite a young person who let employers find them; the young person decides.

An offer is answered by the young person: their yes is the hire (the offer was the employer's
yes, and a second confirmation would leave the young person waiting again; the contract is
signed outside Jobbes), their no ends it. A young person who withdrew may say they are
interested again while the listing is open: the same interest reopens, as a step on its timeline.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session, selectinload

from jobbes.models import (
    DeclineMessage,
    Interest,
    InterestEvent,
    InterestStatus,
    Listing,
    Profile,
)
from jobbes.services import agreements, events, visibility
from jobbes.services.errors import DomainError
from jobbes.services.state_machine import StaleState, StateMachine, compare_and_set

MESSAGE_MAX = 500
S = InterestStatus

FLOW = StateMachine(
    attribute="status",
    initial=S.SENT,
    steps={
        "accept_invitation": (frozenset({S.INVITED}), S.SENT),
        "decline_invitation": (frozenset({S.INVITED}), S.INVITATION_DECLINED),
        "see": (frozenset({S.SENT}), S.SEEN),
        "invite_to_talk": (frozenset({S.SENT, S.SEEN}), S.TALK),
        "agree_trial": (frozenset({S.SENT, S.SEEN, S.TALK}), S.TRIAL_AGREED),
        "offer": (frozenset({S.SEEN, S.TALK, S.TRIAL_AGREED}), S.OFFERED),
        "accept_offer": (frozenset({S.OFFERED}), S.HIRED),
        "decline_offer": (frozenset({S.OFFERED}), S.OFFER_DECLINED),
        "decline": (frozenset({S.SENT, S.SEEN, S.TALK, S.TRIAL_AGREED, S.OFFERED}), S.DECLINED),
        "withdraw": (
            frozenset({S.SENT, S.SEEN, S.TALK, S.TRIAL_AGREED, S.OFFERED}),
            S.WITHDRAWN,
        ),
        "reopen": (frozenset({S.WITHDRAWN, S.UNANSWERED}), S.SENT),
        # Nobody's step: the scheduler closes what waited too long (services/reminders.py).
        "close_unanswered": (frozenset({S.SENT, S.SEEN}), S.UNANSWERED),
        "expire_invitation": (frozenset({S.INVITED}), S.INVITATION_EXPIRED),
    },
)

# The steps an employer takes, in the order the pipeline offers them.
EMPLOYER_STEPS = ("invite_to_talk", "agree_trial", "offer", "decline")
OPEN = frozenset({S.INVITED, S.SENT, S.SEEN, S.TALK, S.TRIAL_AGREED, S.OFFERED})
# Open and under way: everything open except an invitation the young person has not answered.
ACTIVE = OPEN - {S.INVITED}
FINISHED = frozenset(
    {
        S.HIRED,
        S.OFFER_DECLINED,
        S.DECLINED,
        S.WITHDRAWN,
        S.INVITATION_DECLINED,
        S.UNANSWERED,
        S.INVITATION_EXPIRED,
    }
)
# Waiting for the employer's answer: sent and perhaps read, but nothing said yet (a message from
# the organisation is an answer too, recorded by `mark_answered`).
AWAITING_ANSWER = frozenset({S.SENT, S.SEEN})


class WhyNot(enum.StrEnum):
    """Why an interest cannot be sent or an invitation made."""

    CLOSED = "closed"
    TOO_YOUNG = "too_young"
    ALREADY_INTERESTED = "already_interested"
    NOT_DISCOVERABLE = "not_discoverable"


# How long a new job is celebrated on the young person's front page.
CELEBRATED_FOR = timedelta(days=60)


class NotPossible(DomainError):
    """The interest cannot be sent; `reason` says why, for the view to explain kindly."""

    def __init__(self, reason: WhyNot) -> None:
        super().__init__(reason)
        self.reason = reason


class DetailsMissing(DomainError):
    """A step that needs details (dates, a kind message) came without them."""


class InterestClosed(DomainError):
    """The interest ended (closed unanswered, withdrawn, ...) before this could be done."""

    def __init__(self, status: InterestStatus) -> None:
        super().__init__(f"the interest is {status.value}")
        self.status = status


def _start_waiting(interest: Interest, now: datetime) -> None:
    """The interest has just reached the employer: a new wait for an answer begins."""
    interest.sent_at = now
    interest.employer_answered_at = None
    interest.reminders_sent = 0


def _clean(text: str | None) -> str | None:
    return (text or "").strip()[:MESSAGE_MAX] or None


def _step(
    interest: Interest,
    step: str,
    *,
    now: datetime,
    note: str | None = None,
    expected: InterestStatus | None = None,
    tell: bool = True,
) -> None:
    # The event is written only once the move has won, so a loser leaves no trace in the timeline.
    FLOW.move(interest, step, expected=expected)
    interest.updated_at = now
    interest.events.append(InterestEvent(status=interest.status, created_at=now, note=note))
    if tell:
        events.interest_stepped(interest, step, now=now, note=note)
    if interest.status in (S.WITHDRAWN, S.DECLINED):
        session = object_session(interest)
        assert session is not None
        agreements.interest_ended(session, interest, now=now)


def recent_hires(mine: Sequence[Interest], *, now: datetime) -> list[Interest]:
    """The jobs a young person got lately, newest first: worth saying first thing they see."""
    hires = [i for i in mine if i.status is S.HIRED and now - i.updated_at <= CELEBRATED_FOR]
    return sorted(hires, key=lambda i: i.updated_at, reverse=True)


def existing(session: Session, listing: Listing, profile: Profile) -> Interest | None:
    return session.scalar(
        select(Interest).where(
            Interest.listing_id == listing.id, Interest.profile_id == profile.user_id
        )
    )


def why_not(session: Session, profile: Profile, listing: Listing, *, today: date) -> WhyNot | None:
    """Why this young person cannot say they are interested, or None if they can."""
    if not visibility.is_public(listing, today):
        return WhyNot.CLOSED
    assert listing.minimum_age is not None
    if profile.age(today) < listing.minimum_age:
        return WhyNot.TOO_YOUNG
    if existing(session, listing, profile) is not None:
        return WhyNot.ALREADY_INTERESTED
    return None


def _open(
    session: Session,
    *,
    listing: Listing,
    profile: Profile,
    status: InterestStatus,
    now: datetime,
    message: str | None = None,
    employer_message: str | None = None,
) -> Interest:
    """A new interest and the first event of its timeline, or `NotPossible` if the pair already
    has one (a double click, or the same young person invited at the same moment)."""
    interest = Interest(
        listing_id=listing.id,
        profile_id=profile.user_id,
        status=status,
        message=message,
        employer_message=employer_message,
        created_at=now,
        updated_at=now,
        sent_at=now if status is S.SENT else None,
        reminders_sent=0,
    )
    interest.events.append(InterestEvent(status=status, created_at=now, note=employer_message))
    # `why_not` looked first, but a parallel request can insert between that look and this
    # insert; the unique constraint decides then, and only this savepoint is undone.
    try:
        with session.begin_nested():
            session.add(interest)
    except IntegrityError:
        raise NotPossible(WhyNot.ALREADY_INTERESTED) from None
    events.interest_opened(interest, now=now)
    return interest


def express_interest(
    session: Session,
    *,
    profile: Profile,
    listing: Listing,
    message: str | None,
    today: date,
    now: datetime,
) -> Interest:
    """A young person says "I'm interested", with an optional short message."""
    reason = why_not(session, profile, listing, today=today)
    if reason is not None:
        raise NotPossible(reason)
    return _open(
        session, listing=listing, profile=profile, status=S.SENT, message=_clean(message), now=now
    )


def invite(
    session: Session,
    *,
    listing: Listing,
    profile: Profile,
    message: str | None,
    today: date,
    now: datetime,
) -> Interest:
    """An employer invites a young person who let employers find them to apply."""
    if not visibility.is_discoverable(profile):
        raise NotPossible(WhyNot.NOT_DISCOVERABLE)
    reason = why_not(session, profile, listing, today=today)
    if reason is not None:
        raise NotPossible(reason)
    return _open(
        session,
        listing=listing,
        profile=profile,
        status=S.INVITED,
        employer_message=_clean(message),
        now=now,
    )


def respond_to_invitation(
    interest: Interest, *, accept: bool, message: str | None, now: datetime
) -> None:
    # Whoever answers saw an invitation: anything else means it was answered meanwhile.
    _step(
        interest,
        "accept_invitation" if accept else "decline_invitation",
        now=now,
        expected=S.INVITED,
    )
    if accept:
        interest.message = _clean(message)
        _start_waiting(interest, now)


def withdraw(interest: Interest, *, now: datetime, expected: InterestStatus | None = None) -> None:
    _step(interest, "withdraw", now=now, expected=expected)


def reopen(interest: Interest, *, today: date, now: datetime) -> None:
    """A young person who withdrew is interested again, while the listing is still open."""
    if not visibility.is_public(interest.listing, today):
        raise NotPossible(WhyNot.CLOSED)
    profile = interest.profile
    assert profile is not None
    assert interest.listing.minimum_age is not None
    if profile.age(today) < interest.listing.minimum_age:
        raise NotPossible(WhyNot.TOO_YOUNG)
    _step(interest, "reopen", now=now)
    _start_waiting(interest, now)


def answer_offer(interest: Interest, *, accept: bool, now: datetime) -> None:
    """The young person accepts the offer (and is hired) or says no to it."""
    _step(interest, "accept_offer" if accept else "decline_offer", now=now)


def mark_seen(interest: Interest, *, now: datetime) -> None:
    """The employer has opened the interest; the young person sees that it was read."""
    if interest.status is S.SENT:
        # A colleague who moved it on meanwhile did more than see it.
        with contextlib.suppress(StaleState):
            _step(interest, "see", now=now)


def mark_all_seen(session: Session, listing: Listing, *, now: datetime) -> bool:
    """The employer opened the listing's interests: the new ones are read. True if there were."""
    unread = session.scalars(
        select(Interest).where(Interest.listing_id == listing.id, Interest.status == S.SENT)
    ).all()
    for interest in unread:
        mark_seen(interest, now=now)
    return bool(unread)


def invite_to_talk_with_times(
    interest: Interest, *, now: datetime, expected: InterestStatus | None = None
) -> None:
    """Proposing times to meet is the invitation to a talk: the step goes on the timeline, and
    the proposal itself tells the young person (one notification, with the times)."""
    _step(interest, "invite_to_talk", now=now, expected=expected, tell=False)
    # An invitation with times is the employer's answer, as any other step (no ghosting).
    if interest.employer_answered_at is None:
        interest.employer_answered_at = now


def employer_step(
    interest: Interest,
    step: str,
    *,
    now: datetime,
    message: str | None = None,
    trial_start: date | None = None,
    trial_end: date | None = None,
    decline_message: DeclineMessage | None = None,
    expected: InterestStatus | None = None,
) -> None:
    """Move an interest along the employer's pipeline from `expected`, where the employer saw it
    (by default where it is now); a colleague who moved it first wins (`StaleState`)."""
    if step not in EMPLOYER_STEPS:
        raise ValueError(f"{step} is not an employer's step")
    message = _clean(message)
    if step == "agree_trial" and (
        trial_start is None or (trial_end is not None and trial_end < trial_start)
    ):
        raise DetailsMissing("a trial needs a start date, and an end after it")
    if step == "decline" and decline_message is None:
        raise DetailsMissing("declining needs one of the kind messages")
    # The step first: a refused step leaves the details as they were.
    _step(interest, step, now=now, note=message, expected=expected, tell=False)
    if step == "agree_trial":
        interest.trial_start, interest.trial_end = trial_start, trial_end
    if step == "decline":
        interest.decline_message = decline_message
    if message:
        interest.employer_message = message
    # The first answer of this wait counts (the step's compare-and-set holds the row now).
    if interest.employer_answered_at is None:
        interest.employer_answered_at = now
    # Told once the details are in place: the dates and the kind message are what it says.
    events.interest_stepped(interest, step, now=now, note=message)
    if step == "agree_trial":
        session = object_session(interest)
        assert session is not None
        agreements.draft(session, interest, actor=None, now=now)


def mark_answered(interest: Interest, now: datetime) -> bool:
    """Someone of the organisation answered without a step (a message): the wait is over.

    Only the first answer of a wait is kept; True if this was it. A compare-and-set against the
    scheduler closing the interest at the same moment: if it closed first, `InterestClosed`.
    """
    while True:
        if interest.status not in OPEN:
            raise InterestClosed(interest.status)
        if interest.status not in AWAITING_ANSWER or interest.employer_answered_at is not None:
            return False
        try:
            compare_and_set(
                interest,
                expected={"status": interest.status, "employer_answered_at": None},
                values={"employer_answered_at": now},
            )
        except StaleState:
            continue  # reloaded as it is now: closed, answered, or only read meanwhile
        return True


def close_unanswered(interest: Interest, *, now: datetime) -> None:
    """Nobody answered within the deadline: the interest closes by itself, unless the employer
    answered (a step or a message) a moment before, which wins (`StaleState`)."""
    FLOW.move(
        interest, "close_unanswered", expected=interest.status, also={"employer_answered_at": None}
    )
    interest.updated_at = now
    interest.events.append(InterestEvent(status=interest.status, created_at=now))


def expire_invitation(interest: Interest, *, now: datetime) -> None:
    """The young person did not answer an invitation in time; their answer a moment before wins."""
    FLOW.move(interest, "expire_invitation", expected=S.INVITED)
    interest.updated_at = now
    interest.events.append(InterestEvent(status=interest.status, created_at=now))


@dataclass(frozen=True)
class Said:
    """One message on an interest: who wrote it, at which step, and when."""

    by_young_person: bool
    status: InterestStatus
    at: datetime
    text: str | None
    kind_message: DeclineMessage | None = None


def conversation(interest: Interest) -> list[Said]:
    """Everything said on an interest, oldest first, so no earlier message is lost.

    The young person's own words are kept on the interest and belong to the step where they
    said they were interested; an employer's words are the notes on the steps they took.
    """
    said: list[Said] = []
    young_persons_words = interest.message
    for event in interest.events:
        if event.status is S.SENT and young_persons_words:
            said.append(Said(True, event.status, event.created_at, young_persons_words))
            young_persons_words = None
        kind = interest.decline_message if event.status is S.DECLINED else None
        if event.note or kind:
            said.append(Said(False, event.status, event.created_at, event.note, kind))
    return said


def for_listing(listing: Listing) -> Select[Interest]:
    """Everyone interested in (or invited to) one listing, oldest first, with what the
    employer's pipeline shows of each loaded for all of them at once."""
    return (
        visibility.visible_interests()
        .where(Interest.listing_id == listing.id)
        .order_by(Interest.created_at, Interest.id)
        .options(
            selectinload(Interest.profile).selectinload(Profile.user),
            selectinload(Interest.profile).selectinload(Profile.submissions),
            selectinload(Interest.profile).selectinload(Profile.approved_submission),
            selectinload(Interest.events),
            selectinload(Interest.meetings),
        )
    )


def of_profile(profile: Profile) -> Select[Interest]:
    """A young person's interests and invitations, newest change first, with what their page
    shows of each loaded for all of them at once."""
    listing = selectinload(Interest.listing)
    return (
        select(Interest)
        .where(Interest.profile_id == profile.user_id)
        .order_by(Interest.updated_at.desc(), Interest.id.desc())
        .options(
            listing.selectinload(Listing.organisation),
            listing.selectinload(Listing.published_version),
            listing.selectinload(Listing.current_version),
            selectinload(Interest.events),
            selectinload(Interest.meetings),
        )
    )


def counts_by_listing(session: Session, listing_ids: list[int]) -> dict[int, int]:
    """How many young people are interested in each listing (invitations not yet accepted,
    withdrawals and offers said no to do not count)."""
    if not listing_ids:
        return {}
    rows = session.execute(
        visibility.visible_interests()
        .with_only_columns(Interest.listing_id, func.count())
        .where(
            Interest.listing_id.in_(listing_ids),
            Interest.status.not_in(
                [
                    S.INVITED,
                    S.INVITATION_DECLINED,
                    S.INVITATION_EXPIRED,
                    S.WITHDRAWN,
                    S.UNANSWERED,
                    S.OFFER_DECLINED,
                ]
            ),
        )
        .group_by(Interest.listing_id)
    ).all()
    return dict(rows)


def interested_listing_ids(session: Session, profile: Profile) -> frozenset[int]:
    return frozenset(
        session.scalars(select(Interest.listing_id).where(Interest.profile_id == profile.user_id))
    )


def withdraw_all(profile: Profile, *, now: datetime) -> None:
    """On leaving Jobbes: every open interest is withdrawn, and the words both ways erased (what
    employers wrote can name the person: "Hi Sara, see you Monday")."""
    for interest in profile.interests:
        _end(interest, now=now)
        interest.message = None
        interest.employer_message = None
        for meeting in interest.meetings:
            meeting.note = None  # their words asking for another time


def _end(interest: Interest, *, now: datetime) -> None:
    # An employer may move the interest while the account is being deleted: end it from
    # wherever it is now, as often as it takes (the flow only goes forward, so it is finite).
    while interest.status in OPEN:
        step = "decline_invitation" if interest.status is S.INVITED else "withdraw"
        try:
            _step(interest, step, now=now)
        except StaleState:
            continue
