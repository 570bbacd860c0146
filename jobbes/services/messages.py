"""Conversations: one per interest, between the young person and the organisation's members.

A conversation opens with the interest (the young person's own message is its first words, or
the employer's invitation is) and stays open while the interest is under way, and after a hire
(there is a first day to agree on). When the interest ends otherwise it is read-only, and the
young person can still read it. What was said before conversations existed (the young person's
message on the interest, the employer's notes on each step) stays as its first lines.

Every member of the organisation speaks for it: a message read by one of them is read by the
organisation. A suspended person's messages are hidden from the other side while the suspension
lasts; deleting an account erases the person's words, and the other side sees "deleted".
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from jobbes.models import (
    PULLED_BACK,
    DeclineMessage,
    Interest,
    InterestStatus,
    Listing,
    Message,
    Notification,
    NotificationKind,
    Profile,
    Report,
    ReportedMessage,
    ReportReason,
    Side,
    User,
)
from jobbes.services import events, interests, reports, visibility
from jobbes.services.errors import DomainError
from jobbes.services.state_machine import StaleState, compare_and_set

BODY_MAX = 2000
# How many of the latest messages a report hands to the moderators besides the one reported.
REPORTED_CONTEXT = 20
S = InterestStatus
# Ended: read-only. A hire keeps the conversation open, for the first day and what to bring.
# Every other way an interest ends closes it, also the ones added later (closed unanswered).
CLOSED = frozenset(S) - interests.OPEN - {S.HIRED}
# What the young person's first words have been read by: the employer opened or answered them.
_READ_BY_EMPLOYER = frozenset(
    {S.SEEN, S.TALK, S.TRIAL_AGREED, S.OFFERED, S.HIRED, S.OFFER_DECLINED, S.DECLINED}
)


class ConversationClosed(DomainError):
    """The interest has ended, so nothing more can be written; `current` is where it is now."""

    def __init__(self, current: InterestStatus) -> None:
        super().__init__(f"the conversation is closed ({current.value})")
        self.current = current


class EmptyMessage(DomainError):
    """Nothing to send, or more than BODY_MAX characters."""


def is_open(interest: Interest) -> bool:
    return interest.status not in CLOSED


def side_of(user: User, interest: Interest) -> Side:
    """Which side of the conversation a participant is on."""
    if interest.profile_id is not None and interest.profile_id == user.id:
        return Side.YOUNG_PERSON
    return Side.EMPLOYER


def with_minor(interest: Interest, *, today: date) -> bool:
    """Whether the young person is under 18 today: both sides are shown a safety notice. Only
    this answer leaves the server, never the birth date."""
    profile = interest.profile
    return profile is not None and profile.is_minor(today)


def _is_visible(message: Message) -> bool:
    return visibility.is_present(message.sender)


def _other_side_has_unread(session: Session, interest: Interest, side: Side) -> bool:
    return (
        session.scalar(
            select(Message.id)
            .where(
                Message.interest_id == interest.id,
                Message.side == side,
                Message.read_at.is_(None),
            )
            .limit(1)
        )
        is not None
    )


def send(
    session: Session,
    interest: Interest,
    *,
    sender: User,
    body: str,
    expected: InterestStatus | None = None,
    now: datetime,
) -> Message:
    """Write a message on an interest's conversation, from where the sender saw the interest
    (`expected`, carried in their form).

    The interest's row is compare-and-set on that status, so a message and the step that ends
    the interest cannot both win: if it ended meanwhile, `ConversationClosed`. If it only moved
    on (a colleague invited them to a talk), the conversation is still open and the message
    goes. The other side is told, but only of the first message they have not read yet: a burst
    of five is one notification, not five.
    """
    text = (body or "").strip()
    if not text or len(text) > BODY_MAX:
        raise EmptyMessage("a message is 1 to 2,000 characters")
    seen = expected or interest.status
    # At most a step or two can come between: the flow only goes forward.
    for _attempt in range(len(S)):
        if seen in CLOSED:
            raise ConversationClosed(seen)
        try:
            # Writes nothing new, but locks the row until commit: a step that would end the
            # interest waits for this message, or this message finds it ended.
            compare_and_set(interest, expected={"status": seen}, values={"status": seen})
            break
        except StaleState as stale:
            seen = stale.current
    else:  # pragma: no cover - the flow cannot move that often between two statements
        raise ConversationClosed(interest.status)
    side = side_of(sender, interest)
    if side is Side.EMPLOYER and interest.status in interests.AWAITING_ANSWER:
        # A message is an answer: the no-ghosting clock stops (the row is held already).
        interests.mark_answered(interest, now)
    tell = not _other_side_has_unread(session, interest, side)
    message = Message(
        interest_id=interest.id, sender_id=sender.id, side=side, body=text, sent_at=now
    )
    session.add(message)
    session.flush()
    if tell:
        events.message_sent(interest, sender=sender, to_young_person=side is Side.EMPLOYER, now=now)
    return message


def link_of(interest: Interest) -> str:
    return events.conversation_link(interest)


def mark_read(session: Session, interest: Interest, *, reader: User, now: datetime) -> bool:
    """The reader has the conversation open: what the other side wrote is read, and so are the
    reader's notifications of it. True if anything was unread. Looks before it writes: the page
    asks every few seconds."""
    side = side_of(reader, interest)
    unread = session.scalars(
        select(Message.id).where(
            Message.interest_id == interest.id,
            Message.side != side,
            Message.read_at.is_(None),
            # Hidden from the reader, so not read by them either.
            or_(
                Message.sender_id.is_(None),
                Message.sender_id.not_in(visibility.suspended_people()),
            ),
        )
    ).all()
    if unread:
        session.execute(
            update(Message)
            .where(Message.id.in_(unread), Message.read_at.is_(None))
            .values(read_at=now)
            .execution_options(synchronize_session=False)
        )
    told = session.scalars(
        select(Notification.id).where(
            Notification.user_id == reader.id,
            Notification.kind.in_(_MESSAGE_KINDS),
            Notification.link == link_of(interest),
            Notification.read_at.is_(None),
        )
    ).all()
    if told:
        session.execute(
            update(Notification)
            .where(Notification.id.in_(told))
            .values(read_at=now)
            .execution_options(synchronize_session=False)
        )
    return bool(unread or told)


_MESSAGE_KINDS = (NotificationKind.MESSAGE_TO_YOUNG_PERSON, NotificationKind.MESSAGE_TO_EMPLOYER)


@dataclass(frozen=True)
class Entry:
    """One line of a conversation as one side reads it."""

    side: Side
    at: datetime
    text: str | None  # None: erased with its sender's account
    message_id: int | None = None  # None for the words said before conversations existed
    sender_id: int | None = None
    sender_name: str | None = None
    status: InterestStatus | None = None  # the step earlier words belong to
    kind_message: DeclineMessage | None = None
    read: bool = False  # by the other side

    @property
    def deleted(self) -> bool:
        return self.text is None and self.kind_message is None


def messages_of(session: Session, interest: Interest) -> Sequence[Message]:
    return session.scalars(
        select(Message)
        .where(Message.interest_id == interest.id)
        .order_by(Message.id)
        .options(selectinload(Message.sender))
    ).all()


def conversation(session: Session, interest: Interest, *, viewer: User) -> list[Entry]:
    """Everything said on an interest, oldest first, as `viewer`'s side may read it: the earlier
    words on the interest first, then the messages, without those of a suspended person on the
    other side."""
    side = side_of(viewer, interest)
    opening_read = any(event.status in _READ_BY_EMPLOYER for event in interest.events)
    entries = [
        Entry(
            side=Side.YOUNG_PERSON if said.by_young_person else Side.EMPLOYER,
            at=said.at,
            text=said.text,
            status=said.status,
            kind_message=said.kind_message,
            read=said.by_young_person and opening_read,
        )
        for said in interests.conversation(interest)
    ]
    for message in messages_of(session, interest):
        if message.side is not side and not _is_visible(message):
            continue
        entries.append(
            Entry(
                side=message.side,
                at=message.sent_at,
                text=message.body,
                message_id=message.id,
                sender_id=message.sender_id,
                sender_name=message.sender.name if message.sender is not None else None,
                read=message.read_at is not None,
            )
        )
    return entries


def version(interest: Interest, entries: Sequence[Entry]) -> str:
    """A short fingerprint of what a conversation shows one side (its lines, what was read,
    whether it is open): the page polls with it and is told when nothing changed."""
    shown = (interest.status.value, [(e.message_id, e.at, e.read, e.deleted) for e in entries])
    return format(zlib.crc32(repr(shown).encode()), "08x")


def last_read(entries: Sequence[Entry], side: Side) -> int | None:
    """The position of the last of `side`'s lines the other side has read: "Lest" goes under it."""
    found = None
    for position, entry in enumerate(entries):
        if entry.side is side and entry.read:
            found = position
    return found


# --- Who takes part, and their list of conversations ----------------------------------------


def takes_part(user: User, interest: Interest) -> bool:
    """The young person of the interest, or a member of the organisation whose listing it is
    (not while the young person is suspended, nor once they took back what they shared)."""
    if interest.profile_id is not None and interest.profile_id == user.id:
        return True
    if user.organisation_id is None or user.organisation_id != interest.listing.organisation_id:
        return False
    if interest.status in PULLED_BACK:
        return False
    return interest.profile is None or interest.profile.user.suspended_at is None


def _participants_interests(user: User) -> Select[Interest]:
    if user.profile is not None:
        return select(Interest).where(Interest.profile_id == user.id)
    if user.organisation_id is None:
        return select(Interest).where(false())
    return (
        visibility.visible_interests()
        .join(Listing, Listing.id == Interest.listing_id)
        .where(
            Listing.organisation_id == user.organisation_id,
            Interest.status.not_in(list(PULLED_BACK)),
        )
    )


def _unread_condition(user: User) -> Any:
    side = Side.YOUNG_PERSON if user.profile is not None else Side.EMPLOYER
    return and_(
        Message.side != side,
        Message.read_at.is_(None),
        or_(Message.sender_id.is_(None), Message.sender_id.not_in(visibility.suspended_people())),
    )


@dataclass(frozen=True)
class Summary:
    """One conversation in a person's list."""

    interest: Interest
    last_activity: datetime
    unread: int  # messages, and for an employer the young person's first words not yet read
    is_open: bool


def conversations_of(session: Session, user: User) -> list[Summary]:
    """A person's conversations, newest activity first: a message, or a step on the interest."""
    ids = select(_participants_interests(user).with_only_columns(Interest.id).subquery().c.id)
    found = session.scalars(
        select(Interest)
        .where(Interest.id.in_(ids))
        .options(
            selectinload(Interest.listing).selectinload(Listing.organisation),
            selectinload(Interest.listing).selectinload(Listing.published_version),
            selectinload(Interest.listing).selectinload(Listing.current_version),
            selectinload(Interest.profile).selectinload(Profile.user),
        )
    ).all()
    if not found:
        return []
    rows = session.execute(
        select(
            Message.interest_id,
            func.max(Message.sent_at),
            func.count(Message.id).filter(_unread_condition(user)),
        )
        .where(Message.interest_id.in_([i.id for i in found]))
        .group_by(Message.interest_id)
    ).all()
    latest = {row[0]: (row[1], row[2]) for row in rows}
    summaries = []
    for interest in found:
        last_message, unread = latest.get(interest.id, (None, 0))
        if user.profile is None and _first_words_unread(interest):
            unread += 1
        activity = max(interest.updated_at, last_message) if last_message else interest.updated_at
        summaries.append(Summary(interest, activity, unread, is_open(interest)))
    return sorted(summaries, key=lambda s: (s.last_activity, s.interest.id), reverse=True)


def _first_words_unread(interest: Interest) -> bool:
    return interest.status is S.SENT and interest.message is not None


def unread_conversations(session: Session, user: User) -> int:
    """How many of a person's conversations have words they have not read: for the menu."""
    ids = _participants_interests(user).with_only_columns(Interest.id)
    with_unread = select(Message.interest_id).where(
        Message.interest_id.in_(ids), _unread_condition(user)
    )
    if user.profile is None:
        # A new interest's own words wait for the employer too (as `_first_words_unread`).
        new_interests = ids.where(Interest.status == S.SENT, Interest.message.is_not(None))
        return (
            session.scalar(
                select(func.count()).select_from(with_unread.union(new_interests).subquery())
            )
            or 0
        )
    return (
        session.scalar(select(func.count(func.distinct(with_unread.subquery().c.interest_id)))) or 0
    )


def unread_by_interest(session: Session, user: User) -> dict[int, int]:
    """How many messages a person has not read in each of their conversations (those with any),
    for the link to each on their interest cards: one query for the page."""
    ids = _participants_interests(user).with_only_columns(Interest.id)
    rows = session.execute(
        select(Message.interest_id, func.count(Message.id))
        .where(Message.interest_id.in_(ids), _unread_condition(user))
        .group_by(Message.interest_id)
    ).all()
    return {row[0]: row[1] for row in rows}


# --- Reporting a conversation ----------------------------------------------------------------


def report(
    session: Session,
    interest: Interest,
    message: Message,
    *,
    reporter: User,
    reason: ReportReason,
    text: str | None,
    now: datetime,
) -> Report:
    """Report a message from the other side: the moderators' queue gets the message and the
    last 20 of the conversation, and those are all a moderator can read of it."""
    if message.interest_id != interest.id or message.side is side_of(reporter, interest):
        raise ValueError("only a message from the other side of this conversation is reported")
    filed = reports.create_report(
        session,
        reporter=reporter,
        subject_type=reports.CONVERSATION,
        subject_id=interest.id,
        reason=reason,
        text=text,
        now=now,
    )
    latest = session.scalars(
        select(Message.id)
        .where(Message.interest_id == interest.id)
        .order_by(Message.id.desc())
        .limit(REPORTED_CONTEXT)
    ).all()
    for message_id in sorted({*latest, message.id}):
        session.add(
            ReportedMessage(
                report_id=filed.id, message_id=message_id, reported=message_id == message.id
            )
        )
    session.flush()
    return filed


def reported_messages(session: Session, report_: Report) -> list[tuple[Message, bool]]:
    """What a report about a conversation shows its moderator, oldest first, with which one was
    reported."""
    rows = session.execute(
        select(Message, ReportedMessage.reported)
        .join(ReportedMessage, ReportedMessage.message_id == Message.id)
        .where(ReportedMessage.report_id == report_.id)
        .order_by(Message.id)
        .options(selectinload(Message.sender))
    ).all()
    return [(row[0], row[1]) for row in rows]


# --- Leaving and taking one's data -----------------------------------------------------------


def erase_for(session: Session, user: User) -> None:
    """On deleting an account: the person's words go, and the other side sees "deleted". A young
    person's conversations lose the employer's words too, as their interests do: they can name
    the person ("Hi Sara, see you Monday")."""
    said_by: ColumnElement[bool] = Message.sender_id == user.id
    if user.profile is not None:
        said_by = or_(
            said_by,
            Message.interest_id.in_(select(Interest.id).where(Interest.profile_id == user.id)),
        )
    session.execute(
        update(Message)
        .where(said_by)
        .values(body=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Message)
        .where(Message.sender_id == user.id)
        .values(sender_id=None)
        .execution_options(synchronize_session=False)
    )


def export_for(session: Session, user: User) -> list[dict[str, Any]]:
    """For a person's export: a young person's conversations whole (both sides, it is their
    own matter), an employer's own messages."""
    condition: ColumnElement[bool]
    if user.profile is not None:
        condition = Message.interest_id.in_(
            select(Interest.id).where(Interest.profile_id == user.id)
        )
    else:
        condition = Message.sender_id == user.id
    listing = selectinload(Message.interest).selectinload(Interest.listing)
    found = session.scalars(
        select(Message)
        .where(condition)
        .order_by(Message.interest_id, Message.id)
        .options(
            listing.selectinload(Listing.organisation),
            listing.selectinload(Listing.published_version),
            listing.selectinload(Listing.current_version),
        )
    ).all()
    return [
        {
            "conversation": message.interest_id,
            "listing": _listing_title(message.interest.listing),
            "organisation": message.interest.listing.organisation.name,
            "from": message.side.value,
            "mine": message.sender_id == user.id,
            "words": message.body,
            "sent_at": message.sent_at,
            "read_at": message.read_at,
        }
        for message in found
    ]


def _listing_title(listing: Listing) -> str | None:
    version = listing.published_version or listing.current_version
    return version.title if version is not None else None
